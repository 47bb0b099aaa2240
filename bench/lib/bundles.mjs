// Figure 6, bundles: gzip (level 9, as size-limit measures) and brotli (quality 11) of what a page
// downloads, from `node scripts/build.mjs`: all four elements (dist/pj-elements.iife.js) and each alone
// (dist/size/<element>.js, as an app's bundler would hold it). Baseline: esbuild's minified bundle of just
// what those elements import from lit and nanostores (the named imports of every source file in the
// element's module graph, found by an esbuild metafile), in the same format. "Ours" = total − baseline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
const DEPS = /^(lit|nanostores|lit-html|lit-element|@lit\/[^/]+)(\/.*)?$/;
const IMPORT = /(?:import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;

const gzip = (code) => gzipSync(code, { level: 9 }).length;
const brotli = (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Every value (not type) that the module graph of `entry` imports from lit and nanostores, by package. */
async function depImports(entry) {
  const { metafile } = await build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    logLevel: 'silent',
    external: ['lit', 'lit/*', 'nanostores', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', '@lit/*'],
  });
  const wanted = new Map();
  for (const file of Object.keys(metafile.inputs)) {
    if (!file.startsWith('src/')) continue;
    for (const [, typeOnly, names, from] of readFileSync(join(root, file), 'utf8').matchAll(IMPORT)) {
      if (typeOnly || !DEPS.test(from)) continue;
      const values = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n && !n.startsWith('type '));
      if (!wanted.has(from)) wanted.set(from, new Set());
      for (const n of values) wanted.get(from).add(n);
    }
  }
  return wanted;
}

/** esbuild's minified bundle of just those imports, as `format` (iife or esm). */
async function baselineBundle(wanted, format) {
  const contents = [...wanted].map(([from, names]) => `export { ${[...names].join(', ')} } from '${from}';`).join('\n');
  const { outputFiles } = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format,
    ...(format === 'iife' ? { globalName: 'Baseline' } : {}),
    logLevel: 'silent',
  });
  return Buffer.from(outputFiles[0].contents);
}

const BUNDLES = [
  { label: 'All four elements', file: 'pj-elements.iife.js', entry: 'src/index.ts', format: 'iife', target: 18_000 },
  ...['terminal-pay', 'terminal-request', 'tx-status', 'schedule-form'].map((name) => ({
    label: `\`<pj-${name}>\` alone`,
    file: `size/${name}.js`,
    entry: `src/elements/${name}/${name}.ts`,
    format: 'esm',
    target: 12_000,
  })),
];

export async function bundles() {
  const rows = [];
  const notes = [];
  for (const b of BUNDLES) {
    const code = readFileSync(join(root, 'dist', b.file));
    const wanted = await depImports(b.entry);
    const base = await baselineBundle(wanted, b.format);
    for (const [kind, measure] of [
      ['gzip', gzip],
      ['brotli', brotli],
    ]) {
      const total = measure(code);
      const deps = measure(base);
      rows.push({
        label: `${b.label}, ${kind}`,
        unit: 'B',
        relay: total,
        baseline: deps,
        ratio: total / deps,
        ours: total - deps,
        ...(kind === 'gzip' ? { target: { absMax: b.target } } : {}),
      });
    }
    if (b.format === 'iife') {
      notes.push(
        `Bundles: baseline = lit + nanostores alone (${[...wanted].map(([from, n]) => `${from}: ${[...n].join(', ')}`).join('; ')}), ` +
          'minified by esbuild; "ours" = total − baseline; the size targets are on the total a page downloads.',
      );
    }
  }
  return { rows, notes };
}
