/**
 * listen()'s Node listener takes webhook deliveries before Hono (server-stub/http/node-webhooks.ts).
 * The same deliveries sent down both ways in — the fast path, and the Hono route a host reaches with
 * `relay.fetch` (over Node, and Web-standard) — must get the same status, headers and body; a bad
 * signature must be refused there too; a delivery taken there must be applied, after its answer is
 * written; the body limit holds, declared or streamed. Order and causality, never durations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacHex } from '../helpers/simulator-suite.js';
import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { withWebhookFastPath } from '../../server-stub/http/node-webhooks.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { FRONT_COUNTER, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { waitFor } from '../helpers/simulator.js';

const SECRET = 'fast-path-secret';
const PATH = '/pj/webhooks/payjunction';

/** A real MemoryStore that notes when a delivery reaches it. */
class RecordingStore extends MemoryStore {
  readonly order: string[] = [];
  override async markEventSeen(eventKey: string, ttlMs: number): Promise<boolean> {
    const fresh = await super.markEventSeen(eventKey, ttlMs);
    this.order.push(`store saw ${eventKey.split(':')[0]}${fresh ? '' : ' again'}`);
    return fresh;
  }
}

const sign = (body: string | Buffer, secret = SECRET) => hmacHex(secret, Buffer.from(body));

function event(id: string, data: Record<string, unknown> = {}, type = 'SOMETHING_ELSE'): string {
  return JSON.stringify({ id, type, created: '2026-12-01T00:00:00.000Z', data });
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes over node:http (Content-Length, or chunked when `chunked`), as PayJunction would. */
function post(
  base: string,
  body: Buffer,
  headers: Record<string, string>,
  chunked = false,
  path = PATH,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (name !== 'date') h[name] = String(value);
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    if (chunked) {
      // Two writes without a Content-Length: Node sends the body chunked.
      req.write(body.subarray(0, body.length >> 1));
      req.end(body.subarray(body.length >> 1));
    } else {
      req.setHeader('Content-Length', String(body.length));
      req.end(body);
    }
  });
}

async function listening(listener: RequestListener): Promise<{ base: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

/** The deliveries every path must answer alike: good, forged, unsigned, not JSON, not an event, too large. */
function cases(): { name: string; body: Buffer; headers: Record<string, string>; chunked?: boolean; status: number }[] {
  const json = { 'Content-Type': 'application/json' };
  const good = Buffer.from(event('evt-good'));
  const notJson = Buffer.from('not json');
  const notEvent = Buffer.from('{"id":1,"type":"X"}');
  const large = Buffer.from(event('evt-large', { pad: 'x'.repeat(70 * 1024) }));
  return [
    { name: 'signed delivery', body: good, headers: { ...json, 'X-Pj-Signature': sign(good) }, status: 200 },
    { name: 'forged signature', body: good, headers: { ...json, 'X-Pj-Signature': sign(good, 'x') }, status: 401 },
    { name: 'no signature', body: good, headers: json, status: 401 },
    { name: 'signature not hex', body: good, headers: { ...json, 'X-Pj-Signature': 'zz' }, status: 401 },
    { name: 'not JSON', body: notJson, headers: { ...json, 'X-Pj-Signature': sign(notJson) }, status: 400 },
    { name: 'not an event', body: notEvent, headers: { ...json, 'X-Pj-Signature': sign(notEvent) }, status: 400 },
    { name: 'declared too large', body: large, headers: { ...json, 'X-Pj-Signature': sign(large) }, status: 413 },
    {
      name: 'streamed too large',
      body: large,
      headers: { ...json, 'X-Pj-Signature': sign(large) },
      chunked: true,
      status: 413,
    },
    {
      name: 'streamed, signed',
      body: good,
      headers: { ...json, 'X-Pj-Signature': sign(good) },
      chunked: true,
      status: 200,
    },
  ];
}

describe('the webhook fast path under listen()', () => {
  let t: TestRelay;
  let hono: { base: string; server: Server };
  const store = new RecordingStore();
  before(async () => {
    t = await startTestRelay({ store, webhookSecret: SECRET });
    await t.sim('webhooks/faults', { drop: 'all' }); // only these deliveries reach the relay
    // The Hono route as a host serving `relay.fetch` with @hono/node-server would reach it.
    hono = await listening(getRequestListener(t.server.fetch) as RequestListener);
  });
  after(async () => {
    await stop(hono.server);
    await t.close();
  });

  test('every answer is the same on the fast path, on the Hono route over Node, and Web-standard', async () => {
    for (const c of cases()) {
      const fast = await post(t.origin, c.body, c.headers, c.chunked);
      const slow = await post(hono.base, c.body, c.headers, c.chunked);
      assert.equal(fast.status, c.status, `${c.name}: status on the fast path`);
      assert.deepEqual(fast, slow, `${c.name}: the fast path and the Hono route answer alike`);
      const web = await t.server.fetch(
        new Request(`${t.api}/webhooks/payjunction`, {
          method: 'POST',
          headers: c.headers,
          body: new Uint8Array(c.body),
        }),
      );
      assert.equal(web.status, fast.status, `${c.name}: status, Web-standard`);
      assert.equal(await web.text(), fast.body, `${c.name}: body, Web-standard`);
      for (const name of ['content-type', 'cache-control', 'retry-after', 'x-content-type-options']) {
        assert.equal(web.headers.get(name) ?? undefined, fast.headers[name], `${c.name}: ${name}, Web-standard`);
      }
    }
    const codes = await Promise.all(
      cases().map(async (c) => {
        const a = await post(t.origin, c.body, c.headers, c.chunked);
        return a.status === 200 ? 'received' : (JSON.parse(a.body) as { error: { code: string } }).error.code;
      }),
    );
    assert.deepEqual(codes, [
      'received',
      'bad_signature',
      'bad_signature',
      'bad_signature',
      'invalid_json',
      'invalid_event',
      'body_too_large',
      'body_too_large',
      'received',
    ]);
  });

  test('a forged delivery is refused on the fast path and never reaches the store; the genuine one is applied', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const requestId = (await startPayment(t, {})).json.requestId as string;
    await waitFor(
      async () => (await t.server.relay.getSnapshot(requestId))?.status === 'IN_PROGRESS',
      10_000,
      'IN_PROGRESS',
    );
    await t.server.relay.webhooksApplied();
    store.order.length = 0;
    const body = Buffer.from(event('evt-cancel', { requestId, status: 'COMPLETE' }, 'SMARTTERMINAL_REQUEST'));
    const json = { 'Content-Type': 'application/json' };
    for (const signature of [sign(body, 'wrong-secret'), sign(Buffer.concat([body, Buffer.from(' ')])), 'zz']) {
      const answer = await post(t.origin, body, { ...json, 'X-Pj-Signature': signature });
      assert.equal(answer.status, 401);
    }
    await t.server.relay.webhooksApplied();
    assert.deepEqual(store.order, [], 'no refused delivery reached the store');
    assert.equal((await t.server.relay.getSnapshot(requestId))?.outcome, null);

    const answer = await post(t.origin, body, { ...json, 'X-Pj-Signature': sign(body) });
    assert.equal(answer.status, 200);
    await t.server.relay.webhooksApplied();
    assert.deepEqual(store.order, ['store saw evt-cancel']);
    assert.equal((await t.server.relay.getSnapshot(requestId))?.outcome, 'cancelled', 'applied');
    // The same bytes again: acknowledged, and known by (event id, body digest).
    assert.equal((await post(t.origin, body, { ...json, 'X-Pj-Signature': sign(body) })).status, 200);
    await t.server.relay.webhooksApplied();
    assert.deepEqual(store.order, ['store saw evt-cancel', 'store saw evt-cancel again']);
  });
});

