/** Secure by default: who may call, what a browser may read, what the logs never hold. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { localToday } from '../../src/protocol/card.js';
import { PayJunctionClient } from '../../server-stub/payjunction/index.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, SIM_TERMINALS } from '../../server-stub/simulator/index.js';
import { encodeForm } from '../helpers/simulator.js';
import { FRONT_COUNTER, newKey, postJson, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

const TEST_CARD = '4444333322221111';

/**
 * A keyed charge made straight at the simulator, as another integration on the account would. It
 * shares the relay's credentials, hence PayJunction's global rate limit: a 429 is retried after
 * Retry-After, as any client must.
 */
async function foreignCharge(simUrl: string, amountBase: string): Promise<{ transactionId: number }> {
  const { login, password, appKey } = DEFAULT_SIMULATOR_CREDENTIALS;
  const post = () =>
    fetch(`${simUrl}/transactions`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
        'X-PJ-Application-Key': appKey,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: encodeForm({
        terminalId: SIM_TERMINALS[0]!.terminalId,
        cardNumber: TEST_CARD,
        cardExpMonth: 12,
        cardExpYear: new Date().getFullYear() + 1,
        amountBase,
      }),
    });
  let res = await post();
  for (let retry = 0; res.status === 429 && retry < 3; retry++) {
    await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
    res = await post();
  }
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { transactionId: number };
}

