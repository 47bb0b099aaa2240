/**
 * One terminal payment on one element, as one value (`PaymentState`), and the pure steps that move it.
 * Each step returns the next state (the same object when nothing changes) and what it implies, in
 * order: the events to fire and the calls to make (`Effect`). No DOM, no network, no clock (the
 * caller passes the time): `PaymentController` runs the steps on a page against the relay, and
 * test/node/core-payment-state.test.ts runs them in Node. A signature, prompt or input request
 * (`<pj-terminal-request>`) goes through the same states; only its end is announced by its own events.
 *
 * The rules that protect money:
 * - One attempt, one idempotency key. After a failure the relay may have acted on (no answer, a 5xx)
 *   the attempt is kept: the same payment sent again reuses its key, so the relay never charges twice.
 * - No second payment while one may be live: `pay` does nothing while starting, live or in doubt.
 * - An end that may hide a charge (`timeout`, `error`, `in_doubt`, or a request the relay lost) is
 *   `in_doubt`: only a late result or a deliberate `reset` leaves it, and a charge after that is a
 *   new attempt with a new key.
 * - Each request's end is announced once; after an in-doubt end, the late result (the real one) once.
 */
import { pjErrorDetail, type PjErrorDetail } from '../events/pj-error.js';
import type { PjPaymentApprovedEvent } from '../events/pj-payment-approved.js';
import type { PjPaymentCancelledEvent } from '../events/pj-payment-cancelled.js';
import type { PjPaymentDeclinedEvent } from '../events/pj-payment-declined.js';
import type { PjRequestCancelledEvent } from '../events/pj-request-cancelled.js';
import { requestResult, type PjRequestCompletedDetail } from '../events/pj-request-completed.js';
import type { PjRequestStatusEvent } from '../events/pj-request-status.js';
import { isOpenOutcome, mayRetrySameCard, type RequestSnapshot } from '../protocol/relay-contract.js';
import type { LiveRequestState } from './live-request.js';
import type { FieldError } from '../protocol/wire.js';

/** One payment as sent to the relay: its idempotency key and its JSON body (only the same body reuses the key). */
export interface Attempt {
  key: string;
  body: string;
}

/** A relay error, as RelayClientError carries it (`status` 0: the relay could not be reached). */
export interface RelayProblem {
  status: number;
  code: string;
  message: string;
  fields: FieldError[];
}

/** The cashier's cancel: not pressed, pressed before the relay had the request, sent, or refused by the relay. */
export type CancelStep = 'none' | 'asked' | 'sent' | 'failed';

/** The states without a request: they name none, so `state.requestId` reads on every state. */
interface NoRequest {
  requestId?: undefined;
  snapshot?: undefined;
  cancelError?: undefined;
}

/** A request the element follows: one it started, or one given by `request-id`. */
interface Following {
  requestId: string;
  /** The newest snapshot seen (none yet when following a given request). */
  snapshot?: RequestSnapshot;
  /**
   * When the cashier paid (Date.now()): the elapsed timer's start. For a request given by `request-id`,
   * when the relay started it (the snapshot's `createdAt`), else when the element began to follow.
   */
  startedAt: number;
  /** Given by `request-id` (e.g. after a reload), not paid here: its first snapshot says when it started. */
  resumed?: true;
  cancel: CancelStep;
  /** Why the last cancel failed. */
  cancelError?: RelayProblem;
}

/** On its way to the terminal or on it: pay is refused, cancel is offered. Its snapshots have no outcome. */
export type Live = Following & { status: 'live' };
/**
 * Ended in a way that may hide a charge (timeout, error, in_doubt: the relay still watches for a late
 * transaction), or the relay no longer knows the request (`lost`, no snapshot end).
 */
export type InDoubt = Following & { status: 'in_doubt'; lost?: 'not_found' | 'request_lost' };
/** A definite end. `lateResult`: it replaced an in-doubt end. */
export type Ended = Following & { status: 'ended'; snapshot: RequestSnapshot; lateResult: boolean };

/** POST /payments is on its way. A cancel pressed now is sent once the relay has the request. */
export type Starting = NoRequest & {
  status: 'starting';
  attempt: Attempt;
  startedAt: number;
  cancel: 'none' | 'asked';
};

export type PaymentState =
  /** `last`: the request shown before; following it again shows it again without announcing its end twice. */
  | (NoRequest & { status: 'idle'; last?: InDoubt | Ended })
  | Starting
  /** The relay refused the payment or did not answer. `retry`: the attempt to send again with the same key. */
  | (NoRequest & { status: 'failed'; error: RelayProblem; retry?: Attempt })
  | Live
  | InDoubt
  | Ended;

