/**
 * GET /pj/transactions/:id: ownership is decided before PayJunction is asked, and lookups wait behind
 * payments for their turn at PayJunction. Checked by what reaches the simulator, and in which order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localToday } from '../../src/protocol/card.js';
import { cardToken, postJson, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

type SimCall = Awaited<ReturnType<TestRelay['calls']>>[number];

const isLookup = (c: SimCall, id?: number) =>
  c.method === 'GET' && (id === undefined ? /^\/transactions\/\d+$/.test(c.path) : c.path === `/transactions/${id}`);

/** Runs a payment to its end; resolves to its transaction id (a transaction this relay owns). */
async function paid(t: TestRelay, amountBase: string): Promise<number> {
  const res = await startPayment(t, { amountBase });
  assert.equal(res.status, 202, res.text);
  const final = snapshots(await readSse(`${t.api}/requests/${res.json.requestId}/events`, { until: isFinal })).at(-1);
  assert.equal(typeof final.transactionId, 'number', JSON.stringify(final));
  return final.transactionId;
}

/** Waits for a condition the relay reaches on its own (a deadline far beyond any loaded machine; no duration asserted). */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ownership before any upstream call', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay();
  });
  after(() => t.close());

  test('50 lookups of ids this relay never made: 404 each, and not one GET /transactions at the simulator', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => 1 + i * 7);
    const answers = await Promise.all(
      ids.map(async (id) => {
        const res = await fetch(`${t.api}/transactions/${id}`);
        return { status: res.status, body: await res.json() };
      }),
    );
    for (const answer of answers) {
      assert.deepEqual(answer, {
        status: 404,
        body: { error: { code: 'not_found', message: 'No such transaction.' } },
      });
    }
    assert.deepEqual(
      (await t.calls()).filter((c) => isLookup(c)),
      [],
    );
  });

  test('a transaction this relay made is fetched and shown', async () => {
    const transactionId = await paid(t, '3.00');
    const fetchedBefore = (await t.calls()).filter((c) => isLookup(c, transactionId)).length;
    const res = await fetch(`${t.api}/transactions/${transactionId}`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).amountTotal, '3.00');
    assert.equal((await t.calls()).filter((c) => isLookup(c, transactionId)).length, fetchedBefore + 1);
  });

  test('once this relay has created a schedule, an unknown id is fetched (it could be a schedule charge), and still 404', async () => {
    const year = String(new Date().getFullYear() + 1);
    const schedule = await postJson(`${t.api}/schedules`, {
      tokenId: await cardToken(t, { cardNumber: '4444333322221111', cardExpMonth: '12', cardExpYear: year }),
      amountBase: '9.00',
      scheduleType: 'PERIODIC',
      interval: 'MONTH',
      intervalCount: '1',
      startDate: localToday(),
    });
    assert.equal(schedule.status, 201, schedule.text);
    const unknown = 987_654;
    const res = await fetch(`${t.api}/transactions/${unknown}`);
    assert.equal(res.status, 404);
    assert.equal((await t.calls()).filter((c) => isLookup(c, unknown)).length, 1);
  });
});

describe('lookups never delay a payment', () => {
  let t: TestRelay;
  before(async () => {
    // PayJunction's own pace (100 ms): 60 lookups arrive far faster than they are let through.
    t = await startTestRelay({ minIntervalMs: 100 });
  });
  after(() => t.close());

  test('a payment started while 60 lookups are queued reaches the simulator before most of them; the excess is refused with 503', async () => {
    const owned = await paid(t, '4.00');
    const callsBefore = (await t.calls()).length;
    const lookups = Array.from({ length: 60 }, async () => {
      const res = await fetch(`${t.api}/transactions/${owned}`);
      return { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.json() };
    });
    const pacer = t.server.client.pacer;
    await until(() => pacer.waiting >= 40, '40 lookups waiting for their turn');

    const payment = await startPayment(t, { amountBase: '4.01' });
    assert.equal(payment.status, 202, payment.text);
    const answers = await Promise.all(lookups);

    const calls = (await t.calls()).slice(callsBefore);
    const paymentAt = calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/request-payment'));
    assert.ok(paymentAt >= 0, 'the payment reached the simulator');
    const lookupsBefore = calls.slice(0, paymentAt).filter((c) => isLookup(c, owned)).length;
    const lookupsAfter = calls.slice(paymentAt).filter((c) => isLookup(c, owned)).length;
    // Those let through before the payment arrived at the relay; FIFO would put all of them first.
    assert.ok(
      lookupsBefore < lookupsAfter / 3,
      `${lookupsBefore} lookups went before the payment, ${lookupsAfter} after`,
    );

    // The queue of lookups is bounded: the rest are refused at once, in the contract's shape.
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 503);
    assert.equal(ok.length + busy.length, 60, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(ok.length, lookupsBefore + lookupsAfter, 'each answered lookup is one call at the simulator');
    assert.ok(busy.length > 0, 'more than 50 waiting: some were refused');
    for (const a of busy) {
      assert.equal(a.body.error.code, 'upstream_busy');
      assert.ok(Number(a.retryAfter) >= 1);
    }
  });
});
