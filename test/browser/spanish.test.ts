/**
 * A Spanish page shows no English: `setLocale(es)`, then every state of <pj-tx-status> (transaction
 * mode) and <pj-schedule-form> the real relay and simulator can produce, recording everything each
 * shadow root shows, announces and names (spanish.helpers.ts). The terminal payments and their live
 * status are walked in spanish-payments.test.ts. The Spanish tables are also checked whole, for the
 * states no simulator control reaches (a voided transaction).
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import '../../src/elements/schedule-form/schedule-form.js';
import type { PjScheduleForm } from '../../src/elements/schedule-form/schedule-form.js';
import '../../src/elements/tx-status/tx-status.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { scheduleFormEn } from '../../src/locales/en/schedule-form.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { txStatusEn } from '../../src/locales/en/tx-status.js';
import { es } from '../../src/locales/es.js';
import { declinesEs } from '../../src/locales/es/declines.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { scheduleFormEs } from '../../src/locales/es/schedule-form.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import { txStatusEs } from '../../src/locales/es/tx-status.js';
import { format, setLocale } from '../../src/locales/locale.js';
import { PAYMENT_MESSAGES_EN, TERMINAL_REQUEST_MESSAGES_EN } from '../../src/protocol/payment.js';
import type { RequestSnapshot, TransactionView } from '../../src/protocol/relay-contract.js';
import { SCHEDULE_MESSAGES_EN } from '../../src/protocol/schedule.js';
import { CARD_FIELDS, PERIODIC, fill, inDays, uniqueAmount, year } from './schedule-form.helpers.js';
import { frameReady, messages, statesSince, typeInFrame } from './schedule-form-frame.helpers.js';
import {
  ENGLISH_WORDS,
  englishIn,
  expectNoEnglish,
  expectShown,
  record,
  removeRecorded,
  shownBy,
  sim,
  type Recorded,
} from './spanish.helpers.js';

interface Timeoutable {
  timeout(ms: number): void;
}
const patience = (test: unknown, ms: number) => (test as Timeoutable).timeout(ms);

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';

/** Keys of an English table a Spanish table lacks, and values it left in English (a few words are the same in both). */
function untranslated(english: object, spanish: object, path = ''): string[] {
  const same = new Set(['Terminal', 'Error', 'CVV', 'Personal (PPD)', '{status}: {amount}']);
  return Object.entries(english).flatMap(([key, value]) => {
    const theirs = (spanish as Record<string, unknown>)[key];
    if (value && typeof value === 'object')
      return theirs && typeof theirs === 'object' ? untranslated(value, theirs, `${path}${key}.`) : [`${path}${key}`];
    return typeof theirs !== 'string' || (theirs === value && !same.has(value)) ? [`${path}${key}`] : [];
  });
}

