/**
 * What every PayJunction call meets in the simulator, over real HTTP: authentication, Accept, the
 * body format, 404/405, the two lists, forced rate-limit and error responses, the call log, and what
 * a reset forgets and close() clears.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTH_FAILED_MESSAGE,
  DEFAULT_SIMULATOR_CREDENTIALS,
  resolveCredentials,
} from '../../server-stub/simulator/index.js';
import { startTestSimulator, TEST_CREDENTIALS, waitFor } from '../helpers/simulator.js';
import {
  charge,
  FRONT,
  receiver,
  requestPayment,
  sim,
  subscribe,
  TEST_CARD,
  useSimulator,
  UUID,
  waitForStatus,
} from '../helpers/simulator-suite.js';

useSimulator();

// ─── authentication, content negotiation, body format ──────────────────────────────────────

describe('authentication and transport', () => {
  it("answers 401 with PayJunction's body for a wrong login, password or application key", async () => {
    const wrong = [
      { login: 'someone-else' },
      { password: 'not-the-password' },
      { appKey: '88888888-4444-4444-4444-cccccccccccc' },
    ];
    for (const credentials of wrong) {
      const res = await sim.raw('GET', '/smartterminals', { headers: sim.authHeaders(credentials) });
      assert.equal(res.status, 401, JSON.stringify(credentials));
      assert.deepEqual(res.body, { errors: [{ message: AUTH_FAILED_MESSAGE }] });
    }
    const { 'X-PJ-Application-Key': _key, ...withoutKey } = sim.authHeaders();
    assert.equal((await sim.raw('GET', '/smartterminals', { headers: withoutKey })).status, 401);
    const { Authorization: _auth, ...withoutAuth } = sim.authHeaders();
    assert.equal((await sim.raw('GET', '/smartterminals', { headers: withoutAuth })).status, 401);
    assert.equal((await sim.pj('GET', '/smartterminals')).status, 200);
  });

  it('answers 406 when Accept excludes application/json', async () => {
    const { Accept: _accept, ...noAccept } = sim.authHeaders();
    const html = await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'text/html' } });
    assert.equal(html.status, 406);
    assert.ok(Array.isArray(html.body.errors));
    assert.equal(
      (await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'application/json;q=0, */*;q=0' } }))
        .status,
      406,
    );
    assert.equal(
      (await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'application/json;charset=UTF-8' } }))
        .status,
      200,
    );
  });

  it('takes form-encoded bodies only: a JSON body is a 400 and starts nothing', async () => {
    const res = await sim.raw('POST', `/smartterminals/${FRONT}/request-payment`, {
      headers: { ...sim.authHeaders(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ terminalId: 1, amountBase: '1.00' }),
    });
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].message, /form-encoded/);
    const devices = await sim.control('GET', '/devices');
    assert.equal(
      devices.devices.find((d: { smartTerminalId: string }) => d.smartTerminalId === FRONT).liveRequestId,
      null,
    );
  });

  it("answers 404 with PayJunction's body for unknown paths and ids, 405 for a known path with another method", async () => {
    for (const path of [
      '/nothing-here',
      '/transactions/999999',
      '/schedules/424242',
      '/smartterminals/requests/00000000-0000-0000-0000-000000000000',
    ]) {
      const res = await sim.pj('GET', path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { errors: [{ message: '404 Not Found' }] });
    }
    const unknownDevice = await sim.pj('POST', '/smartterminals/not-a-device/request-payment', {
      terminalId: 1,
      amountBase: '1.00',
    });
    assert.equal(unknownDevice.status, 404);
    assert.deepEqual(unknownDevice.body, { errors: [{ message: '404 Not Found' }] });
    assert.equal((await sim.pj('DELETE', '/schedules/1')).status, 405);
  });

  it('credentials come from options, else PJ_API_* env, else the documented defaults', () => {
    assert.deepEqual(resolveCredentials({}, {}), {
      credentials: { ...DEFAULT_SIMULATOR_CREDENTIALS },
      source: 'default',
    });
    const env = { PJ_API_LOGIN: 'env-login', PJ_API_PASSWORD: 'env-pw', PJ_APP_KEY: 'env-key' };
    assert.deepEqual(resolveCredentials({}, env), {
      credentials: { login: 'env-login', password: 'env-pw', appKey: 'env-key' },
      source: 'env',
    });
    assert.equal(resolveCredentials({ credentials: TEST_CREDENTIALS }, env).source, 'options');
  });
});

// ─── lists ─────────────────────────────────────────────────────────────────────────────────

describe('lists', () => {
  it('GET /smartterminals lists the three devices (Back Office is the offline one)', async () => {
    const res = await sim.pj('GET', '/smartterminals');
    assert.equal(res.status, 200);
    assert.equal(res.body.results.length, 3);
    for (const device of res.body.results) {
      assert.deepEqual(Object.keys(device).sort(), ['created', 'nickName', 'serialNumber', 'smartTerminalId']);
      assert.match(device.smartTerminalId, UUID);
    }
    assert.deepEqual(
      res.body.results.map((d: { nickName: string }) => d.nickName),
      ['Front Counter', 'Drive-Thru', 'Back Office'],
    );
  });

  it('GET /terminals is a paginated {results} list of the CARD and ACH accounts', async () => {
    const res = await sim.pj('GET', '/terminals');
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.results.map((t: { terminalId: number; type: string }) => [t.terminalId, t.type]),
      [
        [1, 'CARD'],
        [2, 'ACH'],
      ],
    );
    for (const t of res.body.results) assert.match(t.accountId, UUID);
    const page = await sim.pj('GET', '/terminals', { limit: 1, offset: 1 });
    assert.deepEqual(
      page.body.results.map((t: { terminalId: number }) => t.terminalId),
      [2],
    );
    assert.equal(page.body.next, undefined);
    assert.equal(new URL(page.body.prev).searchParams.get('offset'), '0');
    assert.equal(new URL((await sim.pj('GET', '/terminals', { limit: 1 })).body.next).searchParams.get('offset'), '1');
    assert.deepEqual((await sim.pj('GET', '/terminals', { offset: 5 })).body.results, []);
    assert.equal((await sim.pj('GET', '/terminals', { limit: 51 })).status, 400);
  });
});

