/**
 * The Pacer with a shared TurnSource (server-stub/payjunction/pace.ts), on virtual time: each turn is
 * reserved from the source first and starts when the source says, the slot goes to whoever is first
 * when it comes (a payment before a lookup), and a source that fails leaves the process its own pace.
 * The Redis source itself is tested against a real redis-server in redis-pace.test.ts.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer, type TurnSource } from '../../server-stub/payjunction/index.js';
import { virtualClock } from './support/pj-client.js';

/** A source the test answers by hand: each reservation waits until the test says how long its slot is off. */
function manualTurns() {
  const asked: ((waitMs: number | Error) => void)[] = [];
  const turns: TurnSource = {
    reserve: () =>
      new Promise<number>((resolve, reject) => asked.push((w) => (w instanceof Error ? reject(w) : resolve(w)))),
  };
  return { turns, asked };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('Pacer with a shared TurnSource', () => {
  it('without a pace (0 ms) grants every turn at once and reserves nothing', async () => {
    // On the real clock a 0 ms slot was stale the moment it landed, so the pacer reserved again, forever.
    let asked = 0;
    const turns: TurnSource = { reserve: () => new Promise((r) => setImmediate(() => r(++asked && 0))) };
    const pacer = new Pacer(0, undefined, { turns });
    let granted = 0;
    const all = Promise.all([1, 2, 3].map(() => pacer.acquire().then(() => (granted += 1))));
    for (let i = 0; i < 20 && granted < 3; i++) await tick();
    assert.equal(granted, 3, 'every caller started');
    assert.ok(asked <= 3, `the source was asked ${asked} times for 3 turns`);
    await all;
  });

  it('each turn starts when the source says, one reservation at a time', async () => {
    const clock = virtualClock();
    const { turns, asked } = manualTurns();
    const pacer = new Pacer(100, clock, { turns });
    const started: [string, number][] = [];
    const a = pacer.acquire().then(() => started.push(['a', clock.now()]));
    const b = pacer.acquire().then(() => started.push(['b', clock.now()]));
    await tick();
    assert.equal(asked.length, 1, 'one reservation in flight, not one per caller');
    asked[0]!(250); // another process holds the next 250 ms
    await a;
    await tick();
    assert.equal(asked.length, 2, 'the next turn is reserved once the first is granted');
    asked[1]!(100);
    await b;
    assert.deepEqual(started, [
      ['a', 250],
      ['b', 350],
    ]);
  });

  it('a payment that arrives while a turn is reserved takes it before a waiting lookup', async () => {
    const clock = virtualClock();
    const { turns, asked } = manualTurns();
    const pacer = new Pacer(100, clock, { turns });
    const order: string[] = [];
    const lookup = pacer.acquire(undefined, 'low').then(() => order.push('lookup'));
    await tick();
    const payment = pacer.acquire(undefined, 'high').then(() => order.push('payment'));
    asked[0]!(0);
    await payment;
    await tick();
    asked[1]!(0);
    await lookup;
    assert.deepEqual(order, ['payment', 'lookup']);
  });

  it('a source that fails leaves the local pace: every caller still gets a turn, an interval apart', async () => {
    const clock = virtualClock();
    const turns: TurnSource = { reserve: () => Promise.reject(new Error('redis is down')) };
    const pacer = new Pacer(100, clock, { turns });
    const starts: number[] = [];
    await Promise.all([0, 1, 2].map(() => pacer.acquire().then(() => starts.push(clock.now()))));
    assert.deepEqual(starts, [0, 100, 200]);
  });
});
