/**
 * Issue 15: the simulator is never easier than PayJunction, at the transport and webhook level.
 * Each test names the PayJunction page the behaviour comes from: Accept, the global rate limit,
 * webhook URLs (HTTPS, no port, ≤ 255), pretty-printed and signed webhook bodies, and event ids that
 * PayJunction reuses across statuses.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAllowHttpWebhooks, resolveRateLimit } from '../../server-stub/simulator/index.js';
import { jacksonJson } from '../../server-stub/simulator/webhook-send.js';
import { startTestSimulator, TEST_CREDENTIALS, waitFor } from '../helpers/simulator.js';
import {
  charge,
  FRONT,
  hmacHex,
  receiver,
  requestPayment,
  sim,
  statuses,
  subscribe,
  useSimulator,
  virtualSimulator,
} from '../helpers/simulator-suite.js';

useSimulator();

describe('Accept (https://developer.payjunction.com/hc/en-us/articles/216477407: the curl examples send none)', () => {
  it('a missing Accept, */* and application/* are answered with JSON; one that excludes JSON is 406', async () => {
    const { Accept: _accept, ...noAccept } = sim.authHeaders();
    const missing = await sim.raw('GET', '/smartterminals', { headers: noAccept });
    assert.equal(missing.status, 200);
    assert.equal(missing.body.results.length, 3);
    for (const accept of ['*/*', 'application/*', 'text/html, */*;q=0.1']) {
      const res = await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: accept } });
      assert.equal(res.status, 200, accept);
    }
    assert.equal(
      (await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'text/xml' } })).status,
      406,
    );
  });
});

describe('the global rate limit (https://developer.payjunction.com/hc/en-us/articles/115004486847, 429 per https://developer.payjunction.com/hc/en-us/articles/218707477)', () => {
  it('is on by default: a burst of 2, then one call per 100 ms of real time per integration, 429 with Retry-After', async (t) => {
    // `rateLimit: undefined` undoes the test helper's "off": the simulator's own default applies.
    const v = virtualSimulator(t, { speed: 50, rateLimit: undefined });
    const call = (login = TEST_CREDENTIALS.login) =>
      v.simulator.fetch(
        new Request('http://sim.invalid/smartterminals', {
          headers: {
            Authorization: `Basic ${Buffer.from(`${login}:${TEST_CREDENTIALS.password}`).toString('base64')}`,
            'X-PJ-Application-Key': TEST_CREDENTIALS.appKey,
            Accept: 'application/json',
          },
        }),
      );
    assert.equal((await call()).status, 200);
    assert.equal((await call()).status, 200);
    const limited = await call();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.match((await limited.json()).errors[0].message, /Too many requests/);
    // Another integration has a bucket of its own (and is then refused for its credentials, not its pace).
    assert.equal((await call('another-integration')).status, 401);
    // Every endpoint counts: a POST now is limited too.
    assert.equal((await v.pj('POST', '/transactions', { amountBase: '1.00' })).status, 429);
    // Real time, not the clock's speed: 99 ms is not enough even at speed 50, 100 ms is.
    v.advance(99);
    assert.equal((await call()).status, 429);
    v.advance(1);
    assert.equal((await call()).status, 200);
    assert.equal((await call()).status, 429);
    assert.deepEqual(resolveRateLimit({}, {}), { intervalMs: 100, burst: 2 });
  });

  it('a control turns it off or changes the interval; PJ_SIM_RATE_LIMIT_MS=0 turns it off; a reset restores the option', async (t) => {
    const v = virtualSimulator(t, { rateLimit: { intervalMs: 100, burst: 1 } });
    assert.equal((await v.pj('GET', '/smartterminals')).status, 200);
    assert.equal((await v.pj('GET', '/smartterminals')).status, 429);
    await v.control('POST', '/settings', { rateLimit: false });
    for (let i = 0; i < 20; i++) assert.equal((await v.pj('GET', '/smartterminals')).status, 200);
    await v.control('POST', '/settings', { rateLimit: { intervalMs: 1000, burst: 1 } });
    assert.equal((await v.pj('GET', '/smartterminals')).status, 200);
    v.advance(500);
    assert.equal((await v.pj('GET', '/smartterminals')).status, 429);
    await v.control('POST', '/reset');
    assert.deepEqual((await v.control('GET', '/settings')).settings.rateLimit, { intervalMs: 100, burst: 1 });
    assert.equal(resolveRateLimit({}, { PJ_SIM_RATE_LIMIT_MS: '0' }), false);
    assert.deepEqual(resolveRateLimit({}, { PJ_SIM_RATE_LIMIT_MS: '250' }), { intervalMs: 250, burst: 2 });
  });
});

