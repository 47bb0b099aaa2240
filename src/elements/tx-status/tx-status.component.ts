import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { liveRequest, type LiveRequestState } from '../../core/live-request.js';
import { RelayClientError, getTransaction } from '../../core/relay-client.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import { declineWords } from '../../locales/declines.js';
import { txStatusEn, type TxStatusStrings } from '../../locales/en/tx-status.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { formatMoney } from '../../protocol/money.js';
import type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';
import { elapsed } from '../common/elapsed.js';
import { emit } from '../../core/emit.js';
import { StoreController } from '../../core/store-controller.js';
import { statusStyles } from '../common/status.styles.js';
import { themeStyles } from '../common/theme.styles.js';
import { txStatusStyles } from './tx-status.styles.js';

// Every type its events, properties and getters name, exported beside the class: the manifest lists
// them as this module's exports, and the framework types generated from it import them.
export type { PjErrorEvent, PjRequestStatusEvent } from '../../events/index.js';
export type { PjLocale } from '../../locales/locale.js';
export type { TxStatusStrings } from '../../locales/en/tx-status.js';
export type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';

type Tone = 'ok' | 'bad' | 'warn' | '';
type View = [content: TemplateResult | typeof nothing, announcement: string];
/** One transaction fetch: its endpoint and id (`key`), and its answer once there is one. */
interface Fetch {
  key: string;
  abort: AbortController;
  tx?: TransactionView;
  error?: RelayClientError;
}

/** The amounts listed besides the total when any is not zero: `amount${name}` and its label `s[name lower-cased]`. */
const AMOUNTS = ['Tip', 'Tax', 'Shipping', 'Surcharge'] as const;

/** Strings of a request that ended without a transaction: the badge is `s[key]`, the text `s[key + 'Message']`. */
const OUTCOME_KEYS: Record<string, string> = {
  no_connection: 'noConnection',
  timeout: 'timedOut',
  in_doubt: 'inDoubt',
};

const row = (label: string, value: unknown, part?: string) =>
  html`<div><dt>${label}</dt><dd part=${part ?? nothing}>${value}</dd></div>`;

/**
 * Shows a PayJunction transaction's result, or a live Smart Terminal request's progress and then its result.
 *
 * - `transaction-id`: one `GET {endpoint}/transactions/{id}`; a changed id aborts the old fetch and an old
 *   answer is never shown. A failed fetch shows the error with a Retry button.
 * - `request-id` (wins over `transaction-id`): watches the request live through the shared store of
 *   `liveRequest()` (one event stream per page for every request it watches) and shows its phase
 *   ("Waiting for the card…") with the time elapsed, then its transaction, or how it ended without one
 *   (cancelled, terminal busy, no connection, timed out, error).
 * - Neither: renders nothing (an empty, hidden live region only).
 *
 * Badges: Approved, Declined (with the decline guidance for the cashier), Voided (status VOID),
 * Refunded (an approved REFUND), In progress (live, not final). Amounts other than the total are
 * listed only when a tip, tax, shipping or surcharge is not zero.
 *
 * @summary The result of a transaction, or the live progress of a Smart Terminal request.
 *
 * @event {PjRequestStatusEvent} pj-request-status - request-id mode: each new snapshot, once per version, in order. detail: `{ snapshot }`.
 * @event {PjErrorEvent} pj-error - The transaction or the request could not be read (once per failed fetch). detail: PjErrorDetail `{ code, message, status?, fields, requestId? }`: 404 → code `not_found`, "Transaction not found."; no network → code `network` (no status). A request that ends busy, offline, timed out or in error is shown, and reported by pj-request-status, not here.
 *
 * @csspart base - The box around the status.
 * @csspart badge - The status word (Approved, Declined, Voided, Refunded, In progress, Cancelled…).
 * @csspart amount - The total amount.
 * @csspart card - Card type and last four digits.
 * @csspart message - What the response code means, in the page's language (with the decline guidance), the live phase, or the error.
 * @csspart guidance - What the cashier should do after a decline (inside `message`).
 * @csspart details - The details list: amounts, approval code, response code, date, transaction number.
 * @csspart code - The response code (inside `details`).
 * @csspart elapsed - Time since the live request started (since it started to be watched, with a relay
 *   that does not say).
 * @csspart retry-button - Retry after an error (transaction-id mode).
 *
 * @cssproperty --pj-color-text - Text color.
 * @cssproperty --pj-color-muted - Labels and secondary text.
 * @cssproperty --pj-color-surface - Box background.
 * @cssproperty --pj-color-border - Box border.
 * @cssproperty --pj-color-accent - The focus ring's color.
 * @cssproperty --pj-color-success - Approved / Refunded badge text.
 * @cssproperty --pj-color-success-bg - Approved / Refunded badge background.
 * @cssproperty --pj-color-danger - Declined badge text and error text.
 * @cssproperty --pj-color-danger-bg - Declined badge background.
 * @cssproperty --pj-color-warning - Voided, Cancelled, Terminal busy, No connection, Timed out badge text.
 * @cssproperty --pj-color-warning-bg - Their background.
 * @cssproperty --pj-radius - Corner radius.
 * @cssproperty --pj-font-family - Font.
 * @cssproperty --pj-focus-ring - Focus ring of the Retry button.
 * @cssproperty --pj-space - Padding of the box.
 */
