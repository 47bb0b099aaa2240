/**
 * The PayJunction client against the real simulator over real HTTP (and, where a misbehaving peer is
 * needed, a tiny local HTTP server that really accepts connections). No mocks of PayJunction.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Writable } from 'node:stream';
import {
  startSimulator,
  SIM_DEVICES,
  SIM_TERMINALS,
} from '../../server-stub/simulator/index.js';
import {
  PayJunctionClient,
  PayJunctionError,
  Pacer,
  encodeForm,
  parseRetryAfter,
  PJ_BASE_URLS,
} from '../../server-stub/payjunction/index.js';
import type { PacerClock, PayJunctionClientOptions, PjLogger, PjScheduleParams } from '../../server-stub/payjunction/index.js';
import type { PjSmartTerminalRequestState } from '../../src/protocol/wire.js';
import { createLogger } from '../../server-stub/log.js';

// Not the documented defaults: a password that cannot appear anywhere by accident.
const CREDENTIALS = {
  login: 'pj-client-test',
  password: 'Pw-7f3c1e0b9a-never-print-me',
  appKey: '6a0f6d2c-1b7e-4c57-9a43-2b1d0e9c8f71',
};
const BASIC_VALUE = Buffer.from(`${CREDENTIALS.login}:${CREDENTIALS.password}`).toString('base64');

const FRONT_COUNTER = SIM_DEVICES.find((d) => d.nickName === 'Front Counter')!.smartTerminalId;
const DRIVE_THRU = SIM_DEVICES.find((d) => d.nickName === 'Drive-Thru')!.smartTerminalId;
const CARD_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'CARD')!.terminalId;

interface SimCall {
  method: string;
  path: string;
  query?: string;
  status: number;
  at: number | string;
}

let sim: { url: string; close(): Promise<void> };

function client(overrides: Partial<PayJunctionClientOptions> = {}): PayJunctionClient {
  return new PayJunctionClient({
    baseUrl: sim.url,
    ...CREDENTIALS,
    retryInitialDelayMs: 50,
    ...overrides,
  });
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `simulator control ${method} ${path} answered ${response.status}`);
  const text = await response.text();
  return text === '' ? undefined : JSON.parse(text);
}

async function simCalls(): Promise<SimCall[]> {
  const body = (await control('GET', '/__sim/calls')) as { calls: SimCall[] };
  // The control calls themselves are not PayJunction calls.
  return body.calls.filter((call) => !call.path.startsWith('/__sim'));
}

/** Polls as the relay will: no faster than PayJunction's 1 per 0.5 s per request. */
async function pollUntilComplete(
  pj: PayJunctionClient,
  requestId: string,
  timeoutMs = 10_000,
): Promise<PjSmartTerminalRequestState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 550));
    const state = await pj.getRequest(requestId);
    if (state.status === 'COMPLETE' || state.status === 'BUSY' || state.status === 'NO_CONNECTION') return state;
    assert.ok(Date.now() < deadline, `request ${requestId} still ${state.status} after ${timeoutMs} ms`);
  }
}

/**
 * A pacer clock on virtual time: each timer the pacer asks for fires on the next turn of the event
 * loop, with the clock moved to the timer's due time. Tests read when the pacer granted each turn on
 * this clock, without waiting in real time (and without a loaded machine blurring the figures).
 */
function virtualClock(): PacerClock {
  let now = 0;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const due = now + ms;
      return setImmediate(() => {
        now = Math.max(now, due);
        fn();
      });
    },
    clearTimeout(timer) {
      clearImmediate(timer as NodeJS.Immediate);
    },
  };
}

/** A pacer clock the test moves: `advance()` fires the one timer the pacer set, at its due time. */
function steppedClock(): PacerClock & { advance(): boolean } {
  let now = 0;
  let pending: { fn: () => void; due: number } | undefined;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      pending = { fn, due: now + ms };
      return pending;
    },
    clearTimeout(timer) {
      if (pending === timer) pending = undefined;
    },
    advance() {
      const timer = pending;
      if (!timer) return false;
      pending = undefined;
      now = timer.due;
      timer.fn();
      return true;
    },
  };
}

