/**
 * <pj-schedule-form>'s payment fields frame, as its browser tests use it. The frame is on the relay's
 * fields origin (another port than the test page: scripts/wtr-relay-plugin.mjs), so this page cannot
 * reach its inputs: typing goes through the browser (scripts/wtr-fields-commands.mjs, real clicks and
 * key presses), and what the frame did is learned as the form learns it, from its messages. Importing
 * this module starts recording every message the page sends or receives (MessagePort and window),
 * before any form opens its channel.
 */
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { FRAME_FIELDS, type FieldsState } from '../../src/protocol/fields-channel.js';

// ─── Every message of the page ──────────────────────────────────────────────────────────────

export interface Recorded {
  /** 'sent' by the page on a port, 'received' on a port, or a 'window' message event. */
  way: 'sent' | 'received' | 'window';
  data: unknown;
}

/** Every message since the page loaded, in order (clear it with `messages.length = 0`). */
export const messages: Recorded[] = [];

function recordMessages(): void {
  const note = (way: Recorded['way'], data: unknown) => messages.push({ way, data });
  const proto = MessagePort.prototype;
  const post = proto.postMessage;
  proto.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
    note('sent', args[0]);
    return post.apply(this, args);
  } as MessagePort['postMessage'];
  // A port delivers to `onmessage` or to listeners: both are wrapped, so nothing is received unseen.
  const onmessage = Object.getOwnPropertyDescriptor(proto, 'onmessage')!;
  Object.defineProperty(proto, 'onmessage', {
    ...onmessage,
    set(this: MessagePort, handler: ((event: MessageEvent) => unknown) | null) {
      const wrapped =
        handler &&
        function (this: MessagePort, event: MessageEvent) {
          note('received', event.data);
          return handler.call(this, event);
        };
      onmessage.set!.call(this, wrapped);
    },
  });
  const listen = proto.addEventListener;
  proto.addEventListener = function (this: MessagePort, type: string, listener: unknown, options?: unknown) {
    if (type === 'message') listen.call(this, 'message', (event) => note('received', (event as MessageEvent).data));
    return listen.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as MessagePort['addEventListener'];
  window.addEventListener('message', (event) => note('window', event.data), { capture: true });
}
recordMessages();

/** The frame's reports of its fields (received on a port) since `from`, in order. */
export const statesSince = (from = 0): FieldsState[] =>
  messages
    .slice(from)
    .filter((m) => m.way === 'received' && (m.data as { type?: string })?.type === 'state')
    .map((m) => m.data as FieldsState);

export const lastState = (): FieldsState | undefined => statesSince().at(-1);

/** Waits for a state since `from` that `match` accepts, and returns it. */
export async function frameState(match: (state: FieldsState) => boolean, from = 0, what = 'frame state') {
  await waitUntil(() => statesSince(from).some(match), `no ${what} in ${JSON.stringify(statesSince(from).at(-1))}`, {
    timeout: 5000,
  });
  return statesSince(from).filter(match).at(-1)!;
}

/**
 * The runs of 5 or more digits in what was recorded that are part of a number typed in the frame
 * (or the whole number): the channel allows no such run, so a last four is fine and a number is not.
 */
export function digitsOfTyped(recorded: unknown, typed: readonly string[]): string[] {
  const text = typeof recorded === 'string' ? recorded : JSON.stringify(recorded);
  const runs = text.match(/\d{5,}/g) ?? [];
  return runs.filter((run) => typed.some((number) => number.includes(run) || run.includes(number)));
}

// ─── The frame of a form ────────────────────────────────────────────────────────────────────

export const paymentFrame = (el: PjScheduleForm) =>
  el.shadowRoot!.querySelector<HTMLIFrameElement>('iframe[part="payment-fields"]');
/** The note the form shows beside the frame while it loads (the alert when it cannot load has role="alert"). */
export const loadingNote = (el: PjScheduleForm) =>
  el.shadowRoot!.querySelector<HTMLElement>('iframe[part="payment-fields"] ~ p:not([role])');

let named = 0;
/** How the browser finds the form's iframe: the form by id (given one if it has none), then into its shadow root. */
function frameSelector(el: PjScheduleForm): string {
  el.id ||= `schedule-form-${++named}`;
  return `#${el.id} >>> iframe[part="payment-fields"]`;
}

/** Resolves once the form's frame has answered and sized itself (its fields are shown). */
export async function frameReady(el: PjScheduleForm): Promise<HTMLIFrameElement> {
  await waitUntil(
    () => {
      const iframe = paymentFrame(el);
      return iframe && !iframe.hidden && parseInt(iframe.style.height) > 0 && !loadingNote(el);
    },
    'the payment fields frame never became ready',
    { timeout: 8000 },
  );
  return paymentFrame(el)!;
}

export const FRAME_FIELD_NAMES: readonly string[] = [...FRAME_FIELDS.card, ...FRAME_FIELDS.ach];
export const isFrameField = (name: string) => FRAME_FIELD_NAMES.includes(name);

/**
 * Types each value into the frame's input of that id (the select: chooses the option) and leaves it
 * with Tab, as a person does, then waits until the frame's latest report says what was typed (a key
 * press is handled before the command returns, and the frame reports on every input).
 */
export async function typeInFrame(el: PjScheduleForm, values: Record<string, string>): Promise<void> {
  await frameReady(el);
  const frame = frameSelector(el);
  for (const [id, text] of Object.entries(values)) {
    await executeServerCommand('pj-fields-type', { frame, id, text, leave: true });
  }
  const typed = (state: FieldsState | undefined) =>
    !!state &&
    Object.entries(values).every(([name, text]) => {
      const field = state.fields[name as keyof FieldsState['fields']];
      return field && (field.state === 'empty') === (text === '');
    });
  await waitUntil(() => typed(lastState()), `the frame never reported ${Object.keys(values).join(', ')}`, {
    timeout: 5000,
  });
}

/** Clicks into one of the frame's inputs (focus moves into the frame, as with a person's click). */
export async function clickInFrame(el: PjScheduleForm, id: string): Promise<void> {
  await frameReady(el);
  await executeServerCommand('pj-fields-click', { frame: frameSelector(el), id });
}

// ─── What the page holds ────────────────────────────────────────────────────────────────────

/** The document and every shadow root under it, open ones included at any depth. */
export function allRoots(root: Document | ShadowRoot = document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [root];
  for (const node of root.querySelectorAll('*')) if (node.shadowRoot) roots.push(...allRoots(node.shadowRoot));
  return roots;
}

/** Every input, select and textarea of the page (shadow roots walked) whose value or markup holds a typed number or 12+ digits. */
export function controlsHoldingNumbers(typed: readonly string[]): string[] {
  const found: string[] = [];
  for (const root of allRoots()) {
    for (const c of root.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      const held = `${c.value} ${c.outerHTML}`;
      const digits = held.replace(/[\s-]/g, '');
      if (typed.some((n) => digits.includes(n)) || /\d{12,}/.test(digits)) found.push(c.outerHTML);
    }
  }
  return found;
}
