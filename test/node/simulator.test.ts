/**
 * The PayJunction simulator over real HTTP: what a relay depends on PayJunction for. Requests are
 * made the way PayJunction wants them (form-encoded, Basic auth, X-PJ-Application-Key, Accept:
 * application/json) by a tiny local helper; webhooks are received by a real HTTP server in the
 * test, which checks every X-Pj-Signature over the exact raw body.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  AUTH_FAILED_MESSAGE,
  createSimulator,
  DEFAULT_SIMULATOR_CREDENTIALS,
  resolveCredentials,
  SIM_DEVICES,
  SIM_MERCHANT_ID,
  SIM_TERMINALS,
  TERMINAL_NOT_FOUND_MESSAGE,
} from '../../server-stub/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../server-stub/simulator/index.js';
import { validateSchedule } from '../../src/protocol/schedule.js';
import type { ReceivedWebhook, TestSimulator, WebhookReceiver } from '../helpers/simulator.js';
import { encodeForm, sleep, startTestSimulator, startWebhookReceiver, TEST_CREDENTIALS, waitFor } from '../helpers/simulator.js';

const SPEED = 50;
const FRONT = SIM_DEVICES.find((d) => d.nickName === 'Front Counter')!.smartTerminalId;
const DRIVE = SIM_DEVICES.find((d) => d.nickName === 'Drive-Thru')!.smartTerminalId;
const BACK = SIM_DEVICES.find((d) => d.nickName === 'Back Office')!.smartTerminalId;
const CARD_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'CARD')!;
const ACH_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'ACH')!;
const TEST_CARD = { cardNumber: '4444333322221111', cardExpMonth: '12', cardExpYear: '2099' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_S = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MONEY = /^\d+\.\d{2}$/;

let sim: TestSimulator;
const receivers: WebhookReceiver[] = [];

before(async () => {
  sim = await startTestSimulator({ speed: SPEED });
});
after(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await sim.close();
});
beforeEach(async () => {
  await sim.control('POST', '/reset', { subscriptions: true });
});

async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

async function subscribe(url: string, event = 'SMARTTERMINAL_REQUEST', secret?: string) {
  const res = await sim.pj('POST', '/webhooks', { event, url, secret });
  assert.equal(res.status, 200, res.text);
  return res.body as { webhookId: string };
}

async function requestPayment(device: string, params: Record<string, string | number | boolean> = {}, target = sim) {
  const res = await target.pj('POST', `/smartterminals/${device}/request-payment`, { terminalId: CARD_TERMINAL.terminalId, amountBase: '12.50', ...params });
  assert.equal(res.status, 200, res.text);
  assert.match(res.body.requestPaymentId, UUID);
  return res.body.requestPaymentId as string;
}

/** The request's state through the control (no polling limit). */
async function state(requestId: string, target = sim): Promise<{ status: string; transactionId?: number; signatureId?: string; promptButton?: string; inputValue?: string }> {
  return target.control('GET', `/requests/${requestId}`);
}

async function waitForStatus(requestId: string, status: string, target = sim, timeoutMs = 3000) {
  return waitFor(async () => {
    const s = await state(requestId, target);
    return s.status === status ? s : undefined;
  }, timeoutMs, `${requestId} to be ${status}`);
}

