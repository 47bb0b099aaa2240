/**
 * Follows one Smart Terminal request to its end by polling GET /smartterminals/requests/{id} at
 * PayJunction's pace (https://developer.payjunction.com/hc/en-us/articles/115002306833): one poll per
 * request every POLL_GAP_MS (PayJunction allows 1 per 0.5 s; a little more keeps a late timer on the
 * right side), every call also waiting its turn on the client's global 100 ms pace. Each new state is
 * handed to `onState` as it arrives.
 */
import type { PayJunctionClient } from '../payjunction/index.js';
import type { PjSmartTerminalRequestState } from '../../src/protocol/wire.js';
import { keysOf, type SeenState } from './seen.js';

export const POLL_GAP_MS = 550;
const FINAL = new Set(['COMPLETE', 'BUSY', 'NO_CONNECTION']);

export interface Followed {
  /** The last state read; undefined when not even one poll answered before the timeout. */
  last?: PjSmartTerminalRequestState;
  timedOut: boolean;
  states: SeenState[];
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function seenState(state: PjSmartTerminalRequestState): SeenState {
  return {
    status: String(state.status),
    keys: keysOf(state),
    ...(state.promptButton !== undefined ? { promptButton: String(state.promptButton) } : {}),
    ...(state.transactionId !== undefined ? { transactionIdType: typeof state.transactionId } : {}),
  };
}

/** Polls until a final status (COMPLETE, BUSY, NO_CONNECTION) or `timeoutMs`; rethrows a failed poll. */
export async function follow(
  pj: PayJunctionClient,
  requestId: string,
  options: { timeoutMs: number; signal: AbortSignal; onState(state: PjSmartTerminalRequestState): void },
): Promise<Followed> {
  const deadline = Date.now() + options.timeoutMs;
  const states: SeenState[] = [];
  let last: PjSmartTerminalRequestState | undefined;
  let lastText = '';
  for (;;) {
    if (Date.now() >= deadline) return { ...(last ? { last } : {}), timedOut: true, states };
    await wait(POLL_GAP_MS, options.signal);
    const state = await pj.getRequest(requestId, { signal: options.signal });
    last = state;
    const text = JSON.stringify(state);
    if (text !== lastText) {
      lastText = text;
      states.push(seenState(state));
      options.onState(state);
    }
    if (FINAL.has(String(state.status))) return { last, timedOut: false, states };
  }
}

/** "IN_PROGRESS (button OK)", "COMPLETE (transaction 10001)": a state in a line, never card data. */
export function describeState(state: PjSmartTerminalRequestState): string {
  const extra = [
    state.promptButton !== undefined ? `button "${state.promptButton}"` : '',
    state.transactionId !== undefined ? `transaction ${state.transactionId}` : '',
  ].filter(Boolean);
  return extra.length ? `${state.status} (${extra.join(', ')})` : String(state.status);
}

/** "CONNECTING → IN_PROGRESS (OK) → COMPLETE (OK)": the states a request went through, as polled. */
export function sequenceOf(states: readonly SeenState[]): string {
  return states.map((s) => (s.promptButton !== undefined ? `${s.status} (${s.promptButton})` : s.status)).join(' → ');
}
