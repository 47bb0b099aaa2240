/**
 * One state, one wording, one colour: <pj-terminal-pay> and a <pj-tx-status> following the same
 * request (as the demo's cashier panel has them) in real Chromium against the relay and simulator.
 * For each end both show — busy, offline, timed out, cancelled, a refund — the terminal-pay headline
 * is the tx-status badge, the sentence under it is the same, and the tone's colours are the same;
 * in English and in Spanish, with axe in every state.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/elements/tx-status/tx-status.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { es } from '../../src/locales/es.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { format, setLocale, type PjLocale } from '../../src/locales/locale.js';
import type { RequestStateStrings } from '../../src/locales/en/request-states.js';
import { BACK, DRIVE, FRONT, cleanUp, freshSimulator, html, make, part, sim, words } from './terminal-pay.helpers.js';

const patience = (test: unknown, ms: number) => (test as { timeout(ms: number): void }).timeout(ms);

interface Pair {
  pay: PjTerminalPay;
  status: PjTxStatus;
}

/** Pays on `terminal` and has a <pj-tx-status> follow the request, the way the demo wires them. */
async function payAndFollow(terminal: string, amount: string, action = 'charge'): Promise<Pair> {
  const pay = await make(
    html`<pj-terminal-pay amount=${amount} action=${action} smart-terminal-id=${terminal}></pj-terminal-pay>`,
  );
  pay.pay();
  await waitUntil(() => pay.requestId, 'the relay never accepted the payment', { timeout: 5000 });
  const status = document.createElement('pj-tx-status');
  status.requestId = pay.requestId;
  pay.after(status);
  return { pay, status };
}

const badge = (el: PjTxStatus) => words(el.shadowRoot!.querySelector('[part~="badge"]'));
const head = (el: PjTerminalPay) => words(el.shadowRoot!.querySelector('.head'));
/** Everything a shadow root shows and announces. */
const everything = (el: HTMLElement) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

/** Both elements show `state` (its name and its sentence) with the same colours. */
async function sameState(
  { pay, status }: Pair,
  state: keyof RequestStateStrings,
  s: RequestStateStrings,
  timeout = 14000,
): Promise<void> {
  const name = s[state];
  await waitUntil(() => head(pay) === name && badge(status) === name, `both never showed "${name}"`, {
    timeout,
    interval: 50,
  });
  await pay.updateComplete;
  await status.updateComplete;
  const message = (s as unknown as Record<string, string>)[`${state}Message`];
  if (message) {
    expect(words(part(pay, 'detail'))).to.include(message);
    expect(words(status.shadowRoot!.querySelector('[part~="message"]'))).to.equal(message);
  }
  // The same tone: the status box's border and background are the badge's text and background.
  const box = getComputedStyle(part(pay, 'status')!);
  const tag = getComputedStyle(status.shadowRoot!.querySelector('[part~="badge"]')!);
  expect(box.borderTopColor, `${state}: colour`).to.equal(tag.color);
  expect(box.backgroundColor, `${state}: background`).to.equal(tag.backgroundColor);
  await expect(pay).to.be.accessible();
  await expect(status).to.be.accessible();
}

for (const [language, locale, s] of [
  ['English', {}, requestStatesEn],
  ['Spanish', es, requestStatesEs],
] as [string, PjLocale, RequestStateStrings][]) {
  describe(`<pj-terminal-pay> and <pj-tx-status> word and colour each state alike (${language})`, () => {
    beforeEach(async () => {
      setLocale(locale);
      await freshSimulator();
    });
    afterEach(async () => {
      await cleanUp();
      document.querySelectorAll('pj-tx-status').forEach((el) => el.remove());
      setLocale({});
    });

    it('the terminal is busy', async () => {
      await sim(`/devices/${FRONT}/busy`, { busy: true });
      await sameState(await payAndFollow(FRONT, '7.00'), 'busy', s);
    });

    it('the terminal is offline', async () => {
      await sameState(await payAndFollow(BACK, '3.00'), 'noConnection', s, 12000);
    });

    it('the cardholder cancelled', async () => {
      await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
      await sameState(await payAndFollow(FRONT, '4.00'), 'cancelled', s);
    });

    it('a refund is "Refunded" in both, never "Approved"', async () => {
      const pair = await payAndFollow(FRONT, '3.00', 'refund');
      await waitUntil(() => badge(pair.status) === s.refunded, 'never refunded', { timeout: 8000 });
      const refunded = format(s.result, { status: s.refunded, amount: '$3.00' });
      await waitUntil(() => head(pair.pay) === refunded, 'terminal-pay never said refunded', { timeout: 8000 });
      for (const el of [pair.pay, pair.status]) expect(everything(el)).not.to.include(s.approved);
      const box = getComputedStyle(part(pair.pay, 'status')!);
      expect(box.borderTopColor).to.equal(getComputedStyle(pair.status.shadowRoot!.querySelector('.badge')!).color);
      await expect(pair.pay).to.be.accessible();
      await expect(pair.status).to.be.accessible();
    });

    it('the terminal stopped answering (timed out)', async function (this: unknown) {
      patience(this, 25000);
      await sim(`/devices/${DRIVE}/next-outcome`, { outcome: 'never_finish' });
      await sameState(await payAndFollow(DRIVE, '6.00'), 'timeout', s, 20000);
    });
  });
}
