/**
 * What the <pj-terminal-request> browser tests share: the element's parts and words, a recorder of its
 * events, and the simulator's record of the requests it received. The relay and the simulator are real
 * (speed 10: a signature takes ~0.5 s); see web-test-runner.config.mjs.
 */
import { html, waitUntil } from '@open-wc/testing';
import '../../src/elements/terminal-request/terminal-request.js';
import type { PjTerminalRequest } from '../../src/elements/terminal-request/terminal-request.js';
import { BACK, DRIVE, FRONT, cleanUp, freshSimulator, make as makeLive, sim, words } from './terminal-pay.helpers.js';

export { BACK, DRIVE, FRONT, cleanUp, freshSimulator, html, sim, words };

const EVENTS = ['pj-request-status', 'pj-request-completed', 'pj-request-cancelled', 'pj-error'] as const;
type EventName = (typeof EVENTS)[number];

export const part = (el: PjTerminalRequest, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const startButton = (el: PjTerminalRequest) => part(el, 'start-button') as HTMLButtonElement;
export const cancelButton = (el: PjTerminalRequest) => part(el, 'cancel-button') as HTMLButtonElement;
export const status = (el: PjTerminalRequest) => words(part(el, 'status'));
export const tone = (el: PjTerminalRequest) => [...part(el, 'status')!.classList].filter((c) => c !== 'status');

/** Records the element's events; returns the ones of a name, in order. */
export function record(el: EventTarget): (name: EventName) => CustomEvent<any>[] {
  const log = new Map<string, CustomEvent[]>();
  for (const name of EVENTS)
    el.addEventListener(name, (e) => log.set(name, [...(log.get(name) ?? []), e as CustomEvent]));
  return (name) => log.get(name) ?? [];
}

export async function showing(el: PjTerminalRequest, text: string, timeout = 6000): Promise<void> {
  await waitUntil(() => status(el).includes(text), `status never showed "${text}" (last: "${status(el)}")`, {
    timeout,
    interval: 20,
  });
  await el.updateComplete;
}

/** The request calls of one kind (`request-signature`…) the simulator received since the last `DELETE /__sim/calls`. */
export async function requestCalls(kind: 'signature' | 'prompt' | 'input'): Promise<unknown[]> {
  const { calls } = await sim('/calls');
  return calls.filter(
    (c: { method: string; path: string }) => c.method === 'POST' && c.path.endsWith(`/request-${kind}`),
  );
}

/** The element under test (the payment tests' fixture, which `cleanUp` cancels if it is left live). */
export const make = (template: ReturnType<typeof html>) => makeLive<PjTerminalRequest>(template);
