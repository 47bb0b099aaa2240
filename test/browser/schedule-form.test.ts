/**
 * <pj-schedule-form> in real Chromium against the real relay and simulator, part one: every rule
 * family of src/protocol/schedule.ts through the UI (exact messages beside the right control), blur
 * validation, focus, masking, Spanish and keyboard-only use. The relay's answers are in
 * schedule-form-relay.test.ts. Axe runs in every state visited.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import { es } from '../../src/locales/es.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { scheduleFormEs } from '../../src/locales/es/schedule-form.js';
import { setLocale } from '../../src/locales/locale.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN as EN } from '../../src/protocol/schedule.js';
import {
  $,
  ACCOUNT,
  CARD_VALUES,
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
} from './schedule-form.helpers.js';

describe('<pj-schedule-form>: fields and rules', () => {
  const posts = recordSchedulePosts();

  it('offers every field, grouped and named by PayJunction parameter, with autocomplete and inputmode (empty state)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend, summary')].map((l) => l.textContent!.trim());
    expect(legends).to.include.members([
      'Payment method',
      'Schedule',
      'Amount',
      'Card checks',
      'Billing contact',
      'Shipping contact',
      'Invoice',
    ]);
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="paymentMethod"]')].map(
      (r) => r.value,
    );
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
    expect([...control(el, 'interval').querySelectorAll('option')].map((o) => o.value)).to.deep.equal([
      '',
      'DAY',
      'WEEK',
      'MONTH',
      'YEAR',
    ]);
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
    expect(errorBeside(el, 'paymentMethod', 'input[name="paymentMethod"][value="card"]')).to.equal(
      EN.requiredPaymentMethod,
    );
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
    await fill(el, {
      ...PERIODIC,
      amountBase: '10.00',
      cardNumber: '4111111111111112',
      cardExpMonth: '01',
      cardExpYear: String(year - 1),
      cardCvv: '12',
    });
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
    await fill(el, {
      ...PERIODIC,
      amountBase: '10.00',
      achRoutingNumber: '123456789',
      achAccountNumber: ACCOUNT,
      achAccountType: 'CHECKING',
      achType: 'PPD',
    });
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

  it('Spanish: labels and validation messages from the locale (property, and setLocale with the older `scheduleMessages` name)', async () => {
    const el = await fixture<PjScheduleForm>(html`<pj-schedule-form .locale=${es}></pj-schedule-form>`);
    expect($(el, 'label[for="f-cardNumber"]').textContent).to.equal('Número de tarjeta');
    expect($(el, 'legend').textContent).to.equal('Forma de pago');
    expect($(el, '[part="submit-button"]').textContent!.trim()).to.equal(scheduleFormEs.submit);
    await fill(el, { ...PERIODIC, cardNumber: '4111111111111112', cardExpMonth: '12', cardExpYear: String(year + 1) });
    await el.submit();
    expect(errorBeside(el, 'amountBase')).to.equal(message('required', 'amountBase', messagesEs));
    expect(errorBeside(el, 'cardNumber')).to.equal(messagesEs.cardNumber);
    await expect(el).to.be.accessible();

    const page = await fixture<PjScheduleForm>(html`<pj-schedule-form></pj-schedule-form>`);
    setLocale({ lang: 'es-US', scheduleForm: scheduleFormEs, scheduleMessages: messagesEs });
    await page.updateComplete;
    expect($(page, 'label[for="f-billingFirstName"]').textContent).to.equal('Nombre de facturación');
    await page.submit();
    expect(errorBeside(page, 'paymentMethod', 'input[name="paymentMethod"][value="card"]')).to.equal(
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
    await expect(el).to.be.accessible();
  });
});
