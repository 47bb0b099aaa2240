/**
 * Where the relay keeps what must outlive one HTTP call: request snapshots, idempotency keys, seen
 * webhook events, the transactions and schedules this relay created, and the change feed that
 * carries a snapshot from the process that learned it to every process with a browser watching.
 *
 * One process: MemoryStore. Several processes behind a load balancer: RedisStore. Both pass the
 * same contract tests, so the relay above them cannot tell which one it has.
 */
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { PjAction } from '../../src/protocol/wire.js';
import type { RedisStore } from './redis-store.js';

/** What the relay keeps about a live request besides the snapshot pages see. */
export interface StoredRequest {
  snapshot: RequestSnapshot;
  /** When the relay started the request (ms since epoch). */
  createdAt: number;
  /** When PayJunction last reported progress (ms since epoch): drives the safety-net poller and the timeout. */
  lastProgressAt: number;
  /** When the last webhook for this request arrived (ms since epoch), 0 if none yet. */
  lastWebhookAt: number;
  /** PayJunction's id of the request when it differs from snapshot.requestId (a lost attempt found later). */
  upstreamRequestId?: string;
  /** What the payment asked for: a reported transaction is attached only if it matches. */
  expected?: { amountBase: string; action: PjAction };
  /** Transactions reported for this request that did not match it; never attached again. */
  rejectedTransactions?: number[];
}

export type Unsubscribe = () => void;

export interface RelayStore {
  getRequest(requestId: string): Promise<StoredRequest | undefined>;
  /** Stores a new request; false when the id exists already. */
  createRequest(record: StoredRequest, ttlMs: number): Promise<boolean>;
  /**
   * Read-modify-write, atomic across processes. `update` returns the new record, or undefined to
   * leave it as it is. Resolves to the record as stored afterwards (undefined if there is none).
   */
  updateRequest(
    requestId: string,
    update: (current: StoredRequest) => StoredRequest | undefined,
    ttlMs: number,
  ): Promise<{ record: StoredRequest; changed: boolean } | undefined>;

  /**
   * Atomic read-modify-write of a small JSON value by name (absent: `undefined`), across processes.
   * `update` returns the new value, `null` to delete it, or `undefined` to leave it; it may run more
   * than once (another process wrote in between), so it must be a pure function of its argument.
   * Resolves to the value stored afterwards and whether this call changed it. The relay keeps its
   * attempt ledger (idempotency keys with leases), terminal pointers and request aliases here.
   */
  updateValue<T>(
    name: string,
    update: (current: T | undefined) => T | null | undefined,
    ttlMs: number,
  ): Promise<{ value: T | undefined; changed: boolean }>;
  getValue<T>(name: string): Promise<T | undefined>;

  /**
   * Appends `item` to the list `name` (made if absent), atomically across processes, keeping only its
   * last `maxLength` items; the list expires `ttlMs` after its last append. Costs the same however long
   * the list is (a small index, where updateValue would rewrite it whole). Resolves to the items pushed
   * out, oldest first.
   */
  appendCapped<T>(name: string, item: T, maxLength: number, ttlMs: number): Promise<T[]>;
  /** The list's items, oldest first ([] when absent). */
  getList<T>(name: string): Promise<T[]>;

  /** Records a webhook event key; true the first time, false for a duplicate. */
  markEventSeen(eventKey: string, ttlMs: number): Promise<boolean>;

  addOwned(kind: 'transaction' | 'schedule', id: number, ttlMs: number): Promise<void>;
  isOwned(kind: 'transaction' | 'schedule', id: number): Promise<boolean>;

  /**
   * Publishes a snapshot to every process's subscribers of that request (this one included).
   * Snapshots from two processes may arrive out of order: listeners keep the highest version.
   */
  publish(snapshot: RequestSnapshot): Promise<void>;
  subscribe(requestId: string, listener: (snapshot: RequestSnapshot) => void): Unsubscribe;

  /** One supervisor (poller and timeout) per request across processes; a lease renewed while it works. */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, owner: string): Promise<void>;

  /** Fixed-window counter for per-client rate limits; resolves to the count in the current window. */
  hit(key: string, windowMs: number): Promise<number>;

  close(): Promise<void>;
}

/** Marks a RedisStore, so code that must not load the Redis client (health, createRelay) can tell one. */
export const REDIS_STORE = Symbol('RedisStore');

/** Whether `store` is a RedisStore, asked without importing redis-store.ts (and with it the Redis client). */
export function isRedisStore(store: RelayStore): store is RedisStore {
  return REDIS_STORE in store;
}
