// Figure 2, SSE fan-out: N viewers of one request on the relay's page stream (GET /pj/events?watch=<id>:0,
// what browsers use), against a bare node:http SSE server (a Set of responses, one POST that writes one
// event to all). Per round: connect time for all N, the server's RSS and heap per connection (after a full
// GC, before connecting and once all are connected, / N), then each of the four non-final changes a live
// payment can take, each caused by one signed webhook: delivery p50/p99 from sending it to each viewer
// having the event, and that webhook's own ack time. Rounds alternate relay and baseline.
import { startChild, startRelay } from './children.mjs';
import { QUIET_TIMINGS, deliver, endRequest, liveRequests, quiet, updates } from './relay-api.mjs';
import { median, paired, percentile, setting, sleep } from './stats.mjs';
import { closeViewers, collect, openViewers } from './viewers.mjs';

const ROUNDS = setting('BENCH_FANOUT_ROUNDS', 3);
const SIZES = (process.env.BENCH_FANOUT_VIEWERS ?? '1000,5000').split(',').map(Number);
let rounds = 0;

/** Causes each update with `cause(update)` (resolving with its ack ms) and collects its deliveries. */
async function deliveries(viewers, changes, cause) {
  const latencies = [];
  const acks = [];
  let missing = 0;
  for (const change of changes) {
    for (const v of viewers) v.expect([change.token]);
    const sentAt = performance.now();
    acks.push(await cause(change));
    const got = await collect(viewers, () => sentAt);
    latencies.push(...got.latencies);
    missing += got.missing;
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), ack: median(acks), missing };
}

async function withViewers(server, n, path, readyToken, run) {
  await server.idle();
  const before = await server.mem();
  const { viewers, connectMs } = await openViewers(server.info.url, n, path, readyToken);
  try {
    const after = await server.mem();
    const result = await run(viewers);
    return {
      ...result,
      connectMs,
      rss: (after.rss - before.rss) / n,
      heap: (after.heapUsed - before.heapUsed) / n,
    };
  } finally {
    closeViewers(viewers);
    await sleep(300); // the server notices the closed connections before the next round's "before"
  }
}

function relayRound(relay, n) {
  const { api } = relay.info;
  return liveRequests(api, 1).then(async ([id]) => {
    const result = await withViewers(
      relay,
      n,
      () => `/pj/events?watch=${id}:0`,
      'event: request',
      (viewers) => deliveries(viewers, updates(`f${++rounds}`), (change) => deliver(api, id, change.data)),
    );
    await endRequest(api, id);
    return result;
  });
}

/** The same events as the relay's page stream carries: a request snapshot of the same size. */
function bareEvent(token) {
  return JSON.stringify({
    requestId: '2018ad6d-baa7-4a77-9ca0-e02e70bc692f',
    kind: 'payment',
    smartTerminalId: '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51',
    status: 'IN_PROGRESS',
    outcome: null,
    version: 2,
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    action: 'CHARGE',
    token,
  });
}

function bareRound(bare, n) {
  return withViewers(
    bare,
    n,
    () => '/events',
    'retry: ',
    (viewers) =>
      deliveries(viewers, updates(`b${++rounds}`), async (change) => {
        const started = performance.now();
        const res = await fetch(`${bare.info.url}/publish`, { method: 'POST', body: bareEvent(change.token) });
        await res.arrayBuffer();
        return performance.now() - started;
      }),
  );
}

export async function fanout(log) {
  const relay = await startRelay({ timings: QUIET_TIMINGS });
  const bare = await startChild('baselines/bare-sse.mjs');
  const rows = [];
  const notes = [];
  try {
    await quiet(relay.info.simUrl);
    await relayRound(relay, 100); // warm-up: JIT, lazy set-up, first-connection costs
    await bareRound(bare, 100);
    for (const n of SIZES) {
      const pairs = [];
      for (let r = 0; r < ROUNDS; r++) {
        const pair = { relay: await relayRound(relay, n), baseline: await bareRound(bare, n) };
        log(
          `  fan-out ${n} round ${r + 1}/${ROUNDS}: relay p99 ${pair.relay.p99.toFixed(1)} ms, bare p99 ${pair.baseline.p99.toFixed(1)} ms`,
        );
        pairs.push(pair);
      }
      const pick = (metric) => paired(pairs.map((p) => ({ relay: p.relay[metric], baseline: p.baseline[metric] })));
      const big = n === Math.max(...SIZES);
      const at = n.toLocaleString('en-US');
      rows.push(
        { label: `Fan-out ${at}: delivery p50`, unit: 'ms', ...pick('p50'), ...(big ? { target: { max: 1.2 } } : {}) },
        { label: `Fan-out ${at}: delivery p99`, unit: 'ms', ...pick('p99'), ...(big ? { target: { max: 1.2 } } : {}) },
        { label: `Fan-out ${at}: RSS per connection`, unit: 'B', ...pick('rss'), target: { max: 1.3 } },
        { label: `Fan-out ${at}: heap per connection`, unit: 'B', ...pick('heap') },
        { label: `Fan-out ${at}: connect all`, unit: 'ms', ...pick('connectMs') },
        { label: `Fan-out ${at}: causing webhook ack`, unit: 'ms', ...pick('ack'), target: { absMax: 10 } },
      );
      const missing = pairs.reduce((m, p) => m + p.relay.missing + p.baseline.missing, 0);
      if (missing > 0) notes.push(`Fan-out ${at}: ${missing} deliveries never arrived (timed out).`);
    }
    notes.push(
      `Fan-out: the relay's page stream (GET /pj/events?watch=<id>:0, one request), ${ROUNDS} rounds per size, four ` +
        'updates per round (IN_PROGRESS, signatureId, promptButton, inputValue); the baseline is bare-sse.mjs, whose ' +
        '"ack" is its publish POST (it writes to every viewer before answering). Viewers are raw sockets in the bench ' +
        'process, which timestamps them one after another: part of every p99 is the client reading N sockets.',
    );
    return { rows, notes };
  } finally {
    await Promise.all([relay.stop(), bare.stop()]);
  }
}
