/**
 * Money bugs the chaos suite found (server-stub/relay/terminal-pointer.ts, relay/doubts.ts, src/protocol/schedule.ts), each
 * reduced to a deterministic case that failed before its fix; docs/reliability.md says what each was.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localToday } from '../../src/protocol/card.js';
import {
  DRIVE_THRU,
  FRONT_COUNTER,
  allTransactions,
  http,
  newKey,
  postJson,
  sleep,
  startWorld,
  type World,
} from './harness.js';
import { follow } from './streams.js';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("the terminal pointer follows the relay's own (late) view, not PayJunction's", () => {
  let w: World;
  before(async () => {
    w = await startWorld({
      speed: 20,
      stub: { timings: { requestTimeoutMs: 1_500, webhookSilenceMs: 60_000, lateWatchMs: 1_000, pollIntervalMs: 500 } },
    });
  });
  after(() => w.close());

  test('a payment that times out while the relay still thinks the previous one is live is sent back to the main screen, and can be cancelled', async () => {
    const { t } = w;
    // Webhooks late: the relay hears of the first payment's end only after the terminal has moved on.
    await w.control('POST', 'webhooks/faults', { delayMs: 1_500 });
    const first = await postJson(
      w.capture,
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '10.00' },
      { 'Idempotency-Key': newKey('bug-first') },
    );
    await until(
      async () => (await w.control('GET', `requests/${first.json.requestId}`)).status === 'COMPLETE',
      'the first payment to end at PayJunction',
    );
    await w.control('POST', 'webhooks/faults', {});

    // The terminal is free at PayJunction; the next payment runs on it and the cardholder walks away.
    await w.control('POST', `devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const second = await postJson(
      w.capture,
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '11.00' },
      { 'Idempotency-Key': newKey('bug-second') },
    );
    const id: string = second.json.requestId;
    await until(
      async () => (await w.control('GET', `requests/${id}`)).status === 'IN_PROGRESS',
      'the second payment to run',
    );

    // The cashier presses cancel: it is the request on the terminal, so the relay must send it back.
    const cancel = await postJson(w.capture, `${t.api}/requests/${id}/cancel`, {});
    const cancelled = cancel.status === 202;
    const followed = await follow(w.capture, () => `${t.api}/requests/${id}/events`, { timeoutMs: 30_000 });
    const final = followed.snapshots.at(-1)!;
    const atPayJunction = (await w.control('GET', `requests/${id}`)).status;
    // Free the terminal by hand whatever happened, so nothing is left running.
    await w.pjPost(`/smartterminals/${FRONT_COUNTER}/main`);

    const problems: string[] = [];
    if (!cancelled) problems.push(`cancel of the payment on the terminal answered ${cancel.status} ${cancel.text}`);
    if (atPayJunction !== 'COMPLETE')
      problems.push(
        `final ${final.outcome} ("${final.error?.message ?? ''}"), but the terminal still shows the payment (${atPayJunction})`,
      );
    assert.deepEqual(problems, []);
  });
});

describe("a lost attempt is adopted by the one-doubt-one-unknown rule even when the unknown request is someone else's", () => {
  let w: World;
  before(async () => {
    w = await startWorld({
      speed: 20,
      proxy: true,
      stub: { upstreamTimeoutMs: 1_500, timings: { doubtWindowMs: 5_000, lateWatchMs: 2_000 } },
    });
  });
  after(() => w.close());

  test("an attempt that was charged never ends `busy` because another lost attempt's terminal was busy", async () => {
    const { t, proxy } = w;
    // Webhooks a little late, so that the order in which the relay hears of the two requests is fixed.
    await w.control('POST', 'webhooks/faults', { delayMs: 300 });
    // Someone uses the Drive-Thru terminal by hand: a request there ends BUSY.
    await w.control('POST', `devices/${DRIVE_THRU}/busy`, { busy: true });
    proxy!.add({ method: 'POST', pathEndsWith: `/${DRIVE_THRU}/request-payment`, mode: 'stall', count: 1 });
    const onDriveThru = postJson(
      w.capture,
      `${t.api}/payments`,
      { smartTerminalId: DRIVE_THRU, amountBase: '22.00' },
      { 'Idempotency-Key': newKey('bug-busy') },
    );
    // Its reports (CONNECTING, BUSY) reach the relay as a request it does not know (its answer is stalled).
    await sleep(800);
    // Meanwhile a payment on the Front Counter loses its answer too; PayJunction runs and charges it.
    proxy!.add({ method: 'POST', pathEndsWith: `/${FRONT_COUNTER}/request-payment`, mode: 'reset', count: 1 });
    const charged = await postJson(
      w.capture,
      `${t.api}/payments`,
      { smartTerminalId: FRONT_COUNTER, amountBase: '11.00' },
      { 'Idempotency-Key': newKey('bug-charged') },
    );
    assert.equal(charged.status, 202, charged.text);
    await onDriveThru;
    const followed = await follow(w.capture, () => `${t.api}/requests/${charged.json.requestId}/events`, {
      timeoutMs: 30_000,
    });
    const final = followed.snapshots.at(-1)!;
    await w.control('POST', 'webhooks/faults', {});
    await w.control('POST', `devices/${DRIVE_THRU}/busy`, { busy: false });

    const tx = (await allTransactions(w)).find((x) => x.amountBase === '11.00');
    // If PayJunction charged it, the page must say approved (found) or in_doubt (check the terminal);
    // if the relay's own doubt sent the terminal back before a card was read, in_doubt. Never busy:
    // another terminal's end must not invite a second charge.
    assert.ok(
      final.outcome === 'in_doubt' ||
        (tx !== undefined &&
          final.outcome === 'approved' &&
          final.transaction?.transactionId === Number(tx.transactionId)),
      `the lost attempt ended ${final.outcome} (${followed.snapshots.map((s) => `v${s.version} ${s.status} ${s.outcome}`).join(' → ')})`,
    );
  });
});

describe('a card number sent as a JSON number is rounded, not refused', () => {
  let w: World;
  before(async () => {
    w = await startWorld({ speed: 50 });
  });
  after(() => w.close());

  test('a 19-digit card number beyond 2^53 is refused rather than charged as another number', async () => {
    const today = localToday();
    // Luhn-valid, and so is what a double makes of it (4001234567890123300): both pass the card check.
    const body = `{"cardNumber":4001234567890123466,"cardExpMonth":"12","cardExpYear":"${Number(today.slice(0, 4)) + 1}","amountBase":"12.00","scheduleType":"PERIODIC","interval":"MONTH","intervalCount":"1","startDate":"${today}"}`;
    const r = await http(w.capture, `${w.t.api}/schedules`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    assert.ok(
      r.status === 400 || r.json?.vault?.lastFour === '3466',
      `answered ${r.status}: a schedule was created for a card ending ${r.json?.vault?.lastFour}, not the 3466 that was sent`,
    );
  });
});
