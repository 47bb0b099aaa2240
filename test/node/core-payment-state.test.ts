/**
 * src/core/payment-state.ts: the one state of a terminal payment and its pure steps, the rules that
 * protect money. Snapshots come from the relay's own reducer (src/protocol/request-state.ts), as a
 * page receives them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LiveRequestState } from '../../src/core/live-request.js';
import {
  accept,
  askCancel,
  cancelFailed,
  follow,
  lives,
  observe,
  pay,
  refuse,
  reset,
  startsOver,
  type Effect,
  type PaymentState,
  type RelayProblem,
  type Step,
} from '../../src/core/payment-state.js';
import { RelayClientError } from '../../src/core/relay-client.js';
import { describeDecline } from '../../src/protocol/declines.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { createSnapshot, reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';
import { transactionView } from '../helpers/transaction-view.js';

const now = new Date('2026-11-21T10:00:00Z');
const BODY = JSON.stringify({ smartTerminalId: 'st1', amountBase: '12.50' });
const OTHER_BODY = JSON.stringify({ smartTerminalId: 'st1', amountBase: '13.00' });

const problem = (status: number, code = 'network'): RelayProblem => ({ status, code, message: code, fields: [] });

const transaction = (approved: boolean) => transactionView(approved, now);

/** The snapshots request `r1` goes through, one per reducer event: what the relay streams. */
function snapshots(events: RequestEvent[], requestId = 'r1'): RequestSnapshot[] {
  const all = [createSnapshot({ requestId, kind: 'payment', smartTerminalId: 'st1', now })];
  for (const event of events) all.push(reduceRequest(all.at(-1)!, event, now));
  return all;
}

const APPROVED: RequestEvent[] = [
  { type: 'status', status: 'IN_PROGRESS' },
  { type: 'status', status: 'COMPLETE', transactionId: 10082 },
  { type: 'transaction', transaction: transaction(true) },
];

/** What the live request's store reports: a snapshot, or the relay's 404 for a request it lost. */
const seen = (snapshot: RequestSnapshot): LiveRequestState => ({ snapshot, connection: 'open' });
const lost = (code: string): LiveRequestState => ({ connection: 'closed', error: new RelayClientError(404, code, '') });
/** A step per snapshot, in order. */
const observeAll = (all: RequestSnapshot[]) =>
  all.map((snapshot) => (state: PaymentState) => observe(state, seen(snapshot)));

/** Runs steps from `state`, as PaymentController does: the last state and every effect, in order. */
function run(state: PaymentState, steps: Array<(s: PaymentState) => Step>) {
  const effects: Effect[] = [];
  for (const step of steps) {
    const [next, ...implied] = step(state);
    assert.ok(next !== state || implied.length === 0, 'a step that changes nothing implies nothing');
    effects.push(...implied);
    state = next;
  }
  return { state, effects, names: effects.map(([name]) => name) };
}

/** The state a step leads to. */
const to = ([state]: Step): PaymentState => state;

const idle: PaymentState = { status: 'idle' };

/** Paid with key k1 and accepted as r1. */
const paidAndAccepted = () => to(accept(to(pay(idle, BODY, 'k1', 0)), 'k1', 'r1'));
/** `paidAndAccepted`, then the snapshots of `events`. */
const paidThen = (events: RequestEvent[]) => run(paidAndAccepted(), observeAll(snapshots(events)));

describe('one attempt, one idempotency key', () => {
  test('paying sends the attempt once', () => {
    const { state, effects } = run(idle, [(s) => pay(s, BODY, 'k1', 0), (s) => pay(s, BODY, 'k2', 0)]);
    assert.equal(state.status, 'starting');
    assert.deepEqual(effects, [['send', { key: 'k1', body: BODY }]]);
  });

  test('a network failure or a 5xx keeps the attempt: paying the same body again reuses its key', () => {
    for (const status of [0, 500, 503]) {
      const failed = to(refuse(to(pay(idle, BODY, 'k1', 0)), 'k1', problem(status)));
      assert.equal(failed.status, 'failed');
      assert.deepEqual(pay(failed, BODY, 'k2', 1)[1], ['send', { key: 'k1', body: BODY }], `status ${status}`);
    }
  });

  test('a refusal the relay is sure of (4xx), or another body, gets a new key', () => {
    const refused = to(refuse(to(pay(idle, BODY, 'k1', 0)), 'k1', problem(404, 'unknown_terminal')));
    assert.deepEqual(pay(refused, BODY, 'k2', 1)[1], ['send', { key: 'k2', body: BODY }]);
    const lostAnswer = to(refuse(to(pay(idle, BODY, 'k1', 0)), 'k1', problem(0)));
    assert.deepEqual(pay(lostAnswer, OTHER_BODY, 'k3', 1)[1], ['send', { key: 'k3', body: OTHER_BODY }]);
  });

  test('a payment after an end is a new attempt with a new key', () => {
    const { state } = paidThen(APPROVED);
    assert.equal(state.status, 'ended');
    assert.deepEqual(pay(state, BODY, 'k9', 2)[1], ['send', { key: 'k9', body: BODY }]);
  });

  test("an answer for another attempt is ignored (a stale POST never moves today's payment)", () => {
    const starting = to(pay(idle, BODY, 'k1', 0));
    assert.deepEqual(accept(starting, 'k0', 'r0'), [starting]);
    assert.deepEqual(refuse(starting, 'k0', problem(0)), [starting]);
  });
});

