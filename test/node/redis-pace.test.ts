/**
 * PayJunction's pace shared by several processes through one Redis (server-stub/relay/redis-pace.ts):
 * two Pacers, each on its own Redis connections as two relay processes would be, take turns from one
 * integration's key. What is asserted is what Redis granted (slot times on Redis's own clock) and the
 * order things happened in, never how long anything took.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { Pacer } from '../../server-stub/payjunction/pace.js';
import { paceKey, type GrantedSlot } from '../../server-stub/relay/redis-pace.js';
import { RedisStore } from '../../server-stub/relay/redis-store.js';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '../../server-stub/simulator/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { startPayment, startTestRelay } from '../helpers/relay.js';
import { isFinal, readSse } from '../helpers/sse.js';

const INTEGRATION = { login: 'pace-test', password: 'pace-test-password', appKey: 'pace-test-app-key' };
const INTERVAL_MS = 100;

let redis: RedisServer;
let stores: RedisStore[] = [];
let probe: ReturnType<typeof createClient>;
before(async () => {
  redis = await startRedisServer();
  probe = createClient({ url: redis.url });
  await probe.connect();
});
after(async () => {
  await Promise.allSettled(stores.map((s) => s.close()));
  await probe?.close();
  await redis?.stop();
});

/** Redis's clock, in µs: the clock the slots are written on. */
async function redisMicros(): Promise<number> {
  const [seconds, micros] = (await probe.time()) as unknown as [string, string];
  return Number(seconds) * 1_000_000 + Number(micros);
}

describe('two processes share one integration’s pace through Redis', () => {
  test('every slot granted is at least an interval after the one before, whichever process took it', async () => {
    stores = await Promise.all([RedisStore.connect(redis.url), RedisStore.connect(redis.url)]);
    const granted: (GrantedSlot & { by: string })[] = [];
    const pacers = stores.map(
      (store, i) =>
        new Pacer(INTERVAL_MS, undefined, {
          turns: store.paceTurns(INTEGRATION, (slot) => granted.push({ ...slot, by: `p${i}` })),
        }),
    );
    // Each caller notes Redis's clock once its turn came: after its slot began, never before.
    const started: { by: string; n: number; at: number }[] = [];
    const calls = pacers.flatMap((pacer, i) =>
      Array.from({ length: 6 }, async (_, n) => {
        await pacer.acquire();
        started.push({ by: `p${i}`, n, at: await redisMicros() });
      }),
    );
    await Promise.all(calls);

    assert.equal(granted.length, 12, 'one slot per turn');
    const slots = granted.map((g) => g.slotMicros).sort((a, b) => a - b);
    for (let i = 1; i < slots.length; i++) {
      assert.ok(
        slots[i]! - slots[i - 1]! >= INTERVAL_MS * 1000,
        `slot ${i} is ${slots[i]! - slots[i - 1]!} µs after the one before`,
      );
    }
    assert.ok(new Set(granted.slice(0, 4).map((g) => g.by)).size === 2, 'both processes took turns from the start');
    for (const by of ['p0', 'p1']) {
      const mine = granted.filter((g) => g.by === by).map((g) => g.slotMicros);
      assert.deepEqual(
        mine,
        [...mine].sort((a, b) => a - b),
        `${by}: its slots come in the order it asked`,
      );
      const order = started.filter((s) => s.by === by).map((s) => s.n);
      assert.deepEqual(order, [0, 1, 2, 3, 4, 5], `${by}: first come, first served`);
      // The k-th caller of a process starts no earlier than that process's k-th slot, on Redis's clock.
      started
        .filter((s) => s.by === by)
        .forEach((s, k) => assert.ok(s.at >= mine[k]!, `${by} caller ${k} started before its slot`));
    }
    // What Redis keeps is the last slot granted, under the integration's key.
    assert.equal(Number(await probe.get(paceKey('pj:', INTEGRATION))), slots.at(-1));
  });

  test('the key names the integration by a digest: no secret in it, and another integration keeps its own pace', () => {
    const key = paceKey('pj:', INTEGRATION);
    assert.match(key, /^pj:pace:[0-9a-f]{32}$/);
    for (const secret of Object.values(INTEGRATION)) assert.ok(!key.includes(secret));
    assert.notEqual(paceKey('pj:', { ...INTEGRATION, appKey: 'another-app' }), key);
    assert.equal(paceKey('pj:', { login: INTEGRATION.login, appKey: INTEGRATION.appKey }), key, 'no password in it');
  });

  test('when Redis cannot be asked, the process keeps its own pace: every caller still gets a turn', async () => {
    const gone = await RedisStore.connect(redis.url);
    const turns = gone.paceTurns({ login: 'closed', appKey: 'closed' });
    await gone.close();
    const pacer = new Pacer(5, undefined, { turns });
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((n) => pacer.acquire().then(() => order.push(n))));
    assert.deepEqual(order, [0, 1, 2]);
  });
});

test('a relay on Redis reserves its PayJunction turns there, under its integration’s key', async () => {
  const t = await startTestRelay({ redisUrl: redis.url });
  try {
    const key = paceKey('pj:', DEFAULT_SIMULATOR_CREDENTIALS);
    await probe.del(key);
    const before = await redisMicros();
    const res = await startPayment(t, {});
    assert.equal(res.status, 202);
    await readSse(`${t.api}/requests/${res.json.requestId}/events`, { until: isFinal, timeoutMs: 15_000 });
    const last = Number(await probe.get(key));
    assert.ok(last >= before, 'the relay’s calls took slots from Redis after the test began');
  } finally {
    await t.close();
  }
});
