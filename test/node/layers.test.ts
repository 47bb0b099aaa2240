/**
 * The layers of docs/architecture.md, checked on every import of every source file (type-only
 * imports too: a type import is still a dependency a reader has to follow). Imports point one way:
 * elements → core → protocol, locales → protocol; http → relay → payjunction → protocol; the
 * simulator shares only src/protocol, and the relay loads it only by a dynamic import in simulator mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourcesUnder(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

interface Import {
  from: string;
  /** Repository-relative path of a relative import; the package name of a bare one. */
  target: string;
  bare: boolean;
  dynamic: boolean;
  /** `import type` / `export type`: erased, so it loads nothing at run time. */
  typeOnly: boolean;
}

/** Static imports and re-exports (`import … from`, `export … from`, `import '…'`) and `import('…')`. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: Import[] = [];
  const add = (specifier: string, dynamic: boolean, typeOnly = false) => {
    const bare = !specifier.startsWith('.');
    const target = bare ? specifier : relative(root, resolve(root, dirname(file), specifier)).replace(/\.js$/, '.ts');
    found.push({ from: file, target, bare, dynamic, typeOnly });
  };
  for (const m of text.matchAll(/^\s*(?:import|export)\s([^;]*?)\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)) {
    add((m[2] ?? m[3])!, false, m[1]?.startsWith('type ') ?? false);
  }
  for (const m of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) add(m[1]!, true);
  return found;
}

const all = [...sourcesUnder('src'), ...sourcesUnder('server-stub')].flatMap(importsOf);
const relativeOnes = (prefix: string) => all.filter((i) => i.from.startsWith(prefix) && !i.bare);

/** Every import of files under `from` that lands under none of `allowed` (repository-relative prefixes). */
function outside(from: string, allowed: string[]): string[] {
  return relativeOnes(from)
    .filter((i) => !allowed.some((prefix) => i.target.startsWith(prefix)))
    .map((i) => `${i.from} → ${i.target}`);
}

test('the import scan finds the imports it checks (a scan that reads nothing would pass every rule)', () => {
  assert.ok(relativeOnes('src/elements/').length > 20);
  assert.ok(relativeOnes('server-stub/http/').length > 20);
  assert.ok(all.some((i) => i.from === 'server-stub/relay-server.ts' && i.dynamic));
});

test('src/protocol imports only itself, and no package: the browser and the server both run it', () => {
  assert.deepEqual(outside('src/protocol/', ['src/protocol/']), []);
  assert.deepEqual(
    all.filter((i) => i.from.startsWith('src/protocol/') && i.bare).map((i) => i.target),
    [],
  );
});

test('the browser side points one way: elements → core and locales → protocol', () => {
  assert.deepEqual(outside('src/locales/', ['src/locales/', 'src/protocol/']), []);
  assert.deepEqual(outside('src/events/', ['src/events/', 'src/protocol/']), []);
  assert.deepEqual(outside('src/core/', ['src/core/', 'src/protocol/', 'src/locales/', 'src/events/']), []);
  assert.deepEqual(outside('src/', ['src/']), [], 'nothing under src/ imports the server');
});

test('the payment fields frame (its own page, on its own origin) shares only the protocol and the theme', () => {
  assert.deepEqual(outside('src/fields/', ['src/fields/', 'src/protocol/', 'src/elements/common/theme.styles.ts']), []);
  assert.ok(relativeOnes('src/fields/').length >= 5, 'the scan reads the frame');
});

test('the relay points one way: http → relay → payjunction → protocol', () => {
  assert.deepEqual(
    relativeOnes('server-stub/http/')
      .filter((i) => i.target.startsWith('server-stub/payjunction/'))
      .map((i) => `${i.from} → ${i.target}`),
    [],
    'the relay owns every PayJunction call',
  );
  assert.deepEqual(
    outside('server-stub/relay/', [
      'server-stub/relay/',
      'server-stub/payjunction/',
      'src/protocol/',
      'server-stub/log.ts',
    ]),
    [],
  );
  assert.deepEqual(
    outside('server-stub/payjunction/', ['server-stub/payjunction/', 'src/protocol/', 'server-stub/scrub.ts']),
    [],
  );
});

test('the simulator shares only src/protocol, and the relay loads it only dynamically (its types may be named)', () => {
  assert.deepEqual(outside('server-stub/simulator/', ['server-stub/simulator/', 'src/protocol/']), []);
  const staticUses = all
    .filter((i) => !i.from.startsWith('server-stub/simulator/') && i.target.startsWith('server-stub/simulator/'))
    .filter((i) => !i.dynamic && !i.typeOnly)
    .map((i) => `${i.from} → ${i.target}`);
  assert.deepEqual(staticUses, []);
});