export class PjTxStatus extends LitElement {
  static override styles = [themeStyles, statusStyles, txStatusStyles];

  // Not decorators: `static properties` spares the bundle lit/decorators.js and a __decorate call per field.
  static override properties = {
    endpoint: {},
    transactionId: { attribute: 'transaction-id' },
    requestId: { attribute: 'request-id' },
    locale: { attribute: false },
  };

  /** Base URL of the relay. */
  declare endpoint: string;

  /** A transaction this relay created: shown once fetched. */
  declare transactionId?: string;

  /** A Smart Terminal request: followed live. Takes precedence over `transaction-id`. */
  declare requestId?: string;

  /** Strings and language for this element alone (overrides the page's `setLocale`). */
  declare locale?: PjLocale;

  constructor() {
    super();
    this.endpoint = '/pj';
  }

  readonly #page = Object.assign(new StoreController<PjLocale>(this), { store: $locale });
  readonly #live = new StoreController<LiveRequestState>(this, (state) => this.#onLive(state));
  #lastVersion = 0;
  #lastError?: RelayClientError;
  #since = 0;
  #timer?: ReturnType<typeof setInterval>;

  /** transaction-id mode: the fetch of the transaction shown, pending until it has `tx` or `error`. */
  #fetch?: Fetch;

  /** The transaction shown (transaction-id mode: once fetched; request-id mode: once the request has one). */
  get transaction(): TransactionView | undefined {
    if (this.requestId) return this.snapshot?.transaction;
    return this.#fetch?.tx;
  }

