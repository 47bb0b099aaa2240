/**
 * The relay under many viewers and many deliveries (issue 14): a webhook is answered before it is
 * applied, deliveries about one request are applied in order, close() applies what was acknowledged;
 * one heartbeat timer and one encoding of each snapshot serve every stream; the stream written to
 * Node's socket and the Web-standard one are the same bytes. Order and causality, never durations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacHex } from '../helpers/simulator-suite.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { RequestFeeds, watchStart } from '../../server-stub/http/request-watch.js';
import { SseHeartbeats, encodeSse, type SseSink } from '../../server-stub/http/sse.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import type { StoredRequest } from '../../server-stub/relay/store.js';
import { FRONT_COUNTER, postJson, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { readSse } from '../helpers/sse.js';
import { waitFor } from '../helpers/simulator.js';

const SECRET = 'fanout-test-secret';

/** A real MemoryStore that notes when deliveries and updates reach it. */
class RecordingStore extends MemoryStore {
  readonly order: string[] = [];
  override async markEventSeen(eventKey: string, ttlMs: number): Promise<boolean> {
    this.order.push(`store saw ${eventKey.split(':')[0]}`);
    return super.markEventSeen(eventKey, ttlMs);
  }
  override async updateRequest(
    requestId: string,
    update: (current: StoredRequest) => StoredRequest | undefined,
    ttlMs: number,
  ) {
    const result = await super.updateRequest(requestId, update, ttlMs);
    this.order.push(`updated ${requestId}`);
    return result;
  }
}

function delivery(id: string, data: Record<string, unknown>, type = 'SMARTTERMINAL_REQUEST') {
  const body = JSON.stringify({ id, type, created: new Date().toISOString(), data });
  const headers = {
    'Content-Type': 'application/json',
    'X-Pj-Signature': hmacHex(SECRET, Buffer.from(body)),
  };
  return { body, headers };
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('webhook intake', () => {
  let t: TestRelay;
  const store = new RecordingStore();
  before(async () => {
    t = await startTestRelay({ store, webhookSecret: SECRET });
  });
  after(() => t.close());

  test('the answer is made before the store sees the delivery (fetch, Web-standard)', async () => {
    store.order.length = 0;
    const { body, headers } = delivery('evt-web', {}, 'SOMETHING_ELSE');
    const res = await t.server.fetch(new Request(`${t.api}/webhooks/payjunction`, { method: 'POST', headers, body }));
    store.order.push('answered');
    assert.equal(res.status, 200);
    await t.server.relay.webhooksApplied();
    assert.deepEqual(store.order, ['answered', 'store saw evt-web']);
  });

  test('the 200 OK is written to the socket before the store sees the delivery (Node)', async () => {
    store.order.length = 0;
    const listener = getRequestListener(t.server.app.fetch);
    const server = createServer((req, res) => {
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        store.order.push(`response written ${res.statusCode}`);
        return end(...args);
      }) as typeof res.end;
      void listener(req, res);
    });
    const base = await listening(server);
    try {
      const { body, headers } = delivery('evt-node', {}, 'SOMETHING_ELSE');
      const res = await fetch(`${base}/pj/webhooks/payjunction`, { method: 'POST', headers, body });
      assert.equal(res.status, 200);
      await t.server.relay.webhooksApplied();
      assert.deepEqual(store.order, ['response written 200', 'store saw evt-node']);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test('deliveries about one request are applied one after the other, in arrival order', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const requestId = (await startPayment(t, {})).json.requestId as string;
    await waitFor(
      async () => (await t.server.relay.getSnapshot(requestId))?.status === 'IN_PROGRESS',
      10_000,
      'IN_PROGRESS',
    );
    store.order.length = 0;
    const ids = ['evt-a', 'evt-b', 'evt-c', 'evt-d'];
    const answers = await Promise.all(
      ids.map(async (id) => {
        const { body, headers } = delivery(id, { requestId, status: 'IN_PROGRESS', smartTerminalId: FRONT_COUNTER });
        return t.server.fetch(new Request(`${t.api}/webhooks/payjunction`, { method: 'POST', headers, body }));
      }),
    );
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200],
    );
    await t.server.relay.webhooksApplied();
    const seen = ids.map((id) => store.order.indexOf(`store saw ${id}`));
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      seen,
      'dedupe checked in arrival order',
    );
    for (let i = 1; i < seen.length; i++) {
      const between = store.order.slice(seen[i - 1], seen[i]);
      assert.ok(between.includes(`updated ${requestId}`), `${ids[i - 1]} was applied before ${ids[i]} started`);
    }
    await postJson(`${t.api}/requests/${requestId}/cancel`, {});
  });
});

