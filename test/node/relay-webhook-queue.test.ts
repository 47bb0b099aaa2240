/**
 * The webhook queue (server-stub/relay/webhook-queue.ts) under a burst: every delivery is applied,
 * those about one request in arrival order, and other work on the event loop (a socket's next
 * delivery, an ack) gets its turn while a large burst is still being applied, rather than after all
 * of it. Order and causality, never durations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { PjWebhookEvent } from '../../src/protocol/wire.js';
import type { RelayCore } from '../../server-stub/relay/core.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { DRAIN_SLICE, WebhookQueue } from '../../server-stub/relay/webhook-queue.js';

/** A queue over a real MemoryStore whose status intake notes what it is given, in order. */
function recordingQueue() {
  const applied: string[] = [];
  const core = {
    store: new MemoryStore(),
    log: pino({ level: 'silent' }),
    intake: {
      async applyStatus(data: { requestId: string; status: string }) {
        applied.push(`${data.requestId} ${data.status}`);
        return undefined;
      },
    },
  } as unknown as RelayCore;
  return { queue: new WebhookQueue(core), applied };
}

const delivery = (id: string, requestId: string, status: string): PjWebhookEvent =>
  ({
    id,
    type: 'SMARTTERMINAL_REQUEST',
    created: '2026-12-01T00:00:00.000Z',
    data: { requestId, status },
  }) as unknown as PjWebhookEvent;

test('a burst many slices long: every delivery applied, one request’s in arrival order, other work served before its end', async () => {
  const { queue, applied } = recordingQueue();
  const burst = DRAIN_SLICE * 4;
  const sent: string[] = [];
  for (let i = 0; i < burst; i++) {
    // Every third delivery is about one request (a lane of its own); the rest each about another.
    const requestId = i % 3 === 0 ? 'req-busy' : `req-${i}`;
    const status = `STEP-${String(i).padStart(3, '0')}`;
    sent.push(`${requestId} ${status}`);
    assert.equal(queue.accept(delivery(`evt-${i}`, requestId, status), `evt-${i}:digest`), true);
  }
  // Work that arrives on the event loop after the burst, as the next socket's data would.
  let appliedWhenServed = -1;
  setImmediate(() => (appliedWhenServed = applied.length));
  await queue.idle();

  assert.deepEqual([...applied].sort(), [...sent].sort(), 'every delivery applied once');
  const busy = (list: string[]) => list.filter((line) => line.startsWith('req-busy '));
  assert.deepEqual(busy(applied), busy(sent), 'one request’s deliveries in arrival order');
  assert.ok(
    appliedWhenServed >= 0 && appliedWhenServed < burst,
    appliedWhenServed < 0
      ? 'other work waited for the whole burst'
      : `other work served after ${appliedWhenServed} of ${burst}`,
  );
});

test('a repeated delivery in a burst is applied once; close() waits for the burst and then refuses', async () => {
  const { queue, applied } = recordingQueue();
  for (let i = 0; i < DRAIN_SLICE * 2; i++) queue.accept(delivery(`evt-${i}`, `req-${i}`, 'COMPLETE'), `evt-${i}:d`);
  queue.accept(delivery('evt-0', 'req-0', 'COMPLETE'), 'evt-0:d'); // PayJunction delivered it again
  await queue.close();
  assert.equal(applied.length, DRAIN_SLICE * 2);
  assert.equal(queue.pending, 0);
  assert.equal(queue.accept(delivery('evt-late', 'req-late', 'COMPLETE'), 'evt-late:d'), false);
});
