/**
 * What the simulator's test files (test/node/simulator-*.test.ts) share: the fixture's names, one
 * simulator per file over real HTTP (reset before each test), helpers that drive it as a relay
 * would, webhook receivers closed after the file, and a simulator on virtual time.
 *
 * Requests are made the way PayJunction wants them (form-encoded, Basic auth,
 * X-PJ-Application-Key, Accept: application/json); webhooks are received by a real HTTP server,
 * which keeps each delivery's raw bytes so a test can check X-Pj-Signature over them.
 */
import { after, before, beforeEach } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import vm from 'node:vm';
import { createSimulator, SIM_DEVICES, SIM_TERMINALS } from '../../server-stub/simulator/index.js';
import type { Simulator, SimulatorOptions } from '../../server-stub/simulator/index.js';
import type { ReceivedWebhook, TestSimulator, WebhookReceiver } from './simulator.js';
import { encodeForm, startTestSimulator, startWebhookReceiver, TEST_CREDENTIALS, waitFor } from './simulator.js';

export const SPEED = 50;
export const FRONT = SIM_DEVICES.find((d) => d.nickName === 'Front Counter')!.smartTerminalId;
export const DRIVE = SIM_DEVICES.find((d) => d.nickName === 'Drive-Thru')!.smartTerminalId;
export const BACK = SIM_DEVICES.find((d) => d.nickName === 'Back Office')!.smartTerminalId;
export const CARD_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'CARD')!;
export const ACH_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'ACH')!;
export const TEST_CARD = { cardNumber: '4444333322221111', cardExpMonth: '12', cardExpYear: '2099' };
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const ISO_S = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const MONEY = /^\d+\.\d{2}$/;

/** The file's simulator (a live binding: set by useSimulator's `before`). */
export let sim: TestSimulator;
const receivers: WebhookReceiver[] = [];

/**
 * Call once at the top of a test file: one simulator on a free port for the file, reset (its
 * webhook subscriptions too) before each test, closed after the file with every receiver.
 */
export function useSimulator(): void {
  before(async () => {
    sim = await startTestSimulator({ speed: SPEED });
  });
  after(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await sim.close();
  });
  beforeEach(async () => {
    await sim.control('POST', '/reset', { subscriptions: true });
  });
}

export async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

export async function subscribe(url: string, event = 'SMARTTERMINAL_REQUEST', secret?: string) {
  const res = await sim.pj('POST', '/webhooks', { event, url, secret });
  assert.equal(res.status, 200, res.text);
  return res.body as { webhookId: string };
}

export async function requestPayment(
  device: string,
  params: Record<string, string | number | boolean> = {},
  target = sim,
) {
  const res = await target.pj('POST', `/smartterminals/${device}/request-payment`, {
    terminalId: CARD_TERMINAL.terminalId,
    amountBase: '12.50',
    ...params,
  });
  assert.equal(res.status, 200, res.text);
  assert.match(res.body.requestPaymentId, UUID);
  return res.body.requestPaymentId as string;
}

/** The request's state through the control (no polling limit). */
export async function state(
  requestId: string,
  target = sim,
): Promise<{
  status: string;
  transactionId?: number;
  signatureId?: string;
  promptButton?: string;
  inputValue?: string;
}> {
  return target.control('GET', `/requests/${requestId}`);
}

export async function waitForStatus(requestId: string, status: string, target = sim, timeoutMs = 3000) {
  return waitFor(
    async () => {
      const s = await state(requestId, target);
      return s.status === status ? s : undefined;
    },
    timeoutMs,
    `${requestId} to be ${status}`,
  );
}

