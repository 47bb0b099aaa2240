/**
 * <pj-tx-status transaction-id> in real Chromium against the relay and simulator: what it refuses
 * before asking the relay, which id it names when a lookup fails, when it offers Retry, and a result
 * card that says each thing once, without blank gaps. English and Spanish, axe in every state.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/tx-status/tx-status.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';
import { txStatusEn } from '../../src/locales/en/tx-status.js';
import { es } from '../../src/locales/es.js';
import { txStatusEs } from '../../src/locales/es/tx-status.js';
import { format, setLocale } from '../../src/locales/locale.js';
import type { RequestSnapshot, TransactionView } from '../../src/protocol/relay-contract.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';

const part = (el: PjTxStatus, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: PjTxStatus, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const everything = (el: HTMLElement) => (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

async function paid(amountBase: string, action?: 'REFUND'): Promise<TransactionView> {
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `lookup-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId: FRONT, amountBase, ...(action ? { action } : {}) }),
  });
  const { requestId } = (await res.json()) as RequestSnapshot;
  let snapshot: RequestSnapshot | undefined;
  await waitUntil(
    async () => {
      snapshot = (await (await fetch(`/pj/requests/${requestId}`)).json()) as RequestSnapshot;
      return snapshot.outcome && snapshot.transaction;
    },
    `payment of ${amountBase} never finished`,
    { timeout: 8000, interval: 150 },
  );
  return snapshot!.transaction!;
}

/** The transaction lookups the page sends while `run` runs. */
async function lookupsDuring(run: () => Promise<void>): Promise<string[]> {
  const realFetch = window.fetch;
  const sent: string[] = [];
  window.fetch = (input, init) => {
    if (String(input).includes('/transactions/')) sent.push(String(input));
    return realFetch(input, init);
  };
  try {
    await run();
  } finally {
    window.fetch = realFetch;
  }
  return sent;
}

describe('<pj-tx-status>: the id it looks up', () => {
  afterEach(() => setLocale({}));

  it('refuses an id that is not a transaction number in the browser, says why, and never sends it', async () => {
    const errors: CustomEvent[] = [];
    let el!: PjTxStatus;
    const sent = await lookupsDuring(async () => {
      el = await fixture<PjTxStatus>(
        html`<pj-tx-status transaction-id="abc" @pj-error=${(e: CustomEvent) => errors.push(e)}></pj-tx-status>`,
      );
      expect(text(el, 'message')).to.equal(txStatusEn.invalidId);
      expect(everything(el)).not.to.include('abc');
      expect(!!part(el, 'retry-button'), 'a retry-button part').to.equal(false);
      await expect(el).to.be.accessible();
      for (const id of ['12a', '-5', '1e3', '10 010', '1234567890123456', '../smart-terminals']) {
        el.transactionId = id;
        await el.updateComplete;
        expect(text(el, 'message'), id).to.equal(txStatusEn.invalidId);
      }
      await aTimeout(200);
    });
    expect(sent).to.deep.equal([]);
    expect(errors.map((e) => e.detail)).to.deep.include({
      code: 'invalid_transaction_id',
      message: txStatusEn.invalidId,
      fields: [],
    });
    expect(errors).to.have.length(7); // once per id refused

    // Spaces around a number are not part of it.
    const approved = await paid('4.10');
    el.transactionId = ` ${approved.transactionId} `;
    await waitUntil(() => text(el, 'badge') === STATES.approved, 'the trimmed id was never looked up');
  });

  it('names the id in "not found", without a Retry that could not help', async () => {
    const el = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id="424242"></pj-tx-status>`);
    await waitUntil(() => text(el, 'message').includes('424242'), 'never said not found');
    expect(text(el, 'message')).to.equal(format(txStatusEn.notFound, { id: '424242' }));
    expect(!!part(el, 'retry-button'), 'a retry-button part').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('names the id when the relay cannot be reached, and offers Retry, which looks it up again', async () => {
    const errors: CustomEvent[] = [];
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status endpoint="http://127.0.0.1:9/pj" transaction-id="31337" @pj-error=${(e: CustomEvent) => errors.push(e)}></pj-tx-status>`,
    );
    await waitUntil(() => part(el, 'retry-button'), 'no Retry');
    expect(text(el, 'message')).to.equal(format(txStatusEn.network, { id: '31337' }));
    expect(errors.map((e) => e.detail.code)).to.deep.equal(['network']);
    await expect(el).to.be.accessible();
    const sent = await lookupsDuring(async () => {
      part(el, 'retry-button')!.click();
      await waitUntil(() => errors.length === 2, 'Retry never looked again');
    });
    expect(sent).to.have.length(1);
  });

  it('in Spanish: refused, not found and unreachable, each naming what it can', async () => {
    setLocale(es);
    const refused = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id="abc"></pj-tx-status>`);
    expect(text(refused, 'message')).to.equal(txStatusEs.invalidId);
    await expect(refused).to.be.accessible();
    const missing = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id="424243"></pj-tx-status>`);
    await waitUntil(() => text(missing, 'message') === format(txStatusEs.notFound, { id: '424243' }), 'not found');
    expect(!!part(missing, 'retry-button'), 'a retry-button part').to.equal(false);
    await expect(missing).to.be.accessible();
    const offline = await fixture<PjTxStatus>(
      html`<pj-tx-status endpoint="http://127.0.0.1:9/pj" transaction-id="31338"></pj-tx-status>`,
    );
    await waitUntil(() => part(offline, 'retry-button'), 'no Retry');
    expect(text(offline, 'message')).to.equal(format(txStatusEs.network, { id: '31338' }));
    expect(text(offline, 'retry-button')).to.equal(txStatusEs.retry);
    await expect(offline).to.be.accessible();
  });
});

