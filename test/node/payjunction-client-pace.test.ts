/**
 * The PayJunction client's pace, on the pacer's own clock (virtual time): when each call was let
 * through, not how long the machine took, which a loaded machine stretches. Calls go to the real
 * simulator over real HTTP.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer, PayJunctionError } from '../../server-stub/payjunction/index.js';
import {
  FROZEN_CLOCK,
  client,
  flush,
  settledNow,
  simCalls,
  steppedClock,
  useSimulator,
  virtualClock,
} from './support/pj-client.js';

useSimulator();

/** Transaction ids the simulator does not know: lookups that reach it and end as 404s. */
const LOOKUP = 900_000;
const IDS = [0, 1, 2, 3, 4, 5].map((i) => LOOKUP + i);

/** The transaction id a call asked for (the last path segment). */
function idOf(input: Parameters<typeof fetch>[0]): string {
  return new URL(String(input)).pathname.split('/').pop()!;
}

describe('PayJunctionClient pace', () => {
  it('starts the calls of one client minIntervalMs apart on its clock, in call order', async () => {
    const clock = virtualClock();
    const starts: { at: number; id: string }[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      starts.push({ at: clock.now(), id: idOf(input) });
      return fetch(input, init);
    };
    const pj = client({ pacer: new Pacer(100, clock), fetch: recordingFetch });
    // Unknown ids: each answer is a 404, which is not retried, so one call is one attempt.
    await Promise.allSettled(IDS.map((id) => pj.getTransaction(id)));
    assert.deepEqual(
      starts.map((s) => s.at),
      [0, 100, 200, 300, 400, 500],
      'the first call at once, each next one a full interval after the previous start',
    );
    assert.deepEqual(
      starts.map((s) => s.id),
      IDS.map(String),
      'FIFO',
    );
    const arrived = (await simCalls()).map((c) => [c.status, c.path.split('/').pop()]);
    assert.deepEqual(
      arrived.sort(([, x], [, y]) => Number(x) - Number(y)),
      IDS.map((id) => [404, String(id)]),
      'each paced call reached the simulator once',
    );
  });

  it('shares one pacer between clients of the same integration', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(100, clock);
    const starts: string[] = [];
    const recording =
      (name: string): typeof fetch =>
      (input, init) => {
        starts.push(`${name}@${clock.now()}`);
        return fetch(input, init);
      };
    const a = client({ pacer, fetch: recording('a') });
    const b = client({ pacer, fetch: recording('b') });
    await Promise.all([a.listTerminals(), b.listTerminals(), a.listTerminals(), b.listTerminals()]);
    assert.deepEqual(starts, ['a@0', 'b@100', 'a@200', 'b@300'], 'one queue for both clients');
  });

  it('an aborted wait gives its turn away and rejects with the abort reason', async () => {
    const clock = virtualClock();
    const pacer = new Pacer(200, clock);
    await pacer.acquire();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    const next = pacer.acquire();
    controller.abort(new Error('gave up'));
    await assert.rejects(waiting, /gave up/);
    await next;
    assert.equal(clock.now(), 200, "the next caller had the aborted one's turn (200), not the one after it (400)");
    assert.equal(pacer.waiting, 0);
  });

  it('grants a high-priority call (what a payment needs) its turn before the low-priority reads already waiting', async () => {
    const clock = steppedClock();
    const started: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const path = new URL(String(input)).pathname;
      started.push(path.startsWith('/transactions/') ? `low ${Number(idOf(input)) - LOOKUP}` : `high ${path}`);
      return fetch(input, init);
    };
    const pj = client({ pacer: new Pacer(100, clock), fetch: recordingFetch });
    // Pages' lookups are low; 20 of them queue (unknown ids: each ends as a 404, caught here).
    const lows = Array.from({ length: 20 }, (_, i) =>
      pj.getTransaction(LOOKUP + i, { priority: 'low' }).catch((err: unknown) => err),
    );
    await flush();
    clock.advance();
    await flush();
    assert.deepEqual(started, ['low 0', 'low 1'], 'two lows have had their turn');
    assert.equal(pj.pacer.waitingLow, 18);
    // The merchant accounts a payment start reads: high by default.
    const high = pj.listTerminals();
    while (clock.advance()) await flush();
    assert.deepEqual(
      started,
      ['low 0', 'low 1', 'high /terminals', ...Array.from({ length: 18 }, (_, i) => `low ${i + 2}`)],
      'the high call had the next turn; the lows kept their order after it',
    );
    await Promise.all([...lows, high]);
  });

  it('refuses a low-priority call at once (rate_limited, not sent) when maxLowWaiting are waiting; high calls still queue', async () => {
    const pacer = new Pacer(100, FROZEN_CLOCK, { maxLowWaiting: 3 });
    const started: string[] = [];
    const pj = client({
      pacer,
      fetch: (input, init) => (started.push(new URL(String(input)).pathname), fetch(input, init)),
    });
    const controller = new AbortController();
    const first = pj.listTerminals(); // the one turn a frozen clock gives
    const waiting = [1, 2, 3].map((i) => pj.getTransaction(LOOKUP + i, { priority: 'low', signal: controller.signal }));
    const refused = await settledNow(pj.getTransaction(7, { priority: 'low', signal: controller.signal }));
    assert.ok(refused instanceof PayJunctionError, `refused at once, got ${String(refused)}`);
    assert.equal(refused.kind, 'rate_limited');
    assert.equal(refused.notSent, true);
    assert.ok(refused.retryAfterMs! >= 1000, 'tells the page when to come back');
    // The relay finishing a payment: getTransaction without options is high, and waits rather than failing.
    const high = pj.getTransaction(8, { signal: controller.signal });
    assert.equal(await settledNow(high), 'pending');
    assert.equal(pacer.waiting, 4);
    await first;
    assert.deepEqual(started, ['/terminals'], 'the refused call never reached PayJunction');
    controller.abort();
    for (const call of [...waiting, high]) await assert.rejects(call, { name: 'AbortError' });
    assert.equal(pacer.waiting, 0);
  });
});
