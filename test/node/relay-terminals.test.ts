/**
 * GET /pj/smart-terminals marks a terminal the relay's last request could not reach: PayJunction's
 * list says nothing of a terminal's connection, so this is how a picker can warn the cashier before
 * another 10 s of "Connecting…". A real relay and simulator (Back Office starts unplugged).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACK_OFFICE_OFFLINE, FRONT_COUNTER, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

type Listed = { smartTerminalId: string; nickName: string; unreachableSince?: string };

describe('the terminal list and unreachable terminals', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({ speed: 20 });
  });
  after(() => t.close());

  const list = async (): Promise<{ res: Response; results: Listed[] }> => {
    const res = await fetch(`${t.api}/smart-terminals`);
    return { res, results: ((await res.clone().json()) as { results: Listed[] }).results };
  };
  const listed = async (id: string) => (await list()).results.find((r) => r.smartTerminalId === id)!;
  const finalOf = async (requestId: string) =>
    snapshots(await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 15_000 })).at(-1);

  test('unmarked until a request fails to connect; marked with when; unmarked once a request reaches it', async () => {
    const before = await list();
    assert.equal(before.res.headers.get('cache-control'), 'private, no-cache', 'the browser asks again each time');
    assert.deepEqual(
      before.results.map((r) => Object.keys(r).sort()),
      before.results.map(() => ['nickName', 'smartTerminalId']),
      'nobody tried a terminal yet: nothing is marked, even the unplugged one',
    );

    const failed = await startPayment(t, { smartTerminalId: BACK_OFFICE_OFFLINE });
    const ended = await finalOf(failed.json.requestId);
    assert.equal(ended.outcome, 'no_connection');
    const marked = await listed(BACK_OFFICE_OFFLINE);
    assert.equal(marked.nickName, 'Back Office');
    assert.equal(marked.unreachableSince, ended.updatedAt, 'when the request ended NO_CONNECTION');
    assert.equal((await listed(FRONT_COUNTER)).unreachableSince, undefined, 'only that terminal');

    await t.sim(`devices/${BACK_OFFICE_OFFLINE}/online`, { online: true });
    try {
      const paid = await startPayment(t, { smartTerminalId: BACK_OFFICE_OFFLINE, amountBase: '2.00' });
      assert.equal((await finalOf(paid.json.requestId)).outcome, 'approved');
      assert.equal((await listed(BACK_OFFICE_OFFLINE)).unreachableSince, undefined, 'it answered: no longer marked');
    } finally {
      await t.sim(`devices/${BACK_OFFICE_OFFLINE}/online`, { online: false });
    }
  });
});
