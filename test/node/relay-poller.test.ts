/**
 * The relay's poller on virtual time: when it asks PayJunction for a request's status, how many
 * pollers a request has, and who takes over when the poller's process goes. node:test's mock timers
 * replace setTimeout and Date (the relay's clock and its store's), so every figure below is a time
 * on that clock: a loaded machine cannot stretch or squeeze it. PayJunction is a stand-in that
 * records when it was asked; the end-to-end behaviour against the simulator is in relay-webhooks
 * and multi-process.
 */
import { describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Relay } from '../../server-stub/relay/relay.js';
import type { RelayUpstream } from '../../server-stub/relay/relay.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { createLogger } from '../../server-stub/log.js';
import type { PjSmartTerminalRequestState } from '../../src/protocol/wire.js';

const START = Date.parse('2030-01-15T12:00:00.000Z');
const TIMINGS = { pollInitialDelayMs: 2_000, pollIntervalMs: 600, requestTimeoutMs: 600_000 };

/** The PayJunction a relay talks to: one live request, and a log of when each relay polled it. */
class FakePayJunction {
  status: PjSmartTerminalRequestState = { status: 'IN_PROGRESS' };
  readonly polls: { by: string; at: number }[] = [];

  /** What one relay process sees (its polls are logged under `name`). */
  upstream(name: string): RelayUpstream {
    const unused = () => Promise.reject(new Error('not used by this test'));
    return {
      listTerminals: async () => ({ results: [{ terminalId: 1, type: 'CARD', enabled: true }] }) as never,
      requestPayment: async () => ({ requestPaymentId: 'pj-request-1' }),
      requestSignature: unused,
      requestPrompt: unused,
      requestInput: unused,
      returnToMain: async () => {},
      getRequest: async () => {
        this.polls.push({ by: name, at: Date.now() - START });
        return { ...this.status };
      },
      getTransaction: unused,
      listSmartTerminals: unused,
      createSchedule: unused,
      listWebhooks: unused,
      createWebhook: unused,
      updateWebhook: unused,
      listPublishableKeys: unused,
      createPublishableKey: unused,
      createCustomer: unused,
      createCustomerVault: unused,
    };
  }

  pollTimes(by: string): number[] {
    return this.polls.filter((p) => p.by === by).map((p) => p.at);
  }
}

/** Turns on virtual time; `advance` moves it 1 ms at a time and lets the relay's async work finish at each step. */
function virtualTime(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: START });
  const settle = async () => {
    // setImmediate is real: each turn runs every promise continuation queued before it.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return {
    now: () => Date.now() - START,
    settle,
    async advance(ms: number) {
      for (let i = 0; i < ms; i++) {
        t.mock.timers.tick(1);
        await settle();
      }
    },
  };
}

function relayOn(store: MemoryStore, upstream: RelayUpstream, delivery: 'polling' | 'webhooks' = 'polling'): Relay {
  return new Relay({
    upstream,
    store,
    delivery,
    // Webhook mode: a request with no news by webhook is polled after 1 s; after news, only after 60 s of quiet.
    timings: { ...TIMINGS, webhookFirstMs: 1_000, webhookSilenceMs: 60_000 },
    logger: createLogger({ level: 'silent' }),
  });
}

async function startPayment(relay: Relay): Promise<string> {
  const snapshot = await relay.start({
    kind: 'payment',
    smartTerminalId: 'st-1',
    payment: { smartTerminalId: 'st-1', amountBase: '1.00' },
  });
  return snapshot.requestId;
}