// ─── forced API faults and the call log ────────────────────────────────────────────────────

describe('forced responses and the call log', () => {
  it('the next N responses are 429 (with Retry-After), then normal again', async () => {
    await sim.control('POST', '/faults', { status: 429, count: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const res = await sim.pj('GET', '/smartterminals');
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '3');
      assert.ok(Array.isArray(res.body.errors));
    }
    assert.equal((await sim.pj('GET', '/smartterminals')).status, 200);
  });

  it('a forced 403 carries a rate-limit message; a forced 500 can target a path prefix', async () => {
    await sim.control('POST', '/faults', { status: 403, count: 1 });
    const forbidden = await sim.pj('GET', '/terminals');
    assert.equal(forbidden.status, 403);
    assert.match(forbidden.body.errors[0].message, /rate limit/i);
    assert.equal(forbidden.headers.get('retry-after'), null);

    await sim.control('POST', '/faults', { status: 500, count: 1, path: '/transactions' });
    assert.equal((await sim.pj('GET', '/smartterminals')).status, 200);
    const failed = await sim.pj('POST', '/transactions', { ...TEST_CARD, amountBase: '1.00' });
    assert.equal(failed.status, 500);
    assert.equal(
      (await sim.control('GET', '/calls')).calls.filter((c: { path: string }) => c.path === '/transactions').length,
      1,
    );
    assert.equal((await charge()).response.approved, true);
  });

  it('the call log counts every API call received (not the controls), and can be cleared', async () => {
    await sim.pj('GET', '/smartterminals');
    await sim.pj('GET', '/terminals', { limit: 1 });
    await sim.raw('GET', '/smartterminals');
    const { calls } = await sim.control('GET', '/calls');
    assert.deepEqual(
      calls.map((c: { method: string; path: string; status: number }) => [c.method, c.path, c.status]),
      [
        ['GET', '/smartterminals', 200],
        ['GET', '/terminals', 200],
        ['GET', '/smartterminals', 401],
      ],
    );
    assert.equal(calls[1].query, 'limit=1');
    assert.ok(!Number.isNaN(Date.parse(calls[0].at)));
    await sim.control('DELETE', '/calls');
    assert.deepEqual((await sim.control('GET', '/calls')).calls, []);
  });
});

// ─── reset and shutdown ────────────────────────────────────────────────────────────────────

describe('reset and close', () => {
  it('reset forgets transactions, requests, faults and the logs; subscriptions only when asked', async () => {
    const tx = await charge();
    await subscribe('http://127.0.0.1:9/x');
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const requestId = await requestPayment(FRONT);
    await sim.control('POST', '/faults', { status: 500, count: 5, path: '/nothing' });
    await sim.control('POST', '/webhooks/faults', { drop: 'all' });

    await sim.control('POST', '/reset');
    // The merchant's webhook subscription is configuration: a plain reset keeps it.
    assert.deepEqual(
      (await sim.pj('GET', '/webhooks')).body.results.map((w: { url: string }) => w.url),
      ['http://127.0.0.1:9/x'],
    );
    await sim.control('POST', '/reset', { subscriptions: true });
    assert.deepEqual((await sim.control('GET', '/calls')).calls, []);
    assert.deepEqual((await sim.control('GET', '/deliveries')).deliveries, []);
    assert.deepEqual((await sim.control('GET', '/faults')).faults, []);
    assert.deepEqual((await sim.control('GET', '/webhooks/faults')).faults, {});
    assert.equal((await sim.pj('GET', `/transactions/${tx.transactionId}`)).status, 404);
    assert.equal((await sim.pj('GET', `/smartterminals/requests/${requestId}`)).status, 404);
    assert.deepEqual((await sim.pj('GET', '/webhooks')).body, { results: [] });
    assert.equal(sim.simulator.state.clock.pending, 0);
    // The device is idle and back to its normal behaviour.
    assert.equal(typeof (await waitForStatus(await requestPayment(FRONT), 'COMPLETE')).transactionId, 'number');
    // Ids are never reused.
    assert.ok((await charge()).transactionId > tx.transactionId);
  });

  it('close() clears every timer, even with requests running and deliveries waiting to retry', async () => {
    const other = await startTestSimulator({ speed: 1 });
    const hook = await receiver();
    hook.respond = () => 500;
    await other.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: hook.url });
    await requestPayment(FRONT, {}, other);
    await waitFor(() => hook.received.length > 0);
    assert.ok(other.simulator.state.clock.pending > 0);
    await other.close();
    assert.equal(other.simulator.state.clock.pending, 0);
  });
});