/** A payment is on its way or on the terminal. */
export const lives = (state: PaymentState): state is Starting | Live =>
  state.status === 'starting' || state.status === 'live';

/**
 * The pay button must not charge from here, after an approval, an end that may hide a charge, or a
 * decline whose guidance says not to run the same card again (`mayRetrySameCard`: wait, or ask for
 * another card): it goes back to idle first (`reset`), so the next charge is a deliberate new payment.
 * The relay attaches the catalogue's `decline` to a declined transaction; without one, no retry.
 */
export const startsOver = (state: PaymentState): boolean => {
  if (state.status === 'in_doubt') return true;
  if (state.status !== 'ended') return false;
  const { outcome, transaction } = state.snapshot;
  return outcome === 'approved' || (outcome === 'declined' && !mayRetrySameCard(transaction?.decline?.retry));
};

type Detail<E> = E extends CustomEvent<infer D> ? D : never;

/** An event the element fires (pj-error's `message` is left empty: the element words it). */
export type Announcement =
  | ['pj-request-status', Detail<PjRequestStatusEvent>]
  | ['pj-payment-approved', Detail<PjPaymentApprovedEvent>]
  | ['pj-payment-declined', Detail<PjPaymentDeclinedEvent>]
  | ['pj-payment-cancelled', Detail<PjPaymentCancelledEvent>]
  | ['pj-request-completed', PjRequestCompletedDetail]
  | ['pj-request-cancelled', Detail<PjRequestCancelledEvent>]
  | ['pj-error', PjErrorDetail];

/** How a request's end is announced (`endAnnouncement` for a payment, `requestEndAnnouncement` for the others). */
export type AnnounceEnd = (end: InDoubt | Ended) => Announcement;

/** What a step implies: an event, sending the attempt (POST /payments), or cancelling a request. */
export type Effect = Announcement | ['send', Attempt] | ['cancel', string];

/** The next state, then its effects in order. */
export type Step = [PaymentState, ...Effect[]];

/** The cashier pays `body` (its JSON). `freshKey` is used unless this sends the failed attempt again. */
export function pay(state: PaymentState, body: string, freshKey: string, now: number): Step {
  if (lives(state) || state.status === 'in_doubt') return [state];
  const attempt = state.status === 'failed' && state.retry?.body === body ? state.retry : { key: freshKey, body };
  return [{ status: 'starting', attempt, startedAt: now, cancel: 'none' }, ['send', attempt]];
}

/** The relay accepted the attempt `key` as request `requestId`; a cancel pressed meanwhile is sent now. */
export function accept(state: PaymentState, key: string, requestId: string): Step {
  if (state.status !== 'starting' || state.attempt.key !== key) return [state];
  const asked = state.cancel === 'asked';
  const live: Live = { status: 'live', requestId, startedAt: state.startedAt, cancel: asked ? 'sent' : 'none' };
  return asked ? [live, ['cancel', requestId]] : [live];
}

/** The relay refused the attempt `key`, or could not be reached. */
export function refuse(state: PaymentState, key: string, error: RelayProblem): Step {
  if (state.status !== 'starting' || state.attempt.key !== key) return [state];
  // No answer, or a 5xx: the relay may have started it, and only the same key can never charge twice.
  const retry = error.status === 0 || error.status >= 500 ? state.attempt : undefined;
  return [{ status: 'failed', error, retry }, ['pj-error', errorDetail(error.code, undefined, error)]];
}

/** Follow a given request (`request-id`, e.g. after a reload) instead of what is shown. */
export function follow(state: PaymentState, requestId: string, now: number): Step {
  if (state.requestId === requestId) return [state];
  // The request shown before "New payment": shown again as it was, its end not announced twice.
  if (state.status === 'idle' && state.last?.requestId === requestId) return [state.last];
  return [{ status: 'live', requestId, startedAt: now, cancel: 'none', resumed: true }];
}

/**
 * What the live request's store reports (src/core/live-request.ts): a newer snapshot, announced, and
 * the request's end once (an in-doubt end may still turn into its real result, announced once more);
 * or a 404, the relay no longer knows the live request (nobody can say how it ended).
 */
