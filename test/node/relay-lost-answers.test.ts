/**
 * Lost answers: PayJunction accepted a request-payment but its answer never reached the relay
 * (stalled until the client's timeout, connection reset after the answer, body cut off). The attempt
 * must reach PayJunction exactly once per key, whatever callers do next, and its real outcome must
 * still reach the page; where the relay cannot know, it must say `in_doubt`, never guess.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../server-stub/simulator/index.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../helpers/fault-proxy.js';
import type { RelayServerOptions } from '../../server-stub/relay-server.js';
import {
  DRIVE_THRU,
  FRONT_COUNTER,
  newKey,
  startPayment,
  startRelaySimulator,
  startTestRelay,
  type TestRelay,
} from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

async function finalOf(t: TestRelay, requestId: string) {
  const stream = await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 20_000 });
  const final = snapshots(stream).at(-1);
  assert.ok(final && final.outcome !== null, `request ${requestId} reached no outcome`);
  return final;
}

async function requestPaymentsSent(t: TestRelay): Promise<number> {
  return (await t.calls()).filter((c) => c.method === 'POST' && c.path.endsWith('/request-payment')).length;
}

/** A relay whose calls to the simulator pass through the fault proxy; closed after the suite. */
function proxiedRelay(options: Partial<RelayServerOptions>): { t: TestRelay; proxy: FaultProxy } {
  const world = {} as { t: TestRelay; proxy: FaultProxy };
  let sim: RunningSimulator;
  before(async () => {
    sim = await startRelaySimulator();
    world.proxy = await startFaultProxy(sim.url);
    world.t = await startTestRelay({ simulator: { url: world.proxy.url }, upstreamTimeoutMs: 1_500, ...options });
  });
  after(async () => {
    await world.t.close();
    await world.proxy.close();
    await sim.close();
  });
  return world;
}

