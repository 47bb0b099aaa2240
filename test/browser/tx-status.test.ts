/** <pj-tx-status> in Chromium against the real relay + simulator. */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/tx-status/tx-status.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import { describeDecline } from '../../src/protocol/declines.js';
import type { RequestSnapshot, TransactionView } from '../../src/protocol/relay-contract.js';
import { emulateMedia } from '@web/test-runner-commands';
import { setLocale } from '../../src/locales/locale.js';
import { es } from '../../src/locales/es.js';
import { declinesEs } from '../../src/locales/es/declines.js';
import { requestStatesEn as STATES } from '../../src/locales/en/request-states.js';

interface Timeoutable {
  timeout(ms: number): void;
}

let front = '';
let drive = '';
const tx: Record<'approved' | 'declined' | 'refund' | 'extras', TransactionView> = {} as never;

async function sim(path: string, body?: unknown, method = 'POST'): Promise<void> {
  const res = await fetch(`/__sim${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} /__sim${path}: ${res.status}`);
}

async function startPayment(
  smartTerminalId: string,
  amountBase: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `tx-status-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId, amountBase, ...extra }),
  });
  expect(res.status).to.equal(202);
  return ((await res.json()) as RequestSnapshot).requestId;
}

async function finalSnapshot(requestId: string): Promise<RequestSnapshot> {
  for (let i = 0; i < 60; i++) {
    const snapshot = (await (await fetch(`/pj/requests/${requestId}`)).json()) as RequestSnapshot;
    if (snapshot.outcome) return snapshot;
    await aTimeout(150);
  }
  throw new Error(`request ${requestId} did not finish`);
}

async function pay(amountBase: string, extra: Record<string, string> = {}): Promise<TransactionView> {
  const snapshot = await finalSnapshot(await startPayment(front, amountBase, extra));
  expect(snapshot.transaction, `payment of ${amountBase}`).to.exist;
  return snapshot.transaction!;
}

const part = (el: PjTxStatus, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const text = (el: PjTxStatus, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const live = (el: PjTxStatus) => el.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
const badgeIs = (el: PjTxStatus, word: string, timeout = 8000) =>
  waitUntil(() => text(el, 'badge') === word, `badge never showed ${word} (was "${text(el, 'badge')}")`, { timeout });

describe('<pj-tx-status>', () => {
  before(async function (this: unknown) {
    (this as Timeoutable).timeout(20000);
    const terminals = (await (await fetch('/pj/smart-terminals')).json()).results as {
      smartTerminalId: string;
      nickName: string;
    }[];
    front = terminals.find((t) => t.nickName === 'Front Counter')!.smartTerminalId;
    drive = terminals.find((t) => t.nickName === 'Drive-Thru')!.smartTerminalId;
    tx.approved = await pay('12.50');
    tx.declined = await pay('0.05');
    tx.refund = await pay('3.00', { action: 'REFUND' });
    // Shipping and tax: a terminal payment takes no tip amount (the terminal asks the customer: allowTips).
    tx.extras = await pay('10.00', { amountShipping: '2.00', amountTax: '0.80' });
  });

  afterEach(async () => {
    await sim('/faults', undefined, 'DELETE');
    setLocale({});
  });

  it('renders nothing without an id', async () => {
    const el = await fixture<PjTxStatus>(html`<pj-tx-status></pj-tx-status>`);
    expect(part(el, 'base')).to.equal(null);
    expect(el.transaction).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows an approved transaction by transaction-id', async () => {
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id=${tx.approved.transactionId}></pj-tx-status>`,
    );
    expect(text(el, 'message')).to.equal('Loading transaction…');
    await badgeIs(el, 'Approved');
    expect(text(el, 'amount')).to.equal('$12.50');
    expect(text(el, 'card')).to.equal(`${tx.approved.cardType} ending in ${tx.approved.lastFour}`);
    expect(text(el, 'code')).to.equal('00');
    expect(!!part(el, 'message'), 'a message part').to.equal(false); // "Approved" again under the badge would repeat it
    if (tx.approved.approvalCode) expect(text(el, 'details')).to.contain(tx.approved.approvalCode);
    expect(text(el, 'details')).to.contain(String(tx.approved.transactionId));
    expect(text(el, 'details')).not.to.contain('Tip'); // no breakdown when the total is the amount alone
    expect(text(el, 'details')).to.contain(String(new Date(tx.approved.created).getFullYear()));
    expect(el.transaction?.transactionId).to.equal(tx.approved.transactionId);
    expect(live(el)).to.equal('Approved: $12.50');
    await expect(el).to.be.accessible();
  });

  it('shows a decline with its code and the cashier guidance', async () => {
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id=${tx.declined.transactionId}></pj-tx-status>`,
    );
    await badgeIs(el, 'Declined');
    expect(text(el, 'amount')).to.equal('$0.05');
    expect(text(el, 'code')).to.equal('05');
    expect(text(el, 'message')).to.contain(tx.declined.message);
    expect(text(el, 'guidance')).to.equal(describeDecline('05').guidance);
    await expect(el).to.be.accessible();
  });

  it('lists the amounts that make up the total when there is more than the amount', async () => {
    const el = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id=${tx.extras.transactionId}></pj-tx-status>`);
    await badgeIs(el, 'Approved');
    expect(text(el, 'amount')).to.equal('$12.80');
    const details = text(el, 'details');
    for (const piece of ['Amount$10.00', 'Shipping$2.00', 'Tax$0.80']) expect(details).to.contain(piece);
    expect(details).not.to.contain('Tip');
    await expect(el).to.be.accessible();
  });

  it('shows an approved REFUND as Refunded', async () => {
    const el = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id=${tx.refund.transactionId}></pj-tx-status>`);
    await badgeIs(el, 'Refunded');
    expect(text(el, 'amount')).to.equal('$3.00');
    expect(part(el, 'guidance')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says which transaction was not found (one this relay did not create), without a Retry, with one pj-error', async () => {
    const errors: CustomEvent[] = [];
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id="99999999" @pj-error=${(e: CustomEvent) => errors.push(e)}></pj-tx-status>`,
    );
    await waitUntil(() => errors.length > 0, 'no error state');
    await el.updateComplete;
    expect(text(el, 'message')).to.equal('Transaction 99999999 was not found.');
    expect(!!part(el, 'retry-button'), 'a retry-button part').to.equal(false); // the same id would not be found again
    await aTimeout(300);
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail).to.deep.equal({
      code: 'not_found',
      status: 404,
      message: 'Transaction 99999999 was not found.',
      fields: [],
    });
    expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
    await expect(el).to.be.accessible();

    el.transactionId = '1';
    await waitUntil(() => errors.length === 2, 'no pj-error for id 1');
    await el.updateComplete;
    expect(text(el, 'message')).to.equal('Transaction 1 was not found.');
  });

  it('drops a late answer for an old transaction-id', async () => {
    const realFetch = window.fetch;
    let oldSignal: AbortSignal | null | undefined;
    let oldAnswered = false;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith(`/transactions/${tx.approved.transactionId}`)) {
        oldSignal = init?.signal;
        const res = await realFetch(input, { ...init, signal: null }); // answer even if aborted: a late answer
        await aTimeout(500);
        oldAnswered = true;
        return res;
      }
      return realFetch(input, init);
    };
    try {
      const el = await fixture<PjTxStatus>(
        html`<pj-tx-status transaction-id=${tx.approved.transactionId}></pj-tx-status>`,
      );
      await waitUntil(() => oldSignal !== undefined, 'old fetch never started');
      el.transactionId = String(tx.declined.transactionId);
      await badgeIs(el, 'Declined');
      expect(oldSignal?.aborted).to.equal(true);
      await waitUntil(() => oldAnswered, 'the old answer never came');
      await aTimeout(50);
      await el.updateComplete;
      expect(text(el, 'badge')).to.equal('Declined');
      expect(el.transaction?.transactionId).to.equal(tx.declined.transactionId);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('follows a request live: phase words, then the approved result, one pj-request-status per version', async () => {
    const requestId = await startPayment(front, '7.25');
    const versions: number[] = [];
    const outcomes: (string | null)[] = [];
    const el = await fixture<PjTxStatus>(html`<pj-tx-status
      request-id=${requestId}
      @pj-request-status=${(e: CustomEvent<{ snapshot: RequestSnapshot }>) => {
        versions.push(e.detail.snapshot.version);
        outcomes.push(e.detail.snapshot.outcome);
      }}
    ></pj-tx-status>`);
    expect(text(el, 'badge')).to.equal('In progress');
    expect([STATES.connecting, STATES.waiting, STATES.processing]).to.include(text(el, 'message'));
    expect(text(el, 'elapsed')).to.match(/^Elapsed \d+:\d\d$/);
    expect(live(el)).to.equal(text(el, 'message'));
    await expect(el).to.be.accessible();
    await badgeIs(el, 'Approved'); // as soon as the request has its transaction
    await waitUntil(() => outcomes.includes('approved'), 'no final snapshot');
    expect(text(el, 'amount')).to.equal('$7.25');
    expect(live(el)).to.equal('Approved: $7.25');
    expect(el.snapshot?.outcome).to.equal('approved');
    expect(el.transaction?.amountTotal).to.equal('7.25');
    expect(versions.length).to.be.greaterThan(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).to.be.greaterThan(versions[i - 1]!);
    expect(outcomes.at(-1)).to.equal('approved');
    await aTimeout(300);
    expect(versions.length).to.equal(outcomes.length);
    expect(part(el, 'elapsed')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shares the page’s one stream between two elements watching the same request, and leaves the old request on a switch', async () => {
    const RealEventSource = window.EventSource;
    const sources: EventSource[] = [];
    window.EventSource = class extends RealEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        sources.push(this);
      }
    };
    const open = () => sources.filter((s) => s.readyState !== EventSource.CLOSED);
    const watched = (s: EventSource) =>
      new URL(s.url).searchParams
        .get('watch')!
        .split(',')
        .map((w) => w.split(':')[0]);
    try {
      const first = await startPayment(front, '4.10');
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <pj-tx-status request-id=${first}></pj-tx-status>
        <pj-tx-status request-id=${first}></pj-tx-status>
      </div>`);
      const [a, b] = [...wrapper.querySelectorAll('pj-tx-status')] as [PjTxStatus, PjTxStatus];
      await badgeIs(a, 'Approved');
      await badgeIs(b, 'Approved');
      expect(sources).to.have.length(1);
      expect(watched(sources[0]!)).to.deep.equal([first]);

      // Switching request ids leaves the old request: the stream goes on without it.
      await finalSnapshot(first); // the terminal is free again (the transaction shows before the request ends)
      const x = await startPayment(front, '2.00');
      const y = await startPayment(drive, '2.50');
      b.requestId = x;
      await waitUntil(() => open().length === 1 && watched(open()[0]!).includes(x), 'no stream for x');
      const seen: string[] = [];
      b.addEventListener('pj-request-status', (e) => seen.push(e.detail.snapshot.requestId));
      b.requestId = y;
      await badgeIs(b, 'Approved');
      expect(text(b, 'amount')).to.equal('$2.50');
      expect(seen.every((id) => id === y)).to.equal(true);
      await waitUntil(() => open().every((s) => !watched(s).includes(x)), 'the stream still watches x', {
        timeout: 3000,
      });
      expect(open().length).to.be.at.most(1);
      await finalSnapshot(x);
    } finally {
      window.EventSource = RealEventSource;
    }
  });

  it('shows the cashier words when the cardholder cancels', async () => {
    await sim(`/devices/${front}/next-outcome`, { outcome: 'cardholder_cancel' });
    const requestId = await startPayment(front, '5.00');
    const el = await fixture<PjTxStatus>(html`<pj-tx-status request-id=${requestId}></pj-tx-status>`);
    await badgeIs(el, 'Cancelled');
    expect(text(el, 'message')).to.equal(STATES.cancelledMessage);
    expect(el.transaction).to.equal(undefined);
    expect(el.snapshot?.outcome).to.equal('cancelled');
    await expect(el).to.be.accessible();
  });

  it('says when a payment is in doubt: first still checking, then "In doubt" with what to do', async () => {
    await sim('/faults', { status: 500, count: 1, path: `/smartterminals/${front}/request-payment` });
    const requestId = await startPayment(front, '9.00');
    const el = await fixture<PjTxStatus>(html`<pj-tx-status request-id=${requestId}></pj-tx-status>`);
    await waitUntil(
      () => text(el, 'message').includes('Checking whether the terminal got this payment'),
      'never said it was checking',
      { timeout: 4000 },
    );
    await badgeIs(el, 'In doubt');
    expect(text(el, 'message')).to.include('Look at the terminal');
    await expect(el).to.be.accessible();
  });

  it('shows an error with Retry, and Retry works once the fault clears', async function (this: unknown) {
    (this as Timeoutable).timeout(20000);
    await sim('/faults', { status: 500, count: 50, path: '/transactions' });
    const errors: CustomEvent[] = [];
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id=${tx.approved.transactionId} @pj-error=${(e: CustomEvent) => errors.push(e)}></pj-tx-status>`,
    );
    await waitUntil(() => part(el, 'retry-button'), 'no error state', { timeout: 15000 });
    expect(text(el, 'message')).to.equal(
      `Couldn't load transaction ${tx.approved.transactionId}. Try again in a moment.`,
    );
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.status).to.be.at.least(500);
    await expect(el).to.be.accessible();

    await sim('/faults', undefined, 'DELETE');
    part(el, 'retry-button')!.click();
    await badgeIs(el, 'Approved');
    expect(text(el, 'amount')).to.equal('$12.50');
    expect(errors).to.have.length(1);
  });

  it('speaks Spanish through its locale property and through setLocale, response codes included', async () => {
    const el = await fixture<PjTxStatus>(
      html`<pj-tx-status transaction-id=${tx.declined.transactionId} .locale=${es}></pj-tx-status>`,
    );
    await badgeIs(el, 'Rechazado');
    expect(text(el, 'guidance')).to.equal(declinesEs.codes['05']!.guidance);
    expect(text(el, 'message')).to.contain(declinesEs.codes['05']!.meaning);
    expect(text(el, 'message')).not.to.contain(tx.declined.message); // PayJunction's English is not shown
    expect(text(el, 'details')).to.contain('Código de respuesta');
    expect(text(el, 'card')).to.contain('terminada en');
    await expect(el).to.be.accessible();

    const other = await fixture<PjTxStatus>(html`<pj-tx-status transaction-id="99999999"></pj-tx-status>`);
    setLocale(es);
    await waitUntil(() => text(other, 'message') === 'No se encontró la transacción 99999999.', 'no error state');
    expect(!!part(other, 'retry-button'), 'a retry-button part').to.equal(false);
    await expect(other).to.be.accessible();
    other.transactionId = String(tx.approved.transactionId);
    await badgeIs(other, 'Aprobado');
    expect(text(other, 'details')).to.contain('Código de respuesta'); // and no English "Approved" anywhere
    expect(other.shadowRoot!.textContent).not.to.contain('Approved');
    setLocale({});
    await other.updateComplete;
    expect(text(other, 'badge')).to.equal('Approved');
  });

  it('meets contrast in dark mode too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="background:#111827;padding:4px">
        <pj-tx-status transaction-id=${tx.approved.transactionId}></pj-tx-status>
        <pj-tx-status transaction-id=${tx.declined.transactionId}></pj-tx-status>
        <pj-tx-status transaction-id="99999999"></pj-tx-status>
      </div>`);
      const [a, d, n] = [...wrapper.querySelectorAll('pj-tx-status')] as [PjTxStatus, PjTxStatus, PjTxStatus];
      await badgeIs(a, 'Approved');
      await badgeIs(d, 'Declined');
      await waitUntil(() => text(n, 'message').includes('99999999'), 'no error state');
      expect(getComputedStyle(part(a, 'base')!).backgroundColor).to.equal('rgb(17, 24, 39)');
      await expect(wrapper).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