/** Lets a granted turn reach fetch (the grant resolves a promise; the call goes on in a microtask). */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A pacer clock that never moves: a caller that has to wait for a turn waits forever. */
const FROZEN_CLOCK: PacerClock = { now: () => 0, setTimeout: () => undefined, clearTimeout() {} };

/** Whether a promise has settled once the microtasks queued so far have run: its value, its error, or 'pending'. */
function settledNow<T>(promise: Promise<T>): Promise<T | unknown> {
  return Promise.race([promise.catch((err: unknown) => err), new Promise((resolve) => setImmediate(() => resolve('pending')))]);
}

/** Waits (in real time, with a deadline far beyond any loaded machine) until `check` holds. */
async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function futureDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

function cardSchedule(amountBase: string, extra: Partial<PjScheduleParams> = {}): PjScheduleParams {
  return {
    terminalId: String(CARD_TERMINAL),
    scheduleType: 'PERIODIC',
    interval: 'MONTH',
    intervalCount: '1',
    startDate: futureDate(7),
    amountBase,
    cardNumber: '4444333322221111',
    cardExpMonth: '12',
    cardExpYear: String(new Date().getFullYear() + 3),
    cardCvv: '999',
    billingFirstName: 'Jane',
    billingLastName: 'Doe',
    ...extra,
  };
}

