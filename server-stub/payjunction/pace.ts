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
 *
 * Several processes of one integration share the limit too: give each Pacer the same `turns` (a
 * TurnSource, e.g. the relay's Redis one, server-stub/relay/redis-pace.ts) and each turn is first
 * reserved there, so all processes together start at most one call per interval. This layer knows no
 * Redis: the source is a strategy handed in. While a source fails, this process keeps its own pace.
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

/**
 * Where turns are reserved when several processes share an integration's pace. `reserve` claims the
 * next free slot, at least `intervalMs` after the previous one whoever took it, and resolves to how
 * many milliseconds from now that slot starts (0: now).
 */
export interface TurnSource {
  reserve(intervalMs: number): Promise<number>;
}

export interface PacerOptions {
  /** Low-priority callers allowed to wait; one more is refused (rate_limited, notSent). Default 50. */
  maxLowWaiting?: number;
  /** Reserve each turn here too (several processes, one integration); see TurnSource. */
  turns?: TurnSource;
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
  #turns: TurnSource | undefined;
  /** A slot reserved from `turns` is on its way (then nothing else is granted or reserved). */
  #reserving = false;
  /** When the slot reserved from `turns` starts (this clock), until it is granted. */
  #slotAt: number | undefined;

  constructor(minIntervalMs = 100, clock: PacerClock = REAL_CLOCK, options: PacerOptions = {}) {
    if (!(minIntervalMs >= 0) || !Number.isFinite(minIntervalMs)) {
      throw new RangeError('minIntervalMs must be a finite number ≥ 0');
    }
    this.minIntervalMs = minIntervalMs;
    this.maxLowWaiting = options.maxLowWaiting ?? 50;
    this.#clock = clock;
    this.#turns = options.turns;
  }

  /**
   * Shares the pace with other processes from now on (`undefined`: this process alone again). For a
   * relay that learns of its shared store after its client exists.
   */
  shareTurns(turns: TurnSource | undefined): void {
    this.#turns = turns;
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
    // A reservation on its way calls back here when it lands.
    while (this.waiting > 0 && !this.#reserving) {
      const now = this.#clock.now();
      // A reserved slot left unused well past its start (its callers gave up) is stale: another process
      // may hold the next one by now, so the next caller reserves afresh.
      if (this.#slotAt !== undefined && now - this.#slotAt > this.minIntervalMs) this.#slotAt = undefined;
      // Shared: the source spaces every process's turns, this one's included, so no local wait first.
      // Without a pace (0 ms) there is nothing to share, and every slot would already be stale on landing.
      if (this.#turns && this.minIntervalMs > 0 && this.#slotAt === undefined) return this.#reserve(this.#turns);
      const wait = (this.#slotAt ?? this.#lastStart + this.minIntervalMs) - now;
      if (wait > 0) {
        // Timers can fire a fraction of a millisecond early by this clock: the loop then re-arms.
        this.#timer = this.#clock.setTimeout(() => {
          this.#timer = undefined;
          this.#schedule();
        }, Math.ceil(wait));
        return;
      }
      this.#slotAt = undefined;
      // The slot goes to whoever is first now: a payment that came while it was reserved goes first.
      const waiter = (this.#queues.high.length > 0 ? this.#queues.high : this.#queues.low).shift()!;
      this.#lastStart = now;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  }

  /** Reserves the next shared slot; a source that fails leaves this turn to the local pace alone. */
  #reserve(turns: TurnSource): void {
    this.#reserving = true;
    const landed = (slotAt: number) => {
      this.#reserving = false;
      this.#slotAt = slotAt;
      this.#schedule();
    };
    turns.reserve(this.minIntervalMs).then(
      (waitMs) => landed(this.#clock.now() + (Number.isFinite(waitMs) ? Math.max(0, waitMs) : 0)),
      () => landed(Math.max(this.#clock.now(), this.#lastStart + this.minIntervalMs)),
    );
  }
}
