// `npm run build`: everything an npm user or a plain page gets, in dist/ (gitignored).
//
//   dist/index.js, dist/<element>.js          ES modules that define tags (side effects)
//   dist/<element>.component.js               the classes alone: no side effects, SSR-safe, any tag name
//   dist/locales/index.js                     setLocale and the locales, no tag defined (pj-elements/locales)
//   dist/locales/{en,es}.js, dist/chunks/*    locales and the shared code of the entries above
//   dist/pj-elements.iife.js                  ONE classic script with all four elements and every dependency
//   dist/pj-elements.iife.d.ts                its global, `PjElements` (the exports of pj-elements)
//   dist/types/**.d.ts                        declarations (tsc, tsconfig.build.json)
//   dist/server/                              the relay for Node (tsc, tsconfig.server.json): pj-elements/server
//   dist/custom-elements.json                 the analyzer's manifest (custom-elements-manifest.config.mjs),
//                                             checked by @wc-toolkit/cem-validator (scripts/framework-types.mjs)
//   dist/types/frameworks/*.d.ts              JSX (React, Preact, Solid), Vue and Svelte types made from the
//   dist/frameworks.js                        manifest (scripts/framework-types.mjs); pj-elements/react… resolve
//                                             to them, and at run time to an empty module
//   dist/fields/fields.html, fields-*.js      the payment fields frame (src/fields/): a page of its own, which the
//                                             relay serves from the fields origin; one module, everything bundled
//   dist/demo/                                NOT published: the demo pages `npm start` serves (vite.config.ts)
//   dist/size/<element>.js, chunks/           NOT published: each element alone (its defining module) as an
//                                             app's production bundle would hold it (every dependency, fully
//                                             minified, a dynamic import in a chunk of its own): what
//                                             size-limit measures "each alone" on (the IIFE is "all four"); and
//                                             dist/size/tx-status-locale.js: one element and setLocale, bundled
//                                             from the published ES modules as an app's bundler would
//
// The ES build leaves lit and nanostores external: they are `dependencies` of the
// package, so the app's bundler resolves them once for the whole page (one Lit, however many libraries use
// it) and minifies everything together. The IIFE and dist/size/ bundle them: a <script> tag has no bundler,
// and size-limit measures what a page downloads.
//
// The elements declare reactive properties with `static properties` and `declare` fields (no decorators,
// standard class fields). The check at the end still parses every emitted file with Node and fails the
// build if one does not (a transform that leaves TypeScript-only syntax behind).
//
// Usage: node scripts/build.mjs [--skip-types]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { buildFieldsFrame } from './build-fields.mjs';
import { checkManifest, frameworkTypes } from './framework-types.mjs';
import { ELEMENTS, aloneConfig, base, bundleConfig, root } from './build-config.mjs';

