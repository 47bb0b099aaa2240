/**
 * A Spanish page shows no English, part three: <pj-terminal-request> through every state the real relay
 * and simulator can produce for a signature, a prompt and an input, recording everything its shadow root
 * shows, announces and names (spanish.helpers.ts), with axe in each state it ends in.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import '../../src/elements/terminal-request/terminal-request.js';
import type { PjTerminalRequest } from '../../src/elements/terminal-request/terminal-request.js';
import { es } from '../../src/locales/es.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { relayErrorsEs } from '../../src/locales/es/relay-errors.js';
import { requestStatesEs as STATES } from '../../src/locales/es/request-states.js';
import { terminalRequestEs as s } from '../../src/locales/es/terminal-request.js';
import { format, setLocale } from '../../src/locales/locale.js';
import { expectNoEnglish, expectShown, record, removeRecorded, sim, type Recorded } from './spanish.helpers.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const BACK = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e53'; // the simulator's offline terminal

const patience = (test: unknown, ms: number) => (test as { timeout(ms: number): void }).timeout(ms);
const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const words = (el: HTMLElement, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const live: PjTerminalRequest[] = [];

/** A <pj-terminal-request> on Front Counter, set up by `setup`, and started when `start`. */
async function request(setup: (el: PjTerminalRequest) => void, start = true) {
  const watched = await record<PjTerminalRequest>('pj-terminal-request', (el) => {
    el.smartTerminalId = FRONT;
    setup(el);
  });
  live.push(watched.el);
  if (start) watched.el.start();
  return watched;
}

const showing = (watched: Recorded<PjTerminalRequest>, text: string, timeout = 6000) =>
  waitUntil(
    () => words(watched.el, 'status').includes(text),
    `never showed "${text}" (last: "${words(watched.el, 'status')}")`,
    { timeout, interval: 20 },
  );

/** No English in anything shown, and axe finds nothing in the state each element is in now. */
async function checked(...all: Recorded<PjTerminalRequest>[]) {
  for (const watched of all) {
    expectNoEnglish(watched);
    await expect(watched.el).to.be.accessible();
  }
}

