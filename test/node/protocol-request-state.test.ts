import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSnapshot, reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';
import { transactionView } from '../helpers/transaction-view.js';
import { isFinalSnapshot, isOpenOutcome, type RequestSnapshot } from '../../src/protocol/relay-contract.js';

const now = new Date('2026-11-21T10:00:00Z');
const base = (kind: RequestSnapshot['kind'] = 'payment') =>
  createSnapshot({ requestId: 'r1', kind, smartTerminalId: 'st1', now });

const txView = (approved: boolean, transactionId = 10082) => transactionView(approved, now, transactionId);

const run = (events: RequestEvent[], start = base()) => events.reduce((s, e) => reduceRequest(s, e, now), start);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [item, ...p]),
  );
}

test('an approved payment: the outcome waits for COMPLETE and the fetched transaction', () => {
  let s = run([{ type: 'status', status: 'IN_PROGRESS' }]);
  assert.equal(s.status, 'IN_PROGRESS');
  assert.equal(s.outcome, null);
  s = reduceRequest(s, { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 }, now);
  assert.equal(s.transactionId, 10082);
  s = reduceRequest(s, { type: 'status', status: 'COMPLETE', transactionId: 10082 }, now);
  assert.equal(s.status, 'COMPLETE');
  assert.equal(s.outcome, null, 'approved or declined comes from the transaction, never the webhook');
  s = reduceRequest(s, { type: 'transaction', transaction: txView(true) }, now);
  assert.equal(s.outcome, 'approved');
  assert.equal(s.transaction?.amountTotal, '12.50');
});

test('a declined transaction ends the request as declined', () => {
  const s = run([
    { type: 'status', status: 'COMPLETE', transactionId: '10082' },
    { type: 'transaction', transaction: txView(false) },
  ]);
  assert.equal(s.outcome, 'declined');
  assert.equal(s.transactionId, 10082, 'a string id from a webhook is read as the number PayJunction means');
});

test('COMPLETE without a transactionId is a cancel; BUSY and NO_CONNECTION end the request', () => {
  assert.equal(run([{ type: 'status', status: 'COMPLETE' }]).outcome, 'cancelled');
  assert.equal(run([{ type: 'status', status: 'BUSY' }]).outcome, 'busy');
  assert.equal(run([{ type: 'status', status: 'NO_CONNECTION' }]).outcome, 'no_connection');
});

test('statuses never move backwards and duplicates change no version', () => {
  const s1 = run([{ type: 'status', status: 'IN_PROGRESS' }]);
  const s2 = reduceRequest(s1, { type: 'status', status: 'CONNECTING' }, now);
  assert.equal(s2, s1, 'a late CONNECTING is ignored');
  const s3 = reduceRequest(s1, { type: 'status', status: 'IN_PROGRESS' }, now);
  assert.equal(s3, s1, 'a duplicate is ignored');
  assert.equal(s1.version, 2);
});

test('unknown statuses are ignored', () => {
  const s = base();
  assert.equal(reduceRequest(s, { type: 'status', status: 'CANCELLED' }, now), s);
  assert.equal(reduceRequest(s, { type: 'status', status: '' }, now), s);
});

test('a final snapshot never changes again', () => {
  const done = run([{ type: 'status', status: 'COMPLETE' }]);
  assert.equal(reduceRequest(done, { type: 'status', status: 'COMPLETE', transactionId: 5 }, now), done);
  assert.equal(reduceRequest(done, { type: 'timeout' }, now), done);
  assert.equal(reduceRequest(done, { type: 'error', code: 'x', message: 'y' }, now), done);
});

test('a late BUSY after the card was read cannot hide the charge', () => {
  const s = run([
    { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 },
    { type: 'status', status: 'BUSY' },
  ]);
  assert.equal(s.outcome, null, 'a transaction exists: only its details may end the request');
  const done = reduceRequest(s, { type: 'transaction', transaction: txView(true) }, now);
  assert.equal(done.outcome, 'approved');
});

test('the first transactionId wins; a transaction for another id is ignored', () => {
  const s = run([
    { type: 'status', status: 'IN_PROGRESS', transactionId: 1 },
    { type: 'status', status: 'COMPLETE', transactionId: 2 },
  ]);
  assert.equal(s.transactionId, 1);
  assert.equal(reduceRequest(s, { type: 'transaction', transaction: txView(true, 2) }, now), s);
});