describe('no second payment while one may be live', () => {
  test('pay does nothing while starting, live or in doubt', () => {
    const starting = to(pay(idle, BODY, 'k1', 0));
    const live = to(accept(starting, 'k1', 'r1'));
    const inDoubt = run(live, observeAll(snapshots([{ type: 'timeout', watchUntil: 'later' }]))).state;
    assert.equal(inDoubt.status, 'in_doubt');
    for (const state of [starting, live, inDoubt]) assert.deepEqual(pay(state, BODY, 'k2', 1), [state], state.status);
    assert.ok(lives(starting) && lives(live) && !lives(inDoubt));
  });

  test('reset never drops a payment that lives', () => {
    const live = paidAndAccepted();
    assert.equal(to(reset(live)), live);
    assert.equal(to(reset(to(pay(idle, BODY, 'k1', 0)))).status, 'starting');
  });
});

describe('an in-doubt end never offers a fresh charge', () => {
  for (const [name, end] of [
    ['timeout', { type: 'timeout', watchUntil: 'later' }],
    ['error', { type: 'error', code: 'transaction_unknown', message: '?', watchUntil: 'later' }],
    ['in_doubt', { type: 'in_doubt', watchUntil: 'later' }],
  ] as const) {
    test(`${name}: pay is refused; only a deliberate reset, then a new key`, () => {
      const { state, effects } = paidThen([end]);
      assert.equal(state.status, 'in_doubt');
      assert.ok(startsOver(state));
      assert.deepEqual(pay(state, BODY, 'k2', 1), [state]);
      assert.deepEqual(effects.at(-1), [
        'pj-error',
        { code: name === 'error' ? 'transaction_unknown' : name, message: '', fields: [], requestId: 'r1' },
      ]);
      assert.deepEqual(pay(to(reset(state)), BODY, 'k2', 2)[1], ['send', { key: 'k2', body: BODY }]);
    });
  }

  test('a request the relay lost (a 404, or its stream said `lost`) is in doubt too, announced once', () => {
    const relayLost = run(paidAndAccepted(), [(s) => observe(s, lost('request_lost'))]);
    assert.equal(relayLost.state.status, 'in_doubt');
    assert.deepEqual(relayLost.names, ['pj-error']);
    assert.equal((relayLost.effects[0]![1] as { code: string }).code, 'request_lost');
    const { state, effects } = run(paidAndAccepted(), [
      (s) => observe(s, lost('not_found')),
      (s) => observe(s, lost('not_found')),
    ]);
    assert.equal(state.status, 'in_doubt');
    assert.deepEqual(pay(state, BODY, 'k2', 1), [state]);
    assert.deepEqual(effects, [
      ['pj-error', { code: 'not_found', message: '', status: 404, fields: [], requestId: 'r1' }],
    ]);
  });

  test('while the relay still watches, a new version of the in-doubt end is no second end', () => {
    const { state, names } = paidThen([{ type: 'timeout', watchUntil: 'later' }, { type: 'settle' }]);
    assert.equal(state.status === 'in_doubt' && state.snapshot?.watchUntil, undefined);
    assert.deepEqual(names, ['pj-request-status', 'pj-request-status', 'pj-error', 'pj-request-status']);
  });

  test('a late transaction turns the doubt into its real result, announced once', () => {
    const late = snapshots([
      { type: 'timeout', watchUntil: 'later' },
      { type: 'transaction', transaction: transaction(true) },
    ]);
    const { state, names } = run(paidAndAccepted(), observeAll([...late, late.at(-1)!]));
    assert.equal(state.status === 'ended' && state.lateResult, true);
    assert.deepEqual(names, [
      'pj-request-status',
      'pj-request-status',
      'pj-error',
      'pj-request-status',
      'pj-payment-approved',
    ]);
    assert.ok(startsOver(state)); // approved: "New payment" goes back to ready first
  });
});

