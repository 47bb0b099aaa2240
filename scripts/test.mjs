// `npm test`: the type check, every Node test, every browser test. A stage that runs no test fails.
// Usage: node scripts/test.mjs [typecheck|node|browser]...   (no argument: all of them, in order)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(r.stdout ?? '');
  if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  check?.(r.stdout ?? '');
}

const stages = {
  typecheck() {
    run('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  },
  node() {
    const files = listTests('test/node');
    if (files.length === 0) throw new Error('no Node test files under test/node');
    run('node tests', process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], (out) => {
      const tests = Number(/^# tests (\d+)/m.exec(out)?.[1] ?? 0);
      if (tests === 0) throw new Error('the Node test runner executed no test');
    });
  },
  browser() {
    if (listTests('test/browser').length === 0) throw new Error('no browser test files under test/browser');
    run('browser tests', 'npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], (out) => {
      if (!/all tests passed|passed/i.test(out)) throw new Error('the browser test runner reported no passing test');
    });
  },
};

const wanted = process.argv.slice(2);
const order = wanted.length > 0 ? wanted : Object.keys(stages);
try {
  if (order.includes('node') || order.includes('browser')) ensureSystemDeps();
  for (const name of order) {
    if (!stages[name]) throw new Error(`unknown stage ${name}; use ${Object.keys(stages).join(', ')}`);
    stages[name]();
  }
  console.log(`\nnpm test: ${order.join(', ')} passed.`);
} catch (err) {
  console.error(`\nnpm test failed: ${err.message}`);
  process.exit(1);
}
