// node bench/server-import.mjs: what starting the relay costs in a fresh Node process: the time of
// `import('pj-elements/server')`, then of `createRelay()` (labs mode, memory store: nothing is called
// upstream), and the modules each loads. Prints figures, asserts nothing. Uses the built relay (dist/server,
// what npm users run), in a plain `node` (no tsx).
//
// The median and the fastest of the runs are printed (two shared cores make single runs noisy). One more
// run records every module loaded: ES modules by a module hook (test/node/support/record-loads.mjs),
// CommonJS ones from require.cache. The Redis client is not among them, since the Redis store is imported
// only by a relay given a REDIS_URL; hono and pino come with createRelay, not with the import.
//
// Settings: BENCH_RUNS (default 15).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'dist/server/index.js'))) {
  console.error('dist/ is not built: run npm run build first (npm run bench does).');
  process.exit(1);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
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

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`creating a relay failed:\n${r.stderr}`);
  runs.push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
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

const { imported, created } = recordLoads();
const stats = (key) => {
  const sorted = runs.map((run) => run[key]).sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0).padStart(4)} ms, fastest ${sorted[0].toFixed(0).padStart(4)} ms`;
};
const count = (loads, re) => loads.filter((url) => re.test(url)).length;
const row = (label, loads) =>
  `${label.padEnd(30)} ${String(loads.length).padStart(4)} modules: Redis client ${count(loads, /\/node_modules\/(redis|@redis)\//)}, ` +
  `hono ${count(loads, /\/node_modules\/(hono|@hono)\//)}, pino ${count(loads, /\/node_modules\/pino\//)}`;

console.log(`A relay in a fresh Node ${process.version} (dist/server), ${RUNS} runs\n`);
console.log(`import('pj-elements/server')   ${stats('importMs')}`);
console.log(`then createRelay() (labs)      ${stats('createMs')}`);
console.log('');
console.log(row('loaded by the import', imported));
console.log(row('loaded by createRelay', created));
