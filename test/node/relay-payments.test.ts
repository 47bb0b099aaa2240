/**
 * The relay over real HTTP against the simulator: every way a Smart Terminal payment can end, as a
 * page watching the SSE stream sees it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validatePaymentRequest } from '../../src/protocol/payment.js';
import {
  BACK_OFFICE_OFFLINE,
  DRIVE_THRU,
  FRONT_COUNTER,
  newKey,
  postJson,
  startPayment,
  startTestRelay,
  type TestRelay,
} from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

let t: TestRelay;
before(async () => {
  // A short late watch: NO_CONNECTION is an open end, watched for a late transaction before it settles.
  t = await startTestRelay({ speed: 20, timings: { requestTimeoutMs: 1_500, lateWatchMs: 1_500 } });
});
after(() => t.close());

async function finalSnapshot(requestId: string) {
  const stream = await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 15_000 });
  const all = snapshots(stream);
  assert.ok(all.length > 0, 'the stream sends the current snapshot at once');
  return { final: all.at(-1), all, stream };
}

describe('payments', () => {
  test('approved: the final snapshot carries the fetched transaction', async () => {
    const res = await startPayment(t, { amountBase: '12.50', invoiceNumber: 'INV-1' });
    assert.equal(res.status, 202);
    assert.equal(res.json.status, 'CONNECTING');
    assert.equal(res.json.outcome, null);
    const { final, all } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'approved');
    assert.equal(final.status, 'COMPLETE');
    assert.equal(final.transaction.amountTotal, '12.50');
    assert.equal(final.transaction.approved, true);
    assert.equal(final.transaction.code, '00');
    assert.match(final.transaction.lastFour, /^\d{4}$/);
    for (let i = 1; i < all.length; i++) assert.ok(all[i].version > all[i - 1].version, 'versions only grow');
    assert.equal(all.filter((s) => s.outcome !== null).length, 1);
    // The transaction this relay created is readable through it.
    const tx = await fetch(`${t.api}/transactions/${final.transactionId}`);
    assert.equal(tx.status, 200);
    assert.equal((await tx.json()).transactionId, final.transactionId);
  });

  test('declined by a labs trigger amount: code 05 on the attached transaction', async () => {
    const res = await startPayment(t, { amountBase: '0.05' });
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'declined');
    assert.equal(final.transaction.code, '05');
    assert.equal(final.transaction.approved, false);
  });

  test('a decline chosen through the simulator (51) reaches the page', async () => {
    await t.sim(`devices/${DRIVE_THRU}/next-outcome`, { outcome: 'decline', code: '51' });
    const res = await startPayment(t, { smartTerminalId: DRIVE_THRU, amountBase: '20.00' });
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'declined');
    assert.equal(final.transaction.code, '51');
  });

  test('BUSY: a terminal mid-request ends the new request as busy', async () => {
    await t.sim(`devices/${DRIVE_THRU}/busy`, { busy: true });
    try {
      const res = await startPayment(t, { smartTerminalId: DRIVE_THRU });
      const { final } = await finalSnapshot(res.json.requestId);
      assert.equal(final.outcome, 'busy');
      assert.equal(final.status, 'BUSY');
    } finally {
      await t.sim(`devices/${DRIVE_THRU}/busy`, { busy: false });
    }
  });

  test('NO_CONNECTION: an offline terminal ends the request as no_connection, watched a while, then settled', async () => {
    const res = await startPayment(t, { smartTerminalId: BACK_OFFICE_OFFLINE });
    // Read until the relay ends the stream: after the final snapshot, not the first end.
    const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, { timeoutMs: 15_000 });
    assert.equal(stream.ended, true);
    const all = snapshots(stream);
    const final = all.at(-1);
    assert.equal(final.outcome, 'no_connection');
    assert.equal(final.watchUntil, undefined);
    // First the open end (the terminal may yet get it), then the settle: no other outcome in between.
    const ends = all.filter((s: { outcome: string | null }) => s.outcome !== null);
    assert.ok(ends[0].watchUntil, 'the end was open first');
    assert.deepEqual(new Set(ends.map((s: { outcome: string }) => s.outcome)), new Set(['no_connection']));
  });

  test('cardholder cancel on the terminal ends the request as cancelled', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'cardholder_cancel' });
    const res = await startPayment(t, {});
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'cancelled');
    assert.equal(final.transactionId, undefined);
  });

  test('cancel from the page sends the terminal to main and the request ends cancelled', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const res = await startPayment(t, {});
    const id = res.json.requestId;
    const live = await readSse(`${t.api}/requests/${id}/events`, {
      until: (e) => JSON.parse(e.data).status === 'IN_PROGRESS',
      timeoutMs: 5_000,
    });
    assert.equal(snapshots(live).at(-1).status, 'IN_PROGRESS');
    const cancel = await postJson(`${t.api}/requests/${id}/cancel`, {});
    assert.equal(cancel.status, 202);
    const { final } = await finalSnapshot(id);
    assert.equal(final.outcome, 'cancelled');
    const mains = (await t.calls()).filter((c) => c.path === `/smartterminals/${FRONT_COUNTER}/main`);
    assert.equal(mains.length, 1);
  });

  test('a request that never finishes gets one last status check, then ends as timeout', async () => {
    await t.sim(`devices/${DRIVE_THRU}/next-outcome`, { outcome: 'never_finish' });
    const res = await startPayment(t, { smartTerminalId: DRIVE_THRU });
    const id = res.json.requestId;
    const { final } = await finalSnapshot(id);
    assert.equal(final.outcome, 'timeout');
    assert.match(final.error.message, /did not finish in time/);
    const polls = (await t.calls()).filter((c) => c.path === `/smartterminals/requests/${id}`);
    assert.ok(polls.length >= 1, 'the relay looked at PayJunction once more before giving up');
    await postJson(`${t.api}/requests/${id}/cancel`, {}); // free the terminal for later tests
    await fetch(`${t.simUrl}/smartterminals/${DRIVE_THRU}/main`).catch(() => undefined);
  });

  test('REFUND runs on the terminal and ends approved with a refund transaction', async () => {
    const res = await startPayment(t, { action: 'REFUND', amountBase: '3.00' });
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'approved');
    assert.equal(final.transaction.action, 'REFUND');
    assert.equal(final.action, 'REFUND');
  });
});

describe('idempotency', () => {
  test('20 concurrent identical POSTs reach PayJunction once and all name the same request', async () => {
    const key = newKey();
    const before = (await t.calls()).filter((c) => c.path.endsWith('/request-payment')).length;
    const results = await Promise.all(Array.from({ length: 20 }, () => startPayment(t, { amountBase: '7.77' }, key)));
    for (const r of results) assert.equal(r.status, 202);
    assert.equal(new Set(results.map((r) => r.json.requestId)).size, 1);
    const afterCalls = (await t.calls()).filter((c) => c.path.endsWith('/request-payment')).length;
    assert.equal(afterCalls - before, 1);
    await finalSnapshot(results[0]!.json.requestId);
  });

  test('a replay after the payment ended returns the same request, final, with no new upstream call', async () => {
    const key = newKey();
    const first = await startPayment(t, { amountBase: '8.00' }, key);
    const { final } = await finalSnapshot(first.json.requestId);
    const count = (await t.calls()).filter((c) => c.path.endsWith('/request-payment')).length;
    const replay = await startPayment(t, { amountBase: '8.00' }, key);
    assert.equal(replay.status, 202);
    assert.equal(replay.json.requestId, first.json.requestId);
    assert.equal(replay.json.outcome, final.outcome);
    assert.equal((await t.calls()).filter((c) => c.path.endsWith('/request-payment')).length, count);
  });

  test('the same key with another body is a 409, and no payment starts', async () => {
    const key = newKey();
    const first = await startPayment(t, { amountBase: '9.00' }, key);
    const other = await startPayment(t, { amountBase: '90.00' }, key);
    assert.equal(other.status, 409);
    assert.equal(other.json.error.code, 'idempotency_conflict');
    await finalSnapshot(first.json.requestId);
  });

  test('without an Idempotency-Key the payment is refused', async () => {
    const res = await postJson(`${t.api}/payments`, { smartTerminalId: FRONT_COUNTER, amountBase: '1.00' });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'idempotency_key_required');
  });

  test('bad amounts get the field message the browser shows too', async () => {
    const res = await startPayment(t, { amountBase: '12.345', amountTax: 'abc' });
    assert.equal(res.status, 400);
    assert.deepEqual(
      res.json.error.fields.map((f: { field: string }) => f.field),
      ['amountBase', 'amountTax'],
    );
    const browser = validatePaymentRequest({ smartTerminalId: FRONT_COUNTER, amountBase: '12.345' });
    assert.ok(!browser.ok);
    assert.equal(res.json.error.fields[0].message, browser.errors[0]!.message);
  });

  test('a tip amount is refused in the words the browser uses; allowTips reaches the terminal', async () => {
    const res = await startPayment(t, { amountTip: '2.00' });
    assert.equal(res.status, 400);
    const browser = validatePaymentRequest({ smartTerminalId: FRONT_COUNTER, amountBase: '1.00', amountTip: '2.00' });
    assert.ok(!browser.ok);
    assert.deepEqual(res.json.error.fields, browser.errors);
    assert.match(res.json.error.fields[0].message, /set allowTips instead of amountTip/);
    const allowed = await startPayment(t, { allowTips: true });
    assert.equal(allowed.status, 202);
    await finalSnapshot(allowed.json.requestId);
  });

  test('an unknown Smart Terminal is a 404 in the contract shape', async () => {
    const res = await startPayment(t, { smartTerminalId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'unknown_terminal');
  });
});

describe('signature, prompt and input requests', () => {
  test('signature: completes with a signatureId', async () => {
    const res = await postJson(`${t.api}/smart-terminals/${FRONT_COUNTER}/signature`, {
      terms: 'I agree to the terms.',
    });
    assert.equal(res.status, 202);
    assert.equal(res.json.kind, 'signature');
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'completed');
    assert.match(final.signatureId, /^[0-9a-f]{32}$/);
  });

  test('prompt: completes with the button the customer pressed', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve', button: 'No' });
    const res = await postJson(`${t.api}/smart-terminals/${FRONT_COUNTER}/prompt`, {
      text: 'Join our list?',
      buttons: ['Yes', 'No'],
    });
    assert.equal(res.status, 202);
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'completed');
    assert.equal(final.promptButton, 'No');
  });

  test('input: completes with the phone number typed', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve', inputValue: '8005550100' });
    const res = await postJson(`${t.api}/smart-terminals/${FRONT_COUNTER}/input`, { type: 'PHONE' });
    const { final } = await finalSnapshot(res.json.requestId);
    assert.equal(final.outcome, 'completed');
    assert.equal(final.inputValue, '8005550100');
  });

  test('a prompt with too many buttons is refused field by field', async () => {
    const res = await postJson(`${t.api}/smart-terminals/${FRONT_COUNTER}/prompt`, {
      text: 'Pick',
      buttons: ['A', 'B', 'C', 'D'],
    });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.fields[0].field, 'buttons');
  });
});
