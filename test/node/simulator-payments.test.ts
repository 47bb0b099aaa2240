/**
 * A Smart Terminal payment in the simulator: its lifecycle and signed SMARTTERMINAL_REQUEST
 * webhooks, polling and its limit, busy and offline devices, /main, the outcome controls, and when
 * each change happens on the simulator's (virtual) clock.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIM_MERCHANT_ID } from '../../server-stub/simulator/index.js';
import { sleep, waitFor } from '../helpers/simulator.js';
import {
  BACK,
  CARD_TERMINAL,
  DRIVE,
  FRONT,
  hmacHex,
  ISO_MS,
  ISO_S,
  MONEY,
  receiver,
  requestPayment,
  settle,
  sim,
  SPEED,
  state,
  stateWord,
  statuses,
  subscribe,
  timeline,
  useSimulator,
  UUID,
  VIRTUAL_START,
  virtualPayment,
  virtualSimulator,
  waitForStatus,
} from '../helpers/simulator-suite.js';

useSimulator();

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
    assert.deepEqual(withTransaction, {
      requestId,
      status: 'IN_PROGRESS',
      transactionId: withTransaction.transactionId,
    });
    assert.deepEqual(complete, { requestId, status: 'COMPLETE', transactionId: withTransaction.transactionId });

    // When each change happens on the simulator's clock: 'the simulator clock' below.

    const txEvent = hook.received.find((d) => d.body.type === 'TRANSACTION')!;
    assert.deepEqual(txEvent.body.data, { transactionId: withTransaction.transactionId });

    const tx = await sim.pj('GET', `/transactions/${withTransaction.transactionId}`);
    assert.equal(tx.status, 200);
    assert.equal(tx.body.transactionId, withTransaction.transactionId);
    assert.equal(tx.body.terminalId, CARD_TERMINAL.terminalId);
    assert.equal(tx.body.action, 'CHARGE');
    for (const field of ['amountBase', 'amountTax', 'amountTotal']) assert.match(tx.body[field], MONEY, field);
    // Zero amounts are left out, as PayJunction does (simulator-fidelity.test.ts).
    for (const field of ['amountShipping', 'amountTip', 'amountSurcharge'])
      assert.equal(tx.body[field], undefined, field);
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
    assert.deepEqual(await state(requestId), {
      requestId,
      kind: 'payment',
      smartTerminalId: FRONT,
      status: 'IN_PROGRESS',
    });
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
      assert.deepEqual(
        changes.map(([at, word]) => [at * speed, word]),
        expected,
      );
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
    assert.deepEqual(
      changes.map(([at, word]) => [at * SPEED, word]),
      [
        [0, 'CONNECTING'],
        [10_000, 'NO_CONNECTION'],
      ],
    );
  });
});
