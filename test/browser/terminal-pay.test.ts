/**
 * <pj-terminal-pay> in real Chromium against the real relay and simulator (steered through /__sim):
 * what the cashier sees and hears from ready to each outcome, in English, Spanish and from the
 * keyboard. Cancel, resume and one-request-per-payment are in terminal-pay-requests.test.ts. Every
 * state a test visits is checked with axe.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { MONEY_MESSAGES_EN } from '../../src/protocol/money.js';
import { format } from '../../src/protocol/text.js';
import {
  BACK,
  DRIVE,
  FRONT,
  cleanUp,
  freshSimulator,
  html,
  make,
  part,
  payButton,
  paymentCalls,
  record,
  showing,
  sim,
  status,
  words,
} from './terminal-pay.helpers.js';

describe('<pj-terminal-pay>: paying and what the cashier sees', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  it('renders idle with the amount and the terminal name, without taking focus', async () => {
    const el = await make(html`<pj-terminal-pay amount="12.5" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Ready: $12.50 on Front Counter');
    expect(words(payButton(el))).to.equal('Charge $12.50');
    expect(payButton(el).disabled).to.equal(false);
    expect(part(el, 'cancel-button')).to.equal(null);
    expect(el.requestId).to.equal(undefined);
    expect(document.activeElement).to.equal(document.body);
    await expect(el).to.be.accessible();
  });

  it('shows a labelled terminal picker when no smart-terminal-id is given', async () => {
    const el = await make(html`<pj-terminal-pay amount="5.00" allow-tips tax="0.40"></pj-terminal-pay>`);
    const select = part(el, 'terminal-select') as HTMLSelectElement;
    await waitUntil(() => select.options.length === 4, 'terminals never loaded');
    // Back Office is marked "(offline at the last try)" once an earlier test found it unplugged.
    expect(
      [...select.options].slice(1).map((o) => o.textContent?.replace(/ \(offline at the last try\)$/, '')),
    ).to.deep.equal(['Front Counter', 'Drive-Thru', 'Back Office']);
    expect(words(el.shadowRoot!.querySelector(`label[for="${select.id}"]`))).to.equal('Terminal');
    expect(payButton(el).disabled).to.equal(true);
    expect(status(el)).to.include('Choose a terminal to start.');
    await expect(el).to.be.accessible();

    select.value = DRIVE;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(status(el)).to.include('Ready: $5.40 on Drive-Thru');
    expect(status(el)).to.include('$5.00 + tax $0.40');
    // No tip amount before the charge: the customer gives it on the terminal.
    expect(status(el)).to.include('The terminal will ask the customer for a tip.');
    expect(status(el)).not.to.match(/\+ tip/);
    expect(payButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('takes an approved payment: status events in order, approved once, amount, card and approval code', async () => {
    const el = await make(
      html`<pj-terminal-pay amount="12.50" smart-terminal-id=${FRONT} invoice-number="INV-1"></pj-terminal-pay>`,
    );
    const events = record(el);
    payButton(el).click();
    await el.updateComplete;
    expect(payButton(el).disabled).to.equal(true);
    await showing(el, 'Approved: $12.50');
    await aTimeout(300);

    const versions = events('pj-request-status').map((e) => e.detail.snapshot.version);
    expect(versions.length).to.be.greaterThan(2);
    expect(versions).to.deep.equal([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).to.equal(versions.length);
    const approved = events('pj-payment-approved');
    expect(approved).to.have.length(1);
    const tx = approved[0]!.detail.transaction;
    expect(tx.amountTotal).to.equal('12.50');
    expect(tx.invoiceNumber).to.equal('INV-1');
    expect(approved[0]!.detail.snapshot.requestId).to.equal(el.requestId);
    expect(JSON.stringify(approved[0]!.detail)).not.to.match(/\d{13,19}/); // no card number anywhere
    expect(status(el)).to.include(`${tx.cardType} ending in ${tx.lastFour}`);
    expect(status(el)).to.include(`Approval code ${tx.approvalCode}`);
    expect(words(payButton(el))).to.equal('New payment');
    expect(events('pj-error')).to.have.length(0);
    await expect(el).to.be.accessible();

    // "New payment" goes back to idle without charging anything.
    payButton(el).click();
    await el.updateComplete;
    expect(status(el)).to.equal('Ready: $12.50 on Front Counter');
    expect(await paymentCalls()).to.have.length(1);
  });

  it('says when the result is known but the customer is still finishing on the terminal', async () => {
    await sim('/webhooks/faults', { drop: ['COMPLETE'] }); // the relay learns COMPLETE only from its safety poll (3 s)
    const el = await make(html`<pj-terminal-pay amount="2.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Approved — the customer is finishing on the terminal (signature or receipt)');
    expect(events('pj-payment-approved')).to.have.length(0);
    expect(part(el, 'status')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    await showing(el, 'Approved: $2.00', 6000);
    expect(events('pj-payment-approved')).to.have.length(1);
  });

  for (const [amount, code] of [
    ['0.05', '05'],
    ['0.08', '51'],
  ] as const) {
    it(`shows a decline ${code} with the catalogue's guidance, and offers a new payment, not the same card again`, async () => {
      const el = await make(html`<pj-terminal-pay amount=${amount} smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      const events = record(el);
      el.pay();
      await showing(el, `Declined: $${amount}`);
      await aTimeout(200);
      const guidance = describeDecline(code).guidance;
      expect(status(el)).to.include(guidance);
      expect(status(el)).to.include(`Response code ${code}`);
      expect(part(el, 'status')!.classList.contains('bad')).to.equal(true);
      const declined = events('pj-payment-declined');
      expect(declined).to.have.length(1);
      expect(declined[0]!.detail.decline.code).to.equal(code);
      expect(declined[0]!.detail.decline.guidance).to.equal(guidance);
      expect(events('pj-payment-approved')).to.have.length(0);
      // Both say "another card" (05: not today, 51: insufficient funds): the same card again would not help.
      expect(describeDecline(code).retry).to.equal('after_24h');
      expect(words(payButton(el))).to.equal('New payment');
      expect(payButton(el).disabled).to.equal(false);
      await expect(el).to.be.accessible();
      payButton(el).click(); // back to ready: nothing charged by the button itself
      await showing(el, `Ready: $${amount} on Front Counter`);
      expect(await paymentCalls()).to.have.length(1);
    });
  }

  it('says the terminal is busy, then a retry is a new attempt (new idempotency key)', async () => {
    await sim(`/devices/${FRONT}/busy`, { busy: true });
    const el = await make(html`<pj-terminal-pay amount="7.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'The terminal is busy');
    const errors = events('pj-error');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.code).to.equal('busy');
    expect(errors[0]!.detail.message).to.include('busy');
    const first = el.requestId;
    await expect(el).to.be.accessible();

    await sim(`/devices/${FRONT}/busy`, { busy: false });
    payButton(el).click();
    await showing(el, 'Approved: $7.00');
    expect(el.requestId).not.to.equal(first);
    expect(await paymentCalls()).to.have.length(2); // the same key would have been answered without a second call
    expect(events('pj-payment-approved')).to.have.length(1);
  });

  it('says "in doubt" when the payment may have reached the terminal, and never invites a second charge meanwhile', async () => {
    // PayJunction answers 500: the relay cannot know whether the terminal got the payment.
    await sim('/faults', { status: 500, count: 1, path: `/smartterminals/${FRONT}/request-payment` });
    const el = await make(html`<pj-terminal-pay amount="8.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Checking whether the terminal got this payment');
    expect(status(el)).to.include('Look at the terminal');
    expect(payButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await showing(el, STATES.inDoubtMessage, 8000);
    expect(status(el).startsWith(STATES.inDoubt)).to.equal(true);
    expect(status(el)).to.include('Look at the terminal');
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['in_doubt']);
    expect(words(payButton(el))).to.equal('Start a new charge');
    await expect(el).to.be.accessible();
    el.pay(); // a page's own button cannot charge again either, until the cashier starts a new charge
    await aTimeout(100);
    expect(status(el)).to.include('In doubt');
    // A new charge is a deliberate step: back to ready first, then a new attempt with a new key.
    payButton(el).click();
    await showing(el, 'Ready: $8.00');
    expect(await paymentCalls()).to.have.length(1);
    payButton(el).click();
    await showing(el, 'Approved: $8.00');
    expect(await paymentCalls()).to.have.length(2);
  });

  it('says the terminal cannot be reached (offline device)', async () => {
    const el = await make(html`<pj-terminal-pay amount="3.00" smart-terminal-id=${BACK}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Connecting to the terminal…');
    expect(part(el, 'progress')).not.to.equal(null);
    expect(words(part(el, 'timer'))).to.match(/^Elapsed 0:0\d$/);
    await expect(el).to.be.accessible();
    await showing(el, "Couldn't reach the terminal");
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['no_connection']);
    expect(part(el, 'progress')).to.equal(null);
    // Nothing moved as far as anyone knows, but PayJunction does not say the terminal cannot get it later:
    // the relay still watches, and the next charge is a deliberate one (back to ready first), never at once.
    for (const line of [STATES.noConnection, STATES.noConnectionMessage, 'Still watching for a late result.'])
      expect(status(el)).to.include(line);
    expect(words(payButton(el))).to.equal('Start a new charge');
    await expect(el).to.be.accessible();
    payButton(el).click();
    await showing(el, 'Ready: $3.00 on');
    expect(await paymentCalls()).to.have.length(1);
  });

  it('shows an invalid amount next to the button and sends nothing', async () => {
    const el = await make(
      html`<pj-terminal-pay amount="12.345" tax="abc" smart-terminal-id=${FRONT}></pj-terminal-pay>`,
    );
    await el.updateComplete;
    const message = words(part(el, 'message'));
    expect(message).to.include(format(MONEY_MESSAGES_EN.money, { field: 'Amount' }));
    expect(message).to.include(format(MONEY_MESSAGES_EN.money, { field: 'Tax' }));
    expect(payButton(el).disabled).to.equal(true);
    expect(payButton(el).getAttribute('aria-describedby')).to.equal(part(el, 'message')!.id);
    el.pay();
    await aTimeout(100);
    expect(el.requestId).to.equal(undefined);
    expect(await paymentCalls()).to.have.length(0);
    await expect(el).to.be.accessible();

    el.setAttribute('amount', '0');
    await el.updateComplete;
    expect(words(part(el, 'message'))).to.include(format(MONEY_MESSAGES_EN.moneyPositive, { field: 'Amount' }));
  });

  it('words a refund as a refund', async () => {
    const el = await make(
      html`<pj-terminal-pay action="refund" amount="3.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`,
    );
    const events = record(el);
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Ready to refund $3.00 on Front Counter');
    expect(words(payButton(el))).to.equal('Refund $3.00');
    await expect(el).to.be.accessible();
    el.pay();
    await showing(el, 'Refunded: $3.00');
    expect(events('pj-payment-approved')[0]!.detail.transaction.action).to.equal('REFUND');
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish through the locale property', async () => {
    const el = await make(html`<pj-terminal-pay amount="12.50" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    el.locale = { lang: 'es-US', terminalPay: terminalPayEs, requestStates: requestStatesEs };
    await showing(el, 'Front Counter');
    expect(status(el)).to.equal('Listo: $12.50 en Front Counter');
    expect(words(payButton(el))).to.equal('Cobrar $12.50');
    await expect(el).to.be.accessible();
    el.pay();
    await showing(el, 'Aprobado: $12.50');
    expect(status(el)).to.include('Código de aprobación');
    await expect(el).to.be.accessible();
  });

  it('is keyboard operable: Tab to pay, Enter starts it, focus moves to cancel, then to the result', async () => {
    const el = await make(html`<pj-terminal-pay amount="2.22" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(payButton(el));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement === part(el, 'cancel-button'), 'focus never moved to cancel');
    await showing(el, 'Approved: $2.22');
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'));
    expect(await paymentCalls()).to.have.length(1);
  });
});
