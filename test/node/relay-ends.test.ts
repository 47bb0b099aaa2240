/**
 * Ends that could hide money or touch another sale: a timeout must free the terminal and still
 * catch a late result, and so must NO_CONNECTION (PayJunction does not say it is the last word); cancel must only ever touch the request live on the terminal; a reported
 * transaction that is not this request's (a forged or mistaken report) must never be attached.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import {
  BACK_OFFICE_OFFLINE,
  DRIVE_THRU,
  FRONT_COUNTER,
  postJson,
  startPayment,
  startTestRelay,
  type TestRelay,
} from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

const SECRET = 'ends-test-secret';

async function finalOf(t: TestRelay, requestId: string) {
  const stream = await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 20_000 });
  return snapshots(stream).at(-1);
}

/** Reads a request's stream until the server ends it (final: no late watch left). */
async function wholeStream(t: TestRelay, requestId: string) {
  const stream = await readSse(`${t.api}/requests/${requestId}/events`, { timeoutMs: 40_000 });
  assert.ok(stream.ended, 'the relay ended the stream');
  return snapshots(stream);
}

const mainCalls = async (t: TestRelay, terminal: string) =>
  (await t.calls()).filter((c) => c.method === 'POST' && c.path === `/smartterminals/${terminal}/main`).length;

describe('timeouts', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({
      speed: 20,
      webhookSecret: SECRET,
      timings: { requestTimeoutMs: 1_500, pollIntervalMs: 500, webhookSilenceMs: 60_000, lateWatchMs: 20_000 },
    });
  });
  after(() => t.close());

  test('a timed-out request sends the terminal back to its main screen, so the next payment is not BUSY', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const before = await mainCalls(t, FRONT_COUNTER);
    const res = await startPayment(t, { amountBase: '31.00' });
    const seen = await wholeStream(t, res.json.requestId);
    const ended = seen.find((s) => s.outcome !== null);
    assert.equal(ended.outcome, 'timeout');
    assert.ok(ended.watchUntil, 'the relay keeps watching after the timeout');
    assert.match(ended.error.message, /sent back to its main screen/);
    assert.equal((await mainCalls(t, FRONT_COUNTER)) - before, 1, 'the relay freed the terminal once');
    // The terminal reported the request over without a card: nothing late can come, the watch ends.
    assert.equal(seen.at(-1).watchUntil, undefined);
    assert.equal(seen.at(-1).outcome, 'timeout');
    const next = await startPayment(t, { amountBase: '32.00' });
    assert.equal((await finalOf(t, next.json.requestId)).outcome, 'approved', 'the terminal was free again');
  });

  test('after a 429 storm hides an approved charge, the late watch still finds it: error → approved, events in order', async () => {
    // Every transaction read is refused for a while: the request times out knowing only the id.
    await t.sim('faults', { status: 429, count: 60, path: '/transactions', retryAfterSeconds: 0 });
    const res = await startPayment(t, { amountBase: '33.00', smartTerminalId: DRIVE_THRU });
    const stream = readSse(`${t.api}/requests/${res.json.requestId}/events`, { timeoutMs: 40_000 });
    // Let the storm pass once the request has ended as an error.
    for (;;) {
      const snap = (await (await fetch(`${t.api}/requests/${res.json.requestId}`)).json()) as {
        outcome: string | null;
      };
      if (snap.outcome !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const seen = snapshots(await stream);
    const outcomes = seen.map((s) => s.outcome).filter((o) => o !== null);
    assert.equal(outcomes[0], 'error', 'first the cashier was told the result could not be read');
    assert.equal(outcomes.at(-1), 'approved', 'then the real result');
    assert.equal(seen.at(-1).transaction.amountBase, '33.00');
    const versions = seen.map((s) => s.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions only grow',
    );
    assert.equal(new Set(versions).size, versions.length, 'no version twice');
  });
});

