/**
 * Keys remembered for a time to live, in generations: the keys first seen within one slice of time
 * (an eighth of their TTL) share one Set, dropped whole once the last of them is past its TTL. A key
 * is remembered for its TTL and at most an eighth longer, never shorter.
 *
 * Why not a Map from key to expiry: the relay remembers every webhook delivery for 4 days, so that Map
 * held a number per delivery and the store's once-a-minute sweep walked all of them (docs/architecture.md,
 * "Fourth pass").
 */
interface Generation {
  from: number;
  /** When the newest key in it is past its TTL. */
  until: number;
  keys: Set<string>;
}

export class SeenKeys {
  /** Generations per TTL (a delivery's and a test's TTL differ), oldest first. */
  readonly #byTtl = new Map<number, Generation[]>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Remembers `key` for `ttlMs`; false when it is remembered already. */
  mark(key: string, ttlMs: number): boolean {
    const now = this.#now();
    this.sweep(now);
    for (const generations of this.#byTtl.values()) {
      for (const generation of generations) if (generation.keys.has(key)) return false;
    }
    let generations = this.#byTtl.get(ttlMs);
    if (!generations) this.#byTtl.set(ttlMs, (generations = []));
    let newest = generations.at(-1);
    if (!newest || now - newest.from >= Math.max(1, ttlMs / 8)) {
      newest = { from: now, until: now + ttlMs, keys: new Set() };
      generations.push(newest);
    }
    newest.keys.add(key);
    newest.until = now + ttlMs;
    return true;
  }

  /** Drops the generations past their TTL. */
  sweep(now = this.#now()): void {
    for (const [ttl, generations] of this.#byTtl) {
      while (generations.length > 0 && generations[0]!.until <= now) generations.shift();
      if (generations.length === 0) this.#byTtl.delete(ttl);
    }
  }
}