async function charge(params: Record<string, string> = {}) {
  const res = await sim.pj('POST', '/transactions', { ...TEST_CARD, amountBase: '10.00', ...params });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

function statuses(deliveries: ReceivedWebhook[]): string[] {
  return deliveries.filter((d) => d.body.type === 'SMARTTERMINAL_REQUEST').map((d) => d.body.data.status);
}

function hmacHex(secret: string, raw: Buffer): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

// ─── virtual time ──────────────────────────────────────────────────────────────────────────
// Timing is checked on the simulator's clock, never on the wall clock, which a loaded machine
// stretches. node:test's mock timers replace setTimeout and Date, the two things SimClock is made
// of, so the clock moves only when a test moves it, one millisecond at a time: every timer fires at
// its own due time and every timestamp the simulator reports is exact. Calls go straight to the
// simulator's fetch handler.

const VIRTUAL_START = Date.parse('2030-01-15T12:00:00.000Z');

interface VirtualSimulator {
  simulator: Simulator;
  pj(method: string, path: string, params?: Record<string, string | number | boolean>): Promise<{ status: number; body: any }>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** Milliseconds of the (virtual) clock since the simulator started. */
  now(): number;
  /** Moves the clock on, 1 ms at a time. */
  advance(ms: number): void;
}

function virtualSimulator(t: TestContext, options: SimulatorOptions): VirtualSimulator {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: VIRTUAL_START });
  const simulator = createSimulator({ credentials: TEST_CREDENTIALS, ...options });
  t.after(() => simulator.dispose());
  const call = async (method: string, path: string, init: RequestInit) => {
    const res = await simulator.fetch(new Request(`http://sim.invalid${path}`, { method, ...init }));
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  };
  const auth = {
    Authorization: `Basic ${Buffer.from(`${TEST_CREDENTIALS.login}:${TEST_CREDENTIALS.password}`).toString('base64')}`,
    'X-PJ-Application-Key': TEST_CREDENTIALS.appKey,
    Accept: 'application/json',
  };
  return {
    simulator,
    pj(method, path, params) {
      if (params === undefined) return call(method, path, { headers: auth });
      if (method === 'GET') return call(method, `${path}?${encodeForm(params)}`, { headers: auth });
      return call(method, path, { headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, body: encodeForm(params) });
    },
    async control(method, path, body) {
      const res = await call(method, `/__sim${path}`, {
        headers: { 'Content-Type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      assert.ok(res.status >= 200 && res.status < 300, `control ${method} ${path} answered ${res.status}`);
      return res.body;
    },
    now: () => Date.now() - VIRTUAL_START,
    advance(ms) {
      for (let i = 0; i < ms; i++) t.mock.timers.tick(1);
    },
  };
}

async function virtualPayment(v: VirtualSimulator, device: string): Promise<string> {
  const res = await v.pj('POST', `/smartterminals/${device}/request-payment`, { terminalId: CARD_TERMINAL.terminalId, amountBase: '12.50' });
  assert.equal(res.status, 200);
  return res.body.requestPaymentId;
}

/** A request's visible state in one word: its status, and which result it carries. */
function stateWord(s: { status: string; transactionId?: number }): string {
  return s.transactionId === undefined ? s.status : `${s.status}+transactionId`;
}

/**
 * Moves the clock 1 ms at a time up to `untilMs`, and returns when (on the clock) the request's
 * state changed. `onChange` runs at each change before the clock moves on (e.g. to let the webhook
 * of that change be delivered: real I/O, done while the clock stands still).
 */
async function timeline(v: VirtualSimulator, requestId: string, untilMs: number, onChange?: (changes: number) => Promise<void>): Promise<Array<[number, string]>> {
  const changes: Array<[number, string]> = [];
  for (;;) {
    const word = stateWord(await v.control('GET', `/requests/${requestId}`));
    if (word !== changes.at(-1)?.[1]) {
      changes.push([v.now(), word]);
      await onChange?.(changes.length);
    }
    if (v.now() >= untilMs) return changes;
    v.advance(1);
  }
}

/** Waits for real I/O (not for the virtual clock, which stands still meanwhile). */
async function settle(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (!(await check())) {
    assert.ok(performance.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// ─── authentication, content negotiation, body format ──────────────────────────────────────

describe('authentication and transport', () => {
  it('answers 401 with PayJunction\'s body for a wrong login, password or application key', async () => {
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

  it('answers 406 unless the client accepts application/json', async () => {
    const { Accept: _accept, ...noAccept } = sim.authHeaders();
    const missing = await sim.raw('GET', '/smartterminals', { headers: noAccept });
    assert.equal(missing.status, 406);
    assert.ok(Array.isArray(missing.body.errors));
    assert.equal((await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'text/html' } })).status, 406);
    assert.equal((await sim.raw('GET', '/smartterminals', { headers: { ...noAccept, Accept: 'application/json;charset=UTF-8' } })).status, 200);
  });

  it('takes form-encoded bodies only: a JSON body is a 400 and starts nothing', async () => {
    const res = await sim.raw('POST', `/smartterminals/${FRONT}/request-payment`, {
      headers: { ...sim.authHeaders(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ terminalId: 1, amountBase: '1.00' }),
    });
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].message, /form-encoded/);
    const devices = await sim.control('GET', '/devices');
    assert.equal(devices.devices.find((d: { smartTerminalId: string }) => d.smartTerminalId === FRONT).liveRequestId, null);
  });

  it('answers 404 with PayJunction\'s body for unknown paths and ids, 405 for a known path with another method', async () => {
    for (const path of ['/nothing-here', '/transactions/999999', '/schedules/424242', '/smartterminals/requests/00000000-0000-0000-0000-000000000000']) {
      const res = await sim.pj('GET', path);
      assert.equal(res.status, 404, path);
      assert.deepEqual(res.body, { errors: [{ message: '404 Not Found' }] });
    }
    const unknownDevice = await sim.pj('POST', '/smartterminals/not-a-device/request-payment', { terminalId: 1, amountBase: '1.00' });
    assert.equal(unknownDevice.status, 404);
    assert.deepEqual(unknownDevice.body, { errors: [{ message: '404 Not Found' }] });
    assert.equal((await sim.pj('DELETE', '/schedules/1')).status, 405);
  });

  it('credentials come from options, else PJ_API_* env, else the documented defaults', () => {
    assert.deepEqual(resolveCredentials({}, {}), { credentials: { ...DEFAULT_SIMULATOR_CREDENTIALS }, source: 'default' });
    const env = { PJ_API_LOGIN: 'env-login', PJ_API_PASSWORD: 'env-pw', PJ_APP_KEY: 'env-key' };
    assert.deepEqual(resolveCredentials({}, env), { credentials: { login: 'env-login', password: 'env-pw', appKey: 'env-key' }, source: 'env' });
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
    assert.deepEqual(res.body.results.map((d: { nickName: string }) => d.nickName), ['Front Counter', 'Drive-Thru', 'Back Office']);
  });

  it('GET /terminals is a paginated {results} list of the CARD and ACH accounts', async () => {
    const res = await sim.pj('GET', '/terminals');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results.map((t: { terminalId: number; type: string }) => [t.terminalId, t.type]), [[1, 'CARD'], [2, 'ACH']]);
    for (const t of res.body.results) assert.match(t.accountId, UUID);
    const page = await sim.pj('GET', '/terminals', { limit: 1, offset: 1 });
    assert.deepEqual(page.body.results.map((t: { terminalId: number }) => t.terminalId), [2]);
    assert.equal(page.body.next, undefined);
    assert.equal(new URL(page.body.prev).searchParams.get('offset'), '0');
    assert.equal(new URL((await sim.pj('GET', '/terminals', { limit: 1 })).body.next).searchParams.get('offset'), '1');
    assert.deepEqual((await sim.pj('GET', '/terminals', { offset: 5 })).body.results, []);
    assert.equal((await sim.pj('GET', '/terminals', { limit: 51 })).status, 400);
  });
});

// ─── validation ────────────────────────────────────────────────────────────────────────────

describe('Smart Terminal request validation (PayJunction error bodies)', () => {
  const post = (kind: string, params: Record<string, string | number | readonly string[]>) =>
    sim.pj('POST', `/smartterminals/${FRONT}/${kind}`, params);

  it('request-payment: terminalId and amountBase are required', async () => {
    const res = await post('request-payment', {});
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [
      { message: 'This field is required.', parameter: 'terminalId', type: 'required' },
      { message: 'Amount Base is required.', parameter: 'amountBase', type: 'required' },
    ]);
  });

  it('request-payment: terminalId must name one of the merchant\'s card accounts', async () => {
    for (const terminalId of ['99', 'abc', String(ACH_TERMINAL.terminalId)]) {
      const res = await post('request-payment', { terminalId, amountBase: '1.00' });
      assert.equal(res.status, 400, terminalId);
      assert.deepEqual(res.body.errors, [{ message: TERMINAL_NOT_FOUND_MESSAGE, parameter: 'terminalId', type: 'invalid' }]);
    }
  });

  it('request-payment: amounts are PayJunction money, at most 1,000,000', async () => {
    for (const amountBase of ['$1000', '1,000.00', '1000.000', '-1', '1e3', '1000000.01', '0']) {
      const res = await post('request-payment', { terminalId: 1, amountBase });
      assert.equal(res.status, 400, amountBase);
      assert.equal(res.body.errors.length, 1);
      assert.equal(res.body.errors[0].parameter, 'amountBase');
      assert.equal(res.body.errors[0].type, 'invalid');
    }
    const tip = await post('request-payment', { terminalId: 1, amountBase: '1.00', amountTip: 'lots' });
    assert.deepEqual(tip.body.errors.map((e: { parameter: string }) => e.parameter), ['amountTip']);
    for (const amountBase of ['1000', '1000.5', '.05', '1000000']) {
      assert.equal((await sim.pj('POST', `/smartterminals/${DRIVE}/request-payment`, { terminalId: 1, amountBase, interruptBusyTerminal: 'true' })).status, 200, amountBase);
    }
  });

  it('request-signature: terms required, at most 10,000 characters', async () => {
    assert.deepEqual((await post('request-signature', { terminalId: 1 })).body.errors, [
      { message: 'This field is required.', parameter: 'terms', type: 'required' },
    ]);
    const long = await post('request-signature', { terminalId: 1, terms: 'x'.repeat(10_001) });
    assert.equal(long.status, 400);
    assert.equal(long.body.errors[0].parameter, 'terms');
    assert.equal(long.body.errors[0].type, 'invalid');
    assert.equal((await post('request-signature', { terminalId: 1, terms: 'x'.repeat(10_000) })).status, 200);
  });

  it('request-prompt: text and 1–3 buttons[] of at most 8 characters', async () => {
    assert.deepEqual((await post('request-prompt', { terminalId: 1, buttons: ['Yes'] })).body.errors, [
      { message: 'This field is required.', parameter: 'text', type: 'required' },
    ]);
    assert.deepEqual((await post('request-prompt', { terminalId: 1, text: 'Receipt?' })).body.errors, [
      { message: 'This field is required.', parameter: 'buttons', type: 'required' },
    ]);
    const four = await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['A', 'B', 'C', 'D'] });
    assert.equal(four.body.errors[0].parameter, 'buttons');
    assert.equal(four.body.errors[0].type, 'invalid');
    const long = await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['Yes', 'TooLong!!'] });
    assert.equal(long.status, 400);
    // A plain "buttons" key is not PayJunction's array encoding.
    const plain = await sim.pj('POST', `/smartterminals/${FRONT}/request-prompt`, { terminalId: 1, text: 'Pick', buttons: 'Yes' });
    assert.equal(plain.status, 400);
    assert.equal((await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['Yes', 'No', '12345678'] })).status, 200);
  });

  it('request-input: type must be PHONE', async () => {
    assert.deepEqual((await post('request-input', { terminalId: 1 })).body.errors, [
      { message: 'This field is required.', parameter: 'type', type: 'required' },
    ]);
    assert.equal((await post('request-input', { terminalId: 1, type: 'EMAIL' })).body.errors[0].type, 'invalid');
    assert.equal((await post('request-input', { terminalId: 1, type: 'PHONE' })).status, 200);
  });

  it('POST /transactions reports every bad field at once', async () => {
    const res = await sim.pj('POST', '/transactions', { cardNumber: '4444333322221112', cardExpMonth: '13', amountBase: 'ten' });
    assert.equal(res.status, 400);
    const byParam = Object.fromEntries(res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]));
    assert.deepEqual(byParam, { cardNumber: 'invalid', cardExpMonth: 'invalid', cardExpYear: 'required', amountBase: 'invalid' });
    const none = await sim.pj('POST', '/transactions', { amountBase: '1.00' });
    assert.equal(none.status, 400);
    assert.equal(none.body.errors[0].type, 'required');
    const expired = await sim.pj('POST', '/transactions', { ...TEST_CARD, cardExpYear: '2001', amountBase: '1.00' });
    assert.deepEqual(expired.body.errors, [{ message: 'The card has expired.', parameter: 'cardExpYear', type: 'invalid' }]);
  });
});

