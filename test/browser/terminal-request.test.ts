/**
 * <pj-terminal-request> in real Chromium against the real relay and simulator: a signature, a prompt
 * and an input each answered on the terminal (the value in pj-request-completed, once), cancelled by
 * the cashier or by the customer, one request per double click, and a request followed by
 * `request-id`. axe runs in every state the cashier sees.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import {
  DRIVE,
  FRONT,
  cancelButton,
  cleanUp,
  freshSimulator,
  html,
  make,
  part,
  record,
  requestCalls,
  showing,
  sim,
  startButton,
  status,
  tone,
  words,
} from './terminal-request.helpers.js';

const TERMS = 'I agree to pay the total above according to my card issuer agreement.';

describe('<pj-terminal-request>: the customer answers on the terminal', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  it('captures a signature: ready, waiting with a timer, signed; the signatureId arrives once', async () => {
    const el = await make(
      html`<pj-terminal-request kind="signature" terms=${TERMS} smart-terminal-id=${FRONT}></pj-terminal-request>`,
    );
    const events = record(el);
    await showing(el, 'Ready to ask for a signature on Front Counter');
    expect(words(startButton(el))).to.equal('Ask for a signature');
    await expect(el).to.be.accessible();

    startButton(el).click();
    await showing(el, 'Ask the customer to read the terms and sign on the terminal');
    expect(part(el, 'status')!.getAttribute('aria-busy')).to.equal('true');
    expect(startButton(el).disabled).to.equal(true);
    expect(words(part(el, 'timer'))).to.match(new RegExp(`^${STATES.elapsed.replace('{time}', '\\d+:\\d\\d')}$`));
    expect(el.shadowRoot!.activeElement).to.equal(cancelButton(el), 'the cancel button takes focus');
    await expect(el).to.be.accessible();

    await showing(el, 'Signed on the terminal');
    await waitUntil(() => events('pj-request-completed').length === 1, 'pj-request-completed');
    expect(tone(el)).to.deep.equal(['ok']);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'), 'the result takes focus');
    const { detail } = events('pj-request-completed')[0]!;
    expect(detail.kind).to.equal('signature');
    expect(detail.signatureId).to.match(/^[0-9a-f]{32}$/);
    expect(detail.snapshot.outcome).to.equal('completed');
    expect(detail.snapshot.requestId).to.equal(el.requestId);
    expect(words(startButton(el))).to.equal('Ask again');
    expect(words(el.shadowRoot!.querySelector('[aria-live]'))).to.equal('Signed on the terminal.');
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-request-completed')).to.have.length(1);
    expect(events('pj-request-cancelled')).to.have.length(0);
    expect(events('pj-error')).to.have.length(0);
    const versions = events('pj-request-status').map((e) => e.detail.snapshot.version);
    expect(versions).to.deep.equal([...new Set(versions)].sort((a, b) => a - b));
    expect(await requestCalls('signature')).to.have.length(1);
  });

  it('asks a question: the question and its answers before asking, then the button the customer pressed', async () => {
    const el = await make(
      html`<pj-terminal-request
        kind="prompt"
        text="Join our rewards program?"
        buttons="Later, Yes ,No"
        smart-terminal-id=${FRONT}
      ></pj-terminal-request>`,
    );
    const events = record(el);
    expect(el.buttons).to.deep.equal(['Later', 'Yes', 'No']);
    await showing(el, 'Ready to ask a question on Front Counter');
    const lines = [...part(el, 'detail')!.querySelectorAll('li')].map((li) => words(li));
    expect(lines).to.deep.equal(['Question: Join our rewards program?', 'Answers: Later · Yes · No']);
    expect(words(startButton(el))).to.equal('Ask the question');
    await expect(el).to.be.accessible();

    // Without a control the simulated customer presses the first button: the labels reached the terminal.
    el.start();
    await showing(el, 'Ask the customer to answer on the terminal');
    await showing(el, 'The customer chose “Later”');
    await waitUntil(() => events('pj-request-completed').length === 1, 'pj-request-completed');
    expect(events('pj-request-completed')[0]!.detail).to.include({ kind: 'prompt', promptButton: 'Later' });
    await expect(el).to.be.accessible();

    // Ask again (one press after an end), the customer pressing the third button this time.
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'approve', button: 'No' });
    startButton(el).click();
    await showing(el, 'The customer chose “No”');
    await waitUntil(() => events('pj-request-completed').length === 2, 'the second pj-request-completed');
    const [first, second] = events('pj-request-completed');
    expect(second!.detail).to.include({ kind: 'prompt', promptButton: 'No' });
    expect(second!.detail.snapshot.requestId).not.to.equal(first!.detail.snapshot.requestId);
    expect(await requestCalls('prompt')).to.have.length(2);
  });

  it('takes a phone number: what the customer typed, in the event and on screen', async () => {
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'approve', inputValue: '5551234567' });
    const el = await make(html`<pj-terminal-request kind="input" smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    await showing(el, 'Ready to ask for a phone number on Front Counter');
    expect(words(startButton(el))).to.equal('Ask for a phone number');
    el.start();
    await showing(el, 'Ask the customer to type their phone number on the terminal');
    await expect(el).to.be.accessible();
    await showing(el, 'The customer entered 5551234567');
    await waitUntil(() => events('pj-request-completed').length === 1, 'pj-request-completed');
    expect(events('pj-request-completed')[0]!.detail).to.include({ kind: 'input', inputValue: '5551234567' });
    await expect(el).to.be.accessible();
  });

  it('shows the answer while the terminal finishes, and keeps it when cancel comes too late', async () => {
    // COMPLETE never arrives by webhook: the answer stays on screen until the relay polls.
    await sim('/webhooks/faults', { drop: ['COMPLETE'] });
    const el = await make(
      html`<pj-terminal-request kind="signature" terms=${TERMS} smart-terminal-id=${FRONT}></pj-terminal-request>`,
    );
    const events = record(el);
    el.start();
    await showing(el, 'Signed on the terminal');
    expect(status(el)).to.include('The terminal is finishing up…');
    expect(part(el, 'status')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    cancelButton(el).click();
    await showing(el, 'The customer had already answered, so the answer was kept.', 8000);
    expect(events('pj-request-completed')).to.have.length(1);
    expect(events('pj-request-cancelled')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});

describe('<pj-terminal-request>: cancelled', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  it('by the cashier: cancelled once, the terminal back on its main screen, no answer', async () => {
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const el = await make(html`<pj-terminal-request kind="input" smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    el.start();
    await showing(el, 'Ask the customer to type their phone number on the terminal');
    cancelButton(el).click();
    await el.updateComplete;
    expect(cancelButton(el).disabled).to.equal(true);
    await showing(el, STATES.cancelledRequestMessage);
    expect(status(el)).to.equal(`${STATES.cancelled} ${STATES.cancelledRequestMessage}`);
    expect(tone(el)).to.deep.equal(['warn']);
    expect(cancelButton(el)).to.equal(null);
    expect(words(startButton(el))).to.equal('Ask again');
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-request-cancelled')).to.have.length(1);
    expect(events('pj-request-cancelled')[0]!.detail.snapshot.outcome).to.equal('cancelled');
    expect(events('pj-request-completed')).to.have.length(0);
    expect(events('pj-error')).to.have.length(0);
  });

  it('by the customer on the terminal', async () => {
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    const el = await make(
      html`<pj-terminal-request kind="prompt" text="Paper receipt?" buttons="Yes,No" smart-terminal-id=${FRONT}></pj-terminal-request>`,
    );
    const events = record(el);
    el.start();
    await showing(el, 'The customer cancelled on the terminal.');
    expect(words(part(el, 'status')!.querySelector('.head'))).to.equal(STATES.cancelled);
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-request-cancelled')).to.have.length(1);
    expect(events('pj-request-completed')).to.have.length(0);
  });

  it('a cancel pressed while the request is still being sent is sent once the relay has it', async () => {
    const el = await make(html`<pj-terminal-request terms=${TERMS} smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    el.start();
    void el.cancel();
    await el.updateComplete;
    expect(words(part(el, 'status')!.querySelector('.head'))).to.equal('Cancelling…');
    await showing(el, STATES.cancelledRequestMessage);
    await aTimeout(200);
    expect(events('pj-request-cancelled')).to.have.length(1);
    expect(events('pj-request-completed')).to.have.length(0);
  });
});

describe('<pj-terminal-request>: one request per press, and a request followed by id', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  it('starts ONE request for a double click (and start() on top)', async () => {
    const el = await make(html`<pj-terminal-request terms=${TERMS} smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    startButton(el).click();
    startButton(el).click();
    el.start();
    await showing(el, 'Signed on the terminal');
    await aTimeout(200);
    expect(events('pj-request-completed')).to.have.length(1);
    expect(await requestCalls('signature')).to.have.length(1);
  });

  it('follows a request started elsewhere (a reload): its kind, its terminal in the picker, its answer', async () => {
    const res = await fetch(`/pj/smart-terminals/${DRIVE}/prompt`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
      body: JSON.stringify({ text: 'Email receipt?', buttons: ['Yes', 'No'] }),
    });
    const { requestId } = await res.json();
    // The element is set up for a signature and no terminal: the request it follows decides both.
    const el = await make(html`<pj-terminal-request request-id=${requestId}></pj-terminal-request>`);
    const events = record(el);
    expect(el.requestId).to.equal(requestId);
    await showing(el, 'The customer chose “Yes”');
    await waitUntil(() => events('pj-request-completed').length === 1, 'pj-request-completed');
    expect(events('pj-request-completed')[0]!.detail).to.include({ kind: 'prompt', promptButton: 'Yes' });
    const select = part(el, 'terminal-select') as HTMLSelectElement;
    await waitUntil(() => select.selectedOptions[0]?.textContent === 'Drive-Thru', 'the picker shows Drive-Thru');
    expect(startButton(el).disabled).to.equal(true, 'no terms: a signature cannot be asked');
    expect(words(part(el, 'message'))).to.equal('Terms is required.');
    await expect(el).to.be.accessible();
  });
});