describe('lost answers with webhooks: one upstream attempt per key, the real outcome reconciled', () => {
  const world = proxiedRelay({ timings: { doubtWindowMs: 8_000, lateWatchMs: 4_000 } });
  let t: TestRelay;
  let proxy: FaultProxy;
  beforeEach(() => {
    ({ t, proxy } = world);
  });

  for (const [mode, amount] of [
    ['stall', '21.00'],
    ['reset', '22.00'],
    ['truncate', '23.00'],
  ] as [FaultMode, string][]) {
    test(`${mode}: the key answers in doubt, retries send nothing, the approval is found`, async () => {
      const before = await requestPaymentsSent(t);
      proxy.add({ method: 'POST', pathEndsWith: '/request-payment', mode, count: 1 });
      const key = newKey();
      const first = await startPayment(t, { amountBase: amount }, key);
      assert.equal(first.status, 202, first.text);
      assert.match(first.json.requestId, /^doubt-/, 'the relay stands in for the attempt it could not see');
      // "Try again" three times with the same key: never a second attempt.
      for (let i = 0; i < 3; i++) {
        const again = await startPayment(t, { amountBase: amount }, key);
        assert.equal(again.status, 202);
        assert.equal(again.json.requestId, first.json.requestId);
      }
      const final = await finalOf(t, first.json.requestId);
      assert.equal(final.outcome, 'approved');
      assert.equal(final.transaction.amountBase, amount);
      assert.equal(final.inDoubt, undefined, 'found: no longer in doubt');
      assert.equal((await requestPaymentsSent(t)) - before, 1, 'PayJunction received the attempt once');
    });
  }

  test('five concurrent POSTs with one key and a lost answer: one attempt, one request, the decline found', async () => {
    const before = await requestPaymentsSent(t);
    proxy.add({ method: 'POST', pathEndsWith: '/request-payment', mode: 'reset', count: 1 });
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => startPayment(t, { amountBase: '0.05', smartTerminalId: DRIVE_THRU }, key)),
    );
    for (const a of answers) assert.equal(a.status, 202, a.text);
    assert.equal(new Set(answers.map((a) => a.json.requestId)).size, 1, 'every caller got the same request');
    const final = await finalOf(t, answers[0]!.json.requestId);
    assert.equal(final.outcome, 'declined');
    assert.equal(final.transaction.code, '05');
    assert.equal((await requestPaymentsSent(t)) - before, 1);
  });

  test('two lost answers at once on two terminals: each attempt is found by its own transaction', async () => {
    const before = await requestPaymentsSent(t);
    proxy.add({ method: 'POST', pathEndsWith: '/request-payment', mode: 'reset', count: 2 });
    const [a, b] = await Promise.all([
      startPayment(t, { amountBase: '41.00', smartTerminalId: FRONT_COUNTER }),
      startPayment(t, { amountBase: '42.00', smartTerminalId: DRIVE_THRU }),
    ]);
    // Both answers were lost: the relay stands in for each with its own request (it may already have found them).
    assert.match(a.json.requestId, /^doubt-/);
    assert.match(b.json.requestId, /^doubt-/);
    const [fa, fb] = await Promise.all([finalOf(t, a.json.requestId), finalOf(t, b.json.requestId)]);
    assert.equal(fa.outcome, 'approved');
    assert.equal(fa.transaction.amountBase, '41.00');
    assert.equal(fb.outcome, 'approved');
    assert.equal(fb.transaction.amountBase, '42.00');
    assert.equal((await requestPaymentsSent(t)) - before, 2);
  });

  test('a refused call (4xx) releases the key: the retry is sent and succeeds', async () => {
    await t.sim('faults', {
      status: 429,
      count: 10,
      path: `/smartterminals/${FRONT_COUNTER}/request-payment`,
      retryAfterSeconds: 0,
    });
    const key = newKey();
    const first = await startPayment(t, { amountBase: '24.00' }, key);
    assert.equal(first.status, 503, 'PayJunction refused it: nothing was started');
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const second = await startPayment(t, { amountBase: '24.00' }, key);
    assert.equal(second.status, 202, second.text);
    assert.equal(second.json.inDoubt, undefined);
    assert.equal((await finalOf(t, second.json.requestId)).outcome, 'approved');
  });
});

describe('lost answers without webhooks: the relay says in doubt and frees the terminal', () => {
  const world = proxiedRelay({ delivery: 'polling', timings: { doubtWindowMs: 1_000, lateWatchMs: 1_000 } });
  let t: TestRelay;
  let proxy: FaultProxy;
  beforeEach(() => {
    ({ t, proxy } = world);
  });

  test('nothing matches the lost attempt: it ends in_doubt, the terminal goes to its main screen, the key stays spent', async () => {
    proxy.add({ method: 'POST', pathEndsWith: '/request-payment', mode: 'reset', count: 1 });
    const key = newKey();
    const first = await startPayment(t, { amountBase: '25.00', smartTerminalId: FRONT_COUNTER }, key);
    assert.equal(first.status, 202, first.text);
    assert.equal(first.json.inDoubt, true);
    const stream = await readSse(`${t.api}/requests/${first.json.requestId}/events`, { timeoutMs: 20_000 });
    const seen = snapshots(stream);
    const ended = seen.find((s) => s.outcome !== null);
    assert.equal(ended?.outcome, 'in_doubt');
    assert.match(ended.error.message, /could not confirm/i);
    assert.ok(stream.ended, 'the stream ends once the late watch is over');
    assert.equal(seen.at(-1).watchUntil, undefined);
    const calls = await t.calls();
    assert.ok(
      calls.some((c) => c.method === 'POST' && c.path === `/smartterminals/${FRONT_COUNTER}/main`),
      'the terminal was sent back',
    );
    const again = await startPayment(t, { amountBase: '25.00', smartTerminalId: FRONT_COUNTER }, key);
    assert.equal(again.json.requestId, first.json.requestId, 'the key never sends the attempt again');
    assert.equal(calls.filter((c) => c.path.endsWith('/request-payment')).length, 1);
  });
});