// ─── the Smart Terminal lifecycle ──────────────────────────────────────────────────────────

describe('Smart Terminal payment lifecycle', () => {
  it('CONNECTING → IN_PROGRESS → transactionId → COMPLETE, delivered as signed SMARTTERMINAL_REQUEST webhooks', async () => {
    const hook = await receiver();
    const secret = 'sim-webhook-secret-42';
    const sub = await sim.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: hook.url, secret });
    assert.equal(sub.status, 200);
    assert.match(sub.body.webhookId, UUID);
    assert.deepEqual(sub.body.events, ['SMARTTERMINAL_REQUEST']);
    assert.equal(sub.body.url, hook.url);
    assert.equal(sub.body.secret, undefined, 'the secret is never echoed');
    await subscribe(hook.url, 'TRANSACTION', secret);

    const requestId = await requestPayment(FRONT, { amountBase: '12.50', amountTax: '1.00' });
    await waitFor(() => statuses(hook.received).includes('COMPLETE'), 3000, 'COMPLETE webhook');
    await waitFor(() => hook.received.some((d) => d.body.type === 'TRANSACTION'), 3000, 'TRANSACTION webhook');

    const requestEvents = hook.received.filter((d) => d.body.type === 'SMARTTERMINAL_REQUEST');
    assert.deepEqual(statuses(requestEvents), ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);
    for (const delivery of hook.received) {
      assert.equal(delivery.headers['content-type'], 'application/json');
      assert.equal(delivery.headers['user-agent'], 'PayJunction WebHook');
      assert.equal(delivery.headers['pj-merchant'], SIM_MERCHANT_ID);
      assert.equal(delivery.headers['pj-account'], CARD_TERMINAL.accountId);
      const signature = delivery.headers['x-pj-signature'];
      assert.match(String(signature), /^[0-9a-f]{64}$/);
      assert.equal(signature, hmacHex(secret, delivery.raw), 'X-Pj-Signature is the HMAC-SHA256 of the raw body');
      // The documented envelope (https://developer.payjunction.com/hc/en-us/articles/360002739934): exactly id, created, type, data.
      assert.deepEqual(Object.keys(delivery.body).sort(), ['created', 'data', 'id', 'type']);
      assert.match(delivery.body.id, UUID);
      assert.match(delivery.body.created, ISO_MS);
      assert.ok(!Number.isNaN(Date.parse(delivery.body.created)));
    }
    assert.equal(new Set(hook.received.map((d) => d.body.id)).size, hook.received.length, 'one event id per event');

    const [connecting, inProgress, withTransaction, complete] = requestEvents.map((d) => d.body.data);
    assert.deepEqual(connecting, { requestId, status: 'CONNECTING' });
    assert.deepEqual(inProgress, { requestId, status: 'IN_PROGRESS' });
    assert.equal(typeof withTransaction.transactionId, 'number');
    assert.deepEqual(withTransaction, { requestId, status: 'IN_PROGRESS', transactionId: withTransaction.transactionId });
    assert.deepEqual(complete, { requestId, status: 'COMPLETE', transactionId: withTransaction.transactionId });

    // When each change happens on the simulator's clock: 'the simulator clock' below.

    const txEvent = hook.received.find((d) => d.body.type === 'TRANSACTION')!;
    assert.deepEqual(txEvent.body.data, { transactionId: withTransaction.transactionId });

    const tx = await sim.pj('GET', `/transactions/${withTransaction.transactionId}`);
    assert.equal(tx.status, 200);
    assert.equal(tx.body.transactionId, withTransaction.transactionId);
    assert.equal(tx.body.terminalId, CARD_TERMINAL.terminalId);
    assert.equal(tx.body.action, 'CHARGE');
    for (const field of ['amountBase', 'amountTax', 'amountShipping', 'amountTip', 'amountSurcharge', 'amountTotal']) {
      assert.match(tx.body[field], MONEY, field);
    }
    assert.equal(tx.body.amountBase, '12.50');
    assert.equal(tx.body.amountTotal, '13.50');
    assert.equal(tx.body.status, 'CAPTURE');
    assert.match(tx.body.created, ISO_S);
    assert.match(tx.body.lastModified, ISO_S);
    assert.equal(tx.body.response.approved, true);
    assert.equal(tx.body.response.code, '00');
    assert.equal(tx.body.response.message, 'Approved');
    assert.equal(tx.body.response.processor.authorized, true);
    assert.match(tx.body.response.processor.approvalCode, /^[A-Z0-9]{6}$/);
    assert.deepEqual(tx.body.settlement, { settled: false });
    assert.deepEqual(tx.body.vault, { type: 'CARD', accountType: 'VISA', lastFour: '1111' });
  });

  it('polling: at most one GET per 500 ms per requestId (429), 404 for an unknown request', async (t) => {
    const v = virtualSimulator(t, { speed: SPEED });
    const first = await virtualPayment(v, FRONT);
    const second = await virtualPayment(v, DRIVE);
    const poll = (id: string) => v.pj('GET', `/smartterminals/requests/${id}`);
    const a = await poll(first);
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, { status: 'CONNECTING' });
    const tooSoon = await poll(first);
    assert.equal(tooSoon.status, 429);
    assert.ok(Array.isArray(tooSoon.body.errors));
    // The limit is per requestId: the other request may be polled right away.
    assert.equal((await poll(second)).status, 200);
    v.advance(499);
    assert.equal((await poll(first)).status, 429, '499 ms after the last answered poll');
    v.advance(1);
    const later = await poll(first);
    assert.equal(later.status, 200, '500 ms after the last answered poll');
    assert.deepEqual(later.body, { status: 'COMPLETE', transactionId: later.body.transactionId });
    assert.equal(typeof later.body.transactionId, 'number');
    const unknown = await v.pj('GET', '/smartterminals/requests/3f0b6d8e-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
  });

  it('the polling limit is an option and is not scaled by speed', async (t) => {
    const v = virtualSimulator(t, { speed: 1000, pollMinIntervalMs: 50 });
    const requestId = await virtualPayment(v, FRONT);
    const poll = () => v.pj('GET', `/smartterminals/requests/${requestId}`);
    assert.equal((await poll()).status, 200);
    assert.equal((await poll()).status, 429);
    v.advance(49);
    assert.equal((await poll()).status, 429, '49 ms later: 50 ms of real time, not 50 / 1000');
    v.advance(1);
    assert.equal((await poll()).status, 200);
  });

  it('a busy device answers BUSY; the running request is untouched; /main cancels it (COMPLETE without transactionId)', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const running = await requestPayment(FRONT);
    await waitForStatus(running, 'IN_PROGRESS');
    const refused = await requestPayment(FRONT);
    await waitForStatus(refused, 'BUSY');
    assert.equal((await state(running)).status, 'IN_PROGRESS');

    const main = await sim.pj('POST', `/smartterminals/${FRONT}/main`);
    assert.equal(main.status, 204);
    const cancelled = await waitForStatus(running, 'COMPLETE');
    assert.equal(cancelled.transactionId, undefined);
    await waitFor(() => hook.received.filter((d) => d.body.data.requestId === running).length === 3);
    const events = hook.received.filter((d) => d.body.data.requestId === running).map((d) => d.body.data);
    assert.deepEqual(events.at(-1), { requestId: running, status: 'COMPLETE' });
    const busyEvents = hook.received.filter((d) => d.body.data.requestId === refused).map((d) => d.body.data.status);
    assert.deepEqual(busyEvents, ['CONNECTING', 'BUSY']);
    // The device is free again.
    const next = await requestPayment(FRONT);
    assert.equal(typeof (await waitForStatus(next, 'COMPLETE')).transactionId, 'number');
  });

  it('the busy control makes a device BUSY (someone is using it); /main frees it', async () => {
    await sim.control('POST', `/devices/${DRIVE}/busy`, { busy: true });
    await waitForStatus(await requestPayment(DRIVE), 'BUSY');
    await sim.control('POST', `/devices/${DRIVE}/busy`, { busy: false });
    assert.equal(typeof (await waitForStatus(await requestPayment(DRIVE), 'COMPLETE')).transactionId, 'number');
  });

  it('interruptBusyTerminal=true ends the running request (COMPLETE, no transactionId) and runs the new one', async () => {
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const old = await requestPayment(FRONT);
    await waitForStatus(old, 'IN_PROGRESS');
    const fresh = await requestPayment(FRONT, { interruptBusyTerminal: 'true' });
    const oldDone = await waitForStatus(old, 'COMPLETE');
    assert.equal(oldDone.transactionId, undefined);
    const freshDone = await waitForStatus(fresh, 'COMPLETE');
    assert.equal(typeof freshDone.transactionId, 'number');
  });

  it('an offline device: CONNECTING, then NO_CONNECTION after the connect timeout; the online control', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    const requestId = await requestPayment(BACK);
    await waitForStatus(requestId, 'NO_CONNECTION');
    await waitFor(() => statuses(hook.received).includes('NO_CONNECTION'));
    assert.deepEqual(statuses(hook.received), ['CONNECTING', 'NO_CONNECTION']);

    await sim.control('POST', `/devices/${BACK}/online`, { online: true });
    assert.equal(typeof (await waitForStatus(await requestPayment(BACK), 'COMPLETE')).transactionId, 'number');
    await sim.control('POST', `/devices/${FRONT}/online`, { online: false });
    await waitForStatus(await requestPayment(FRONT), 'NO_CONNECTION');
  });

  it('/main after the card was read is too late: the request completes WITH its transactionId', async (t) => {
    // On virtual time: /main lands between the card read (3.6 s) and COMPLETE (5.1 s), surely.
    const v = virtualSimulator(t, { speed: SPEED });
    const requestId = await virtualPayment(v, FRONT);
    v.advance(3600 / SPEED);
    const read = await v.control('GET', `/requests/${requestId}`);
    assert.equal(read.status, 'IN_PROGRESS');
    assert.equal(typeof read.transactionId, 'number');
    assert.equal((await v.pj('POST', `/smartterminals/${FRONT}/main`)).status, 204);
    const done = await v.control('GET', `/requests/${requestId}`);
    assert.deepEqual(done.status, 'COMPLETE');
    assert.equal(done.transactionId, read.transactionId);
    assert.equal((await v.pj('GET', `/transactions/${read.transactionId}`)).body.response.approved, true);
  });

  it('cardholder cancel: IN_PROGRESS then COMPLETE without transactionId', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    const requestId = await requestPayment(FRONT);
    const done = await waitForStatus(requestId, 'COMPLETE');
    assert.equal(done.transactionId, undefined);
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    assert.deepEqual(statuses(hook.received), ['CONNECTING', 'IN_PROGRESS', 'COMPLETE']);
    assert.ok(hook.received.every((d) => d.body.data.transactionId === undefined));
    // The control is used once: the next payment goes through.
    assert.equal(typeof (await waitForStatus(await requestPayment(FRONT), 'COMPLETE')).transactionId, 'number');
  });

  it('never_finish: the request stays IN_PROGRESS long after a payment would have completed', async () => {
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const requestId = await requestPayment(FRONT);
    await sleep((3600 + 1500) / SPEED + 150);
    assert.deepEqual(await state(requestId), { requestId, kind: 'payment', smartTerminalId: FRONT, status: 'IN_PROGRESS' });
  });

  it('decline and approve controls override the trigger amounts; terminal payments honour the triggers', async () => {
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'decline', code: '51' });
    const declined = await waitForStatus(await requestPayment(FRONT, { amountBase: '20.00' }), 'COMPLETE');
    const tx1 = (await sim.pj('GET', `/transactions/${declined.transactionId}`)).body;
    assert.deepEqual([tx1.response.approved, tx1.response.code, tx1.status], [false, '51', 'DECLINED']);

    const triggered = await waitForStatus(await requestPayment(FRONT, { amountBase: '0.05' }), 'COMPLETE');
    const tx2 = (await sim.pj('GET', `/transactions/${triggered.transactionId}`)).body;
    assert.deepEqual([tx2.response.approved, tx2.response.code], [false, '05']);

    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'approve' });
    const approved = await waitForStatus(await requestPayment(FRONT, { amountBase: '0.05' }), 'COMPLETE');
    const tx3 = (await sim.pj('GET', `/transactions/${approved.transactionId}`)).body;
    assert.deepEqual([tx3.response.approved, tx3.response.code], [true, '00']);
  });

  it('action=REFUND at the terminal makes a REFUND transaction', async () => {
    const done = await waitForStatus(await requestPayment(FRONT, { amountBase: '7.25', action: 'REFUND' }), 'COMPLETE');
    const tx = (await sim.pj('GET', `/transactions/${done.transactionId}`)).body;
    assert.equal(tx.action, 'REFUND');
    assert.equal(tx.amountBase, '7.25');
    assert.equal(tx.response.approved, true);
  });
});

