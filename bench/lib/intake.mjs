// Figure 1, webhook intake: unique signed deliveries per second (autocannon, saturating) and the ack's
// p50/p99 (a probe of a few senders in a closed loop, timed to the microsecond: autocannon's histogram
// counts whole milliseconds), for the relay about live requests and about unknown ones, and for a bare
// node:http server and a bare Hono app doing the same verification. Rounds alternate the four servers.
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { startChild, startRelay } from './children.mjs';
import { QUIET_TIMINGS, liveRequests, quiet, statusWebhook } from './relay-api.mjs';
import { median, paired, percentile, setting } from './stats.mjs';

const ROUNDS = setting('BENCH_INTAKE_ROUNDS', 3);
const SECONDS = setting('BENCH_INTAKE_SECONDS', 2);
const CONNECTIONS = setting('BENCH_INTAKE_CONNECTIONS', 16);
const ACK_SECONDS = setting('BENCH_ACK_SECONDS', 1.5);
const ACK_SENDERS = setting('BENCH_ACK_SENDERS', 4);
const PATH = '/pj/webhooks/payjunction';

/** Bodies made and signed before the run, so the client spends its time sending. */
function pool(requestIds, n) {
  return Array.from({ length: n }, (_, i) => statusWebhook(requestIds[i % requestIds.length]));
}

/** Saturates `url` with unique deliveries; resolves with deliveries/s (2xx only) and the non-2xx count. */
async function saturate(url, requestIds) {
  const bodies = pool(requestIds, Math.ceil(SECONDS * 25_000));
  let next = 0;
  const result = await autocannon({
    url: url + PATH,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          // Past the pool (a faster machine): made here, on the client's time.
          const w = next < bodies.length ? bodies[next++] : statusWebhook(requestIds[next++ % requestIds.length]);
          req.body = w.body;
          req.headers = { 'content-type': 'application/json', 'x-pj-signature': w.signature };
          return req;
        },
      },
    ],
  });
  return { perSecond: result['2xx'] / (result.duration || SECONDS), non2xx: result.non2xx + result.errors };
}

/** A few senders in a closed loop for ACK_SECONDS; resolves with each ack's ms. */
async function probeAcks(url, requestIds, seconds = ACK_SECONDS) {
  const agent = new Agent({ keepAlive: true, maxSockets: ACK_SENDERS });
  const { hostname, port } = new URL(url);
  const acks = [];
  const end = performance.now() + seconds * 1000;
  const send = () =>
    new Promise((resolve, reject) => {
      const { body, signature } = statusWebhook(requestIds[acks.length % requestIds.length]);
      const started = performance.now();
      const req = request(
        {
          agent,
          hostname,
          port,
          path: PATH,
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Pj-Signature': signature },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            acks.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: ACK_SENDERS }, async () => {
      while (performance.now() < end) await send();
    }),
  );
  agent.destroy();
  return acks;
}

async function measure(server, requestIds) {
  await server.idle();
  await probeAcks(server.info.url, requestIds.slice(0, 1), 0.5); // warm-up: JIT, connections
  const rate = await saturate(server.info.url, requestIds);
  await server.idle(); // acks of a server still applying the saturating run's deliveries would be its backlog's
  const acks = await probeAcks(server.info.url, requestIds);
  return { ...rate, p50: percentile(acks, 50), p99: percentile(acks, 99) };
}

export async function intake(log) {
  const relay = await startRelay({ timings: QUIET_TIMINGS });
  const bare = await startChild('baselines/bare-webhook.mjs');
  const hono = await startChild('baselines/bare-hono.mjs');
  const ceiling = await startChild('servers/null-http.mjs');
  try {
    await quiet(relay.info.simUrl);
    const live = await liveRequests(relay.info.api, 2);
    const unknown = Array.from({ length: 64 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const round = {
        live: await measure(relay, live),
        bare: await measure(bare, unknown),
        unknown: await measure(relay, unknown),
        hono: await measure(hono, unknown),
        ceiling: (await saturate(ceiling.info.url, unknown)).perSecond,
      };
      log(
        `  intake round ${r + 1}/${ROUNDS}: relay live ${round.live.perSecond.toFixed(0)}/s, unknown ${round.unknown.perSecond.toFixed(0)}/s, ` +
          `bare ${round.bare.perSecond.toFixed(0)}/s, hono ${round.hono.perSecond.toFixed(0)}/s`,
      );
      rounds.push(round);
    }
    const client = median(rounds.map((r) => r.ceiling));
    const refused = rounds.reduce((n, r) => n + r.live.non2xx + r.unknown.non2xx + r.bare.non2xx + r.hono.non2xx, 0);
    const rows = [];
    for (const [name, key] of [
      ['live requests', 'live'],
      ['unknown ids', 'unknown'],
    ]) {
      for (const [base, baseKey] of [
        ['bare node:http', 'bare'],
        ['bare Hono', 'hono'],
      ]) {
        const pick = (metric) => paired(rounds.map((r) => ({ relay: r[key][metric], baseline: r[baseKey][metric] })));
        rows.push(
          { label: `Intake, ${name}: deliveries/s vs ${base}`, unit: '/s', ...pick('perSecond'), target: { min: 0.7 } },
          { label: `Intake, ${name}: ack p50 vs ${base}`, unit: 'ms', ...pick('p50') },
          { label: `Intake, ${name}: ack p99 vs ${base}`, unit: 'ms', ...pick('p99'), target: { max: 2 } },
        );
      }
    }
    const notes = [
      `Intake: autocannon ${SECONDS} s × ${CONNECTIONS} connections per server per round, ${ROUNDS} rounds; acks from ${ACK_SENDERS} ` +
        `senders in a closed loop for ${ACK_SECONDS} s. Client ceiling (autocannon against a server that answers without reading, median of rounds): ` +
        `${Math.round(client).toLocaleString('en-US')}/s. Non-2xx answers across all runs: ${refused}.`,
    ];
    return { rows, notes };
  } finally {
    await Promise.all([relay.stop(), bare.stop(), hono.stop(), ceiling.stop()]);
  }
}
