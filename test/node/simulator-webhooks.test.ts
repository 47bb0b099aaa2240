/**
 * Webhook subscriptions and deliveries in the simulator: the limit, validation, secrets and
 * signatures over the raw bytes, retries on the simulator's clock, and the delivery faults.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSimulator } from '../../server-stub/simulator/index.js';
import { encodeForm, sleep, TEST_CREDENTIALS, waitFor } from '../helpers/simulator.js';
import {
  charge,
  FRONT,
  hmacHex,
  receiver,
  requestPayment,
  sim,
  SPEED,
  statuses,
  subscribe,
  useSimulator,
  waitForStatus,
} from '../helpers/simulator-suite.js';

useSimulator();

// ─── webhooks ──────────────────────────────────────────────────────────────────────────────

describe('webhook subscriptions and deliveries', () => {
  it('subscription limit (5 by default) → 403; list, update, delete', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await subscribe(`http://127.0.0.1:9/hook-${i}`)).webhookId);
    const sixth = await sim.pj('POST', '/webhooks', {
      event: 'SMARTTERMINAL_REQUEST',
      url: 'http://127.0.0.1:9/hook-6',
    });
    assert.equal(sixth.status, 403);
    assert.match(sixth.body.errors[0].message, /limit/i);
    const list = await sim.pj('GET', '/webhooks');
    assert.deepEqual(
      list.body.results.map((w: { webhookId: string }) => w.webhookId),
      ids,
    );
    for (const w of list.body.results)
      assert.deepEqual(Object.keys(w).sort(), ['created', 'events', 'url', 'webhookId']);

    const updated = await sim.pj('PUT', `/webhooks/${ids[0]}`, { url: 'https://example.com/pj' });
    assert.equal(updated.body.url, 'https://example.com/pj');
    assert.equal((await sim.pj('DELETE', `/webhooks/${ids[0]}`)).status, 204);
    assert.equal((await sim.pj('DELETE', `/webhooks/${ids[0]}`)).status, 404);
    assert.equal((await sim.pj('PUT', `/webhooks/${ids[0]}`, { url: 'https://example.com/x' })).status, 404);
    assert.equal(
      (await sim.pj('POST', '/webhooks', { event: 'SMARTTERMINAL_REQUEST', url: 'http://127.0.0.1:9/again' })).status,
      200,
    );
  });

  it('validates event, url (≤ 255) and secret (≤ 255)', async () => {
    const bad = await sim.pj('POST', '/webhooks', { event: 'NOPE', url: 'not a url', secret: 's'.repeat(256) });
    assert.equal(bad.status, 400);
    assert.deepEqual(
      bad.body.errors.map((e: { parameter: string }) => e.parameter),
      ['event', 'url', 'secret'],
    );
    const long = await sim.pj('POST', '/webhooks', {
      event: 'TRANSACTION',
      url: `https://example.com/${'a'.repeat(240)}`,
    });
    assert.equal(long.body.errors[0].parameter, 'url');
    const missing = await sim.pj('POST', '/webhooks', {});
    assert.deepEqual(
      missing.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
      [
        ['event', 'required'],
        ['url', 'required'],
      ],
    );
  });

  it('the webhook limit is an option; the simulator also works as a bare fetch handler', async () => {
    const bare = createSimulator({ webhookLimit: 1, credentials: TEST_CREDENTIALS, speed: SPEED });
    try {
      const post = (url: string) =>
        bare.fetch(
          new Request('http://sim.invalid/webhooks', {
            method: 'POST',
            headers: { ...sim.authHeaders(), 'Content-Type': 'application/x-www-form-urlencoded' },
            body: encodeForm({ event: 'TRANSACTION', url }),
          }),
        );
      assert.equal((await post('https://shop.example/a')).status, 200);
      assert.equal((await post('https://shop.example/b')).status, 403);
    } finally {
      bare.dispose();
    }
  });

  it('an empty secret clears it: later deliveries carry no X-Pj-Signature; a new secret signs again', async () => {
    const hook = await receiver();
    const { webhookId } = await subscribe(hook.url, 'TRANSACTION', 'first-secret');
    const tx1 = await charge();
    await waitFor(() => hook.received.length === 1);
    assert.equal(hook.received[0]!.headers['x-pj-signature'], hmacHex('first-secret', hook.received[0]!.raw));
    assert.deepEqual(hook.received[0]!.body.data, { transactionId: tx1.transactionId });

    assert.equal((await sim.pj('PUT', `/webhooks/${webhookId}`, { secret: '' })).status, 200);
    await charge();
    await waitFor(() => hook.received.length === 2);
    assert.equal(hook.received[1]!.headers['x-pj-signature'], undefined);

    await sim.pj('PUT', `/webhooks/${webhookId}`, { secret: 'second-secret' });
    await charge();
    await waitFor(() => hook.received.length === 3);
    assert.equal(hook.received[2]!.headers['x-pj-signature'], hmacHex('second-secret', hook.received[2]!.raw));
  });

  it('retries a delivery the receiver answered 500, after 30 s of the clock, with the same event id and bytes', async (t) => {
    // What the dispatcher asks the simulator's clock for is recorded (the clock divides it by the
    // speed: 'the simulator clock' above), rather than the gap measured on a machine that may be slow.
    const asked = t.mock.method(sim.simulator.state.clock, 'after');
    const hook = await receiver();
    hook.respond = (_d, index) => (index === 0 ? 500 : 200);
    await subscribe(hook.url, 'TRANSACTION', 'retry-secret');
    await charge();
    await waitFor(() => hook.received.length >= 2, 5000, 'the retry');
    const [first, second] = hook.received;
    assert.equal(first!.body.id, second!.body.id);
    assert.ok(first!.raw.equals(second!.raw));
    assert.equal(second!.headers['x-pj-signature'], hmacHex('retry-secret', second!.raw));
    const log = await waitFor(
      async () => {
        const { deliveries } = await sim.control('GET', '/deliveries');
        return deliveries.length === 2 ? deliveries : undefined;
      },
      5000,
      'the second delivery logged',
    );
    assert.deepEqual(
      log.map((d: { attempt: number; status: number }) => [d.attempt, d.status]),
      [
        [1, 500],
        [2, 200],
      ],
    );
    assert.equal(log[0].eventId, first!.body.id);
    assert.deepEqual(
      asked.mock.calls.map((c) => c.arguments[0]),
      [30_000],
      'one retry, 30 s of PayJunction time after the 500; none after the 2xx',
    );
  });

  it('retries a delivery the receiver did not answer within the (scaled) response timeout', async () => {
    const hook = await receiver();
    hook.respond = async (_d, index) => {
      if (index === 0) await sleep(900);
      return 204;
    };
    await subscribe(hook.url, 'TRANSACTION');
    await charge();
    await waitFor(() => hook.received.length >= 2, 4000, 'the retry');
    assert.equal(hook.received[0]!.body.id, hook.received[1]!.body.id);
    const log = (await sim.control('GET', '/deliveries')).deliveries;
    assert.equal(log[0].error, 'response timeout');
    await waitFor(async () =>
      (await sim.control('GET', '/deliveries')).deliveries.some((d: { status?: number }) => d.status === 204),
    );
  });

  it('fault: duplicate sends every event twice with the same id', async () => {
    const hook = await receiver();
    await subscribe(hook.url, 'TRANSACTION');
    await sim.control('POST', '/webhooks/faults', { duplicate: true });
    await charge();
    await waitFor(() => hook.received.length === 2);
    assert.equal(hook.received[0]!.body.id, hook.received[1]!.body.id);
  });

  it("fault: shuffle delivers a request's events out of order (newest first)", async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', '/webhooks/faults', { shuffle: true });
    await requestPayment(FRONT);
    await waitFor(() => hook.received.length === 4, 3000, 'four events');
    assert.deepEqual(statuses(hook.received), ['COMPLETE', 'IN_PROGRESS', 'IN_PROGRESS', 'CONNECTING']);
  });

  it('fault: drop by status, the next N, or all', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    await sim.control('POST', '/webhooks/faults', { drop: ['IN_PROGRESS'] });
    const a = await requestPayment(FRONT);
    await waitForStatus(a, 'COMPLETE');
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    assert.deepEqual(statuses(hook.received), ['CONNECTING', 'COMPLETE']);
    const log = (await sim.control('GET', '/deliveries')).deliveries;
    assert.equal(log.filter((d: { error?: string }) => d.error?.includes('dropped')).length, 2);

    hook.received.length = 0;
    await sim.control('POST', '/webhooks/faults', { drop: 1 });
    await waitForStatus(await requestPayment(FRONT), 'COMPLETE');
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    assert.deepEqual(statuses(hook.received), ['IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE']);

    hook.received.length = 0;
    await sim.control('POST', '/webhooks/faults', { drop: 'all' });
    await waitForStatus(await requestPayment(FRONT), 'COMPLETE');
    await sleep(50);
    assert.equal(hook.received.length, 0);
  });

  it('fault: delayMs holds every delivery back (real milliseconds)', async (t) => {
    const hook = await receiver();
    // Which real-time timers the dispatcher sets, and how much had arrived when each one fired.
    const clock = sim.simulator.state.clock;
    const afterReal = clock.afterReal.bind(clock);
    const fired: { ms: number; receivedBefore: number }[] = [];
    t.mock.method(clock, 'afterReal', (ms: number, fn: () => void) =>
      afterReal(ms, () => {
        fired.push({ ms, receivedBefore: hook.received.length });
        fn();
      }),
    );
    await subscribe(hook.url, 'TRANSACTION');
    await sim.control('POST', '/webhooks/faults', { delayMs: 300 });
    await charge();
    await waitFor(() => hook.received.length === 1, 5000);
    assert.deepEqual(
      fired.filter((f) => f.ms === 300),
      [{ ms: 300, receivedBefore: 0 }],
      'the delivery waited for a 300 ms timer, and nothing arrived before it fired',
    );
  });
});
