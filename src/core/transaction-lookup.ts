/**
 * `<pj-tx-status transaction-id>`'s lookup of one transaction, as a Lit reactive controller with one
 * state (`TransactionLookup`). An id that is not a transaction number is refused here, in the
 * browser: nothing is sent. Any other id is fetched once per endpoint and id; a newer id aborts the
 * older fetch, whose answer is never shown. After a failure, `retry()` fetches again only when that
 * may help (`retryHelps`): a transaction that was not found stays not found.
 *
 * The fetch starts in `hostUpdate()`, which Lit's server renderer never calls: on the server (and in
 * the browser's first render, before the answer) an id reads as `loading`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isTransactionId, type TransactionView } from '../protocol/relay-contract.js';
import { getTransaction, type RelayClientError } from './relay-client.js';

export type TransactionLookup =
  /** No `transaction-id` (or `request-id` is set, which wins). */
  | { status: 'none' }
  /** Not a transaction number (digits only): never sent to the relay. */
  | { status: 'refused' }
  | { status: 'loading'; id: string }
  | { status: 'loaded'; id: string; transaction: TransactionView }
  /** `retry`: trying again may help (see `retryHelps`). */
  | { status: 'failed'; id: string; error: RelayClientError; retry: boolean };

/** A failure that may pass: the relay could not be reached (status 0), was busy (429) or failed (5xx). Not a 404. */
export const retryHelps = (error: { status: number }): boolean =>
  error.status === 0 || error.status === 429 || error.status >= 500;

/** A lookup that went wrong: the element words it and reports it (pj-error). */
export type LookupProblem = Extract<TransactionLookup, { status: 'refused' | 'failed' }>;

/** What the controller reads of its element. */
export interface LookupHost extends ReactiveControllerHost {
  endpoint: string;
  transactionId?: string | undefined;
  requestId?: string | undefined;
}

export class TransactionLookupController implements ReactiveController {
  /** The fetch of `#key` (endpoint and id) and how it went. */
  #fetched: TransactionLookup = { status: 'none' };
  #key = '';
  #abort?: AbortController;
  readonly #host: LookupHost;
  readonly #onProblem: (problem: LookupProblem) => void;

  /** @param onProblem called once per refused id and once per failed fetch. */
  constructor(host: LookupHost, onProblem: (problem: LookupProblem) => void) {
    (this.#host = host).addController(this);
    this.#onProblem = onProblem;
  }

  /** The id to look up: `transaction-id` trimmed, unless `request-id` is set. */
  #id(): string {
    return this.#host.requestId ? '' : (this.#host.transactionId?.trim() ?? '');
  }

  get state(): TransactionLookup {
    const id = this.#id();
    if (!id) return { status: 'none' };
    if (!isTransactionId(id)) return { status: 'refused' };
    return this.#key === `${this.#host.endpoint}\n${id}` ? this.#fetched : { status: 'loading', id };
  }

  /** Before each render: a new endpoint or id is refused or fetched. */
  hostUpdate(): void {
    this.#load(false);
  }

  /** Fetches the transaction again after a failure that may pass; does nothing otherwise. */
  retry(): void {
    const state = this.state;
    if (state.status === 'failed' && state.retry) {
      this.#load(true);
      this.#host.requestUpdate();
    }
  }

  #load(again: boolean): void {
    const id = this.#id();
    const key = id && `${this.#host.endpoint}\n${id}`;
    if (key === this.#key && !again) return;
    this.#key = key;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#fetched = { status: 'none' };
    if (!id) return;
    if (!isTransactionId(id)) return this.#onProblem({ status: 'refused' });
    const abort = (this.#abort = new AbortController());
    this.#fetched = { status: 'loading', id };
    const settle = (state: TransactionLookup): boolean => {
      if (this.#abort !== abort) return false; // an older id's answer
      this.#fetched = state;
      this.#host.requestUpdate();
      return true;
    };
    getTransaction(this.#host.endpoint, id, abort.signal).then(
      (transaction) => settle({ status: 'loaded', id, transaction }),
      (error: RelayClientError) => {
        const failed = { status: 'failed', id, error, retry: retryHelps(error) } as const;
        if (!abort.signal.aborted && settle(failed)) this.#onProblem(failed);
      },
    );
  }
}
