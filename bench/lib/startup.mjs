// Starting the relay, in a fresh Node process each run: `import('pj-elements/server')` then `createRelay()`
// (labs mode, memory store: nothing is called upstream), against a baseline that imports only what any
// Hono relay needs (hono, @hono/node-server, pino) and makes an app and a logger. Runs alternate the two.
// Uses the built relay (dist/server, what npm users run), in a plain `node` (no tsx).
//
// One more run records every module the relay loads: ES modules by a module hook
// (test/node/support/record-loads.mjs), CommonJS ones from require.cache. The Redis client is not among
// them, since the Redis store is imported only by a relay given a REDIS_URL; hono and pino come with
// createRelay, not with the import.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { paired, setting } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const RUNS = setting('BENCH_STARTUP_RUNS', 9);
const env = { ...process.env };
delete env.NODE_OPTIONS; // a plain Node, as npm users run it

const CHILD = `
const t0 = performance.now();
const { createRelay, createLogger } = await import('pj-elements/server');
const t1 = performance.now();
globalThis.__mark?.();
const relay = await createRelay({
  mode: 'labs',
  credentials: { login: 'bench', password: 'bench-password', appKey: 'bench-key' },
  logger: createLogger({ level: 'silent' }),
  env: {},
});
const t2 = performance.now();
globalThis.__mark?.();
await relay.close();
console.log(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1 }));
`;

// The least a relay on the same stack loads and makes.
const BASELINE = `
const t0 = performance.now();
const [{ Hono }, { serve }, { pino }] = await Promise.all([import('hono'), import('@hono/node-server'), import('pino')]);
const app = new Hono();
app.get('/', (c) => c.text('ok'));
const logger = pino({ level: 'silent' });
const t1 = performance.now();
console.log(JSON.stringify({ totalMs: t1 - t0, ok: typeof serve === 'function' && !!logger }));
`;

function time(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`a start-up run failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

/** Every module the child loaded: by the import, then by createRelay. */
function recordLoads() {
  const dir = mkdtempSync(join(tmpdir(), 'pj-bench-loads-'));
  try {
    const file = join(dir, 'loads.txt');
    // At each mark the child adds the CommonJS modules loaded so far, then a line `--`, to the hook's file.
    const mark = `import { appendFileSync } from 'node:fs'; import { createRequire } from 'node:module';
      globalThis.__mark = () => appendFileSync(${JSON.stringify(file)},
        Object.keys(createRequire(import.meta.url).cache).map((path) => path + '\\n').join('') + '--\\n');`;
    const r = spawnSync(
      process.execPath,
      ['--import', './test/node/support/record-loads.mjs', '--input-type=module', '-e', `${mark}\n${CHILD}`],
      { cwd: root, env: { ...env, RECORD_LOADS_TO: file }, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`recording the loads failed:\n${r.stderr}`);
    const [imported, created] = readFileSync(file, 'utf8')
      .split('--\n')
      .map((part) => new Set(part.split('\n').filter(Boolean)));
    return { imported: [...imported], created: [...created].filter((module) => !imported.has(module)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function startup() {
  const pairs = [];
  for (let i = 0; i < RUNS; i++) {
    const relay = time(CHILD);
    pairs.push({ relay: relay.importMs + relay.createMs, baseline: time(BASELINE).totalMs });
  }
  const { imported, created } = recordLoads();
  const count = (loads, re) => loads.filter((url) => re.test(url)).length;
  const describe = (loads) =>
    `${loads.length} modules (Redis client ${count(loads, /\/node_modules\/(redis|@redis)\//)}, ` +
    `hono ${count(loads, /\/node_modules\/(hono|@hono)\//)}, pino ${count(loads, /\/node_modules\/pino\//)})`;
  return {
    rows: [{ label: 'Server start: import + createRelay', unit: 'ms', ...paired(pairs) }],
    notes: [
      `Server start: fresh Node per run, ${RUNS} runs each; baseline = importing hono, @hono/node-server and pino and ` +
        `making an app and a logger. The import loads ${describe(imported)}; createRelay then ${describe(created)}.`,
    ],
  };
}
