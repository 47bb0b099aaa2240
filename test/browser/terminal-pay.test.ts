/**
 * <pj-terminal-pay> in real Chromium against the real relay and simulator (steered through /__sim).
 * Simulator speed 10: a payment takes ~0.5 s. Every state a test visits is checked with axe.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/terminal-pay/terminal-pay.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const DRIVE = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52';
const BACK = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e53';

const EVENTS = ['pj-request-status', 'pj-payment-approved', 'pj-payment-declined', 'pj-payment-cancelled', 'pj-error'] as const;
type EventName = (typeof EVENTS)[number];

async function sim(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<any> {
  const res = await fetch(`/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return res.json();
}

async function paymentCalls(): Promise<unknown[]> {
  const { calls } = await sim('/calls');
  return calls.filter((c: { method: string; path: string }) => c.method === 'POST' && c.path.endsWith('/request-payment'));
}

const part = (el: PjTerminalPay, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const payButton = (el: PjTerminalPay) => part(el, 'pay-button') as HTMLButtonElement;
const words = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const status = (el: PjTerminalPay) => words(part(el, 'status'));

function record(el: EventTarget): (name: EventName) => CustomEvent<any>[] {
  const log = new Map<string, CustomEvent[]>();
  for (const name of EVENTS) el.addEventListener(name, (e) => log.set(name, [...(log.get(name) ?? []), e as CustomEvent]));
  return (name) => log.get(name) ?? [];
}

async function showing(el: PjTerminalPay, text: string, timeout = 5000): Promise<void> {
  await waitUntil(() => status(el).includes(text), `status never showed "${text}" (last: "${status(el)}")`, { timeout, interval: 20 });
  await el.updateComplete;
}

let current: PjTerminalPay | undefined;
async function make(template: ReturnType<typeof html>): Promise<PjTerminalPay> {
  current = await fixture<PjTerminalPay>(template);
  return current;
}

describe('<pj-terminal-pay>', () => {
  beforeEach(async () => {
    await sim('/calls', undefined, 'DELETE');
  });

  afterEach(async () => {
    await current?.cancel(); // never leave a terminal busy for the next test
    current = undefined;
    await sim('/webhooks/faults', {});
    await sim(`/devices/${FRONT}/busy`, { busy: false });
  });

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
    const el = await make(html`<pj-terminal-pay amount="5.00" tip="1" tax="0.40"></pj-terminal-pay>`);
    const select = part(el, 'terminal-select') as HTMLSelectElement;
    await waitUntil(() => select.options.length === 4, 'terminals never loaded');
    expect([...select.options].slice(1).map((o) => o.textContent)).to.deep.equal(['Front Counter', 'Drive-Thru', 'Back Office']);
    expect(words(el.shadowRoot!.querySelector(`label[for="${select.id}"]`))).to.equal('Terminal');
    expect(payButton(el).disabled).to.equal(true);
    expect(status(el)).to.include('Choose a terminal to start.');
    await expect(el).to.be.accessible();

    select.value = DRIVE;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(status(el)).to.include('Ready: $6.40 on Drive-Thru');
    expect(status(el)).to.include('$5.00 + tip $1.00 + tax $0.40');
    expect(payButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('takes an approved payment: status events in order, approved once, amount, card and approval code', async () => {
    const el = await make(html`<pj-terminal-pay amount="12.50" smart-terminal-id=${FRONT} invoice-number="INV-1"></pj-terminal-pay>`);
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

  for (const [amount, code] of [['0.05', '05'], ['0.08', '51']] as const) {
    it(`shows a decline ${code} with the catalogue's guidance for the cashier`, async () => {
      const el = await make(html`<pj-terminal-pay amount=${amount} smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      const events = record(el);
      el.pay();
      await showing(el, `Declined (code ${code})`);
      await aTimeout(200);
      const guidance = describeDecline(code).merchantGuidance;
      expect(status(el)).to.include(guidance);
      const declined = events('pj-payment-declined');
      expect(declined).to.have.length(1);
      expect(declined[0]!.detail.decline.code).to.equal(code);
      expect(declined[0]!.detail.decline.merchantGuidance).to.equal(guidance);
      expect(events('pj-payment-approved')).to.have.length(0);
      expect(words(payButton(el))).to.equal(`Try again: charge $${amount}`);
      expect(payButton(el).disabled).to.equal(false);
      await expect(el).to.be.accessible();
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
    await showing(el, 'In doubt: we could not confirm whether this payment went through', 8000);
    expect(status(el)).to.include('Look at the terminal');
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['in_doubt']);
    expect(words(payButton(el))).to.equal('Start a new charge');
    await expect(el).to.be.accessible();
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
    expect(words(payButton(el))).to.equal('Try again: charge $3.00');
    await expect(el).to.be.accessible();
  });

  it('cancels from the element: cancelled once, no payment taken', async () => {
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const el = await make(html`<pj-terminal-pay amount="9.99" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Ask the customer to tap, insert or swipe their card');
    expect(part(el, 'status')!.getAttribute('aria-busy')).to.equal('true');
    expect(payButton(el).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    // Ticked past 0:00 (on a loaded machine a tick can be late, and 0:01 skipped).
    const ticked = () => {
      const shown = words(part(el, 'timer'));
      return /^Elapsed \d+:\d\d$/.test(shown) && shown !== 'Elapsed 0:00';
    };
    await waitUntil(ticked, 'the timer never ticked', { timeout: 6000 });
    // The live region announces states, not the seconds.
    expect(words(el.shadowRoot!.querySelector('[aria-live]'))).to.equal('Ask the customer to tap, insert or swipe their card');

    (part(el, 'cancel-button') as HTMLButtonElement).click();
    await showing(el, 'Cancelled. No payment was taken.');
    await aTimeout(200);
    expect(events('pj-payment-cancelled')).to.have.length(1);
    expect(events('pj-payment-approved')).to.have.length(0);
    expect(part(el, 'cancel-button')).to.equal(null);
    expect(words(payButton(el))).to.equal('Try again: charge $9.99');
    await expect(el).to.be.accessible();
  });

  it('holds a cancel pressed while the payment is still being sent, and sends it once the relay answers', async () => {
    const el = await make(html`<pj-terminal-pay amount="9.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    void el.cancel();
    await el.updateComplete;
    expect(status(el)).to.include('Cancelling…');
    await showing(el, 'Cancelled. No payment was taken.');
    await aTimeout(200);
    expect(events('pj-payment-cancelled')).to.have.length(1);
  });

  it('says so when cancel came too late because the card was already read', async () => {
    await sim('/webhooks/faults', { drop: ['COMPLETE'] });
    const el = await make(html`<pj-terminal-pay amount="2.50" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Approved — the customer is finishing');
    (part(el, 'cancel-button') as HTMLButtonElement).click();
    await showing(el, 'Approved: $2.50', 6000);
    expect(status(el)).to.include('too late to cancel');
    expect(events('pj-payment-approved')).to.have.length(1);
    expect(events('pj-payment-cancelled')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('reports a cardholder cancel on the terminal (started with the Space key)', async () => {
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    const el = await make(html`<pj-terminal-pay amount="4.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(payButton(el));
    await sendKeys({ press: 'Space' });
    await showing(el, 'The customer cancelled on the terminal. No payment was taken.');
    await aTimeout(200);
    expect(events('pj-payment-cancelled')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('starts ONE request for a double click (and pay() on top)', async () => {
    const el = await make(html`<pj-terminal-pay amount="1.11" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    payButton(el).click();
    payButton(el).click();
    el.pay();
    await showing(el, 'Approved: $1.11');
    await aTimeout(200);
    expect(events('pj-payment-approved')).to.have.length(1);
    expect(await paymentCalls()).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('shows an invalid amount next to the button and sends nothing', async () => {
    const el = await make(html`<pj-terminal-pay amount="12.345" tip="abc" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    await el.updateComplete;
    const message = words(part(el, 'message'));
    expect(message).to.include('Amount must be an amount in dollars, like 12.50.');
    expect(message).to.include('Tip must be an amount in dollars, like 12.50.');
    expect(payButton(el).disabled).to.equal(true);
    expect(payButton(el).getAttribute('aria-describedby')).to.equal(part(el, 'message')!.id);
    el.pay();
    await aTimeout(100);
    expect(el.requestId).to.equal(undefined);
    expect(await paymentCalls()).to.have.length(0);
    await expect(el).to.be.accessible();

    el.setAttribute('amount', '0');
    await el.updateComplete;
    expect(words(part(el, 'message'))).to.include('Amount must be more than 0.00.');
  });

  it('words a refund as a refund', async () => {
    const el = await make(html`<pj-terminal-pay action="refund" amount="3.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
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

  it('resumes the same request when removed and re-added mid-payment; approved fires once', async () => {
    const el = await make(html`<pj-terminal-pay amount="6.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    const parent = el.parentElement!;
    el.pay();
    await showing(el, 'Ask the customer');
    const id = el.requestId;
    el.remove();
    await aTimeout(700); // the payment finishes while nobody watches
    expect(events('pj-payment-approved')).to.have.length(0);
    parent.append(el);
    await showing(el, 'Approved: $6.00');
    el.remove();
    parent.append(el); // a second reconnect after the outcome fires nothing again
    await aTimeout(300);
    expect(el.requestId).to.equal(id);
    expect(events('pj-payment-approved')).to.have.length(1);
    expect(await paymentCalls()).to.have.length(1);
    const versions = events('pj-request-status').map((e) => e.detail.snapshot.version);
    expect(new Set(versions).size).to.equal(versions.length);
  });

  it('fires each event once when webhooks are delivered twice', async () => {
    await sim('/webhooks/faults', { duplicate: true });
    const el = await make(html`<pj-terminal-pay amount="8.00" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    el.pay();
    await showing(el, 'Approved: $8.00');
    await aTimeout(400);
    expect(events('pj-payment-approved')).to.have.length(1);
    const versions = events('pj-request-status').map((e) => e.detail.snapshot.version);
    expect(new Set(versions).size).to.equal(versions.length);
    expect(versions).to.deep.equal([...versions].sort((a, b) => a - b));
  });

  it('re-sends the same attempt (same key and body) after a network failure, and a new payment gets a new key', async () => {
    const realFetch = window.fetch;
    const sent: Array<{ key: string | null; body: string }> = [];
    let failNext = true;
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/payments')) {
        sent.push({ key: new Headers(init?.headers).get('Idempotency-Key'), body: String(init?.body) });
        if (failNext) {
          failNext = false;
          throw new TypeError('Failed to fetch');
        }
      }
      return realFetch(input, init);
    };
    try {
      const el = await make(html`<pj-terminal-pay amount="5.55" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
      const events = record(el);
      el.pay();
      await showing(el, "Couldn't reach the payment server");
      expect(events('pj-error')[0]!.detail.code).to.equal('network');
      expect(words(payButton(el))).to.equal('Try again');
      await expect(el).to.be.accessible();
      payButton(el).click();
      await showing(el, 'Approved: $5.55');
      expect(sent).to.have.length(2);
      expect(sent[1]).to.deep.equal(sent[0]);
      payButton(el).click(); // New payment → idle
      payButton(el).click(); // a new charge: a new key
      await showing(el, 'Approved: $5.55');
      expect(sent).to.have.length(3);
      expect(sent[2]!.key).not.to.equal(sent[0]!.key);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('watches an existing request given by request-id (a page reload), and says when it is unknown', async () => {
    const res = await fetch('/pj/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
      body: JSON.stringify({ smartTerminalId: DRIVE, amountBase: '4.44' }),
    });
    const { requestId } = await res.json();
    const el = await make(html`<pj-terminal-pay request-id=${requestId} endpoint="/pj/" amount="4.44" smart-terminal-id=${DRIVE}></pj-terminal-pay>`);
    const events = record(el);
    expect(el.requestId).to.equal(requestId);
    await showing(el, 'Approved: $4.44');
    expect(events('pj-payment-approved')).to.have.length(1);

    const lost = await make(html`<pj-terminal-pay smart-terminal-id=${DRIVE} request-id="00000000-0000-4000-8000-000000000000"></pj-terminal-pay>`);
    const lostEvents = record(lost);
    await showing(lost, "This payment can't be found any more.");
    expect(lostEvents('pj-error').map((e) => e.detail.code)).to.deep.equal(['not_found']);
    await expect(lost).to.be.accessible();
  });

  it('speaks Spanish through the locale property', async () => {
    const el = await make(html`<pj-terminal-pay amount="12.50" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    el.locale = { lang: 'es-US', terminalPay: terminalPayEs };
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
