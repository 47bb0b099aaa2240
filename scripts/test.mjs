// `npm test`: the lint (Prettier's check, ESLint, the 400-line limit: scripts/lint.mjs, first because it
// takes seconds), the type check, the build, the size budgets, the package as npm publishes it (publint,
// Are the Types Wrong), every Node test, the chaos suite at its
// reduced size, every browser test, the end-to-end suite (the demo in Chromium against `npm start`).
// A stage that runs no test fails. The size and node stages need dist/: they build it first unless
// the build stage already ran in this invocation (test/node/package.test.ts tests what was built). The
// e2e stage starts the demo as `npm start` does, which builds what it serves when missing or stale. The
// browser stage builds dist/ when the payment fields frame (dist/fields, which its relay serves) is stale.
// The chaos stage (test/chaos) runs at CHAOS_SIZE (ci unless set; `npm run test:chaos` sets full) and
// prints the figures its files report as one table, whether it passes or not. Its leak scan reads
// dist/ (and builds it when missing).
// Usage: node scripts/test.mjs [lint|typecheck|build|consumers|size|package|node|chaos|browser|e2e]...   (no argument: all of them, in order)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSystemDeps } from './system-deps.mjs';

const root = new URL('..', import.meta.url).pathname;

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(join(root, dir))) {
    const p = join(dir, name);
    if (statSync(join(root, p)).isDirectory()) out.push(...listTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

function run(label, cmd, args, check) {
  console.log(`\n── ${label}: ${cmd} ${args.length > 6 ? args.slice(0, 6).join(' ') + ' …' : args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) {
    // What it printed goes with the error, for a caller that reads it (the browser stage's second run).
    throw Object.assign(new Error(`${label} failed (exit ${r.status ?? r.signal})`), { output: r.stdout ?? '' });
  }
  check?.(r.stdout ?? '');
}

/** The `FIGURE <part> | <name> | <value>` lines the chaos files print, as one Markdown table. */
function figuresTable(out, title) {
  const rows = [...out.matchAll(/^# FIGURE (.+?) \| (.+?) \| (.*)$/gm)].map((m) => m.slice(1, 4));
  if (rows.length === 0) return '\nchaos figures: none were printed';
  const lines = [`\nchaos figures (${title}):\n`, '| part | figure | value |', '|---|---|---|'];
  let last = '';
  for (const [part, name, value] of rows) {
    lines.push(`| ${part === last ? '' : part} | ${name} | ${value.replace(/\|/g, '\\|')} |`);
    last = part;
  }
  return lines.join('\n');
}

/**
 * The browser test files web-test-runner reported as "did not finish", when that is all that went
 * wrong (no failed test, no other error); otherwise none.
 */
function filesThatDidNotFinish(out) {
  // eslint-disable-next-line no-control-regex -- the runner's colour codes
  const text = out.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const hung = [
    ...text.matchAll(/^(test\/browser\/\S+\.test\.ts):\s*\n\s*❌ Browser tests did not finish within/gm),
  ].map((m) => m[1]);
  const errors = text.split('\n').filter((line) => line.includes('❌'));
  const explained = errors.every((line) => /did not finish within|Timed out stopping the browser page/.test(line));
  const failedCounts = [...text.matchAll(/\| \d+ passed, (\d+) failed/g)].map((m) => Number(m[1]));
  const noFailedTest = failedCounts.length > 0 && failedCounts.every((n) => n === 0);
  return hung.length > 0 && explained && noFailedTest ? [...new Set(hung)] : [];
}

let built = false;
function ensureBuilt() {
  if (!built) stages.build();
}

const stages = {
  lint() {
    // scripts/lint.mjs prints the files at fault and the command that fixes each kind of finding.
    run('lint', process.execPath, ['scripts/lint.mjs']);
  },
  typecheck() {
    run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  },
  build() {
    run('build', process.execPath, ['scripts/build.mjs'], (out) => {
      if (!/^dist\/ built in/m.test(out)) throw new Error('the build did not report dist/ built');
    });
    built = true;
  },
  consumers() {
    ensureBuilt();
    // test/consumers/{react,vue,svelte} type-check strict against the packed package, each with mistakes
    // the types must catch; the README's framework examples are their files (scripts/consumers.mjs).
    run('framework consumers', process.execPath, ['scripts/consumers.mjs'], (out) => {
      if (!/^consumers type-check against/m.test(out)) throw new Error('the consumers check reported no result');
    });
  },
  size() {
    ensureBuilt();
    // size-limit with @size-limit/file: gzip of the files package.json "size-limit" names (each a bundle
    // with every dependency inside; scripts/build.mjs says which). Its exit code is 1 over a budget.
    const budgets = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))['size-limit'] ?? [];
    if (budgets.length === 0) throw new Error('package.json has no "size-limit" budgets');
    const bin = join(root, 'node_modules/size-limit/bin.js');
    console.log(`\n── size budgets: size-limit --json (${budgets.length} budgets)`);
    const r = spawnSync(process.execPath, [bin, '--json'], { cwd: root, encoding: 'utf8' });
    let results;
    try {
      results = JSON.parse(r.stdout);
    } catch {
      throw new Error(`size-limit gave no JSON (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
    if (!Array.isArray(results) || results.length !== budgets.length) {
      throw new Error(`size-limit measured ${results?.length ?? 0} of ${budgets.length} budgets`);
    }
    for (const [i, res] of results.entries()) {
      const limit = budgets[i].limit;
      console.log(
        `${res.passed ? 'ok  ' : 'OVER'} ${(res.size / 1000).toFixed(2).padStart(6)} kB gzip (limit ${limit})  ${res.name}`,
      );
    }
    const over = results.filter((res) => !res.passed);
    if (over.length > 0 || r.status !== 0)
      throw new Error(`over budget: ${over.map((res) => res.name).join('; ') || r.stderr}`);
  },
  package() {
    ensureBuilt();
    // The tools an npm user would point at the package, on the files `npm pack` publishes: publint
    // (https://publint.dev/rules: package.json fields, "exports", "files"; a warning or a suggestion fails
    // too) and Are the Types Wrong (each entry's types resolve as its JavaScript does, in TypeScript's node16
    // and bundler resolutions; profile esm-only: the package has no CommonJS entry to check).
    run('publint', process.execPath, [join(root, 'node_modules/publint/src/cli.js'), 'run', '--strict'], (out) => {
      if (!/All good!/.test(out)) throw new Error('publint has something to say (above)');
    });
    const dir = mkdtempSync(join(tmpdir(), 'pj-pack-'));
    try {
      // --ignore-scripts: dist/ is built (the prepack script would build it again).
      const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
      if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
      const tarball = join(dir, JSON.parse(pack.stdout)[0].filename);
      run('are the types wrong', process.execPath, [
        join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
        tarball,
        '--profile',
        'esm-only',
        '--format',
        'ascii',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  node() {
    ensureBuilt();
    const files = listTests('test/node');
    if (files.length === 0) throw new Error('no Node test files under test/node');
    run('node tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], (out) => {
      const tests = Number(/^# tests (\d+)/m.exec(out)?.[1] ?? 0);
      if (tests === 0) throw new Error('the Node test runner executed no test');
    });
  },
  chaos() {
    const files = listTests('test/chaos');
    if (files.length === 0) throw new Error('no chaos test files under test/chaos');
    const size = process.env.CHAOS_SIZE === 'full' ? 'full' : 'ci';
    // One file at a time: each starts its own relays, simulator and redis-server on two cores.
    const args = ['--import', 'tsx', '--test', '--test-concurrency=1', ...files];
    console.log(`\n── chaos tests (${size} size): node ${args.slice(0, 5).join(' ')} … (${files.length} files)`);
    const started = Date.now();
    const r = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, CHAOS_SIZE: size },
    });
    const out = r.stdout ?? '';
    process.stdout.write(out);
    console.log(figuresTable(out, `${size} size, ${((Date.now() - started) / 1000).toFixed(0)} s`));
    if (r.status !== 0) throw new Error(`chaos tests failed (exit ${r.status ?? r.signal})`);
    if (Number(/^# tests (\d+)/m.exec(out)?.[1] ?? 0) === 0) throw new Error('the chaos runner executed no test');
  },
  browser() {
    if (listTests('test/browser').length === 0) throw new Error('no browser test files under test/browser');
    // The relay serves the payment fields frame from dist/fields (scripts/wtr-relay-plugin.mjs): build it
    // when it is missing or older than src/, so the tests never drive an old frame.
    const frame = statSync(join(root, 'dist/fields/fields.html'), { throwIfNoEntry: false });
    const newestSource = (dir) =>
      Math.max(
        0,
        ...readdirSync(join(root, dir), { withFileTypes: true }).map((entry) =>
          entry.isDirectory() ? newestSource(join(dir, entry.name)) : statSync(join(root, dir, entry.name)).mtimeMs,
        ),
      );
    if (!frame || frame.mtimeMs < newestSource('src')) ensureBuilt();
    // tsx's loader lets the config start the real relay (TypeScript) for the browser tests.
    const wtr = join(root, 'node_modules/@web/test-runner/dist/bin.js');
    const args = ['--import', 'tsx', wtr, '--config', 'web-test-runner.config.mjs'];
    const passed = (out) => {
      if (!/all tests passed|passed/i.test(out)) throw new Error('the browser test runner reported no passing test');
    };
    try {
      run('browser tests', process.execPath, args, passed);
    } catch (err) {
      // A file whose page never reported (CI saw it twice, never reproduced since) is run once more by
      // itself, and only when nothing else failed: a failed test is never run again. The watchdog's
      // report above (scripts/wtr-page-watchdog.mjs) says what the page was doing.
      const hung = filesThatDidNotFinish(err.output ?? '');
      if (hung.length === 0) throw err;
      console.log(
        `\n⚠ ${hung.join(', ')} did not finish and nothing else failed: run once more by itself (the watchdog's report above says what its page was doing).`,
      );
      run('browser tests, the file(s) that did not finish', process.execPath, [...args, ...hung], passed);
      console.log(
        `\n⚠ browser tests passed, but ${hung.join(', ')} needed a second run (see the watchdog's report above).`,
      );
    }
  },
  e2e() {
    const files = listTests('test/e2e');
    if (files.length === 0) throw new Error('no end-to-end test files under test/e2e');
    // One file at a time: each starts its own servers and Chromium, and two cores are all CI has.
    run(
      'end-to-end tests',
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', ...files],
      (out) => {
        const count = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
        if (count('tests') - count('skipped') - count('todo') === 0)
          throw new Error('the end-to-end runner executed no test');
      },
    );
  },
};

const wanted = process.argv.slice(2);
const order = wanted.length > 0 ? wanted : Object.keys(stages);
try {
  if (['node', 'chaos', 'browser', 'e2e'].some((stage) => order.includes(stage))) ensureSystemDeps();
  for (const name of order) {
    if (!stages[name]) throw new Error(`unknown stage ${name}; use ${Object.keys(stages).join(', ')}`);
    stages[name]();
  }
  console.log(`\nnpm test: ${order.join(', ')} passed.`);
} catch (err) {
  console.error(`\nnpm test failed: ${err.message}`);
  process.exit(1);
}
