// The memory store's record of webhook deliveries (dedupe: a delivery PayJunction repeats is applied
// once), held for 4 days: heap per remembered delivery, and the once-a-minute sweep with nothing yet
// expired. Relay: SeenKeys as built in dist/server (generations of keys dropped whole). Baseline: a
// Map from key to expiry time swept entry by entry, as the store kept them before. Each side fills
// BENCH_DEDUPE_KEYS keys shaped as the relay's (`<event id>:<32 hex>`, one every 345 ms of a simulated
// clock: about 3 deliveries/s for 4 days at a million) in a fresh Node process (--expose-gc), sides
// alternating per round.
import { spawnSync } from 'node:child_process';

import { median, paired, setting } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const KEYS = setting('BENCH_DEDUPE_KEYS', 1_000_000);
const ROUNDS = setting('BENCH_DEDUPE_ROUNDS', 3);
const TTL_MS = 4 * 24 * 60 * 60 * 1000;

const CHILD = (side) => `
const { SeenKeys } = await import('./dist/server/server-stub/relay/seen-keys.js');
const N = ${KEYS}, TTL = ${TTL_MS};
let now = 0;
let mark, sweep;
if (${JSON.stringify(side)} === 'relay') {
  const seen = new SeenKeys(() => now);
  mark = (key) => seen.mark(key, TTL);
  sweep = () => seen.sweep(now);
} else {
  const map = new Map();
  mark = (key) => { const at = map.get(key); if (at !== undefined && at > now) return false; map.set(key, now + TTL); return true; };
  sweep = () => { for (const [key, at] of map) if (at <= now) map.delete(key); };
}
gc(); gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < N; i++) {
  now = i * 345;
  mark(crypto.randomUUID() + ':' + i.toString(16).padStart(32, '0'));
}
gc(); gc();
const bytes = (process.memoryUsage().heapUsed - before) / N;
now += 1000;
const sweeps = [];
for (let i = 0; i < 5; i++) { const t = performance.now(); sweep(); sweeps.push(performance.now() - t); }
console.log(JSON.stringify({ bytes, sweeps }));
`;

function run(side) {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD(side)], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`the dedupe child (${side}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1));
}

export function dedupe(log) {
  const heap = [];
  const sweep = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const relay = run('relay');
    const baseline = run('baseline');
    heap.push({ relay: relay.bytes, baseline: baseline.bytes });
    sweep.push({ relay: median(relay.sweeps), baseline: median(baseline.sweeps) });
    log(`  dedupe round ${round}/${ROUNDS}: ${Math.round(relay.bytes)} vs ${Math.round(baseline.bytes)} B per key`);
  }
  const millions = (KEYS / 1e6).toLocaleString('en-US');
  return {
    rows: [
      { label: `Webhook dedupe, ${millions}M remembered: heap per delivery`, unit: 'B', ...paired(heap) },
      { label: `Webhook dedupe, ${millions}M remembered: a sweep`, unit: 'ms', ...paired(sweep) },
    ],
    notes: [
      `Webhook dedupe: the memory store's record of deliveries, ${KEYS.toLocaleString('en-US')} keys as the relay makes them ` +
        `(one per 345 ms of a simulated clock, 4-day TTL), ${ROUNDS} rounds, a fresh Node per side; relay = SeenKeys ` +
        `(generations dropped whole), baseline = a Map from key to expiry swept entry by entry (the store before); ` +
        `a sweep with nothing expired, median of 5.`,
    ],
  };
}