async function expectPjError(promise: Promise<unknown>): Promise<PayJunctionError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PayJunctionError, `expected a PayJunctionError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

/** A real HTTP peer that accepts requests and never answers them. */
async function startSilentServer() {
  let requests = 0;
  const server = http.createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A real HTTP peer that records what arrives and answers with a fixed JSON body. */
async function startRecordingServer(status = 200, answer: unknown = { requestId: 'r-1' }) {
  const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, raw: () => raw };
}

before(async () => {
  sim = await startSimulator({ port: 0, speed: 20, credentials: CREDENTIALS });
});

after(async () => {
  await sim.close();
});

beforeEach(async () => {
  await control('POST', '/__sim/reset');
  await control('DELETE', '/__sim/calls');
});

describe('PayJunctionClient against the simulator: every endpoint', () => {
  it('lists the Smart Terminals and the merchant terminals', async () => {
    const pj = client();
    const devices = await pj.listSmartTerminals();
    assert.deepEqual(
      devices.results.map((d) => d.smartTerminalId).sort(),
      SIM_DEVICES.map((d) => d.smartTerminalId).sort(),
    );
    assert.ok(devices.results.some((d) => d.nickName === 'Back Office'));
    const terminals = await pj.listTerminals();
    assert.deepEqual(
      terminals.results.map((t) => [t.terminalId, t.type]),
      SIM_TERMINALS.map((t) => [t.terminalId, t.type]),
    );
  });

  it('sends Basic auth up front: one client call is one upstream call', async () => {
    await client().listTerminals();
    const calls = await simCalls();
    assert.deepEqual(
      calls.map((c) => [c.method, c.path.split('?')[0], c.status]),
      [['GET', '/terminals', 200]],
    );
  });

  it('runs a payment: request-payment, poll until COMPLETE with a transactionId, then the transaction', async () => {
    const pj = client();
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, {
      terminalId: CARD_TERMINAL,
      amountBase: '12.50',
      invoiceNumber: 'INV-1001',
      showReceiptPrompt: false,
    });
    assert.match(requestPaymentId, /^[0-9a-f-]{36}$/);
    const state = await pollUntilComplete(pj, requestPaymentId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(typeof state.transactionId, 'number');

    const tx = await pj.getTransaction(state.transactionId!);
    assert.equal(tx.transactionId, state.transactionId);
    assert.equal(tx.terminalId, CARD_TERMINAL);
    assert.equal(tx.action, 'CHARGE');
    assert.equal(tx.amountBase, '12.50');
    assert.equal(typeof tx.amountTotal, 'string');
    assert.equal(tx.invoiceNumber, 'INV-1001');
    assert.equal(tx.response.approved, true);
    assert.equal(tx.response.code, '00');
    assert.equal(tx.status, 'CAPTURE');
    assert.equal(typeof tx.created, 'string');
    assert.equal(tx.settlement.settled, false);
  });

  it('runs a signature request to a signatureId', async () => {
    const pj = client();
    const { requestId } = await pj.requestSignature(FRONT_COUNTER, { terminalId: CARD_TERMINAL, terms: 'I agree.' });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    assert.match(state.signatureId ?? '', /^[0-9a-f]{32}$/);
  });

  it('sends prompt buttons as buttons[]: the terminal offers the labels we sent', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${DRIVE_THRU}/next-outcome`, { outcome: 'approve', button: 'Maybe' });
    const { requestId } = await pj.requestPrompt(DRIVE_THRU, {
      terminalId: CARD_TERMINAL,
      text: 'Join our list?\nWe never spam.',
      buttons: ['Yes', 'No', 'Maybe'],
    });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    // "Maybe" is the third label: it can only be pressed if all three arrived as buttons[].
    assert.equal(state.promptButton, 'Maybe');
  });

  it('runs an input request to the typed phone number', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve', inputValue: '5551234567' });
    const { requestId } = await pj.requestInput(FRONT_COUNTER, { terminalId: CARD_TERMINAL, type: 'PHONE' });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(state.inputValue, '5551234567');
  });

  it('cancels with main: the request completes without a transaction', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, { terminalId: CARD_TERMINAL, amountBase: '3.00' });
    await pj.returnToMain(FRONT_COUNTER);
    const state = await pollUntilComplete(pj, requestPaymentId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(state.transactionId, undefined);
  });

  it('creates a keyed transaction (201) and voids it', async () => {
    const pj = client();
    const tx = await pj.createTransaction({
      terminalId: CARD_TERMINAL,
      amountBase: '5.00',
      cardNumber: '4444333322221111',
      cardExpMonth: 12,
      cardExpYear: new Date().getFullYear() + 2,
      cardCvv: '999',
    });
    assert.equal(tx.response.approved, true);
    assert.equal(tx.status, 'CAPTURE');
    assert.equal(tx.vault?.lastFour, '1111');
    const voided = await pj.voidTransaction(tx.transactionId);
    assert.equal(voided.transactionId, tx.transactionId);
    assert.equal(voided.status, 'VOID');
    assert.equal((await pj.getTransaction(tx.transactionId)).status, 'VOID');
  });

  it('creates, reads, lists, updates, activates and deletes a schedule', async () => {
    const pj = client();
    const created = await pj.createSchedule(cardSchedule('10.00'));
    assert.equal(typeof created.scheduleId, 'number');
    assert.equal(created.amountBase, '10.00');
    assert.equal(created.status, 'ACTIVE');
    assert.equal(created.vault?.lastFour, '1111');

    const read = await pj.getSchedule(created.scheduleId);
    assert.equal(read.scheduleId, created.scheduleId);

    const active = await pj.listSchedules({ status: 'ACTIVE', limit: 10, offset: 0 });
    assert.ok(active.results.some((s) => s.scheduleId === created.scheduleId));

    const updated = await pj.updateSchedule(created.scheduleId, { amountBase: '11.00' });
    assert.equal(updated.amountBase, '11.00');

    const activated = await pj.activateSchedule(created.scheduleId);
    assert.equal(activated.status, 'ACTIVE');

    const deleted = await pj.deleteSchedule(created.scheduleId);
    assert.equal(deleted.status, 'DELETED');
    const deletedList = await pj.listSchedules({ status: 'DELETED' });
    assert.ok(deletedList.results.some((s) => s.scheduleId === created.scheduleId));
  });

  it('turns a declined pre-authorization into kind preauth_declined with the decline code', async () => {
    const err = await expectPjError(client().createSchedule(cardSchedule('.05')));
    assert.equal(err.kind, 'preauth_declined');
    assert.equal(err.status, 400);
    assert.equal(err.decline?.code, '05');
  });

  it('reports a duplicate schedule as conflict, then creates it with bypassDuplicate', async () => {
    const pj = client();
    const first = await pj.createSchedule(cardSchedule('20.00'));
    const err = await expectPjError(pj.createSchedule(cardSchedule('20.00')));
    assert.equal(err.kind, 'conflict');
    assert.equal(err.status, 409);
    const second = await pj.createSchedule(cardSchedule('20.00', { bypassDuplicate: true }));
    assert.notEqual(second.scheduleId, first.scheduleId);
  });

  it('creates, lists, updates and deletes a webhook', async () => {
    const pj = client();
    const created = await pj.createWebhook({
      event: 'SMARTTERMINAL_REQUEST',
      url: 'https://hooks.example.com/pj',
      secret: 'whsec-1',
    });
    assert.ok(created.webhookId);
    assert.deepEqual(created.events, ['SMARTTERMINAL_REQUEST']);
    assert.ok((await pj.listWebhooks()).results.some((w) => w.webhookId === created.webhookId));

    const updated = await pj.updateWebhook(created.webhookId, { url: 'https://hooks.example.com/pj2' });
    assert.equal(updated.url, 'https://hooks.example.com/pj2');

    await pj.deleteWebhook(created.webhookId);
    assert.ok(!(await pj.listWebhooks()).results.some((w) => w.webhookId === created.webhookId));
    const gone = await expectPjError(pj.deleteWebhook(created.webhookId));
    assert.equal(gone.kind, 'not_found');
  });
});

