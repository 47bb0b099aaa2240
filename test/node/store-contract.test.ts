/**
 * The RelayStore contract: one set of test bodies run against MemoryStore and RedisStore, so the
 * relay above cannot tell which one it has. Each test gets two handles, `a` and `b`: for Memory the
 * same store twice, for Redis two separate connections (as two relay processes would have), with a
 * fresh key prefix per test. What only RedisStore does is in store-contract-redis.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { RedisStore } from '../../server-stub/relay/redis-store.js';
import type { RelayStore, StoredRequest } from '../../server-stub/relay/store.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { bump, record, sleep, sleepUntil, until } from './support/store.js';

interface Pair {
  a: RelayStore;
  b: RelayStore;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  setup(): Promise<void>;
  open(): Promise<Pair>;
  teardown(): Promise<void>;
}

const memory: Backend = {
  name: 'MemoryStore',
  async setup() {},
  async open() {
    const store = new MemoryStore();
    return { a: store, b: store, close: () => store.close() };
  },
  async teardown() {},
};

let server: RedisServer | undefined;
let prefixes = 0;
const redis: Backend = {
  name: 'RedisStore',
  async setup() {
    server = await startRedisServer();
  },
  async open() {
    const keyPrefix = `contract${++prefixes}:`;
    const a = await RedisStore.connect(server!.url, { keyPrefix });
    const b = await RedisStore.connect(server!.url, { keyPrefix });
    return { a, b, close: async () => void (await Promise.all([a.close(), b.close()])) };
  },
  async teardown() {
    await server?.stop();
  },
};

for (const backend of [memory, redis]) {
  describe(`RelayStore contract: ${backend.name}`, () => {
    let pair: Pair;
    let a: RelayStore;
    let b: RelayStore;
    before(() => backend.setup());
    after(() => backend.teardown());

    // Each test opens its own pair (and prefix) so no state leaks between tests.
    async function fresh(): Promise<void> {
      pair = await backend.open();
      ({ a, b } = pair);
    }
    const done = () => pair.close();

    test('create, get and update a request; the TTL expires it and each write renews it', async (t) => {
      await fresh();
      t.after(done);
      const r = record();
      const id = r.snapshot.requestId;
      assert.equal(await a.getRequest(id), undefined);
      const createdAt = Date.now();
      assert.equal(await a.createRequest(r, 1_000), true);
      // The very next round trip renews it for a minute.
      const result = await b.updateRequest(id, (current) => ({ ...current, lastWebhookAt: 42 }), 60_000);
      assert.deepEqual(result, { record: { ...r, lastWebhookAt: 42 }, changed: true });
      const renewed = { ...r, lastWebhookAt: 42 };
      assert.deepEqual(await b.getRequest(id), renewed);
      assert.equal(await b.createRequest(record(id), 60_000), false, 'an existing id is not overwritten');
      assert.deepEqual(await a.getRequest(id), renewed);

      await sleepUntil(createdAt + 1_200); // past the create TTL, however slow the machine
      assert.equal((await a.getRequest(id))?.lastWebhookAt, 42, 'the update renewed the TTL');
      // A write with a short TTL: the request expires.
      await a.updateRequest(id, bump, 100);
      await until(async () => (await b.getRequest(id)) === undefined, 'the request to expire');
      assert.equal(await a.updateRequest(id, bump, 1_000), undefined, 'updating a missing request does nothing');
      assert.equal(await a.getRequest(id), undefined);
    });

    test('an update that returns undefined changes nothing', async (t) => {
      await fresh();
      t.after(done);
      const r = record();
      await a.createRequest(r, 10_000);
      let seen: StoredRequest | undefined;
      const result = await b.updateRequest(
        r.snapshot.requestId,
        (current) => {
          seen = current;
          return undefined;
        },
        10_000,
      );
      assert.deepEqual(seen, r, 'the update function sees the stored record');
      assert.deepEqual(result, { record: r, changed: false });
      assert.deepEqual(await a.getRequest(r.snapshot.requestId), r);
    });

    test('the record handed out is a copy: mutating it does not change the store', async (t) => {
      await fresh();
      t.after(done);
      const r = record();
      await a.createRequest(r, 10_000);
      const got = (await a.getRequest(r.snapshot.requestId))!;
      got.snapshot.status = 'COMPLETE';
      await a.updateRequest(
        r.snapshot.requestId,
        (current) => {
          current.lastProgressAt = -1; // mutate, then say "no change"
          return undefined;
        },
        10_000,
      );
      assert.deepEqual(await b.getRequest(r.snapshot.requestId), r);
    });

    test('50 concurrent read-modify-writes from two connections lose nothing', async (t) => {
      await fresh();
      t.after(done);
      const r = record();
      await a.createRequest(r, 10_000);
      const id = r.snapshot.requestId;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).updateRequest(id, bump, 10_000)),
      );
      assert.ok(results.every((x) => x?.changed === true));
      const final = await a.getRequest(id);
      assert.equal(final?.lastWebhookAt, 50);
      assert.equal(final?.snapshot.version, 51);
      // Every writer saw a distinct predecessor: the 50 results name 50 distinct counts.
      assert.equal(new Set(results.map((x) => x?.record.lastWebhookAt)).size, 50);
    });

    test('updateValue: atomic read-modify-write of small values across connections, delete with null, TTL', async (t) => {
      await fresh();
      t.after(done);
      assert.deepEqual(
        await a.updateValue<number>('v1', (n: number | undefined) => (n === undefined ? 1 : undefined), 10_000),
        { value: 1, changed: true },
      );
      assert.deepEqual(
        await b.updateValue<number>('v1', (n: number | undefined) => (n === undefined ? 99 : undefined), 10_000),
        { value: 1, changed: false },
      );
      assert.equal(await b.getValue<number>('v1'), 1);
      // 40 increments racing over two connections: none is lost.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).updateValue<number>('counter', (n: number = 0) => n + 1, 10_000),
        ),
      );
      assert.equal(await a.getValue<number>('counter'), 40);
      // A claim that only the first caller may take: exactly one wins.
      const wins = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).updateValue<string>(
            'claim',
            (cur: string | undefined) => (cur === undefined ? `owner-${i}` : undefined),
            10_000,
          ),
        ),
      );
      assert.equal(wins.filter((w: { changed: boolean }) => w.changed).length, 1);
      assert.deepEqual(await a.updateValue<string>('claim', () => null, 10_000), { value: undefined, changed: true });
      assert.equal(await b.getValue('claim'), undefined);
      // The value is a copy: mutating it changes nothing stored.
      await a.updateValue<{ n: number }>('obj', () => ({ n: 1 }), 10_000);
      const copy = (await a.getValue<{ n: number }>('obj'))!;
      copy.n = 2;
      assert.equal((await b.getValue<{ n: number }>('obj'))!.n, 1);
      await a.updateValue<number>('short', () => 1, 100);
      await sleep(250);
      assert.equal(await b.getValue('short'), undefined);
    });

    test('appendCapped: a list kept to its last items across connections, what falls out returned, TTL', async (t) => {
      await fresh();
      t.after(done);
      assert.deepEqual(await a.getList('l'), []);
      assert.deepEqual(await a.appendCapped('l', { n: 1 }, 2, 10_000), []);
      assert.deepEqual(await b.appendCapped('l', { n: 2 }, 2, 10_000), []);
      assert.deepEqual(await a.appendCapped('l', { n: 3 }, 2, 10_000), [{ n: 1 }]);
      assert.deepEqual(await b.getList('l'), [{ n: 2 }, { n: 3 }]);
      // 30 appends racing over two connections into a list of 10: each item either kept or handed back once.
      const out = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).appendCapped<number>('race', i, 10, 10_000)),
      );
      const kept = await a.getList<number>('race');
      assert.equal(kept.length, 10);
      assert.deepEqual(
        [...out.flat(), ...kept].sort((x, y) => x - y),
        Array.from({ length: 30 }, (_, i) => i),
      );
      // Each append renews the TTL of the whole list, older items included; then it expires.
      const firstAt = Date.now();
      await a.appendCapped('renewed', 1, 5, 2_000);
      await b.appendCapped('renewed', 2, 5, 60_000);
      await sleepUntil(firstAt + 2_300);
      assert.deepEqual(await a.getList('renewed'), [1, 2]);
      await a.appendCapped('short', 1, 5, 100);
      await until(async () => (await b.getList('short')).length === 0, 'the short list to expire');
    });

    test('markEventSeen: true the first time, false for duplicates until the TTL passes', async (t) => {
      await fresh();
      t.after(done);
      const seenAt = Date.now();
      assert.equal(await a.markEventSeen('evt-1', 1_000), true);
      assert.equal(await b.markEventSeen('evt-1', 1_000), false);
      assert.equal(await a.markEventSeen('evt-1', 1_000), false);
      assert.equal(await b.markEventSeen('evt-2', 1_000), true);
      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).markEventSeen('evt-3', 10_000)),
      );
      assert.equal(racing.filter(Boolean).length, 1);
      await sleepUntil(seenAt + 1_200);
      assert.equal(await b.markEventSeen('evt-1', 1_000), true);
    });

    test('owned transactions and schedules, kept apart by kind, until the TTL passes', async (t) => {
      await fresh();
      t.after(done);
      assert.equal(await a.isOwned('transaction', 7), false);
      const addedAt = Date.now();
      await a.addOwned('transaction', 7, 1_000);
      assert.equal(await b.isOwned('transaction', 7), true);
      assert.equal(await b.isOwned('schedule', 7), false);
      assert.equal(await b.isOwned('transaction', 8), false);
      await b.addOwned('schedule', 7, 60_000);
      assert.equal(await a.isOwned('schedule', 7), true);
      await sleepUntil(addedAt + 1_200);
      assert.equal(await a.isOwned('transaction', 7), false);
      assert.equal(await a.isOwned('schedule', 7), true);
    });

    test('publish reaches every subscriber of that request (the publisher’s own included); unsubscribe stops it', async (t) => {
      await fresh();
      t.after(done);
      const id = randomUUID();
      const other = randomUUID();
      const onA: RequestSnapshot[] = [];
      const onB: RequestSnapshot[] = [];
      const onOther: RequestSnapshot[] = [];
      const onB2: RequestSnapshot[] = [];
      const offA = a.subscribe(id, (s) => onA.push(s));
      const offB = b.subscribe(id, (s) => onB.push(s));
      const offB2 = b.subscribe(id, (s) => onB2.push(s));
      const offOther = b.subscribe(other, (s) => onOther.push(s));

      const v1 = record(id).snapshot;
      await a.publish(v1);
      assert.deepEqual(onA, [v1], 'the publishing store delivers to its own listeners before publish resolves');
      await until(() => onB.length === 1 && onB2.length === 1, 'the other connection to receive v1');
      assert.deepEqual(onB, [v1]);
      onA[0]!.status = 'COMPLETE';
      assert.equal(onB2[0]!.status, 'CONNECTING', 'each listener gets its own copy');

      offA();
      offB();
      const v2 = { ...v1, version: 2 };
      await a.publish(v2);
      await b.publish({ ...v2, version: 3 });
      // onB2 is still subscribed: once it has both, anything for the others would have arrived too.
      await until(() => onB2.length === 3, 'the remaining subscriber to receive v2 and v3');
      // Order across two publishers is not promised (snapshot versions order them): compare as a set.
      assert.deepEqual(onB2.map((s) => s.version).sort(), [1, 2, 3]);
      assert.equal(onA.length, 1, 'unsubscribed on a');
      assert.equal(onB.length, 1, 'unsubscribed on b');
      assert.deepEqual(onOther, [], 'another request’s subscriber hears nothing');
      offB2();
      offOther();
    });

    test('leases: exclusive across owners, renewed and released only by the holder, free after expiry', async (t) => {
      await fresh();
      t.after(done);
      assert.equal(await a.acquireLease('supervisor:r1', 'p1', 1_000), true);
      assert.equal(await b.acquireLease('supervisor:r1', 'p2', 1_000), false);
      assert.equal(await a.acquireLease('supervisor:r1', 'p1', 1_000), true, 'the holder renews');
      const shortUntil = Date.now() + 1_000; // the latest a 1 s TTL set so far can run to
      await b.releaseLease('supervisor:r1', 'p2'); // not the holder: nothing happens
      assert.equal(await b.acquireLease('supervisor:r1', 'p2', 1_000), false);
      assert.equal(
        await b.acquireLease('supervisor:r1', 'p1', 60_000),
        true,
        'renewal from any connection, same owner',
      );
      await sleepUntil(shortUntil + 200); // past the 1 s TTLs: alive only because it was renewed for a minute
      assert.equal(await a.acquireLease('supervisor:r1', 'p2', 1_000), false);
      await a.releaseLease('supervisor:r1', 'p1');
      assert.equal(await b.acquireLease('supervisor:r1', 'p2', 500), true, 'free once released');

      assert.equal(await a.acquireLease('tx:r2', 'p1', 100), true);
      await sleep(200);
      assert.equal(await b.acquireLease('tx:r2', 'p2', 100), true, 'free once expired');

      const racing = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).acquireLease('race', `p${i}`, 10_000)),
      );
      assert.equal(racing.filter(Boolean).length, 1);
    });

    test('hit counts per key within a window, then starts again', async (t) => {
      await fresh();
      t.after(done);
      const windowFrom = Date.now();
      assert.equal(await a.hit('rl:post:1.2.3.4', 1_000), 1);
      assert.equal(await b.hit('rl:post:1.2.3.4', 1_000), 2);
      assert.equal(await a.hit('rl:post:1.2.3.4', 1_000), 3);
      assert.equal(await b.hit('rl:post:5.6.7.8', 1_000), 1);
      const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit('rl:burst', 10_000)));
      assert.deepEqual(
        [...counts].sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      await sleepUntil(windowFrom + 1_200);
      assert.equal(await b.hit('rl:post:1.2.3.4', 1_000), 1, 'a new window');
    });
  });
}