const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * What the ES build leaves to the app's bundler: every package.json dependency (and its subpaths) and Lit's
 * own packages. Helpers the transform injects (@oxc-project/runtime's decorate) are not dependencies: bundled.
 */
const EXTERNAL = [...Object.keys(pkg.dependencies ?? {}), 'lit-html', 'lit-element', '@lit/reactive-element'];
const isExternal = (id) => EXTERNAL.some((dep) => id === dep || id.startsWith(`${dep}/`));

async function esModules() {
  const entry = {
    index: 'src/index.ts',
    'locales/index': 'src/locales/index.ts',
    'locales/en': 'src/locales/en.ts',
    'locales/es': 'src/locales/es.ts',
  };
  for (const name of ELEMENTS) {
    entry[name] = `src/elements/${name}/${name}.ts`;
    entry[`${name}.component`] = `src/elements/${name}/${name}.component.ts`;
  }
  await build(
    base({
      build: {
        outDir: dist,
        minify: false, // the app's bundler minifies the whole page
        lib: { entry, formats: ['es'] },
        rolldownOptions: {
          external: isExternal,
          output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    }),
  );
}

/** One self-contained bundle (scripts/build-config.mjs): every dependency inside, minified. */
const bundle = (options) => build(bundleConfig(options));

/** One element alone as an app's production bundle would hold it (scripts/build-config.mjs): dist/size/. */
const elementAlone = (name) => build(aloneConfig(name, join(dist, 'size')));

/** The payment fields frame (scripts/build-fields.mjs, shared with `npm start`). */
const fieldsFrame = () => buildFieldsFrame(root, join(dist, 'fields'));

/** Runs a Node script of the project as a child process; resolves with its output, rejects on failure. */
function child(label, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${label} failed (exit ${code}):\n${out}`))));
  });
}

const tsc = (project) => child(`tsc -p ${project}`, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project]);

async function manifest() {
  const bin = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  await child('custom-elements-manifest analyzer', [bin, 'analyze', '--config', 'custom-elements-manifest.config.mjs']);
  if (!existsSync(join(dist, 'custom-elements.json')))
    throw new Error('the analyzer wrote no dist/custom-elements.json');
  await checkManifest(root);
}

/**
 * dist/pj-elements.iife.d.ts: the IIFE is a classic script whose one global, PjElements, holds the exports
 * of pj-elements; this declares it from the declarations of src/index.ts (dist/types).
 */
function iifeTypes() {
  writeFileSync(
    join(dist, 'pj-elements.iife.d.ts'),
    `/**
 * The global of dist/pj-elements.iife.js (a classic <script>): \`PjElements\`, the exports of pj-elements.
 * Its tags (<pj-terminal-pay>, <pj-terminal-request>, <pj-tx-status>, <pj-schedule-form>) are typed in HTMLElementTagNameMap.
 * Use: /// <reference types="pj-elements/pj-elements.iife.js" />  (or "types" in tsconfig.json).
 */
declare var PjElements: typeof import('./types/index.js');
`,
  );
}

/** dist/server/index.js: tsc keeps the source layout (server-stub/ beside src/protocol/); this is the entry. */
function serverEntry() {
  const banner = '// pj-elements/server: the relay (createRelay) for Node. Built by scripts/build.mjs.\n';
  writeFileSync(join(dist, 'server/index.js'), `${banner}export * from './server-stub/index.js';\n`);
  writeFileSync(join(dist, 'server/index.d.ts'), `${banner}export * from './server-stub/index.js';\n`);
}

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/**
 * Every emitted script must parse in V8 (a transform can leave syntax V8 does not take): the ES
 * modules as modules, the IIFE as a classic script. One child process parses them all (vm needs the flag).
 */
function checkParses() {
  const scripts = filesUnder(dist).filter((f) => f.endsWith('.js'));
  const code = `
    const vm = require('node:vm'), fs = require('node:fs');
    for (const file of JSON.parse(process.argv[1])) {
      const source = fs.readFileSync(file, 'utf8');
      try {
        if (file.endsWith('.iife.js')) new vm.Script(source, { filename: file });
        else new vm.SourceTextModule(source, { identifier: file });
      } catch (err) { console.error(file + ': ' + err.message); process.exitCode = 1; }
    }`;
  const r = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', '-e', code, JSON.stringify(scripts)],
    {
      encoding: 'utf8',
      cwd: root,
    },
  );
  if (r.status !== 0) throw new Error(`emitted scripts that do not parse:\n${r.stderr}`);
  return scripts.length;
}

/**
 * The bundles must still define their tags. package.json `sideEffects` also governs our own sources when
 * Vite bundles them: a defining module missing from it is tree-shaken away, silently, define() and all.
 */
function checkDefines() {
  const defines = (file, tags) => {
    const code = readFileSync(join(dist, file), 'utf8');
    const missing = tags.filter(
      (tag) => !code.includes(`"${tag}"`) && !code.includes(`'${tag}'`) && !code.includes(`\`${tag}\``),
    );
    if (missing.length > 0 || !/customElements\.define\(/.test(code)) {
      throw new Error(
        `${file} does not define ${missing.join(', ') || 'its tags'}: is its defining module in package.json "sideEffects"?`,
      );
    }
  };
  defines(
    'pj-elements.iife.js',
    ELEMENTS.map((name) => `pj-${name}`),
  );
  for (const name of ELEMENTS) {
    defines(`${name}.js`, [`pj-${name}`]);
    defines(`size/${name}.js`, [`pj-${name}`]);
  }
}

function exportsExist() {
  const missing = [];
  const walk = (target) => {
    if (typeof target === 'string') {
      if (!existsSync(join(root, target))) missing.push(target);
    } else for (const value of Object.values(target)) walk(value);
  };
  walk(pkg.exports ?? {});
  for (const field of ['main', 'module', 'types', 'customElements', 'unpkg']) if (pkg[field]) walk(pkg[field]);
  if (missing.length > 0) throw new Error(`package.json names files the build did not write: ${missing.join(', ')}`);
}

const started = Date.now();
const skipTypes = process.argv.includes('--skip-types');
const step = async (label, fn) => {
  const t = Date.now();
  await fn();
  console.log(`  ${label.padEnd(44)} ${((Date.now() - t) / 1000).toFixed(1)} s`);
};

try {
  console.log('Building dist/ …');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await step('ES modules (dist/*.js, deps external)', esModules);
  await step('IIFE (dist/pj-elements.iife.js, all bundled)', () =>
    bundle({
      entry: 'src/index.ts',
      outDir: dist,
      fileName: 'pj-elements.iife.js',
      format: 'iife',
      name: 'PjElements',
    }),
  );
  await step('each element alone (dist/size/, unpublished)', async () => {
    for (const name of ELEMENTS) await elementAlone(name);
    await bundle({
      entry: 'scripts/size/tx-status-locale.mjs',
      outDir: join(dist, 'size'),
      fileName: 'tx-status-locale.js',
      format: 'iife',
      name: 'PjElements',
    });
  });
  await step('payment fields frame (dist/fields/)', fieldsFrame);
  // The demo pages that `npm start` serves (vite.config.ts), so a fresh build never leaves them stale.
  await step('demo pages (dist/demo, vite.config.ts)', () =>
    build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' }),
  );
  if (!skipTypes) {
    // Three independent child processes, side by side (tsc is most of the build's time).
    await step('types, relay, manifest (in parallel)', () =>
      Promise.all([
        step('  types (tsc -p tsconfig.build.json)', async () => {
          await tsc('tsconfig.build.json');
          iifeTypes();
        }),
        step('  relay for Node (tsc -p tsconfig.server.json)', async () => {
          await tsc('tsconfig.server.json');
          serverEntry();
        }),
        step('  custom-elements.json (analyzer)', manifest),
      ]),
    );
    await step('framework types (dist/types/frameworks/)', () => frameworkTypes(root));
    exportsExist();
  }
  checkDefines();
  let parsed = 0;
  await step('every emitted .js parses (V8)', () => {
    parsed = checkParses();
  });
  const iife = readFileSync(join(dist, 'pj-elements.iife.js'));
  console.log(
    `dist/ built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${parsed} scripts; ` +
      `pj-elements.iife.js ${iife.length} B, ${gzipSync(iife, { level: 9 }).length} B gzip.`,
  );
} catch (err) {
  console.error(`\nbuild failed: ${err.message}`);
  process.exit(1);
}
