// `npm test`'s consumers stage: three tiny apps in test/consumers/ use the BUILT package as their users
// would, and must type-check strict:
//   react/   tsc, React 19 TSX (src/wrong.tsx: each mistake under a @ts-expect-error)
//   vue/     vue-tsc with strictTemplates (src/Wrong.vue: each mistake under a @vue-expect-error)
//   svelte/  svelte-check, Svelte 5 (wrong/Wrong.svelte: checked apart, an error wanted on each marked line)
//   angular/ ngc with strictTemplates, Angular 21 (CUSTOM_ELEMENTS_SCHEMA: the component's own expressions
//            and types are checked, the bindings on the tags are not: Angular checks no custom element)
// `pj-elements` is what `npm install` of the packed tarball gives: `npm pack` of dist/ as it is, unpacked
// into test/consumers/node_modules/pj-elements (gitignored). So the apps see only the published files,
// through the package's "exports" — a path mapping to dist/ would hide a file left out of "files" or a
// wrong "exports" entry. Each app has its own package.json, as a real one does (and must: see
// resolvesToPackedCopy). react, vue and svelte resolve from the repository's node_modules, as the
// package's own dependencies do.
// The README's framework examples are these files: each fenced block after a `<!-- consumer: PATH -->`
// line must equal PATH, so what the README shows is what is checked here.
// Needs dist/ (scripts/test.mjs builds it first). Usage: node scripts/consumers.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const consumers = join(root, 'test/consumers');
const bin = (path) => join(root, 'node_modules', path);

/** `npm pack` (no build: dist/ as it is) unpacked where the apps resolve `pj-elements`. */
function installPackedPackage() {
  const tmp = mkdtempSync(join(tmpdir(), 'pj-elements-pack-'));
  try {
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
      cwd: root,
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stdout}${packed.stderr}`);
    const [{ filename }] = JSON.parse(packed.stdout);
    const target = join(consumers, 'node_modules/pj-elements');
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', join(tmp, filename), '-C', target, '--strip-components=1'], {
      encoding: 'utf8',
    });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    return filename;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Each app resolves `pj-elements/<app>` to the unpacked copy. Each app has its own package.json for this:
 * inside the repository's package scope the name would resolve to the repository itself (self-reference).
 */
function resolvesToPackedCopy() {
  const packed = join(consumers, 'node_modules/pj-elements/');
  for (const app of ['react', 'vue', 'svelte']) {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(consumers, app, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    const from = join(consumers, app, 'src/index.ts');
    const { resolvedModule } = ts.resolveModuleName(`pj-elements/${app}`, from, config.options, ts.sys);
    if (!resolvedModule?.resolvedFileName.startsWith(packed)) {
      throw new Error(
        `${app}: pj-elements/${app} resolves to ${resolvedModule?.resolvedFileName}, not under ${packed}`,
      );
    }
  }
}

/** Each README block marked `<!-- consumer: PATH -->` equals the file at PATH; returns the paths. */
function readmeBlocksMatch() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^<!-- consumer: (\S+) -->\n```\w*\n([\s\S]*?)^```$/gm)];
  const wrong = blocks.filter(([, path, text]) => readFileSync(join(root, path), 'utf8') !== text);
  if (wrong.length > 0) {
    throw new Error(`README blocks differ from their consumer file: ${wrong.map(([, path]) => path).join(', ')}`);
  }
  for (const app of ['react', 'vue', 'svelte', 'angular']) {
    if (!blocks.some(([, path]) => path.startsWith(`test/consumers/${app}/`)))
      throw new Error(`the README shows no file of test/consumers/${app}`);
  }
  return blocks.map(([, path]) => path);
}

/** Runs a checker; resolves with its exit code and output. */
function check(label, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const p = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('close', (code) => resolve({ label, code, out, seconds: (Date.now() - started) / 1000 }));
  });
}

const svelteCheck = (tsconfig, ...extra) => [
  bin('svelte-check/bin/svelte-check'),
  '--workspace',
  join(consumers, 'svelte'),
  '--tsconfig',
  join(consumers, 'svelte', tsconfig),
  '--output',
  'machine',
  ...extra,
];

/** svelte-check's errors on wrong/: exactly one on each line after an `expect-error` marker. */
function svelteMistakesCaught({ out }) {
  const file = 'wrong/Wrong.svelte';
  const lines = readFileSync(join(consumers, 'svelte', file), 'utf8').split('\n');
  const wanted = lines.flatMap((line, i) => (line.includes('<!-- expect-error:') ? [i + 2] : []));
  const got = [...out.matchAll(/ ERROR "([^"]+)" (\d+):\d+ /g)].map(([, f, line]) => `${f}:${line}`);
  const want = wanted.map((line) => `${file}:${line}`);
  if (wanted.length === 0 || got.sort().join() !== want.sort().join()) {
    return `svelte-check on wrong/ should report one error on each of ${want.join(', ')}; it reported:\n${out}`;
  }
  return '';
}

try {
  const started = Date.now();
  const tarball = installPackedPackage();
  const shown = readmeBlocksMatch();
  resolvesToPackedCopy();
  const checks = [
    ['react (tsc)', [bin('typescript/bin/tsc'), '-p', join(consumers, 'react')]],
    ['vue (vue-tsc, strictTemplates)', [bin('vue-tsc/bin/vue-tsc.js'), '-p', join(consumers, 'vue')]],
    ['svelte (svelte-check)', svelteCheck('tsconfig.json', '--fail-on-warnings')],
    ['svelte mistakes (svelte-check on wrong/)', svelteCheck('tsconfig.wrong.json')],
    [
      'angular (ngc, strictTemplates)',
      [bin('@angular/compiler-cli/bundles/src/bin/ngc.js'), '-p', join(consumers, 'angular')],
    ],
  ];
  // Two at a time: CI has two cores, and each checker keeps one busy.
  const results = [];
  const next = async () => {
    for (let job = checks.shift(); job; job = checks.shift()) results.push(await check(...job));
  };
  await Promise.all([next(), next()]);
  const failures = [];
  for (const r of results) {
    const mistakes = r.label.startsWith('svelte mistakes');
    const problem = mistakes ? svelteMistakesCaught(r) : r.code === 0 ? '' : r.out;
    console.log(`${problem ? 'FAIL' : 'ok  '} ${r.label} ${r.seconds.toFixed(1)} s`);
    if (problem) failures.push(`${r.label}:\n${problem}`);
  }
  if (failures.length > 0) throw new Error(failures.join('\n'));
  console.log(
    `consumers type-check against ${tarball} (README blocks: ${shown.length}) in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (err) {
  console.error(`consumers failed: ${err.message}`);
  process.exit(1);
}
