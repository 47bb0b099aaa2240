/**
 * The plain-page bundle's types: dist/pj-elements.iife.js is a classic <script> whose one global,
 * `PjElements`, holds the exports of pj-elements; dist/pj-elements.iife.d.ts declares it, reached
 * through package.json "exports" as `pj-elements/pj-elements.iife.js`. A page script written in
 * TypeScript (no import, a reference to the bundle's types) type-checks strict against the built
 * declarations, and a wrong call does not.
 * `npm test` builds dist/ first; run alone, this file builds it when it is missing.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

before(() => {
  if (existsSync(join(root, 'dist/pj-elements.iife.d.ts')) && existsSync(join(root, 'dist/types/index.d.ts'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
});

test('a page script using the PjElements global type-checks against dist/pj-elements.iife.d.ts', () => {
  // A page's project with the package in its node_modules (a link to this one), where a type reference
  // looks for it; in the system's temporary directory, where no other test walks.
  const dir = mkdtempSync(join(tmpdir(), 'pj-iife-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules/pj-elements'), 'dir');
  writeFileSync(
    join(dir, 'page.ts'),
    `/// <reference types="pj-elements/pj-elements.iife.js" />
// A classic script: no import, the global the <script src=".../pj-elements.iife.js"> tag defines.
PjElements.setLocale({ lang: 'es-US', txStatus: { pending: 'En curso' } });
const txStatus = document.querySelector('pj-tx-status');
if (txStatus instanceof PjElements.PjTxStatus) txStatus.requestId = 'req-1';
const pay: InstanceType<typeof PjElements.PjTerminalPay> | null = document.querySelector('pj-terminal-pay');
pay?.addEventListener('pj-payment-approved', (e) => console.log(e.detail.transaction.amountTotal));
void window.PjElements.getTransaction('/pj', '1234').then((tx) => tx.status);
// @ts-expect-error setLocale takes a locale object, not a language name
PjElements.setLocale('es');
`,
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: false,
      },
      files: ['page.ts'],
    }),
  );
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    cwd: dir,
    encoding: 'utf8',
  });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `tsc on a page script using the IIFE's global:\n${r.stdout}${r.stderr}`);
});