describe('PayJunctionClient errors', () => {
  it('401: kind auth, and no credential in message, JSON, string, stack, inspect or logs', async () => {
    const log = captureLogger();
    const pj = client({ password: `${CREDENTIALS.password}-wrong`, logger: log.logger });
    const err = await expectPjError(pj.listSmartTerminals());
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.equal(err.attempts, 1, '401 is not retried');
    const wrongBasic = Buffer.from(`${CREDENTIALS.login}:${CREDENTIALS.password}-wrong`).toString('base64');
    const views = [
      err.message,
      String(err),
      err.stack ?? '',
      JSON.stringify(err),
      inspect(err, { showHidden: true, depth: 10 }),
      JSON.stringify(pj),
      inspect(pj, { showHidden: true, depth: 10 }),
      log.raw(),
    ];
    for (const view of views) {
      for (const secret of [CREDENTIALS.password, wrongBasic, BASIC_VALUE, CREDENTIALS.appKey]) {
        assert.ok(!view.includes(secret), `a credential leaked into: ${view.slice(0, 200)}`);
      }
    }
    assert.ok(log.lines.length >= 1, 'the failed call was logged');
  });

  it('401 for a wrong application key too', async () => {
    const err = await expectPjError(client({ appKey: '00000000-0000-4000-8000-000000000000' }).listTerminals());
    assert.equal(err.kind, 'auth');
  });

  it('parses validation errors with parameter and type', async () => {
    const pj = client();
    const err = await expectPjError(
      pj.requestPayment(FRONT_COUNTER, { terminalId: CARD_TERMINAL, amountBase: '1,000.00' }),
    );
    assert.equal(err.kind, 'validation');
    assert.equal(err.status, 400);
    const amount = err.errorsFor('amountBase');
    assert.equal(amount.length, 1);
    assert.equal(amount[0]!.type, 'invalid');
    assert.ok(amount[0]!.message.length > 0);

    const missing = await expectPjError(
      pj.requestSignature(FRONT_COUNTER, { terminalId: CARD_TERMINAL } as never),
    );
    assert.equal(missing.kind, 'validation');
    assert.deepEqual(
      missing.errors.map((e) => [e.parameter, e.type]),
      [['terms', 'required']],
    );
  });

  it('404 is kind not_found', async () => {
    const err = await expectPjError(client().getTransaction(987654321));
    assert.equal(err.kind, 'not_found');
    assert.equal(err.status, 404);
  });

  it('encodes ids as one path segment: "../webhooks" cannot reach another endpoint', async () => {
    const pj = client();
    const err = await expectPjError(pj.getTransaction('../webhooks'));
    assert.equal(err.kind, 'not_found');
    const calls = await simCalls();
    assert.equal(calls.length, 1);
    assert.match(calls[0]!.path, /^\/transactions\/\.\.(%2F|\/)webhooks/i);
    assert.equal(calls[0]!.status, 404);

    await expectPjError(pj.getSchedule('1?status=ACTIVE'));
    const scheduleCall = (await simCalls())[1]!;
    assert.equal(scheduleCall.status, 404, 'the query was part of the id, not a query');

    // Dot segments would be resolved by the URL parser even when encoded: refused before sending.
    for (const id of ['..', '.', '']) {
      const refused = await expectPjError(pj.getTransaction(id));
      assert.equal(refused.kind, 'validation');
      assert.equal(refused.status, 0);
    }
    assert.equal((await simCalls()).length, 2);
  });
});

