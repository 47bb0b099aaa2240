/**
 * Verified webhook deliveries, applied after their 200 OK is written. The HTTP layer checks the
 * signature and the JSON and hands each delivery here; the work (dedupe, the store update, the
 * publish to every page watching) starts on a later turn of the event loop (setImmediate), so the
 * acknowledgement never waits for a fan-out to thousands of streams.
 *
 * - Order: deliveries about one request are applied one after the other, in arrival order; different
 *   requests proceed side by side.
 * - Dedupe: once per (event id, body digest), in the store, as before.
 * - Errors are logged; the supervisor's polls still finish the request.
 * - Bounded: past `maxPending` deliveries waiting, `accept` says no and PayJunction is answered 503,
 *   so it delivers again later rather than the relay holding an unbounded backlog in memory.
 * - close() stops taking deliveries (503 from then on) and waits for those already taken.
 * An ack therefore means "verified and queued in this process", not "applied": if the process dies
 * in between, the supervisor's polls (and PayJunction's status) are the safety net (docs/reliability.md).
 */
import type { PjSmartTerminalRequestData, PjWebhookEvent } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';

/** PayJunction retries for 3 days: a delivery is remembered a little longer. */
export const EVENT_MEMORY_MS = 4 * 24 * 60 * 60 * 1000;

/**
 * Deliveries started per turn of the event loop: a burst is applied a slice at a time, with the
 * sockets (new deliveries and their acks) served between slices rather than after the whole burst.
 */
export const DRAIN_SLICE = 32;

interface Delivery {
  event: PjWebhookEvent;
  /** `<event id>:<body digest>`: what dedupe remembers. */
  key: string;
}

export class WebhookQueue {
  readonly #core: RelayCore;
  readonly #maxPending: number;
  /** Deliveries taken but not yet handed to a lane (drained on the next setImmediate). */
  #incoming: Delivery[] = [];
  #scheduled = false;
  /** One lane per request (or per event for other types): its head is being applied, the rest wait. */
  readonly #lanes = new Map<string, Delivery[]>();
  #waiting = 0;
  #closing = false;
  #idle: (() => void)[] = [];

  constructor(core: RelayCore, maxPending = 10_000) {
    this.#core = core;
    this.#maxPending = maxPending;
  }

  /** How many deliveries are taken and not yet applied. */
  get pending(): number {
    return this.#waiting;
  }

  /** Takes a verified delivery; false when closing or full (answer 503: PayJunction delivers again). */
  accept(event: PjWebhookEvent, key: string): boolean {
    if (this.#closing || this.#waiting >= this.#maxPending) return false;
    this.#waiting += 1;
    this.#incoming.push({ event, key });
    if (!this.#scheduled) {
      this.#scheduled = true;
      // setImmediate, not a microtask: the check phase comes after the response is written.
      setImmediate(() => this.#drain());
    }
    return true;
  }

  /** Stops taking deliveries and resolves once every one already taken is applied. */
  close(): Promise<void> {
    this.#closing = true;
    return this.idle();
  }

  /** Resolves when nothing is waiting. */
  idle(): Promise<void> {
    if (this.#waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  #drain(): void {
    const taken = this.#incoming.splice(0, DRAIN_SLICE);
    if (this.#incoming.length > 0) setImmediate(() => this.#drain());
    else this.#scheduled = false;
    for (const delivery of taken) {
      const name = laneOf(delivery.event);
      const lane = this.#lanes.get(name);
      if (lane) {
        lane.push(delivery);
        continue;
      }
      const fresh = [delivery];
      this.#lanes.set(name, fresh);
      void this.#run(name, fresh);
    }
  }

  async #run(name: string, lane: Delivery[]): Promise<void> {
    while (lane.length > 0) {
      const { event, key } = lane[0]!;
      try {
        await this.#apply(event, key);
      } catch (err) {
        this.#core.log.error({ eventId: event.id, err: describeError(err) }, 'webhook processing failed');
      }
      lane.shift();
      this.#waiting -= 1;
    }
    this.#lanes.delete(name);
    if (this.#waiting === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #apply(event: PjWebhookEvent, key: string): Promise<void> {
    const { store, log, intake } = this.#core;
    if (!(await store.markEventSeen(key, EVENT_MEMORY_MS))) {
      log.debug({ eventId: event.id }, 'duplicate webhook ignored');
      return;
    }
    if (event.type !== 'SMARTTERMINAL_REQUEST') {
      log.debug({ eventId: event.id, type: event.type }, 'webhook type not used by the relay');
      return;
    }
    const data = event.data as Partial<PjSmartTerminalRequestData> | null;
    if (!data || typeof data.requestId !== 'string' || typeof data.status !== 'string') return;
    const applied = await intake.applyStatus(data as PjSmartTerminalRequestData, 'webhook');
    if (!applied) log.debug({ eventId: event.id }, 'webhook for a request this relay did not start');
  }
}

/** Deliveries about one request share a lane; anything else gets one of its own. */
function laneOf(event: PjWebhookEvent): string {
  const data = event.data as { requestId?: unknown } | null | undefined;
  return event.type === 'SMARTTERMINAL_REQUEST' && data && typeof data.requestId === 'string'
    ? `r:${data.requestId}`
    : `e:${event.id}`;
}
