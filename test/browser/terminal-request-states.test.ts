/**
 * One state, one wording, one colour, for a request as for a payment: a <pj-terminal-request> and a
 * <pj-terminal-pay> that end busy, offline or timed out, side by side in real Chromium against the
 * relay and simulator, show the same name, the same sentence under it and the same tone (class and
 * colours): the locale's `requestStates`. In English and in Spanish, with axe in every state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/terminal-pay/terminal-pay.js';
import '../../src/elements/terminal-request/terminal-request.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import type { PjTerminalRequest } from '../../src/elements/terminal-request/terminal-request.js';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import type { RequestStateStrings } from '../../src/locales/en/request-states.js';
import { es } from '../../src/locales/es.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { setLocale, type PjLocale } from '../../src/locales/locale.js';
import { BACK, DRIVE, FRONT, sim, terminalsIdle, words } from './terminal-pay.helpers.js';

const patience = (test: unknown, ms: number) => (test as { timeout(ms: number): void }).timeout(ms);

type Shown = PjTerminalPay | PjTerminalRequest;
const box = (el: Shown) => el.shadowRoot!.querySelector<HTMLElement>('[part~="status"]')!;
/** What a status box says: its name, the first line under it (what the name means), its tone classes. */
const said = (el: Shown) => ({
  name: words(box(el).querySelector('.head')),
  sentence: words(box(el).querySelector('[part~="detail"] li')),
  tone: [...box(el).classList].filter((c) => c !== 'status'),
});

let shown: Shown[] = [];

/** A payment on `payOn` and a prompt on `askOn`, both started. */
async function both(payOn: string, askOn: string): Promise<[PjTerminalPay, PjTerminalRequest]> {
  const pair = await fixture<HTMLDivElement>(html`<div>
    <pj-terminal-pay amount="5.00" smart-terminal-id=${payOn}></pj-terminal-pay>
    <pj-terminal-request kind="prompt" text="Receipt?" buttons="Yes,No" smart-terminal-id=${askOn}></pj-terminal-request>
  </div>`);
  const pay = pair.querySelector('pj-terminal-pay')!;
  const ask = pair.querySelector('pj-terminal-request')!;
  shown = [pay, ask];
  pay.pay();
  ask.start();
  return [pay, ask];
}

/** Both ended in `state`: the same name and tone as each other, the sentences of `requestStates`; axe-clean. */
async function sameState(
  [pay, ask]: [PjTerminalPay, PjTerminalRequest],
  state: 'busy' | 'noConnection' | 'timeout',
  s: RequestStateStrings,
  timeout: number,
): Promise<void> {
  const name = s[state];
  await waitUntil(() => said(pay).name === name && said(ask).name === name, `both never showed "${name}"`, {
    timeout,
    interval: 50,
  });
  await pay.updateComplete;
  await ask.updateComplete;
  // The same name and tone; the sentence is a request's own where a payment's speaks of money (`…RequestMessage`).
  const requestSentence = (s as unknown as Record<string, string | undefined>)[`${state}RequestMessage`];
  expect(said(pay)).to.deep.equal({ name, sentence: s[`${state}Message`], tone: ['warn'] });
  expect(said(ask)).to.deep.equal({ name, sentence: requestSentence ?? s[`${state}Message`], tone: ['warn'] });
  const [payBox, askBox] = [getComputedStyle(box(pay)), getComputedStyle(box(ask))];
  expect(askBox.borderTopColor, `${state}: colour`).to.equal(payBox.borderTopColor);
  expect(askBox.backgroundColor, `${state}: background`).to.equal(payBox.backgroundColor);
  await expect(pay).to.be.accessible();
  await expect(ask).to.be.accessible();
}

for (const [language, locale, s] of [
  ['English', {}, requestStatesEn],
  ['Spanish', es, requestStatesEs],
] as [string, PjLocale, RequestStateStrings][]) {
  describe(`<pj-terminal-request> words and colours a state as <pj-terminal-pay> does (${language})`, () => {
    beforeEach(() => setLocale(locale));
    afterEach(async () => {
      for (const el of shown.splice(0)) await el.cancel(); // never leave a terminal busy for the next test
      setLocale({});
      await sim(`/devices/${FRONT}/busy`, { busy: false });
      await terminalsIdle();
    });

    it('the terminal is busy', async () => {
      await sim(`/devices/${FRONT}/busy`, { busy: true });
      await sameState(await both(FRONT, FRONT), 'busy', s, 14000);
    });

    it('the terminal is offline', async function (this: unknown) {
      patience(this, 15000);
      await sameState(await both(BACK, BACK), 'noConnection', s, 12000);
    });

    it('the terminal stopped answering (timed out)', async function (this: unknown) {
      patience(this, 25000);
      await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
      await sim(`/devices/${DRIVE}/next-outcome`, { outcome: 'never_finish' });
      await sameState(await both(FRONT, DRIVE), 'timeout', s, 20000);
    });
  });
}
