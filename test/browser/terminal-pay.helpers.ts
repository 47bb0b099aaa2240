/**
 * What the <pj-terminal-pay> browser tests share: the simulator's controls (/__sim), the element's
 * parts and words, and a recorder of its events. The relay and the simulator are real (speed 10: a
 * payment takes ~0.5 s); see web-test-runner.config.mjs.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/terminal-pay/terminal-pay.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';

export { html };

export const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
export const DRIVE = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52';
export const BACK = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e53';

const EVENTS = [
  'pj-request-status',
  'pj-payment-approved',
  'pj-payment-declined',
  'pj-payment-cancelled',
  'pj-error',
] as const;
type EventName = (typeof EVENTS)[number];

export async function sim(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<any> {
  const res = await fetch(`/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return res.json();
}

/** The request-payment calls the simulator received (since the last `DELETE /__sim/calls`). */
export async function paymentCalls(): Promise<unknown[]> {
  const { calls } = await sim('/calls');
  return calls.filter(
    (c: { method: string; path: string }) => c.method === 'POST' && c.path.endsWith('/request-payment'),
  );
}

export const part = (el: PjTerminalPay, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const payButton = (el: PjTerminalPay) => part(el, 'pay-button') as HTMLButtonElement;
export const words = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const status = (el: PjTerminalPay) => words(part(el, 'status'));

/** Records the element's events; returns the ones of a name, in order. */
export function record(el: EventTarget): (name: EventName) => CustomEvent<any>[] {
  const log = new Map<string, CustomEvent[]>();
  for (const name of EVENTS)
    el.addEventListener(name, (e) => log.set(name, [...(log.get(name) ?? []), e as CustomEvent]));
  return (name) => log.get(name) ?? [];
}

export async function showing(el: PjTerminalPay, text: string, timeout = 5000): Promise<void> {
  await waitUntil(() => status(el).includes(text), `status never showed "${text}" (last: "${status(el)}")`, {
    timeout,
    interval: 20,
  });
  await el.updateComplete;
}

/** The element under test (<pj-terminal-pay> or <pj-terminal-request>), so `cleanUp` can cancel what it left live. */
let current: { cancel(): unknown } | undefined;
export async function make<T extends HTMLElement & { cancel(): unknown } = PjTerminalPay>(
  template: ReturnType<typeof html>,
): Promise<T> {
  const el = await fixture<T>(template);
  current = el;
  return el;
}

/** Before each test: a fresh call log. */
export async function freshSimulator(): Promise<void> {
  await sim('/calls', undefined, 'DELETE');
}

/**
 * Waits (at most `ms`, without failing) until no simulated terminal runs a request. A request that timed
 * out is shown as timed out before the relay sends its terminal back to the main screen (a paced call,
 * later under load); that call also clears the simulator's busy control, so a next test that set its
 * terminal busy meanwhile would see its payment run instead of being refused BUSY.
 */
export async function terminalsIdle(ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { devices } = await sim('/devices');
    if (!devices.some((d: { busy: boolean }) => d.busy)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** After each test: never leave a terminal busy or a fault set for the next test. */
export async function cleanUp(): Promise<void> {
  await current?.cancel();
  current = undefined;
  await sim('/webhooks/faults', {});
  await sim(`/devices/${FRONT}/busy`, { busy: false });
  await terminalsIdle();
}

/** A payment started straight at the relay, as another page (or this one before a reload) would. */
export async function startAtRelay(smartTerminalId: string, amountBase: string): Promise<string> {
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId, amountBase }),
  });
  return (await res.json()).requestId;
}
