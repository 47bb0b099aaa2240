/**
 * <pj-terminal-pay>'s guidance and its button agree, and it never shows what it cannot charge: in
 * real Chromium against the relay and simulator, in English and Spanish, axe in every state.
 * - After a decline the primary button follows the decline catalogue (describeDecline's `retry`):
 *   "Try again" only when the same card may work, else a new payment.
 * - An empty or invalid amount is never echoed: the status asks for an amount, the button names none
 *   and is disabled; the money rule's sentence says what is wrong.
 * - A double click on pay selects no text.
 */
import { aTimeout, expect } from '@open-wc/testing';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { es } from '../../src/locales/es.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import { setLocale } from '../../src/locales/locale.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { MONEY_MESSAGES_EN } from '../../src/protocol/money.js';
import { format } from '../../src/protocol/text.js';
import {
  FRONT,
  cleanUp,
  freshSimulator,
  html,
  make,
  part,
  payButton,
  paymentCalls,
  showing,
  sim,
  status,
  words,
} from './terminal-pay.helpers.js';

/** Everything the element shows and announces. */
const everything = (el: HTMLElement) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('<pj-terminal-pay>: the button does what the guidance says', () => {
  beforeEach(freshSimulator);
  afterEach(async () => {
    await cleanUp();
    setLocale({});
  });

  for (const code of ['91', '55'] as const) {
    it(`declined ${code}, which the catalogue says may work again: "Try again" with the same amount`, async () => {
      await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'decline', code });
      const el = await make(html`<pj-terminal-pay amount="6.10" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      el.pay();
      await showing(el, `Declined: $6.10`);
      expect(['yes', 'fix_and_retry']).to.include(describeDecline(code).retry);
      expect(status(el)).to.include(describeDecline(code).guidance);
      expect(words(payButton(el))).to.equal('Try again: charge $6.10');
      await expect(el).to.be.accessible();
      payButton(el).click(); // a new attempt at once, on the terminal
      await showing(el, STATES.approved);
      expect(await paymentCalls()).to.have.length(2);
    });
  }

  for (const code of ['01', '04', 'DT'] as const) {
    it(`declined ${code}, which the catalogue says not to run again: a new payment, not "Try again"`, async () => {
      await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'decline', code });
      const el = await make(html`<pj-terminal-pay amount="6.20" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      el.pay();
      await showing(el, `Declined: $6.20`);
      expect(status(el)).to.include(describeDecline(code).guidance);
      expect(words(payButton(el))).to.equal(terminalPayEn.newPayment);
      expect(everything(el)).not.to.include('Try again:');
      await expect(el).to.be.accessible();
      payButton(el).click();
      await showing(el, 'Ready: $6.20 on Front Counter');
      expect(await paymentCalls()).to.have.length(1); // the button went back to ready; it charged nothing
    });
  }

  for (const [language, locale, declined, newPayment, says] of [
    [
      'English',
      {},
      'Declined: $6.30',
      terminalPayEn.newPayment,
      ['was taken minutes ago', 'Check that payment before charging again'],
    ],
    [
      'Spanish',
      es,
      'Rechazado: $6.30',
      terminalPayEs.newPayment,
      ['Hace unos minutos se cobró un pago igual', 'Revise ese pago antes de cobrar de nuevo'],
    ],
  ] as const) {
    it(`a duplicate (DT) in ${language}: a matching payment was just taken, check it; no second charge offered`, async () => {
      setLocale(locale);
      await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'decline', code: 'DT' });
      const el = await make(html`<pj-terminal-pay amount="6.30" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      el.pay();
      await showing(el, declined);
      for (const phrase of says) expect(status(el)).to.include(phrase);
      expect(words(payButton(el))).to.equal(newPayment);
      expect(everything(el)).not.to.match(/Try again|Intentar de nuevo|\$6\.30 on|cobrar \$6\.30/);
      await expect(el).to.be.accessible();
      await aTimeout(100);
      expect(await paymentCalls()).to.have.length(1);
    });
  }

  it('in Spanish too: 05 offers "Nuevo pago" under "pida otra tarjeta"', async () => {
    setLocale(es);
    const el = await make(html`<pj-terminal-pay amount="0.05" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    el.pay();
    await showing(el, 'Rechazado: $0.05');
    expect(words(payButton(el))).to.equal(terminalPayEs.newPayment);
    expect(everything(el)).not.to.include('Intentar de nuevo');
    await expect(el).to.be.accessible();
  });
});

