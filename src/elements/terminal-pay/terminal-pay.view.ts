/**
 * What `<pj-terminal-pay>` says for each state of its payment: pure functions of the state and the
 * element's words, so `render()` only lays them out. Every word comes from `TerminalPayStrings`, the
 * request states it shares with `<pj-tx-status>` (their words and tones: ../common/request-states.ts)
 * and the locale's shared tables (`Words`): the relay's error words, the decline guidance and the
 * button labels are each read in one place.
 */
import { startsOver, type Ended, type InDoubt, type Live, type PaymentState } from '../../core/payment-state.js';
import { declineWords } from '../../locales/declines.js';
import type { RequestStateStrings } from '../../locales/en/request-states.js';
import type { TerminalPayStrings } from '../../locales/en/terminal-pay.js';
import { format } from '../../locales/locale.js';
import type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';
import {
  outcomeState,
  phaseState,
  relayMessage,
  stated,
  stateView,
  transactionState,
  view,
  type StatusView,
  type Words,
} from '../common/request-states.js';

/** What a decline means for the cashier: its guidance in the page's language, else what the code means. */
export function declineGuidance(transaction: TransactionView | undefined, words: Words): string {
  if (!transaction) return '';
  const { guidance, meaning } = declineWords(transaction, words.declines);
  return guidance || meaning;
}

/**
 * The pay button's words: pay, pay again, send the same attempt again, or start over after an approval,
 * a decline that says not to run the same card again, or a doubt. `total` is undefined while the amount
 * is not valid: the label then names no amount (never what was typed).
 */
export function payLabel(state: PaymentState, s: TerminalPayStrings, refund: boolean, total?: string): string {
  if (startsOver(state)) return state.status === 'in_doubt' ? s.newCharge : s.newPayment;
  if (state.status === 'failed' && state.retry) return s.retrySame;
  const again = total !== undefined && (state.status === 'failed' || state.status === 'ended');
  const label = refund ? (again ? s.payAgainRefund : s.payRefund) : again ? s.payAgain : s.pay;
  return format(label, { amount: total ?? '' }).trim();
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
      return view(relayMessage(state.error, s, words.relayErrors), 'bad');
    case 'live':
      return liveView(state, s, words.states);
    case 'in_doubt':
      // Lost by the relay: no end was ever seen.
      return state.snapshot?.outcome
        ? endView(state, state.snapshot, s, words, money)
        : stated(stateView('lost', words.states, { requestId: state.requestId }));
    case 'ended':
      return endView(state, state.snapshot, s, words, money);
  }
}

function liveView(state: Live, s: TerminalPayStrings, states: RequestStateStrings): StatusView {
  const snapshot = state.snapshot;
  if (!snapshot) return view(s.resuming);
  const refund = snapshot.action === 'REFUND';
  const t = snapshot.transaction;
  if (!snapshot.inDoubt && state.cancel === 'sent' && !snapshot.transactionId) return view(s.cancelling);
  // The result is known (and <pj-tx-status> shows it): its tone, while the terminal finishes.
  if (!snapshot.inDoubt && t) {
    const { tone } = stateView(transactionState(t), states);
    return view(t.approved ? (refund ? s.finishingApprovedRefund : s.finishingApproved) : s.finishingDeclined, tone);
  }
  const { label, tone } = stateView(phaseState(snapshot), states, snapshot);
  return view(label, tone, snapshot.inDoubt ? [s.lookAtTerminal] : []);
}

function endView(
  state: InDoubt | Ended,
  snapshot: RequestSnapshot,
  s: TerminalPayStrings,
  words: Words,
  money: (amount: string) => string,
): StatusView {
  const t = snapshot.transaction;
  const late = state.status === 'ended' && state.lateResult ? [s.lateResult] : [];
  const watching = snapshot.watchUntil ? [s.stillWatching] : [];
  const cancelPressed = state.cancel !== 'none';
  const shown = stateView(outcomeState(snapshot), words.states, snapshot, words.relayErrors);
  if (t && (snapshot.outcome === 'approved' || snapshot.outcome === 'declined')) {
    const head = format(words.states.result, { status: shown.label, amount: money(t.amountTotal) });
    const card = t.cardType && t.lastFour ? [format(s.card, { card: t.cardType, last4: t.lastFour })] : [];
    if (transactionState(t) === 'declined') {
      return view(head, shown.tone, [
        ...late,
        declineGuidance(t, words),
        ...card,
        format(s.responseCode, { code: t.code }),
      ]);
    }
    const lines = [...late, ...card];
    // The tip the customer gave on the terminal, as the transaction reports it (absent or zero: none).
    if (t.amountTip && /[1-9]/.test(t.amountTip)) lines.push(format(s.tip, { tip: money(t.amountTip) }));
    if (t.approvalCode) lines.push(format(s.approvalCode, { code: t.approvalCode }));
    lines.push(format(s.transaction, { id: t.transactionId }));
    if (cancelPressed) lines.push(s.tooLateToCancel);
    return view(head, shown.tone, lines);
  }
  if (shown.state === 'cancelled' && !cancelPressed) return stated(shown, s.cancelledOnTerminal);
  return stated(shown, ...watching);
}
