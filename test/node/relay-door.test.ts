/**
 * The relay's front door: who may address it (Host, against DNS rebinding), who a caller is behind
 * proxies (rate limits), who may deliver webhooks outside the simulator, and what a Redis without
 * persistence means at start. Real parts throughout: the relay over HTTP, the simulator, redis-server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { createLogger } from '../../server-stub/log.js';
import { createStub, type StubOptions } from '../../server-stub/stub.js';
import { DEFAULT_LIMITS, createRelayApp } from '../../server-stub/http/app.js';
import { clientKeyFrom } from '../../server-stub/http/middleware/security.js';
import { PayJunctionClient } from '../../server-stub/payjunction/index.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { RedisStore } from '../../server-stub/relay/redis-store.js';
import { Relay } from '../../server-stub/relay/relay.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '../../server-stub/simulator/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { FRONT_COUNTER, newKey, postJson, startTestStub, type TestStub } from '../helpers/stub.js';

const FAKE_CREDENTIALS = { login: 'door-test', password: 'door-test-password', appKey: 'door-test-app-key' };

function capturedLogger() {
  let text = '';
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), logs: () => text };
}

/** A POST with a Host header of our choosing (fetch always sends the URL's host). */
function postWithHost(url: string, host: string, body: unknown, headers: Record<string, string> = {}) {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { Host: host, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

/** Fixed one-minute windows: start a count well inside one, so it is not split by the next. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

describe('Host check (DNS rebinding)', () => {
  let t: TestStub;
  let port: string;
  before(async () => {
    t = await startTestStub();
    port = new URL(t.origin).port;
  });
  after(() => t.close());

  test('a rebound Host with its own matching Origin cannot start a payment', async () => {
    const res = await postWithHost(`${t.api}/payments`, 'evil.example', { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' }, {
      Origin: 'http://evil.example',
      'Idempotency-Key': newKey(),
    });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'host_not_allowed');
    assert.match(res.json.error.message, /PJ_PUBLIC_ORIGIN/);
  });

  test('the addresses it listens on pass the gate (then the body is judged)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const origin = `http://${host}`;
      const res = await postWithHost(`${t.api}/payments`, host, {}, { Origin: origin, 'Idempotency-Key': newKey() });
      assert.equal(res.status, 400, host);
      assert.notEqual(res.json.error.code, 'host_not_allowed');
    }
  });

  test('reads and webhook deliveries are not Host-checked (the webhook has its signature)', async () => {
    const health = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/pj/health', headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .once('error', reject);
    });
    assert.equal(health, 200);
    const webhook = await postWithHost(`${t.api}/webhooks/payjunction`, 'pj-hooks.example', { id: 'e1', type: 'SMARTTERMINAL_REQUEST', data: {} });
    assert.equal(webhook.status, 401);
    assert.equal(webhook.json.error.code, 'bad_signature');
  });

  test('with publicOrigin: its host passes; an allow-listed origin’s host is not the relay’s own', async () => {
    const pub = await startTestStub({ publicOrigin: 'https://shop.example', allowedOrigins: ['https://partner.example'] });
    try {
      const own = await postWithHost(`${pub.api}/payments`, 'shop.example', {}, { Origin: 'https://shop.example', 'Idempotency-Key': newKey() });
      assert.equal(own.status, 400);
      const withPort = await postWithHost(`${pub.api}/payments`, 'shop.example:443', {}, { 'Idempotency-Key': newKey() });
      assert.equal(withPort.status, 400);
      const partner = await postWithHost(`${pub.api}/payments`, 'partner.example', {}, { Origin: 'https://partner.example', 'Idempotency-Key': newKey() });
      assert.equal(partner.status, 403);
      assert.equal(partner.json.error.code, 'host_not_allowed');
    } finally {
      await pub.close();
    }
  });

  test('mounted without listen or publicOrigin: allowed as before, with one warning naming PJ_PUBLIC_ORIGIN', async () => {
    const { logger, logs } = capturedLogger();
    const stub = await createStub({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger, env: {} });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await stub.fetch(
          new Request('http://evil.example/pj/payments', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example', 'Idempotency-Key': newKey() },
            body: '{}',
          }),
        );
        assert.equal(res.status, 400);
      }
      const warnings = logs().split('\n').filter((line) => line.includes('set PJ_PUBLIC_ORIGIN'));
      assert.equal(warnings.length, 1, logs());
    } finally {
      await stub.close();
    }
  });

  test('mounted with publicOrigin: the Host is checked', async () => {
    const stub = await createStub({
      mode: 'simulator',
      simulator: { port: 0, speed: 20 },
      logger: createLogger({ level: 'silent' }),
      env: { PJ_PUBLIC_ORIGIN: 'https://shop.example' },
    });
    try {
      const post = (url: string) =>
        stub.fetch(new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() }, body: '{}' }));
      const evil = await post('http://evil.example/pj/payments');
      assert.equal(evil.status, 403);
      assert.deepEqual(Object.keys((await evil.json()).error).sort(), ['code', 'message']);
      assert.equal((await post('https://shop.example/pj/payments')).status, 400);
    } finally {
      await stub.close();
    }
  });

  test('mounted and told where it is served (as npm start does): the Host is checked', async () => {
    const stub = await createStub({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger: createLogger({ level: 'silent' }), env: {} });
    try {
      stub.servedAt('127.0.0.1', 8080);
      const post = (url: string) =>
        stub.fetch(new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() }, body: '{}' }));
      assert.equal((await post('http://evil.example:8080/pj/payments')).status, 403);
      assert.equal((await post('http://localhost:8080/pj/payments')).status, 400, 'past the door: the empty body is refused');
    } finally {
      await stub.close();
    }
  });
});

describe('client address behind trusted proxies', () => {
  const invalidPayment = (t: TestStub, forwardedFor: string) =>
    postJson(`${t.api}/payments`, {}, { 'Idempotency-Key': newKey(), 'X-Forwarded-For': forwardedFor });

  test('trustProxy: true keys on the rightmost entry; rotating the leftmost does not escape the limit', async () => {
    const t = await startTestStub({ trustProxy: true, limits: { postsPerMinute: 2 } });
    try {
      await awayFromMinuteEdge();
      assert.equal((await invalidPayment(t, '6.6.6.6, 10.0.0.5')).status, 400);
      assert.equal((await invalidPayment(t, '7.7.7.7, 10.0.0.5')).status, 400);
      const third = await invalidPayment(t, '8.8.8.8, 10.0.0.5');
      assert.equal(third.status, 429);
      assert.equal(third.json.error.code, 'rate_limited');
      assert.equal((await invalidPayment(t, '6.6.6.6, 10.0.0.6')).status, 400, 'another client has its own count');
    } finally {
      await t.close();
    }
  });

  test('PJ_TRUST_PROXY=2: the entry two from the right is the client', async () => {
    const t = await startTestStub({ env: { PJ_TRUST_PROXY: '2' }, limits: { postsPerMinute: 2 } });
    try {
      await awayFromMinuteEdge();
      assert.equal((await invalidPayment(t, '6.6.6.6, 10.0.0.5, 172.16.0.1')).status, 400);
      assert.equal((await invalidPayment(t, '1.1.1.1, 2.2.2.2, 10.0.0.5, 172.16.0.1')).status, 400);
      assert.equal((await invalidPayment(t, '10.0.0.5, 172.16.0.2')).status, 429);
      assert.equal((await invalidPayment(t, '6.6.6.6, 10.0.0.6, 172.16.0.1')).status, 400, 'another client has its own count');
    } finally {
      await t.close();
    }
  });

  test('the key itself, for 0, 1 and 2 hops; a bad PJ_TRUST_PROXY is refused by name', async () => {
    const keyed = async (trust: boolean | number, forwardedFor?: string) => {
      const app = new Hono();
      app.get('/', (c) => c.text(clientKeyFrom(trust)(c)));
      return (await app.request('/', { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {} })).text();
    };
    assert.equal(await keyed(true, '6.6.6.6, 10.0.0.5'), '10.0.0.5');
    assert.equal(await keyed(2, '6.6.6.6, 10.0.0.5, 172.16.0.1'), '10.0.0.5');
    assert.equal(await keyed(2, '10.0.0.5'), '10.0.0.5');
    assert.equal(await keyed(false, '6.6.6.6, 10.0.0.5'), 'unknown', 'without trust, the header is ignored');
    await assert.rejects(
      createStub({ mode: 'simulator', simulator: { url: 'http://127.0.0.1:9' }, logger: createLogger({ level: 'silent' }), env: { PJ_TRUST_PROXY: 'yes' } }),
      /PJ_TRUST_PROXY must be true, false or the number of proxies/,
    );
  });
});

describe('webhooks outside the simulator need a secret', () => {
  const labs = (env: Record<string, string>, extra: Partial<StubOptions> = {}) =>
    createStub({ mode: 'labs', credentials: FAKE_CREDENTIALS, logger: createLogger({ level: 'silent' }), env, ...extra });

  test('labs or production with a webhook URL but no secret refuses to start, naming PJ_WEBHOOK_SECRET', async () => {
    await assert.rejects(labs({ PJ_WEBHOOK_URL: 'https://shop.example/pj/webhooks/payjunction' }), /without PJ_WEBHOOK_SECRET: PJ_WEBHOOK_URL is set/);
    await assert.rejects(
      labs({}, { mode: 'production', webhookUrl: 'https://shop.example/pj/webhooks/payjunction' }),
      /production mode cannot take webhooks without PJ_WEBHOOK_SECRET/,
    );
    await assert.rejects(labs({ PJ_DELIVERY: 'webhooks' }), /PJ_DELIVERY=webhooks is set/);
  });

  test('labs polling without a secret: every delivery is a 401, one warning, health says polling', async () => {
    const { logger, logs } = capturedLogger();
    const stub = await createStub({ mode: 'labs', credentials: FAKE_CREDENTIALS, logger, env: {} });
    try {
      for (const signature of [undefined, 'a'.repeat(64)]) {
        const res = await stub.fetch(
          new Request('http://127.0.0.1/pj/webhooks/payjunction', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-Pj-Signature': signature } : {}) },
            body: JSON.stringify({ id: 'forged', type: 'SMARTTERMINAL_REQUEST', data: { requestId: 'x', status: 'COMPLETE' } }),
          }),
        );
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), {
          error: {
            code: 'webhook_secret_required',
            message: 'This relay takes no webhooks: PJ_WEBHOOK_SECRET is not set, so a delivery cannot be verified. It polls PayJunction instead.',
          },
        });
      }
      assert.equal(logs().split('\n').filter((l) => l.includes('webhook deliveries are refused')).length, 1);
      const health = await (await stub.fetch(new Request('http://127.0.0.1/pj/health'))).json();
      assert.deepEqual(health, { ok: true, mode: 'labs', delivery: 'polling', store: 'memory' });
      assert.equal(await stub.subscribeWebhooks('https://shop.example/pj/webhooks/payjunction'), false, 'nothing to subscribe with');
    } finally {
      await stub.close();
    }
  });

  test('a forged delivery cannot touch a live labs-mode payment (route factory against the simulator)', async () => {
    const sim = await startSimulator({ port: 0, logger: createLogger({ level: 'silent' }) });
    const logger = createLogger({ level: 'silent' });
    const upstream = new PayJunctionClient({ baseUrl: sim.url, ...DEFAULT_SIMULATOR_CREDENTIALS, minIntervalMs: 0, logger });
    const store = new MemoryStore();
    // Configured for webhooks, as a host might: refused webhooks never arrive, so the app switches it to polling.
    const relay = new Relay({ upstream, store, delivery: 'webhooks', timings: { pollInitialDelayMs: 60_000, webhookSilenceMs: 60_000 }, logger });
    const app = createRelayApp({
      basePath: '/pj',
      relay,
      upstream,
      store,
      logger,
      mode: 'labs',
      sse: { heartbeatMs: 15_000, retryMs: 2_000 },
      clientKey: clientKeyFrom(false),
      today: () => new Date().toISOString().slice(0, 10),
      allowedOrigins: [],
      limits: DEFAULT_LIMITS,
    });
    try {
      assert.equal(relay.delivery, 'polling');
      assert.equal((await (await app.fetch(new Request('http://127.0.0.1/pj/health'))).json()).delivery, 'polling');
      const started = await app.fetch(
        new Request('http://127.0.0.1/pj/payments', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
          body: JSON.stringify({ smartTerminalId: FRONT_COUNTER, amountBase: '3.00' }),
        }),
      );
      assert.equal(started.status, 202);
      const { requestId } = await started.json();
      const forged = await app.fetch(
        new Request('http://127.0.0.1/pj/webhooks/payjunction', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ id: 'forged-1', created: new Date().toISOString(), type: 'SMARTTERMINAL_REQUEST', data: { requestId, status: 'NO_CONNECTION' } }),
        }),
      );
      assert.equal(forged.status, 401);
      assert.equal((await forged.json()).error.code, 'webhook_secret_required');
      const snapshot = await (await app.fetch(new Request(`http://127.0.0.1/pj/requests/${requestId}`))).json();
      assert.equal(snapshot.outcome, null, 'the payment is still live');
    } finally {
      await relay.close();
      await sim.close();
    }
  });

  test('simulator mode makes its own secret: an unsigned delivery is a bad signature, not accepted', async () => {
    const t = await startTestStub({ delivery: 'polling' });
    try {
      const res = await postJson(`${t.api}/webhooks/payjunction`, { id: 'e', type: 'SMARTTERMINAL_REQUEST', data: {} });
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'bad_signature');
    } finally {
      await t.close();
    }
  });
});

describe('Redis persistence', () => {
  let volatile: RedisServer;
  let durable: RedisServer;
  let noConfig: RedisServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pj-redis-door-'));
    [volatile, durable, noConfig] = await Promise.all([
      startRedisServer(),
      startRedisServer({ args: ['--appendonly', 'yes', '--dir', dir] }),
      // Managed Redis often disables CONFIG.
      startRedisServer({ args: ['--rename-command', 'CONFIG', ''] }),
    ]);
  });
  after(async () => {
    await Promise.all([volatile?.stop(), durable?.stop(), noConfig?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const production = (redisUrl: string, extra: Partial<StubOptions> = {}) =>
    createStub({ mode: 'production', credentials: FAKE_CREDENTIALS, logger: createLogger({ level: 'silent' }), env: {}, redisUrl, ...extra });
  const healthOf = async (stub: { fetch(r: Request): Response | Promise<Response> }) =>
    (await (await stub.fetch(new Request('http://127.0.0.1/pj/health'))).json()).store;

  test('the store reads persistence at connect: none, aof, or unknown without CONFIG (with a warning)', async () => {
    const warnings: string[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(String(args.at(-1))), error: () => {} };
    const stores = await Promise.all([volatile, durable, noConfig].map((r) => RedisStore.connect(r.url, { logger })));
    try {
      assert.deepEqual(stores.map((s) => s.persistence), ['none', 'aof', 'unknown']);
      assert.equal(warnings.filter((w) => /Could not check whether Redis persists its data/.test(w)).length, 1, warnings.join('\n'));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('production refuses a volatile Redis, saying how to fix it', async () => {
    await assert.rejects(production(volatile.url), (err: Error) => {
      assert.match(err.message, /^REDIS_URL points at a Redis without persistence/);
      assert.match(err.message, /Turn on appendonly yes, or set PJ_REDIS_ALLOW_VOLATILE=true to accept losing in-flight payments on a Redis restart/);
      return true;
    });
  });

  test('PJ_REDIS_ALLOW_VOLATILE=true (or allowVolatileRedis) lets production start; health says redis-volatile', async () => {
    for (const extra of [{ env: { PJ_REDIS_ALLOW_VOLATILE: 'true' } }, { allowVolatileRedis: true }]) {
      const stub = await production(volatile.url, extra);
      try {
        assert.equal(await healthOf(stub), 'redis-volatile');
      } finally {
        await stub.close();
      }
    }
  });

  test('production starts on a Redis with AOF, and on one whose persistence cannot be checked', async () => {
    for (const [url, store] of [
      [durable.url, 'redis'],
      [noConfig.url, 'redis'],
    ] as const) {
      const stub = await production(url);
      try {
        assert.equal(await healthOf(stub), store);
      } finally {
        await stub.close();
      }
    }
  });

  test('simulator mode on a volatile Redis starts, with a warning', async () => {
    const { logger, logs } = capturedLogger();
    const stub = await createStub({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger, env: {}, redisUrl: volatile.url });
    try {
      assert.equal(await healthOf(stub), 'redis-volatile');
      assert.match(logs(), /REDIS_URL points at a Redis without persistence/);
    } finally {
      await stub.close();
    }
  });
});
