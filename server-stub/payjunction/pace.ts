/**
 * The global pace of PayJunction calls: PayJunction allows 1 request per 100 ms per integration
 * (payjunction-api.md §7), so every attempt of every call (retries included) waits for its turn here.
 *
 * Turns are granted first come, first served, each at least `minIntervalMs` after the previous start.
 * Waiting is a single timer for the head of the queue: no polling, no busy loop. A Pacer can be shared
 * by several clients that use the same credentials, since the limit belongs to the integration.
 */

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class Pacer {
  readonly minIntervalMs: number;
  readonly #queue: Waiter[] = [];
  #lastStart = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(minIntervalMs = 100) {
    if (!(minIntervalMs >= 0) || !Number.isFinite(minIntervalMs)) {
      throw new RangeError('minIntervalMs must be a finite number ≥ 0');
    }
    this.minIntervalMs = minIntervalMs;
  }

  /** Number of callers waiting for a turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Resolves when the caller may start its request. Rejects with the signal's reason if the signal
   * aborts first; the turn then passes to the next caller.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(signal.reason);
          this.#schedule();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    while (this.#queue.length > 0) {
      const now = performance.now();
      const wait = this.#lastStart + this.minIntervalMs - now;
      if (wait > 0) {
        // Timers can fire a fraction of a millisecond early by this clock: the loop then re-arms.
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#schedule();
        }, Math.ceil(wait));
        return;
      }
      const waiter = this.#queue.shift()!;
      this.#lastStart = now;
      if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  }
}
