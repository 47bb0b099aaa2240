import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { liveRequest, type LiveRequestState } from '../../core/live-request.js';
import type { RelayClientError } from '../../core/relay-client.js';
import { TransactionLookupController, type LookupProblem } from '../../core/transaction-lookup.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import { declineWords } from '../../locales/declines.js';
import { requestStatesEn } from '../../locales/en/request-states.js';
import { txStatusEn, type TxStatusStrings } from '../../locales/en/tx-status.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { formatMoney } from '../../protocol/money.js';
import type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';
import { elapsed } from '../common/elapsed.js';
import { emit } from '../../core/emit.js';
import { StoreController } from '../../core/store-controller.js';
import {
  outcomeState,
  phaseState,
  sentences,
  stateView,
  transactionState,
  type StateView,
} from '../common/request-states.js';
import { statusStyles } from '../common/status.styles.js';
import { themeStyles } from '../common/theme.styles.js';
import { txStatusStyles } from './tx-status.styles.js';

// Every type its events, properties and getters name, exported beside the class: the manifest lists
// them as this module's exports, and the framework types generated from it import them.
export type { PjErrorEvent, PjRequestStatusEvent } from '../../events/index.js';
export type { PjLocale } from '../../locales/locale.js';
export type { RequestStateStrings } from '../../locales/en/request-states.js';
export type { TxStatusStrings } from '../../locales/en/tx-status.js';
export type { RequestSnapshot, TransactionView } from '../../protocol/relay-contract.js';

type View = [content: TemplateResult | typeof nothing, announcement: string];

/** The amounts listed besides the total when any is not zero: `amount${name}` and its label `s[name lower-cased]`. */
const AMOUNTS = ['Tip', 'Tax', 'Shipping', 'Surcharge'] as const;

const row = (label: string, value: unknown, part?: string) =>
  html`<div><dt>${label}</dt><dd part=${part ?? nothing}>${value}</dd></div>`;

