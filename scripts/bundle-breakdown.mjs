// What the size budgets' bundles are made of: builds the same bundles as scripts/build.mjs measures with
// size-limit (the one-<script> IIFE of src/index.ts, each element alone, tx-status with setLocale; the same
// Vite settings, scripts/build-config.mjs), in memory and with a source map, and charges every byte of the
// minified output to the source file the map says it came from (what source-map-explorer does).
//
// Per entry it prints the whole file (minified, gzip, brotli), then per group (lit, nanostores,
// src/protocol, src/core, src/locales, src/elements/<x>…) the minified bytes and the gzip the group costs:
// the gzip of the whole file less the gzip of the file without that group's bytes (gzip is not additive,
// so these do not sum to the total exactly), then the top modules by minified bytes, with their gzip cost.
//
// Usage: node scripts/bundle-breakdown.mjs [--top N] [--json] [--show PATH-PART] [entry…]
//   --show prints the minified output charged to the files whose path contains PATH-PART ("(unmapped)" too)
//   entries: all, terminal-pay, terminal-request, tx-status, schedule-form, tx-status-locale (default: every one)
// Needs the published ES modules in dist/ only for tx-status-locale (it bundles dist/*.js as an app would):
// run `npm run build` first for that one. Writes nothing.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { ELEMENTS, aloneConfig, bundleConfig } from './build-config.mjs';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const TOP = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 12;
const asJson = args.includes('--json');
const showIndex = args.indexOf('--show');
const SHOW = showIndex >= 0 ? args.splice(showIndex, 2)[1] : undefined;
const wanted = args.filter((a) => !a.startsWith('--'));

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const brotli = (text) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Where a source file belongs in the breakdown. */
function groupOf(file) {
  if (file === '(unmapped)') return '(unmapped: wrapper, runtime helpers)';
  let m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  if (m) return ['lit', 'lit-html', 'lit-element', '@lit/reactive-element'].includes(m[1]) ? 'lit' : m[1];
  if ((m = /^src\/elements\/([^/]+)\//.exec(file))) return `src/elements/${m[1]}`;
  if ((m = /^src\/locales\/(en|es)\//.exec(file))) return `src/locales/${m[1]}`;
  if ((m = /^(src\/[^/]+)\//.exec(file))) return m[1];
  return file;
}

/** A map's source as a path from the repository (node_modules/… for packages, wherever they resolve). */
function sourcePath(source) {
  const at = source.lastIndexOf('node_modules/');
  if (at >= 0) return source.slice(at);
  const path = source.replace(/^(\.\.\/)+/, '').replace(/^(main|wt-[^/]+)\//, '');
  const m = /(?:^|\/)((?:src|scripts|dist)\/.*)$/.exec(path);
  return m ? m[1].replace(/^dist\/(src\/)/, '$1') : path;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = Object.fromEntries([...B64].map((c, i) => [c, i]));

/** Decodes a source map's `mappings` into, per generated line, [column, sourceIndex | -1] pairs. */
function decodeMappings(mappings) {
  const lines = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = B64_VALUE[ch];
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0];
      if (fields.length > 1) source += fields[1];
      segments.push([column, fields.length > 1 ? source : -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** Every output byte charged to a source file: [{ file, start, end }] ranges over the code. */
function attribute(code, map) {
  const files = map.sources.map(sourcePath);
  const ranges = [];
  let offset = 0;
  const codeLines = code.split('\n');
  const mapped = decodeMappings(map.mappings);
  codeLines.forEach((text, i) => {
    const segments = mapped[i] ?? [];
    let at = 0;
    let file = '(unmapped)';
    for (const [column, source] of segments) {
      if (column > at) ranges.push({ file, start: offset + at, end: offset + column });
      at = Math.max(at, column);
      file = source >= 0 ? files[source] : '(unmapped)';
    }
    ranges.push({ file, start: offset + at, end: offset + text.length + 1 }); // with its line break
    offset += text.length + 1;
  });
  return ranges;
}

/** The breakdown of one output chunk. */
function breakdown(code, map) {
  const ranges = attribute(code, map);
  const byFile = new Map();
  const byGroup = new Map();
  for (const r of ranges) {
    const n = r.end - r.start;
    byFile.set(r.file, (byFile.get(r.file) ?? 0) + n);
    const g = groupOf(r.file);
    if (!byGroup.has(g)) byGroup.set(g, { bytes: 0, ranges: [] });
    byGroup.get(g).bytes += n;
    byGroup.get(g).ranges.push(r);
  }
  const total = { bytes: code.length, gzip: gzip(code), brotli: brotli(code) };
  /** What the gzip of the whole would lose without the ranges `drop` picks. */
  const gzipCost = (drop) =>
    total.gzip -
    gzip(
      ranges
        .filter((r) => !drop(r))
        .map((r) => code.slice(r.start, r.end))
        .join(''),
    );
  const groups = [...byGroup.entries()]
    .map(([group, { bytes }]) => ({ group, bytes, gzip: gzipCost((r) => groupOf(r.file) === group) }))
    .sort((a, b) => b.bytes - a.bytes);
  const modules = [...byFile.entries()]
    .map(([file, bytes]) => ({ file, group: groupOf(file), bytes }))
    .sort((a, b) => b.bytes - a.bytes);
  for (const m of modules.slice(0, TOP)) m.gzip = gzipCost((r) => r.file === m.file);
  const shown = SHOW ? ranges.filter((r) => r.file.includes(SHOW)).map((r) => code.slice(r.start, r.end)) : [];
  return { total, groups, modules, shown };
}

/** Runs a Vite build in memory with a source map; returns its JavaScript chunks. */
async function chunksOf(config) {
  const out = await build(config);
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  return outputs.filter((o) => o.type === 'chunk').map((c) => ({ fileName: c.fileName, code: c.code, map: c.map }));
}

const inMemory = { write: false, sourcemap: 'hidden' }; // hidden: no sourceMappingURL comment in the code measured
const ENTRIES = {
  all: () =>
    chunksOf(
      bundleConfig(
        { entry: 'src/index.ts', outDir: 'dist', fileName: 'pj-elements.iife.js', format: 'iife', name: 'PjElements' },
        inMemory,
      ),
    ),
  ...Object.fromEntries(ELEMENTS.map((name) => [name, () => chunksOf(aloneConfig(name, 'dist/size', inMemory))])),
  'tx-status-locale': () =>
    chunksOf(
      bundleConfig(
        {
          entry: 'scripts/size/tx-status-locale.mjs',
          outDir: 'dist/size',
          fileName: 'tx-status-locale.js',
          format: 'iife',
          name: 'PjElements',
        },
        inMemory,
      ),
    ),
};

const kB = (n) => `${(n / 1000).toFixed(2)} kB`;
const results = [];
for (const entry of wanted.length > 0 ? wanted : Object.keys(ENTRIES)) {
  if (!ENTRIES[entry]) throw new Error(`unknown entry ${entry}: one of ${Object.keys(ENTRIES).join(', ')}`);
  for (const chunk of await ENTRIES[entry]()) {
    const result = { entry, chunk: chunk.fileName, ...breakdown(chunk.code, chunk.map) };
    results.push(result);
    if (asJson) continue;
    const { total } = result;
    console.log(
      `\n${entry}: ${chunk.fileName}  ${total.bytes} B minified, ${kB(total.gzip)} gzip, ${kB(total.brotli)} brotli`,
    );
    console.log('  by group                                                   minified   gzip cost');
    for (const g of result.groups)
      console.log(`    ${g.group.padEnd(56)} ${String(g.bytes).padStart(7)} B ${String(g.gzip).padStart(7)} B`);
    console.log(`  top ${TOP} modules                                          minified   gzip cost`);
    for (const m of result.modules.slice(0, TOP))
      console.log(`    ${m.file.padEnd(56)} ${String(m.bytes).padStart(7)} B ${String(m.gzip).padStart(7)} B`);
    if (SHOW) console.log(`  output charged to files matching ${SHOW}, piece by piece:\n${result.shown.join('\n')}`);
  }
}
if (asJson) console.log(JSON.stringify(results, null, 2));
