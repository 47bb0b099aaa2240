/**
 * Status intake: every report (webhook or poll) folded into its request through the protocol reducer,
 * each change published to the pages watching, and the transaction fetched once its id appears and
 * attached only if it is this request's (merchant account, amount, action, time).
 */
import { compareMoney } from '../../src/protocol/money.js';
import { reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';
import {
  isFinalSnapshot,
  isOpenOutcome,
  toTransactionView,
  type RequestSnapshot,
} from '../../src/protocol/relay-contract.js';
import type {
  PjSmartTerminalRequestData,
  PjSmartTerminalRequestState,
  PjTransaction,
} from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';
import type { StoredRequest } from './store.js';

/** Our clock and PayJunction's may differ; a transaction created this much "before" an attempt still counts. */
const CLOCK_SKEW_MS = 120_000;

/** A status report: a webhook's data, or a poll's answer with the id it was asked for. */
export type StatusReport = PjSmartTerminalRequestData | (PjSmartTerminalRequestState & { requestId: string });

/** A status report (webhook data or a poll answer) as a reducer event. */
export function statusEvent(data: PjSmartTerminalRequestState | PjSmartTerminalRequestData): RequestEvent {
  const event: RequestEvent = { type: 'status', status: String(data.status) };
  if (data.transactionId !== undefined && data.transactionId !== null) event.transactionId = data.transactionId;
  if (typeof data.signatureId === 'string') event.signatureId = data.signatureId;
  if (typeof data.promptButton === 'string') event.promptButton = data.promptButton;
  if (typeof data.inputValue === 'string') event.inputValue = data.inputValue;
  return event;
}

export class StatusIntake {
  readonly #core: RelayCore;
  /** Transaction fetches in flight in this process. */
  readonly #fetching = new Set<string>();
  /** The last version this process published per live request (a change is published once). */
  readonly #lastPublished = new Map<string, number>();

  constructor(core: RelayCore) {
    this.#core = core;
  }

  /**
   * Applies one status report. A report about a request this relay does not know is handed to the
   * in-doubt reconciliation: it may be an attempt whose answer was lost.
   */
  async applyStatus(data: StatusReport, source: 'webhook' | 'poll'): Promise<RequestSnapshot | undefined> {
    const event = statusEvent(data);
    const applied = await this.apply(data.requestId, event, source === 'webhook');
    if (applied) return applied;
    const alias = await this.#core.doubts.aliasOf(data.requestId);
    if (alias !== undefined) return this.apply(alias, event, source === 'webhook');
    if (source !== 'webhook') return undefined;
    return this.#core.doubts.unknownReport({ ...(data as PjSmartTerminalRequestData) });
  }

  /**
   * Folds one event into a request. A webhook that brought news also stamps when news last came by
   * webhook (the safety net's clock, supervisor.ts): one that changed the request, or the first one
   * about it while it is still as the relay made it (CONNECTING). A repeat, or a report of what a poll
   * already found, proves nothing about webhooks being on time and leaves the clock alone.
   */
  async apply(requestId: string, event: RequestEvent, fromWebhook = false): Promise<RequestSnapshot | undefined> {
    const { store, timings } = this.#core;
    const now = Date.now();
    let endedInDoubt = false;
    const result = await store.updateRequest(
      requestId,
      (current) => {
        endedInDoubt = false;
        let e = event;
        // A transaction once found not to match this request is never attached again.
        if (
          e.type === 'status' &&
          e.transactionId !== undefined &&
          current.rejectedTransactions?.includes(Number(e.transactionId))
        ) {
          const { transactionId: _dropped, ...rest } = e;
          e = rest;
        }
        const snapshot = reduceRequest(current.snapshot, e, new Date(now));
        const changed = snapshot !== current.snapshot;
        // The first report of a request that still stands as the relay made it (CONNECTING): on time.
        const firstNews =
          fromWebhook &&
          current.lastWebhookAt === 0 &&
          current.snapshot.version === 1 &&
          e.type === 'status' &&
          e.status === current.snapshot.status;
        if (!changed && !firstNews) return undefined;
        if (current.snapshot.outcome === null && isOpenOutcome(snapshot.outcome) && snapshot.watchUntil === undefined) {
          // Followed by elimination and ended without a transaction, or NO_CONNECTION (which PayJunction
          // does not promise is the last word): watch for a late transaction like any open end.
          snapshot.watchUntil = new Date(now + timings.lateWatchMs).toISOString();
          endedInDoubt = snapshot.outcome === 'in_doubt';
        }
        const next: StoredRequest = {
          ...current,
          snapshot,
          lastProgressAt: changed ? now : current.lastProgressAt,
          lastWebhookAt: fromWebhook ? now : current.lastWebhookAt,
        };
        if (e.type === 'reject_transaction')
          next.rejectedTransactions = [...(current.rejectedTransactions ?? []), e.transactionId];
        return next;
      },
      timings.retentionMs,
    );
    if (!result) return undefined;
    await this.#afterUpdate(result.record, result.changed);
    if (result.changed && endedInDoubt) await this.#core.terminals.free(result.record); // our attempt may still wait for a card there
    return result.record.snapshot;
  }

  async #afterUpdate(record: StoredRequest, changed: boolean): Promise<void> {
    const { store, log, terminals, supervisors } = this.#core;
    const s = record.snapshot;
    const final = isFinalSnapshot(s);
    if (changed && (this.#lastPublished.get(s.requestId) ?? 0) < s.version) {
      this.#lastPublished.set(s.requestId, s.version);
      if (final) this.#lastPublished.delete(s.requestId);
      log.info({ requestId: s.requestId, status: s.status, outcome: s.outcome, version: s.version }, 'request changed');
      await store.publish(s);
    }
    if (
      s.kind === 'payment' &&
      s.transactionId !== undefined &&
      !s.transaction &&
      (s.outcome === null || isOpenOutcome(s.outcome))
    ) {
      void this.fetchTransaction(s.requestId, s.transactionId);
    }
    // The terminal runs it: also after NO_CONNECTION, when the request reached it after all.
    if (changed && s.status === 'IN_PROGRESS' && (s.outcome === null || s.outcome === 'no_connection') && !s.inDoubt) {
      await terminals.follow(s.smartTerminalId, s.requestId, record.createdAt);
    }
    // A request in doubt may carry another request's status: it says nothing of the terminal.
    if (changed && !s.inDoubt) await terminals.noteReach(s.smartTerminalId, s.status, s.updatedAt);
    // An end that hides no money frees the terminal pointer; open ends free it in TerminalPointers.free,
    // except NO_CONNECTION (nothing to send back from a terminal that was not reached): its watch's end frees it.
    if (s.outcome !== null && (!isOpenOutcome(s.outcome) || (final && s.outcome === 'no_connection')))
      await terminals.release(s.smartTerminalId, s.requestId);
    if (final) supervisors.stop(s.requestId);
    else supervisors.supervise(s.requestId);
  }

  /** Fetches the transaction once per request (one fetch in flight across processes). */
  async fetchTransaction(requestId: string, transactionId: number): Promise<void> {
    const { store, log, instanceId } = this.#core;
    if (this.#fetching.has(requestId) || this.#core.closed) return;
    this.#fetching.add(requestId);
    const lease = `tx:${requestId}`;
    try {
      if (!(await store.acquireLease(lease, instanceId, 30_000))) return;
      await this.attachTransaction(requestId, transactionId);
    } catch (err) {
      // The supervisor tries again on its next tick; the timeout names the transaction if it never works.
      log.warn({ requestId, transactionId, err: describeError(err) }, 'transaction fetch failed');
    } finally {
      this.#fetching.delete(requestId);
      await store.releaseLease(lease, instanceId).catch(() => undefined);
    }
  }

  /** Reads the transaction and attaches it if it is this request's; throws what the read threw. */
  async attachTransaction(requestId: string, transactionId: number): Promise<void> {
    const { store, upstream, log, doubts, supervisors, ownership, timings } = this.#core;
    const transaction = await upstream.getTransaction(transactionId);
    const record = await store.getRequest(requestId);
    if (!record) return;
    const mismatch = await this.mismatch(record, transaction);
    if (mismatch) {
      log.warn({ requestId, transactionId, mismatch }, 'reported transaction does not match its request; not attached');
      await this.apply(requestId, { type: 'reject_transaction', transactionId });
      if (record.upstreamRequestId !== undefined) {
        // The request adopted for a lost attempt made someone else's transaction: it was not ours.
        await doubts.disown(record);
        return;
      }
      supervisors.pollSoon(requestId, timings.pollIntervalMs); // PayJunction's own status is the authority
      return;
    }
    await ownership.recordTransaction(transactionId);
    await this.apply(requestId, { type: 'transaction', transaction: toTransactionView(transaction) });
  }

  /** Why a transaction cannot be this payment's (merchant account, amount, action, time), or undefined. */
  async mismatch(record: StoredRequest, t: PjTransaction): Promise<string | undefined> {
    const expected = record.expected;
    if (!expected) return undefined;
    if (Number(t.terminalId) !== (await this.#core.accounts.terminalId('CARD'))) return 'merchant account';
    if (typeof t.amountBase !== 'string' || compareMoney(t.amountBase, expected.amountBase) !== 0) return 'amount';
    if (t.action !== expected.action) return 'action';
    const created = Date.parse(t.created);
    if (!Number.isFinite(created) || created < record.createdAt - CLOCK_SKEW_MS) return 'created before the request';
    return undefined;
  }
}
