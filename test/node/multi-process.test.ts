/**
 * Several relay processes behind a load balancer, sharing one Redis: two stubs (each with its own
 * RedisStore connections, as two processes would have) in front of ONE simulator. A webhook that
 * lands on A reaches a browser watching on B; an idempotency key is honoured across both; and one
 * request has one poller across both.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../server-stub/simulator/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';
import {
  DRIVE_THRU,
  FRONT_COUNTER,
  newKey,
  postJson,
  startRelaySimulator,
  startTestRelay,
  type TestRelay,
} from '../helpers/relay.js';

const SECRET = 'multi-process-webhook-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Call = { method: string; path: string; status: number; at: string };

async function simControl(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`/__sim/${path} answered ${res.status}`);
  return res.json();
}
const callsOf = async (sim: RunningSimulator): Promise<Call[]> => (await simControl(sim, 'GET', 'calls')).calls;

/** Polls of a request that one process sent, read from its own log of its PayJunction calls. */
function pollsBy(t: TestRelay, requestId: string): number {
  const path = `"path":"/smartterminals/requests/${requestId}"`;
  return t
    .logs()
    .split('\n')
    .filter((line) => line.includes(path) && line.includes('"msg":"payjunction call')).length;
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let redis: RedisServer;
before(async () => {
  redis = await startRedisServer();
});
after(() => redis?.stop());

describe('two relay processes, webhooks landing on one of them', () => {
  let sim: RunningSimulator;
  let a: TestRelay;
  let b: TestRelay;

  before(async () => {
    sim = await startRelaySimulator();
    // A subscribes the simulator's webhooks to itself when it listens. B is told that A's URL is
    // the public webhook URL (as every process behind a load balancer would be), so it finds that
    // same subscription rather than adding its own: every webhook lands on A.
    a = await startTestRelay({ simulator: { url: sim.url }, redisUrl: redis.url, webhookSecret: SECRET });
    b = await startTestRelay({
      simulator: { url: sim.url },
      redisUrl: redis.url,
      webhookSecret: SECRET,
      webhookUrl: `${a.api}/webhooks/payjunction`,
    });
  });
  after(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await sim?.close();
  });

  test('there is one webhook subscription, and it points at A', async () => {
    const { results } = await a.server.client.listWebhooks();
    assert.deepEqual(
      results.map((w) => w.url),
      [`${a.api}/webhooks/payjunction`],
    );
    assert.equal(a.server.delivery, 'webhooks');
    assert.equal(b.server.delivery, 'webhooks');
  });

  test('a payment started on A, its webhooks landing on A, reaches a viewer on B and ends approved with its transaction', async () => {
    // Late webhooks, so that the viewer on B is surely connected before anything changes.
    await simControl(sim, 'POST', 'webhooks/faults', { delayMs: 300 });
    try {
      await simControl(sim, 'DELETE', 'deliveries');
      const started = await postJson(
        `${a.api}/payments`,
        { smartTerminalId: FRONT_COUNTER, amountBase: '21.00' },
        { 'Idempotency-Key': newKey() },
      );
      assert.equal(started.status, 202, started.text);
      const requestId: string = started.json.requestId;

      const stream = await readSse(`${b.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 15_000 });
      assert.equal(stream.status, 200);
      const seen = snapshots(stream);
      assert.ok(seen.length >= 2, `B's viewer saw the request change live (${seen.map((s) => s.status).join(' → ')})`);
      assert.equal(seen[0].outcome, null);
      const final = seen.at(-1);
      assert.equal(final.requestId, requestId);
      assert.equal(final.outcome, 'approved');
      assert.equal(final.transaction?.amountTotal, '21.00');
      assert.equal(final.transactionId, final.transaction?.transactionId);

      // The webhooks went to A only; B never changed the request itself, it heard it through Redis.
      const { deliveries } = await simControl(sim, 'GET', 'deliveries');
      assert.ok(deliveries.length > 0, 'the simulator delivered webhooks');
      for (const d of deliveries as { url: string }[]) assert.equal(d.url, `${a.api}/webhooks/payjunction`);
      assert.match(a.logs(), new RegExp(`"requestId":"${requestId}"[^\\n]*"request changed"`));
      assert.doesNotMatch(b.logs(), new RegExp(`"requestId":"${requestId}"[^\\n]*"request changed"`));
      assert.doesNotMatch(b.logs(), /"method":"POST","path":"\/pj\/webhooks\/payjunction"/, 'no webhook reached B');
      assert.match(a.logs(), /"method":"POST","path":"\/pj\/webhooks\/payjunction"/);
    } finally {
      await simControl(sim, 'POST', 'webhooks/faults', { delayMs: 0 });
    }
  });

  test('10 concurrent POSTs with one Idempotency-Key, split across A and B, reach PayJunction once', async () => {
    await simControl(sim, 'DELETE', 'calls');
    const key = newKey();
    const body = { smartTerminalId: DRIVE_THRU, amountBase: '9.99', invoiceNumber: 'MP-1' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        postJson(`${(i % 2 === 0 ? a : b).api}/payments`, body, { 'Idempotency-Key': key }),
      ),
    );
    for (const r of responses) assert.equal(r.status, 202, r.text);
    const ids = new Set(responses.map((r) => r.json.requestId));
    assert.equal(ids.size, 1, `every response names the same request: ${[...ids].join(', ')}`);

    const upstream = (await callsOf(sim)).filter((c) => c.method === 'POST' && c.path.endsWith('/request-payment'));
    assert.equal(upstream.length, 1, 'exactly one request-payment upstream');

    // Let it finish, so nothing is still running when the processes close.
    const stream = await readSse(`${b.api}/requests/${[...ids][0]}/events`, { until: isFinal, timeoutMs: 15_000 });
    assert.equal(snapshots(stream).at(-1)?.outcome, 'approved');
  });
});

