/**
 * The Spanish walk's tools (test/browser/spanish*.test.ts): the English words an element must never
 * show on a Spanish page, and a recorder of everything an element's shadow root shows or says while
 * it is driven, transient states included.
 *
 * The English words are those of 4 letters or more in the English tables (the elements' strings,
 * the validation sentences, the decline catalogue, the relay's request errors), minus every word the
 * Spanish tables also use ("Terminal", "Error", "PERIODIC") and the proper names a page shows as data.
 */
import { expect } from '@open-wc/testing';
import { es } from '../../src/locales/es.js';
import { fieldsEn } from '../../src/locales/en/fields.js';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { scheduleFormEn } from '../../src/locales/en/schedule-form.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { terminalRequestEn } from '../../src/locales/en/terminal-request.js';
import { txStatusEn } from '../../src/locales/en/tx-status.js';
import { DECLINE_CODES } from '../../src/protocol/declines.js';
import { MONEY_MESSAGES_EN } from '../../src/protocol/money.js';
import { PAYMENT_MESSAGES_EN, TERMINAL_REQUEST_MESSAGES_EN } from '../../src/protocol/payment.js';
import { MESSAGES as REQUEST_MESSAGES } from '../../src/protocol/request-state.js';
import { SCHEDULE_MESSAGES_EN } from '../../src/protocol/schedule.js';

/** Every string inside a value (objects and arrays walked; functions called with a number). */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return stringsOf((value as (n: number) => unknown)(1));
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

const wordsOf = (text: string): string[] =>
  (text.replace(/\{\w+\}/g, ' ').match(/[A-Za-zÀ-ÿ]+/g) ?? []).map((w) => w.toLowerCase());

/** Names a page shows as data, in any language: the simulator's terminals, card brands, the company. */
export const PROPER_NAMES = [
  'Front Counter',
  'Drive-Thru',
  'Back Office',
  'PayJunction',
  'Smart Terminal',
  'VISA',
  'MASTERCARD',
  'AMEX',
  'DISCOVER',
];

export const ENGLISH_TABLES: unknown[] = [
  terminalPayEn,
  terminalRequestEn,
  txStatusEn,
  requestStatesEn,
  scheduleFormEn,
  fieldsEn, // <pj-schedule-form>'s payment fields frame: its title on the page, and the words it is sent
  SCHEDULE_MESSAGES_EN,
  PAYMENT_MESSAGES_EN,
  TERMINAL_REQUEST_MESSAGES_EN,
  MONEY_MESSAGES_EN,
  DECLINE_CODES,
  REQUEST_MESSAGES,
];

const spanishWords = new Set(stringsOf(es).flatMap(wordsOf));
const properWords = new Set(PROPER_NAMES.flatMap(wordsOf));

/** The English words a Spanish page must not show. */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  ENGLISH_TABLES.flatMap(stringsOf)
    .flatMap(wordsOf)
    .filter((w) => w.length >= 4 && !spanishWords.has(w) && !properWords.has(w)),
);

/** The English words in `text` (proper names taken out first). */
export function englishIn(text: string): string[] {
  let rest = text;
  for (const name of PROPER_NAMES) rest = rest.split(name).join(' ');
  return [...new Set(wordsOf(rest).filter((w) => ENGLISH_WORDS.has(w)))];
}

const ACCESSIBLE_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'];

/** What a shadow root shows and says now: its text (the live region's too) and its accessible names. */
export function shownBy(root: ShadowRoot): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.parentElement?.tagName !== 'STYLE') parts.push(node.textContent ?? '');
    } else {
      for (const name of ACCESSIBLE_ATTRIBUTES) {
        const value = (node as Element).getAttribute(name);
        if (value) parts.push(value);
      }
    }
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** An element on the page with everything its shadow root has shown since it was added. */
export interface Recorded<T extends HTMLElement> {
  el: T;
  /** Every distinct state shown, in order. */
  shown: string[];
}

const recorded: Array<{ observer: MutationObserver; el: HTMLElement }> = [];

/**
 * Adds the element (built and configured by `setup`) to the page and records every state its shadow
 * root shows from the first render on.
 */
export async function record<T extends HTMLElement & { updateComplete: Promise<boolean> }>(
  tag: string,
  setup: (el: T) => void = () => {},
): Promise<Recorded<T>> {
  const el = document.createElement(tag) as T;
  setup(el);
  document.body.append(el);
  const root = el.shadowRoot!;
  const shown: string[] = [];
  const note = () => {
    const now = shownBy(root);
    if (now && shown.at(-1) !== now) shown.push(now);
  };
  const observer = new MutationObserver(note);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  recorded.push({ observer, el });
  await el.updateComplete;
  note();
  return { el, shown };
}

/** Removes what record() added. */
export function removeRecorded(): void {
  for (const { observer, el } of recorded.splice(0)) {
    observer.disconnect();
    el.remove();
  }
}

/** Fails on any English word the element showed, naming the state it was in. */
export function expectNoEnglish({ el, shown }: Recorded<HTMLElement>): void {
  shown.push(shownBy(el.shadowRoot!));
  const found = shown.map((text) => [englishIn(text), text] as const).filter(([words]) => words.length > 0);
  expect(
    found.map(([words, text]) => `${words.join(', ')} in "${text}"`),
    `English on a Spanish page (${el.localName})`,
  ).to.deep.equal([]);
}

/** Proves the walk reached a state: one of the states shown contains `text`. */
export function expectShown({ el, shown }: Recorded<HTMLElement>, ...texts: string[]): void {
  const all = [...shown, shownBy(el.shadowRoot!)];
  for (const text of texts)
    expect(
      all.some((state) => state.includes(text)),
      `${el.localName} never showed "${text}"`,
    ).to.equal(true);
}

/** Calls the simulator's test controls. */
export async function sim(
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<unknown> {
  const res = await fetch(`/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return res.json();
}
