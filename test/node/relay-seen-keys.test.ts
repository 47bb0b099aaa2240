/**
 * SeenKeys (server-stub/relay/seen-keys.ts), the memory store's record of webhook deliveries: a key
 * is never forgotten before its TTL (a repeat PayJunction sends inside it is refused) and always
 * forgotten by an eighth past it, whatever the order of keys, TTLs and time; against a plain model on
 * a clock the test drives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SeenKeys } from '../../server-stub/relay/seen-keys.js';

const step = fc.record({
  advanceMs: fc.integer({ min: 0, max: 400 }),
  key: fc.constantFrom('a', 'b', 'c', 'd'),
  ttlMs: fc.constantFrom(100, 1_000, 2_000),
});

test('never forgets a key before its TTL, always by an eighth after it', () => {
  fc.assert(
    fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
      let now = 0;
      const seen = new SeenKeys(() => now);
      const firstSeen = new Map<string, { at: number; ttlMs: number }>(); // the model: when a key was taken
      for (const { advanceMs, key, ttlMs } of steps) {
        now += advanceMs;
        const before = firstSeen.get(key);
        const fresh = seen.mark(key, ttlMs);
        if (before && now < before.at + before.ttlMs) assert.equal(fresh, false, `${key} forgotten early at ${now}`);
        if (!before || now >= before.at + before.ttlMs + before.ttlMs / 8)
          assert.equal(fresh, true, `${key} still remembered at ${now}`);
        if (fresh) firstSeen.set(key, { at: now, ttlMs });
      }
    }),
    { numRuns: 300 },
  );
});

test('a sweep drops what is past its TTL and keeps the rest', () => {
  let now = 0;
  const seen = new SeenKeys(() => now);
  assert.equal(seen.mark('old', 1_000), true);
  now = 500;
  assert.equal(seen.mark('long', 60_000), true);
  now = 1_200;
  seen.sweep();
  assert.equal(seen.mark('long', 60_000), false);
  assert.equal(seen.mark('old', 1_000), true);
});
