/**
 * The request-status reducer: one pure function that turns PayJunction's status reports (webhooks
 * and polls, which may arrive late, twice or out of order) into the snapshot every page sees.
 *
 * Rules, in the order they protect money:
 * 1. A final snapshot (outcome set) never changes again.
 * 2. Once a payment has a transactionId, only the transaction decides its outcome: a late BUSY or a
 *    COMPLETE that lost its transactionId can never turn a real charge into "cancelled".
 * 3. Status only moves forward (CONNECTING → IN_PROGRESS → an end status); unknown statuses are
 *    ignored; a report that changes nothing changes no version.
 */
import type { RequestKind, RequestOutcome, RequestSnapshot, TransactionView } from './relay-contract.js';
import type { PjAction, PjRequestStatus } from './wire.js';

export type RequestEvent =
  | {
      type: 'status';
      status: string;
      transactionId?: number | string;
      signatureId?: string;
      promptButton?: string;
      inputValue?: string;
    }
  /** The transaction's details were fetched (payments). */
  | { type: 'transaction'; transaction: TransactionView }
  /** No progress for the configured time, and one last status check did not finish the request. */
  | { type: 'timeout' }
  /** Something outside the terminal ended the request (the details could not be fetched, say). */
  | { type: 'error'; code: string; message: string };

const STATUS_RANK: Record<PjRequestStatus, number> = {
  CONNECTING: 0,
  IN_PROGRESS: 1,
  BUSY: 2,
  NO_CONNECTION: 2,
  COMPLETE: 2,
};

export function isKnownStatus(status: string): status is PjRequestStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_RANK, status);
}

/** An end status: PayJunction will report nothing after it. */
export function isEndStatus(status: PjRequestStatus): boolean {
  return STATUS_RANK[status] === 2;
}

export function createSnapshot(init: {
  requestId: string;
  kind: RequestKind;
  smartTerminalId: string;
  action?: PjAction;
  now: Date;
}): RequestSnapshot {
  const snapshot: RequestSnapshot = {
    requestId: init.requestId,
    kind: init.kind,
    smartTerminalId: init.smartTerminalId,
    status: 'CONNECTING',
    outcome: null,
    version: 1,
    updatedAt: init.now.toISOString(),
  };
  if (init.action) snapshot.action = init.action;
  return snapshot;
}

function outcomeOfTransaction(t: TransactionView): RequestOutcome {
  return t.approved && t.status !== 'DECLINED' ? 'approved' : 'declined';
}

/** The outcome a snapshot's facts imply, or null while the request is still live. */
function deriveOutcome(s: RequestSnapshot): RequestOutcome | null {
  if (s.kind === 'payment' && s.transactionId !== undefined) {
    // Rule 2: a transaction exists; only its details may end the request.
    return s.transaction && isEndStatus(s.status) ? outcomeOfTransaction(s.transaction) : null;
  }
  switch (s.status) {
    case 'BUSY':
      return 'busy';
    case 'NO_CONNECTION':
      return 'no_connection';
    case 'COMPLETE':
      if (s.kind === 'payment') return 'cancelled';
      return s.signatureId !== undefined || s.promptButton !== undefined || s.inputValue !== undefined
        ? 'completed'
        : 'cancelled';
    default:
      return null;
  }
}

function bump(prev: RequestSnapshot, next: RequestSnapshot, now: Date): RequestSnapshot {
  next.version = prev.version + 1;
  next.updatedAt = now.toISOString();
  return next;
}

/** Returns `snapshot` itself when the event changes nothing, else a new snapshot one version on. */
export function reduceRequest(snapshot: RequestSnapshot, event: RequestEvent, now: Date): RequestSnapshot {
  if (snapshot.outcome !== null) return snapshot; // rule 1

  switch (event.type) {
    case 'status': {
      if (!isKnownStatus(event.status)) return snapshot;
      const next: RequestSnapshot = { ...snapshot };
      let changed = false;
      if (STATUS_RANK[event.status] > STATUS_RANK[snapshot.status]) {
        next.status = event.status;
        changed = true;
      }
      // The first value reported wins: a late report never overwrites what a page already saw.
      const transactionId = event.transactionId === undefined ? undefined : Number(event.transactionId);
      if (transactionId !== undefined && Number.isSafeInteger(transactionId) && next.transactionId === undefined) {
        next.transactionId = transactionId;
        changed = true;
      }
      for (const key of ['signatureId', 'promptButton', 'inputValue'] as const) {
        const value = event[key];
        if (typeof value === 'string' && next[key] === undefined) {
          next[key] = value;
          changed = true;
        }
      }
      if (!changed) return snapshot;
      next.outcome = deriveOutcome(next);
      return bump(snapshot, next, now);
    }

    case 'transaction': {
      const t = event.transaction;
      if (snapshot.transactionId !== undefined && snapshot.transactionId !== t.transactionId) return snapshot;
      if (snapshot.transaction && JSON.stringify(snapshot.transaction) === JSON.stringify(t)) return snapshot;
      const next: RequestSnapshot = { ...snapshot, transactionId: t.transactionId, transaction: t };
      next.outcome = deriveOutcome(next);
      return bump(snapshot, next, now);
    }

    case 'timeout': {
      const next: RequestSnapshot = { ...snapshot };
      if (snapshot.transaction) {
        // The card was read and the result is known; only the terminal's last screen is missing.
        next.outcome = outcomeOfTransaction(snapshot.transaction);
      } else if (snapshot.transactionId !== undefined) {
        next.outcome = 'error';
        next.error = {
          code: 'transaction_unknown',
          message: `The terminal made transaction ${snapshot.transactionId} but its result could not be read. Look it up before you try again.`,
        };
      } else {
        next.outcome = 'timeout';
        next.error = {
          code: 'timeout',
          message: 'The terminal did not finish in time. Check the terminal before you try again.',
        };
      }
      return bump(snapshot, next, now);
    }

    case 'error': {
      const next: RequestSnapshot = { ...snapshot, outcome: 'error', error: { code: event.code, message: event.message } };
      return bump(snapshot, next, now);
    }
  }
}
