/**
 * The PayJunction client's request loop over real HTTP: retries against the simulator's forced faults,
 * and transport against real peers that never answer, refuse the connection, redirect, or record
 * exactly what arrives (headers, form body). Also the form encoding and Retry-After parsing.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIM_DEVICES } from '../../server-stub/simulator/index.js';
import {
  PayJunctionClient,
  Pacer,
  encodeForm,
  parseRetryAfter,
  PJ_BASE_URLS,
} from '../../server-stub/payjunction/index.js';
import type { PjLogger } from '../../server-stub/payjunction/index.js';
import { createLogger } from '../../server-stub/log.js';
import {
  BASIC_VALUE,
  CARD_TERMINAL,
  CREDENTIALS,
  FROZEN_CLOCK,
  FRONT_COUNTER,
  captureLogger,
  client,
  control,
  eventually,
  expectPjError,
  settledNow,
  simCalls,
  startRecordingServer,
  startSilentServer,
  useSimulator,
} from './support/pj-client.js';

useSimulator();

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
    assert.deepEqual(
      waits,
      [{ ms: 1000, answeredBefore: [429] }],
      'waited the 1 s of Retry-After (not the 50 ms backoff) before retrying',
    );
    const calls = await simCalls();
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 200],
    );
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
    assert.deepEqual(
      (await simCalls()).map((c) => c.status),
      [403, 403, 200],
    );
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
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, {
      terminalId: CARD_TERMINAL,
      amountBase: '1.00',
    });
    assert.ok(requestPaymentId);
    const calls = (await simCalls()).filter((c) => c.path.endsWith('/request-payment'));
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 200],
    );
  });

  it('retries a 500 on a GET', async () => {
    const pj = client({ retryInitialDelayMs: 30 });
    await control('POST', '/__sim/faults', { status: 500, count: 1, path: '/terminals' });
    const terminals = await pj.listTerminals();
    assert.ok(terminals.results.length > 0);
    assert.deepEqual(
      (await simCalls()).map((c) => c.status),
      [500, 200],
    );
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
      const pj = new PayJunctionClient({
        baseUrl: silent.url,
        ...CREDENTIALS,
        timeoutMs: 150,
        retryInitialDelayMs: 10,
      });
      const err = await expectPjError(pj.requestPayment(FRONT_COUNTER, { terminalId: 1, amountBase: '1.00' }));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.status, 0);
      assert.equal(silent.requests, 1, 'the payment was sent exactly once');

      const get = await expectPjError(
        new PayJunctionClient({
          baseUrl: silent.url,
          ...CREDENTIALS,
          timeoutMs: 100,
          maxRetries: 1,
          retryInitialDelayMs: 10,
        }).getTransaction(1),
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
      assert.deepEqual([...paymentForm.keys()].sort(), [
        'amountBase',
        'interruptBusyTerminal',
        'showReceiptPrompt',
        'terminalId',
      ]);
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
      () =>
        new PayJunctionClient({
          ...CREDENTIALS,
          baseUrl: `https://user:${CREDENTIALS.password}@api.payjunctionlabs.com`,
        }),
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
