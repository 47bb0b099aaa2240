/**
 * <pj-schedule-form> in real Chromium against the real relay and simulator, part one: every rule
 * family of src/protocol/schedule.ts through the UI (exact messages beside the right control; the
 * card and bank fields' in the frame, as the frame reports them), blur validation, focus, Spanish and
 * keyboard-only use. The relay's answers are in schedule-form-relay.test.ts, the frame's isolation in
 * schedule-form-fields.test.ts. Axe runs in every state visited.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { es } from '../../src/locales/es.js';
import { fieldsEs } from '../../src/locales/es/fields.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { scheduleFormEs } from '../../src/locales/es/schedule-form.js';
import { setLocale } from '../../src/locales/locale.js';
import { localToday } from '../../src/protocol/card.js';
import type { FieldsInit } from '../../src/protocol/fields-channel.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN as EN } from '../../src/protocol/schedule.js';
import {
  $,
  PERIODIC,
  START,
  control,
  createdBy,
  errorBeside,
  fill,
  focused,
  inDays,
  message,
  uniqueAmount,
  valid,
  year,
  recordSchedulePosts,
  summaryRow,
  announced,
} from './schedule-form.helpers.js';
import {
  FRAME_FIELD_NAMES,
  frameReady,
  frameState,
  lastState,
  messages,
  paymentFrame,
  typeInFrame,
} from './schedule-form-frame.helpers.js';

describe('<pj-schedule-form>: fields and rules', () => {
  const posts = recordSchedulePosts();

  it('offers every field, grouped and named by PayJunction parameter, the numbers in the frame (empty state)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend, summary')].map((l) => l.textContent!.trim());
    expect(legends).to.include.members([
      'Payment method',
      'Schedule',
      'Amount',
      'Card checks',
      'Billing contact (optional)',
      'Shipping contact',
      'Invoice and order numbers',
    ]);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="paymentMethod"]')].map(
      (r) => r.value,
    );
    expect(radios).to.deep.equal(['card', 'ach', 'vault', 'transaction']);
    // A new form: a monthly schedule from today; the card's fields in the frame, in the payment group.
    expect(control(el, 'scheduleType').value).to.equal('PERIODIC');
    expect(control(el, 'interval').value).to.equal('MONTH');
    expect(control(el, 'intervalCount').value).to.equal('1');
    expect(control(el, 'startDate').value).to.equal(localToday());
    const iframe = await frameReady(el);
    expect(iframe.title).to.equal('Card or bank account details');
    expect(iframe.closest('fieldset')!.querySelector('legend')!.textContent).to.equal('Payment method');
    expect(control(el, 'amountBase').inputMode).to.equal('decimal');
    expect(control(el, 'startDate').type).to.equal('date');
    expect(control(el, 'billingFirstName').autocomplete).to.equal('given-name');
    expect(control(el, 'billingLastName').autocomplete).to.equal('family-name');
    expect(control(el, 'billingCompanyName').autocomplete).to.equal('organization');
    expect(control(el, 'billingAddress').autocomplete).to.equal('street-address');
    expect(control(el, 'billingZip').autocomplete).to.equal('postal-code');
    expect(control(el, 'billingEmail').type).to.equal('email');
    expect(control(el, 'billingFirstName').closest('details')!.open).to.equal(false);
    expect(control(el, 'shippingCity').autocomplete).to.equal('shipping address-level2');
    expect(control(el, 'shippingCity').closest('details')!.open).to.equal(false);
    // maxlength and options come from SCHEDULE_FIELDS, labels from SCHEDULE_MESSAGES_EN.fields.
    expect(control(el, 'billingFirstName').maxLength).to.equal(16);
    expect(control(el, 'invoiceNumber').maxLength).to.equal(32);
    expect([...control(el, 'interval').querySelectorAll('option')].map((o) => o.value)).to.deep.equal([
      '',
      'DAY',
      'WEEK',
      'MONTH',
      'YEAR',
    ]);
    expect($(el, 'label[for="f-purchaseOrderNumber"]').textContent).to.equal(EN.fields.purchaseOrderNumber);
    // Every POST /schedules field has a control here (the method's once chosen), but the frame's.
    const seen = new Set([...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]')].map((c) => c.name));
    for (const method of ['ach', 'vault', 'transaction']) {
      await fill(el, { paymentMethod: method });
      el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]').forEach((c) => seen.add(c.name));
    }
    await fill(el, { paymentMethod: 'ach', achType: 'PPD' });
    expect(control(el, 'billingFirstName').closest('details')).to.equal(null); // required now: shown
    expect(control(el, 'billingFirstName').closest('fieldset')).to.equal(paymentFrame(el)!.closest('fieldset'));
    await fill(el, { achType: 'CCD' });
    expect(control(el, 'billingCompanyName').closest('fieldset')).to.equal(paymentFrame(el)!.closest('fieldset'));
    expect(control(el, 'billingFirstName').closest('details')!.open).to.equal(false);
    await fill(el, { scheduleType: 'SPECIFIC_DATES' });
    el.shadowRoot!.querySelectorAll<HTMLInputElement>('[name]').forEach((c) => seen.add(c.name));
    const missing = SCHEDULE_FIELDS.map((s) => s.name).filter((n) => !seen.has(n));
    // The attribute, the duplicate prompt, and the numbers and account type typed in the frame.
    expect(missing).to.deep.equal([...FRAME_FIELD_NAMES, 'terminalId', 'bypassDuplicate']);
    await expect(el).to.be.accessible();
  });

  it('submit: required, exactly one method (beside the chooser), PERIODIC needs interval/count/start; focus on the first', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { paymentMethod: 'vault', interval: '', intervalCount: '', startDate: '' });
    await el.submit();
    expect(posts).to.have.length(0);
    expect(errorBeside(el, 'paymentMethod', 'input[name="paymentMethod"][value="vault"]')).to.equal(
      EN.requiredPaymentMethod,
    );
    expect(focused(el)!.value).to.equal('vault');
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase'));
    expect(errorBeside(el, 'interval')).to.equal(message('required', 'interval'));
    expect(errorBeside(el, 'intervalCount')).to.equal(message('required', 'intervalCount'));
    expect(errorBeside(el, 'startDate')).to.equal(message('required', 'startDate'));
    expect(announced(el)).to.contain('5 field(s)');
    await expect(el).to.be.accessible();
  });

  it('money format, more than 1,000,000, max length, email, positive integer; errors in collapsed sections open them', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, {
      paymentMethod: 'vault',
      vaultId: '5001',
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
    expect(control(el, 'billingFirstName').closest('details')!.open).to.equal(true);
    expect(control(el, 'shippingEmail').closest('details')!.open).to.equal(true);
    expect(posts).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('card: Luhn, expiry in the past, CVV, judged in the frame; the form counts them and focuses the frame', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { ...PERIODIC, amountBase: '10.00' });
    const from = messages.length;
    await typeInFrame(el, {
      cardNumber: '4111111111111112',
      cardExpMonth: '01',
      cardExpYear: String(year - 1),
      cardCvv: '12',
    });
    await el.submit();
    const { fields } = await frameState((s) => s.fields.cardExpYear?.state === 'invalid', from, 'invalid card');
    expect(fields.cardNumber).to.deep.equal({ state: 'invalid', message: EN.cardNumber });
    expect(fields.cardExpYear).to.deep.equal({ state: 'invalid', message: EN.cardExpired });
    expect(fields.cardCvv).to.deep.equal({ state: 'invalid', message: EN.cardCvv });
    expect(fields.cardExpMonth).to.deep.equal({ state: 'complete' });
    expect(focused(el)).to.equal(paymentFrame(el));
    expect(announced(el)).to.equal('3 field(s) need attention.');
    // The frame was asked to mark its fields, not to tokenize them: no token came back.
    expect(messages.slice(from).some((m) => (m.data as { tokenId?: string })?.tokenId)).to.equal(false);
    expect(posts).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('ACH: ABA routing in the frame; PPD needs first and last name, CCD needs the company', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { paymentMethod: 'ach' });
    expect([...control(el, 'achType').querySelectorAll('option')].map((o) => o.value)).to.deep.equal([
      '',
      'PPD',
      'CCD',
    ]);
    await typeInFrame(el, { achRoutingNumber: '123456789', achAccountNumber: '000123456789' });
    expect(lastState()!.fields.achRoutingNumber).to.deep.equal({ state: 'invalid', message: EN.achRoutingNumber });
    await fill(el, { ...PERIODIC, amountBase: '10.00', achType: 'PPD' });
    await el.submit();
    expect(errorBeside(el, 'billingFirstName')).to.equal(message('requiredForPpd', 'billingFirstName'));
    expect(errorBeside(el, 'billingLastName')).to.equal(message('requiredForPpd', 'billingLastName'));
    expect(focused(el)).to.equal(paymentFrame(el)); // the frame's field comes first
    expect(announced(el)).to.equal('3 field(s) need attention.');
    await expect(el).to.be.accessible();
    await typeInFrame(el, { achRoutingNumber: '011000015' });
    await fill(el, { achType: 'CCD' });
    await el.submit();
    expect(errorBeside(el, 'billingCompanyName')).to.equal(message('requiredForCcd', 'billingCompanyName'));
    expect(focused(el)!.name).to.equal('billingCompanyName');
    expect(control(el, 'billingFirstName').closest('details')).not.to.equal(null); // optional again
    await fill(el, { achType: '' });
    await el.submit();
    expect(errorBeside(el, 'achType')).to.equal(message('required', 'achType'));
    expect(posts).to.have.length(0);
  });

  it('SPECIFIC_DATES needs its date; interval fields only with PERIODIC (they stay visible while they hold a value)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    await fill(el, { paymentMethod: 'vault', vaultId: '5001', amountBase: '10.00', intervalCap: '12' });
    await fill(el, { interval: '', intervalCount: '', startDate: '', scheduleType: 'SPECIFIC_DATES' });
    expect(control(el, 'interval')).to.equal(null); // empty: hidden with its type
    await el.submit();
    expect(errorBeside(el, 'intervalCap')).to.equal(message('periodicOnly', 'intervalCap'));
    expect(errorBeside(el, 'specificDate1')).to.equal(message('required', 'specificDate1'));
    await fill(el, { specificDate1: inDays(-1) });
    await el.submit();
    expect(errorBeside(el, 'specificDate1')).to.equal(message('datePast', 'specificDate1'));
    await expect(el).to.be.accessible();
  });

  it('validates a field on blur once it was touched, and clears the message when fixed (the form’s and the frame’s)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    control(el, 'billingCity').focus();
    control(el, 'amountBase').focus(); // city left untouched: no message
    await el.updateComplete;
    valid(el, 'billingCity');
    await fill(el, { amountBase: '0' });
    control(el, 'amountBase').blur();
    await el.updateComplete;
    expect(errorBeside(el, 'amountBase')).to.equal(message('moneyPositive', 'amountBase'));
    control(el, 'amountBase').focus();
    await fill(el, { amountBase: '5.00' });
    control(el, 'amountBase').blur();
    await el.updateComplete;
    valid(el, 'amountBase');
    // In the frame: a wrong card number is marked once left (Tab), and unmarked once right.
    await typeInFrame(el, { cardNumber: '1234 5678 9012 3456' });
    expect(lastState()!.fields.cardNumber).to.deep.equal({ state: 'invalid', message: EN.cardNumber });
    expect(lastState()!.fields.cardCvv).to.deep.equal({ state: 'empty' });
    await typeInFrame(el, { cardNumber: '4111 1111 1111 1111' });
    expect(lastState()!.fields.cardNumber).to.deep.equal({ state: 'complete' });
    expect(lastState()!.brand).to.equal('VISA');
    await expect(el).to.be.accessible();
  });

  it('methods="card" hides the chooser and shows the frame alone; methods="vault" says "choose how to pay" on the vault ID', async () => {
    const from = messages.length;
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="card" amount="25.00"></pj-schedule-form>`);
    expect(el.shadowRoot!.querySelector('input[name="paymentMethod"]')).to.equal(null);
    expect(control(el, 'amountBase').value).to.equal('25.00');
    expect(control(el, 'amountBase').readOnly).to.equal(true);
    await frameReady(el);
    await el.submit();
    const { fields } = await frameState((s) => s.fields.cardNumber?.state === 'invalid', from, 'marked fields');
    for (const name of ['cardNumber', 'cardExpMonth', 'cardExpYear'] as const)
      expect(fields[name], name).to.deep.equal({ state: 'invalid', message: message('required', name) });
    expect(fields.cardCvv).to.deep.equal({ state: 'empty' }); // optional
    expect(focused(el)).to.equal(paymentFrame(el));
    await expect(el).to.be.accessible();

    const vault = await fixture<PjScheduleForm>(html`<pj-schedule-form methods="vault"></pj-schedule-form>`);
    expect(paymentFrame(vault)).to.equal(null); // no card or bank account offered: no frame at all
    await vault.submit();
    expect(errorBeside(vault, 'vaultId')).to.equal(EN.requiredPaymentMethod);
    expect(focused(vault)!.name).to.equal('vaultId');
    await expect(vault).to.be.accessible();
  });

  it('Spanish: labels and validation messages from the locale, in the form and in the frame (property, and setLocale with the older `scheduleMessages` name)', async () => {
    const from = messages.length;
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form .locale=${es}></pj-schedule-form>`);
    expect($(el, 'legend').textContent).to.equal('Forma de pago');
    expect($(el, '[part="submit-button"]').textContent!.trim()).to.equal(scheduleFormEs.submit);
    expect((await frameReady(el)).title).to.equal(fieldsEs.frameTitle);
    // The frame is told its labels and words in the page's language when it connects.
    const init = messages.slice(from).find((m) => m.way === 'sent' && (m.data as FieldsInit).type === 'init')!
      .data as FieldsInit;
    expect(init.lang).to.equal('es-US');
    expect(init.messages.fields.cardNumber).to.equal(messagesEs.fields.cardNumber);
    expect(init.words.expiry).to.equal(fieldsEs.expiry);
    await typeInFrame(el, { cardNumber: '4111111111111112' });
    expect(lastState()!.fields.cardNumber).to.deep.equal({ state: 'invalid', message: messagesEs.cardNumber });
    await el.submit();
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase', messagesEs));
    expect(announced(el).replace(/\d+/, '{count}')).to.equal(scheduleFormEs.invalid); // how many: schedule-form-fields.test.ts
    await expect(el).to.be.accessible();

    const page = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    setLocale({ lang: 'es-US', scheduleForm: scheduleFormEs, scheduleMessages: messagesEs });
    await page.updateComplete;
    expect($(page, 'label[for="f-amountBase"]').textContent).to.equal(messagesEs.fields.amountBase);
    await fill(page, { paymentMethod: 'vault' });
    await page.submit();
    expect(errorBeside(page, 'paymentMethod', 'input[name="paymentMethod"][value="vault"]')).to.equal(
      messagesEs.requiredPaymentMethod,
    );
  });

  it('keyboard only: Tab through the fields, type, Enter submits', async () => {
    const el = await fixture<PjScheduleForm>(
      html`<pj-schedule-form methods="vault" amount=${uniqueAmount()}></pj-schedule-form>`,
    );
    control(el, 'vaultId').focus();
    await sendKeys({ type: '5001' });
    const order: string[] = [];
    const tab = async () => {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el)!.name);
    };
    await tab(); // achType (optional)
    await tab(); // scheduleType: PERIODIC already
    await tab(); // interval: MONTH already
    await tab(); // intervalCount
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '3' });
    await tab(); // intervalCap
    await tab(); // startDate (today): a month from now
    const [y, m, d] = START.split('-');
    await sendKeys({ type: `${m}${d}${y}` });
    // Chrome's date input may keep Tab for its month/day/year parts: Tab until focus leaves it.
    for (let i = 0; i < 3 && focused(el)!.name === 'startDate'; i++) await sendKeys({ press: 'Tab' });
    order.push(focused(el)!.name); // amountBase (read-only, from `amount`)
    expect(order).to.deep.equal([
      'achType',
      'scheduleType',
      'interval',
      'intervalCount',
      'intervalCap',
      'startDate',
      'amountBase',
    ]);
    expect(control(el, 'startDate').value).to.equal(START);
    const schedule = await createdBy(el, () => sendKeys({ press: 'Enter' }));
    expect(schedule).to.include({ interval: 'MONTH', intervalCount: 3, startDate: START });
    expect(schedule.vault).to.deep.include({ accountType: 'VISA', lastFour: '1111' });
    expect(summaryRow(el, 'Payments')).to.equal('Until cancelled');
    await expect(el).to.be.accessible();
  });
});