export function observe(
  state: PaymentState,
  { snapshot, error }: LiveRequestState,
  announce: AnnounceEnd = endAnnouncement,
): Step {
  // A request followed; a definite end never changes (src/protocol/request-state.ts, rule 1).
  if (state.status !== 'live' && state.status !== 'in_doubt') return [state];
  if (snapshot?.requestId === state.requestId && snapshot.version > (state.snapshot?.version ?? 0)) {
    const { outcome } = snapshot;
    const status: Announcement = ['pj-request-status', { snapshot }];
    // A resumed request's timer runs from when the relay started it, not from this page's load.
    const created = state.resumed && !state.snapshot ? Date.parse(snapshot.createdAt ?? '') : NaN;
    const startedAt = created < state.startedAt ? created : state.startedAt;
    if (!outcome) return [{ ...state, status: 'live', snapshot, startedAt }, status];
    if (isOpenOutcome(outcome)) {
      const inDoubt: InDoubt = { ...state, status: 'in_doubt', snapshot, startedAt };
      return state.status === 'live' ? [inDoubt, status, announce(inDoubt)] : [inDoubt, status];
    }
    const ended: Ended = {
      ...state,
      status: 'ended',
      snapshot,
      startedAt,
      lateResult: state.status === 'in_doubt',
    };
    return [ended, status, announce(ended)];
  }
  if (state.status !== 'live' || error?.status !== 404) return [state];
  const lost: InDoubt = {
    ...state,
    status: 'in_doubt',
    lost: error.code === 'request_lost' ? error.code : 'not_found',
  };
  return [lost, announce(lost)];
}

/** The cashier cancels: sent at once when the relay has the request, else once it has (`accept`). */
export function askCancel(state: PaymentState): Step {
  if (state.status === 'starting') return [{ ...state, cancel: 'asked' }];
  if (state.status !== 'live' || state.cancel === 'asked' || state.cancel === 'sent') return [state];
  return [{ ...state, cancel: 'sent' as const }, ['cancel', state.requestId]];
}

/** The relay refused the cancel of `requestId` (or could not be reached); it may be pressed again. */
export function cancelFailed(state: PaymentState, requestId: string, error: RelayProblem): Step {
  if (state.status !== 'live' || state.requestId !== requestId) return [state];
  return [{ ...state, cancel: 'failed', cancelError: error }, ['pj-error', errorDetail(error.code, requestId, error)]];
}

/** Back to idle (the "New payment" and "Start a new charge" buttons). Never while a payment lives. */
export function reset(state: PaymentState): Step {
  if (state.status === 'in_doubt' || state.status === 'ended') return [{ status: 'idle', last: state }];
  return [state.status === 'failed' ? { status: 'idle' } : state];
}

/** pj-error's detail, its message left empty (the element words it: `PaymentController`). */
function errorDetail(code: string, requestId?: string, error?: RelayProblem, status = error?.status): PjErrorDetail {
  return pjErrorDetail(code, '', { status, fields: error?.fields, requestId });
}

/**
 * How a signature, prompt or input request's end is announced (`<pj-terminal-request>`): the customer's
 * answer or the cancel in events of their own, any other end as a payment's (pj-error). Kept apart from
 * `endAnnouncement` so a page that only takes payments does not bundle it.
 */
export function requestEndAnnouncement(end: InDoubt | Ended): Announcement {
  const { snapshot } = end;
  if (snapshot?.outcome === 'completed') return ['pj-request-completed', requestResult(snapshot)];
  if (snapshot?.outcome === 'cancelled') return ['pj-request-cancelled', { snapshot }];
  return endAnnouncement(end);
}

/** How a payment's end is announced: its outcome's event, or pj-error for an end that moved no money for sure. */
function endAnnouncement(end: InDoubt | Ended): Announcement {
  const { requestId, snapshot } = end;
  const lost = end.status === 'in_doubt' ? end.lost : undefined;
  const { outcome, transaction } = snapshot ?? {};
  if (outcome === 'approved' && transaction) return ['pj-payment-approved', { snapshot: snapshot!, transaction }];
  if (outcome === 'cancelled') return ['pj-payment-cancelled', { snapshot: snapshot! }];
  if (outcome !== 'declined' || !transaction) {
    return [
      'pj-error',
      errorDetail(lost ?? snapshot?.error?.code ?? outcome ?? 'error', requestId, undefined, lost && 404),
    ];
  }
  const { code, message } = transaction;
  // The relay attaches the catalogue's entry; an older relay without it still gives a usable detail.
  const decline = transaction.decline ?? {
    code,
    message,
    guidance: message,
    retry: 'no',
    category: 'issuer',
    known: false,
  };
  return ['pj-payment-declined', { snapshot: snapshot!, transaction, decline }];
}