async function pay(amountBase: string, extra: Record<string, string> = {}): Promise<TransactionView> {
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `es-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId: FRONT, amountBase, ...extra }),
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

const status = (setup: (el: PjTxStatus) => void) => record<PjTxStatus>('pj-tx-status', setup);
const form = (setup: (el: PjScheduleForm) => void = () => {}) => record<PjScheduleForm>('pj-schedule-form', setup);
const badge = (watched: Recorded<PjTxStatus>) =>
  watched.el.shadowRoot!.querySelector('[part~="badge"]')?.textContent ?? '';
const part = (el: HTMLElement, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

describe('A Spanish page shows no English', () => {
  beforeEach(() => setLocale(es));
  afterEach(async () => {
    removeRecorded();
    setLocale({});
    await sim('/faults', undefined, 'DELETE');
  });

  it('the Spanish tables word everything the English ones do', () => {
    expect(untranslated(terminalPayEn, terminalPayEs)).to.deep.equal([]);
    expect(untranslated(txStatusEn, txStatusEs)).to.deep.equal([]);
    expect(untranslated(requestStatesEn, requestStatesEs)).to.deep.equal([]);
    expect(untranslated(scheduleFormEn, scheduleFormEs)).to.deep.equal([]);
    const { fields: _fields, ...sentences } = SCHEDULE_MESSAGES_EN;
    expect(
      untranslated({ ...sentences, ...PAYMENT_MESSAGES_EN, ...TERMINAL_REQUEST_MESSAGES_EN }, messagesEs),
    ).to.deep.equal([]);
    expect(
      untranslated(
        { ...SCHEDULE_MESSAGES_EN.fields, ...PAYMENT_MESSAGES_EN.fields, ...TERMINAL_REQUEST_MESSAGES_EN.fields },
        messagesEs.fields,
      ),
    ).to.deep.equal([]);
    // The word list the walk checks against is not empty, and knows a few words it must catch.
    for (const word of ['approved', 'declined', 'loading', 'schedule', 'honor', 'required'])
      expect(ENGLISH_WORDS.has(word), word).to.equal(true);
    expect(englishIn('Aprobado: $12.50 en Front Counter, VISA terminada en 1111')).to.deep.equal([]);
  });

  it('<pj-tx-status>: loading, approved with its amounts, declined, refunded; PayJunction’s words are Spanish', async function (this: unknown) {
    patience(this, 20000);
    const [extras, declined, refund] = [
      await pay('10.00', { amountShipping: '2.00', amountTax: '0.80' }),
      await pay('0.05'),
      await pay('3.00', { action: 'REFUND' }),
    ];
    const shown: Recorded<PjTxStatus>[] = [];
    for (const [tx, word] of [
      [extras, 'Aprobado'],
      [declined, 'Rechazado'],
      [refund, 'Reembolsado'],
    ] as const) {
      const watched = await status((el) => (el.transactionId = String(tx.transactionId)));
      await waitUntil(() => badge(watched) === word, `never showed ${word}`);
      shown.push(watched);
    }
    expectShown(shown[0]!, txStatusEs.loading, 'Envío', 'Impuesto', txStatusEs.responseCode);
    expectShown(shown[1]!, declinesEs.codes['05']!.meaning, declinesEs.codes['05']!.guidance);
    for (const watched of shown) expectNoEnglish(watched);
  });

  it('<pj-tx-status>: not a number, not found, no relay, and a failed load with its Retry', async function (this: unknown) {
    patience(this, 25000);
    const refused = await status((el) => (el.transactionId = 'abc'));
    const missing = await status((el) => (el.transactionId = '99999999'));
    const offline = await status((el) => {
      el.endpoint = 'http://127.0.0.1:9/pj';
      el.transactionId = '1';
    });
    const unknownRequest = await status((el) => (el.requestId = '00000000-0000-4000-8000-000000000000'));
    const ours = await pay('4.00'); // only this relay's own transactions reach PayJunction
    await sim('/faults', { status: 500, count: 50, path: '/transactions' });
    const failing = await status((el) => (el.transactionId = String(ours.transactionId)));
    await waitUntil(
      () => missing.shown.some((s) => s.includes('99999999')) && part(offline.el, 'retry-button'),
      'no error states',
    );
    await waitUntil(() => part(failing.el, 'retry-button'), 'the failed load never showed', { timeout: 20000 });
    await waitUntil(
      () => unknownRequest.shown.some((s) => s.includes(requestStatesEs.lost)),
      'unknown request never said so',
    );
    expectShown(refused, txStatusEs.invalidId);
    expectShown(missing, format(txStatusEs.notFound, { id: '99999999' }));
    expectShown(offline, format(txStatusEs.network, { id: '1' }), txStatusEs.retry);
    expectShown(failing, format(txStatusEs.loadFailed, { id: String(ours.transactionId) }), txStatusEs.retry);
    expectShown(unknownRequest, format(requestStatesEs.lostMessage, { id: '00000000-0000-4000-8000-000000000000' }));
    for (const watched of [refused, missing, offline, unknownRequest, failing]) expectNoEnglish(watched);
  });

  it('<pj-tx-status>: a signature request that completed', async () => {
    const res = await fetch(`/pj/smart-terminals/${FRONT}/signature`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `es-${crypto.randomUUID()}` },
      body: JSON.stringify({ terms: 'Acepto' }),
    });
    const { requestId } = (await res.json()) as RequestSnapshot;
    const watched = await status((el) => (el.requestId = requestId));
    await waitUntil(() => badge(watched) === requestStatesEs.completed, 'never completed');
    expectShown(watched, requestStatesEs.completedMessage);
    expectNoEnglish(watched);
  });

  it('<pj-schedule-form>: every family of validation errors, the form’s and the frame’s, before anything is sent', async function (this: unknown) {
    patience(this, 20000);
    const from = messages.length;
    const watched = await form();
    const { el } = watched;
    await frameReady(el);
    await el.submit(); // nothing typed: the amount, and the card's fields in the frame
    await fill(el, {
      ...PERIODIC,
      amountBase: '12.345',
      amountTax: '1000000.01',
      intervalCount: '0',
      billingFirstName: 'A'.repeat(17),
      shippingEmail: 'x',
    });
    await typeInFrame(el, {
      cardNumber: '4111111111111112',
      cardExpMonth: '01',
      cardExpYear: String(year - 1),
      cardCvv: '12',
    });
    await el.submit();
    await fill(el, { paymentMethod: 'ach' });
    await typeInFrame(el, { achRoutingNumber: '123456789', achAccountNumber: '000123456789' });
    await fill(el, { achType: 'PPD', amountBase: '0' });
    await el.submit();
    await fill(el, { achType: 'CCD', scheduleType: 'SPECIFIC_DATES', specificDate1: inDays(-1) });
    await el.submit();
    await fill(el, { paymentMethod: 'vault' });
    await el.submit();
    expectShown(
      watched,
      scheduleFormEs.loadingFields,
      messagesEs.requiredPaymentMethod,
      format(messagesEs.money, { field: messagesEs.fields.amountBase }),
      format(messagesEs.moneyPositive, { field: messagesEs.fields.amountBase }),
      format(messagesEs.requiredForPpd, { field: messagesEs.fields.billingLastName }),
      format(messagesEs.datePast, { field: messagesEs.fields.specificDate1 }),
      format(messagesEs.periodicOnly, { field: messagesEs.fields.interval }),
    );
    expectNoEnglish(watched);
    // The frame's sentences (shown inside it) reach the form in Spanish too, and only in Spanish.
    const sentences = statesSince(from).flatMap((state) => Object.values(state.fields).map((f) => f.message ?? ''));
    for (const sentence of [messagesEs.cardNumber, messagesEs.cardExpired, messagesEs.achRoutingNumber])
      expect(sentences, sentence).to.include(sentence);
    expect(englishIn(sentences.join(' '))).to.deep.equal([]);
  });

  it('<pj-schedule-form>: sending, created, the duplicate prompt, a decline, no relay, and the relay’s own field errors', async function (this: unknown) {
    patience(this, 30000);
    const created = await form();
    await fill(created.el, { ...PERIODIC, intervalCap: '3', amountBase: uniqueAmount() });
    await typeInFrame(created.el, CARD_FIELDS);
    await created.el.submit();
    await waitUntil(() => part(created.el, 'summary'), 'no summary');
    expectShown(
      created,
      scheduleFormEs.sending,
      scheduleFormEs.created,
      format(scheduleFormEs.every, { count: 1, unit: scheduleFormEs.options.MONTH! }),
      format(scheduleFormEs.paymentCount, { count: 3 }),
    );

    // The same stored account and amount twice: the second is the duplicate.
    const stored = { ...PERIODIC, vaultId: '5001', amountBase: uniqueAmount() };
    const first = await form((el) => (el.methods = 'vault'));
    await fill(first.el, stored);
    await first.el.submit();
    await waitUntil(() => part(first.el, 'summary'), 'no summary');
    const duplicate = await form((el) => (el.methods = 'vault'));
    await fill(duplicate.el, stored);
    await duplicate.el.submit();
    await waitUntil(() => part(duplicate.el, 'duplicate-confirm'), 'no duplicate prompt');
    expectShown(duplicate, scheduleFormEs.duplicate, scheduleFormEs.createAnyway);

    const declined = await form();
    await fill(declined.el, { ...PERIODIC, amountBase: '0.08' });
    await typeInFrame(declined.el, CARD_FIELDS);
    await declined.el.submit();
    // The answer may still be on its way when submit() returns (a paced relay under load): wait for it.
    const decline = declinesEs.codes['51']!;
    await waitUntil(() => shownBy(declined.el.shadowRoot!).includes(decline.meaning), '', { timeout: 10_000 }).catch(
      () => expect.fail(`no decline shown; the form shows: ${shownBy(declined.el.shadowRoot!)}`),
    );
    expectShown(declined, decline.meaning, decline.guidance);

    // No relay: the frame cannot load (said so), and a stored account cannot be sent.
    const offline = await form((el) => (el.endpoint = 'http://127.0.0.1:9/pj'));
    await waitUntil(() => part(offline.el, 'form')?.querySelector('[role="alert"]'), 'the frame never failed');
    await fill(offline.el, { ...PERIODIC, paymentMethod: 'vault', vaultId: '5001', amountBase: uniqueAmount() });
    await offline.el.submit();
    expectShown(offline, scheduleFormEs.fieldsUnavailable, scheduleFormEs.network);

    // PayJunction refuses a field in English ("Terminal does not exist", "Vault does not exist").
    const noTerminal = await form((el) => (el.terminalId = '999'));
    await fill(noTerminal.el, { ...PERIODIC, amountBase: uniqueAmount() });
    await typeInFrame(noTerminal.el, CARD_FIELDS);
    await noTerminal.el.submit();
    const noVault = await form((el) => (el.methods = 'vault'));
    await fill(noVault.el, { ...PERIODIC, vaultId: '4999', amountBase: uniqueAmount() });
    await noVault.el.submit();
    await aTimeout(50);
    for (const watched of [created, first, duplicate, declined, offline, noTerminal, noVault]) expectNoEnglish(watched);
    expectShown(noTerminal, format(messagesEs.invalidValue, { field: messagesEs.fields.terminalId }));
    expectShown(noVault, format(messagesEs.invalidValue, { field: messagesEs.fields.vaultId }));
  });
});
