/** GET /pj/requests/{id}/events: the stream contract a browser's EventSource relies on. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { encodeSse } from '../../server-stub/http/sse.js';
import { FRONT_COUNTER, postJson, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';
import { waitFor } from '../helpers/simulator.js';

let t: TestRelay;
const store = new MemoryStore();
before(async () => {
  t = await startTestRelay({ store, sse: { heartbeatMs: 100, retryMs: 1500 } });
});
after(() => t.close());

test('headers that stop proxy buffering, a retry hint, the snapshot at once, the end after the final one', async () => {
  const res = await startPayment(t, {});
  const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, { timeoutMs: 10_000 });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.match(stream.headers.get('cache-control') ?? '', /no-transform/);
  assert.equal(stream.headers.get('x-accel-buffering'), 'no');
  assert.equal(stream.retry, 1500);
  assert.equal(stream.ended, true, 'the server closed the stream itself after the final snapshot');
  const all = snapshots(stream);
  assert.equal(all[0].requestId, res.json.requestId);
  assert.equal(all.at(-1).outcome, 'approved');
  for (const e of stream.events) {
    assert.equal(e.event, 'request');
    assert.equal(Number(e.id), JSON.parse(e.data).version, 'id: is the snapshot version');
  }
});

test('heartbeat comments keep a quiet stream alive', async () => {
  await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
  const res = await startPayment(t, {});
  // Read until three heartbeats have come (not: how many come in so many ms, which load changes).
  const heartbeats = (comments: string[]) => comments.filter((c) => c === 'heartbeat').length;
  const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, {
    untilComments: (c) => heartbeats(c) >= 3,
    timeoutMs: 15_000,
  });
  assert.ok(heartbeats(stream.comments) >= 3, `${heartbeats(stream.comments)} heartbeats`);
  assert.equal(stream.ended, false, 'the stream stayed open');
  await postJson(`${t.api}/requests/${res.json.requestId}/cancel`, {});
  await readSse(`${t.api}/requests/${res.json.requestId}/events`, { until: isFinal });
});

test('Last-Event-ID resumes: only newer snapshots; a page that has the final one gets 204', async () => {
  const res = await startPayment(t, {});
  const id = res.json.requestId;
  const full = snapshots(await readSse(`${t.api}/requests/${id}/events`, { until: isFinal }));
  const final = full.at(-1);
  const resumed = snapshots(
    await readSse(`${t.api}/requests/${id}/events`, { lastEventId: String(final.version - 1) }),
  );
  assert.deepEqual(
    resumed.map((s) => s.version),
    [final.version],
  );
  const done = await readSse(`${t.api}/requests/${id}/events`, { lastEventId: String(final.version) });
  assert.equal(done.status, 204, 'EventSource stops reconnecting on 204');
});

test('a closed connection leaves no listener or timer behind', async () => {
  await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
  const res = await startPayment(t, {});
  const id = res.json.requestId;
  const controllers = Array.from({ length: 5 }, () => new AbortController());
  const readers = controllers.map((c) =>
    readSse(`${t.api}/requests/${id}/events`, { signal: c.signal, timeoutMs: 30_000 }),
  );
  // Five streams, one store subscription: the viewers of one request share its feed.
  await waitFor(() => t.server.openStreams === 5, 15_000, 'five open streams');
  assert.equal(store.listenerCount(id), 1);
  for (const c of controllers) c.abort();
  // A reader whose response headers had not arrived yet rejects with the abort: that is a closed connection too.
  await Promise.all(readers.map((r) => r.catch((err: Error) => assert.equal(err.name, 'AbortError'))));
  await waitFor(() => t.server.openStreams === 0, 15_000, 'every stream to be closed');
  await waitFor(() => store.listenerCount(id) === 0, 15_000, 'the feed to unsubscribe');
  await postJson(`${t.api}/requests/${id}/cancel`, {});
  await readSse(`${t.api}/requests/${id}/events`, { until: isFinal });
  assert.equal(store.listenerCount(), 0);
});

test('an unknown request is a 404, not an endless stream', async () => {
  const res = await fetch(`${t.api}/requests/3f1e2d4c-0000-4000-8000-000000000000/events`);
  assert.equal(res.status, 404);
  assert.equal((await res.json()).error.code, 'not_found');
});

test('SSE fields are safe from CR/LF injection', () => {
  assert.throws(() => encodeSse({ event: 'request\ndata: forged', data: '{}' }), /single line/);
  assert.throws(() => encodeSse({ id: '1\r\nevent: x', data: '{}' }), /single line/);
  const encoded = encodeSse({ event: 'request', id: 3, data: 'line one\nevent: forged\r\ndata: x' });
  assert.equal(encoded, 'event: request\nid: 3\ndata: line one\ndata: event: forged\ndata: data: x\n\n');
  // A snapshot is JSON: a value with a newline stays escaped inside one data line.
  const snapshot = encodeSse({ event: 'request', id: 1, data: JSON.stringify({ inputValue: 'a\nevent: forged' }) });
  assert.equal(snapshot.split('\n').filter((l) => l.startsWith('data:')).length, 1);
});

test('a Last-Event-ID above the current version still gets the snapshot and a stream that ends', async () => {
  const res = await startPayment(t, {});
  const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, {
    lastEventId: '9999',
    timeoutMs: 10_000,
  });
  assert.equal(stream.status, 200);
  assert.equal(
    stream.ended,
    true,
    'the stream ended after the final snapshot instead of waiting for a version that never comes',
  );
  assert.equal(snapshots(stream).at(-1).outcome, 'approved');
});

test('a record that vanishes (a volatile Redis restarted) ends its streams with `lost`, not heartbeats for ever', async () => {
  const { startRedisServer } = await import('../helpers/redis-server.js');
  const { RedisStore } = await import('../../server-stub/relay/redis-store.js');
  const { createClient } = await import('redis');
  const redis = await startRedisServer();
  const redisStore = await RedisStore.connect(redis.url);
  const r = await startTestRelay({ store: redisStore, sse: { heartbeatMs: 100, retryMs: 1500 } });
  const admin = createClient({ url: redis.url });
  await admin.connect();
  try {
    await r.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const res = await startPayment(r, {});
    const reading = readSse(`${r.api}/requests/${res.json.requestId}/events`, { timeoutMs: 15_000 });
    await waitFor(async () => redisStore.listenerCount(res.json.requestId) > 0, 10_000, 'the stream is open');
    await admin.flushAll();
    const stream = await reading;
    assert.equal(stream.ended, true, 'the relay ended the stream');
    const lost = stream.events.find((e) => e.event === 'lost');
    assert.ok(lost, 'a lost event says why');
    assert.equal(JSON.parse(lost.data).error.code, 'request_lost');
  } finally {
    await admin.quit().catch(() => undefined);
    await r.close();
    await redis.stop();
  }
});
