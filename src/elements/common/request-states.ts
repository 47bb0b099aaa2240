/**
 * Each state a terminal request or a transaction can show, with its tone and its words, in one
 * place: `<pj-terminal-pay>`, `<pj-terminal-request>` and `<pj-tx-status>` all ask here, so "Terminal
 * busy" reads and looks the same in each (the words are the locale's `requestStates`,
 * src/locales/en/request-states.ts).
 * A tone is a colour: `ok` the success tokens, `bad` danger, `warn` warning, `''` neutral.
 */
import type { PaymentState, RelayProblem } from '../../core/payment-state.js';
import type { DeclineCatalogue } from '../../locales/declines.js';
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
  // The customer gave what was asked (a signature, a button, a value).
  completed: 'ok',
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

/** The tables every element shares, from the page's locale (none on an English page: the relay's words). */
export interface Words {
  states: RequestStateStrings;
  declines?: DeclineCatalogue | undefined;
  relayErrors?: RelayErrorWords | undefined;
}

/** The status box of `<pj-terminal-pay>` and `<pj-terminal-request>`: a headline, the lines under it, and its tone. */
export interface StatusView {
  head: string;
  tone: Tone;
  lines: string[];
}

/** A status box. */
export const view = (head: string, tone: Tone = '', lines: string[] = []): StatusView => ({ head, tone, lines });

/** A shared state as the status box shows it: its name as the headline, what it means under it. */
export const stated = ({ label, message, tone }: StateView, ...lines: string[]): StatusView =>
  view(label, tone, [message, ...lines].filter(Boolean));

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
 * cancelled words, a signature's, prompt's or input's own words where a payment's would speak of
 * money (`…Request`), the relay's error, the id of a request the relay does not know.
 */
export function stateView(
  state: RequestState,
  s: RequestStateStrings,
  snapshot?: Partial<Pick<RequestSnapshot, 'action' | 'error' | 'kind'>> & Pick<RequestSnapshot, 'requestId'>,
  relayErrors?: RelayErrorWords,
): StateView {
  const variant =
    snapshot?.action === 'REFUND' ? 'Refund' : snapshot?.kind && snapshot.kind !== 'payment' ? 'Request' : '';
  const words = s as unknown as Record<string, string | undefined>;
  const label = (variant && words[`${state}${variant}`]) || s[state];
  let message = (variant && words[`${state}${variant}Message`]) || words[`${state}Message`] || '';
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

/**
 * A relay error in the cashier's words: the element's own (`s.network`) when the relay could not be
 * reached, else the locale's (or the relay's own). One definition for terminal-pay and terminal-request.
 */
export function relayMessage(error: RelayProblem, s: { network: string }, relayErrors?: RelayErrorWords): string {
  return error.status === 0 ? s.network : relayErrorText(error, relayErrors);
}

/** Why the last cancel failed, shown under the buttons until the next attempt. */
export function cancelNote(
  state: PaymentState,
  s: { network: string; cancelFailed: string },
  relayErrors?: RelayErrorWords,
): string | undefined {
  const error = state.cancelError;
  return error && format(s.cancelFailed, { message: relayMessage(error, s, relayErrors) });
}