test('close() applies every acknowledged delivery, then answers 503 so PayJunction delivers again', async () => {
  const store = new RecordingStore();
  const t = await startTestRelay({ store, webhookSecret: SECRET });
  try {
    const post = async (id: string) => {
      const { body, headers } = delivery(id, {}, 'SOMETHING_ELSE');
      return t.server.fetch(new Request(`${t.api}/webhooks/payjunction`, { method: 'POST', headers, body }));
    };
    const acked = await Promise.all(['evt-1', 'evt-2', 'evt-3'].map(post));
    assert.deepEqual(
      acked.map((r) => r.status),
      [200, 200, 200],
    );
    const closing = t.server.relay.close();
    const late = await post('evt-late');
    assert.equal(late.status, 503);
    assert.equal((await late.json()).error.code, 'unavailable');
    await closing;
    assert.deepEqual(
      store.order.filter((line) => line.startsWith('store saw')),
      ['store saw evt-1', 'store saw evt-2', 'store saw evt-3'],
    );
  } finally {
    await t.close();
  }
});

test('one heartbeat timer writes the same bytes to every open stream, and stops with the last one', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const heartbeats = new SseHeartbeats(1000);
  const writes: Uint8Array[][] = [[], [], []];
  const sinks = writes.map((w) => ({ write: (bytes: Uint8Array) => w.push(bytes) }) as unknown as SseSink);
  for (const sink of sinks) heartbeats.add(sink);
  t.mock.timers.tick(1000);
  assert.deepEqual(
    writes.map((w) => w.length),
    [1, 1, 1],
  );
  assert.equal(Buffer.from(writes[0]![0]!).toString(), ': heartbeat\n\n');
  assert.ok(
    writes.every((w) => w[0] === writes[0]![0]),
    'one buffer for every stream',
  );
  heartbeats.delete(sinks[0]!);
  t.mock.timers.tick(1000);
  assert.deepEqual(
    writes.map((w) => w.length),
    [1, 2, 2],
  );
  heartbeats.delete(sinks[1]!);
  heartbeats.delete(sinks[2]!);
  assert.equal(heartbeats.size, 0);
  t.mock.timers.tick(5000);
  assert.deepEqual(
    writes.map((w) => w.length),
    [1, 2, 2],
    'no timer left',
  );
});