describe('the simulator clock (virtual time: what it reports does not depend on how fast the machine is)', () => {
  for (const speed of [20, SPEED]) {
    it(`at speed ${speed}: IN_PROGRESS at 0.7 s, the card read at 3.6 s, COMPLETE 1.5 s later, all ÷ ${speed}; each webhook stamped with its time`, async (t) => {
      const v = virtualSimulator(t, { speed });
      const hook = await receiver();
      assert.equal((await v.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: hook.url })).status, 200);
      const requestId = await virtualPayment(v, FRONT);
      // Each change's webhook is delivered (and its delivery logged) before the clock moves on.
      const delivered = (count: number) =>
        settle(async () => (await v.control('GET', '/deliveries')).deliveries.length === count, `webhook ${count}`);
      const changes = await timeline(v, requestId, 5100 / speed + 10, delivered);
      // In PayJunction milliseconds (the clock's milliseconds × the speed).
      const expected = [
        [0, 'CONNECTING'],
        [700, 'IN_PROGRESS'],
        [3600, 'IN_PROGRESS+transactionId'],
        [5100, 'COMPLETE+transactionId'],
      ];
      assert.deepEqual(changes.map(([at, word]) => [at * speed, word]), expected);
      // What the simulator reported: each event's `created` is the clock's time of that change.
      assert.deepEqual(
        hook.received.map((d) => [(Date.parse(d.body.created) - VIRTUAL_START) * speed, stateWord(d.body.data)]),
        expected,
      );
      assert.ok(hook.received.every((d) => d.answered === 200 && d.body.data.requestId === requestId));
    });
  }

  it('an offline device: CONNECTING for 10 s of the clock (÷ speed), then NO_CONNECTION', async (t) => {
    const v = virtualSimulator(t, { speed: SPEED });
    const requestId = await virtualPayment(v, BACK);
    const changes = await timeline(v, requestId, 10_000 / SPEED + 10);
    assert.deepEqual(changes.map(([at, word]) => [at * SPEED, word]), [[0, 'CONNECTING'], [10_000, 'NO_CONNECTION']]);
  });
});

