/**
 * While PayJunction's webhooks are late or lost, the page still sees each stage of the terminal: the
 * relay polls a request that has no news by webhook soon after it started (`webhookFirstMs`), and
 * every polled status moves the snapshot (and the page's stream) exactly as a webhook would. A real
 * relay and simulator, the simulator dropping every delivery; the safety net of 60 s of quiet is out
 * of reach of these tests, so only the early poll can show the stages. The poller's timing itself is
 * tested on virtual time in relay-poller.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FRONT_COUNTER, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

interface Delivery {
  body: { data?: { requestId?: string } };
  error?: string;
  status?: number;
}

describe('webhooks dropped: the stages come from polls', () => {
  let t: TestRelay;
  before(async () => {
    // Speed 1: a stage lasts seconds (IN_PROGRESS 0.7 s → 3.6 s), longer than the poll interval.
    t = await startTestRelay({
      speed: 1,
      timings: { webhookFirstMs: 500, webhookSilenceMs: 60_000, pollIntervalMs: 500 },
    });
    await t.sim('webhooks/faults', { drop: 'all' });
  });
  after(async () => {
    await t.sim('webhooks/faults', {});
    await t.close();
  });

  const deliveriesFor = async (requestId: string): Promise<Delivery[]> =>
    ((await t.sim('deliveries')).deliveries as Delivery[]).filter((d) => d.body?.data?.requestId === requestId);

  test('a payment shows the customer at the terminal, the card read, then the approval; no webhook reached the relay', async () => {
    const res = await startPayment(t, { amountBase: '4.00' });
    assert.equal(res.status, 202);
    const { requestId } = res.json;
    const stream = await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 20_000 });
    const seen = snapshots(stream);
    const stages = seen.map((s) =>
      s.outcome ? `${s.status}:${s.outcome}` : s.transactionId !== undefined ? `${s.status}+card` : s.status,
    );
    // Each stage once, in order: the page says "tap the card" while the customer does, not "Connecting…".
    assert.deepEqual(
      stages.filter((s, i) => s !== stages[i - 1]),
      ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS+card', 'COMPLETE:approved'],
    );
    const delivered = await deliveriesFor(requestId);
    assert.ok(delivered.length >= 3, `the simulator had ${delivered.length} reports to send`);
    assert.ok(
      delivered.every((d) => d.error?.startsWith('dropped')),
      'every report was dropped: the stages above came from polls',
    );
    const polls = (await t.calls()).filter((c) => c.path === `/smartterminals/requests/${requestId}`);
    assert.ok(polls.length >= 3, `polled ${polls.length} times`);
  });

  test('a customer who takes their time: IN_PROGRESS shows while the terminal waits, and a cancel still lands', async () => {
    await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const res = await startPayment(t, { amountBase: '4.50' });
    const { requestId } = res.json;
    const waiting = await readSse(`${t.api}/requests/${requestId}/events`, {
      until: (e) => e.event === 'request' && JSON.parse(e.data).status === 'IN_PROGRESS',
      timeoutMs: 10_000,
    });
    const last = snapshots(waiting).at(-1);
    assert.equal(last.status, 'IN_PROGRESS', 'the stream showed the terminal waiting for the card');
    assert.equal(last.outcome, null);
    // The simulator agrees: the request is on the card screen, with no card read yet.
    const simRequest = await t.sim(`requests/${requestId}`);
    assert.equal(simRequest.status, 'IN_PROGRESS');
    // createdAt is the request's start, the same in every version (a resumed page's timer counts from it).
    const created = snapshots(waiting).map((s) => s.createdAt);
    assert.ok(created.every((c) => c === res.json.createdAt && Date.parse(c) <= Date.parse(last.updatedAt)));

    await fetch(`${t.api}/requests/${requestId}/cancel`, { method: 'POST' });
    const final = snapshots(
      await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 10_000 }),
    ).at(-1);
    assert.equal(final.outcome, 'cancelled');
  });
});
