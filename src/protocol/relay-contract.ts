/**
 * The relay's HTTP contract (README.md, "The relay's HTTP API"): what the elements send and
 * receive. One definition, imported by the browser client and by the relay's routes.
 */
import { describeDecline, type DeclineInfo } from './declines.js';
import type { FieldError, Money, PjAction, PjRequestStatus, PjTransaction } from './wire.js';

export type RequestKind = 'payment' | 'signature' | 'prompt' | 'input';

/**
 * How a request ended. `completed` is for signature, prompt and input requests that returned their
 * value (a signature is neither approved nor declined).
 */
export type RequestOutcome =
  | 'approved'
  | 'declined'
  | 'cancelled'
  | 'completed'
  | 'busy'
  | 'no_connection'
  | 'timeout'
  | 'error'
  /**
   * The relay could not learn whether PayJunction received the attempt (its answer was lost, or the
   * relay died while sending) and no report of it arrived in time. The cashier must look at the
   * terminal before charging again.
   */
  | 'in_doubt';

/**
 * Ends that may hide money: the relay keeps watching after them (`watchUntil`), and a transaction
 * that turns up late replaces them with its own outcome — the one change allowed after an end.
 * `no_connection` is one: PayJunction calls only BUSY an end state
 * (https://developer.payjunction.com/hc/en-us/articles/115002306833) and does not say whether a
 * request may still reach its terminal after NO_CONNECTION, so nobody can promise it never will.
 */
export const OPEN_OUTCOMES: readonly RequestOutcome[] = ['timeout', 'error', 'in_doubt', 'no_connection'];

/** What a browser may see of a transaction: no full card number, no billing address, no vault id. */
export interface TransactionView {
  transactionId: number;
  action: PjAction;
  status: string;
  approved: boolean;
  code: string;
  message: string;
  approvalCode?: string;
  amountBase: Money;
  amountTip: Money;
  amountTax: Money;
  amountShipping: Money;
  amountSurcharge: Money;
  amountTotal: Money;
  cardType?: string;
  lastFour?: string;
  paymentType?: 'CARD' | 'ACH';
  invoiceNumber?: string;
  scheduleId?: number;
  created: string;
  /**
   * For a declined transaction: what the code means and what the merchant should do. The relay
   * attaches it from the catalogue, so pages show the guidance without shipping the catalogue.
   */
  decline?: DeclineInfo;
}

/** The request snapshot every page sees, over GET and over SSE. `version` only ever grows. */
export interface RequestSnapshot {
  requestId: string;
  kind: RequestKind;
  smartTerminalId: string;
  action?: PjAction;
  status: PjRequestStatus;
  outcome: RequestOutcome | null;
  transactionId?: number;
  transaction?: TransactionView;
  signatureId?: string;
  promptButton?: string;
  inputValue?: string;
  /** Set with outcome `error`, `timeout` or `in_doubt`: what went wrong, in words a cashier understands. */
  error?: { code: string; message: string };
  /**
   * The attempt's answer from PayJunction was lost: the relay does not know yet whether the terminal
   * got it, and is looking for it among PayJunction's reports. Cleared once it is found.
   */
  inDoubt?: true;
  /**
   * After a `timeout`, `error`, `in_doubt` or `no_connection` end: the relay still watches for a late
   * transaction until this time (ISO-8601). Cleared (a new version) when the watch ends or the
   * transaction arrives.
   */
  watchUntil?: string;
  version: number;
  /**
   * When the relay started the request (ISO-8601; for a lost attempt, when it was sent): where a
   * page that resumes the request, e.g. after a reload, starts its elapsed timer. Older relays leave
   * it out (a page then counts from when it began to follow).
   */
  createdAt?: string;
  updatedAt: string;
}

/**
 * How many requests one `GET /pj/events` stream may watch (`?watch=`); more is a 400 `too_many_watched`.
 * It keeps the URL short and one stream's work bounded. A page watching more at once gets the 400 and
 * follows them by GET snapshots instead.
 */
export const MAX_WATCHED_PER_STREAM = 50;

/**
 * `event: lost` on a stream: the relay does not know this request (any id that is not one of its
 * requests, malformed ones included), or lost its record. Nothing more will come about it.
 */
