/**
 * What the <pj-schedule-form> browser tests share: values that pass the rules, filling the form's
 * own controls, and reading the error beside a control (test/browser/schedule-form*.test.ts and the
 * Spanish walk, test/browser/spanish.test.ts). The card and bank numbers are typed in the payment
 * fields frame: schedule-form-frame.helpers.ts.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { format, setLocale } from '../../src/locales/locale.js';
import { localToday } from '../../src/protocol/card.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN as EN } from '../../src/protocol/schedule.js';
import type { ScheduleFieldName, ScheduleMessageKey, ScheduleMessages } from '../../src/protocol/schedule.js';
import type { PjSchedule } from '../../src/protocol/wire.js';

export const CARD = '4111111111111111';
export const ACCOUNT = '000123456789';
export const ROUTING = '011000015';
export const year = new Date().getFullYear();
export const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return localToday(d);
};
export const START = inDays(30);
/** A fresh amount per call: duplicates are judged on payment method + amount, across test runs. */
export const uniqueAmount = () =>
  `${100 + Math.floor(Math.random() * 3800)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

/** What a person types in the frame for a card, and for a bank account. */
export const CARD_FIELDS = { cardNumber: CARD, cardExpMonth: '12', cardExpYear: String(year + 2), cardCvv: '123' };
export const ACH_FIELDS = { achRoutingNumber: ROUTING, achAccountNumber: ACCOUNT, achAccountType: 'CHECKING' };
/** Every number typed in the frame by these tests. */
export const TYPED_NUMBERS = [CARD, ACCOUNT, ROUTING];
export const PERIODIC = { interval: 'MONTH', intervalCount: '1', startDate: START };
const FRAME_FIELDS = new Set([...Object.keys(CARD_FIELDS), ...Object.keys(ACH_FIELDS)]);

/** The exact sentence src/protocol renders for a rule on a field. */
export function message(key: ScheduleMessageKey, field: ScheduleFieldName, table: ScheduleMessages = EN): string {
  const spec = SCHEDULE_FIELDS.find((s) => s.name === field)!;
  return format(table[key], {
    field: table.fields[field],
    max: spec.maxLength ?? '',
    options: spec.options?.join(', ') ?? '',
  });
}

export const $ = <T extends Element = HTMLElement>(el: PjScheduleForm, selector: string) =>
  el.shadowRoot!.querySelector<T & Element>(selector) as T;
export const control = (el: PjScheduleForm, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);

/**
 * Fills the form's own controls: each gets its value and an input event, then blur-less. The frame's
 * fields are not the form's: typeInFrame (schedule-form-frame.helpers.ts) types them.
 */
export async function fill(el: PjScheduleForm, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    expect(FRAME_FIELDS.has(name), `${name} is typed in the frame`).to.equal(false);
    if (name === 'paymentMethod') {
      $<HTMLInputElement>(el, `input[name="paymentMethod"][value="${value}"]`).click();
    } else {
      const c = control(el, name);
      expect(c, `control ${name}`).to.exist;
      c.value = value;
      c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await el.updateComplete;
  }
}

/** The error shown beside a control: it is aria-invalid and described by the message element. */
export function errorBeside(el: PjScheduleForm, name: string, selector = `[name="${name}"]`): string {
  const c = $(el, selector);
  expect(c, `control ${name}`).to.exist;
  expect(c.getAttribute('aria-invalid'), `${name} aria-invalid`).to.equal('true');
  const id = c.getAttribute('aria-describedby');
  expect(id, `${name} aria-describedby`).to.be.a('string');
  const note = el.shadowRoot!.getElementById(id!)!;
  // Beside: the message lives in the same field row (or the chooser's fieldset).
  expect(note.parentElement).to.equal(name === 'paymentMethod' ? c.closest('fieldset') : c.parentElement);
  return note.textContent!.trim();
}

export const valid = (el: PjScheduleForm, name: string) =>
  expect(control(el, name).hasAttribute('aria-invalid'), `${name} valid`).to.equal(false);
/** The value of the created summary's row named `name` (its <dt>). */
export function summaryRow(el: PjScheduleForm, name: string): string | undefined {
  const term = [...el.shadowRoot!.querySelectorAll('[part="summary"] dt')].find(
    (dt) => dt.textContent!.trim() === name,
  );
  return term?.nextElementSibling?.textContent!.trim();
}
export const errorPart = (el: PjScheduleForm) => $(el, '[part="error"]');
/** What the form's live region says now. */
export const announced = (el: PjScheduleForm) => $(el, '[role="status"]').textContent!.trim();
export const focused = (el: PjScheduleForm) => el.shadowRoot!.activeElement as HTMLInputElement | null;

export async function createdBy(el: PjScheduleForm, act: () => unknown): Promise<PjSchedule> {
  const event = oneEvent(el, 'pj-schedule-created');
  await act();
  return (await event).detail.schedule;
}

/** The page's own fetch, before recordSchedulePosts wraps it (for calls a test makes itself). */
export const realFetch = window.fetch;

/**
 * Keeps the bodies of the POST /pj/schedules the page sends, fresh for each test of the calling
 * `describe`, and puts fetch and the page locale back after each test. Call it inside `describe`.
 */
export function recordSchedulePosts(): Record<string, unknown>[] {
  const posts: Record<string, unknown>[] = [];
  beforeEach(() => {
    posts.length = 0;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/schedules')) posts.push(JSON.parse(String(init?.body)));
      return realFetch(input, init);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    setLocale({});
  });
  return posts;
}