describe('signature, prompt and input requests', () => {
  it('request-signature yields a 32-hex signatureId while IN_PROGRESS, then COMPLETE', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    const res = await sim.pj('POST', `/smartterminals/${FRONT}/request-signature`, { terminalId: 1, terms: 'I agree to pay.' });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['requestId']);
    const done = await waitForStatus(res.body.requestId, 'COMPLETE');
    assert.match(done.signatureId!, /^[0-9a-f]{32}$/);
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    const data = hook.received.map((d) => d.body.data);
    assert.deepEqual(data.map((d) => d.status), ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);
    assert.deepEqual(data[2], { requestId: res.body.requestId, status: 'IN_PROGRESS', signatureId: done.signatureId });
    assert.equal(data[3].transactionId, undefined);
  });

  it('request-prompt yields the pressed button (the first by default, or the control\'s)', async () => {
    const prompt = (device: string) =>
      sim.pj('POST', `/smartterminals/${device}/request-prompt`, { terminalId: 1, text: 'Email receipt?', buttons: ['Yes', 'No'] });
    const first = await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE');
    assert.equal(first.promptButton, 'Yes');
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'approve', button: 'No' });
    assert.equal((await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE')).promptButton, 'No');
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    assert.equal((await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE')).promptButton, undefined);
  });

  it('request-input (PHONE) yields the typed number', async () => {
    const input = () => sim.pj('POST', `/smartterminals/${DRIVE}/request-input`, { terminalId: 1, type: 'PHONE' });
    assert.equal((await waitForStatus((await input()).body.requestId, 'COMPLETE')).inputValue, '8006010230');
    await sim.control('POST', `/devices/${DRIVE}/next-outcome`, { outcome: 'approve', inputValue: '5125550123' });
    assert.equal((await waitForStatus((await input()).body.requestId, 'COMPLETE')).inputValue, '5125550123');
  });
});

// ─── transactions ──────────────────────────────────────────────────────────────────────────