describe('<pj-tx-status>: the result card says each thing once', () => {
  let approved: TransactionView;
  let refund: TransactionView;
  before(async function (this: unknown) {
    (this as { timeout(ms: number): void }).timeout(20000);
    approved = await paid('12.50');
    refund = await paid('3.00', 'REFUND');
  });
  afterEach(() => setLocale({}));

  /** Vertical space between each child of the card and the next, in px. */
  const gaps = (el: PjTxStatus) => {
    const boxes = [...part(el, 'base')!.children].map((child) => child.getBoundingClientRect());
    return boxes.slice(1).map((box, i) => Math.round(box.top - boxes[i]!.bottom));
  };

  it('an approval: the badge says "Approved" once, with no blank gap between the lines', async () => {
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id=${String(approved.transactionId)}></pj-tx-status>`,
    );
    await waitUntil(() => text(el, 'badge') === STATES.approved, 'never approved');
    expect(everything(el).split(STATES.approved).length - 1).to.equal(2); // the badge, and the announcement
    expect(!!part(el, 'message'), 'a message part').to.equal(false);
    const rowGap = parseFloat(getComputedStyle(part(el, 'base')!).rowGap);
    for (const gap of gaps(el)) expect(gap).to.be.at.most(rowGap);
    await expect(el).to.be.accessible();
  });

  for (const [language, locale, refunded, approvedWord] of [
    ['English', {}, 'Refunded', 'Approved'],
    ['Spanish', es, 'Reembolsado', 'Aprobado'],
  ] as const) {
    it(`a refund (${language}): "${refunded}", and nowhere "${approvedWord}"`, async () => {
      setLocale(locale);
      const el = await fixture<PjTxStatus>(
        html`<pj-tx-status transaction-id=${String(refund.transactionId)}></pj-tx-status>`,
      );
      await waitUntil(() => text(el, 'badge') === refunded, `never ${refunded}`);
      expect(everything(el)).not.to.include(approvedWord);
      await expect(el).to.be.accessible();
    });
  }
});
