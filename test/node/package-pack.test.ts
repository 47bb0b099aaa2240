/**
 * What `npm pack` (and later `npm publish`) puts in the tarball: every file package.json's entry points
 * and "exports" name, the README and the LICENSE, and nothing of the demo, the sources or the tests.
 * `npm pack` builds dist/ itself (the "prepack" script), so a fresh clone packs a working package.
 *
 * Lists the files with `npm pack --dry-run --ignore-scripts` (nothing is built or written); needs a
 * built dist/ (`npm test` builds it first; run alone, this file builds it when it is missing).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let packed: string[] = [];

before(() => {
  if (!existsSync(join(root, 'dist/server/index.js')) || !existsSync(join(root, 'dist/custom-elements.json'))) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
  }
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: root,
    env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `npm pack --dry-run failed:\n${r.stdout}${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>;
  packed = result!.files.map((f) => f.path);
});

/** Every path a package.json field or the exports map points to. */
function entryPoints(): string[] {
  const paths: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') paths.push(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  for (const field of ['main', 'module', 'types', 'unpkg', 'customElements']) walk(pkg[field]);
  return [...new Set(paths)];
}

test('the tarball holds every entry point and exports target, the README and the LICENSE', () => {
  // dist/fields/fields.html: the payment fields frame the published relay serves on its own origin.
  const missing = [...entryPoints(), 'README.md', 'LICENSE', 'package.json', 'dist/fields/fields.html'].filter(
    (path) => !packed.includes(path),
  );
  assert.deepEqual(missing, [], `not in the tarball (package.json "files"): ${missing.join(', ')}`);
  assert.ok(
    packed.some((path) => path.startsWith('dist/chunks/')),
    'the chunks the entry modules import',
  );
  assert.ok(
    packed.some((path) => path.startsWith('dist/server/server-stub/')),
    'the relay the server entry imports',
  );
});

test('the tarball leaves out the demo, the size bundles, the sources and the tests', () => {
  const unwanted = packed.filter((path) =>
    /^(dist\/demo\/|dist\/size\/|src\/|server-stub\/|test\/|demo\/|scripts\/|bench\/|docs\/)/.test(path),
  );
  assert.deepEqual(unwanted, []);
});

test('npm pack builds dist/ first, so a fresh clone packs a working package', () => {
  assert.match(pkg.scripts.prepack ?? '', /scripts\/build\.mjs/);
});

test('the LICENSE is the MIT license package.json names, and the package says where it lives', () => {
  assert.equal(pkg.license, 'MIT');
  const license = readFileSync(join(root, 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License\n/);
  assert.match(license, /Permission is hereby granted, free of charge/);
  for (const field of ['repository', 'homepage', 'bugs']) assert.ok(pkg[field], `package.json "${field}"`);
});