describe('webhook URLs (https://developer.payjunction.com/hc/en-us/articles/219594068, https://developer.payjunction.com/hc/en-us/articles/219594268)', () => {
  it('must be HTTPS, with no port, at most 255 characters; http:// loopback only when allowed', async (t) => {
    // The simulator's default: the helper's allowance undone.
    const strict = await startTestSimulator({ allowHttpWebhooks: undefined });
    t.after(() => strict.close());
    const post = (url: string) => strict.pj('POST', '/webhooks', { event: 'TRANSACTION', url });
    for (const url of [
      'http://127.0.0.1:9/pj/webhooks/payjunction',
      'http://shop.example/pj',
      'https://shop.example:8443/pj',
      'https://shop.example:443/pj',
      `https://shop.example/${'a'.repeat(236)}`,
      'ftp://shop.example/pj',
    ]) {
      const res = await post(url);
      assert.equal(res.status, 400, url);
      assert.deepEqual(
        res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
        [['url', 'invalid']],
        url,
      );
      assert.equal(typeof res.body.errors[0].message, 'string');
    }
    const ok = await post('https://shop.example/pj/webhooks/payjunction');
    assert.equal(ok.status, 200, ok.text);
    const put = await strict.pj('PUT', `/webhooks/${ok.body.webhookId}`, { url: 'http://127.0.0.1:8080/x' });
    assert.equal(put.status, 400);
    assert.equal(put.body.errors[0].parameter, 'url');

    await strict.control('POST', '/settings', { allowHttpWebhooks: true });
    assert.equal((await post('http://127.0.0.1:9/pj/webhooks/payjunction')).status, 200);
    assert.equal((await post('http://localhost:9/pj')).status, 200);
    assert.equal((await post('http://10.0.0.7/pj')).status, 400, 'only loopback may be http://');
    assert.equal(resolveAllowHttpWebhooks({}, { PJ_SIM_ALLOW_HTTP_WEBHOOKS: '1' }), true);
    assert.equal(resolveAllowHttpWebhooks({}, {}), false);
  });
});

describe('webhook bodies (https://developer.payjunction.com/hc/en-us/articles/360007196134)', () => {
  it("are pretty-printed as PayJunction's example is: its Content-Length (166) matches only that form", () => {
    const example = {
      id: '3df99340-5f86-4a60-9976-b0a7ce3a77a3',
      created: '2023-06-30T21:51:08.131Z',
      type: 'TRANSACTION',
      data: { transactionId: 313875 },
    };
    assert.equal(Buffer.byteLength(jacksonJson(example)), 166);
    assert.notEqual(Buffer.byteLength(JSON.stringify(example)), 166);
    assert.notEqual(Buffer.byteLength(JSON.stringify(example, null, 2)), 166);
  });

  it('are sent pretty-printed and signed over the bytes sent; a re-serialised body does NOT verify', async () => {
    const hook = await receiver();
    await subscribe(hook.url, 'TRANSACTION', 'pretty-secret');
    const tx = await charge();
    await waitFor(() => hook.received.length === 1, 3000, 'the TRANSACTION webhook');
    const [delivery] = hook.received;
    const text = delivery!.raw.toString('utf8');
    assert.equal(
      text,
      `{\n  "id" : "${delivery!.body.id}",\n  "created" : "${delivery!.body.created}",\n  "type" : "TRANSACTION",\n` +
        `  "data" : {\n    "transactionId" : ${tx.transactionId}\n  }\n}`,
    );
    assert.equal(Number(delivery!.headers['content-length']), delivery!.raw.length);
    const signature = delivery!.headers['x-pj-signature'];
    assert.equal(signature, hmacHex('pretty-secret', delivery!.raw));
    // A receiver that parses and re-serialises before checking would refuse every real delivery.
    const parsed = JSON.parse(text);
    for (const again of [JSON.stringify(parsed), JSON.stringify(parsed, null, 2)]) {
      assert.notEqual(hmacHex('pretty-secret', Buffer.from(again)), signature);
    }
  });
});

describe('event ids (https://developer.payjunction.com/hc/en-us/articles/360002739934 shows one id with two statuses)', () => {
  it('reuseEventIds (option or control): every event of one Smart Terminal request carries one id; off by default', async (t) => {
    const hook = await receiver();
    await subscribe(hook.url);
    await requestPayment(FRONT);
    await waitFor(() => statuses(hook.received).includes('COMPLETE'), 3000, 'COMPLETE');
    const ids = new Set(hook.received.map((d) => d.body.id));
    assert.equal(ids.size, hook.received.length, 'by default each event has an id of its own');

    const reusing = await startTestSimulator({ speed: 50, reuseEventIds: true });
    t.after(() => reusing.close());
    const oneId = async (target: typeof sim) => {
      hook.received.length = 0;
      await requestPayment(FRONT, { amountBase: '13.00' }, target);
      await waitFor(() => statuses(hook.received).includes('COMPLETE'), 3000, 'COMPLETE');
      assert.deepEqual(statuses(hook.received), ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);
      assert.equal(new Set(hook.received.map((d) => d.body.id)).size, 1, 'one id for the whole request');
      assert.equal(new Set(hook.received.map((d) => d.raw.toString())).size, 4, 'with four different bodies');
    };
    assert.equal(
      (await reusing.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: hook.url })).status,
      200,
    );
    await oneId(reusing);
    await sim.control('POST', '/settings', { reuseEventIds: true });
    await oneId(sim);
  });
});
