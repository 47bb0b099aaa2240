/**
 * What the PayJunction client's tests share: a simulator started per test file (reset before each
 * test), clients of it, its call log, pacer clocks on virtual time, and real HTTP peers that misbehave
 * (never answer, or record what arrives). No mocks of PayJunction.
 */
import { after, before, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { startSimulator, SIM_DEVICES, SIM_TERMINALS } from '../../../server-stub/simulator/index.js';
import { PayJunctionClient, PayJunctionError } from '../../../server-stub/payjunction/index.js';
import type { PacerClock, PayJunctionClientOptions, PjScheduleParams } from '../../../server-stub/payjunction/index.js';
import type { PjSmartTerminalRequestState } from '../../../src/protocol/wire.js';
import { createLogger } from '../../../server-stub/log.js';

// Not the documented defaults: a password that cannot appear anywhere by accident.
export const CREDENTIALS = {
  login: 'pj-client-test',
  password: 'Pw-7f3c1e0b9a-never-print-me',
  appKey: '6a0f6d2c-1b7e-4c57-9a43-2b1d0e9c8f71',
};
export const BASIC_VALUE = Buffer.from(`${CREDENTIALS.login}:${CREDENTIALS.password}`).toString('base64');

export const FRONT_COUNTER = SIM_DEVICES.find((d) => d.nickName === 'Front Counter')!.smartTerminalId;
export const DRIVE_THRU = SIM_DEVICES.find((d) => d.nickName === 'Drive-Thru')!.smartTerminalId;
export const CARD_TERMINAL = SIM_TERMINALS.find((t) => t.type === 'CARD')!.terminalId;

export interface SimCall {
  method: string;
  path: string;
  query?: string;
  status: number;
  at: number | string;
}

let sim: { url: string; close(): Promise<void> };

/** Starts the simulator for this test file, and resets it (and its call log) before each test. */
export function useSimulator(): void {
  before(async () => {
    // The pace tests drive the client's pacer on virtual time, so its calls reach the simulator
    // unpaced in real time: PayJunction's global rate limit is off here (retries would add calls).
    sim = await startSimulator({ port: 0, speed: 20, credentials: CREDENTIALS, rateLimit: false });
  });
  after(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    await control('POST', '/__sim/reset');
    await control('DELETE', '/__sim/calls');
  });
}

export function client(overrides: Partial<PayJunctionClientOptions> = {}): PayJunctionClient {
  return new PayJunctionClient({
    baseUrl: sim.url,
    ...CREDENTIALS,
    retryInitialDelayMs: 50,
    ...overrides,
  });
}

export async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `simulator control ${method} ${path} answered ${response.status}`);
  const text = await response.text();
  return text === '' ? undefined : JSON.parse(text);
}

export async function simCalls(): Promise<SimCall[]> {
  const body = (await control('GET', '/__sim/calls')) as { calls: SimCall[] };
  // The control calls themselves are not PayJunction calls.
  return body.calls.filter((call) => !call.path.startsWith('/__sim'));
}

/** Polls as the relay will: no faster than PayJunction's 1 per 0.5 s per request. */
export async function pollUntilComplete(
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
export function virtualClock(): PacerClock {
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
export function steppedClock(): PacerClock & { advance(): boolean } {
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
export const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A pacer clock that never moves: a caller that has to wait for a turn waits forever. */
export const FROZEN_CLOCK: PacerClock = { now: () => 0, setTimeout: () => undefined, clearTimeout() {} };

/** Whether a promise has settled once the microtasks queued so far have run: its value, its error, or 'pending'. */
export function settledNow<T>(promise: Promise<T>): Promise<T | unknown> {
  return Promise.race([
    promise.catch((err: unknown) => err),
    new Promise((resolve) => setImmediate(() => resolve('pending'))),
  ]);
}

/** Waits (in real time, with a deadline far beyond any loaded machine) until `check` holds. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function futureDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function cardSchedule(amountBase: string, extra: Partial<PjScheduleParams> = {}): PjScheduleParams {
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

export async function expectPjError(promise: Promise<unknown>): Promise<PayJunctionError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PayJunctionError, `expected a PayJunctionError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

/** A real HTTP peer that accepts requests and never answers them. */
export async function startSilentServer() {
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
export async function startRecordingServer(status = 200, answer: unknown = { requestId: 'r-1' }) {
  const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
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

export function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, raw: () => raw };
}