describe('events fire once per request', () => {
  test('each version once and in order; the end once, whatever is delivered twice or late', () => {
    const all = snapshots(APPROVED);
    const deliveries = [all[0], all[1], all[1], all[0], all[2], all[3], all[3], all[2]];
    const { state, effects, names } = run(paidAndAccepted(), observeAll(deliveries.map((s) => s!)));
    assert.equal(state.status, 'ended');
    assert.deepEqual(names, [...Array(4).fill('pj-request-status'), 'pj-payment-approved']);
    const versions = effects.flatMap(([name, detail]) =>
      name === 'pj-request-status' ? [detail.snapshot.version] : [],
    );
    assert.deepEqual(versions, [1, 2, 3, 4]);
  });

  test('a request shown again after "New payment" is shown as it ended, announcing nothing', () => {
    const ended = paidThen(APPROVED).state;
    const { state, effects } = run(ended, [
      reset,
      (s) => follow(s, 'r1', 5),
      (s) => observe(s, seen(snapshots(APPROVED).at(-1)!)),
    ]);
    assert.equal(state, ended);
    assert.deepEqual(effects, []);
  });

  test('another request followed instead starts over: its own events, nothing about the first', () => {
    const { state, effects } = run(paidAndAccepted(), [
      (s) => follow(s, 'r2', 5),
      ...observeAll(snapshots(APPROVED, 'r1')),
    ]);
    assert.equal(state.requestId, 'r2');
    assert.deepEqual(effects, []);
  });

  test('a decline carries the guidance; a cancel and a busy terminal are announced as such', () => {
    const declined = paidThen([
      { type: 'status', status: 'COMPLETE', transactionId: 10082 },
      { type: 'transaction', transaction: transaction(false) },
    ]);
    const [name, detail] = declined.effects.at(-1)!;
    assert.equal(name, 'pj-payment-declined');
    assert.equal(name === 'pj-payment-declined' && detail.decline.code, '05');
    assert.equal(paidThen([{ type: 'status', status: 'COMPLETE' }]).names.at(-1), 'pj-payment-cancelled');
    const busy = paidThen([{ type: 'status', status: 'BUSY' }]);
    assert.deepEqual(busy.effects.at(-1), ['pj-error', { code: 'busy', message: '', fields: [], requestId: 'r1' }]);
  });

  test('after a decline the pay button charges again only when the catalogue says the same card may work', () => {
    const declinedWith = (code: string, decline: boolean = true) =>
      paidThen([
        { type: 'status', status: 'COMPLETE', transactionId: 10082 },
        {
          type: 'transaction',
          transaction: { ...transaction(false), code, ...(decline ? { decline: describeDecline(code) } : {}) },
        },
      ]).state;
    // 91 no reply and 19 re-enter: passing; 55 wrong PIN: typed again at the terminal.
    for (const code of ['91', '19', '55']) assert.equal(startsOver(declinedWith(code)), false, code);
    // 05 not today, 51 funds, 01 call the bank, 04 pick up, DT duplicate: a new payment (another card, or later).
    for (const code of ['05', '51', '01', '04', 'DT']) assert.equal(startsOver(declinedWith(code)), true, code);
    // A transaction without the relay's `decline` (an older relay): no retry of the same card.
    assert.equal(startsOver(declinedWith('91', false)), true);
    // What the button then does: back to ready, nothing sent.
    const [ready, ...effects] = reset(declinedWith('05'));
    assert.equal(ready.status, 'idle');
    assert.deepEqual(effects, []);
  });
});

describe('cancel and the pj-error detail', () => {
  test('a cancel pressed while starting is sent once the relay has the request, and only once', () => {
    const { state, effects } = run(idle, [
      (s) => pay(s, BODY, 'k1', 0),
      askCancel,
      askCancel,
      (s) => accept(s, 'k1', 'r1'),
      askCancel,
    ]);
    assert.equal(state.status === 'live' && state.cancel, 'sent');
    assert.deepEqual(
      effects.filter(([name]) => name === 'cancel'),
      [['cancel', 'r1']],
    );
  });

  test('a refused cancel is announced with the relay code and status, and may be pressed again', () => {
    const { state, effects } = run(paidAndAccepted(), [
      askCancel,
      (s) => cancelFailed(s, 'r1', problem(409, 'not_live')),
      (s) => cancelFailed(s, 'r0', problem(0)),
      askCancel,
    ]);
    assert.deepEqual(effects, [
      ['cancel', 'r1'],
      ['pj-error', { code: 'not_live', message: '', status: 409, fields: [], requestId: 'r1' }],
      ['cancel', 'r1'],
    ]);
    assert.equal(state.status === 'live' && state.cancel, 'sent');
  });

  test('a failed payment says its code, status only when the relay answered, and fields always', () => {
    const fields = [{ field: 'amountBase', type: 'invalid' as const, message: 'Amount is wrong.' }];
    const starting = to(pay(idle, BODY, 'k1', 0));
    assert.deepEqual(refuse(starting, 'k1', problem(0)).slice(1), [
      ['pj-error', { code: 'network', message: '', fields: [] }],
    ]);
    assert.deepEqual(refuse(starting, 'k1', { ...problem(400, 'invalid_request'), fields }).slice(1), [
      ['pj-error', { code: 'invalid_request', message: '', status: 400, fields }],
    ]);
  });
});