  /** request-id mode: the latest snapshot of the request. */
  get snapshot(): RequestSnapshot | undefined {
    const snapshot = this.#live.value?.snapshot;
    return snapshot && snapshot.requestId === this.requestId ? snapshot : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('requestId') || changed.has('endpoint')) {
      this.#lastVersion = 0;
      this.#lastError = undefined;
      this.#since = Date.now();
    }
  }

  // The stream and the fetch start here, not in willUpdate(): Lit SSR calls willUpdate() and render() on
  // the server but never update(), so the network starts only in the browser.
  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('requestId') || changed.has('endpoint')) {
      this.#live.store = this.requestId ? liveRequest(this.endpoint, this.requestId) : undefined;
    }
    this.#load();
    super.update(changed);
  }

  /**
   * transaction-id mode: fetches the transaction when the endpoint or the id changed (or on Retry,
   * `again`). A newer fetch aborts the older one, and an older answer is never shown.
   */
  #load(again = false): void {
    const id = this.requestId ? '' : (this.transactionId ?? '');
    const key = id && `${this.endpoint}\n${id}`;
    if (key === (this.#fetch?.key ?? '') && !again) return;
    this.#fetch?.abort.abort();
    this.#fetch = undefined;
    if (!id) return;
    const load: Fetch = (this.#fetch = { key, abort: new AbortController() });
    const { signal } = load.abort;
    void getTransaction(this.endpoint, id, signal)
      .then(
        (tx) => (load.tx = tx),
        (err: RelayClientError) => signal.aborted || this.#emitError((load.error = err)),
      )
      .then(() => this.#fetch === load && this.requestUpdate());
  }

  protected override updated(): void {
    const ticking =
      this.isConnected && !!this.requestId && !this.snapshot?.outcome && this.#live.value?.connection !== 'closed';
    if (!ticking) this.#stopTimer();
    else this.#timer ??= setInterval(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #onLive(state: LiveRequestState): void {
    const snapshot = this.snapshot;
    if (snapshot && snapshot.version > this.#lastVersion) {
      this.#lastVersion = snapshot.version;
      emit(this, 'pj-request-status', { snapshot });
    }
    const error = this.#liveError(state);
    if (error && error !== this.#lastError) this.#emitError((this.#lastError = error));
  }

  /** The live store gave up without a snapshot (the request does not exist). */
  #liveError(state = this.#live.value): RelayClientError | undefined {
    return state?.connection === 'closed' && !state.snapshot ? state.error : undefined;
  }

  #strings(): TxStatusStrings {
    return resolveStrings(txStatusEn, 'txStatus', this.#page.value ?? {}, this.locale);
  }

  #shared() {
    return resolveShared(this.#page.value ?? {}, this.locale);
  }

  #lang(): string | undefined {
    return this.#shared().lang || document.documentElement.lang || undefined;
  }

  #errorText(err: RelayClientError, s: TxStatusStrings): string {
    return err.status === 404
      ? this.requestId
        ? s.requestNotFound
        : s.notFound
      : err.code === 'network'
        ? s.network
        : s.loadFailed;
  }

  #emitError(e: RelayClientError): void {
    const message = this.#errorText(e, this.#strings());
    emit(
      this,
      'pj-error',
      pjErrorDetail(e.code, message, { status: e.status, fields: e.fields, requestId: this.requestId }),
    );
  }

  override render() {
    const s = this.#strings();
    const [content, announcement] = this.#view(s);
    return html`${content}<div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>`;
  }

  #view(s: TxStatusStrings): View {
    if (this.requestId) {
      const snapshot = this.snapshot;
      const error = this.#liveError();
      if (snapshot?.transaction) return this.#result(snapshot.transaction, s);
      if (snapshot?.outcome) return this.#outcome(snapshot, s);
      if (error) return this.#error(error, s);
      const phase = snapshot?.inDoubt
        ? s.checking
        : !snapshot || snapshot.status === 'CONNECTING'
          ? s.connecting
          : snapshot.status === 'IN_PROGRESS' && snapshot.transactionId === undefined
            ? s.waitingForCard
            : s.processing;
      // From the request's start when the relay says it (a page reloaded mid-payment), else from the watch's.
      const created = Date.parse(snapshot?.createdAt ?? '');
      const since = created < this.#since ? created : this.#since;
      return this.#pending(
        phase,
        html`<div class="head"><span part="badge" class="badge">${s.pending}</span></div>`,
        html` <span part="elapsed" role="timer">${format(s.elapsed, { time: elapsed(since) })}</span>`,
      );
    }
    const load = this.#fetch;
    // No fetch with an id: rendered on the server, where the fetch never starts (the browser's first render says the same).
    return !load
      ? this.transactionId
        ? this.#pending(s.loading)
        : [nothing, '']
      : load.tx
        ? this.#result(load.tx, s)
        : load.error
          ? this.#error(load.error, s, true)
          : this.#pending(s.loading);
  }

  #pending(text: string, badge: unknown = nothing, elapsed: unknown = nothing): View {
    return [
      html`<div part="base" class="box" aria-busy="true">${badge}<div class="row"><span part="message">${text}</span>${elapsed}</div></div>`,
      text,
    ];
  }

  #box(body: TemplateResult, error = false): TemplateResult {
    return html`<div part="base" class="box ${error ? 'error' : ''}">${body}</div>`;
  }

  #result(tx: TransactionView, s: TxStatusStrings): View {
    const lang = this.#lang();
    const declined = !tx.approved || tx.status === 'DECLINED';
    // What the code means and the guidance, in the page's language (PayJunction's words on an English page).
    const words = declineWords(tx, this.#shared().declines);
    const guidance = declined ? words.guidance : '';
    const [label, tone]: [string, Tone] =
      tx.status === 'VOID'
        ? [s.voided, 'warn']
        : declined
          ? [s.declined, 'bad']
          : tx.action === 'REFUND'
            ? [s.refunded, 'ok']
            : [s.approved, 'ok'];
    const amount = formatMoney(tx.amountTotal, lang);
    const extras = AMOUNTS.filter((name) => /[1-9]/.test(tx[`amount${name}`]));
    const created = new Date(tx.created);
    const date = isNaN(+created)
      ? tx.created
      : new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(created);
    const card = tx.lastFour ? format(s.card, { type: tx.cardType ?? s.cardUnknownType, last4: tx.lastFour }) : '';
    return [
      this.#box(
        html`<div class="head"><span part="badge" class="badge ${tone}">${label}</span><span part="amount">${amount}</span></div>${card ? html`<p part="card">${card}</p>` : nothing}${
          words.meaning || guidance
            ? html`<p part="message">${words.meaning}${guidance ? html`<span part="guidance" class="guidance">${guidance}</span>` : nothing}</p>`
            : nothing
        }<dl part="details">${
          extras.length
            ? [
                row(s.base, formatMoney(tx.amountBase, lang)),
                ...extras.map((name) => row(s[name.toLowerCase() as 'tip'], formatMoney(tx[`amount${name}`], lang))),
              ]
            : nothing
        }${tx.approvalCode ? row(s.approvalCode, tx.approvalCode) : nothing}${tx.code ? row(s.responseCode, tx.code, 'code') : nothing}${row(s.date, date)}${row(s.transaction, tx.transactionId)}</dl>`,
      ),
      format(s.resultAnnouncement, { status: label, amount }),
    ];
  }

  #outcome(snapshot: RequestSnapshot, s: TxStatusStrings): View {
    const outcome = snapshot.outcome!;
    const key = (OUTCOME_KEYS[outcome] ?? (`${outcome}Message` in s ? outcome : 'error')) as 'error';
    const badge = s[key];
    const check =
      snapshot.transactionId !== undefined ? ` ${format(s.checkTransaction, { id: snapshot.transactionId })}` : '';
    const text = s[`${key}Message`] + check;
    const tone = key === 'error' ? 'bad' : key === 'completed' ? '' : 'warn';
    return [
      this.#box(
        html`<div class="head"><span part="badge" class="badge ${tone}">${badge}</span></div><p part="message">${text}</p>`,
      ),
      `${badge}. ${text}`,
    ];
  }

  #error(err: RelayClientError, s: TxStatusStrings, retry = false): View {
    const text = this.#errorText(err, s);
    return [
      this.#box(
        html`<p part="message">${text}</p>${
          retry
            ? html`<button part="retry-button" @click=${() => {
                this.#load(true);
                this.requestUpdate();
              }}>${s.retry}</button>`
            : nothing
        }`,
        true,
      ),
      text,
    ];
  }
}
