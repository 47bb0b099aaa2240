/**
 * Each state a terminal request or a transaction can show, with its tone and its words, in one
 * place: `<pj-terminal-pay>` and `<pj-tx-status>` both ask here, so "Terminal busy" reads and looks
 * the same in both (the words are the locale's `requestStates`, src/locales/en/request-states.ts).
 * A tone is a colour: `ok` the success tokens, `bad` danger, `warn` warning, `''` neutral.
 */
import type { RequestStateStrings } from '../../locales/en/request-states.js';
import { format } from '../../locales/locale.js';
import { relayErrorText, type RelayErrorWords } from '../../locales/relay-errors.js';
import type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';

export type Tone = '' | 'ok' | 'bad' | 'warn';

/**
 * The tone of each state. Timeout, in doubt, busy, offline and cancelled are warnings: no money is
 * known to have moved.
 */
const TONES = {
  connecting: '',
  waiting: '',
  processing: '',
  checking: 'warn',
  approved: 'ok',
  refunded: 'ok',
  completed: '',
  declined: 'bad',
  error: 'bad',
  lost: 'bad',
  voided: 'warn',
  cancelled: 'warn',
  busy: 'warn',
  noConnection: 'warn',
  timeout: 'warn',
  inDoubt: 'warn',
} as const satisfies Record<string, Tone>;

export type RequestState = keyof typeof TONES;

/** The outcomes whose state has another name; every other outcome is the state of its own name (`busy`, `timeout`…). */
const OUTCOME_STATES: Record<string, RequestState | undefined> = {
  no_connection: 'noConnection',
  in_doubt: 'inDoubt',
};

/** What an element shows for a state: its name (a badge, a headline), what it means (may be empty) and its tone. */
export interface StateView {
  state: RequestState;
  label: string;
  message: string;
  tone: Tone;
}

/** A transaction's state: voided, declined, refunded (an approved refund) or approved. */
export function transactionState(t: TransactionView): RequestState {
  if (t.status === 'VOID') return 'voided';
  if (!t.approved || t.status === 'DECLINED') return 'declined';
  return t.action === 'REFUND' ? 'refunded' : 'approved';
}

/** A live request's phase: checking (its start is in doubt), connecting, waiting for the card, or processing it. */
export function phaseState(snapshot: RequestSnapshot | undefined): RequestState {
  if (snapshot?.inDoubt) return 'checking';
  if (snapshot?.transactionId !== undefined) return 'processing';
  return snapshot?.status === 'IN_PROGRESS' ? 'waiting' : 'connecting';
}

/**
 * A state's view. `snapshot` words the ones that depend on the request: a refund's own waiting and
 * cancelled words, the relay's error, the id of a request the relay does not know.
 */
export function stateView(
  state: RequestState,
  s: RequestStateStrings,
  snapshot?: Pick<RequestSnapshot, 'requestId' | 'action' | 'error'>,
  relayErrors?: RelayErrorWords,
): StateView {
  const refund = snapshot?.action === 'REFUND';
  const words = s as unknown as Record<string, string | undefined>;
  const label = (refund && words[`${state}Refund`]) || s[state];
  let message = (refund && words[`${state}RefundMessage`]) || words[`${state}Message`] || '';
  if (state === 'error' && snapshot?.error) message = relayErrorText(snapshot.error, relayErrors) || message;
  if (state === 'lost') message = format(message, { id: snapshot?.requestId ?? '' });
  return { state, label, message, tone: TONES[state] };
}

/** How a request ended, from its outcome (a transaction's own state when it has one). */
export function outcomeState(snapshot: RequestSnapshot): RequestState {
  const outcome = snapshot.outcome ?? 'error';
  const t = snapshot.transaction;
  if (t && (outcome === 'approved' || outcome === 'declined')) return transactionState(t);
  return OUTCOME_STATES[outcome] ?? (outcome in TONES ? (outcome as RequestState) : 'error');
}

/** Joins a headline and its lines into sentences for a screen reader ("Terminal busy. The terminal is…"). */
export function sentences(parts: string[]): string {
  return parts
    .filter(Boolean)
    .map((part) => (/[.!?…]$/.test(part) ? part : `${part}.`))
    .join(' ');
}
