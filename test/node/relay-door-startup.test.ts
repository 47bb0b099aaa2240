/**
 * What the relay refuses outside the simulator: webhook deliveries it cannot verify (no secret), a
 * webhook URL PayJunction would refuse (in any mode: only the simulator's loopback http is let by), and,
 * in production, a Redis that would lose in-flight payments on a restart. Real parts throughout: the
 * relay over HTTP, the simulator, redis-server.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../server-stub/log.js';
import { createRelay, type RelayServerOptions } from '../../server-stub/relay-server.js';
import { DEFAULT_LIMITS, createRelayApp } from '../../server-stub/http/app.js';
import { clientKeyFrom } from '../../server-stub/http/middleware/security.js';
import { PayJunctionClient } from '../../server-stub/payjunction/index.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { RedisStore } from '../../server-stub/relay/redis-store.js';
import { Relay } from '../../server-stub/relay/relay.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '../../server-stub/simulator/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { FRONT_COUNTER, newKey, postJson, startTestRelay } from '../helpers/relay.js';

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

describe('webhooks outside the simulator need a secret', () => {
  const labs = (env: Record<string, string>, extra: Partial<RelayServerOptions> = {}) =>
    createRelay({
      mode: 'labs',
      credentials: FAKE_CREDENTIALS,
      logger: createLogger({ level: 'silent' }),
      env,
      ...extra,
    });

  test('labs or production with a webhook URL but no secret refuses to start, naming PJ_WEBHOOK_SECRET', async () => {
    await assert.rejects(
      labs({ PJ_WEBHOOK_URL: 'https://shop.example/pj/webhooks/payjunction' }),
      /without PJ_WEBHOOK_SECRET: PJ_WEBHOOK_URL is set/,
    );
    await assert.rejects(
      labs({}, { mode: 'production', webhookUrl: 'https://shop.example/pj/webhooks/payjunction' }),
      /production mode cannot take webhooks without PJ_WEBHOOK_SECRET/,
    );
    await assert.rejects(labs({ PJ_DELIVERY: 'webhooks' }), /PJ_DELIVERY=webhooks is set/);
  });

  test('labs polling without a secret: every delivery is a 401, one warning, health says polling', async () => {
    const { logger, logs } = capturedLogger();
    const stub = await createRelay({ mode: 'labs', credentials: FAKE_CREDENTIALS, logger, env: {} });
    try {
      for (const signature of [undefined, 'a'.repeat(64)]) {
        const res = await stub.fetch(
          new Request('http://127.0.0.1/pj/webhooks/payjunction', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-Pj-Signature': signature } : {}) },
            body: JSON.stringify({
              id: 'forged',
              type: 'SMARTTERMINAL_REQUEST',
              data: { requestId: 'x', status: 'COMPLETE' },
            }),
          }),
        );
        assert.equal(res.status, 401);
        assert.deepEqual(await res.json(), {
          error: {
            code: 'webhook_secret_required',
            message:
              'This relay takes no webhooks: PJ_WEBHOOK_SECRET is not set, so a delivery cannot be verified. It polls PayJunction instead.',
          },
        });
      }
      assert.equal(
        logs()
          .split('\n')
          .filter((l) => l.includes('webhook deliveries are refused')).length,
        1,
      );
      const health = await (await stub.fetch(new Request('http://127.0.0.1/pj/health'))).json();
      assert.deepEqual(health, { ok: true, mode: 'labs', delivery: 'polling', store: 'memory' });
      assert.equal(
        await stub.subscribeWebhooks('https://shop.example/pj/webhooks/payjunction'),
        false,
        'nothing to subscribe with',
      );
    } finally {
      await stub.close();
    }
  });

  test('a forged delivery cannot touch a live labs-mode payment (route factory against the simulator)', async () => {
    // The client below does not pace itself (minIntervalMs 0): PayJunction's global rate limit is off to match.
    const sim = await startSimulator({ port: 0, rateLimit: false, logger: createLogger({ level: 'silent' }) });
    const logger = createLogger({ level: 'silent' });
    const upstream = new PayJunctionClient({
      baseUrl: sim.url,
      ...DEFAULT_SIMULATOR_CREDENTIALS,
      minIntervalMs: 0,
      logger,
    });
    const store = new MemoryStore();
    // Configured for webhooks, as a host might: refused webhooks never arrive, so the app switches it to polling.
    const relay = new Relay({
      upstream,
      store,
      delivery: 'webhooks',
      timings: { pollInitialDelayMs: 60_000, webhookSilenceMs: 60_000 },
      logger,
    });
    const app = createRelayApp({
      basePath: '/pj',
      relay,
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
          body: JSON.stringify({
            id: 'forged-1',
            created: new Date().toISOString(),
            type: 'SMARTTERMINAL_REQUEST',
            data: { requestId, status: 'NO_CONNECTION' },
          }),
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
    const t = await startTestRelay({ delivery: 'polling' });
    try {
      const res = await postJson(`${t.api}/webhooks/payjunction`, { id: 'e', type: 'SMARTTERMINAL_REQUEST', data: {} });
      assert.equal(res.status, 401);
      assert.equal(res.json.error.code, 'bad_signature');
    } finally {
      await t.close();
    }
  });
});

describe('a webhook URL PayJunction would refuse stops the start (HTTPS, no port, at most 255 characters)', () => {
  const SECRET = 'door-test-webhook-secret-0123456789abcdef';
  const start = (mode: 'labs' | 'production' | 'simulator', env: Record<string, string>, extra = {}) =>
    createRelay({
      mode,
      credentials: FAKE_CREDENTIALS,
      logger: createLogger({ level: 'silent' }),
      env: { PJ_WEBHOOK_SECRET: SECRET, ...env },
      simulator: { port: 0 },
      ...extra,
    });
  /** The start's refusal: it quotes the rule and the problem, never the secret nor the URL (a token may ride in it). */
  const refusal = async (run: Promise<unknown>, problem: RegExp, name = 'PJ_WEBHOOK_URL') => {
    const err = await run.then(
      () => assert.fail('the relay started'),
      (e: Error) => e,
    );
    assert.match(err.message, new RegExp(`^${name} must be an https:// URL with no port, at most 255 characters`));
    assert.match(err.message, /219594068/);
    assert.match(err.message, problem);
    assert.doesNotMatch(err.message, new RegExp(SECRET));
    assert.doesNotMatch(err.message, /t0ken/);
  };

  test('labs and production: http, a port, a long URL or no URL at all are refused with the rule', async () => {
    await refusal(
      start('labs', { PJ_WEBHOOK_URL: 'http://shop.example/pj/webhooks/payjunction?k=t0ken' }),
      /starts with http:\/\//,
    );
    await refusal(
      start('labs', { PJ_WEBHOOK_URL: 'https://shop.example:8443/pj/webhooks/payjunction?k=t0ken' }),
      /names port 8443/,
    );
    const long = `https://shop.example/pj/webhooks/payjunction?k=t0ken${'a'.repeat(220)}`;
    await refusal(start('production', { PJ_WEBHOOK_URL: long }), new RegExp(`is ${long.length} characters long`));
    await refusal(start('labs', { PJ_WEBHOOK_URL: 'shop.example/t0ken' }), /is not a URL/);
    // Loopback http is the simulator's alone.
    await refusal(start('labs', { PJ_WEBHOOK_URL: 'http://127.0.0.1:8090/pj/webhooks/payjunction' }), /http:/);
    // createRelay's option is named as such.
    await refusal(
      start('production', {}, { webhookUrl: 'http://shop.example/pj/webhooks/payjunction' }),
      /starts with http:/,
      'webhookUrl',
    );
  });

  test('labs takes a URL that follows the rule (the check passes; the secret check comes next)', async () => {
    const relay = await createRelay({
      mode: 'labs',
      credentials: FAKE_CREDENTIALS,
      logger: createLogger({ level: 'silent' }),
      env: { PJ_WEBHOOK_URL: `https://shop.example/${'p'.repeat(255 - 'https://shop.example/'.length)}` },
    }).then(
      () => assert.fail('started without a secret'),
      (e: Error) => e,
    );
    assert.match(relay.message, /without PJ_WEBHOOK_SECRET/);
  });

  test('simulator mode: loopback http on any port is taken, any other http is refused', async () => {
    await refusal(
      start('simulator', { PJ_WEBHOOK_URL: 'http://shop.example/pj/webhooks/payjunction' }),
      /starts with http:/,
    );
    const t = await startTestRelay({ delivery: 'polling' });
    try {
      // The webhook URL names another relay's loopback port: accepted, and subscribed at start.
      const relay = await createRelay({
        mode: 'simulator',
        logger: createLogger({ level: 'silent' }),
        env: {},
        simulator: { url: t.simUrl },
        webhookUrl: `${t.api}/webhooks/payjunction`,
      });
      try {
        assert.equal(relay.delivery, 'webhooks');
      } finally {
        await relay.close();
      }
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

  const production = (redisUrl: string, extra: Partial<RelayServerOptions> = {}) =>
    createRelay({
      mode: 'production',
      credentials: FAKE_CREDENTIALS,
      logger: createLogger({ level: 'silent' }),
      env: {},
      redisUrl,
      ...extra,
    });
  const healthOf = async (stub: { fetch(r: Request): Response | Promise<Response> }) =>
    (await (await stub.fetch(new Request('http://127.0.0.1/pj/health'))).json()).store;

  test('the store reads persistence at connect: none, aof, or unknown without CONFIG (with a warning)', async () => {
    const warnings: string[] = [];
    const logger = { warn: (...args: unknown[]) => void warnings.push(String(args.at(-1))), error: () => {} };
    const stores = await Promise.all([volatile, durable, noConfig].map((r) => RedisStore.connect(r.url, { logger })));
    try {
      assert.deepEqual(
        stores.map((s) => s.persistence),
        ['none', 'aof', 'unknown'],
      );
      assert.equal(
        warnings.filter((w) => /Could not check whether Redis persists its data/.test(w)).length,
        1,
        warnings.join('\n'),
      );
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  test('production refuses a volatile Redis, saying how to fix it', async () => {
    await assert.rejects(production(volatile.url), (err: Error) => {
      assert.match(err.message, /^REDIS_URL points at a Redis without persistence/);
      assert.match(
        err.message,
        /Turn on appendonly yes, or set PJ_REDIS_ALLOW_VOLATILE=true to accept losing in-flight payments on a Redis restart/,
      );
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
    const stub = await createRelay({
      mode: 'simulator',
      simulator: { port: 0, speed: 20 },
      logger,
      env: {},
      redisUrl: volatile.url,
    });
    try {
      assert.equal(await healthOf(stub), 'redis-volatile');
      assert.match(logs(), /REDIS_URL points at a Redis without persistence/);
    } finally {
      await stub.close();
    }
  });
});
