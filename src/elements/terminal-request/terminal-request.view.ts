/**
 * What `<pj-terminal-request>` says for each state of its request: pure functions of the state and the
 * element's words, so `render()` only lays them out. The states are `<pj-terminal-pay>`'s
 * (src/core/payment-state.ts); the words are the request's own (`TerminalRequestStrings`).
 */
import type { Ended, InDoubt, Live, PaymentState, RelayProblem } from '../../core/payment-state.js';
import type { TerminalRequestKind } from '../../core/relay-client.js';
import type { TerminalRequestStrings } from '../../locales/en/terminal-request.js';
import { format } from '../../locales/locale.js';
import { relayErrorText, type RelayErrorWords } from '../../locales/relay-errors.js';
import type { RequestSnapshot } from '../../protocol/relay-contract.js';

/** The tone classes of `<pj-terminal-pay>`'s status box (terminal-pay.styles.ts), which this element shares. */
export type Tone = '' | 'ok' | 'bad' | 'warn';

/** The status box: a headline, the lines under it, and its tone. */
export interface StatusView {
  head: string;
  tone: Tone;
  lines: string[];
}

const view = (head: string, tone: Tone = '', lines: string[] = []): StatusView => ({ head, tone, lines });

/** `s[key + 'Signature' | 'Prompt' | 'Input']`: the words of one kind of request. */
export function byKind(
  s: TerminalRequestStrings,
  key: 'idle' | 'start' | 'waiting',
  kind: TerminalRequestKind,
): string {
  return s[`${key}${kind === 'signature' ? 'Signature' : kind === 'prompt' ? 'Prompt' : 'Input'}`];
}

/** A relay error in the cashier's words: ours when it could not be reached, else the locale's (or the relay's own). */
export function relayMessage(error: RelayProblem, s: TerminalRequestStrings, relayErrors?: RelayErrorWords): string {
  return error.status === 0 ? s.network : relayErrorText(error, relayErrors);
}

/** Why the last cancel failed, shown under the buttons until the next request. */
export function cancelNote(state: PaymentState, s: TerminalRequestStrings, relayErrors?: RelayErrorWords) {
  const error = state.cancelError;
  return error && format(s.cancelFailed, { message: relayMessage(error, s, relayErrors) });
}

/**
 * The start button's words: send the same attempt again after a network failure; "Ask again" after an
 * end of the kind it will ask; else what it will ask (`kind`: the element's, which may have changed since).
 */
export function startLabel(state: PaymentState, s: TerminalRequestStrings, kind: TerminalRequestKind): string {
  if (state.status === 'failed') return state.retry ? s.retrySame : s.askAgain;
  return state.snapshot?.outcome && state.snapshot.kind === kind ? s.askAgain : byKind(s, 'start', kind);
}

/** What the customer gave, in words: the signature, the button pressed or the value typed. */
function answer(snapshot: RequestSnapshot, s: TerminalRequestStrings): string | undefined {
  if (snapshot.signatureId !== undefined) return s.signed;
  if (snapshot.promptButton !== undefined) return format(s.answered, { button: snapshot.promptButton });
  if (snapshot.inputValue !== undefined) return format(s.entered, { value: snapshot.inputValue });
  return undefined;
}

/**
 * The status box for every state of the request. `kind` is the element's, for a request whose
 * snapshot has not arrived; `idle` is the element's own view when nothing is asked.
 */
export function statusView(
  state: PaymentState,
  s: TerminalRequestStrings,
  relayErrors: RelayErrorWords | undefined,
  kind: TerminalRequestKind,
  idle: () => StatusView,
): StatusView {
  switch (state.status) {
    case 'idle':
      return idle();
    case 'starting':
      return view(state.cancel === 'asked' ? s.cancelling : s.starting);
    case 'failed':
      return view(relayMessage(state.error, s, relayErrors), 'bad');
    case 'live':
      return liveView(state, s, kind);
    case 'in_doubt':
      // Lost by the relay: no end was ever seen.
      return state.snapshot?.outcome ? endView(state, state.snapshot, s, relayErrors) : view(s.notFound, 'bad');
    case 'ended':
      return endView(state, state.snapshot, s, relayErrors);
  }
}

function liveView(state: Live, s: TerminalRequestStrings, kind: TerminalRequestKind): StatusView {
  const snapshot = state.snapshot;
  if (!snapshot) return view(s.resuming);
  const given = answer(snapshot, s);
  // The value is known; the terminal's COMPLETE is still to come.
  if (given) return view(given, 'ok', [s.finishing]);
  if (snapshot.inDoubt) return view(s.connecting);
  if (state.cancel === 'sent') return view(s.cancelling);
  const own = snapshot.kind === 'payment' ? kind : snapshot.kind;
  return view(snapshot.status === 'IN_PROGRESS' ? byKind(s, 'waiting', own) : s.connecting);
}

function endView(
  state: InDoubt | Ended,
  snapshot: RequestSnapshot,
  s: TerminalRequestStrings,
  relayErrors: RelayErrorWords | undefined,
): StatusView {
  const cancelPressed = state.cancel !== 'none';
  switch (snapshot.outcome) {
    case 'completed':
      return view(answer(snapshot, s) ?? '', 'ok', cancelPressed ? [s.tooLateToCancel] : []);
    case 'cancelled':
      return view(cancelPressed ? s.cancelled : s.cancelledOnTerminal, 'warn');
    case 'busy':
      return view(s.busy, 'warn');
    case 'no_connection':
      return view(s.noConnection, 'warn');
    case 'timeout':
      return view(s.timeout, 'warn');
    case 'in_doubt':
      return view(s.inDoubt, 'warn');
    default: {
      const error = snapshot.error ?? { code: snapshot.outcome ?? 'error', message: snapshot.outcome ?? '' };
      return view(format(s.error, { message: relayErrorText(error, relayErrors) }), 'bad');
    }
  }
}
