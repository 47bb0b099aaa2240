/**
 * The relay's front door: who may address it (Host, against DNS rebinding) and who a caller is
 * behind proxies (rate limits). Real parts throughout: the relay over HTTP and the simulator.
 * What labs and production refuse at start is in relay-door-startup.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { createLogger } from '../../server-stub/log.js';
import { createRelay } from '../../server-stub/relay-server.js';
import { clientKeyFrom } from '../../server-stub/http/middleware/security.js';
import { FRONT_COUNTER, newKey, postJson, startTestRelay, type TestRelay } from '../helpers/relay.js';

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
        headers: {
          Host: host,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          ...headers,
        },
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
  let t: TestRelay;
  let port: string;
  before(async () => {
    t = await startTestRelay();
    port = new URL(t.origin).port;
  });
  after(() => t.close());

  test('a rebound Host with its own matching Origin cannot start a payment', async () => {
    const res = await postWithHost(
      `${t.api}/payments`,
      'evil.example',
      { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' },
      {
        Origin: 'http://evil.example',
        'Idempotency-Key': newKey(),
      },
    );
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
    const webhook = await postWithHost(`${t.api}/webhooks/payjunction`, 'pj-hooks.example', {
      id: 'e1',
      type: 'SMARTTERMINAL_REQUEST',
      data: {},
    });
    assert.equal(webhook.status, 401);
    assert.equal(webhook.json.error.code, 'bad_signature');
  });

  test('with publicOrigin: its host passes; an allow-listed origin’s host is not the relay’s own', async () => {
    const pub = await startTestRelay({
      publicOrigin: 'https://shop.example',
      allowedOrigins: ['https://partner.example'],
    });
    try {
      const own = await postWithHost(
        `${pub.api}/payments`,
        'shop.example',
        {},
        { Origin: 'https://shop.example', 'Idempotency-Key': newKey() },
      );
      assert.equal(own.status, 400);
      const withPort = await postWithHost(
        `${pub.api}/payments`,
        'shop.example:443',
        {},
        { 'Idempotency-Key': newKey() },
      );
      assert.equal(withPort.status, 400);
      const partner = await postWithHost(
        `${pub.api}/payments`,
        'partner.example',
        {},
        { Origin: 'https://partner.example', 'Idempotency-Key': newKey() },
      );
      assert.equal(partner.status, 403);
      assert.equal(partner.json.error.code, 'host_not_allowed');
    } finally {
      await pub.close();
    }
  });

  test('mounted without listen or publicOrigin: allowed as before, with one warning naming PJ_PUBLIC_ORIGIN', async () => {
    const { logger, logs } = capturedLogger();
    const stub = await createRelay({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger, env: {} });
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
      const warnings = logs()
        .split('\n')
        .filter((line) => line.includes('set PJ_PUBLIC_ORIGIN'));
      assert.equal(warnings.length, 1, logs());
    } finally {
      await stub.close();
    }
  });

  test('mounted with publicOrigin: the Host is checked', async () => {
    const stub = await createRelay({
      mode: 'simulator',
      simulator: { port: 0, speed: 20 },
      logger: createLogger({ level: 'silent' }),
      env: { PJ_PUBLIC_ORIGIN: 'https://shop.example' },
    });
    try {
      const post = (url: string) =>
        stub.fetch(
          new Request(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
            body: '{}',
          }),
        );
      const evil = await post('http://evil.example/pj/payments');
      assert.equal(evil.status, 403);
      assert.deepEqual(Object.keys((await evil.json()).error).sort(), ['code', 'message']);
      assert.equal((await post('https://shop.example/pj/payments')).status, 400);
    } finally {
      await stub.close();
    }
  });

  test('mounted and told where it is served (as npm start does): the Host is checked', async () => {
    const stub = await createRelay({
      mode: 'simulator',
      simulator: { port: 0, speed: 20 },
      logger: createLogger({ level: 'silent' }),
      env: {},
    });
    try {
      stub.servedAt('127.0.0.1', 8080);
      const post = (url: string) =>
        stub.fetch(
          new Request(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
            body: '{}',
          }),
        );
      assert.equal((await post('http://evil.example:8080/pj/payments')).status, 403);
      assert.equal(
        (await post('http://localhost:8080/pj/payments')).status,
        400,
        'past the door: the empty body is refused',
      );
    } finally {
      await stub.close();
    }
  });
});

describe('client address behind trusted proxies', () => {
  const invalidPayment = (t: TestRelay, forwardedFor: string) =>
    postJson(`${t.api}/payments`, {}, { 'Idempotency-Key': newKey(), 'X-Forwarded-For': forwardedFor });

  test('trustProxy: true keys on the rightmost entry; rotating the leftmost does not escape the limit', async () => {
    const t = await startTestRelay({ trustProxy: true, limits: { postsPerMinute: 2 } });
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
    const t = await startTestRelay({ env: { PJ_TRUST_PROXY: '2' }, limits: { postsPerMinute: 2 } });
    try {
      await awayFromMinuteEdge();
      assert.equal((await invalidPayment(t, '6.6.6.6, 10.0.0.5, 172.16.0.1')).status, 400);
      assert.equal((await invalidPayment(t, '1.1.1.1, 2.2.2.2, 10.0.0.5, 172.16.0.1')).status, 400);
      assert.equal((await invalidPayment(t, '10.0.0.5, 172.16.0.2')).status, 429);
      assert.equal(
        (await invalidPayment(t, '6.6.6.6, 10.0.0.6, 172.16.0.1')).status,
        400,
        'another client has its own count',
      );
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
      createRelay({
        mode: 'simulator',
        simulator: { url: 'http://127.0.0.1:9' },
        logger: createLogger({ level: 'silent' }),
        env: { PJ_TRUST_PROXY: 'yes' },
      }),
      /PJ_TRUST_PROXY must be true, false or the number of proxies/,
    );
  });
});