describe('<pj-terminal-pay>: nothing raw', () => {
  beforeEach(freshSimulator);
  afterEach(async () => {
    await cleanUp();
    setLocale({});
  });

  it('an amount that is not money is never shown: "Enter an amount", a disabled "Charge", the rule under it', async () => {
    const el = await make(html`<pj-terminal-pay amount="abc" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Enter an amount to charge on Front Counter');
    expect(words(payButton(el))).to.equal('Charge');
    expect(payButton(el).disabled).to.equal(true);
    expect(words(part(el, 'message'))).to.equal(format(MONEY_MESSAGES_EN.money, { field: 'Amount' }));
    expect(everything(el)).not.to.include('abc');
    await expect(el).to.be.accessible();

    for (const amount of ['12.345', '-5', '$5', '1e3', '0', '2000000']) {
      el.amount = amount;
      await el.updateComplete;
      expect(status(el), amount).to.equal('Enter an amount to charge on Front Counter');
      expect(words(payButton(el)), amount).to.equal('Charge');
      if (amount !== '0') expect(everything(el), amount).not.to.include(amount); // "more than 0.00" says 0
    }
    el.amount = ' 12.5 ';
    await el.updateComplete;
    expect(status(el)).to.equal('Ready: $12.50 on Front Counter');
  });

  it('an empty amount asks for one, without an error; a tax that is not money hides the total too', async () => {
    const el = await make(html`<pj-terminal-pay amount="" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Enter an amount to charge on Front Counter');
    expect(words(payButton(el))).to.equal('Charge');
    expect(payButton(el).disabled).to.equal(true);
    expect(!!part(el, 'message'), 'a message part').to.equal(false); // the status already asks: nothing to mark as wrong
    await expect(el).to.be.accessible();
    el.pay();
    await aTimeout(100);
    expect(await paymentCalls()).to.have.length(0);

    el.amount = '5.00';
    el.tax = 'abc';
    await el.updateComplete;
    expect(status(el)).to.equal('Enter an amount to charge on Front Counter');
    expect(words(payButton(el))).to.equal('Charge');
    expect(everything(el)).not.to.include('abc');
    expect(words(part(el, 'message'))).to.equal(format(MONEY_MESSAGES_EN.money, { field: 'Tax' }));
  });

  it('a refund the same way, and after a decline the button names no amount that is not valid', async () => {
    const refund = await make(
      html`<pj-terminal-pay action="refund" amount="x" smart-terminal-id=${FRONT}></pj-terminal-pay>`,
    );
    await showing(refund, 'Front Counter');
    expect(status(refund)).to.equal('Enter an amount to refund on Front Counter');
    expect(words(payButton(refund))).to.equal('Refund');
    await expect(refund).to.be.accessible();

    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'decline', code: '91' });
    const el = await make(html`<pj-terminal-pay amount="6.30" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    el.pay();
    await showing(el, 'Declined: $6.30');
    el.amount = '6.3.0';
    await el.updateComplete;
    expect(words(payButton(el))).to.equal('Charge');
    expect(payButton(el).disabled).to.equal(true);
    expect(everything(el)).not.to.include('6.3.0');
  });

  it('in Spanish: "Escriba un importe", a disabled "Cobrar", the rule in Spanish', async () => {
    setLocale(es);
    const el = await make(html`<pj-terminal-pay amount="abc" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Escriba un importe para cobrar en Front Counter');
    expect(words(payButton(el))).to.equal('Cobrar');
    expect(words(part(el, 'message'))).to.equal(format(messagesEs.money!, { field: messagesEs.fields!.amountBase! }));
    expect(everything(el)).not.to.include('abc');
    await expect(el).to.be.accessible();
    el.amount = '';
    await el.updateComplete;
    expect(status(el)).to.equal('Escriba un importe para cobrar en Front Counter');
    expect(!!part(el, 'message'), 'a message part').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('a double click on pay selects no text: only the status and the message can be selected', async () => {
    // A real double click is in test/e2e/cashier-words.test.ts (the test runner's mouse clicks once at a time).
    const el = await make(html`<pj-terminal-pay amount="abc" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.box')!).userSelect).to.equal('none');
    // The status and the message stay selectable: a cashier may copy a transaction number from them.
    expect(getComputedStyle(part(el, 'status')!).userSelect).to.equal('text');
    expect(getComputedStyle(part(el, 'message')!).userSelect).to.equal('text');
  });
});
