/**
 * <pj-terminal-pay> in real Chromium against the real relay and simulator: cancelling, following a
 * request it did not start (`request-id` / `requestId`), surviving a reconnect or a lost answer, and
 * the rules that keep one payment one request: one request per click, events once per request, the
 * same idempotency key only for the same attempt. pj-error's detail has one shape.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import { format } from '../../src/protocol/text.js';
import {
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
  startAtRelay,
  status,
  words,
} from './terminal-pay.helpers.js';

describe('<pj-terminal-pay>: cancel, follow a request, one request per payment', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

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
    expect(words(el.shadowRoot!.querySelector('[aria-live]'))).to.equal(
      'Ask the customer to tap, insert or swipe their card',
    );

    (part(el, 'cancel-button') as HTMLButtonElement).click();
    await showing(el, STATES.cancelledMessage);
    expect(status(el)).to.equal(`${STATES.cancelled} ${STATES.cancelledMessage}`);
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
    await showing(el, STATES.cancelledMessage);
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
    await showing(el, 'The customer cancelled on the terminal.');
    expect(status(el)).to.include(STATES.cancelledMessage);
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
    const requestId = await startAtRelay(DRIVE, '4.44');
    const el = await make(
      html`<pj-terminal-pay request-id=${requestId} endpoint="/pj/" amount="4.44" smart-terminal-id=${DRIVE}></pj-terminal-pay>`,
    );
    const events = record(el);
    expect(el.requestId).to.equal(requestId);
    await showing(el, 'Approved: $4.44');
    expect(events('pj-payment-approved')).to.have.length(1);

    const lost = await make(
      html`<pj-terminal-pay smart-terminal-id=${DRIVE} request-id="00000000-0000-4000-8000-000000000000"></pj-terminal-pay>`,
    );
    const lostEvents = record(lost);
    await showing(lost, "can't be found any more.");
    expect(status(lost)).to.include('Request 00000000-0000-4000-8000-000000000000');
    expect(lostEvents('pj-error').map((e) => e.detail.code)).to.deep.equal(['not_found']);
    await expect(lost).to.be.accessible();
  });

  it('has a requestId property like <pj-tx-status>: set, it follows a request; it shows the one paid', async () => {
    const el = await make(html`<pj-terminal-pay amount="1.25" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const events = record(el);
    expect(el.requestId).to.equal(undefined);
    el.pay();
    await showing(el, 'Approved: $1.25');
    const paid = events('pj-request-status')[0]!.detail.snapshot.requestId;
    expect(el.requestId).to.equal(paid);
    expect(el.hasAttribute('request-id')).to.equal(false); // a property, not reflected

    // The property alone (no attribute) follows another request, as `request-id` does.
    const other = await startAtRelay(DRIVE, '2.35');
    el.requestId = other;
    await showing(el, 'Approved: $2.35');
    expect(el.requestId).to.equal(other);
    expect(events('pj-payment-approved').map((e) => e.detail.snapshot.requestId)).to.deep.equal([paid, other]);

    // Clearing it does not drop the request shown; "New payment" does, and the property follows.
    el.requestId = undefined;
    await el.updateComplete;
    expect(el.requestId).to.equal(other);
    payButton(el).click();
    await showing(el, 'Ready: $1.25');
    expect(el.requestId).to.equal(undefined);

    // Shown again, the same request announces nothing twice.
    el.requestId = other;
    await showing(el, 'Approved: $2.35');
    await aTimeout(300);
    expect(events('pj-payment-approved')).to.have.length(2);
    expect(await paymentCalls()).to.have.length(2); // the one paid here, the one started at the relay
  });

  it('sends pj-error in one shape: code, message, status if the relay answered, fields, requestId', async () => {
    await sim(`/devices/${FRONT}/busy`, { busy: true });
    const busy = await make(html`<pj-terminal-pay amount="7.10" smart-terminal-id=${FRONT}></pj-terminal-pay>`);
    const busyEvents = record(busy);
    busy.pay();
    await showing(busy, 'The terminal is busy');
    expect(busyEvents('pj-error').map((e) => e.detail)).to.deep.equal([
      { code: 'busy', message: STATES.busyMessage, fields: [], requestId: busy.requestId },
    ]);

    const id = '00000000-0000-4000-8000-000000000001';
    const lost = await make(html`<pj-terminal-pay smart-terminal-id=${FRONT} request-id=${id}></pj-terminal-pay>`);
    const lostEvents = record(lost);
    await showing(lost, "can't be found any more.");
    expect(lostEvents('pj-error').map((e) => e.detail)).to.deep.equal([
      { code: 'not_found', message: format(STATES.lostMessage, { id }), status: 404, fields: [], requestId: id },
    ]);

    // The relay refuses the payment (no such terminal at PayJunction): its code and status, no request.
    const unknownTerminal = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e59';
    const refused = await make(
      html`<pj-terminal-pay amount="7.20" smart-terminal-id=${unknownTerminal}></pj-terminal-pay>`,
    );
    const refusedEvents = record(refused);
    refused.pay();
    await waitUntil(() => refusedEvents('pj-error').length > 0, 'no pj-error for a refused payment', { timeout: 5000 });
    expect(refusedEvents('pj-error').map((e) => e.detail)).to.deep.equal([
      { code: 'unknown_terminal', message: status(refused), status: 404, fields: [] },
    ]);
    expect(words(payButton(refused))).to.equal('Try again: charge $7.20'); // refused for sure: a new attempt
    expect(refused.requestId).to.equal(undefined);
  });
});
