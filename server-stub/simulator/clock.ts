/**
 * The simulator's clock. Every delay of the simulated PayJunction (terminal lifecycle, webhook
 * retries, connect timeouts) goes through `after`, which divides it by the speed factor; the few
 * delays that are NOT PayJunction time (test-control delays, the polling limit) use `afterReal`.
 * Every timer is tracked so that `dispose()` leaves nothing that keeps the process alive. Also how
 * the simulator writes the clock's time: timestamps without milliseconds, and the UTC day.
 */
export class SimClock {
  readonly speed: number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(speed: number) {
    if (!Number.isFinite(speed) || speed <= 0) throw new Error(`speed must be a positive number, got ${speed}`);
    this.speed = speed;
  }

  /** Milliseconds since the epoch, real time (timestamps are real; only delays are scaled). */
  now(): number {
    return Date.now();
  }

  /** A PayJunction delay in simulated milliseconds, as real milliseconds. */
  scale(simulatedMs: number): number {
    return simulatedMs / this.speed;
  }

  /** Runs `fn` after `simulatedMs` of PayJunction time. Returns a cancel function. */
  after(simulatedMs: number, fn: () => void): () => void {
    return this.afterReal(this.scale(simulatedMs), fn);
  }

  /** Runs `fn` after `realMs` of wall-clock time. Returns a cancel function. */
  afterReal(realMs: number, fn: () => void): () => void {
    if (this.disposed) return () => {};
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, realMs),
    );
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Cancels every pending timer (reset keeps the clock usable; dispose also refuses new ones). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  get pending(): number {
    return this.timers.size;
  }
}

/** "2013-11-18T22:15:32Z": PayJunction's timestamps have no milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Today in UTC as yyyy-MM-dd (the simulator's "business day"). */
export function utcToday(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
