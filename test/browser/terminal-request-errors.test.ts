/**
 * <pj-terminal-request> when the request cannot be answered, in real Chromium against the real relay
 * and simulator: the terminal offline or busy, the relay refusing it, the relay out of reach, a request
 * the relay does not know, and a request the browser's own check refuses before anything is sent.
 * Each ends in pj-error (one shape, once) and nothing else; axe runs in every state.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import { format } from '../../src/locales/locale.js';
import {
  BACK,
  FRONT,
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
  tone,
  words,
} from './terminal-request.helpers.js';

const UNKNOWN_TERMINAL = '00000000-0000-4000-8000-000000000000';
const patience = (test: unknown, ms: number) => (test as { timeout(ms: number): void }).timeout(ms);

describe('<pj-terminal-request>: errors', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  it('the terminal is offline: no connection, pj-error once, then ask again', async () => {
    const el = await make(
      html`<pj-terminal-request kind="prompt" text="Paper receipt?" buttons="Yes,No" smart-terminal-id=${BACK}></pj-terminal-request>`,
    );
    const events = record(el);
    el.start();
    await showing(el, STATES.connecting);
    await showing(el, STATES.noConnectionRequestMessage);
    expect(words(el.shadowRoot!.querySelector('.head'))).to.equal(STATES.noConnection);
    expect(tone(el)).to.deep.equal(['warn']);
    expect(words(startButton(el))).to.equal('Ask again');
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-error').map((e) => e.detail)).to.deep.equal([
      {
        code: 'no_connection',
        message: STATES.noConnectionRequestMessage,
        fields: [],
        requestId: el.requestId,
      },
    ]);
    expect(events('pj-request-completed')).to.have.length(0);
    expect(events('pj-request-cancelled')).to.have.length(0);
  });

  it('the terminal is busy with something else', async () => {
    await sim(`/devices/${FRONT}/busy`, { busy: true });
    const el = await make(html`<pj-terminal-request kind="input" smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    el.start();
    await showing(el, STATES.busyMessage);
    expect(tone(el)).to.deep.equal(['warn']);
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['busy']);
    expect(events('pj-request-completed')).to.have.length(0);
  });

  it('the relay refuses it (a terminal it does not know): its words, its code and status', async () => {
    const el = await make(
      html`<pj-terminal-request terms="I agree." smart-terminal-id=${UNKNOWN_TERMINAL}></pj-terminal-request>`,
    );
    const events = record(el);
    el.start();
    await showing(el, 'That Smart Terminal was not found on this merchant account.');
    expect(tone(el)).to.deep.equal(['bad']);
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'status'), 'the failure takes focus');
    expect(words(startButton(el))).to.equal('Ask again');
    await expect(el).to.be.accessible();
    expect(events('pj-error').map((e) => e.detail)).to.deep.equal([
      {
        code: 'unknown_terminal',
        message: 'That Smart Terminal was not found on this merchant account.',
        status: 404,
        fields: [],
      },
    ]);
    expect(el.requestId).to.equal(undefined, 'no request to follow');
  });

  it('the relay cannot be reached: "Try again" sends the same attempt with the same key', async () => {
    const realFetch = window.fetch;
    const sent: Array<{ key: string | null; body: string }> = [];
    let failNext = true;
    window.fetch = async (input, init) => {
      if (String(input).endsWith('/input')) {
        sent.push({ key: new Headers(init?.headers).get('Idempotency-Key'), body: String(init?.body) });
        if (failNext) {
          failNext = false;
          throw new TypeError('Failed to fetch');
        }
      }
      return realFetch(input, init);
    };
    try {
      const el = await make(html`<pj-terminal-request kind="input" smart-terminal-id=${FRONT}></pj-terminal-request>`);
      const events = record(el);
      el.start();
      await showing(el, "Couldn't reach the payment server. Check the connection and try again.");
      expect(events('pj-error').map((e) => [e.detail.code, e.detail.status])).to.deep.equal([['network', undefined]]);
      expect(words(startButton(el))).to.equal('Try again');
      await expect(el).to.be.accessible();
      startButton(el).click();
      await showing(el, 'The customer entered');
      expect(sent).to.have.length(2);
      expect(sent[1]).to.deep.equal(sent[0]);
      expect(JSON.parse(sent[0]!.body)).to.deep.equal({ type: 'PHONE' });
      await waitUntil(() => events('pj-request-completed').length === 1, 'pj-request-completed');
      startButton(el).click(); // asked again: a new attempt, a new key
      await waitUntil(() => sent.length === 3, 'the third request');
      expect(sent[2]!.key).not.to.equal(sent[0]!.key);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('the terminal stops answering: timed out, sent back to its main screen', async function (this: unknown) {
    patience(this, 20000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const el = await make(
      html`<pj-terminal-request terms="I agree." smart-terminal-id=${FRONT}></pj-terminal-request>`,
    );
    const events = record(el);
    el.start();
    await showing(el, 'Ask the customer to read the terms and sign on the terminal');
    // The relay's timeout in these tests is 8 s without progress (web-test-runner.config.mjs).
    await showing(el, STATES.timeoutMessage, 15000);
    expect(tone(el)).to.deep.equal(['warn']);
    expect(words(startButton(el))).to.equal('Ask again');
    await expect(el).to.be.accessible();
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['timeout']);
  });

  it("the relay lost PayJunction's answer: in doubt, look at the terminal", async function (this: unknown) {
    patience(this, 15000);
    await sim('/faults', { status: 500, count: 1, path: `/smartterminals/${FRONT}/request-input` });
    const el = await make(html`<pj-terminal-request kind="input" smart-terminal-id=${FRONT}></pj-terminal-request>`);
    const events = record(el);
    el.start();
    await showing(el, STATES.inDoubtRequestMessage, 10000);
    expect(tone(el)).to.deep.equal(['warn']);
    expect(words(startButton(el))).to.equal('Ask again');
    await expect(el).to.be.accessible();
    expect(events('pj-error').map((e) => e.detail.code)).to.deep.equal(['in_doubt']);
    await sim('/faults', undefined, 'DELETE');
  });

  it('a request the relay does not know (a stale request-id) says so, once', async () => {
    const el = await make(
      html`<pj-terminal-request request-id="00000000-0000-4000-8000-000000000000"></pj-terminal-request>`,
    );
    const events = record(el);
    await showing(el, format(STATES.lostRequestMessage, { id: '00000000-0000-4000-8000-000000000000' }));
    expect(tone(el)).to.deep.equal(['bad']);
    await expect(el).to.be.accessible();
    await aTimeout(200);
    expect(events('pj-error').map((e) => [e.detail.code, e.detail.status])).to.deep.equal([['not_found', 404]]);
  });

  it("refuses in the browser what the relay would refuse, in the relay's own sentences; nothing raw is echoed", async () => {
    const el = await make(
      html`<pj-terminal-request
        kind="prompt"
        text="Rate us"
        buttons="1,2,3,4"
        smart-terminal-id=${FRONT}
      ></pj-terminal-request>`,
    );
    expect(startButton(el).disabled).to.equal(true);
    expect(words(part(el, 'message'))).to.equal('A prompt can have at most 3 buttons.');
    expect(part(el, 'detail')).to.equal(null, 'a question that cannot be sent is not shown as ready');
    await expect(el).to.be.accessible();
    el.buttons = ['Excellent!', 'OK'];
    await el.updateComplete;
    expect(words(part(el, 'message'))).to.equal('Each button label must be 1 to 8 characters.');
    el.kind = 'signature';
    await el.updateComplete;
    expect(words(part(el, 'message'))).to.equal('Terms is required.');
    el.setAttribute('kind', 'survey');
    await el.updateComplete;
    expect(words(part(el, 'message'))).to.match(/^This element asks for a signature, a question or a phone number/);
    await expect(el).to.be.accessible();
    el.start();
    await aTimeout(100);
    expect(el.requestId).to.equal(undefined);
    for (const kind of ['signature', 'prompt', 'input'] as const) expect(await requestCalls(kind)).to.have.length(0);
  });

  it('without smart-terminal-id: a picker, and nothing to start until a terminal is chosen', async () => {
    const el = await make(html`<pj-terminal-request kind="input"></pj-terminal-request>`);
    const select = part(el, 'terminal-select') as HTMLSelectElement;
    await waitUntil(() => select.options.length > 1 && !select.disabled, 'the terminals are listed');
    expect(words(part(el, 'detail'))).to.equal('Choose a terminal to start.');
    expect(startButton(el).disabled).to.equal(true);
    expect(part(el, 'message')).to.equal(null, 'no terminal yet is not an error to show');
    await expect(el).to.be.accessible();
    select.value = FRONT;
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(words(part(el, 'status'))).to.equal('Ready to ask for a phone number on Front Counter');
    expect(startButton(el).disabled).to.equal(false);
  });
});