// The pace is checked on the pacer's own clock (virtual time): when each call was let through, not
// how long the machine took, which a loaded machine stretches.
describe('PayJunctionClient pace', () => {
  it('starts the calls of one client minIntervalMs apart on its clock, in call order', async () => {
    const clock = virtualClock();
    const starts: { at: number; offset: string | null }[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      starts.push({ at: clock.now(), offset: new URL(String(input)).searchParams.get('offset') });
      return fetch(input, init);
    };
    const pj = client({ pacer: new Pacer(100, clock), fetch: recordingFetch });
    await Promise.all([0, 1, 2, 3, 4, 5].map((offset) => pj.listSchedules({ offset })));
    assert.deepEqual(
      starts.map((s) => s.at),
      [0, 100, 200, 300, 400, 500],
      'the first call at once, each next one a full interval after the previous start',
    );
    assert.deepEqual(
      starts.map((s) => s.offset),
      ['0', '1', '2', '3', '4', '5'],
      'FIFO',
    );
    const arrived = (await simCalls()).map((c) => [c.status, new URLSearchParams(c.query).get('offset')]);
    assert.deepEqual(
      arrived.sort(([, x], [, y]) => Number(x) - Number(y)),
      [0, 1, 2, 3, 4, 5].map((offset) => [200, String(offset)]),
      'each paced call reached the simulator once',
    );
  });

  it('shares one pacer between clients of the same integration', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(100, clock);
    const starts: string[] = [];
    const recording = (name: string): typeof fetch => (input, init) => {
      starts.push(`${name}@${clock.now()}`);
      return fetch(input, init);
    };
    const a = client({ pacer, fetch: recording('a') });
    const b = client({ pacer, fetch: recording('b') });
    await Promise.all([a.listTerminals(), b.listTerminals(), a.listTerminals(), b.listTerminals()]);
    assert.deepEqual(starts, ['a@0', 'b@100', 'a@200', 'b@300'], 'one queue for both clients');
  });

  it('an aborted wait gives its turn away and rejects with the abort reason', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(200, clock);
    await pacer.acquire();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    const next = pacer.acquire();
    controller.abort(new Error('gave up'));
    await assert.rejects(waiting, /gave up/);
    await next;
    assert.equal(clock.now(), 200, 'the next caller had the aborted one\'s turn (200), not the one after it (400)');
    assert.equal(pacer.waiting, 0);
  });

  it('grants a high-priority call (what a payment needs) its turn before the low-priority reads already waiting', async () => {
    const clock = steppedClock();
    const started: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      started.push(url.pathname === '/schedules' ? `low ${url.searchParams.get('offset')}` : `high ${url.pathname}`);
      return fetch(input, init);
    };
    const pj = client({ pacer: new Pacer(100, clock), fetch: recordingFetch });
    // Reads no payment waits for are low by default; 20 of them queue.
    const lows = Array.from({ length: 20 }, (_, offset) => pj.listSchedules({ offset }));
    await flush();
    clock.advance();
    await flush();
    assert.deepEqual(started, ['low 0', 'low 1'], 'two lows have had their turn');
    assert.equal(pj.pacer.waitingLow, 18);
    // The merchant accounts a payment start reads: high by default.
    const high = pj.listTerminals();
    while (clock.advance()) await flush();
    assert.deepEqual(
      started,
      ['low 0', 'low 1', 'high /terminals', ...Array.from({ length: 18 }, (_, i) => `low ${i + 2}`)],
      'the high call had the next turn; the lows kept their order after it',
    );
    await Promise.all([...lows, high]);
  });

  it('refuses a low-priority call at once (rate_limited, not sent) when maxLowWaiting are waiting; high calls still queue', async () => {
    const pacer = new Pacer(100, FROZEN_CLOCK, { maxLowWaiting: 3 });
    const started: string[] = [];
    const pj = client({ pacer, fetch: (input, init) => (started.push(new URL(String(input)).pathname), fetch(input, init)) });
    const controller = new AbortController();
    const first = pj.listTerminals(); // the one turn a frozen clock gives
    const waiting = [1, 2, 3].map((offset) => pj.listSchedules({ offset }, { signal: controller.signal }));
    const refused = await settledNow(pj.getTransaction(7, { priority: 'low', signal: controller.signal }));
    assert.ok(refused instanceof PayJunctionError, `refused at once, got ${String(refused)}`);
    assert.equal(refused.kind, 'rate_limited');
    assert.equal(refused.notSent, true);
    assert.ok(refused.retryAfterMs! >= 1000, 'tells the page when to come back');
    // The relay finishing a payment: getTransaction without options is high, and waits rather than failing.
    const high = pj.getTransaction(8, { signal: controller.signal });
    assert.equal(await settledNow(high), 'pending');
    assert.equal(pacer.waiting, 4);
    await first;
    assert.deepEqual(started, ['/terminals'], 'the refused call never reached PayJunction');
    controller.abort();
    for (const call of [...waiting, high]) await assert.rejects(call, { name: 'AbortError' });
    assert.equal(pacer.waiting, 0);
  });
});

