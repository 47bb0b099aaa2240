/**
 * Issue 15 through the relay: with the simulator reusing one event id for every status of a Smart
 * Terminal request, as PayJunction's own examples do
 * (https://developer.payjunction.com/hc/en-us/articles/360002739934), the relay still takes each
 * status from its webhook (it dedupes by event id AND body digest), so it never has to poll.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

let t: TestRelay;
before(async () => {
  t = await startTestRelay({ speed: 20 });
});
after(() => t.close());

describe('reused webhook event ids', () => {
  test('every status of one request under one event id reaches the page; no poll was needed', async () => {
    const settings = await t.sim('settings', { reuseEventIds: true });
    assert.equal(settings.settings.reuseEventIds, true);
    const res = await startPayment(t, { amountBase: '14.25' });
    assert.equal(res.status, 202, res.text);
    const stream = await readSse(`${t.api}/requests/${res.json.requestId}/events`, {
      until: isFinal,
      timeoutMs: 15_000,
    });
    const final = snapshots(stream).at(-1);
    assert.equal(final.outcome, 'approved');

    const { deliveries } = await t.sim('deliveries');
    const forRequest = deliveries.filter(
      (d: { type: string; body: { data: { requestId?: string } } }) =>
        d.type === 'SMARTTERMINAL_REQUEST' && d.body.data.requestId === res.json.requestId,
    );
    assert.deepEqual(
      forRequest.map((d: { body: { data: { status: string } } }) => d.body.data.status),
      ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE'],
    );
    assert.equal(new Set(forRequest.map((d: { eventId: string }) => d.eventId)).size, 1, 'one event id');
    for (const d of forRequest) assert.equal(d.status, 200, 'each delivery accepted');
    const polls = (await t.calls()).filter((c: { path: string }) => c.path.startsWith('/smartterminals/requests/'));
    assert.deepEqual(polls, [], 'the webhooks alone carried the request to its end');
  });
});
