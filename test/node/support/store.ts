/** What the store tests share: a request record to store, a change to it, and waiting for what TTLs do eventually. */
import { randomUUID } from 'node:crypto';
import { createSnapshot } from '../../../src/protocol/request-state.js';
import type { StoredRequest } from '../../../server-stub/relay/store.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));

// TTLs are real time (Redis keeps its own clock), so the tests below only rely on what a slow or
// loaded machine cannot break: a sleep lasts at least as long as asked, a key written with a short
// TTL is gone *eventually*, and anything that must still be there is written with a TTL far longer
// than the few round trips that follow it.
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export function record(requestId: string = randomUUID()): StoredRequest {
  const now = Date.now();
  return {
    snapshot: createSnapshot({
      requestId,
      kind: 'payment',
      smartTerminalId: 'st-1',
      action: 'CHARGE',
      now: new Date(now),
    }),
    createdAt: now,
    lastProgressAt: now,
    lastWebhookAt: 0,
  };
}

export function bump(current: StoredRequest): StoredRequest {
  return {
    ...current,
    lastWebhookAt: current.lastWebhookAt + 1,
    snapshot: { ...current.snapshot, version: current.snapshot.version + 1 },
  };
}