describe('transactions', () => {
  // https://developer.payjunction.com/hc/en-us/articles/215872728, written out here independently of the simulator's own table.
  const TRIGGERS: Array<[string, Record<string, string>, string]> = [
    ['.01', {}, '01'], ['.02', {}, '13'], ['.03', {}, '54'], ['.04', {}, '14'], ['.05', {}, '05'],
    ['.06', {}, '61'], ['.07', {}, '65'], ['.08', {}, '51'], ['.09', {}, '12'], ['.10', {}, '63'],
    ['.11', {}, '15'], ['.12', {}, '04'], ['.13', {}, '19'], ['.14', {}, '62'], ['.15', {}, '57'],
    ['.16', {}, '78'], ['.91', {}, '91'], ['.98', {}, '10'], ['.99', {}, '00'], ['0.99', {}, '00'],
    ['1.03', {}, '00'], ['4999', {}, '00'], ['4999.00', {}, '00'], ['4999.01', {}, '05'], ['25000', {}, '05'],
    ['1.00', { cvv: 'ON', cardCvv: '555' }, '97'],
    ['1.00', { cvv: 'ON', cardCvv: '123' }, '00'],
    ['1.00', { avs: 'ADDRESS', billingAddress: 'addressNoMatch' }, 'AA'],
    ['1.00', { avs: 'ZIP', billingAddress: 'addressNoMatch' }, '00'],
    ['25.00', { billingZip: '99998' }, 'AI'],
    ['25.00', { billingZip: '999970009' }, 'AN'],
    ['25.00', { billingZip: '99999' }, 'AU'],
  ];

  for (const [amountBase, extra, code] of TRIGGERS) {
    it(`POST /transactions amountBase=${amountBase} ${encodeForm(extra)} → ${code}`, async () => {
      const res = await sim.pj('POST', '/transactions', { ...TEST_CARD, amountBase, ...extra });
      assert.equal(res.status, 201, 'a decline is still 201');
      const approved = code === '00';
      assert.equal(res.body.response.code, code);
      assert.equal(res.body.response.approved, approved);
      assert.equal(res.body.status, approved ? 'CAPTURE' : 'DECLINED');
      assert.ok(res.body.response.message.length > 0);
      // AVS/CVV declines come after the issuer authorized; issuer declines do not.
      assert.equal(res.body.response.processor.authorized, approved || ['97', 'AA', 'AI', 'AN', 'AU'].includes(code));
      if (amountBase === '1.03') assert.equal(res.body.response.processor.level3Eligible, false);
      assert.ok(!res.text.includes('4444333322221111'), 'the card number is never echoed');
      assert.deepEqual((await sim.pj('GET', `/transactions/${res.body.transactionId}`)).body, res.body);
    });
  }

  it('transaction ids are sequential numbers', async () => {
    const a = await charge();
    const b = await charge();
    assert.equal(typeof a.transactionId, 'number');
    assert.equal(b.transactionId, a.transactionId + 1);
  });

  it('ACH, vault and transaction re-bill sources', async () => {
    const achBase = { achRoutingNumber: '104000016', achAccountNumber: '123456789', achAccountType: 'CHECKING', achType: 'PPD', amountBase: '40.00' };
    const missingNames = await sim.pj('POST', '/transactions', achBase);
    assert.equal(missingNames.status, 400);
    assert.deepEqual(missingNames.body.errors.map((e: { parameter: string }) => e.parameter), ['billingFirstName', 'billingLastName']);
    const ach = await sim.pj('POST', '/transactions', { ...achBase, billingFirstName: 'Jane', billingLastName: 'Doe' });
    assert.equal(ach.status, 201);
    assert.deepEqual(ach.body.vault, { type: 'ACH', accountType: 'CHECKING', lastFour: '6789' });
    assert.equal(ach.body.terminalId, ACH_TERMINAL.terminalId);
    assert.deepEqual(ach.body.billing, { firstName: 'Jane', lastName: 'Doe' });
    assert.ok(!ach.text.includes('123456789'));
    assert.equal((await sim.pj('POST', '/transactions', { ...achBase, achRoutingNumber: '123456789', billingFirstName: 'J', billingLastName: 'D' })).body.errors[0].parameter, 'achRoutingNumber');

    const vault = await sim.pj('POST', '/transactions', { vaultId: '5001', amountBase: '3.00' });
    assert.equal(vault.status, 201);
    assert.deepEqual(vault.body.vault, { type: 'CARD', accountType: 'VISA', lastFour: '1111' });
    assert.equal((await sim.pj('POST', '/transactions', { vaultId: '9999', amountBase: '3.00' })).body.errors[0].parameter, 'vaultId');

    const original = await charge({ cardNumber: '5105105105105100' });
    const rebill = await sim.pj('POST', '/transactions', { transactionId: String(original.transactionId), amountBase: '0.08' });
    assert.equal(rebill.status, 201);
    assert.deepEqual(rebill.body.vault, { type: 'CARD', accountType: 'MASTERCARD', lastFour: '5100' });
    assert.equal(rebill.body.response.code, '51', 'a re-bill is decided by the trigger amounts too');
    assert.equal((await sim.pj('POST', '/transactions', { transactionId: '1', amountBase: '1.00' })).body.errors[0].parameter, 'transactionId');
    assert.equal((await sim.pj('POST', '/transactions', { ...TEST_CARD, vaultId: '5001', amountBase: '1.00' })).status, 400, 'one source only');
  });

  it('PUT status=VOID voids (approved stays true); a settled transaction can no longer be voided', async () => {
    const tx = await charge();
    const voided = await sim.pj('PUT', `/transactions/${tx.transactionId}`, { status: 'VOID' });
    assert.equal(voided.status, 200);
    assert.equal(voided.body.status, 'VOID');
    assert.equal(voided.body.response.approved, true);
    assert.equal((await sim.pj('GET', `/transactions/${tx.transactionId}`)).body.status, 'VOID');

    const settled = await charge();
    await sim.control('POST', `/transactions/${settled.transactionId}/settle`);
    const refused = await sim.pj('PUT', `/transactions/${settled.transactionId}`, { status: 'VOID' });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors, [
      { message: 'Status can not be updated because the Transaction has been settled.', parameter: 'status', type: 'invalid' },
    ]);
    const declined = await charge({ amountBase: '0.05' });
    assert.equal((await sim.pj('PUT', `/transactions/${declined.transactionId}`, { status: 'VOID' })).status, 400);
    assert.equal((await sim.pj('PUT', '/transactions/999999', { status: 'VOID' })).status, 404);
  });

  it('refund with action=REFUND&transactionId: original amounts by default, never more than was charged', async () => {
    const original = await charge({ amountBase: '20.00', amountTax: '1.00' });
    const refund = await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(original.transactionId) });
    assert.equal(refund.status, 201);
    assert.equal(refund.body.action, 'REFUND');
    assert.deepEqual([refund.body.amountBase, refund.body.amountTax, refund.body.amountTotal], ['20.00', '1.00', '21.00']);
    assert.equal(refund.body.response.approved, true);
    assert.deepEqual(refund.body.vault, original.vault);
    const again = await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(original.transactionId) });
    assert.equal(again.status, 400);
    assert.equal(again.body.errors[0].parameter, 'amountBase');

    const partial = await charge({ amountBase: '30.00' });
    const first = await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(partial.transactionId), amountBase: '10.00' });
    assert.equal(first.body.amountTotal, '10.00');
    assert.equal((await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(partial.transactionId), amountBase: '25.00' })).status, 400);
    assert.equal((await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(partial.transactionId), amountBase: '20.00' })).status, 201);

    const voided = await charge();
    await sim.pj('PUT', `/transactions/${voided.transactionId}`, { status: 'VOID' });
    assert.equal((await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(voided.transactionId) })).status, 400);
  });

  it('DT: the same card, amount and invoice number again within 10 minutes', async () => {
    const first = await charge({ invoiceNumber: 'INV-1' });
    assert.equal(first.response.code, '00');
    assert.equal((await charge({ invoiceNumber: 'INV-1' })).response.code, 'DT');
    assert.equal((await charge({ invoiceNumber: 'INV-2' })).response.code, '00');
  });
});

// ─── webhooks ──────────────────────────────────────────────────────────────────────────────

