/**
 * What `<pj-terminal-pay>` says for each state of its payment: pure functions of the state and the
 * element's words, so `render()` only lays them out. Every word comes from `TerminalPayStrings` and
 * the locale's shared tables (`Words`): the relay's error words, the decline guidance and the button
 * labels are each read in one place.
 */
import {
  startsOver,
  type Ended,
  type InDoubt,
  type Live,
  type PaymentState,
  type RelayProblem,
} from '../../core/payment-state.js';
import { declineWords, type DeclineCatalogue } from '../../locales/declines.js';
import type { TerminalPayStrings } from '../../locales/en/terminal-pay.js';
import { format } from '../../locales/locale.js';
import { relayErrorText, type RelayErrorWords } from '../../locales/relay-errors.js';
import type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';

export type Tone = '' | 'ok' | 'bad' | 'warn';

/** The status box: a headline, the lines under it, and its tone. */
export interface StatusView {
  head: string;
  tone: Tone;
  lines: string[];
}

/** A status box. */
export const view = (head: string, tone: Tone = '', lines: string[] = []): StatusView => ({ head, tone, lines });

/** The tables every element shares, from the page's locale (none on an English page: the relay's words). */
export interface Words {
  declines?: DeclineCatalogue | undefined;
  relayErrors?: RelayErrorWords | undefined;
}

/** A relay error in the cashier's words: ours when it could not be reached, else the locale's (or the relay's own). */
export function relayMessage(error: RelayProblem, s: TerminalPayStrings, words: Words): string {
  return error.status === 0 ? s.network : relayErrorText(error, words.relayErrors);
}

/** What a decline means for the cashier: its guidance in the page's language, else what the code means. */
export function declineGuidance(transaction: TransactionView | undefined, words: Words): string {
  if (!transaction) return '';
  const { guidance, meaning } = declineWords(transaction, words.declines);
  return guidance || meaning;
}

/** Why the last cancel failed, shown under the buttons until the next payment. */
export function cancelNote(state: PaymentState, s: TerminalPayStrings, words: Words): string | undefined {
  const error = state.cancelError;
  return error && format(s.cancelFailed, { message: relayMessage(error, s, words) });
}

/** The pay button's words: pay, pay again, send the same attempt again, or start over after an approval or a doubt. */
export function payLabel(state: PaymentState, s: TerminalPayStrings, refund: boolean, total: string): string {
  if (startsOver(state)) return state.status === 'ended' ? s.newPayment : s.newCharge;
  if (state.status === 'failed' && state.retry) return s.retrySame;
  const again = state.status === 'failed' || state.status === 'ended';
  return format(refund ? (again ? s.payAgainRefund : s.payRefund) : again ? s.payAgain : s.pay, { amount: total });
}

/**
 * The status box for every state of the payment. `money` formats an amount in the element's language;
 * `idle` is the element's own view when nothing is paid (the amount, the terminal).
 */
export function statusView(
  state: PaymentState,
  s: TerminalPayStrings,
  words: Words,
  money: (amount: string) => string,
  idle: () => StatusView,
): StatusView {
  switch (state.status) {
    case 'idle':
      return idle();
    case 'starting':
      return view(state.cancel === 'asked' ? s.cancelling : s.starting);
    case 'failed':
      return view(relayMessage(state.error, s, words), 'bad');
    case 'live':
      return liveView(state, s);
    case 'in_doubt':
      // Lost by the relay: no end was ever seen.
      return state.snapshot?.outcome ? endView(state, state.snapshot, s, words, money) : view(s.notFound, 'bad');
    case 'ended':
      return endView(state, state.snapshot, s, words, money);
  }
}

/** Picks the refund wording for a refund request. */
const worded = (snapshot: RequestSnapshot) => (charge: string, refund: string) =>
  snapshot.action === 'REFUND' ? refund : charge;

function liveView(state: Live, s: TerminalPayStrings): StatusView {
  const snapshot = state.snapshot;
  if (!snapshot) return view(s.resuming);
  const r = worded(snapshot);
  const t = snapshot.transaction;
  if (snapshot.inDoubt) return view(s.checking, 'warn', [s.lookAtTerminal]);
  if (state.cancel === 'sent' && !snapshot.transactionId) return view(s.cancelling);
  if (t) return view(t.approved ? r(s.finishingApproved, s.finishingApprovedRefund) : s.finishingDeclined);
  if (snapshot.transactionId !== undefined) return view(s.processing);
  return view(snapshot.status === 'IN_PROGRESS' ? r(s.waiting, s.waitingRefund) : s.connecting);
}

function endView(
  state: InDoubt | Ended,
  snapshot: RequestSnapshot,
  s: TerminalPayStrings,
  words: Words,
  money: (amount: string) => string,
): StatusView {
  const r = worded(snapshot);
  const t = snapshot.transaction;
  const late = state.status === 'ended' && state.lateResult ? [s.lateResult] : [];
  const watching = snapshot.watchUntil ? [s.stillWatching] : [];
  const cancelPressed = state.cancel !== 'none';
  switch (snapshot.outcome) {
    case 'approved': {
      const lines = [...late];
      if (t?.cardType && t.lastFour) lines.push(format(s.card, { card: t.cardType, last4: t.lastFour }));
      if (t?.approvalCode) lines.push(format(s.approvalCode, { code: t.approvalCode }));
      if (t) lines.push(format(s.transaction, { id: t.transactionId }));
      if (cancelPressed) lines.push(s.tooLateToCancel);
      return view(format(r(s.approved, s.approvedRefund), { amount: money(t?.amountTotal ?? '') }), 'ok', lines);
    }
    case 'declined':
      return view(format(r(s.declined, s.declinedRefund), { code: t?.code ?? '' }), 'bad', [
        ...late,
        declineGuidance(t, words),
      ]);
    case 'cancelled':
      return view(
        cancelPressed ? r(s.cancelled, s.cancelledRefund) : r(s.cancelledOnTerminal, s.cancelledOnTerminalRefund),
        'warn',
      );
    case 'busy':
      return view(s.busy, 'warn');
    case 'no_connection':
      return view(s.noConnection, 'warn');
    case 'timeout':
      return view(s.timeout, 'warn', watching);
    case 'in_doubt':
      return view(s.inDoubt, 'warn', [s.lookAtTerminal, ...watching]);
    default: {
      const error = snapshot.error ?? { code: snapshot.outcome ?? 'error', message: snapshot.outcome ?? '' };
      return view(format(s.error, { message: relayErrorText(error, words.relayErrors) }), 'bad', watching);
    }
  }
}