test('every order of an approved flow ends at the same final snapshot', () => {
  const events: RequestEvent[] = [
    { type: 'status', status: 'CONNECTING' },
    { type: 'status', status: 'IN_PROGRESS' },
    { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 },
    { type: 'status', status: 'COMPLETE', transactionId: 10082 },
  ];
  const finals = new Set<string>();
  for (const order of permutations(events)) {
    // The relay fetches the transaction once it sees the id; model that after each order.
    const s = reduceRequest(run([...order, ...order]), { type: 'transaction', transaction: txView(true) }, now);
    finals.add(JSON.stringify({ ...s, version: 0 }));
    assert.equal(s.outcome, 'approved');
    assert.equal(s.status, 'COMPLETE');
  }
  assert.equal(finals.size, 1);
});

test('timeout: no transaction → timeout; an unread transaction → error naming it; a read one → its outcome', () => {
  const t1 = run([{ type: 'status', status: 'IN_PROGRESS' }, { type: 'timeout' }]);
  assert.equal(t1.outcome, 'timeout');
  assert.match(t1.error?.message ?? '', /did not finish in time/);
  const t2 = run([{ type: 'status', status: 'IN_PROGRESS', transactionId: 77 }, { type: 'timeout' }]);
  assert.equal(t2.outcome, 'error');
  assert.match(t2.error?.message ?? '', /transaction 77/);
  const t3 = run([
    { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 },
    { type: 'transaction', transaction: txView(false) },
    { type: 'timeout' },
  ]);
  assert.equal(t3.outcome, 'declined');
});

test('signature, prompt and input complete with their value, or are cancelled without one', () => {
  const sig = run([{ type: 'status', status: 'COMPLETE', signatureId: 'abc' }], base('signature'));
  assert.equal(sig.outcome, 'completed');
  assert.equal(sig.signatureId, 'abc');
  const prompt = run(
    [
      { type: 'status', status: 'IN_PROGRESS', promptButton: 'No' },
      { type: 'status', status: 'COMPLETE', promptButton: 'No' },
    ],
    base('prompt'),
  );
  assert.equal(prompt.outcome, 'completed');
  assert.equal(prompt.promptButton, 'No');
  assert.equal(run([{ type: 'status', status: 'COMPLETE' }], base('input')).outcome, 'cancelled');
});

test('each change bumps the version by one and stamps updatedAt', () => {
  const later = new Date('2026-11-21T10:00:05Z');
  const s = reduceRequest(base(), { type: 'status', status: 'IN_PROGRESS' }, later);
  assert.equal(s.version, 2);
  assert.equal(s.updatedAt, later.toISOString());
});

const WATCH = '2026-11-21T10:10:00.000Z';

test('a late transaction after a watched timeout becomes the outcome, once; without a watch the end is final', () => {
  const timedOut = run([
    { type: 'status', status: 'IN_PROGRESS' },
    { type: 'timeout', watchUntil: WATCH },
  ]);
  assert.equal(timedOut.outcome, 'timeout');
  assert.equal(timedOut.watchUntil, WATCH);
  assert.equal(isFinalSnapshot(timedOut), false, 'still watched: not final');
  // The card was read after all: the report adds the id, the transaction decides.
  const withId = reduceRequest(timedOut, { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 }, now);
  assert.equal(withId.outcome, 'timeout', 'only the transaction may change an ended request');
  const late = reduceRequest(withId, { type: 'transaction', transaction: txView(true) }, now);
  assert.equal(late.outcome, 'approved');
  assert.equal(late.error, undefined);
  assert.equal(late.watchUntil, undefined);
  assert.ok(isFinalSnapshot(late));
  assert.equal(
    reduceRequest(late, { type: 'transaction', transaction: txView(false) }, now),
    late,
    'approved never changes again',
  );
  // A timeout without a watch (an older relay) stays final, as before.
  const unwatched = run([{ type: 'timeout' }]);
  assert.equal(reduceRequest(unwatched, { type: 'status', status: 'IN_PROGRESS', transactionId: 5 }, now), unwatched);
  // settle ends the watch: nothing changes afterwards.
  const settled = reduceRequest(timedOut, { type: 'settle' }, now);
  assert.equal(settled.watchUntil, undefined);
  assert.ok(isFinalSnapshot(settled));
  assert.equal(reduceRequest(settled, { type: 'transaction', transaction: txView(true) }, now), settled);
});

