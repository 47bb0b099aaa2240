/**
 * The request-status reducer: one pure function that turns PayJunction's status reports (webhooks
 * and polls, which may arrive late, twice or out of order) into the snapshot every page sees.
 *
 * Rules, in the order they protect money:
 * 1. An ended snapshot (outcome set) never changes again, with one exception: an end that may hide
 *    money (`timeout`, `error`, `in_doubt`, `no_connection`: OPEN_OUTCOMES) while the relay still
 *    watches (`watchUntil`) takes the outcome of a transaction that turns up late. A real charge is
 *    never hidden behind "timed out" or "offline". Reports after such an end still move the status
 *    forward (a terminal reached after NO_CONNECTION shows IN_PROGRESS), but only a transaction
 *    changes the outcome.
 * 2. Once a payment has a transactionId, only the transaction decides its outcome: a late BUSY or a
 *    COMPLETE that lost its transactionId can never turn a real charge into "cancelled".
 * 3. Status only moves forward (CONNECTING → NO_CONNECTION → IN_PROGRESS → BUSY or COMPLETE);
 *    unknown statuses are ignored; a report that changes nothing changes no version. NO_CONNECTION
 *    ranks below IN_PROGRESS: PayJunction does not say a request cannot reach its terminal later, and
 *    a stale NO_CONNECTION never undoes an IN_PROGRESS.
 */
import {
  isOpenOutcome,
  type RequestKind,
  type RequestOutcome,
  type RequestSnapshot,
  type TransactionView,
} from './relay-contract.js';
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
  | { type: 'timeout'; watchUntil?: string }
  /** Something outside the terminal ended the request (the details could not be fetched, say). */
  | { type: 'error'; code: string; message: string; watchUntil?: string }
  /** An attempt whose answer was lost, and that no PayJunction report could be matched to (in time, or rightly). */
  | { type: 'in_doubt'; watchUntil?: string }
  /** The lost attempt was found among PayJunction's reports: it is an ordinary request again. */
  | { type: 'adopted' }
  /** The transaction reported for this request does not match it (terminal, amount or time): forget it. */
  | { type: 'reject_transaction'; transactionId: number }
  /** The late watch after an open end is over: nothing will change any more. */
  | { type: 'settle' };

export const MESSAGES = {
  timeout:
    'The terminal did not finish in time. It was sent back to its main screen; a late result will still show here. Check the terminal before you try again.',
  inDoubt:
    'We could not confirm whether the terminal received this payment. Look at the terminal and check the latest transaction before you charge again.',
  transactionUnknown: (id: number) =>
    `The terminal made transaction ${id} but its result could not be read. Look it up before you try again.`,
} as const;

const STATUS_RANK: Record<PjRequestStatus, number> = {
  CONNECTING: 0,
  NO_CONNECTION: 1,
  IN_PROGRESS: 2,
  BUSY: 3,
  COMPLETE: 3,
};

export function isKnownStatus(status: string): status is PjRequestStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_RANK, status);
}

/** A status that ends the request as it stands: BUSY, COMPLETE, or NO_CONNECTION (see isFinalStatus). */
export function isEndStatus(status: PjRequestStatus): boolean {
  return status === 'NO_CONNECTION' || isFinalStatus(status);
}

/**
 * A status PayJunction reports nothing after: BUSY (its one documented end state) and COMPLETE. Not
 * NO_CONNECTION: whether the request may still reach the terminal is not documented.
 */