describe('origins, hooks and limits', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({
      allowedOrigins: ['https://shop.example'],
      authorize: (req) => req.headers.get('Authorization') !== 'Bearer nope',
      preparePayment: (_req, body) => ({
        ...body,
        amountBase: body.invoiceNumber === 'ORDER-42' ? '42.00' : body.amountBase,
      }),
      limits: { postsPerMinute: 100_000, jsonBodyBytes: 2_048 },
    });
  });
  after(() => t.close());

  test('a page of another origin cannot start a payment', async () => {
    const res = await startPayment(t, {}, newKey()).then(() =>
      postJson(
        `${t.api}/payments`,
        { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' },
        { 'Idempotency-Key': newKey(), Origin: 'https://evil.example' },
      ),
    );
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'origin_not_allowed');
    const crossSite = await postJson(
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' },
      { 'Idempotency-Key': newKey(), 'Sec-Fetch-Site': 'cross-site' },
    );
    assert.equal(crossSite.status, 403);
  });

  test('the relay’s own origin and allow-listed origins may; CORS answers only the allow-list', async () => {
    const same = await startPayment(t, {}, newKey()).then(() =>
      postJson(
        `${t.api}/payments`,
        { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' },
        { 'Idempotency-Key': newKey(), Origin: t.origin },
      ),
    );
    assert.equal(same.status, 202);
    const preflight = await fetch(`${t.api}/payments`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
    const evil = await fetch(`${t.api}/payments`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const allowed = await postJson(
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' },
      { 'Idempotency-Key': newKey(), Origin: 'https://shop.example' },
    );
    assert.equal(allowed.status, 202);
    await readSse(`${t.api}/requests/${allowed.json.requestId}/events`, { until: isFinal });
  });

  test('the authorize hook gates the page-facing calls but not health or webhooks', async () => {
    const denied = await fetch(`${t.api}/smart-terminals`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(denied.status, 401);
    assert.equal((await denied.json()).error.code, 'unauthorized');
    assert.equal((await fetch(`${t.api}/health`, { headers: { Authorization: 'Bearer nope' } })).status, 200);
  });

  test('preparePayment lets the server set the amount from its own order', async () => {
    const res = await startPayment(t, { amountBase: '0.01', invoiceNumber: 'ORDER-42' });
    assert.equal(res.status, 202);
    const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, { until: isFinal });
    const final = snapshots(stream).at(-1);
    assert.equal(final.outcome, 'approved', 'the browser’s 0.01 (a decline trigger) was replaced');
    assert.equal(final.transaction.amountBase, '42.00');
  });

  test('bodies: too large → 413, not JSON → 400, wrong type → 415, all in the contract shape', async () => {
    const big = await postJson(
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '1.00', invoiceNumber: 'x'.repeat(5_000) },
      { 'Idempotency-Key': newKey() },
    );
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'body_too_large');
    const bad = await postJson(`${t.api}/payments`, '{"amountBase":', { 'Idempotency-Key': newKey() });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_json');
    const form = await fetch(`${t.api}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': newKey() },
      body: 'amountBase=1',
    });
    assert.equal(form.status, 415);
  });

  test('unknown routes and ids are 404s in the contract shape', async () => {
    for (const path of [
      '/nope',
      '/requests/not-a-request',
      '/requests/..%2F..%2Fetc',
      '/transactions/abc',
      '/transactions/1e3',
    ]) {
      const res = await fetch(`${t.api}${path}`);
      assert.equal(res.status, 404, path);
      const body = await res.json();
      assert.equal(typeof body.error.message, 'string');
    }
  });
});

describe('rate limits', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({ limits: { postsPerMinute: 3 } });
  });
  after(() => t.close());

  test('a client over its POST limit gets 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await postJson(`${t.api}/smart-terminals/${FRONT_COUNTER}/prompt`, { text: 'Hi', buttons: [] });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 429]);
    assert.equal(last!.json.error.code, 'rate_limited');
    assert.ok(Number(last!.headers.get('retry-after')) >= 1);
  });
});

describe('what a browser may read', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay();
  });
  after(() => t.close());

  test('a transaction this relay did not create is a 404, like one that does not exist', async () => {
    const foreign = await foreignCharge(t.simUrl, '5.00');
    const res = await fetch(`${t.api}/transactions/${foreign.transactionId}`);
    assert.equal(res.status, 404);
    const missing = await fetch(`${t.api}/transactions/${foreign.transactionId + 1000}`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await res.json(), await missing.json());
  });

  test("the host's authorizeTransaction hook may allow more", async () => {
    const foreign = await foreignCharge(t.simUrl, '6.00');
    const open = await startTestRelay({
      simulator: { url: t.simUrl },
      authorizeTransaction: (req, id) => req.headers.get('X-Back-Office') === 'yes' && id === foreign.transactionId,
    });
    try {
      assert.equal((await fetch(`${open.api}/transactions/${foreign.transactionId}`)).status, 404);
      const allowed = await fetch(`${open.api}/transactions/${foreign.transactionId}`, {
        headers: { 'X-Back-Office': 'yes' },
      });
      assert.equal(allowed.status, 200);
      assert.equal((await allowed.json()).amountTotal, '6.00');
    } finally {
      await open.close();
    }
  });

  test('the merchant-safe view has no billing address, vault id or full card number', async () => {
    const res = await startPayment(t, {});
    const final = snapshots(await readSse(`${t.api}/requests/${res.json.requestId}/events`, { until: isFinal })).at(-1);
    const view = await (await fetch(`${t.api}/transactions/${final.transactionId}`)).json();
    assert.deepEqual(Object.keys(view).sort(), Object.keys(final.transaction).sort());
    assert.equal(view.billing, undefined);
    assert.equal(view.vault, undefined);
    assert.ok(!JSON.stringify(view).includes(TEST_CARD));
  });
});

describe('logs and errors', () => {
  test('no card number, CVV, account number or API password in logs or responses', async () => {
    // The direct mode: the numbers reach the relay, so its logs and answers are where they could leak.
    const t = await startTestRelay({ acceptRawPaymentNumbers: true });
    try {
      const nextYear = String(new Date().getFullYear() + 1);
      const schedule = await postJson(`${t.api}/schedules`, {
        cardNumber: TEST_CARD,
        cardExpMonth: '12',
        cardExpYear: nextYear,
        cardCvv: '987',
        amountBase: '11.00',
        scheduleType: 'PERIODIC',
        interval: 'MONTH',
        intervalCount: '1',
        startDate: localToday(),
      });
      assert.equal(schedule.status, 201);
      const ach = await postJson(`${t.api}/schedules`, {
        achRoutingNumber: '104000016',
        achAccountNumber: '998877665544',
        achAccountType: 'CHECKING',
        achType: 'CCD',
        billingCompanyName: 'Acme',
        amountBase: '12.00',
        scheduleType: 'SPECIFIC_DATES',
        specificDate1: localToday(),
      });
      assert.equal(ach.status, 201);
      const bad = await postJson(`${t.api}/schedules`, {
        cardNumber: '4444333322221112',
        amountBase: '1.00',
        scheduleType: 'PERIODIC',
      });
      assert.equal(bad.status, 400);
      assert.ok(!bad.text.includes('4444333322221112'));
      const pay = await startPayment(t, {});
      await readSse(`${t.api}/requests/${pay.json.requestId}/events`, { until: isFinal });
      const logs = t.logs();
      assert.ok(logs.length > 1000, 'the relay logged its work');
      const basic = Buffer.from(
        `${DEFAULT_SIMULATOR_CREDENTIALS.login}:${DEFAULT_SIMULATOR_CREDENTIALS.password}`,
      ).toString('base64');
      for (const secret of [
        TEST_CARD,
        '4444333322221112',
        '998877665544',
        DEFAULT_SIMULATOR_CREDENTIALS.password,
        basic,
        DEFAULT_SIMULATOR_CREDENTIALS.appKey,
      ]) {
        assert.ok(!logs.includes(secret), `the logs must not contain ${secret.slice(0, 4)}…`);
      }
      assert.ok(!logs.includes('"987"'), 'no CVV');
    } finally {
      await t.close();
    }
  });

  test('upstream failures are answered in the contract shape, with no stack and no credential', async () => {
    const t = await startTestRelay();
    try {
      await t.sim('faults', { status: 500, count: 10, path: '/smartterminals' });
      const res = await fetch(`${t.api}/smart-terminals`);
      const text = await res.text();
      assert.equal(res.status, 502);
      const body = JSON.parse(text);
      assert.equal(body.error.code, 'upstream_unavailable');
      assert.ok(!/\bat .*\.ts:\d+/.test(text), 'no stack trace');
      assert.ok(!text.includes(DEFAULT_SIMULATOR_CREDENTIALS.password));
    } finally {
      await t.close();
    }
  });

  test('a 500 from request-payment leaves the attempt in doubt: 202, never sent again, no stack', async () => {
    const t = await startTestRelay();
    try {
      await t.sim('faults', { status: 500, count: 1, path: '/smartterminals' });
      const key = newKey();
      const res = await startPayment(t, {}, key);
      assert.equal(res.status, 202);
      assert.equal(res.json.inDoubt, true);
      assert.equal(res.json.outcome, null);
      assert.ok(!/\bat .*\.ts:\d+/.test(res.text), 'no stack trace');
      const again = await startPayment(t, {}, key);
      assert.equal(again.json.requestId, res.json.requestId, 'the same key answers with the same in-doubt request');
      const sent = (await t.calls()).filter((c: { path: string }) => c.path.endsWith('/request-payment'));
      assert.equal(sent.length, 1, 'the attempt reached PayJunction once');
    } finally {
      await t.close();
    }
  });

  test('wrong API credentials are named as the server’s problem, without the credentials', async () => {
    const t = await startTestRelay({
      credentials: { ...DEFAULT_SIMULATOR_CREDENTIALS },
      simulator: { port: 0, speed: 20 },
    });
    const wrong = new PayJunctionClient({
      baseUrl: t.simUrl,
      login: 'someone',
      password: 'hunter2-secret',
      appKey: DEFAULT_SIMULATOR_CREDENTIALS.appKey,
    });
    await assert.rejects(
      wrong.listSmartTerminals(),
      (err: Error) => err.message.includes('401') || /auth/i.test(err.message),
    );
    await t.close();
  });
});

describe('starting the relay', () => {
  for (const mode of ['labs', 'production']) {
    test(`${mode} mode refuses to start without credentials, saying which are missing`, () => {
      const env = { ...process.env };
      delete env.PJ_API_LOGIN;
      delete env.PJ_API_PASSWORD;
      delete env.PJ_APP_KEY;
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'server-stub/cli/relay.ts', '--mode', mode, '--port', '0'],
        { env, encoding: 'utf8', timeout: 20_000 },
      );
      assert.equal(r.status, 1);
      assert.match(
        r.stderr,
        new RegExp(`${mode} mode needs PayJunction API credentials: set PJ_API_LOGIN, PJ_API_PASSWORD, PJ_APP_KEY`),
      );
      assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
    });
  }
});
