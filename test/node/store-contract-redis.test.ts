/**
 * What only RedisStore does, against a real redis-server: a TTL on every key, catching up after its
 * subscriber connection drops, giving up on an unreachable Redis, and closing cleanly.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { RedisStore } from '../../server-stub/relay/redis-store.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { bump, record, until } from './support/store.js';

describe('RedisStore specifics', () => {
  let srv: RedisServer;
  before(async () => {
    srv = await startRedisServer();
  });
  after(() => srv.stop());

  test('every key it writes carries a TTL', async () => {
    const store = await RedisStore.connect(srv.url, { keyPrefix: 'ttl:' });
    const probe = await RedisStore.connect(srv.url, { keyPrefix: 'ttl:' });
    try {
      const r = record();
      await store.createRequest(r, 60_000);
      await store.updateRequest(r.snapshot.requestId, bump, 60_000);
      await store.updateValue('attempt:k', () => ({ state: 'pending' }), 60_000);
      await store.updateValue('attempt:k2', () => ({ state: 'done' }), 60_000);
      await store.markEventSeen('e', 60_000);
      await store.addOwned('transaction', 1, 60_000);
      await store.acquireLease('l', 'o', 60_000);
      await store.acquireLease('l', 'o', 60_000);
      await store.hit('h', 60_000);
      await store.hit('h', 60_000);
      await store.appendCapped('list', 1, 5, 60_000);
      const { createClient } = await import('redis');
      const raw = createClient({ url: srv.url });
      await raw.connect();
      try {
        const keys = await raw.keys('ttl:*');
        assert.equal(keys.length, 8, keys.join(', '));
        for (const key of keys) {
          const pttl = await raw.pTTL(key);
          assert.ok(pttl > 0 && pttl <= 60_000, `${key} has TTL ${pttl}`);
        }
      } finally {
        await raw.close();
      }
    } finally {
      await Promise.all([store.close(), probe.close()]);
    }
  });

  test('after its subscriber connection drops and comes back, listeners catch up on what they missed', async () => {
    const watcher = await RedisStore.connect(srv.url, { keyPrefix: 'resync:' });
    const writer = await RedisStore.connect(srv.url, { keyPrefix: 'resync:' });
    const { createClient } = await import('redis');
    const admin = createClient({ url: srv.url });
    await admin.connect();
    try {
      const r = record();
      await writer.createRequest(r, 60_000);
      const seen: number[] = [];
      watcher.subscribe(r.snapshot.requestId, (s) => seen.push(s.version));
      // In one transaction: drop every subscriber connection, and change the request without
      // publishing it. The watcher reconnects after both, so only its resync can tell it of version 2.
      await admin
        .multi()
        .sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub'])
        .set(`resync:req:${r.snapshot.requestId}`, JSON.stringify(bump(r)), {
          expiration: { type: 'PX', value: 60_000 },
        })
        .exec();
      await until(() => seen.includes(2), 'the listener to see version 2 after the reconnect', 5_000);
    } finally {
      await admin.close();
      await Promise.all([watcher.close(), writer.close()]);
    }
  });

  test('connect gives up after connectAttempts with a clear message when Redis is unreachable', async () => {
    // A peer that takes each connection and drops it at once. Counting the connections shows that
    // connect() gives up (at most connectAttempts per connection, and it has two) instead of retrying
    // forever, without timing how long that took; past that count it is a failure, not a hang.
    let connections = 0;
    let keptRetrying!: () => void;
    const tooMany = new Promise<string>((resolve) => (keptRetrying = () => resolve('kept retrying')));
    const peer = net.createServer((socket) => {
      if (++connections > 4) keptRetrying();
      socket.destroy();
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const url = `redis://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    try {
      const outcome = await Promise.race([
        RedisStore.connect(url, { connectAttempts: 2 }).then(
          () => 'connected',
          (err: Error) => err,
        ),
        tooMany,
      ]);
      assert.ok(outcome instanceof Error, String(outcome));
      assert.ok(outcome.message.startsWith(`Cannot connect to Redis at ${url}`), outcome.message);
      assert.ok(connections >= 2 && connections <= 4, `${connections} connections`);
    } finally {
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    }
    // A refused port reads the same.
    await assert.rejects(
      RedisStore.connect('redis://127.0.0.1:1', { connectAttempts: 2 }),
      /Cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/,
    );
  });

  test('close leaves nothing behind and can be called twice', async () => {
    const store = await RedisStore.connect(srv.url);
    store.subscribe('x', () => {});
    await store.close();
    await store.close();
  });
});