describe('PayJunctionClient retries', () => {
  it('waits for Retry-After on a 429, then succeeds', async () => {
    const log = captureLogger();
    // The client's wait is recorded (with what the simulator had answered by then) instead of
    // measured: it asked to wait for the Retry-After, between the 429 and the retry.
    const waits: { ms: number; answeredBefore: number[] }[] = [];
    const recordingSleep = async (ms: number) => {
      waits.push({ ms, answeredBefore: (await simCalls()).map((c) => c.status) });
    };
    const pj = client({ logger: log.logger, sleep: recordingSleep });
    await control('POST', '/__sim/faults', { status: 429, count: 1, retryAfterSeconds: 1 });
    const terminals = await pj.listTerminals();
    assert.ok(terminals.results.length > 0);
    assert.deepEqual(waits, [{ ms: 1000, answeredBefore: [429] }], 'waited the 1 s of Retry-After (not the 50 ms backoff) before retrying');
    const calls = await simCalls();
    assert.deepEqual(calls.map((c) => c.status), [429, 200]);
    const warn = log.lines.find((l) => l.level === 40);
    assert.ok(warn, 'a retry is logged as a warning');
    assert.equal(warn.retryInMs, 1000);
    const done = log.lines.find((l) => l.level === 20 && l.status === 200);
    assert.deepEqual([done?.method, done?.path, done?.attempt], ['GET', '/terminals', 2]);
    assert.equal(typeof done?.durationMs, 'number');
  });

  it('retries a rate-limit 403 with backoff', async () => {
    const pj = client({ retryInitialDelayMs: 30 });
    await control('POST', '/__sim/faults', { status: 403, count: 2 });
    const devices = await pj.listSmartTerminals();
    assert.equal(devices.results.length, SIM_DEVICES.length);
    assert.deepEqual((await simCalls()).map((c) => c.status), [403, 403, 200]);
  });

  it('gives up after maxRetries with kind rate_limited', async () => {
    const pj = client({ retryInitialDelayMs: 10, maxRetries: 2 });
    await control('POST', '/__sim/faults', { status: 429, count: 5 });
    const err = await expectPjError(pj.listTerminals());
    assert.equal(err.kind, 'rate_limited');
    assert.equal(err.attempts, 3);
    assert.equal((await simCalls()).length, 3);
  });

  it('retries a 429 on request-payment (PayJunction did not act): one payment reaches the terminal', async () => {
    const pj = client({ retryInitialDelayMs: 30 });
    await control('POST', '/__sim/faults', { status: 429, count: 1, path: '/smartterminals' });
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, { terminalId: CARD_TERMINAL, amountBase: '1.00' });
    assert.ok(requestPaymentId);
    const calls = (await simCalls()).filter((c) => c.path.endsWith('/request-payment'));
    assert.deepEqual(calls.map((c) => c.status), [429, 200]);
  });

  it('retries a 500 on a GET', async () => {
    const pj = client({ retryInitialDelayMs: 30 });
    await control('POST', '/__sim/faults', { status: 500, count: 1, path: '/terminals' });
    const terminals = await pj.listTerminals();
    assert.ok(terminals.results.length > 0);
    assert.deepEqual((await simCalls()).map((c) => c.status), [500, 200]);
  });

  it('never retries a 500 on request-payment: exactly one upstream call', async () => {
    const pj = client({ retryInitialDelayMs: 30 });
    await control('POST', '/__sim/faults', { status: 500, count: 1, path: '/smartterminals' });
    const err = await expectPjError(
      pj.requestPayment(FRONT_COUNTER, { terminalId: CARD_TERMINAL, amountBase: '1.00' }),
    );
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 500);
    const calls = (await simCalls()).filter((c) => c.method === 'POST');
    assert.equal(calls.length, 1);
  });
});