describe('two relay processes polling (no webhooks)', () => {
  let sim: RunningSimulator;
  let c: TestRelay;
  let d: TestRelay;
  let cClosed = false;
  const viewers = new AbortController();

  before(async () => {
    sim = await startRelaySimulator();
    const options = {
      simulator: { url: sim.url },
      redisUrl: redis.url,
      delivery: 'polling' as const,
      // 600 ms between polls at the sender leaves room for arrival jitter under PayJunction's 500 ms limit.
      timings: { pollInitialDelayMs: 200, pollIntervalMs: 600, requestTimeoutMs: 60_000 },
    };
    c = await startTestRelay(options);
    d = await startTestRelay(options);
  });
  after(async () => {
    viewers.abort();
    await Promise.allSettled([cClosed ? undefined : c?.close(), d?.close()]);
    await sim?.close();
  });

  // Who polls is read from each process's log, not inferred from the gaps between polls (which a
  // loaded machine changes). The pace of one poller is tested on virtual time in relay-poller.test.ts.
  test('one poller per request across processes; the other takes over when it goes', async () => {
    assert.equal(c.server.delivery, 'polling');
    assert.equal(d.server.delivery, 'polling');
    // The cardholder never finishes: the request stays live and is polled for as long as we watch.
    await simControl(sim, 'POST', `devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    await simControl(sim, 'DELETE', 'calls');
    const started = await postJson(
      `${c.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '5.00' },
      { 'Idempotency-Key': newKey() },
    );
    assert.equal(started.status, 202, started.text);
    const requestId: string = started.json.requestId;

    // Viewers on both processes.
    // (C's stream is cut when C closes below: that viewer's error is expected.)
    const watching = [c, d].map((t) =>
      readSse(`${t.api}/requests/${requestId}/events`, { timeoutMs: 30_000, signal: viewers.signal }).catch(
        () => undefined,
      ),
    );

    // D learns of the request too (as when a late webhook or a cancel lands on it): it now runs a
    // supervisor of its own, which must find C holding the lease and stay quiet.
    const state = await simControl(sim, 'GET', `requests/${requestId}`);
    await d.server.relay.applyStatus({ requestId, status: state.status }, 'poll');
    assert.equal(c.server.relay.supervisedCount, 1);
    assert.equal(d.server.relay.supervisedCount, 1);

    await until(() => pollsBy(c, requestId) >= 3, 'C to poll three times');
    assert.equal(pollsBy(d, requestId), 0, 'D stays quiet while C holds the lease');
    assert.equal(d.server.relay.supervisedCount, 1, 'although it supervises the request too');

    // C goes away (its lease is released); D's supervisor takes the polling over.
    await c.close();
    cClosed = true;
    const byC = pollsBy(c, requestId);
    await until(() => pollsBy(d, requestId) >= 2, 'D to poll once C is gone');
    assert.equal(pollsBy(c, requestId), byC, 'C sent no poll after it closed');
    const pollPath = `/smartterminals/requests/${requestId}`;
    const seen = (await callsOf(sim)).filter((x) => x.method === 'GET' && x.path === pollPath);
    assert.ok(seen.length >= byC + 2, `PayJunction saw the polls of both (${seen.length})`);

    const snapshot = await (await fetch(`${d.api}/requests/${requestId}`)).json();
    assert.equal(snapshot.outcome, null, 'still live');
    viewers.abort();
    const onD = await watching[1];
    assert.equal(onD?.status, 200);
    assert.ok(snapshots(onD!).length >= 1, 'the viewer on D had the request');
  });
});