test('an error with a known transaction id turns into the transaction outcome when it is finally read', () => {
  const failed = run([
    { type: 'status', status: 'IN_PROGRESS', transactionId: 10082 },
    { type: 'timeout', watchUntil: WATCH },
  ]);
  assert.equal(failed.outcome, 'error');
  const read = reduceRequest(failed, { type: 'transaction', transaction: txView(false) }, now);
  assert.equal(read.outcome, 'declined');
});

test('in doubt: found (adopted) it is an ordinary request; not found it ends in_doubt, and a late transaction still decides', () => {
  const doubtful: RequestSnapshot = { ...base(), inDoubt: true };
  const found = reduceRequest(doubtful, { type: 'adopted' }, now);
  assert.equal(found.inDoubt, undefined);
  assert.equal(found.outcome, null);
  const lost = reduceRequest(doubtful, { type: 'in_doubt', watchUntil: WATCH }, now);
  assert.equal(lost.outcome, 'in_doubt');
  assert.match(lost.error?.message ?? '', /could not confirm/);
  assert.equal(
    reduceRequest(found, { type: 'in_doubt' }, now).inDoubt,
    true,
    'a wrongly found request is in doubt again',
  );
  const late = reduceRequest(
    reduceRequest(lost, { type: 'adopted' }, now),
    { type: 'transaction', transaction: txView(true) },
    now,
  );
  assert.equal(late.outcome, 'approved');
  // A timeout of a request still in doubt is an in-doubt end, not a plain timeout.
  assert.equal(reduceRequest(doubtful, { type: 'timeout', watchUntil: WATCH }, now).outcome, 'in_doubt');
});

test('a rejected transaction is forgotten so the right one can be attached', () => {
  const s = run([{ type: 'status', status: 'IN_PROGRESS', transactionId: 1 }]);
  const rejected = reduceRequest(s, { type: 'reject_transaction', transactionId: 1 }, now);
  assert.equal(rejected.transactionId, undefined);
  assert.equal(rejected.outcome, null);
  assert.equal(
    reduceRequest(s, { type: 'reject_transaction', transactionId: 2 }, now),
    s,
    'another id: nothing to forget',
  );
  const right = reduceRequest(rejected, { type: 'status', status: 'COMPLETE', transactionId: 10082 }, now);
  assert.equal(right.transactionId, 10082);
});

test('NO_CONNECTION is an open end: a later IN_PROGRESS moves the status on, and a late transaction decides', () => {
  const ended = run([{ type: 'status', status: 'NO_CONNECTION' }]);
  assert.equal(ended.outcome, 'no_connection');
  assert.ok(isOpenOutcome(ended.outcome), 'PayJunction does not say NO_CONNECTION is the last word');
  // The relay watches it (intake.ts sets watchUntil, as for any open end).
  const watched = { ...ended, watchUntil: '2026-11-21T10:10:00Z' };
  assert.equal(isFinalSnapshot(watched), false);
  let s = reduceRequest(watched, { type: 'status', status: 'IN_PROGRESS' }, now);
  assert.equal(s.status, 'IN_PROGRESS', 'the terminal was reached after all');
  assert.equal(s.outcome, 'no_connection', 'only a transaction changes an open end');
  assert.equal(s.version, watched.version + 1);
  s = reduceRequest(s, { type: 'status', status: 'COMPLETE', transactionId: 10090 }, now);
  assert.equal(s.transactionId, 10090);
  s = reduceRequest(s, { type: 'transaction', transaction: txView(true, 10090) }, now);
  assert.equal(s.outcome, 'approved');
  assert.equal(s.watchUntil, undefined);
  assert.ok(isFinalSnapshot(s));
});

test('a stale NO_CONNECTION never undoes IN_PROGRESS; unwatched, NO_CONNECTION is final; settled, nothing changes it', () => {
  const live = run([
    { type: 'status', status: 'IN_PROGRESS' },
    { type: 'status', status: 'NO_CONNECTION' },
  ]);
  assert.equal(live.status, 'IN_PROGRESS');
  assert.equal(live.outcome, null);
  const unwatched = run([{ type: 'status', status: 'NO_CONNECTION' }]);
  assert.ok(isFinalSnapshot(unwatched));
  assert.equal(reduceRequest(unwatched, { type: 'transaction', transaction: txView(true) }, now), unwatched);
  const settled = reduceRequest({ ...unwatched, watchUntil: '2026-11-21T10:10:00Z' }, { type: 'settle' }, now);
  assert.equal(settled.watchUntil, undefined);
  assert.equal(reduceRequest(settled, { type: 'status', status: 'IN_PROGRESS' }, now), settled);
});
