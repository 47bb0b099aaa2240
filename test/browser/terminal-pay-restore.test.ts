/**
 * <pj-terminal-pay> resuming a request (`request-id`, as a page does after a reload) and its terminal
 * picker: the timer counts from when the relay started the request (the snapshot's `createdAt`), not
 * from the element's mount; the picker names the request's terminal; a pick is announced as
 * `pj-terminal-change`; a terminal the relay could not reach is marked, in English and Spanish. The
 * clock is frozen by stubbing `Date.now` at the request's own `createdAt` plus a set time, so no
 * figure here depends on how fast the machine runs. Real relay and simulator (speed 10).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import '../../src/elements/tx-status/tx-status.js';
import { format } from '../../src/protocol/text.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import {
  BACK,
  DRIVE,
  cleanUp,
  freshSimulator,
  html,
  make,
  part,
  showing,
  sim,
  status,
  words,
} from './terminal-pay.helpers.js';
import { es } from '../../src/locales/es.js';

const select = (el: PjTerminalPay) => part(el, 'terminal-select') as HTMLSelectElement;
const chosen = (el: PjTerminalPay) => select(el).selectedOptions[0]?.textContent?.trim() ?? '';
const loaded = (el: PjTerminalPay) =>
  waitUntil(() => select(el).options.length === 4, 'terminals never loaded', { timeout: 5000, interval: 20 });

/** Starts a payment on the relay as another page (or this page before its reload) did. */
async function startElsewhere(smartTerminalId: string): Promise<RequestSnapshot> {
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `restore-${Date.now()}-${Math.random()}` },
    body: JSON.stringify({ smartTerminalId, amountBase: '3.00' }),
  });
  expect(res.status).to.equal(202);
  return res.json();
}

/** Date.now() frozen at `at` while `run` runs (the element's timer reads Date.now() when it renders). */
async function frozenAt<T>(at: number, run: () => Promise<T>): Promise<T> {
  const real = Date.now;
  Date.now = () => at;
  try {
    return await run();
  } finally {
    Date.now = real;
  }
}

describe('<pj-terminal-pay>: resuming a request and its terminal picker', () => {
  beforeEach(freshSimulator);
  afterEach(cleanUp);

  // The request states' words are one table for both elements (src/locales/en/request-states.ts).
  for (const [language, strings, txStrings, locale] of [
    ['English', requestStatesEn, requestStatesEn, undefined],
    ['Spanish', requestStatesEs, requestStatesEs, es],
  ] as const) {
    it(`${language}: the timers run from the request's start, the picker names its terminal, and no pick is announced`, async () => {
      await sim(`/devices/${DRIVE}/next-outcome`, { outcome: 'never_finish' });
      const started = await startElsewhere(DRIVE);
      const createdAt = Date.parse(started.createdAt!);
      expect(createdAt).to.be.a('number').and.not.NaN;
      // The page reloads 2 min 5 s after the payment started.
      const el = await frozenAt(createdAt + 125_000, async () => {
        const resumed = await make(
          html`<pj-terminal-pay amount="3.00" request-id=${started.requestId} .locale=${locale}></pj-terminal-pay>`,
        );
        const picks: Event[] = [];
        resumed.addEventListener('pj-terminal-change', (e) => picks.push(e));
        await showing(resumed, strings.waiting);
        await loaded(resumed);
        await resumed.updateComplete;
        expect(words(part(resumed, 'timer'))).to.equal(format(strings.elapsed, { time: '2:05' }));
        expect(select(resumed).value).to.equal(DRIVE);
        expect(chosen(resumed)).to.equal('Drive-Thru');
        expect(select(resumed).disabled, 'no other terminal while the payment lives').to.equal(true);
        expect(picks, 'showing the request is not a pick').to.have.length(0);
        await expect(resumed).to.be.accessible();
        // <pj-tx-status> following the same request (as the demo's result does) counts from there too.
        const tx = document.createElement('pj-tx-status');
        Object.assign(tx, { locale, requestId: started.requestId });
        resumed.after(tx);
        await waitUntil(() => tx.shadowRoot?.querySelector('[part~="elapsed"]'), 'no elapsed time', { timeout: 5000 });
        await tx.updateComplete;
        expect(words(tx.shadowRoot!.querySelector('[part~="elapsed"]'))).to.equal(
          format(txStrings.elapsed, { time: '2:05' }),
        );
        tx.remove();
        return resumed;
      });

      // Cancelled from the resumed page: the terminal stays chosen for the next payment.
      await el.cancel();
      await showing(el, strings.cancelledMessage);
      expect(select(el).disabled).to.equal(false);
      expect(chosen(el)).to.equal('Drive-Thru');
      expect(status(el)).to.not.include((locale ? terminalPayEs : terminalPayEn).chooseHint);
    });
  }

  it('a pick in the picker fires pj-terminal-change with the id and name; back to none fires it empty', async () => {
    const el = await make(html`<pj-terminal-pay amount="3.00"></pj-terminal-pay>`);
    await loaded(el);
    const picks: CustomEvent[] = [];
    document.addEventListener('pj-terminal-change', (e) => picks.push(e));
    for (const value of [DRIVE, '']) {
      select(el).value = value;
      select(el).dispatchEvent(new Event('change'));
    }
    await el.updateComplete;
    expect(picks.map((e) => e.detail)).to.deep.equal([
      { smartTerminalId: DRIVE, nickName: 'Drive-Thru' },
      { smartTerminalId: '', nickName: '' },
    ]);
    expect(picks.every((e) => e.bubbles && e.composed && e.target === el)).to.equal(true);
  });

  it('a terminal the last request could not reach is marked in the picker, at once and in Spanish', async function () {
    (this as { timeout(ms: number): void }).timeout(15_000);
    const el = await make(html`<pj-terminal-pay amount="3.00"></pj-terminal-pay>`);
    await loaded(el);
    select(el).value = BACK; // Back Office: the simulator's unplugged terminal
    select(el).dispatchEvent(new Event('change'));
    await el.updateComplete;
    el.pay();
    await showing(el, requestStatesEn.noConnectionMessage, 8000);
    const marked = format(terminalPayEn.terminalUnreachable, { terminal: 'Back Office' });
    await waitUntil(() => [...select(el).options].some((o) => o.textContent === marked), `no "${marked}"`, {
      timeout: 5000,
    });
    expect(chosen(el), 'the failed terminal stays chosen, now marked').to.equal(marked);
    expect([...select(el).options].map((o) => o.textContent)).to.include.members(['Front Counter', 'Drive-Thru']);
    await expect(el).to.be.accessible();

    const spanish = await make(html`<pj-terminal-pay amount="3.00" .locale=${es}></pj-terminal-pay>`);
    await loaded(spanish);
    const enSpanish = format(terminalPayEs.terminalUnreachable, { terminal: 'Back Office' });
    expect([...select(spanish).options].map((o) => o.textContent)).to.include(enSpanish);
    await expect(spanish).to.be.accessible();
  });
});
