/**
 * Where the relay keeps what must outlive one HTTP call: request snapshots, idempotency keys, seen
 * webhook events, the transactions and schedules this relay created, and the change feed that
 * carries a snapshot from the process that learned it to every process with a browser watching.
 *
 * One process: MemoryStore. Several processes behind a load balancer: RedisStore. Both pass the
 * same contract tests, so the relay above them cannot tell which one it has.
 */
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';

/** What the relay keeps about a live request besides the snapshot pages see. */
export interface StoredRequest {
  snapshot: RequestSnapshot;
  /** When the relay started the request (ms since epoch). */
  createdAt: number;
  /** When PayJunction last reported progress (ms since epoch): drives the safety-net poller and the timeout. */
  lastProgressAt: number;
  /** When the last webhook for this request arrived (ms since epoch), 0 if none yet. */
  lastWebhookAt: number;
}

export type IdempotencyClaim =
  /** The caller owns the key now and must call completeIdempotency or releaseIdempotency. */
  | { state: 'claimed' }
  /** Someone else already finished with this key. */
  | { state: 'done'; fingerprint: string; requestId: string }
  /** Someone else is still working on this key. */
  | { state: 'pending'; fingerprint: string };

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

  claimIdempotency(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyClaim>;
  completeIdempotency(key: string, fingerprint: string, requestId: string, ttlMs: number): Promise<void>;
  /** Lets a later retry of the same key try again (the upstream call certainly did not happen). */
  releaseIdempotency(key: string): Promise<void>;

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