describe('cancel never touches another sale', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({ speed: 20, timings: { requestTimeoutMs: 60_000 } });
  });
  after(() => t.close());

  test('cancelling an ended request, or one refused as BUSY, sends nothing to the terminal; the live sale goes on', async () => {
    const done = await startPayment(t, { amountBase: '34.00' });
    assert.equal((await finalOf(t, done.json.requestId)).outcome, 'approved');
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const live = await startPayment(t, { amountBase: '35.00' });
    // Wait until the terminal shows the payment screen.
    await readSse(`${t.api}/requests/${live.json.requestId}/events`, {
      until: (e) => e.event === 'request' && JSON.parse(e.data).status === 'IN_PROGRESS',
      timeoutMs: 10_000,
    });
    const busy = await startPayment(t, { amountBase: '36.00' });
    assert.equal((await finalOf(t, busy.json.requestId)).outcome, 'busy');
    const before = await mainCalls(t, FRONT_COUNTER);

    const staleCancel = await postJson(`${t.api}/requests/${done.json.requestId}/cancel`, {});
    assert.equal(staleCancel.status, 202);
    assert.equal(staleCancel.json.outcome, 'approved', 'an ended request answers with its end');
    const busyCancel = await postJson(`${t.api}/requests/${busy.json.requestId}/cancel`, {});
    assert.equal(busyCancel.json.outcome, 'busy');
    assert.equal(await mainCalls(t, FRONT_COUNTER), before, 'the terminal was not touched');
    const still = (await (await fetch(`${t.api}/requests/${live.json.requestId}`)).json()) as {
      outcome: string | null;
    };
    assert.equal(still.outcome, null, 'the live sale is still running');

    // The live request itself can be cancelled.
    const cancel = await postJson(`${t.api}/requests/${live.json.requestId}/cancel`, {});
    assert.equal(cancel.status, 202);
    assert.equal((await finalOf(t, live.json.requestId)).outcome, 'cancelled');
  });
});

describe('a reported transaction must match its request', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({ speed: 5, webhookSecret: SECRET });
  });
  after(() => t.close());

  test('a signed report naming an old $1.00 transaction for a live $50.00 payment is not attached', async () => {
    const old = await startPayment(t, { amountBase: '1.00', smartTerminalId: DRIVE_THRU });
    const oldFinal = await finalOf(t, old.json.requestId);
    assert.equal(oldFinal.outcome, 'approved');
    const live = await startPayment(t, { amountBase: '50.00' });
    const body = JSON.stringify({
      id: randomUUID(),
      created: new Date().toISOString(),
      type: 'SMARTTERMINAL_REQUEST',
      data: { requestId: live.json.requestId, status: 'COMPLETE', transactionId: oldFinal.transactionId },
    });
    const forged = await fetch(`${t.api}/webhooks/payjunction`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Pj-Signature': createHmac('sha256', SECRET).update(body).digest('hex'),
      },
      body,
    });
    assert.equal(forged.status, 200);
    const final = await finalOf(t, live.json.requestId);
    assert.equal(final.outcome, 'approved');
    assert.equal(final.transaction.amountBase, '50.00', 'the real transaction, not the old one');
    assert.notEqual(final.transactionId, oldFinal.transactionId);
  });
});

/** A signed SMARTTERMINAL_REQUEST delivery, as PayJunction sends one. */
async function deliver(t: TestRelay, data: Record<string, unknown>) {
  const body = JSON.stringify({
    id: randomUUID(),
    created: new Date().toISOString(),
    type: 'SMARTTERMINAL_REQUEST',
    data,
  });
  const res = await fetch(`${t.api}/webhooks/payjunction`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Pj-Signature': createHmac('sha256', SECRET).update(body).digest('hex'),
    },
    body,
  });
  assert.equal(res.status, 200);
}

describe('NO_CONNECTION is an open end', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({ speed: 20, webhookSecret: SECRET, timings: { lateWatchMs: 60_000 } });
  });
  after(() => t.close());

  test('a late signed IN_PROGRESS then COMPLETE after NO_CONNECTION is applied: the charge it made shows', async () => {
    const offline = await startPayment(t, { amountBase: '41.00', smartTerminalId: BACK_OFFICE_OFFLINE });
    const requestId = offline.json.requestId as string;
    const ended = await finalOf(t, requestId);
    assert.equal(ended.outcome, 'no_connection');
    assert.ok(ended.watchUntil, 'the relay keeps watching: the terminal may yet get it');
    // The page's stream stays open through the watch.
    assert.equal((await (await fetch(`${t.api}/requests/${requestId}`)).json()).watchUntil, ended.watchUntil);
    // A real $41.00 charge on the same merchant account, made after the request started: what a late
    // report of this request would name.
    const charge = await finalOf(t, (await startPayment(t, { amountBase: '41.00' })).json.requestId);
    assert.equal(charge.outcome, 'approved');

    await deliver(t, { requestId, status: 'IN_PROGRESS' });
    const reached = await (await fetch(`${t.api}/requests/${requestId}`)).json();
    assert.equal(reached.status, 'IN_PROGRESS', 'the terminal was reached after all');
    assert.equal(reached.outcome, 'no_connection', 'only a transaction changes the outcome');
    await deliver(t, { requestId, status: 'COMPLETE', transactionId: charge.transactionId });
    const seen = snapshots(await readSse(`${t.api}/requests/${requestId}/events`, { timeoutMs: 20_000 }));
    const final = seen.at(-1);
    assert.equal(final.outcome, 'approved', 'the late result replaced "offline"');
    assert.equal(final.transactionId, charge.transactionId);
    assert.equal(final.watchUntil, undefined);
    assert.equal(final.error, undefined);
  });
});