export interface StreamLostEvent {
  requestId: string;
  error: { code: 'not_found' | 'request_lost'; message: string };
}

/**
 * POST /pj/payments body. Money is a decimal string. No `amountTip`: the terminal asks the customer
 * for a tip when `allowTips` is true (and its device settings offer tips), and the transaction
 * reports the tip given; `amountTip` is refused with a field error (./payment.ts, checkTips).
 */
export interface PaymentRequestBody {
  smartTerminalId: string;
  amountBase: Money;
  allowTips?: boolean;
  amountTax?: Money;
  amountShipping?: Money;
  invoiceNumber?: string;
  action?: PjAction;
}

export interface RelayErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldError[];
    decline?: { code: string; message: string; guidance?: string; retry?: string };
  };
}

export interface RelayHealth {
  ok: boolean;
  mode: 'simulator' | 'labs' | 'production';
  delivery: 'webhooks' | 'polling';
  /**
   * Where live requests and idempotency keys are kept: one process's memory, a Redis that persists
   * its data, or a Redis that loses them on a restart ('redis-volatile'); 'custom' for a host's own store.
   */
  store: 'memory' | 'redis' | 'redis-volatile' | 'custom';
}

/**
 * Nothing will change any more: an outcome, and no late watch. Streams end here; a page may stop
 * listening. (An outcome with `watchUntil` is an end the cashier sees, but a late transaction may
 * still replace it.)
 */
export function isFinalSnapshot(s: Pick<RequestSnapshot, 'outcome' | 'watchUntil'>): boolean {
  return s.outcome !== null && s.watchUntil === undefined;
}

/** An end that a late transaction may still replace (see OPEN_OUTCOMES). */
export function isOpenOutcome(outcome: RequestOutcome | null): boolean {
  return outcome !== null && OPEN_OUTCOMES.includes(outcome);
}

/**
 * Whether running the same card again now may work, by a decline's `retry` (DeclineRetry, the
 * catalogue of ./declines.ts): a passing problem (`yes`) or one put right at the terminal
 * (`fix_and_retry`: the PIN typed again, the amount checked). Every other decline says not to (wait,
 * or ask for another card), so a cashier's next step is a new payment, not the same one again. A
 * missing `retry` counts as "do not". (Here rather than in ./declines.ts, so a page that reads a
 * transaction's `decline` does not load the catalogue.)
 */
export function mayRetrySameCard(retry: string | undefined): boolean {
  return retry === 'yes' || retry === 'fix_and_retry';
}

/**
 * A transaction id as `GET /transactions/{id}` takes it: digits only, at most 15 (PayJunction's ids
 * are integers). The relay answers any other id 404 without asking PayJunction; a page refuses it
 * before sending.
 */
export function isTransactionId(id: string): boolean {
  return /^\d{1,15}$/.test(id);
}

/** The merchant-safe view of a PayJunction transaction. */
export function toTransactionView(t: PjTransaction): TransactionView {
  const view: TransactionView = {
    transactionId: Number(t.transactionId),
    action: t.action,
    status: t.status,
    approved: t.response?.approved === true,
    code: t.response?.code ?? '',
    message: t.response?.message ?? '',
    amountBase: t.amountBase,
    amountTip: t.amountTip ?? '0.00',
    amountTax: t.amountTax ?? '0.00',
    amountShipping: t.amountShipping ?? '0.00',
    amountSurcharge: t.amountSurcharge ?? '0.00',
    amountTotal: t.amountTotal,
    created: t.created,
  };
  if (t.response?.processor?.approvalCode) view.approvalCode = t.response.processor.approvalCode;
  if (t.vault?.accountType) view.cardType = t.vault.accountType;
  if (t.vault?.lastFour) view.lastFour = t.vault.lastFour;
  if (t.vault?.type) view.paymentType = t.vault.type;
  if (t.invoiceNumber) view.invoiceNumber = t.invoiceNumber;
  if (t.scheduleId !== undefined) view.scheduleId = Number(t.scheduleId);
  if (!view.approved || t.status === 'DECLINED') view.decline = describeDecline(view.code);
  return view;
}