describe('A Spanish page shows no English: signature, prompt and input requests', () => {
  beforeEach(() => setLocale(es));
  afterEach(async () => {
    for (const el of live.splice(0)) await el.cancel(); // never leave a terminal busy for the next test
    removeRecorded();
    setLocale({});
    await sim('/faults', undefined, 'DELETE');
    await sim(`/devices/${FRONT}/busy`, { busy: false });
  });

  it('before asking: each kind ready, the picker, what cannot be sent', async () => {
    const signature = await request((el) => (el.terms = 'Acepto.'), false);
    const prompt = await request(
      (el) => Object.assign(el, { kind: 'prompt', text: '¿Recibo?', buttons: ['Sí', 'No'] }),
      false,
    );
    const input = await request((el) => (el.kind = 'input'), false);
    await showing(input, 'Front Counter');
    const picker = await record<PjTerminalRequest>('pj-terminal-request', (el) => (el.kind = 'input'));
    await waitUntil(() => (part(picker.el, 'terminal-select') as HTMLSelectElement).options.length > 1, 'no terminals');
    const invalid = await request(
      (el) => Object.assign(el, { kind: 'prompt', text: '', buttons: ['1', '2', '3', '4'] }),
      false,
    );
    const noTerms = await request(() => {}, false);
    await aTimeout(100);
    await checked(signature, prompt, input, picker, invalid, noTerms);
    expectShown(signature, format(s.idleSignature, { terminal: 'Front Counter' }), s.startSignature);
    expectShown(
      prompt,
      format(s.question, { text: '¿Recibo?' }),
      format(s.choices, { buttons: 'Sí · No' }),
      s.startPrompt,
    );
    expectShown(input, format(s.idleInput, { terminal: 'Front Counter' }), s.startInput);
    expectShown(picker, s.chooseTerminal, s.chooseHint);
    expectShown(
      invalid,
      format(messagesEs.required, { field: messagesEs.fields.text }),
      messagesEs.buttonsMax.replace('{max}', '3'),
    );
    expectShown(noTerms, format(messagesEs.required, { field: messagesEs.fields.terms }));
  });

  it('answered: a signature, the button pressed, the phone number typed', async function (this: unknown) {
    patience(this, 15000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'approve', button: 'No' });
    const prompt = await request((el) =>
      Object.assign(el, { kind: 'prompt', text: '¿Recibo?', buttons: ['Sí', 'No'] }),
    );
    await showing(prompt, format(s.answered, { button: 'No' }));
    await waitUntil(() => prompt.el.requestId && words(prompt.el, 'start-button') === s.askAgain, 'the prompt ends');
    const signature = await request((el) => (el.terms = 'Acepto pagar el total.'));
    await waitUntil(() => words(signature.el, 'start-button') === s.askAgain, 'the signature ends', { timeout: 6000 });
    const input = await request((el) => (el.kind = 'input'));
    await waitUntil(() => words(input.el, 'start-button') === s.askAgain, 'the input ends', { timeout: 6000 });
    await checked(prompt, signature, input);
    expectShown(prompt, s.starting, s.waitingPrompt, s.cancel);
    expectShown(signature, s.waitingSignature, s.signed);
    expectShown(input, s.waitingInput, format(s.entered, { value: '8006010230' }));
  });

  it('cancelled from the page, and by the customer; busy; offline', async function (this: unknown) {
    patience(this, 20000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const byCashier = await request((el) => (el.kind = 'input'));
    await showing(byCashier, s.waitingInput);
    (part(byCashier.el, 'cancel-button') as HTMLButtonElement).click();
    await showing(byCashier, STATES.cancelledRequestMessage);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    const byCustomer = await request((el) => (el.terms = 'Acepto.'));
    await showing(byCustomer, s.cancelledOnTerminal);
    await sim(`/devices/${FRONT}/busy`, { busy: true });
    const busy = await request((el) => (el.kind = 'input'));
    await showing(busy, STATES.busyMessage);
    const offline = await request((el) => Object.assign(el, { kind: 'input', smartTerminalId: BACK }));
    await showing(offline, STATES.noConnectionRequestMessage, 8000);
    await checked(byCashier, byCustomer, busy, offline);
    expectShown(byCashier, s.cancelling, STATES.connecting, STATES.cancelled);
    expectShown(busy, STATES.busy);
    expectShown(offline, STATES.noConnection);
  });

  it('timed out; in doubt', async function (this: unknown) {
    patience(this, 25000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const stalled = await request((el) => (el.terms = 'Acepto.'));
    await sim('/faults', { status: 500, count: 1, path: `/smartterminals/${BACK}/request-input` });
    const doubtful = await request((el) => Object.assign(el, { kind: 'input', smartTerminalId: BACK }));
    await showing(doubtful, STATES.inDoubtRequestMessage, 10000);
    await showing(stalled, STATES.timeoutMessage, 15000);
    await checked(stalled, doubtful);
  });

  it('the relay refuses, cannot be reached, or does not know the request', async function (this: unknown) {
    patience(this, 15000);
    const refused = await request((el) =>
      Object.assign(el, { terms: 'Acepto.', smartTerminalId: '00000000-0000-4000-8000-000000000000' }),
    );
    await showing(refused, relayErrorsEs.unknown_terminal!);
    const unreachable = await request((el) => Object.assign(el, { kind: 'input', endpoint: 'http://127.0.0.1:9/pj' }));
    await showing(unreachable, s.network);
    const unknown = await request((el) => (el.requestId = '00000000-0000-4000-8000-000000000000'), false);
    await showing(unknown, format(STATES.lostRequestMessage, { id: '00000000-0000-4000-8000-000000000000' }));
    await checked(refused, unreachable, unknown);
    expectShown(refused, s.askAgain);
    expectShown(unreachable, s.retrySame);
  });
});
