/**
 * What the fields frame's browser tests share: loading src/fields/fields.html in an iframe served by
 * the test runner (same origin, which only a test may use), driving its port directly as the page's
 * controller would, and recording every message the frame sends, before any guard.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { fieldsEn, type FieldsStrings } from '../../src/locales/en/fields.js';
import {
  FIELDS_CONNECT,
  fieldsMessages,
  type FieldsInit,
  type FieldsMessages,
} from '../../src/protocol/fields-channel.js';

export const FRAME_URL = '/src/fields/fields.html';

/** An init as a page would send it; `overrides` replace parts of it. */
export function initMessage(overrides: Partial<FieldsInit> = {}, words: FieldsStrings = fieldsEn): FieldsInit {
  const { frameTitle: _title, sameOrigin: _same, ...frameWords } = words;
  return {
    type: 'init',
    methods: ['card', 'ach'],
    method: 'card',
    lang: 'en-US',
    messages: fieldsMessages() as FieldsMessages,
    words: frameWords,
    theme: { '--pj-color-accent': '#0a7d33', '--pj-radius': '4px' },
    config: {
      publishableKey: 'key_test',
      sdkUrl: 'https://www.payjunctionlabs.com/trinity/js/sdk.js',
      achVaultUrl: `${location.origin}/pj/fields/ach-vault`,
      achTicket: 'ticket-for-the-frame-tests',
    },
    ...overrides,
  };
}

export async function loadFrame(): Promise<HTMLIFrameElement> {
  const iframe = document.createElement('iframe');
  iframe.style.width = '390px';
  iframe.title = 'payment fields';
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  iframe.src = FRAME_URL;
  document.body.append(iframe);
  await loaded;
  return iframe;
}

/** The frame's side of things, reachable only because the test shares its origin. */
export const frameDoc = (iframe: HTMLIFrameElement) => iframe.contentDocument!;
export const frameInput = (iframe: HTMLIFrameElement, name: string) =>
  frameDoc(iframe).getElementById(name) as HTMLInputElement;

export interface Driven {
  port: MessagePort;
  /** Every message the frame sent, as received (structured clones), in order. */
  received: any[];
  /** Resolves with the first message since `from` (an index into `received`) that `match` accepts. */
  next(match: (m: any) => boolean, from?: number): Promise<any>;
}

/** Connects to the frame as the controller does, over a port this test holds. */
export function drive(iframe: HTMLIFrameElement): Driven {
  const channel = new MessageChannel();
  const received: any[] = [];
  channel.port1.onmessage = (event) => received.push(event.data);
  iframe.contentWindow!.postMessage({ type: FIELDS_CONNECT }, location.origin, [channel.port2]);
  const next = async (match: (m: any) => boolean, from = 0) => {
    await waitUntil(() => received.slice(from).some(match), `no matching message in ${JSON.stringify(received)}`);
    return received.slice(from).find(match);
  };
  return { port: channel.port1, received, next };
}

export const lastState = (d: Driven) => [...d.received].reverse().find((m) => m.type === 'state');

/** Types into one of the frame's inputs like a person: focus, keys, then leave it (Tab). */
export async function typeInto(iframe: HTMLIFrameElement, name: string, text: string): Promise<void> {
  const input = frameInput(iframe, name);
  input.focus();
  input.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

/**
 * The runs of 4+ digits in everything the frame said (the `lastFour` of a result aside) that are part
 * of a number typed: a sentence may say "2030", no message may say any part of a typed number.
 */
export function leakedRuns(messages: unknown[], typed: string[]): string[] {
  return messages.flatMap((m) => {
    const { lastFour: _four, ...rest } = m as Record<string, unknown>;
    const runs = JSON.stringify(rest).match(/\d{4,}/g) ?? [];
    return runs.filter((run) => typed.some((number) => number.includes(run) || run.includes(number)));
  });
}

/**
 * Axe on the frame's whole document. chai-a11y-axe's `accessible()` runs the page's axe, which takes
 * no node of another document, so axe is loaded into the frame (the same axe-core) and run there.
 * Every rule but page-has-heading-one: the frame is part of the page's form, where a heading of its
 * own would be a second top heading in the page's outline (axe skips that rule in frames of a page).
 */
export async function expectFrameAccessible(iframe: HTMLIFrameElement): Promise<void> {
  const win = iframe.contentWindow as Window & { axe?: any };
  if (!win.axe) {
    const script = frameDoc(iframe).createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
    frameDoc(iframe).head.append(script);
    await loaded;
  }
  const results = await win.axe.run(frameDoc(iframe), { rules: { 'page-has-heading-one': { enabled: false } } });
  const violations = results.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target).join(', ')}`);
  if (violations.length) throw new Error(`axe violations in the frame:\n${violations.join('\n')}`);
}
