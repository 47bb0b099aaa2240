/**
 * The single-process store: everything in Maps, expired lazily on read and swept once a minute, but
 * the webhook deliveries remembered for dedupe, kept in generations dropped whole (seen-keys.ts).
 * JavaScript runs one callback at a time, so a read-modify-write inside one synchronous block is
 * already atomic here.
 */
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { LocalListeners } from './local-listeners.js';
import { SeenKeys } from './seen-keys.js';
import type { RelayStore, StoredRequest, Unsubscribe } from './store.js';

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

export class MemoryStore implements RelayStore {
  readonly #requests = new Map<string, Expiring<StoredRequest>>();
  /** JSON text, so every reader gets its own copy. */
  readonly #values = new Map<string, Expiring<string>>();
  /** JSON texts, oldest first. */
  readonly #lists = new Map<string, Expiring<string[]>>();
  readonly #events: SeenKeys;
  readonly #owned = new Map<string, number>();
  readonly #leases = new Map<string, Expiring<string>>();
  readonly #counters = new Map<string, Expiring<number>>();
  readonly #listeners = new LocalListeners();
  readonly #sweeper: ReturnType<typeof setInterval>;
  readonly #now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#events = new SeenKeys(this.#now);
    this.#sweeper = setInterval(() => this.#sweep(), 60_000);
    this.#sweeper.unref?.();
  }

  #live<T>(map: Map<string, Expiring<T>>, key: string): T | undefined {
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      map.delete(key);
      return undefined;
    }
    return entry.value;
  }

  #sweep(): void {
    const now = this.#now();
    for (const map of [this.#requests, this.#values, this.#lists, this.#leases, this.#counters] as Map<
      string,
      Expiring<unknown>
    >[]) {
      for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
    }
    for (const [key, expiresAt] of this.#owned) if (expiresAt <= now) this.#owned.delete(key);
    this.#events.sweep(now);
  }

  async getRequest(requestId: string): Promise<StoredRequest | undefined> {
    const record = this.#live(this.#requests, requestId);
    return record && structuredClone(record);
  }

  async createRequest(record: StoredRequest, ttlMs: number): Promise<boolean> {
    const id = record.snapshot.requestId;
    if (this.#live(this.#requests, id)) return false;
    this.#requests.set(id, { value: structuredClone(record), expiresAt: this.#now() + ttlMs });
    return true;
  }

  async updateRequest(
    requestId: string,
    update: (current: StoredRequest) => StoredRequest | undefined,
    ttlMs: number,
  ): Promise<{ record: StoredRequest; changed: boolean } | undefined> {
    const current = this.#live(this.#requests, requestId);
    if (!current) return undefined;
    const next = update(structuredClone(current));
    if (!next) return { record: structuredClone(current), changed: false };
    this.#requests.set(requestId, { value: structuredClone(next), expiresAt: this.#now() + ttlMs });
    return { record: next, changed: true };
  }

  async updateValue<T>(
    name: string,
    update: (current: T | undefined) => T | null | undefined,
    ttlMs: number,
  ): Promise<{ value: T | undefined; changed: boolean }> {
    const raw = this.#live(this.#values, name);
    const current = raw === undefined ? undefined : (JSON.parse(raw) as T);
    const next = update(raw === undefined ? undefined : (JSON.parse(raw) as T));
    if (next === undefined) return { value: current, changed: false };
    if (next === null) {
      this.#values.delete(name);
      return { value: undefined, changed: raw !== undefined };
    }
    const text = JSON.stringify(next);
    this.#values.set(name, { value: text, expiresAt: this.#now() + ttlMs });
    return { value: JSON.parse(text) as T, changed: true };
  }

  async getValue<T>(name: string): Promise<T | undefined> {
    const raw = this.#live(this.#values, name);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async appendCapped<T>(name: string, item: T, maxLength: number, ttlMs: number): Promise<T[]> {
    const list = this.#live(this.#lists, name) ?? [];
    list.push(JSON.stringify(item));
    this.#lists.set(name, { value: list, expiresAt: this.#now() + ttlMs });
    const out = list.splice(0, Math.max(0, list.length - Math.max(1, maxLength)));
    return out.map((text) => JSON.parse(text) as T);
  }

  async getList<T>(name: string): Promise<T[]> {
    return (this.#live(this.#lists, name) ?? []).map((text) => JSON.parse(text) as T);
  }

  async markEventSeen(eventKey: string, ttlMs: number): Promise<boolean> {
    return this.#events.mark(eventKey, ttlMs);
  }

  async addOwned(kind: 'transaction' | 'schedule', id: number, ttlMs: number): Promise<void> {
    this.#owned.set(`${kind}:${id}`, this.#now() + ttlMs);
  }

  async isOwned(kind: 'transaction' | 'schedule', id: number): Promise<boolean> {
    const expiresAt = this.#owned.get(`${kind}:${id}`);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  async publish(snapshot: RequestSnapshot): Promise<void> {
    this.#listeners.deliver(snapshot);
  }

  subscribe(requestId: string, listener: (snapshot: RequestSnapshot) => void): Unsubscribe {
    return this.#listeners.add(requestId, listener);
  }

  /** How many listeners are attached: lets tests prove a closed stream leaves none behind. */
  listenerCount(requestId?: string): number {
    return this.#listeners.count(requestId);
  }

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const holder = this.#live(this.#leases, name);
    if (holder !== undefined && holder !== owner) return false;
    this.#leases.set(name, { value: owner, expiresAt: this.#now() + ttlMs });
    return true;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    if (this.#live(this.#leases, name) === owner) this.#leases.delete(name);
  }

  async hit(key: string, windowMs: number): Promise<number> {
    const count = (this.#live(this.#counters, key) ?? 0) + 1;
    const existing = this.#counters.get(key);
    const expiresAt = existing && existing.expiresAt > this.#now() ? existing.expiresAt : this.#now() + windowMs;
    this.#counters.set(key, { value: count, expiresAt });
    return count;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#listeners.clear();
  }
}
