/**
 * What `<pj-terminal-request>` says for each state of its request: pure functions of the state and the
 * element's words, so `render()` only lays them out. The states are `<pj-terminal-pay>`'s
 * (src/core/payment-state.ts). Every state it shares with a payment (connecting, busy, offline, timed
 * out, cancelled, in doubt, error, not found) has the words and tone of ../common/request-states.ts, the
 * locale's `requestStates`; its own words (`TerminalRequestStrings`) are what it asks and what the
 * customer answered.
 */
import type { Ended, InDoubt, Live, PaymentState } from '../../core/payment-state.js';
import type { TerminalRequestKind } from '../../core/relay-client.js';
import type { RequestStateStrings } from '../../locales/en/request-states.js';
import type { TerminalRequestStrings } from '../../locales/en/terminal-request.js';
import { format } from '../../locales/locale.js';
import type { RequestSnapshot } from '../../protocol/relay-contract.js';
import {
  outcomeState,
  phaseState,
  relayMessage,
  stated,
  stateView,
  view,
  type StateView,
  type StatusView,
  type Words,
} from '../common/request-states.js';

/** `s[key + 'Signature' | 'Prompt' | 'Input']`: the words of one kind of request. */
export function byKind(
  s: TerminalRequestStrings,
  key: 'idle' | 'start' | 'waiting',
  kind: TerminalRequestKind,
): string {
  return s[`${key}${kind === 'signature' ? 'Signature' : kind === 'prompt' ? 'Prompt' : 'Input'}`];
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
  words: Words,
  kind: TerminalRequestKind,
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
      return liveView(state, s, words.states, kind);
    case 'in_doubt':
      // Lost by the relay: no end was ever seen.
      return state.snapshot?.outcome
        ? endView(state, state.snapshot, s, words)
        : stated(stateView('lost', words.states, { requestId: state.requestId, kind }));
    case 'ended':
      return endView(state, state.snapshot, s, words);
  }
}

function liveView(state: Live, s: TerminalRequestStrings, states: RequestStateStrings, kind: TerminalRequestKind) {
  const snapshot = state.snapshot;
  if (!snapshot) return view(s.resuming);
  const given = answer(snapshot, s);
  // The value is known; the terminal's COMPLETE is still to come.
  if (given) return view(given, stateView('completed', states).tone, [s.finishing]);
  if (!snapshot.inDoubt && state.cancel === 'sent') return view(s.cancelling);
  const phase: StateView = stateView(phaseState(snapshot), states, snapshot);
  // Waiting is worded by what the terminal shows (a followed request's own kind).
  const own = snapshot.kind === 'payment' ? kind : snapshot.kind;
  return view(phase.state === 'waiting' ? byKind(s, 'waiting', own) : phase.label, phase.tone);
}

function endView(
  state: InDoubt | Ended,
  snapshot: RequestSnapshot,
  s: TerminalRequestStrings,
  words: Words,
): StatusView {
  const cancelPressed = state.cancel !== 'none';
  const shown = stateView(outcomeState(snapshot), words.states, snapshot, words.relayErrors);
  if (shown.state === 'completed') {
    const given = answer(snapshot, s);
    const late = cancelPressed ? [s.tooLateToCancel] : [];
    return given ? view(given, shown.tone, late) : stated(shown, ...late);
  }
  if (shown.state === 'cancelled' && !cancelPressed) return stated(shown, s.cancelledOnTerminal);
  return stated(shown);
}
