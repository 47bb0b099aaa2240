/**
 * src/core/payment-state.ts for signature, prompt and input requests (`<pj-terminal-request>`): the same
 * states as a payment, their ends announced by `requestEndAnnouncement`. Snapshots come from the relay's
 * own reducer (src/protocol/request-state.ts), as a page receives them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  observe,
  pay,
  accept,
  requestEndAnnouncement,
  type Effect,
  type PaymentState,
} from '../../src/core/payment-state.js';
import type { RequestKind, RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { createSnapshot, reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';

const now = new Date('2026-11-21T10:00:00Z');

/** The snapshots a request of `kind` goes through, one per reducer event. */
function snapshots(kind: RequestKind, events: RequestEvent[]): RequestSnapshot[] {
  const all = [createSnapshot({ requestId: 'r1', kind, smartTerminalId: 'st1', now })];
  for (const event of events) all.push(reduceRequest(all.at(-1)!, event, now));
  return all;
}

/** A request sent and accepted, then every snapshot observed with `announce`: the events fired, in order. */
function events(all: RequestSnapshot[], announce = requestEndAnnouncement): Effect[] {
  let [state]: [PaymentState, ...Effect[]] = pay({ status: 'idle' }, '{}', 'k1', 0);
  [state] = accept(state, 'k1', 'r1');
  const fired: Effect[] = [];
  for (const snapshot of all) {
    const [next, ...effects] = observe(state, { snapshot, connection: 'open' }, announce);
    state = next;
    fired.push(...effects);
  }
  return fired.filter(([name]) => name !== 'pj-request-status');
}

const answered = (kind: RequestKind, value: RequestEvent) =>
  snapshots(kind, [{ type: 'status', status: 'IN_PROGRESS' }, value, { type: 'status', status: 'COMPLETE' }]);

test('each kind completes once, with its own value in a detail typed by kind', () => {
  const signature = answered('signature', { type: 'status', status: 'IN_PROGRESS', signatureId: 'ab12' });
  const prompt = answered('prompt', { type: 'status', status: 'IN_PROGRESS', promptButton: 'Yes' });
  const input = answered('input', { type: 'status', status: 'IN_PROGRESS', inputValue: '8006010230' });
  const detail = (all: RequestSnapshot[]) => {
    const fired = events([...all, all.at(-1)!]); // the last one twice: still one end
    assert.equal(fired.length, 1);
    assert.equal(fired[0]![0], 'pj-request-completed');
    const { snapshot, ...rest } = fired[0]![1] as { snapshot: RequestSnapshot };
    assert.equal(snapshot.outcome, 'completed');
    return rest;
  };
  assert.deepEqual(detail(signature), { kind: 'signature', signatureId: 'ab12' });
  assert.deepEqual(detail(prompt), { kind: 'prompt', promptButton: 'Yes' });
  assert.deepEqual(detail(input), { kind: 'input', inputValue: '8006010230' });
});

test('a COMPLETE without a value is a cancel (from the page or the customer): pj-request-cancelled', () => {
  const all = snapshots('prompt', [
    { type: 'status', status: 'IN_PROGRESS' },
    { type: 'status', status: 'COMPLETE' },
  ]);
  assert.deepEqual(
    events(all).map(([name]) => name),
    ['pj-request-cancelled'],
  );
});

test('busy, no connection and timeout are errors named by their outcome', () => {
  const busy = snapshots('input', [{ type: 'status', status: 'BUSY' }]);
  const offline = snapshots('signature', [{ type: 'status', status: 'NO_CONNECTION' }]);
  const stalled = snapshots('signature', [{ type: 'timeout', watchUntil: '2026-11-21T10:10:00Z' }]);
  for (const [all, code] of [
    [busy, 'busy'],
    [offline, 'no_connection'],
    [stalled, 'timeout'],
  ] as const) {
    const fired = events(all);
    assert.equal(fired.length, 1);
    assert.equal(fired[0]![0], 'pj-error');
    assert.equal((fired[0]![1] as { code: string }).code, code);
  }
});

test("a payment's ends keep a payment's events (the default announcement)", () => {
  const cancelled = snapshots('payment', [
    { type: 'status', status: 'IN_PROGRESS' },
    { type: 'status', status: 'COMPLETE' },
  ]);
  let [state]: [PaymentState, ...Effect[]] = pay({ status: 'idle' }, '{}', 'k1', 0);
  [state] = accept(state, 'k1', 'r1');
  const fired: string[] = [];
  for (const snapshot of cancelled) {
    const [next, ...effects] = observe(state, { snapshot, connection: 'open' });
    state = next;
    fired.push(...effects.map(([name]) => name));
  }
  assert.deepEqual(
    fired.filter((name) => name !== 'pj-request-status'),
    ['pj-payment-cancelled'],
  );
});
