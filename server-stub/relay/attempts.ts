/**
 * The attempt ledger: one entry per Idempotency-Key, shared by every relay process through the store.
 *
 * An entry is `pending` while one process sends the attempt to PayJunction, under a lease that the
 * process renews while the call is in flight; it becomes `done` with the request it produced (a
 * PayJunction request, or the relay's own in-doubt record when PayJunction's answer was lost).
 * Only a call that certainly did nothing at PayJunction releases the key. A pending entry whose
 * lease lapsed belongs to a process that died mid-call: the next caller takes it over as *in doubt*
 * and never sends it again.
 */
import { randomUUID } from 'node:crypto';
import type { PjAction } from '../../src/protocol/wire.js';
import type { RequestKind } from '../../src/protocol/relay-contract.js';
import type { RelayStore } from './store.js';

/** What the ledger remembers of an attempt, enough to find it again among PayJunction's reports. */
export interface AttemptInfo {
  kind: RequestKind;
  smartTerminalId: string;
  /** When the attempt was first claimed (ms since epoch). */
  startedAt: number;
  amountBase?: string;
  action?: PjAction;
}

type Entry =
  | { state: 'pending'; fingerprint: string; owner: string; leaseUntil: number; claimId: string; attempt: AttemptInfo }
  | { state: 'done'; fingerprint: string; requestId: string };

export type Claim =
  /** The caller owns the attempt: send it, then complete or release. */
  | { state: 'claimed' }
  /** The attempt produced this request (the same key again answers with it). */
  | { state: 'done'; fingerprint: string; requestId: string }
  /** Another caller is sending it right now. */
  | { state: 'pending'; fingerprint: string }
  /** Its sender died mid-call: the caller now owns it, in doubt (never to be sent again). */
  | { state: 'abandoned'; fingerprint: string; attempt: AttemptInfo };

export class AttemptLedger {
  readonly #store: RelayStore;
  readonly #ttlMs: number;
  readonly #leaseMs: number;

  constructor(store: RelayStore, options: { ttlMs: number; leaseMs: number }) {
    this.#store = store;
    this.#ttlMs = options.ttlMs;
    this.#leaseMs = options.leaseMs;
  }

  get leaseMs(): number {
    return this.#leaseMs;
  }

  async claim(key: string, fingerprint: string, owner: string, attempt: AttemptInfo): Promise<Claim> {
    const claimId = randomUUID();
    let tookOver: AttemptInfo | undefined;
    const { value } = await this.#store.updateValue<Entry>(
      name(key),
      (current) => {
        tookOver = undefined;
        const now = Date.now();
        if (!current)
          return { state: 'pending', fingerprint, owner, leaseUntil: now + this.#leaseMs, claimId, attempt };
        if (current.state === 'pending' && current.fingerprint === fingerprint && current.leaseUntil <= now) {
          tookOver = current.attempt;
          return { ...current, owner, leaseUntil: now + this.#leaseMs, claimId };
        }
        return undefined;
      },
      this.#ttlMs,
    );
    if (!value) return this.claim(key, fingerprint, owner, attempt); // expired between read and write
    if (value.state === 'done') return { state: 'done', fingerprint: value.fingerprint, requestId: value.requestId };
    if (value.claimId === claimId)
      return tookOver ? { state: 'abandoned', fingerprint, attempt: tookOver } : { state: 'claimed' };
    return { state: 'pending', fingerprint: value.fingerprint };
  }

  /** Extends the lease while the call is in flight; false when the entry is no longer ours. */
  async renew(key: string, owner: string): Promise<boolean> {
    const { value } = await this.#store.updateValue<Entry>(
      name(key),
      (current) =>
        current?.state === 'pending' && current.owner === owner
          ? { ...current, leaseUntil: Date.now() + this.#leaseMs }
          : undefined,
      this.#ttlMs,
    );
    return value?.state === 'pending' && value.owner === owner;
  }

  /**
   * Records the request the attempt produced. Resolves to the request the key now names: ours, or
   * (when a slow call's lease lapsed and another process took it over) the in-doubt record it made.
   */
  async complete(key: string, owner: string, fingerprint: string, requestId: string): Promise<string> {
    const { value } = await this.#store.updateValue<Entry>(
      name(key),
      (current) =>
        !current || (current.state === 'pending' && current.owner === owner)
          ? { state: 'done', fingerprint, requestId }
          : undefined,
      this.#ttlMs,
    );
    return value?.state === 'done' ? value.requestId : requestId;
  }

  /** Frees the key for a retry: only after a call that certainly did nothing at PayJunction. */
  async release(key: string, owner: string): Promise<void> {
    await this.#store.updateValue<Entry>(
      name(key),
      (current) => (current?.state === 'pending' && current.owner === owner ? null : undefined),
      this.#ttlMs,
    );
  }
}

function name(key: string): string {
  return `attempt:${key}`;
}