describe('streams', () => {
  let t: TestRelay;
  const store = new MemoryStore();
  before(async () => {
    t = await startTestRelay({ store, webhookSecret: SECRET, sse: { heartbeatMs: 100, retryMs: 1500 } });
  });
  after(() => t.close());

  const quietRequest = async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const id = (await startPayment(t, {})).json.requestId as string;
    await waitFor(async () => (await t.server.relay.getSnapshot(id))?.status === 'IN_PROGRESS', 10_000, 'IN_PROGRESS');
    return id;
  };

  test('the shared heartbeat reaches every stream, of both kinds', async () => {
    const id = await quietRequest();
    const enough = (comments: string[]) => comments.filter((c) => c === 'heartbeat').length >= 2;
    const streams = await Promise.all([
      readSse(`${t.api}/requests/${id}/events`, { untilComments: enough, timeoutMs: 15_000 }),
      readSse(`${t.api}/requests/${id}/events`, { untilComments: enough, timeoutMs: 15_000 }),
      readSse(`${t.api}/events?watch=${id}:0`, { untilComments: enough, timeoutMs: 15_000 }),
    ]);
    for (const s of streams) assert.ok(enough(s.comments), `heartbeats: ${s.comments.join(', ')}`);
    await postJson(`${t.api}/requests/${id}/cancel`, {});
    await waitFor(() => t.server.openStreams === 0, 15_000, 'every stream closed');
  });

  test('one snapshot is encoded once and the same bytes reach every viewer, each version once and in order', async () => {
    const id = await quietRequest();
    const feeds = new RequestFeeds(t.server.relay, 60_000);
    const start = (await watchStart(t.server.relay, id, 0))!;
    const got: { version: number; bytes: Uint8Array }[][] = [];
    const stops = Array.from({ length: 20 }, (_, i) => {
      got.push([]);
      return feeds.follow(start, {
        snapshot: (s: RequestSnapshot, encoded) => got[i]!.push({ version: s.version, bytes: encoded.withId() }),
        lost: () => assert.fail('not lost'),
      });
    });
    assert.equal(store.listenerCount(id), 1, 'one subscription for twenty viewers');
    const { body, headers } = delivery('evt-prompt', {
      requestId: id,
      status: 'IN_PROGRESS',
      promptButton: 'YES',
      smartTerminalId: FRONT_COUNTER,
    });
    assert.equal((await fetch(`${t.api}/webhooks/payjunction`, { method: 'POST', headers, body })).status, 200);
    await waitFor(() => got.every((g) => g.some((e) => e.version > start.current.version)), 10_000, 'the update');
    const latest = (await t.server.relay.getSnapshot(id))!;
    for (const g of got) {
      assert.deepEqual(
        g.map((e) => e.version),
        [start.current.version, latest.version],
      );
    }
    const shared = got[0]![1]!.bytes;
    assert.ok(
      got.every((g) => g[1]!.bytes === shared),
      'the very same bytes, encoded once',
    );
    assert.equal(
      Buffer.from(shared).toString(),
      encodeSse({ event: 'request', id: latest.version, data: JSON.stringify(latest) }),
    );
    for (const stop of stops) stop();
    assert.equal(store.listenerCount(id), 0, 'the last viewer to leave ends the subscription');
    await postJson(`${t.api}/requests/${id}/cancel`, {});
  });
});

describe('the stream written to Node’s socket and the Web-standard stream', () => {
  let t: TestRelay;
  let webBase: string;
  let web: ReturnType<typeof serve>;
  before(async () => {
    t = await startTestRelay({ webhookSecret: SECRET }); // listen(): the Node path; heartbeats every 15 s
    // The same relay mounted with fetch only (no Node bindings): the Web-standard path.
    web = serve({ fetch: (request: Request) => t.server.fetch(request), port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => web.once('listening', r));
    webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}${t.server.basePath}`;
  });
  after(async () => {
    await new Promise((r) => web.close(r));
    await t.close();
  });

  const raw = async (url: string) => {
    const res = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };
  const HEADERS = [
    'content-type',
    'cache-control',
    'x-accel-buffering',
    'x-content-type-options',
    'referrer-policy',
    'vary',
  ];

  test('give byte-identical streams and the same headers, live to the final snapshot and for a finished one', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const id = (await startPayment(t, {})).json.requestId as string;
    await waitFor(async () => (await t.server.relay.getSnapshot(id))?.status === 'IN_PROGRESS', 10_000, 'IN_PROGRESS');
    const version = (await t.server.relay.getSnapshot(id))!.version;
    const path = `/requests/${id}/events?lastEventId=${version - 1}`;
    const reading = [raw(`${t.api}${path}`), raw(`${webBase}${path}`)];
    await waitFor(() => t.server.openStreams === 2, 10_000, 'both streams open');
    await postJson(`${t.api}/requests/${id}/cancel`, {});
    const [node, webStream] = await Promise.all(reading);
    assert.ok(node!.body.length > 0);
    assert.equal(node!.body.toString(), webStream!.body.toString());
    assert.ok(node!.body.equals(webStream!.body));
    for (const name of HEADERS) assert.equal(node!.res.headers.get(name), webStream!.res.headers.get(name), name);
    assert.match(node!.body.toString(), /^retry: \d+\n\nevent: request\nid: \d+\ndata: /);

    for (const finished of [`/requests/${id}/events`, `/events?watch=${id}:0`]) {
      const [a, b] = await Promise.all([raw(`${t.api}${finished}`), raw(`${webBase}${finished}`)]);
      assert.equal(a.res.status, 200);
      assert.ok(a.body.equals(b.body), `${finished}: ${a.body.toString()} vs ${b.body.toString()}`);
    }
  });
});