export function isFinalStatus(status: PjRequestStatus): boolean {
  return STATUS_RANK[status] === 3;
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
    createdAt: init.now.toISOString(),
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
  // Still in doubt (followed only by elimination, not by a matching transaction): an end without a
  // transaction may be another request's end, so it proves nothing about this payment.
  if (s.inDoubt && isEndStatus(s.status)) return 'in_doubt';
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
  const open = isOpenOutcome(snapshot.outcome) && snapshot.watchUntil !== undefined;
  if (snapshot.outcome !== null && !open) return snapshot; // rule 1

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
      // After an open end only a transaction may change the outcome (rule 1).
      if (!open) next.outcome = deriveOutcome(next);
      if (next.outcome === 'in_doubt') next.error = { code: 'in_doubt', message: MESSAGES.inDoubt };
      if (next.transaction && next.outcome !== null) delete next.inDoubt; // its own transaction: found
      return bump(snapshot, next, now);
    }

    case 'transaction': {
      const t = event.transaction;
      if (snapshot.transactionId !== undefined && snapshot.transactionId !== t.transactionId) return snapshot;
      if (snapshot.transaction && JSON.stringify(snapshot.transaction) === JSON.stringify(t)) return snapshot;
      const next: RequestSnapshot = { ...snapshot, transactionId: t.transactionId, transaction: t };
      if (open) {
        // The late result: the terminal was already sent back, so the transaction alone decides.
        next.outcome = outcomeOfTransaction(t);
        delete next.error;
        delete next.watchUntil;
        delete next.inDoubt;
      } else {
        next.outcome = deriveOutcome(next);
        // The relay attaches only a transaction that matches the attempt: it is this payment's.
        if (next.outcome !== null && next.outcome !== 'in_doubt') delete next.inDoubt;
      }
      return bump(snapshot, next, now);
    }

    case 'timeout': {
      if (open) return snapshot;
      const next: RequestSnapshot = { ...snapshot };
      if (snapshot.transaction) {
        // The card was read and the result is known; only the terminal's last screen is missing.
        next.outcome = outcomeOfTransaction(snapshot.transaction);
        return bump(snapshot, next, now);
      }
      if (snapshot.inDoubt) return endInDoubt(snapshot, event.watchUntil, now);
      if (snapshot.transactionId !== undefined) {
        next.outcome = 'error';
        next.error = { code: 'transaction_unknown', message: MESSAGES.transactionUnknown(snapshot.transactionId) };
      } else {
        next.outcome = 'timeout';
        next.error = { code: 'timeout', message: MESSAGES.timeout };
      }
      if (event.watchUntil !== undefined) next.watchUntil = event.watchUntil;
      return bump(snapshot, next, now);
    }

    case 'in_doubt': {
      // The relay decides: a lost attempt not found in time, or a report it adopted that proved not to be it.
      if (open) return snapshot;
      return endInDoubt(snapshot, event.watchUntil, now);
    }

    case 'error': {
      if (open) return snapshot;
      const next: RequestSnapshot = {
        ...snapshot,
        outcome: 'error',
        error: { code: event.code, message: event.message },
      };
      if (event.watchUntil !== undefined) next.watchUntil = event.watchUntil;
      return bump(snapshot, next, now);
    }

    case 'adopted': {
      if (!snapshot.inDoubt) return snapshot;
      const next: RequestSnapshot = { ...snapshot };
      delete next.inDoubt;
      return bump(snapshot, next, now);
    }

    case 'reject_transaction': {
      if (snapshot.transactionId !== event.transactionId) return snapshot;
      const next: RequestSnapshot = { ...snapshot };
      delete next.transactionId;
      delete next.transaction;
      return bump(snapshot, next, now);
    }

    case 'settle': {
      if (!open) return snapshot;
      const next: RequestSnapshot = { ...snapshot };
      delete next.watchUntil;
      return bump(snapshot, next, now);
    }
  }
}

function endInDoubt(snapshot: RequestSnapshot, watchUntil: string | undefined, now: Date): RequestSnapshot {
  const next: RequestSnapshot = {
    ...snapshot,
    outcome: 'in_doubt',
    inDoubt: true,
    error: { code: 'in_doubt', message: MESSAGES.inDoubt },
  };
  if (watchUntil !== undefined) next.watchUntil = watchUntil;
  return bump(snapshot, next, now);
}