describe('PayJunctionClient transport', () => {
  it('times out an unanswered attempt with kind timeout, and never repeats a payment after it', async () => {
    const silent = await startSilentServer();
    try {
      const pj = new PayJunctionClient({ baseUrl: silent.url, ...CREDENTIALS, timeoutMs: 150, retryInitialDelayMs: 10 });
      const err = await expectPjError(pj.requestPayment(FRONT_COUNTER, { terminalId: 1, amountBase: '1.00' }));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.status, 0);
      assert.equal(silent.requests, 1, 'the payment was sent exactly once');

      const get = await expectPjError(
        new PayJunctionClient({ baseUrl: silent.url, ...CREDENTIALS, timeoutMs: 100, maxRetries: 1, retryInitialDelayMs: 10 })
          .getTransaction(1),
      );
      assert.equal(get.kind, 'timeout');
      assert.equal(silent.requests, 3, 'an idempotent GET is retried after a timeout');
    } finally {
      await silent.close();
    }
  });

  it("aborts waiting and the request in flight on the caller's signal", async () => {
    const silent = await startSilentServer();
    try {
      // The peer never answers and the pacer's clock never moves: only the abort can end either call
      // (without it, the first would end as a timeout and the second would wait forever).
      const pacer = new Pacer(1000, FROZEN_CLOCK);
      const pj = new PayJunctionClient({ baseUrl: silent.url, ...CREDENTIALS, timeoutMs: 10_000, pacer });
      const controller = new AbortController();
      const inFlight = pj.getTransaction(1, { signal: controller.signal });
      const queued = pj.getTransaction(2, { signal: controller.signal });
      await eventually(() => silent.requests === 1, 'the first call to reach the peer');
      assert.equal(pacer.waiting, 1, 'the second call waits for its turn');
      controller.abort();
      const queuedOutcome = await settledNow(queued);
      assert.equal((queuedOutcome as Error).name, 'AbortError', 'the queued call was rejected by the abort itself');
      await assert.rejects(inFlight, { name: 'AbortError' });
      assert.equal(pacer.waiting, 0);
      assert.equal(silent.requests, 1, 'the queued call never started');
    } finally {
      await silent.close();
    }
  });

  it('reports a refused connection as kind network', async () => {
    const silent = await startSilentServer();
    const url = silent.url;
    await silent.close();
    const pj = new PayJunctionClient({ baseUrl: url, ...CREDENTIALS, maxRetries: 1, retryInitialDelayMs: 10 });
    const err = await expectPjError(pj.listTerminals());
    assert.equal(err.kind, 'network');
    assert.equal(err.status, 0);
    assert.equal(err.attempts, 2);
    assert.ok(!err.message.includes(CREDENTIALS.password));
    // Nothing was sent, so even a payment may be tried again.
    const payment = await expectPjError(pj.requestPayment(FRONT_COUNTER, { terminalId: 1, amountBase: '1.00' }));
    assert.equal(payment.kind, 'network');
    assert.equal(payment.attempts, 2);
  });

  it('sends the documented headers and a form body (booleans as words, buttons[], nothing undefined)', async () => {
    const peer = await startRecordingServer();
    try {
      const pj = new PayJunctionClient({ baseUrl: `${peer.url}/`, ...CREDENTIALS, apiVersion: '2023-05-16' });
      await pj.requestPrompt(FRONT_COUNTER, { terminalId: 1, text: 'A & B = ?', buttons: ['Yes', 'No thx'] });
      await pj.requestPayment(FRONT_COUNTER, {
        terminalId: 1,
        amountBase: '1.00',
        showReceiptPrompt: false,
        interruptBusyTerminal: true,
        invoiceNumber: undefined,
      });
      const [prompt, payment] = peer.received;
      assert.equal(prompt!.method, 'POST');
      assert.equal(prompt!.url, `/smartterminals/${FRONT_COUNTER}/request-prompt`);
      assert.equal(prompt!.headers.authorization, `Basic ${BASIC_VALUE}`);
      assert.equal(prompt!.headers['x-pj-application-key'], CREDENTIALS.appKey);
      assert.equal(prompt!.headers['pj-version'], '2023-05-16');
      assert.equal(prompt!.headers.accept, 'application/json');
      assert.equal(prompt!.headers['content-type'], 'application/x-www-form-urlencoded;charset=UTF-8');
      const promptForm = new URLSearchParams(prompt!.body);
      assert.deepEqual(promptForm.getAll('buttons[]'), ['Yes', 'No thx']);
      assert.equal(promptForm.get('text'), 'A & B = ?');
      const paymentForm = new URLSearchParams(payment!.body);
      assert.equal(paymentForm.get('showReceiptPrompt'), 'false');
      assert.equal(paymentForm.get('interruptBusyTerminal'), 'true');
      assert.equal(paymentForm.has('invoiceNumber'), false);
      assert.deepEqual([...paymentForm.keys()].sort(), ['amountBase', 'interruptBusyTerminal', 'showReceiptPrompt', 'terminalId']);
    } finally {
      await peer.close();
    }
  });

  it('does not follow a redirect with the credentials', async () => {
    const peer = await startRecordingServer(302, {});
    try {
      const pj = new PayJunctionClient({ baseUrl: peer.url, ...CREDENTIALS, maxRetries: 0 });
      const err = await expectPjError(pj.listTerminals());
      assert.equal(err.status, 302);
      assert.equal(peer.received.length, 1);
    } finally {
      await peer.close();
    }
  });

  it('refuses a base URL that carries credentials, without echoing it', () => {
    assert.throws(
      () => new PayJunctionClient({ ...CREDENTIALS, baseUrl: `https://user:${CREDENTIALS.password}@api.payjunctionlabs.com` }),
      (err: Error) => !err.message.includes(CREDENTIALS.password),
    );
    assert.equal(PJ_BASE_URLS.labs, 'https://api.payjunctionlabs.com');
    assert.equal(PJ_BASE_URLS.production, 'https://api.payjunction.com');
  });

  it('accepts a pino logger as its logger', () => {
    const logger: PjLogger = createLogger({ level: 'silent' });
    assert.ok(new PayJunctionClient({ baseUrl: PJ_BASE_URLS.labs, ...CREDENTIALS, logger }));
  });
});

describe('encodeForm and parseRetryAfter', () => {
  it('encodes booleans, numbers, arrays and omits undefined/null but keeps empty strings', () => {
    assert.equal(
      encodeForm({ a: true, b: false, n: 3, list: ['x', 'y z'], gone: undefined, nil: null, secret: '' }),
      'a=true&b=false&n=3&list%5B%5D=x&list%5B%5D=y+z&secret=',
    );
    assert.throws(() => encodeForm({ n: Number.NaN }));
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-05-16T12:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter('Thu, 16 May 2024 12:00:03 GMT', now), 3000);
    assert.equal(parseRetryAfter('Thu, 16 May 2024 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
