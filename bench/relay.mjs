// npm run bench: the relay under a burst of concurrent payments, in simulator mode at high speed.
// Prints figures, asserts nothing. Uses the built relay (dist/server, what npm users run), no tsx.
//
// Each payment: POST /pj/payments (its own Idempotency-Key), then GET /pj/requests/{id}/events (SSE) until
// the final snapshot. "Time to final" runs from the POST to the final snapshot on the stream.
// The simulator has two online Smart Terminals, and a terminal takes one request at a time: in a burst of
// N, the requests that reach a free terminal are approved and the rest end `busy` (the terminal refused
// them), exactly as PayJunction would; the outcome counts are printed.
// The burst measures the relay (idempotency, upstream calls, webhooks, SSE fan-out), not the terminals;
// the "approved" round then pays on both terminals back to back to time the whole approved path.
// The PayJunction client's pace (minIntervalMs, 100 ms in production) is 0 here: we measure the relay.
//
// Settings: BENCH_PAYMENTS (default 200), BENCH_APPROVED (default 20), BENCH_SPEED (simulator clock, default 50).
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';

const entry = new URL('../dist/server/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dist/ is not built: run npm run build first (npm run bench does).');
  process.exit(1);
}
const { createRelay, createLogger } = await import(entry.href);

const N = Number(process.env.BENCH_PAYMENTS ?? 200);
const APPROVED = Number(process.env.BENCH_APPROVED ?? 20);
const SPEED = Number(process.env.BENCH_SPEED ?? 50);
const TERMINALS = ['7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51', '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52']; // Front Counter, Drive-Thru

const relay = await createRelay({
  mode: 'simulator',
  simulator: { port: 0, speed: SPEED },
  logger: createLogger({ level: 'silent' }),
  env: {},
  minIntervalMs: 0,
  limits: { postsPerMinute: 1_000_000, lookupsPerMinute: 1_000_000 },
});
// The client's pace is 0 (above), so the in-process simulator's PayJunction rate limit goes off too.
await fetch(`${relay.simulatorUrl}/__sim/settings`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ rateLimit: false }),
});
const { url } = await relay.listen({ port: 0 });
const api = `${url}${relay.basePath}`;
let keys = 0;

/** Reads an SSE stream until a snapshot has an outcome; resolves with that snapshot. */
async function finalSnapshot(requestId) {
  const res = await fetch(`${api}/requests/${requestId}/events`, { headers: { Accept: 'text/event-stream' } });
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream of ${requestId} ended without a final snapshot`);
    buffer += value;
    let idx;
    while ((idx = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      if (!data) continue;
      const snapshot = JSON.parse(data);
      if (snapshot.outcome != null) {
        await reader.cancel();
        return snapshot;
      }
    }
  }
}

async function pay(smartTerminalId) {
  const started = performance.now();
  const res = await fetch(`${api}/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${process.pid}-${++keys}` },
    body: JSON.stringify({ smartTerminalId, amountBase: '12.50' }),
  });
  const body = await res.json();
  if (res.status !== 202)
    return { ms: performance.now() - started, outcome: `http ${res.status} ${body?.error?.code ?? ''}` };
  const final = await finalSnapshot(body.requestId);
  return { ms: performance.now() - started, outcome: final.outcome };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
function report(label, results, wallMs) {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const outcomes = {};
  for (const r of results) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
  const rss = process.memoryUsage().rss;
  console.log(
    `${label}\n` +
      `  payments        ${results.length} in ${(wallMs / 1000).toFixed(2)} s → ${(results.length / (wallMs / 1000)).toFixed(1)} requests/s\n` +
      `  time to final   p50 ${pct(ms, 50).toFixed(0)} ms · p95 ${pct(ms, 95).toFixed(0)} ms · max ${ms.at(-1).toFixed(0)} ms\n` +
      `  outcomes        ${Object.entries(outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n` +
      `  RSS             ${(rss / 1024 / 1024).toFixed(1)} MiB (relay + simulator + this client, one process)`,
  );
}

try {
  console.log(`Relay benchmark: simulator mode, speed ${SPEED}, delivery ${relay.delivery}, Node ${process.version}\n`);
  console.log(`  RSS at start    ${(process.memoryUsage().rss / 1024 / 1024).toFixed(1)} MiB\n`);

  let t = performance.now();
  const burst = await Promise.all(Array.from({ length: N }, (_, i) => pay(TERMINALS[i % 2])));
  report(`Burst: ${N} concurrent payments over 2 terminals`, burst, performance.now() - t);

  // Let the two terminals finish what the burst left on them (receipt prompts) before timing approvals.
  await new Promise((r) => setTimeout(r, 500));
  t = performance.now();
  const approved = [];
  for (let i = 0; i < APPROVED; i += 2) approved.push(...(await Promise.all([pay(TERMINALS[0]), pay(TERMINALS[1])])));
  report(
    `\nApproved path: ${approved.length} payments, two at a time (one per terminal)`,
    approved,
    performance.now() - t,
  );
} finally {
  await relay.close();
}