describe('the relay poller (virtual time)', () => {
  it('polls first after pollInitialDelayMs, then pollIntervalMs after each answer; five viewers share the one poller', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction();
    const store = new MemoryStore({ now: () => Date.now() });
    const relay = relayOn(store, pj.upstream('relay'));
    t.after(() => relay.close());
    const requestId = await startPayment(relay);
    const startedAt = clock.now();
    const viewers = Array.from({ length: 5 }, () => relay.subscribe(requestId, () => {}));
    await clock.advance(5_000);
    assert.equal(relay.supervisedCount, 1);
    // 2000 ms after the start, then every 600 ms: above PayJunction's limit of one poll per 500 ms.
    assert.deepEqual(
      pj.pollTimes('relay').map((at) => at - startedAt),
      [2_000, 2_600, 3_200, 3_800, 4_400, 5_000],
    );
    for (const off of viewers) off();
  });

  it('two processes on one store: one poller; the other stays quiet until the first goes, then takes over at the same pace', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction();
    const store = new MemoryStore({ now: () => Date.now() });
    const c = relayOn(store, pj.upstream('C'));
    const d = relayOn(store, pj.upstream('D'));
    t.after(() => Promise.all([c.close(), d.close()]));
    const requestId = await startPayment(c);
    // D has a viewer too, so it runs a supervisor of its own, which must find C holding the lease.
    d.subscribe(requestId, () => {});
    await clock.advance(4_000);
    assert.equal(c.supervisedCount, 1);
    assert.equal(d.supervisedCount, 1);
    assert.ok(pj.pollTimes('C').length >= 3, `C polled ${pj.pollTimes('C').length} times`);
    assert.deepEqual(pj.pollTimes('D'), [], 'D never polled while C held the lease');

    await c.close();
    const closedAt = clock.now();
    const lastOfC = pj.pollTimes('C').at(-1)!;
    await clock.advance(10_000);
    assert.ok(
      pj.pollTimes('C').every((at) => at <= closedAt),
      'C stopped polling when it closed',
    );
    const byD = pj.pollTimes('D');
    assert.ok(byD.length >= 3, `D took over (${byD.length} polls)`);
    assert.ok(byD[0]! > lastOfC, 'after C');
    const gaps = byD.slice(1).map((at, i) => at - byD[i]!);
    assert.deepEqual(
      gaps,
      gaps.map(() => TIMINGS.pollIntervalMs),
      'D polls at the same pace',
    );
  });

  it('stops polling at the end state', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction();
    const store = new MemoryStore({ now: () => Date.now() });
    const relay = relayOn(store, pj.upstream('relay'));
    t.after(() => relay.close());
    const requestId = await startPayment(relay);
    await clock.advance(2_000);
    assert.equal(pj.pollTimes('relay').length, 1);
    pj.status = { status: 'COMPLETE' };
    await clock.advance(600);
    const polls = pj.pollTimes('relay').length;
    assert.equal((await relay.getSnapshot(requestId))?.outcome, 'cancelled');
    await clock.advance(60_000);
    assert.equal(relay.supervisedCount, 0, 'no supervisor left');
    assert.ok(pj.pollTimes('relay').length <= polls + 1, 'at most a last look after the end');
  });
});

describe('the relay poller when webhooks are late (virtual time)', () => {
  const webhook = (relay: Relay, requestId: string, status: string, transactionId?: number) =>
    relay.applyStatus({ requestId, status, ...(transactionId === undefined ? {} : { transactionId }) }, 'webhook');

  it('a request with no news by webhook is polled webhookFirstMs after it started, and the poll sets its stage', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction(); // the customer is at the terminal: IN_PROGRESS
    const relay = relayOn(new MemoryStore({ now: () => Date.now() }), pj.upstream('relay'), 'webhooks');
    t.after(() => relay.close());
    const requestId = await startPayment(relay);
    const startedAt = clock.now();
    const seen: string[] = [];
    const off = relay.subscribe(requestId, (s) => seen.push(`${s.status}@${clock.now() - startedAt}`));
    await clock.advance(999);
    assert.deepEqual(pj.pollTimes('relay'), [], 'not before webhookFirstMs');
    await clock.advance(1);
    assert.deepEqual(
      pj.pollTimes('relay').map((at) => at - startedAt),
      [1_000],
    );
    // Published to the page the moment the poll answered, as a webhook would have been.
    assert.ok(seen.includes('IN_PROGRESS@1000'), `snapshots seen: ${seen.join(', ')}`);
    assert.equal((await relay.getSnapshot(requestId))?.status, 'IN_PROGRESS');
    off();
  });

  it('late webhooks (repeating what a poll found) do not hold the poller back; one with news does', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction();
    const relay = relayOn(new MemoryStore({ now: () => Date.now() }), pj.upstream('relay'), 'webhooks');
    t.after(() => relay.close());
    const requestId = await startPayment(relay);
    const startedAt = clock.now();
    await clock.advance(1_300);
    // PayJunction's CONNECTING and IN_PROGRESS reports arrive after the poll found IN_PROGRESS.
    await webhook(relay, requestId, 'CONNECTING');
    await webhook(relay, requestId, 'IN_PROGRESS');
    await clock.advance(1_600);
    assert.deepEqual(
      pj.pollTimes('relay').map((at) => at - startedAt),
      [1_000, 1_600, 2_200, 2_800],
      'the poller kept its pace',
    );
    // A webhook that tells the relay something new: webhooks are on time again, the poller waits.
    await webhook(relay, requestId, 'IN_PROGRESS', 10_001);
    const polls = pj.pollTimes('relay').length;
    await clock.advance(5_000);
    assert.equal(pj.pollTimes('relay').length, polls, 'no poll while webhooks bring news');
    assert.equal((await relay.getSnapshot(requestId))?.transactionId, 10_001);
  });

  it('a timely first webhook (CONNECTING) means no poll before webhookSilenceMs', async (t) => {
    const clock = virtualTime(t);
    const pj = new FakePayJunction();
    const relay = relayOn(new MemoryStore({ now: () => Date.now() }), pj.upstream('relay'), 'webhooks');
    t.after(() => relay.close());
    const requestId = await startPayment(relay);
    await clock.advance(100);
    await webhook(relay, requestId, 'CONNECTING');
    await clock.advance(10_000);
    assert.deepEqual(pj.pollTimes('relay'), []);
  });
});
