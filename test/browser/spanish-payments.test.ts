/**
 * A Spanish page shows no English, part two: <pj-terminal-pay> through every state the real relay
 * and simulator can produce, with a <pj-tx-status> following each request it starts (request-id
 * mode), recording everything each shadow root shows, announces and names (spanish.helpers.ts).
 */
import { aTimeout, waitUntil } from '@open-wc/testing';
import '../../src/elements/terminal-pay/terminal-pay.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import '../../src/elements/tx-status/tx-status.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import { es } from '../../src/locales/es.js';
import { declinesEs } from '../../src/locales/es/declines.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { relayErrorsEs } from '../../src/locales/es/relay-errors.js';
import { requestStatesEs as STATES } from '../../src/locales/es/request-states.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import { txStatusEs } from '../../src/locales/es/tx-status.js';
import { format, setLocale } from '../../src/locales/locale.js';
import { expectNoEnglish, expectShown, record, removeRecorded, sim, type Recorded } from './spanish.helpers.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const BACK = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e53'; // the simulator's offline terminal

const patience = (test: unknown, ms: number) => (test as { timeout(ms: number): void }).timeout(ms);
const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const words = (el: HTMLElement, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const terminal = (setup: (el: PjTerminalPay) => void) =>
  record<PjTerminalPay>('pj-terminal-pay', (el) => {
    el.smartTerminalId = FRONT;
    setup(el);
  });

/** A terminal-pay that pays, and a tx-status that follows its request once the relay accepted it. */
async function payment(setup: (el: PjTerminalPay) => void) {
  const pay = await terminal(setup);
  pay.el.pay();
  await waitUntil(() => pay.el.requestId, 'the relay never accepted the payment', { timeout: 5000 });
  const status = await record<PjTxStatus>('pj-tx-status', (el) => (el.requestId = pay.el.requestId));
  return { pay, status };
}

/** Waits until the status box says `text`. */
const showing = (watched: Recorded<PjTerminalPay>, text: string, timeout = 6000) =>
  waitUntil(
    () => words(watched.el, 'status').includes(text),
    `never showed "${text}" (last: "${words(watched.el, 'status')}")`,
    {
      timeout,
      interval: 20,
    },
  );
const badge = (watched: Recorded<PjTxStatus>, text: string, timeout = 6000) =>
  waitUntil(() => words(watched.el, 'badge') === text, `tx-status never showed "${text}"`, { timeout });

const noEnglish = (...all: Recorded<HTMLElement>[]) => all.forEach(expectNoEnglish);

const live: PjTerminalPay[] = [];

describe('A Spanish page shows no English: terminal payments', () => {
  beforeEach(() => setLocale(es));
  afterEach(async () => {
    for (const el of live.splice(0)) await el.cancel(); // never leave a terminal busy for the next test
    removeRecorded();
    setLocale({});
    await sim('/faults', undefined, 'DELETE');
    await sim('/webhooks/faults', {});
    await sim(`/devices/${FRONT}/busy`, { busy: false });
  });

  it('before paying: ready with a breakdown, the picker, an invalid amount, a refund, no relay', async () => {
    const ready = await terminal((el) => Object.assign(el, { amount: '5.00', allowTips: true, tax: '0.40' }));
    await showing(ready, 'Front Counter');
    const picker = await record<PjTerminalPay>('pj-terminal-pay', (el) => (el.amount = '5.00'));
    await waitUntil(() => (part(picker.el, 'terminal-select') as HTMLSelectElement).options.length > 1, 'no terminals');
    const invalid = await terminal((el) => Object.assign(el, { amount: '12.345', tax: 'abc' }));
    const empty = await terminal((el) => (el.amount = ''));
    const refund = await terminal((el) => Object.assign(el, { amount: '3.00', action: 'refund' }));
    const offline = await record<PjTerminalPay>('pj-terminal-pay', (el) =>
      Object.assign(el, { amount: '1.00', endpoint: 'http://127.0.0.1:9/pj' }),
    );
    await waitUntil(
      () => words(offline.el, 'terminal-select') !== '' || offline.shown.some((s) => s.includes(relayErrorsEs.network)),
      'no failure',
    );
    await aTimeout(100);
    noEnglish(ready, picker, invalid, empty, refund, offline);
    expectShown(ready, format(terminalPayEs.pay, { amount: '$5.40' }), terminalPayEs.tipsAsked);
    expectShown(picker, terminalPayEs.chooseTerminal, terminalPayEs.chooseHint);
    expectShown(
      invalid,
      format(messagesEs.money, { field: messagesEs.fields.amountBase }),
      format(messagesEs.money, { field: messagesEs.fields.amountTax }),
    );
    expectShown(invalid, format(terminalPayEs.enterAmount, { terminal: 'Front Counter' }));
    expectShown(empty, format(terminalPayEs.enterAmount, { terminal: 'Front Counter' }), 'Cobrar');
    expectShown(refund, format(terminalPayEs.payRefund, { amount: '$3.00' }));
    expectShown(offline, format(terminalPayEs.terminalsFailed, { message: terminalPayEs.network }));
  });

  it('approved: sending, connecting, waiting for the card, the result; and its live status', async function (this: unknown) {
    patience(this, 15000);
    const { pay, status } = await payment((el) => (el.amount = '12.50'));
    await showing(pay, format(STATES.result, { status: STATES.approved, amount: '$12.50' }));
    await badge(status, STATES.approved);
    noEnglish(pay, status);
    expectShown(pay, terminalPayEs.starting, terminalPayEs.newPayment, 'Código de aprobación');
    expectShown(status, txStatusEs.responseCode);
  });

  it('declined (05): the code, what it means and what to do, in Spanish; a new payment, not the same card', async function (this: unknown) {
    patience(this, 15000);
    const { pay, status } = await payment((el) => (el.amount = '0.05'));
    await showing(pay, format(STATES.result, { status: STATES.declined, amount: '$0.05' }));
    await badge(status, STATES.declined);
    noEnglish(pay, status);
    expectShown(pay, declinesEs.codes['05']!.guidance, format(terminalPayEs.responseCode, { code: '05' }));
    expectShown(pay, terminalPayEs.newPayment);
    expectShown(status, declinesEs.codes['05']!.meaning, declinesEs.codes['05']!.guidance);
  });

  it('waiting for the card, then cancelled from the page; and cancelled by the cardholder', async function (this: unknown) {
    patience(this, 20000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const first = await payment((el) => (el.amount = '9.99'));
    live.push(first.pay.el);
    await showing(first.pay, STATES.waiting);
    (part(first.pay.el, 'cancel-button') as HTMLButtonElement).click();
    await showing(first.pay, STATES.cancelledMessage);
    await badge(first.status, STATES.cancelled);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    const second = await payment((el) => (el.amount = '4.00'));
    await showing(second.pay, terminalPayEs.cancelledOnTerminal);
    noEnglish(first.pay, first.status, second.pay, second.status);
    expectShown(first.pay, terminalPayEs.cancel, STATES.connecting);
    expectShown(first.status, txStatusEs.pending, STATES.waiting, STATES.cancelledMessage);
  });

  it('the terminal busy, or offline', async function (this: unknown) {
    patience(this, 15000);
    await sim(`/devices/${FRONT}/busy`, { busy: true });
    const busy = await payment((el) => (el.amount = '7.00'));
    await showing(busy.pay, STATES.busyMessage);
    await badge(busy.status, STATES.busy);
    const offline = await payment((el) => Object.assign(el, { amount: '3.00', smartTerminalId: BACK }));
    await showing(offline.pay, STATES.noConnectionMessage, 8000);
    await badge(offline.status, STATES.noConnection);
    noEnglish(busy.pay, busy.status, offline.pay, offline.status);
    expectShown(offline.status, STATES.noConnectionMessage);
    expectShown(offline.pay, STATES.noConnection);
    // An open end: still watched, and the next charge is a deliberate one (back to ready first).
    expectShown(offline.pay, terminalPayEs.stillWatching, terminalPayEs.newCharge);
  });

  it('in doubt: checking, then in doubt and a deliberate new charge', async function (this: unknown) {
    patience(this, 15000);
    await sim('/faults', { status: 500, count: 1, path: `/smartterminals/${FRONT}/request-payment` });
    const { pay, status } = await payment((el) => (el.amount = '8.00'));
    await showing(pay, STATES.inDoubtMessage, 8000);
    await badge(status, STATES.inDoubt);
    noEnglish(pay, status);
    expectShown(pay, STATES.checking, terminalPayEs.lookAtTerminal, terminalPayEs.newCharge);
    expectShown(status, STATES.checking, STATES.inDoubtMessage);
  });

  it('timed out, while the relay still watches for a late result', async function (this: unknown) {
    patience(this, 20000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    const { pay, status } = await payment((el) => (el.amount = '6.00'));
    live.push(pay.el);
    await showing(pay, STATES.timeoutMessage, 15000);
    await badge(status, STATES.timeout);
    noEnglish(pay, status);
    expectShown(pay, terminalPayEs.stillWatching);
  });

  it('an error: the card was read but its transaction could not be', async function (this: unknown) {
    patience(this, 25000);
    await sim('/faults', { status: 500, count: 1000, path: '/transactions' });
    const { pay, status } = await payment((el) => (el.amount = '2.00'));
    await showing(pay, relayErrorsEs.transaction_unknown!, 20000);
    await badge(status, STATES.error);
    noEnglish(pay, status);
    expectShown(pay, STATES.processing, STATES.error);
    expectShown(status, STATES.processing, relayErrorsEs.transaction_unknown!);
  });

  it('the relay refuses, cannot be reached, or does not know the request', async function (this: unknown) {
    patience(this, 15000);
    // PayJunction answers 429 until the relay gives up: 503 upstream_busy.
    await sim('/faults', { status: 429, count: 30, path: `/smartterminals/${FRONT}/request-payment` });
    const refused = await terminal((el) => (el.amount = '1.50'));
    refused.el.pay();
    await showing(refused, relayErrorsEs.upstream_busy!, 10000);
    const unreachable = await terminal((el) =>
      Object.assign(el, { amount: '1.00', endpoint: 'http://127.0.0.1:9/pj' }),
    );
    unreachable.el.pay();
    await showing(unreachable, terminalPayEs.network);
    const unknown = await terminal((el) => (el.requestId = '00000000-0000-4000-8000-000000000000'));
    await showing(unknown, format(STATES.lostMessage, { id: '00000000-0000-4000-8000-000000000000' }));
    noEnglish(refused, unreachable, unknown);
    expectShown(unreachable, terminalPayEs.retrySame);
  });
});