/**
 * Shows a PayJunction transaction's result, or a live Smart Terminal request's progress and then its result.
 *
 * - `transaction-id`: one `GET {endpoint}/transactions/{id}`; a changed id aborts the old fetch and an old
 *   answer is never shown. An id that is not a transaction number (digits only) is refused without
 *   asking the relay. A failed fetch names the id it looked up, with a Retry button only when trying
 *   again may help (no connection, the relay busy or failing; not "not found").
 * - `request-id` (wins over `transaction-id`): watches the request live through the shared store of
 *   `liveRequest()` (one event stream per page for every request it watches) and shows its phase
 *   ("Ask the customer to tap, insert or swipe their card") with the time elapsed, then its transaction, or how it ended without one
 *   (cancelled, terminal busy, terminal offline, timed out, error). Each state has the words and the
 *   colour `<pj-terminal-pay>` gives it (the locale's `requestStates`, src/elements/common/request-states.ts).
 * - Neither: renders nothing (an empty, hidden live region only).
 *
 * Badges: Approved, Declined (with what the code means and the decline guidance for the cashier; an
 * approval's code is in the details only), Voided (status VOID), Refunded (an approved REFUND), In
 * progress (live, not final). Amounts other than the total are listed only when a tip, tax,
 * shipping or surcharge is not zero.
 *
 * @summary The result of a transaction, or the live progress of a Smart Terminal request.
 *
 * @event {PjRequestStatusEvent} pj-request-status - request-id mode: each new snapshot, once per version, in order. detail: `{ snapshot }`.
 * @event {PjErrorEvent} pj-error - The transaction or the request could not be read (once per refused id or failed fetch). detail: PjErrorDetail `{ code, message, status?, fields, requestId? }`: 404 → code `not_found`, "Transaction 123 was not found."; no network → code `network` (no status); an id that is not digits → code `invalid_transaction_id` (no status, nothing sent). A request that ends busy, offline, timed out or in error is shown, and reported by pj-request-status, not here.
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
 * @csspart retry-button - Retry after an error that may pass (transaction-id mode).
 *
 * @cssproperty --pj-color-text - Text color.
 * @cssproperty --pj-color-muted - Labels and secondary text.
 * @cssproperty --pj-color-surface - Box background.
 * @cssproperty --pj-color-border - Box border.
 * @cssproperty --pj-color-accent - The focus ring's color.
 * @cssproperty --pj-color-success - Approved / Refunded badge text (the same tones as `<pj-terminal-pay>`'s status).
 * @cssproperty --pj-color-success-bg - Approved / Refunded badge background.
 * @cssproperty --pj-color-danger - Declined, Something went wrong and Not found badge text, and error text.
 * @cssproperty --pj-color-danger-bg - Their badge background.
 * @cssproperty --pj-color-warning - Voided, Cancelled, Terminal busy, Terminal offline, Timed out, In doubt badge text.
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

  /** A transaction this relay created (digits only): shown once fetched. */
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
  /** transaction-id mode: the transaction shown, refused, loading, loaded or failed. */
  readonly #lookup = new TransactionLookupController(this, (problem) => this.#emitProblem(problem));
  #lastVersion = 0;
  #lastError?: RelayClientError;
  #since = 0;
  #timer?: ReturnType<typeof setInterval>;

  /** The transaction shown (transaction-id mode: once fetched; request-id mode: once the request has one). */
  get transaction(): TransactionView | undefined {
    if (this.requestId) return this.snapshot?.transaction;
    const lookup = this.#lookup.state;
    return lookup.status === 'loaded' ? lookup.transaction : undefined;
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

  // The stream starts here, not in willUpdate(): Lit SSR calls willUpdate() and render() on the server
  // but never update(), so the network starts only in the browser (the lookup's fetch: hostUpdate()).
  protected override update(changed: PropertyValues<this>): void {
    if (changed.has('requestId') || changed.has('endpoint')) {
      this.#live.store = this.requestId ? liveRequest(this.endpoint, this.requestId) : undefined;
    }
    super.update(changed);
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
    if (error && error !== this.#lastError) {
      this.#lastError = error;
      const message = this.#lost().message;
      emit(this, 'pj-error', pjErrorDetail(error.code, message, { ...error, requestId: this.requestId }));
    }
  }

  /** The live store gave up without a snapshot: the relay does not know the request. */
  #liveError(state = this.#live.value): RelayClientError | undefined {
    return state?.connection === 'closed' && !state.snapshot ? state.error : undefined;
  }

  #strings(): TxStatusStrings {
    return resolveStrings(txStatusEn, 'txStatus', this.#page.value ?? {}, this.locale);
  }

  #states() {
    return resolveStrings(requestStatesEn, 'requestStates', this.#page.value ?? {}, this.locale);
  }

  #shared() {
    return resolveShared(this.#page.value ?? {}, this.locale);
  }

  #lang(): string | undefined {
    return this.#shared().lang || document.documentElement.lang || undefined;
  }

  #lost(): StateView {
    return stateView('lost', this.#states(), { requestId: this.requestId ?? '' });
  }

  /** What a refused id or a failed fetch says, naming the id looked up (a refused one is not repeated). */
  #problemText(problem: LookupProblem, s: TxStatusStrings): string {
    if (problem.status === 'refused') return s.invalidId;
    const { error, id } = problem;
    const text = error.status === 404 ? s.notFound : error.status === 0 ? s.network : s.loadFailed;
    return format(text, { id });
  }

  #emitProblem(problem: LookupProblem): void {
    const message = this.#problemText(problem, this.#strings());
    const code = problem.status === 'refused' ? 'invalid_transaction_id' : problem.error.code;
    emit(this, 'pj-error', pjErrorDetail(code, message, problem.status === 'failed' ? problem.error : {}));
  }

  override render() {
    const s = this.#strings();
    const [content, announcement] = this.#view(s);
    return html`${content}<div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>`;
  }

  #view(s: TxStatusStrings): View {
    if (this.requestId) {
      const snapshot = this.snapshot;
      if (snapshot?.transaction) return this.#result(snapshot.transaction, s);
      if (snapshot?.outcome)
        return this.#stated(stateView(outcomeState(snapshot), this.#states(), snapshot, this.#shared().relayErrors));
      if (this.#liveError()) return this.#stated(this.#lost());
      const phase = stateView(phaseState(snapshot), this.#states(), snapshot);
      // From the request's start when the relay says it (a page reloaded mid-payment), else from the watch's.
      const created = Date.parse(snapshot?.createdAt ?? '');
      const since = created < this.#since ? created : this.#since;
      return this.#pending(
        phase.label,
        html`<div class="head"><span part="badge" class="badge ${phase.tone}">${s.pending}</span></div>`,
        html` <span part="elapsed" role="timer">${format(this.#states().elapsed, { time: elapsed(since) })}</span>`,
      );
    }
    const lookup = this.#lookup.state;
    switch (lookup.status) {
      case 'none':
        return [nothing, ''];
      case 'loading':
        return this.#pending(s.loading);
      case 'loaded':
        return this.#result(lookup.transaction, s);
      default:
        return this.#error(this.#problemText(lookup, s), lookup.status === 'failed' && lookup.retry, s);
    }
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

  /** A transaction: its state as the badge, the total, and for a decline what it means and what to do. */
  #result(tx: TransactionView, s: TxStatusStrings): View {
    const lang = this.#lang();
    const states = this.#states();
    const { label, tone, state } = stateView(transactionState(tx), states);
    // A decline's meaning and guidance, in the page's language (PayJunction's words on an English page).
    // An approval's meaning ("Approved") would only repeat the badge.
    const words = state === 'declined' ? declineWords(tx, this.#shared().declines) : undefined;
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
          words && (words.meaning || words.guidance)
            ? html`<p part="message">${words.meaning}${words.guidance ? html`<span part="guidance" class="guidance">${words.guidance}</span>` : nothing}</p>`
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
      format(states.result, { status: label, amount }),
    ];
  }

  /** A request state without a transaction: its name as the badge, what it means under it. */
  #stated({ label, message, tone }: StateView): View {
    return [
      this.#box(
        html`<div class="head"><span part="badge" class="badge ${tone}">${label}</span></div>${message ? html`<p part="message">${message}</p>` : nothing}`,
      ),
      sentences([label, message]),
    ];
  }

  #error(text: string, retry: boolean, s: TxStatusStrings): View {
    return [
      this.#box(
        html`<p part="message">${text}</p>${
          retry ? html`<button part="retry-button" @click=${() => this.#lookup.retry()}>${s.retry}</button>` : nothing
        }`,
        true,
      ),
      text,
    ];
  }
}
