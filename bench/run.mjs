// npm run bench: every figure of issue 14, each against a baseline measured in the same run, as ONE
// table on stdout and in bench/RESULTS.md. Asserts nothing. Progress goes to stderr.
// bench/README.md lists what each figure means and the BENCH_* settings.
import { existsSync } from 'node:fs';
import { bundles } from './lib/bundles.mjs';
import { dedupe } from './lib/dedupe.mjs';
import { fanout } from './lib/fanout.mjs';
import { intake } from './lib/intake.mjs';
import { multiplex } from './lib/multiplex.mjs';
import { reactWrappers } from './lib/react-wrappers.mjs';
import { redis } from './lib/redis.mjs';
import { machine, table, writeResults } from './lib/report.mjs';
import { startup } from './lib/startup.mjs';
import { upstream } from './lib/upstream.mjs';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(`${root}dist/server/index.js`) || !existsSync(`${root}dist/size`)) {
  console.error('dist/ is not built: run node scripts/build.mjs first (npm run bench does).');
  process.exit(1);
}

const FIGURES = [
  ['webhook intake', intake],
  ['webhook dedupe', dedupe],
  ['SSE fan-out', fanout],
  ['multiplexed stream', multiplex],
  ['upstream economy', upstream],
  ['across processes (Redis)', redis],
  ['bundles', bundles],
  ['server start', startup],
  ['React bindings', reactWrappers],
];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());

const log = (line) => process.stderr.write(`${line}\n`);
const started = new Date();
const before = machine();
const t0 = performance.now();
const rows = [];
const notes = [];
for (const [name, figure] of FIGURES) {
  if (only && !only.some((o) => name.includes(o))) continue;
  const t = performance.now();
  log(`${name} …`);
  try {
    const result = await figure(log);
    rows.push(...result.rows);
    notes.push(...result.notes);
  } catch (err) {
    // A figure that cannot be measured is reported as such; the others still are.
    rows.push({ label: name, skipped: String(err?.message ?? err).split('\n')[0] });
  }
  log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const seconds = (performance.now() - t0) / 1000;
const settings = Object.entries(process.env)
  .filter(([k]) => k.startsWith('BENCH_'))
  .map(([k, v]) => `${k}=${v} `)
  .join('');
console.log(table(rows));
console.log(`\n${notes.map((n) => `- ${n}`).join('\n')}`);
// A partial run (BENCH_ONLY) prints its rows but leaves the full run's RESULTS.md alone.
if (only) {
  log('\nBENCH_ONLY is set: bench/RESULTS.md left as it was.');
  process.exit(0);
}
writeResults(new URL('RESULTS.md', import.meta.url), {
  command: `${settings}npm run bench`,
  started,
  seconds,
  before,
  after: machine(),
  rows,
  notes,
});
log(`\nbench/RESULTS.md written; the figures took ${seconds.toFixed(0)} s.`);