export async function charge(params: Record<string, string> = {}) {
  const res = await sim.pj('POST', '/transactions', { ...TEST_CARD, amountBase: '10.00', ...params });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

export function statuses(deliveries: ReceivedWebhook[]): string[] {
  return deliveries.filter((d) => d.body.type === 'SMARTTERMINAL_REQUEST').map((d) => d.body.data.status);
}

export function hmacHex(secret: string, raw: Buffer): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

// ─── tokenization ──────────────────────────────────────────────────────────────────────────

export interface SdkClient {
  createToken(fields: Record<string, unknown>): Promise<any>;
}
export type PayJunctionSdk = (publishableKey: string) => SdkClient;

/** A publishable key made through POST /publishablekeys. */
export async function publishableKey(target = sim): Promise<string> {
  const res = await target.pj('POST', '/publishablekeys');
  assert.equal(res.status, 200, res.text);
  return res.body.keyValue as string;
}

/**
 * The look-alike SDK as a page gets it: the script fetched from the web origin and run as a classic
 * script in its own global (node:vm) whose only powers are `window` (itself) and Node's real fetch.
 */
export async function loadSdk(webUrl = sim.webUrl): Promise<PayJunctionSdk> {
  const res = await fetch(`${webUrl}/trinity/js/sdk.js`);
  assert.equal(res.status, 200);
  const page: Record<string, unknown> = { fetch };
  page.window = page;
  vm.createContext(page);
  vm.runInContext(await res.text(), page, { filename: `${webUrl}/trinity/js/sdk.js` });
  return page.PayJunction as PayJunctionSdk;
}

/** A token for TEST_CARD (or `fields`) through the SDK; fails the test unless a tokenId comes back. */
export async function tokenize(fields: Record<string, unknown> = {}, target = sim): Promise<string> {
  const PayJunction = await loadSdk(target.webUrl);
  const result = await PayJunction(await publishableKey(target)).createToken({
    ...TEST_CARD,
    cardCvv: '123',
    ...fields,
  });
  assert.equal(typeof result.tokenId, 'string', JSON.stringify(result));
  return result.tokenId as string;
}

// ─── virtual time ──────────────────────────────────────────────────────────────────────────
// Timing is checked on the simulator's clock, never on the wall clock, which a loaded machine
// stretches. node:test's mock timers replace setTimeout and Date, the two things SimClock is made
// of, so the clock moves only when a test moves it, one millisecond at a time: every timer fires at
// its own due time and every timestamp the simulator reports is exact. Calls go straight to the
// simulator's fetch handler.

export const VIRTUAL_START = Date.parse('2030-01-15T12:00:00.000Z');

export interface VirtualSimulator {
  simulator: Simulator;
  pj(
    method: string,
    path: string,
    params?: Record<string, string | number | boolean>,
  ): Promise<{ status: number; body: any }>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** Milliseconds of the (virtual) clock since the simulator started. */
  now(): number;
  /** Moves the clock on, 1 ms at a time. */
  advance(ms: number): void;
}

export function virtualSimulator(t: TestContext, options: SimulatorOptions): VirtualSimulator {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: VIRTUAL_START });
  // Unpaced calls at one virtual instant and http:// receivers: both allowed unless a test says otherwise.
  const simulator = createSimulator({
    credentials: TEST_CREDENTIALS,
    allowHttpWebhooks: true,
    rateLimit: false,
    ...options,
  });
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
      return call(method, path, {
        headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: encodeForm(params),
      });
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

export async function virtualPayment(v: VirtualSimulator, device: string): Promise<string> {
  const res = await v.pj('POST', `/smartterminals/${device}/request-payment`, {
    terminalId: CARD_TERMINAL.terminalId,
    amountBase: '12.50',
  });
  assert.equal(res.status, 200);
  return res.body.requestPaymentId;
}

/** A request's visible state in one word: its status, and which result it carries. */
export function stateWord(s: { status: string; transactionId?: number }): string {
  return s.transactionId === undefined ? s.status : `${s.status}+transactionId`;
}

/**
 * Moves the clock 1 ms at a time up to `untilMs`, and returns when (on the clock) the request's
 * state changed. `onChange` runs at each change before the clock moves on (e.g. to let the webhook
 * of that change be delivered: real I/O, done while the clock stands still).
 */
export async function timeline(
  v: VirtualSimulator,
  requestId: string,
  untilMs: number,
  onChange?: (changes: number) => Promise<void>,
): Promise<Array<[number, string]>> {
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
export async function settle(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (!(await check())) {
    assert.ok(performance.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
