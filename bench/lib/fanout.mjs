// Figure 2, SSE fan-out: N viewers of one request on the relay's page stream (GET /pj/events?watch=<id>:0,
// what browsers use), against a bare node:http SSE server (a Set of responses, one POST that writes one
// event to all). Every round starts a FRESH server process (RSS never shrinks after a GC, so a process
// that held an earlier round's viewers would reuse that memory and read low), warms it up with a few
// viewers, then measures: the server's RSS and heap after a full GC before and after connecting all N,
// / N; the time to connect all N; then each of the four non-final changes a live payment can take,
// each caused by one signed webhook: delivery p50/p99 from sending it to each viewer having the event,
// that webhook's ack as its sender measured it, and the server's own time from receiving it to having
// written its answer. Viewers live in viewer processes, the webhook is sent by a sender process
// (lib/clients.mjs); timestamps across processes are on one shared epoch. Rounds alternate relay and bare.
import { startChild, startRelay } from './children.mjs';
import { VIEWER_PROCS, sender, viewerGroup } from './clients.mjs';
import { QUIET_TIMINGS, liveRequests, quiet, statusWebhook, updates } from './relay-api.mjs';
import { median, paired, percentile, setting } from './stats.mjs';

const ROUNDS = setting('BENCH_FANOUT_ROUNDS', 3);
const WARMUP = setting('BENCH_FANOUT_WARMUP', 20);
const SIZES = (process.env.BENCH_FANOUT_VIEWERS ?? '1000,5000').split(',').map(Number);
/** The requests each server times itself (child-side.mjs): the relay's webhooks, the bare publish. */
const TIMED = { BENCH_SERVER_TIMING: '^/(pj/webhooks/|publish)' };
let rounds = 0;

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

/** How each side is started, watched and made to publish. */
const SIDES = {
  relay: {
    async start() {
      const relay = await startRelay({ timings: QUIET_TIMINGS }, TIMED);
      await quiet(relay.info.simUrl);
      const [warm, id] = await liveRequests(relay.info.api, 2);
      return { server: relay, warm, id };
    },
    path: (id) => `/pj/events?watch=${id}:0`,
    readyToken: 'event: request',
    post(s, id, change) {
      const { body, signature } = statusWebhook(id, change.data);
      const headers = {
        'Content-Type': 'application/json',
        'X-Pj-Signature': signature,
        'User-Agent': 'PayJunction WebHook',
      };
      return s.sender.post(`${s.server.info.api}/webhooks/payjunction`, headers, body);
    },
  },
  bare: {
    start: async () => ({ server: await startChild('baselines/bare-sse.mjs', TIMED), warm: 'w', id: 'm' }),
    path: () => '/events',
    readyToken: 'retry: ',
    post: (s, _id, change) => s.sender.post(`${s.server.info.url}/publish`, {}, bareEvent(change.token)),
  },
};

/** Causes each change through the sender; with `measure`, collects its deliveries and both ack times. */
async function publish(s, side, id, changes, measure) {
  const latencies = [];
  const acks = [];
  const serverAcks = [];
  let missing = 0;
  await s.server.timings(); // forget requests before these
  for (const change of changes) {
    if (measure) await s.viewers.expect([change.token]);
    const sent = await side.post(s, id, change);
    if (sent.status !== 200) throw new Error(`the causing POST answered ${sent.status}`);
    if (!measure) continue;
    const got = await s.viewers.collect();
    latencies.push(...got.seen.map((seen) => seen - sent.sentAt));
    missing += got.missing;
    acks.push(sent.ackMs);
    serverAcks.push((await s.server.timings()).at(-1));
  }
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ack: median(acks),
    serverAck: median(serverAcks),
    missing,
  };
}

/** One round of one side with n viewers, in a fresh server process. */
async function round(name, n, clients) {
  const side = SIDES[name];
  const started = await side.start();
  const s = { ...started, ...clients };
  const tag = `${name[0]}${++rounds}`;
  try {
    // Warm-up on another request: JIT and lazy set-up, and the sender's connection is open.
    await s.viewers.open(s.server.info.url, WARMUP, side.path(s.warm), side.readyToken);
    await publish(s, side, s.warm, updates(`${tag}w`), false);
    await s.viewers.close();
    if (name === 'relay') await side.post(s, s.warm, { data: { status: 'COMPLETE' } });
    await s.server.idle();
    const before = await s.server.mem();
    const connectMs = await s.viewers.open(s.server.info.url, n, side.path(s.id), side.readyToken);
    const after = await s.server.mem();
    const result = await publish(s, side, s.id, updates(tag), true);
    return {
      ...result,
      connectMs,
      rss: (after.rss - before.rss) / n,
      heap: (after.heapUsed - before.heapUsed) / n,
    };
  } finally {
    await s.viewers.close();
    await s.server.stop();
  }
}

export async function fanout(log) {
  const clients = { viewers: await viewerGroup(), sender: await sender() };
  const rows = [];
  const notes = [];
  try {
    for (const n of SIZES) {
      const pairs = [];
      for (let r = 0; r < ROUNDS; r++) {
        const pair = { relay: await round('relay', n, clients), baseline: await round('bare', n, clients) };
        log(
          `  fan-out ${n} round ${r + 1}/${ROUNDS}: relay p99 ${pair.relay.p99.toFixed(1)} ms, ` +
            `${(pair.relay.rss / 1000).toFixed(1)} kB/conn; bare p99 ${pair.baseline.p99.toFixed(1)} ms, ` +
            `${(pair.baseline.rss / 1000).toFixed(1)} kB/conn`,
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
        { label: `Fan-out ${at}: causing webhook ack (sender)`, unit: 'ms', ...pick('ack'), target: { absMax: 10 } },
        { label: `Fan-out ${at}: causing webhook, server request→end()`, unit: 'ms', ...pick('serverAck') },
      );
      const missing = pairs.reduce((m, p) => m + p.relay.missing + p.baseline.missing, 0);
      if (missing > 0) notes.push(`Fan-out ${at}: ${missing} deliveries never arrived (timed out).`);
    }
    notes.push(
      `Fan-out: the relay's page stream (GET /pj/events?watch=<id>:0, one request), ${ROUNDS} rounds per size, each ` +
        `in a fresh server process warmed up with ${WARMUP} viewers of another request; four updates per round ` +
        '(IN_PROGRESS, signatureId, promptButton, inputValue). Baseline: bare-sse.mjs, whose causing POST writes to ' +
        'every viewer before answering. The causing webhook is sent and its ack timed by a sender process; ' +
        "\"server request→end()\" is the server's own time from its 'request' event to its answer's end() returning (the answer handed to the kernel). " +
        `Viewers: ${VIEWER_PROCS} viewer process${VIEWER_PROCS === 1 ? '' : 'es'}, which read${VIEWER_PROCS === 1 ? 's its sockets one after another' : ' their sockets'}, ` +
        'so part of every p99 is the client reading N sockets, for relay and baseline alike; times across processes ' +
        'on one epoch (performance.timeOrigin + performance.now()).',
    );
    return { rows, notes };
  } finally {
    await Promise.all([clients.viewers.stop(), clients.sender.stop()]);
  }
}