describe('webhook subscriptions and deliveries', () => {
  it('subscription limit (5 by default) → 403; list, update, delete', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await subscribe(`http://127.0.0.1:9/hook-${i}`)).webhookId);
    const sixth = await sim.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: 'http://127.0.0.1:9/hook-6' });
    assert.equal(sixth.status, 403);
    assert.match(sixth.body.errors[0].message, /limit/i);
    const list = await sim.pj('GET', '/webhooks');
    assert.deepEqual(list.body.results.map((w: { webhookId: string }) => w.webhookId), ids);
    for (const w of list.body.results) assert.deepEqual(Object.keys(w).sort(), ['created', 'events', 'url', 'webhookId']);

    const updated = await sim.pj('PUT', `/webhooks/${ids[0]}`, { url: 'https://example.com/pj' });
    assert.equal(updated.body.url, 'https://example.com/pj');
    assert.equal((await sim.pj('DELETE', `/webhooks/${ids[0]}`)).status, 204);
    assert.equal((await sim.pj('DELETE', `/webhooks/${ids[0]}`)).status, 404);
    assert.equal((await sim.pj('PUT', `/webhooks/${ids[0]}`, { url: 'https://example.com/x' })).status, 404);
    assert.equal((await sim.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: 'http://127.0.0.1:9/again' })).status, 200);
  });

  it('validates event, url (≤ 255) and secret (≤ 255)', async () => {
    const bad = await sim.pj('POST', '/webhooks', { event: 'NOPE', url: 'not a url', secret: 's'.repeat(256) });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { parameter: string }) => e.parameter), ['event', 'url', 'secret']);
    const long = await sim.pj('POST', '/webhooks', { event: 'TRANSACTION', url: `https://example.com/${'a'.repeat(240)}` });
    assert.equal(long.body.errors[0].parameter, 'url');
    const missing = await sim.pj('POST', '/webhooks', {});
    assert.deepEqual(missing.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]), [['event', 'required'], ['url', 'required']]);
  });

  it('the webhook limit is an option; the simulator also works as a bare fetch handler', async () => {
    const bare = createSimulator({ webhookLimit: 1, credentials: TEST_CREDENTIALS, speed: SPEED });
    try {
      const post = (url: string) =>
        bare.fetch(new Request('http://sim.invalid/webhooks', {
          method: 'POST',
          headers: { ...sim.authHeaders(), 'Content-Type': 'application/x-www-form-urlencoded' },
          body: encodeForm({ event: 'TRANSACTION', url }),
        }));
      assert.equal((await post('http://127.0.0.1:9/a')).status, 200);
      assert.equal((await post('http://127.0.0.1:9/b')).status, 403);
    } finally {
      bare.dispose();
    }
  });

  it('an empty secret clears it: later deliveries carry no X-Pj-Signature; a new secret signs again', async () => {
    const hook = await receiver();
    const { webhookId } = await subscribe(hook.url, 'TRANSACTION', 'first-secret');
    const tx1 = await charge();
    await waitFor(() => hook.received.length === 1);
    assert.equal(hook.received[0]!.headers['x-pj-signature'], hmacHex('first-secret', hook.received[0]!.raw));
    assert.deepEqual(hook.received[0]!.body.data, { transactionId: tx1.transactionId });

    assert.equal((await sim.pj('PUT', `/webhooks/${webhookId}`, { secret: '' })).status, 200);
    await charge();
    await waitFor(() => hook.received.length === 2);
    assert.equal(hook.received[1]!.headers['x-pj-signature'], undefined);

    await sim.pj('PUT', `/webhooks/${webhookId}`, { secret: 'second-secret' });
    await charge();
    await waitFor(() => hook.received.length === 3);
    assert.equal(hook.received[2]!.headers['x-pj-signature'], hmacHex('second-secret', hook.received[2]!.raw));
  });

  it('retries a delivery the receiver answered 500, after 30 s of the clock, with the same event id and bytes', async (t) => {
    // What the dispatcher asks the simulator's clock for is recorded (the clock divides it by the
    // speed: 'the simulator clock' above), rather than the gap measured on a machine that may be slow.
    const asked = t.mock.method(sim.simulator.state.clock, 'after');
    const hook = await receiver();
    hook.respond = (_d, index) => (index === 0 ? 500 : 200);
    await subscribe(hook.url, 'TRANSACTION', 'retry-secret');
    await charge();
    await waitFor(() => hook.received.length >= 2, 5000, 'the retry');
    const [first, second] = hook.received;
    assert.equal(first!.body.id, second!.body.id);
    assert.ok(first!.raw.equals(second!.raw));
    assert.equal(second!.headers['x-pj-signature'], hmacHex('retry-secret', second!.raw));
    const log = await waitFor(async () => {
      const { deliveries } = await sim.control('GET', '/deliveries');
      return deliveries.length === 2 ? deliveries : undefined;
    }, 5000, 'the second delivery logged');
    assert.deepEqual(log.map((d: { attempt: number; status: number }) => [d.attempt, d.status]), [[1, 500], [2, 200]]);
    assert.equal(log[0].eventId, first!.body.id);
    assert.deepEqual(asked.mock.calls.map((c) => c.arguments[0]), [30_000], 'one retry, 30 s of PayJunction time after the 500; none after the 2xx');
  });

  it('retries a delivery the receiver did not answer within the (scaled) response timeout', async () => {
    const hook = await receiver();
    hook.respond = async (_d, index) => {
      if (index === 0) await sleep(900);
      return 204;
    };
    await subscribe(hook.url, 'TRANSACTION');
    await charge();
    await waitFor(() => hook.received.length >= 2, 4000, 'the retry');
    assert.equal(hook.received[0]!.body.id, hook.received[1]!.body.id);
    const log = (await sim.control('GET', '/deliveries')).deliveries;
    assert.equal(log[0].error, 'response timeout');
    await waitFor(async () => (await sim.control('GET', '/deliveries')).deliveries.some((d: { status?: number }) => d.status === 204));
  });

  it('fault: duplicate sends every event twice with the same id', async () => {
    const hook = await receiver();
    await subscribe(hook.url, 'TRANSACTION');
    await sim.control('POST', '/webhooks/faults', { duplicate: true });
    await charge();
    await waitFor(() => hook.received.length === 2);
    assert.equal(hook.received[0]!.body.id, hook.received[1]!.body.id);
  });

  it('fault: shuffle delivers a request\'s events out of order (newest first)', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', '/webhooks/faults', { shuffle: true });
    await requestPayment(FRONT);
    await waitFor(() => hook.received.length === 4, 3000, 'four events');
    assert.deepEqual(statuses(hook.received), ['COMPLETE', 'IN_PROGRESS', 'IN_PROGRESS', 'CONNECTING']);
  });

  it('fault: drop by status, the next N, or all', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', '/webhooks/faults', { drop: ['IN_PROGRESS'] });
    const a = await requestPayment(FRONT);
    await waitForStatus(a, 'COMPLETE');
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    assert.deepEqual(statuses(hook.received), ['CONNECTING', 'COMPLETE']);
    const log = (await sim.control('GET', '/deliveries')).deliveries;
    assert.equal(log.filter((d: { error?: string }) => d.error?.includes('dropped')).length, 2);

    hook.received.length = 0;
    await sim.control('POST', '/webhooks/faults', { drop: 1 });
    await waitForStatus(await requestPayment(FRONT), 'COMPLETE');
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    assert.deepEqual(statuses(hook.received), ['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);

    hook.received.length = 0;
    await sim.control('POST', '/webhooks/faults', { drop: 'all' });
    await waitForStatus(await requestPayment(FRONT), 'COMPLETE');
    await sleep(50);
    assert.equal(hook.received.length, 0);
  });

  it('fault: delayMs holds every delivery back (real milliseconds)', async (t) => {
    const hook = await receiver();
    // Which real-time timers the dispatcher sets, and how much had arrived when each one fired.
    const clock = sim.simulator.state.clock;
    const afterReal = clock.afterReal.bind(clock);
    const fired: { ms: number; receivedBefore: number }[] = [];
    t.mock.method(clock, 'afterReal', (ms: number, fn: () => void) =>
      afterReal(ms, () => {
        fired.push({ ms, receivedBefore: hook.received.length });
        fn();
      }),
    );
    await subscribe(hook.url, 'TRANSACTION');
    await sim.control('POST', '/webhooks/faults', { delayMs: 300 });
    await charge();
    await waitFor(() => hook.received.length === 1, 5000);
    assert.deepEqual(
      fired.filter((f) => f.ms === 300),
      [{ ms: 300, receivedBefore: 0 }],
      'the delivery waited for a 300 ms timer, and nothing arrived before it fired',
    );
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
    assert.equal((await sim.control('GET', '/calls')).calls.filter((c: { path: string }) => c.path === '/transactions').length, 1);
    assert.equal((await charge()).response.approved, true);
  });

  it('the call log counts every API call received (not the controls), and can be cleared', async () => {
    await sim.pj('GET', '/smartterminals');
    await sim.pj('GET', '/terminals', { limit: 1 });
    await sim.raw('GET', '/smartterminals');
    const { calls } = await sim.control('GET', '/calls');
    assert.deepEqual(calls.map((c: { method: string; path: string; status: number }) => [c.method, c.path, c.status]), [
      ['GET', '/smartterminals', 200],
      ['GET', '/terminals', 200],
      ['GET', '/smartterminals', 401],
    ]);
    assert.equal(calls[1].query, 'limit=1');
    assert.ok(!Number.isNaN(Date.parse(calls[0].at)));
    await sim.control('DELETE', '/calls');
    assert.deepEqual((await sim.control('GET', '/calls')).calls, []);
  });
});

// ─── schedules ─────────────────────────────────────────────────────────────────────────────

