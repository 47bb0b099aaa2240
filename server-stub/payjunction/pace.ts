/**
 * The global pace of PayJunction calls: PayJunction allows 1 request per 100 ms per integration
 * (https://developer.payjunction.com/hc/en-us/articles/115004486847), so every attempt of every call
 * (retries included) waits for its turn here.
 *
 * Turns are granted each at least `minIntervalMs` after the previous start: every 'high' caller
 * (payments, terminal requests, cancels, status polls) before any 'low' one (pages' lookups and other
 * reads), first come, first served within each, so a burst of lookups never holds a payment back.
 * Low callers are bounded (`maxLowWaiting`): one more fails at once with kind 'rate_limited' rather
 * than waiting behind a queue that only grows. Waiting is a single timer for the head of the queue:
 * no polling, no busy loop. A Pacer can be shared by several clients that use the same credentials,
 * since the limit belongs to the integration.
 * Its clock can be replaced (tests drive it on virtual time); the default is the real one.
 */
import { PayJunctionError } from './errors.js';

/** The time and the one timer a Pacer uses. */
export interface PacerClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

export type PacerPriority = 'high' | 'low';

export interface PacerOptions {
  /** Low-priority callers allowed to wait; one more is refused (rate_limited, notSent). Default 50. */
  maxLowWaiting?: number;
}

const REAL_CLOCK: PacerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class Pacer {
  readonly minIntervalMs: number;
  readonly maxLowWaiting: number;
  readonly #queues: Record<PacerPriority, Waiter[]> = { high: [], low: [] };
  readonly #clock: PacerClock;
  #lastStart = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(minIntervalMs = 100, clock: PacerClock = REAL_CLOCK, options: PacerOptions = {}) {
    if (!(minIntervalMs >= 0) || !Number.isFinite(minIntervalMs)) {
      throw new RangeError('minIntervalMs must be a finite number ≥ 0');
    }
    this.minIntervalMs = minIntervalMs;
    this.maxLowWaiting = options.maxLowWaiting ?? 50;
    this.#clock = clock;
  }

  /** Number of callers waiting for a turn. */
  get waiting(): number {
    return this.#queues.high.length + this.#queues.low.length;
  }

  /** Number of low-priority callers waiting for a turn. */
  get waitingLow(): number {
    return this.#queues.low.length;
  }

  /**
   * Resolves when the caller may start its request. Rejects with the signal's reason if the signal
   * aborts first; the turn then passes to the next caller. A low-priority caller beyond
   * `maxLowWaiting` is refused at once with a PayJunctionError (kind 'rate_limited', notSent).
   */
  acquire(signal?: AbortSignal, priority: PacerPriority = 'high'): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const queue = this.#queues[priority];
    if (priority === 'low' && queue.length >= this.maxLowWaiting) {
      // About how long the lows ahead need (at least one per interval): what Retry-After tells the page.
      const retryAfterMs = Math.max(1000, (queue.length + 1) * this.minIntervalMs);
      return Promise.reject(
        new PayJunctionError({
          kind: 'rate_limited',
          status: 0,
          message: `PayJunction request not sent: ${queue.length} low-priority calls are already waiting for a turn`,
          retryAfterMs,
          notSent: true,
        }),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal.reason);
          this.#schedule();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      queue.push(waiter);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.waiting > 0) {
      const now = this.#clock.now();
      const wait = this.#lastStart + this.minIntervalMs - now;
      if (wait > 0) {
        // Timers can fire a fraction of a millisecond early by this clock: the loop then re-arms.
        this.#timer = this.#clock.setTimeout(() => {
          this.#timer = undefined;
          this.#schedule();
        }, Math.ceil(wait));
        return;
      }
      const waiter = (this.#queues.high.length > 0 ? this.#queues.high : this.#queues.low).shift()!;
      this.#lastStart = now;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  }
}
