/**
 * <pj-schedule-form> in real Chromium against the real relay and simulator: every rule family of
 * src/protocol/schedule.ts through the UI (exact messages beside the right control), blur
 * validation, focus, the relay's 400 / 402 / 409 answers, success, each payment method, masking,
 * Spanish and keyboard-only use. Axe runs in every state visited.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { scheduleFormEs, scheduleMessagesEs } from '../../src/locales/es/schedule-form.js';
import { format, setLocale } from '../../src/locales/locale.js';
import { localToday } from '../../src/protocol/card.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { formatMoney } from '../../src/protocol/money.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN as EN } from '../../src/protocol/schedule.js';
import type { ScheduleFieldName, ScheduleMessageKey, ScheduleMessages } from '../../src/protocol/schedule.js';
import type { PjSchedule } from '../../src/protocol/wire.js';

const CARD = '4111111111111111';
const ACCOUNT = '000123456789';
const ROUTING = '011000015';
const year = new Date().getFullYear();
const inDays = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return localToday(d);
};
const START = inDays(30);
/** A fresh amount per call: duplicates are judged on payment method + amount, across test runs. */
const uniqueAmount = () => `${100 + Math.floor(Math.random() * 3800)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;

const CARD_VALUES = { cardNumber: CARD, cardExpMonth: '12', cardExpYear: String(year + 2), cardCvv: '123' };
const PERIODIC = { interval: 'MONTH', intervalCount: '1', startDate: START };

/** The exact sentence src/protocol renders for a rule on a field. */
function message(key: ScheduleMessageKey, field: ScheduleFieldName, table: ScheduleMessages = EN): string {
  const spec = SCHEDULE_FIELDS.find((s) => s.name === field)!;
  return format(table[key], { field: table.fields[field], max: spec.maxLength ?? '', options: spec.options?.join(', ') ?? '' });
}

const $ = <T extends Element = HTMLElement>(el: PjScheduleForm, selector: string) => el.shadowRoot!.querySelector<T & Element>(selector) as T;
const control = (el: PjScheduleForm, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);

/** Types values the way a person does: each control gets its value and an input event, then blur-less. */
async function fill(el: PjScheduleForm, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
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
function errorBeside(el: PjScheduleForm, name: string, selector = `[name="${name}"]`): string {
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

const valid = (el: PjScheduleForm, name: string) => expect(control(el, name).hasAttribute('aria-invalid'), `${name} valid`).to.equal(false);
const errorPart = (el: PjScheduleForm) => $(el, '[part="error"]');
const focused = (el: PjScheduleForm) => el.shadowRoot!.activeElement as HTMLInputElement | null;

async function createdBy(el: PjScheduleForm, act: () => unknown): Promise<PjSchedule> {
  const event = oneEvent(el, 'pj-schedule-created');
  await act();
  return (await event).detail.schedule;
}

/** Counts and keeps the bodies of POST /pj/schedules sent by the page. */
let posts: Record<string, unknown>[] = [];
const realFetch = window.fetch;

describe('<pj-schedule-form>', () => {
  beforeEach(() => {
    posts = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/schedules')) posts.push(JSON.parse(String(init?.body)));
      return realFetch(input, init);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
    setLocale({});
  });

  it('offers every field, grouped and named by PayJunction parameter, with autocomplete and inputmode (empty state)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend, summary')].map((l) => l.textContent!.trim());
    expect(legends).to.include.members(['Payment method', 'Schedule', 'Amount', 'Card checks', 'Billing contact', 'Shipping contact', 'Invoice']);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="paymentMethod"]')].map((r) => r.value);
    expect(radios).to.deep.equal(['card', 'ach', 'vault', 'transaction']);
    // Card fields for the default method; the right tokens and keyboards.
    expect(control(el, 'cardNumber').autocomplete).to.equal('cc-number');
    expect(control(el, 'cardNumber').inputMode).to.equal('numeric');
    expect(control(el, 'cardExpMonth').autocomplete).to.equal('cc-exp-month');
    expect(control(el, 'cardExpYear').autocomplete).to.equal('cc-exp-year');
    expect(control(el, 'cardCvv').autocomplete).to.equal('cc-csc');
    expect(control(el, 'amountBase').inputMode).to.equal('decimal');
    expect(control(el, 'startDate').type).to.equal('date');
    expect(control(el, 'billingFirstName').autocomplete).to.equal('given-name');
    expect(control(el, 'billingLastName').autocomplete).to.equal('family-name');
    expect(control(el, 'billingCompanyName').autocomplete).to.equal('organization');
    expect(control(el, 'billingAddress').autocomplete).to.equal('street-address');
    expect(control(el, 'billingZip').autocomplete).to.equal('postal-code');
    expect(control(el, 'billingEmail').type).to.equal('email');
    expect(control(el, 'shippingCity').autocomplete).to.equal('shipping address-level2');
    expect(control(el, 'shippingCity').closest('details')!.open).to.equal(false);
    // maxlength and options come from SCHEDULE_FIELDS, labels from SCHEDULE_MESSAGES_EN.fields.
    expect(control(el, 'billingFirstName').maxLength).to.equal(16);
    expect(control(el, 'invoiceNumber').maxLength).to.equal(32);
    expect([...control(el, 'interval').querySelectorAll('option')].map((o) => o.value)).to.deep.equal(['', 'DAY', 'WEEK', 'MONTH', 'YEAR']);
    expect($(el, 'label[for="f-purchaseOrderNumber"]').textContent).to.equal(EN.fields.purchaseOrderNumber);
    // Every POST /schedules field has a control (the method's fields once that method is chosen).
    const seen = new Set([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]')].map((c) => c.name));
    for (const method of ['ach', 'vault', 'transaction']) {
      await fill(el, { paymentMethod: method });
      el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]').forEach((c) => seen.add(c.name));
    }
    await fill(el, { scheduleType: 'SPECIFIC_DATES' });
    el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]').forEach((c) => seen.add(c.name));
    const missing = SCHEDULE_FIELDS.map((s) => s.name).filter((n) => !seen.has(n));
    expect(missing).to.deep.equal(['terminalId', 'bypassDuplicate']); // attribute and the duplicate prompt
    await expect(el).to.be.accessible();
  });

  it('submit: required, exactly one method (beside the chooser), PERIODIC needs interval/count/start; focus on the first', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await el.submit();
    expect(posts).to.have.length(0);
    expect(errorBeside(el, 'paymentMethod', 'input[name="paymentMethod"][value="card"]')).to.equal(EN.requiredPaymentMethod);
    expect(focused(el)!.value).to.equal('card');
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase'));
    expect(errorBeside(el, 'interval')).to.equal(message('required', 'interval'));
    expect(errorBeside(el, 'intervalCount')).to.equal(message('required', 'intervalCount'));
    expect(errorBeside(el, 'startDate')).to.equal(message('required', 'startDate'));
    expect($(el, '[role="status"]').textContent).to.contain('5 field(s)');
    await expect(el).to.be.accessible();
  });

  it('money format, more than 1,000,000, max length, email, positive integer; errors in collapsed sections open them', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, {
      ...CARD_VALUES,
      ...PERIODIC,
      amountBase: '12.345',
      amountTax: '1000000.01',
      intervalCount: '0',
      billingFirstName: 'A'.repeat(17),
      shippingEmail: 'not-an-email',
    });
    await el.submit();
    expect(errorBeside(el, 'intervalCount')).to.equal(message('positiveInteger', 'intervalCount'));
    expect(focused(el)!.name).to.equal('intervalCount');
    expect(errorBeside(el, 'amountBase')).to.equal(message('money', 'amountBase'));
    expect(errorBeside(el, 'amountTax')).to.equal(message('moneyMax', 'amountTax'));
    expect(errorBeside(el, 'billingFirstName')).to.equal(message('tooLong', 'billingFirstName'));
    expect(errorBeside(el, 'shippingEmail')).to.equal(message('email', 'shippingEmail'));
    expect(control(el, 'amountTax').closest('details')!.open).to.equal(true);
    expect(control(el, 'shippingEmail').closest('details')!.open).to.equal(true);
    expect(posts).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('card: Luhn, expiry in the past, CVV', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, amountBase: '10.00', cardNumber: '4111111111111112', cardExpMonth: '01', cardExpYear: String(year - 1), cardCvv: '12' });
    await el.submit();
    expect(errorBeside(el, 'cardNumber')).to.equal(EN.cardNumber);
    expect(focused(el)!.name).to.equal('cardNumber');
    expect(errorBeside(el, 'cardExpYear')).to.equal(EN.cardExpired);
    expect(errorBeside(el, 'cardCvv')).to.equal(EN.cardCvv);
    valid(el, 'cardExpMonth');
    await expect(el).to.be.accessible();
  });

  it('ACH: ABA routing, PPD needs first and last name, CCD needs the company; the account number is masked', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { paymentMethod: 'ach' });
    expect(control(el, 'achRoutingNumber').inputMode).to.equal('numeric');
    expect(control(el, 'achAccountNumber').autocomplete).to.equal('off');
    await fill(el, { ...PERIODIC, amountBase: '10.00', achRoutingNumber: '123456789', achAccountNumber: ACCOUNT, achAccountType: 'CHECKING', achType: 'PPD' });
    // Masked once entered: the control shows the last four only, and no attribute carries the number.
    expect(control(el, 'achAccountNumber').value).to.equal('•••• 6789');
    expect(el.shadowRoot!.innerHTML + el.outerHTML).not.to.contain(ACCOUNT);
    await el.submit();
    expect(errorBeside(el, 'achRoutingNumber')).to.equal(EN.achRoutingNumber);
    expect(errorBeside(el, 'billingFirstName')).to.equal(message('requiredForPpd', 'billingFirstName'));
    expect(errorBeside(el, 'billingLastName')).to.equal(message('requiredForPpd', 'billingLastName'));
    valid(el, 'billingCompanyName');
    await expect(el).to.be.accessible();
    await fill(el, { achType: 'CCD' });
    await el.submit();
    expect(errorBeside(el, 'billingCompanyName')).to.equal(message('requiredForCcd', 'billingCompanyName'));
    valid(el, 'billingFirstName');
    // Focused, the person sees what they typed; blurred, the mask is back.
    control(el, 'achAccountNumber').focus();
    await el.updateComplete;
    expect(control(el, 'achAccountNumber').value).to.equal(ACCOUNT);
    control(el, 'achAccountNumber').blur();
    await el.updateComplete;
    expect(control(el, 'achAccountNumber').value).to.equal('•••• 6789');
    expect(posts).to.have.length(0);
  });

  it('SPECIFIC_DATES needs its date; interval fields only with PERIODIC (they stay visible while they hold a value)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...CARD_VALUES, amountBase: '10.00', intervalCap: '12', scheduleType: 'SPECIFIC_DATES' });
    expect(control(el, 'interval')).to.equal(null); // empty: hidden with its type
    await el.submit();
    expect(errorBeside(el, 'intervalCap')).to.equal(message('periodicOnly', 'intervalCap'));
    expect(errorBeside(el, 'specificDate1')).to.equal(message('required', 'specificDate1'));
    await fill(el, { specificDate1: inDays(-1) });
    await el.submit();
    expect(errorBeside(el, 'specificDate1')).to.equal(message('datePast', 'specificDate1'));
    await expect(el).to.be.accessible();
  });

  it('validates a field on blur once it was touched, and clears the message when fixed', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    control(el, 'cardCvv').focus();
    control(el, 'cardNumber').focus(); // cvv left untouched: no message
    await el.updateComplete;
    valid(el, 'cardCvv');
    await fill(el, { cardNumber: '1234 5678 9012 3456' });
    control(el, 'cardExpMonth').focus();
    await el.updateComplete;
    expect(errorBeside(el, 'cardNumber')).to.equal(EN.cardNumber);
    await fill(el, { cardNumber: '4111 1111 1111 1111' });
    control(el, 'cardNumber').focus();
    control(el, 'cardExpMonth').focus();
    await el.updateComplete;
    valid(el, 'cardNumber');
    control(el, 'amountBase').focus();
    await fill(el, { amountBase: '0' });
    control(el, 'amountBase').blur();
    await el.updateComplete;
    expect(errorBeside(el, 'amountBase')).to.equal(message('moneyPositive', 'amountBase'));
    await expect(el).to.be.accessible();
  });

  it('methods="card" hides the chooser; "choose how to pay" then shows on the card number', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="card" amount="25.00"></pj-schedule-form>`);
    expect(el.shadowRoot!.querySelector('input[name="paymentMethod"]')).to.equal(null);
    expect(control(el, 'amountBase').value).to.equal('25.00');
    expect(control(el, 'amountBase').readOnly).to.equal(true);
    await fill(el, PERIODIC);
    await el.submit();
    expect(errorBeside(el, 'cardNumber')).to.equal(EN.requiredPaymentMethod);
    expect(focused(el)!.name).to.equal('cardNumber');
    await expect(el).to.be.accessible();
  });

  it('a relay field error without a control (terminal-id="999") lands in the error part; pj-error carries the fields', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form terminal-id="999"></pj-schedule-form>`);
    await fill(el, { ...CARD_VALUES, ...PERIODIC, amountBase: uniqueAmount() });
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    const { detail } = await error;
    expect(posts[0]!.terminalId).to.equal('999');
    expect(detail.status).to.equal(400);
    expect(detail.fields![0]!.field).to.equal('terminalId');
    expect(errorPart(el).textContent).to.contain(detail.fields![0]!.message);
    expect(errorPart(el).textContent).to.contain('Terminal does not exist');
    expect(focused(el)).to.equal(errorPart(el));
    expect(JSON.stringify(detail)).not.to.contain(CARD);
    expect(control(el, 'cardNumber').value).to.equal(CARD); // nothing entered is lost
    await expect(el).to.be.accessible();
  });

  it('a relay field error on a control (unknown vault) shows beside it until the field is edited', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="vault transaction"></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, vaultId: '4999', amountBase: uniqueAmount() });
    await el.submit();
    expect(errorBeside(el, 'vaultId')).to.contain('Vault does not exist');
    expect(focused(el)!.name).to.equal('vaultId');
    control(el, 'intervalCount').focus(); // another field's blur keeps the relay's message
    control(el, 'amountBase').focus();
    await el.updateComplete;
    expect(errorBeside(el, 'vaultId')).to.contain('Vault does not exist');
    await expect(el).to.be.accessible();
  });

  it('an unreachable relay: the network message in the error part, pj-error with status 0', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form endpoint="http://127.0.0.1:9/pj"></pj-schedule-form>`);
    await fill(el, { ...CARD_VALUES, ...PERIODIC, amountBase: uniqueAmount() });
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    expect((await error).detail).to.include({ code: 'network', status: 0 });
    expect(errorPart(el).textContent).to.contain('could not be reached');
    expect(control(el, 'cardNumber').value).to.equal(CARD);
    await expect(el).to.be.accessible();
  });

  it('pre-auth decline (0.08 → 51) shows the guidance in the error part, keeps the values', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...CARD_VALUES, ...PERIODIC, amountBase: '0.08', billingFirstName: 'Ana' });
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    const { detail } = await error;
    expect(detail).to.include({ code: 'preauth_declined', status: 402 });
    const text = errorPart(el).textContent!;
    expect(text).to.contain(describeDecline('51').merchantGuidance);
    expect(text).to.contain('51');
    expect(control(el, 'cardNumber').value).to.equal(CARD);
    expect(control(el, 'billingFirstName').value).to.equal('Ana');
    expect($<HTMLButtonElement>(el, '[part="submit-button"]').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('success: one request on a double click, a summary, pj-schedule-created once without the card number, then reset', async () => {
    const logged: unknown[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
    const saved = methods.map((m) => console[m]);
    methods.forEach((m) => (console[m] = (...args: unknown[]) => logged.push(args)));
    try {
      const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
      const amount = uniqueAmount();
      await fill(el, { ...CARD_VALUES, ...PERIODIC, intervalCap: '6', amountBase: amount, billingFirstName: 'Ana', billingLastName: 'Ruiz' });
      expect(el.shadowRoot!.innerHTML + el.outerHTML).not.to.contain(CARD); // never in an attribute
      let events = 0;
      el.addEventListener('pj-schedule-created', () => events++);
      const button = $<HTMLButtonElement>(el, '[part="submit-button"]');
      const schedule = await createdBy(el, () => {
        button.click();
        button.click();
      });
      await el.updateComplete;
      expect(posts).to.have.length(1);
      expect(posts[0]).to.include({ cardNumber: CARD, amountBase: amount, interval: 'MONTH', startDate: START });
      expect(posts[0]).not.to.have.property('achType');
      expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
      const summary = $(el, '[part="summary"]').textContent!.replace(/\s+/g, ' ');
      expect(summary).to.contain(String(schedule.scheduleId));
      expect(summary).to.contain('Repeating');
      expect(summary).to.contain('Every 1 month(s)');
      expect(summary).to.contain(formatMoney(amount, 'en-US'));
      expect(summary).to.contain('VISA •••• 1111');
      expect(summary).to.contain(new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${START}T12:00:00Z`)));
      expect($(el, '[part="form"]')).to.equal(null);
      expect(focused(el)!.tagName).to.equal('H2');
      await expect(el).to.be.accessible();
      await new Promise((r) => setTimeout(r, 100));
      expect(events).to.equal(1);
      expect(JSON.stringify(schedule)).not.to.contain(CARD);
      expect(JSON.stringify(logged)).not.to.contain(CARD);
      $<HTMLButtonElement>(el, '[part="reset-button"]').click();
      await el.updateComplete;
      expect(control(el, 'cardNumber').value).to.equal('');
      await waitUntil(() => focused(el)?.name === 'paymentMethod', 'focus back in the form');
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i]!));
    }
  });

  it('duplicate (409) → "Create it anyway" resends with bypassDuplicate → success', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    const values = { ...CARD_VALUES, ...PERIODIC, amountBase: uniqueAmount() };
    await fill(el, values);
    await createdBy(el, () => el.submit());
    el.reset();
    await el.updateComplete;
    await fill(el, values);
    const error = oneEvent(el, 'pj-error');
    await el.submit();
    expect((await error).detail).to.include({ code: 'duplicate_schedule', status: 409 });
    expect(errorPart(el).textContent).to.contain('already exists');
    const confirm = $<HTMLButtonElement>(el, '[part="duplicate-confirm"]');
    expect(confirm.textContent!.trim()).to.equal('Create it anyway');
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => confirm.click());
    expect(posts).to.have.length(3);
    expect(posts[2]).to.deep.equal({ ...posts[1], bypassDuplicate: true });
    expect(schedule.amountBase).to.equal(values.amountBase);
  });

  it('ACH PPD: success with the account masked in the summary', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, {
      paymentMethod: 'ach',
      achRoutingNumber: ROUTING,
      achAccountNumber: ACCOUNT,
      achAccountType: 'CHECKING',
      achType: 'PPD',
      billingFirstName: 'Ana',
      billingLastName: 'Ruiz',
      ...PERIODIC,
      interval: 'WEEK',
      intervalCount: '2',
      amountBase: uniqueAmount(),
    });
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => el.submit());
    expect(posts[0]).to.include({ achAccountNumber: ACCOUNT, achType: 'PPD' });
    expect(posts[0]).not.to.have.property('cardNumber');
    expect(schedule.vault).to.deep.include({ type: 'ACH', lastFour: '6789' });
    expect($(el, '[part="summary"]').textContent).to.contain('Every 2 week(s)');
    expect($(el, '[part="summary"]').textContent).to.contain('CHECKING •••• 6789');
    await expect(el).to.be.accessible();
  });

  it('vault (5002 MASTERCARD) and a one-date schedule', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...CARD_VALUES, paymentMethod: 'vault', vaultId: '5002', scheduleType: 'SPECIFIC_DATES', specificDate1: inDays(10), amountBase: uniqueAmount() });
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => el.submit());
    expect(posts[0]).not.to.have.property('cardNumber'); // the card typed before switching stays home
    expect(posts[0]).to.include({ vaultId: '5002', scheduleType: 'SPECIFIC_DATES' });
    expect(schedule.vault).to.deep.include({ accountType: 'MASTERCARD', lastFour: '5100' });
    expect($(el, '[part="summary"]').textContent).to.contain('MASTERCARD •••• 5100');
    expect($(el, '[part="summary"]').textContent).to.contain('One date');
  });

  it('previous transaction: re-bills the card of a Smart Terminal payment', async () => {
    const terminals = (await (await realFetch('/pj/smart-terminals')).json()).results;
    const started = await realFetch('/pj/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `sf-${crypto.randomUUID()}` },
      body: JSON.stringify({ smartTerminalId: terminals[0].smartTerminalId, amountBase: '3.10' }),
    });
    const { requestId } = await started.json();
    let transactionId: string | undefined;
    await waitUntil(async () => {
      const snapshot = await (await realFetch(`/pj/requests/${requestId}`)).json();
      transactionId = snapshot.outcome === 'approved' ? String(snapshot.transactionId) : undefined;
      return transactionId;
    }, 'payment approved', { timeout: 8000, interval: 200 });
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="transaction"></pj-schedule-form>`);
    await fill(el, { transactionId: transactionId!, ...PERIODIC, amountBase: uniqueAmount() });
    await expect(el).to.be.accessible();
    const schedule = await createdBy(el, () => el.submit());
    expect(posts[0]).to.include({ transactionId });
    expect(schedule.vault).to.deep.include({ lastFour: '1111' });
    await expect(el).to.be.accessible();
  });

  it('Spanish: labels and validation messages from the locale (property and setLocale)', async () => {
    const es = { lang: 'es-US', scheduleForm: scheduleFormEs, scheduleMessages: scheduleMessagesEs };
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form .locale=${es}></pj-schedule-form>`);
    expect($(el, 'label[for="f-cardNumber"]').textContent).to.equal('Número de tarjeta');
    expect($(el, 'legend').textContent).to.equal('Forma de pago');
    expect($(el, '[part="submit-button"]').textContent!.trim()).to.equal(scheduleFormEs.submit);
    await fill(el, { ...PERIODIC, cardNumber: '4111111111111112', cardExpMonth: '12', cardExpYear: String(year + 1) });
    await el.submit();
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase', scheduleMessagesEs));
    expect(errorBeside(el, 'cardNumber')).to.equal(scheduleMessagesEs.cardNumber);
    await expect(el).to.be.accessible();

    const page = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    setLocale(es);
    await page.updateComplete;
    expect($(page, 'label[for="f-billingFirstName"]').textContent).to.equal('Nombre de facturación');
    await page.submit();
    expect(errorBeside(page, 'paymentMethod', 'input[name="paymentMethod"][value="card"]')).to.equal(scheduleMessagesEs.requiredPaymentMethod);
  });

  it('keyboard only: Tab through the fields, type, Enter submits', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="vault" amount=${uniqueAmount()}></pj-schedule-form>`);
    control(el, 'vaultId').focus();
    await sendKeys({ type: '5001' });
    const order: string[] = [];
    const tab = async () => {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el)!.name);
    };
    await tab(); // achType (optional)
    await tab(); // scheduleType: PERIODIC already
    await tab(); // interval
    await sendKeys({ type: 'm' });
    await tab(); // intervalCount
    await sendKeys({ type: '3' });
    await tab(); // intervalCap
    await tab(); // startDate
    const [y, m, d] = START.split('-');
    await sendKeys({ type: `${m}${d}${y}` });
    // Chrome's date input may keep Tab for its month/day/year parts: Tab until focus leaves it.
    for (let i = 0; i < 3 && focused(el)!.name === 'startDate'; i++) await sendKeys({ press: 'Tab' });
    order.push(focused(el)!.name); // amountBase (read-only, from `amount`)
    expect(order).to.deep.equal(['achType', 'scheduleType', 'interval', 'intervalCount', 'intervalCap', 'startDate', 'amountBase']);
    expect(control(el, 'startDate').value).to.equal(START);
    const schedule = await createdBy(el, () => sendKeys({ press: 'Enter' }));
    expect(schedule).to.include({ interval: 'MONTH', intervalCount: 3, startDate: START });
    expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
    await expect(el).to.be.accessible();
  });
});