describe('schedules', () => {
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cardSchedule = {
    scheduleType: 'PERIODIC',
    interval: 'MONTH',
    intervalCount: '1',
    startDate: tomorrow,
    amountBase: '10.00',
    ...TEST_CARD,
    billingFirstName: 'Jane',
    billingLastName: 'Doe',
  };

  it('POST /schedules: 200 with the documented schedule object', async () => {
    const res = await sim.pj('POST', '/schedules', cardSchedule);
    assert.equal(res.status, 200, res.text);
    const s = res.body;
    assert.equal(typeof s.scheduleId, 'number');
    assert.deepEqual(
      { ...s, scheduleId: 0, created: '', lastModified: '' },
      {
        scheduleId: 0,
        terminalId: CARD_TERMINAL.terminalId,
        scheduleType: 'PERIODIC',
        interval: 'MONTH',
        intervalCount: 1,
        amountBase: '10.00',
        amountTotal: '10.00',
        vault: { accountType: 'VISA', lastFour: '1111', type: 'CARD' },
        billing: { firstName: 'Jane', lastName: 'Doe' },
        status: 'ACTIVE',
        startDate: tomorrow,
        created: '',
        lastModified: '',
        nextTransaction: tomorrow,
      },
    );
    assert.match(s.created, ISO_S);
    assert.match(s.lastModified, ISO_S);
    assert.ok(!res.text.includes('4444333322221111'));
    assert.deepEqual((await sim.pj('GET', `/schedules/${s.scheduleId}`)).body, s);
  });

  it('400 with field errors: the shared rules, in PayJunction\'s error shape', async () => {
    const input = { ...cardSchedule, scheduleType: '', cardNumber: '4444333322221112', billingFirstName: 'x'.repeat(17) };
    const res = await sim.pj('POST', '/schedules', input);
    assert.equal(res.status, 400);
    const expected = validateSchedule(input, { today: new Date().toISOString().slice(0, 10) });
    assert.equal(expected.ok, false);
    assert.deepEqual(
      res.body.errors,
      (expected as { errors: Array<{ field: string; message: string; type: string }> }).errors.map((e) => ({ message: e.message, parameter: e.field, type: e.type })),
    );
    assert.deepEqual(res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]), [
      ['cardNumber', 'invalid'],
      ['scheduleType', 'required'],
      ['billingFirstName', 'invalid'],
    ]);
    const noSource = await sim.pj('POST', '/schedules', { scheduleType: 'SPECIFIC_DATES', specificDate1: tomorrow, amountBase: '5.00' });
    assert.deepEqual(noSource.body.errors.map((e: { parameter: string }) => e.parameter), ['paymentMethod']);
    const unknownTerminal = await sim.pj('POST', '/schedules', { ...cardSchedule, terminalId: '77' });
    assert.deepEqual(unknownTerminal.body.errors, [{ message: TERMINAL_NOT_FOUND_MESSAGE, parameter: 'terminalId', type: 'invalid' }]);
  });

  it('400 {response:{approved:false, code}} when the pre-authorization is declined', async () => {
    const res = await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '0.05' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { response: { approved: false, code: '05' } });
    const cvv = await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '1.00', cvv: 'ON', cardCvv: '555' });
    assert.deepEqual(cvv.body, { response: { approved: false, code: '97' } });
    assert.deepEqual((await sim.pj('GET', '/schedules')).body.results, [], 'nothing was created');
  });

  it('409 for the same payment source and amount, then 200 with bypassDuplicate=true', async () => {
    assert.equal((await sim.pj('POST', '/schedules', cardSchedule)).status, 200);
    const duplicate = await sim.pj('POST', '/schedules', { ...cardSchedule, intervalCount: '2' });
    assert.equal(duplicate.status, 409);
    assert.ok(duplicate.body.errors[0].message.length > 0);
    assert.equal((await sim.pj('POST', '/schedules', { ...cardSchedule, bypassDuplicate: 'true' })).status, 200);
    assert.equal((await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '10.01' })).status, 200, 'another amount');
    assert.equal((await sim.pj('POST', '/schedules', { ...cardSchedule, cardNumber: '5105105105105100' })).status, 200, 'another card');

    const vault = { scheduleType: 'SPECIFIC_DATES', specificDate1: tomorrow, amountBase: '20.00', vaultId: '5003', achType: 'PPD' };
    const first = await sim.pj('POST', '/schedules', vault);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.vault, { accountType: 'CHECKING', lastFour: '6789', type: 'ACH' });
    assert.equal(first.body.terminalId, ACH_TERMINAL.terminalId);
    assert.equal((await sim.pj('POST', '/schedules', vault)).status, 409);
    await sim.pj('POST', `/schedules/${first.body.scheduleId}/delete`);
    assert.equal((await sim.pj('POST', '/schedules', vault)).status, 200, 'a deleted schedule is no duplicate');
  });

  it('get, list (status filter, limit ≤ 50, offset, next), update, activate, delete', async () => {
    const a = (await sim.pj('POST', '/schedules', cardSchedule)).body;
    const b = (await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '11.00' })).body;
    const c = (await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '12.00' })).body;

    const all = await sim.pj('GET', '/schedules');
    assert.deepEqual(all.body.results.map((s: { scheduleId: number }) => s.scheduleId), [a.scheduleId, b.scheduleId, c.scheduleId]);
    assert.equal(all.body.next, undefined);
    const page = await sim.pj('GET', '/schedules', { limit: 2 });
    assert.equal(page.body.results.length, 2);
    const next = new URL(page.body.next);
    assert.equal(next.searchParams.get('offset'), '2');
    assert.deepEqual((await sim.pj('GET', `/schedules?${next.searchParams}`)).body.results.map((s: { scheduleId: number }) => s.scheduleId), [c.scheduleId]);
    assert.equal((await sim.pj('GET', '/schedules', { limit: 51 })).status, 400);
    assert.equal((await sim.pj('GET', '/schedules', { status: 'SLEEPING' })).status, 400);

    const updated = await sim.pj('PUT', `/schedules/${a.scheduleId}`, { amountBase: '15.5', intervalCount: '3' });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual([updated.body.amountBase, updated.body.amountTotal, updated.body.intervalCount], ['15.50', '15.50', 3]);
    assert.deepEqual(updated.body.vault, a.vault, 'the payment is kept');
    const badUpdate = await sim.pj('PUT', `/schedules/${a.scheduleId}`, { intervalCount: '0', amountBase: '1,00' });
    assert.equal(badUpdate.status, 400);
    assert.deepEqual(badUpdate.body.errors.map((e: { parameter: string }) => e.parameter).sort(), ['amountBase', 'intervalCount']);
    const newCard = await sim.pj('PUT', `/schedules/${a.scheduleId}`, { cardNumber: '5105105105105100', cardExpMonth: '1', cardExpYear: '2099' });
    assert.deepEqual(newCard.body.vault, { accountType: 'MASTERCARD', lastFour: '5100', type: 'CARD' });
    assert.equal((await sim.pj('PUT', '/schedules/999999', { amountBase: '1.00' })).status, 404);

    await sim.control('POST', `/schedules/${b.scheduleId}/status`, { status: 'PAUSED' });
    await sim.control('POST', `/schedules/${c.scheduleId}/status`, { status: 'DELINQUENT' });
    const active = await sim.pj('GET', '/schedules', { status: 'ACTIVE' });
    assert.deepEqual(active.body.results.map((s: { scheduleId: number }) => s.scheduleId), [a.scheduleId, c.scheduleId], 'DELINQUENT is listed under ACTIVE');
    const activated = await sim.pj('POST', `/schedules/${b.scheduleId}/activate`);
    assert.equal(activated.status, 200);
    assert.equal(activated.body.status, 'ACTIVE');

    const deleted = await sim.pj('POST', `/schedules/${b.scheduleId}/delete`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.status, 'DELETED');
    assert.deepEqual((await sim.pj('GET', '/schedules', { status: 'DELETED' })).body.results.map((s: { scheduleId: number }) => s.scheduleId), [b.scheduleId]);
    assert.equal((await sim.pj('POST', `/schedules/${b.scheduleId}/activate`)).status, 400);
    assert.equal((await sim.pj('POST', '/schedules/999999/delete')).status, 404);
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
    assert.deepEqual((await sim.pj('GET', '/webhooks')).body.results.map((w: { url: string }) => w.url), ['http://127.0.0.1:9/x']);
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