describe('withWebhookFastPath', () => {
  let t: TestRelay;
  const store = new RecordingStore();
  before(async () => {
    t = await startTestRelay({ store, webhookSecret: SECRET });
    await t.sim('webhooks/faults', { drop: 'all' });
  });
  after(() => t.close());

  test('takes deliveries before Hono, writes the 200 before the store sees them, hands everything else on', async () => {
    const handedOn: string[] = [];
    const honoListener = getRequestListener(t.server.app.fetch) as RequestListener;
    const fast = withWebhookFastPath(t.server.app, (req, res) => {
      handedOn.push(`${req.method} ${req.url}`);
      honoListener(req, res);
    });
    const { base, server } = await listening((req, res) => {
      const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
      res.end = ((...args: unknown[]) => {
        store.order.push(`response written ${res.statusCode}`);
        return end(...args);
      }) as typeof res.end;
      fast(req, res);
    });
    try {
      store.order.length = 0;
      const body = Buffer.from(event('evt-first'));
      const answer = await post(base, body, { 'Content-Type': 'application/json', 'X-Pj-Signature': sign(body) });
      assert.equal(answer.status, 200);
      await t.server.relay.webhooksApplied();
      assert.deepEqual(store.order, ['response written 200', 'store saw evt-first']);
      assert.deepEqual(handedOn, [], 'the delivery never reached Hono');

      const health = await fetch(`${base}/pj/health`);
      assert.equal(health.status, 200);
      const withQuery = await post(base, body, { 'X-Pj-Signature': 'zz' }, false, `${PATH}?from=pj`);
      assert.equal(withQuery.status, 401);
      const wrongMethod = await fetch(`${base}${PATH}`);
      assert.equal(wrongMethod.status, 404);
      assert.deepEqual(handedOn, ['GET /pj/health', `GET ${PATH}`]);
    } finally {
      await stop(server);
    }
  });
});

test('503 on both paths once the relay stops taking deliveries, with Retry-After', async () => {
  const t = await startTestRelay({ webhookSecret: SECRET });
  const hono = await listening(getRequestListener(t.server.fetch) as RequestListener);
  try {
    await t.server.relay.close();
    const body = Buffer.from(event('evt-late'));
    const headers = { 'Content-Type': 'application/json', 'X-Pj-Signature': sign(body) };
    const fast = await post(t.origin, body, headers);
    const slow = await post(hono.base, body, headers);
    assert.equal(fast.status, 503);
    assert.equal(fast.headers['retry-after'], '5');
    assert.equal(JSON.parse(fast.body).error.code, 'unavailable');
    assert.deepEqual(fast, slow);
  } finally {
    await stop(hono.server);
    await t.close();
  }
});
