import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { liveRequest, type LiveRequestState } from '../../core/live-request.js';
import {
  RelayClientError,
  cancelRequest,
  listSmartTerminals,
  newIdempotencyKey,
  startPayment,
  type SmartTerminalSummary,
} from '../../core/relay-client.js';
import { addMoney, formatMoney, isMoney } from '../../protocol/money.js';
import { validatePaymentRequest } from '../../protocol/payment.js';
import { isOpenOutcome, type PaymentRequestBody, type RequestOutcome, type RequestSnapshot } from '../../protocol/relay-contract.js';
import type { FieldError } from '../../protocol/wire.js';
import { $locale, format, resolveLang, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { elapsed } from '../common/elapsed.js';
import { emit } from '../common/emit.js';
import { StoreController } from '../common/store-controller.js';
import { statusStyles } from '../common/status.styles.js';
import { themeStyles } from '../common/theme.styles.js';
import { terminalPayStyles } from './terminal-pay.styles.js';
import { terminalPayEn, type TerminalPayStrings } from './terminal-pay.strings.js';

export type {
  PjErrorEvent,
  PjPaymentApprovedEvent,
  PjPaymentCancelledEvent,
  PjPaymentDeclinedEvent,
  PjRequestStatusEvent,
} from '../../events/index.js';
export type { TerminalPayStrings } from './terminal-pay.strings.js';

/** The terminal list, once per endpoint and page (a failed load is forgotten, so it is tried again). */
const terminalLists = new Map<string, Promise<SmartTerminalSummary[]>>();
function loadTerminals(endpoint: string): Promise<SmartTerminalSummary[]> {
  let list = terminalLists.get(endpoint);
  if (!list) {
    list = listSmartTerminals(endpoint).then((r) => r.results);
    terminalLists.set(endpoint, list);
    list.catch(() => terminalLists.delete(endpoint));
  }
  return list;
}

type Phase = 'idle' | 'starting' | 'failed' | 'live';
type Tone = '' | 'ok' | 'bad' | 'warn';
interface Attempt {
  key: string;
  body: string;
}
interface View {
  head: string;
  lines: string[];
  tone: Tone;
}

/**
 * Takes a payment (or a refund) on a PayJunction Smart Terminal through the relay, shows its
 * progress live (with an elapsed timer) and lets the cashier cancel it. A payment attempt is sent
 * once: the pay button is disabled while a request lives, and every attempt carries its own
 * idempotency key (reused only when the same attempt is sent again after a network failure).
 *
 * @summary A cashier's Smart Terminal payment: pay, live progress, cancel, result.
 *
 * @attr {string} request-id - Watch an existing request (e.g. after a page reload) instead of starting one.
 *
 * @event {PjRequestStatusEvent} pj-request-status - Each new snapshot of the request, once per version. detail: `{snapshot}`.
 * @event {PjPaymentApprovedEvent} pj-payment-approved - The payment (or refund) was approved; once per request. detail: `{snapshot, transaction}`.
 * @event {PjPaymentDeclinedEvent} pj-payment-declined - The card was declined; once per request. detail: `{snapshot, transaction, decline}` (decline: the catalogue's merchant guidance).
 * @event {PjPaymentCancelledEvent} pj-payment-cancelled - Cancelled from the page or by the cardholder, no money moved; once per request. detail: `{snapshot}`.
 * @event {PjErrorEvent} pj-error - The relay refused or could not be reached, or the request ended busy, no_connection, timeout or error. detail: `{code, message, status?, fields?, requestId?}`.
 *
 * @csspart terminal-select - The terminal picker (shown when `smart-terminal-id` is absent).
 * @csspart label - The picker's label.
 * @csspart status - The status box: what is happening now, or the result (focused after an outcome).
 * @csspart detail - Lines under the status: amounts, card and approval code, decline guidance.
 * @csspart progress - The progress indicator while the terminal works.
 * @csspart timer - The elapsed time (m:ss) while the terminal works.
 * @csspart pay-button - Starts the payment; after an outcome, "Try again" or "New payment".
 * @csspart cancel-button - Cancels the live request.
 * @csspart message - Why the payment cannot be sent (invalid amount…), or why a cancel failed.
 *
 * @cssproperty --pj-color-accent - Pay button and progress colour.
 * @cssproperty --pj-color-accent-text - Text on the pay button.
 * @cssproperty --pj-color-text - Text colour.
 * @cssproperty --pj-color-muted - Timer text.
 * @cssproperty --pj-color-surface - Status box and control background.
 * @cssproperty --pj-color-border - Borders.
 * @cssproperty --pj-color-success - Approved border.
 * @cssproperty --pj-color-success-bg - Approved background.
 * @cssproperty --pj-color-danger - Declined and error border, message text.
 * @cssproperty --pj-color-danger-bg - Declined and error background.
 * @cssproperty --pj-color-warning - Cancelled, busy and no-connection border.
 * @cssproperty --pj-color-warning-bg - Cancelled, busy and no-connection background.
 * @cssproperty --pj-radius - Corner radius.
 * @cssproperty --pj-font-family - Font.
 * @cssproperty --pj-focus-ring - Focus ring (a box-shadow).
 * @cssproperty --pj-space - Spacing.
 */
export class PjTerminalPay extends LitElement {
  static override styles = [themeStyles, statusStyles, terminalPayStyles];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'request-id'];
  }

  // Not decorators: `static properties` spares the bundle lit/decorators.js and a __decorate call per field.
  static override properties = {
    endpoint: {},
    amount: {},
    smartTerminalId: { attribute: 'smart-terminal-id' },
    invoiceNumber: { attribute: 'invoice-number' },
    tip: {},
    tax: {},
    action: {},
    locale: { attribute: false },
    // Internal state. `attribute: false` is Lit's default with `state: true`; written out for the manifest
    // analyzer, which would otherwise list these as attributes.
    _phase: { state: true, attribute: false },
    _requestId: { state: true, attribute: false },
    _failure: { state: true, attribute: false },
    _terminals: { state: true, attribute: false },
    _terminalsError: { state: true, attribute: false },
    _chosen: { state: true, attribute: false },
    _cancelling: { state: true, attribute: false },
    _note: { state: true, attribute: false },
  };

  /** Base URL of the relay. */
  declare endpoint: string;
  /** Amount to charge (or refund), a decimal string like "12.50". */
  declare amount?: string;
  /** The Smart Terminal to use; without it the element shows a picker. */
  declare smartTerminalId?: string;
  /** Invoice number sent with the payment (32 characters at most). */
  declare invoiceNumber?: string;
  /** Tip, a decimal string, added to the amount. */
  declare tip?: string;
  /** Tax, a decimal string, added to the amount. */
  declare tax?: string;
  /** `charge` (default) or `refund`. */
  declare action: 'charge' | 'refund';
  /** Strings and language for this element only (overrides the page's `setLocale`). */
  declare locale?: PjLocale;

  private declare _phase: Phase;
  private declare _requestId?: string;
  private declare _failure?: { message: string; same: boolean };
  private declare _terminals?: SmartTerminalSummary[];
  private declare _terminalsError?: string;
  private declare _chosen: string;
  private declare _cancelling: boolean;
  private declare _note?: string;

  constructor() {
    super();
    this.endpoint = '/pj';
    this.action = 'charge';
    this._phase = 'idle';
    this._chosen = '';
    this._cancelling = false;
  }

  // Re-render when the page's locale changes.
  #page = Object.assign(new StoreController<PjLocale>(this), { store: $locale });
  #live = new StoreController<LiveRequestState>(this, (s) => this.#onLive(s));
  #attempt?: Attempt;
  #resume?: string;
  #version = 0;
  /** The request whose end was reported, and how it ended (an open end may still turn into a result). */
  #ended?: { id: string; outcome: RequestOutcome };
  /** The request that ended open (timeout, error, in doubt) in front of the cashier. */
  #openEndSeen?: string;
  #sawLive = false;
  #cancelAsked = false;
  #cancelSent = false;
  #startedAt = 0;
  #tick?: ReturnType<typeof setInterval>;
  #focus?: 'cancel' | 'status';

  /** The request being watched (set once the relay accepted the payment, or from `request-id`). */
  get requestId(): string | undefined {
    return this._requestId;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name !== 'request-id') return super.attributeChangedCallback(name, old, value);
    // Watched in willUpdate, once every attribute (endpoint too) has been read.
    this.#resume = value ?? undefined;
    this.requestUpdate();
  }

  /** Sends the payment to the terminal. Does nothing while a request lives or when the input is invalid. */
  pay(): void {
    if (this.#lives()) return;
    const checked = this.#check();
    if (!checked.ok) return;
    const body = JSON.stringify(checked.value);
    const attempt = this.#attempt?.body === body ? this.#attempt : { key: newIdempotencyKey(), body };
    this.#reset();
    this.#attempt = attempt;
    this._phase = 'starting';
    if (this.#hasFocus()) this.#focus = 'cancel';
    void this.#start(checked.value, attempt);
  }

  /** Asks the terminal to go back to its main screen. The outcome still comes from the terminal. */
  async cancel(): Promise<void> {
    if (!this.#lives() || this.#cancelSent) return;
    this.#cancelAsked = this._cancelling = true;
    const id = this._requestId;
    if (this._phase !== 'live' || !id) return; // sent once the relay has accepted the payment
    this.#cancelSent = true;
    try {
      await cancelRequest(this.endpoint, id);
    } catch (err) {
      if (id !== this._requestId || !this.#lives()) return;
      this.#cancelSent = this._cancelling = false;
      const e = err as RelayClientError;
      this._note = format(this.#s.cancelFailed, { message: this.#relayMessage(e) });
      this.#error(e.code, this._note, e.status, id);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    this.#tick = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#resume && this.#resume !== this._requestId) this.#watch(this.#resume);
    this.#resume = undefined;
    if (changed.has('endpoint')) {
      const endpoint = this.endpoint;
      this._terminals = this._terminalsError = undefined;
      loadTerminals(endpoint).then(
        (list) => {
          if (this.endpoint === endpoint) this._terminals = list;
        },
        (e: RelayClientError) => {
          if (this.endpoint !== endpoint) return;
          this._terminalsError = this.#relayMessage(e);
          if (!this.smartTerminalId) this.#error(e.code, format(this.#s.terminalsFailed, { message: this._terminalsError }), e.status);
        },
      );
    }
  }

  protected override updated(): void {
    const lives = this.#lives();
    if (lives && !this.#tick) this.#tick = setInterval(() => this.requestUpdate(), 1000);
    if (!lives && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
    const target = this.#focus && this.renderRoot.querySelector<HTMLElement>(`[part~=${this.#focus === 'cancel' ? 'cancel-button' : 'status'}]`);
    if (target && !(target as HTMLButtonElement).disabled) {
      this.#focus = undefined;
      if (this.#hasFocus()) target.focus();
    }
  }

  // ─── the request ──────────────────────────────────────────────────────────────────────────

  get #s(): TerminalPayStrings {
    return resolveStrings(terminalPayEn, 'terminalPay', this.#page.value ?? {}, this.locale);
  }

  get #lang(): string | undefined {
    return resolveLang(this.#page.value ?? {}, this.locale);
  }

  #hasFocus(): boolean {
    const active = document.activeElement;
    return !active || active === document.body || active === this;
  }

  #check() {
    return validatePaymentRequest({
      smartTerminalId: this.smartTerminalId || this._chosen,
      amountBase: this.amount,
      amountTip: this.tip,
      amountTax: this.tax,
      invoiceNumber: this.invoiceNumber,
      action: this.action,
    });
  }

  #snapshot(): RequestSnapshot | undefined {
    const s = this.#live.value?.snapshot;
    return s?.requestId === this._requestId ? s : undefined;
  }

  /** The request is over without a snapshot saying so: the relay does not know it (404). */
  #lost(): boolean {
    return this._phase === 'live' && this.#live.value?.error?.status === 404 && !this.#snapshot()?.outcome;
  }

  /** A payment is on its way or on the terminal: pay is disabled, cancel is offered. */
  #lives(): boolean {
    return this._phase === 'starting' || (this._phase === 'live' && !this.#snapshot()?.outcome && !this.#lost());
  }

  #reset(): void {
    this.#attempt = undefined;
    this.#live.store = undefined;
    this._phase = 'idle';
    this._requestId = this._failure = this._note = undefined;
    this.#version = 0;
    this.#sawLive = this.#cancelAsked = this.#cancelSent = this._cancelling = false;
    this.#startedAt = Date.now();
  }

  #watch(requestId: string, snapshot?: RequestSnapshot): void {
    if (this._phase !== 'starting') this.#reset();
    this._phase = 'live';
    this._requestId = requestId;
    this.#live.store = liveRequest(this.endpoint, requestId, snapshot);
  }

  async #start(body: PaymentRequestBody, attempt: Attempt): Promise<void> {
    try {
      const snapshot = await startPayment(this.endpoint, body, attempt.key);
      if (this.#attempt !== attempt || this._phase !== 'starting') return;
      this.#watch(snapshot.requestId, snapshot);
      if (this.#cancelAsked) void this.cancel();
    } catch (err) {
      if (this.#attempt !== attempt || this._phase !== 'starting') return;
      const e = err instanceof RelayClientError ? err : new RelayClientError(0, 'network', '');
      // Network failure or a 5xx: the relay may have started it; the same key can never charge twice.
      const same = e.status === 0 || e.status >= 500;
      if (!same) this.#attempt = undefined;
      this._phase = 'failed';
      this._cancelling = false;
      this._failure = { message: this.#relayMessage(e), same };
      this.#focus = 'status';
      this.#error(e.code, this._failure.message, e.status, undefined, e.fields);
    }
  }

  #onLive(state: LiveRequestState): void {
    const id = this._requestId;
    const s = state.snapshot;
    if (s && s.requestId === id && s.version > this.#version) {
      this.#version = s.version;
      emit(this, 'pj-request-status', { snapshot: s });
      if (!s.outcome) this.#sawLive = true;
      else if (this.#ended?.id !== id || (isOpenOutcome(this.#ended.outcome) && !isOpenOutcome(s.outcome))) {
        if (isOpenOutcome(s.outcome)) this.#openEndSeen = id;
        // Once per request; a late transaction after a timeout or in-doubt end is its real result.
        this.#ended = { id, outcome: s.outcome };
        this.#end(s);
      }
    }
    if (id && state.error?.status === 404 && !s?.outcome && this.#ended?.id !== id) {
      this.#ended = { id, outcome: 'in_doubt' };
      this.#attempt = undefined;
      this.#error(state.error.code === 'request_lost' ? 'request_lost' : 'not_found', this.#s.notFound, 404, id);
    }
  }

  /** Fires the outcome's event (once per request: #ended guards it). */
  #end(s: RequestSnapshot): void {
    this.#attempt = undefined;
    this._cancelling = false;
    if (this.#sawLive) this.#focus = 'status';
    const t = s.transaction;
    if (s.outcome === 'approved' && t) emit(this, 'pj-payment-approved', { snapshot: s, transaction: t });
    else if (s.outcome === 'declined' && t) emit(this, 'pj-payment-declined', {
        snapshot: s,
        transaction: t,
        // The relay attaches the catalogue's entry; an older relay without it still gets a usable detail.
        decline: t.decline ?? { code: t.code, message: t.message, merchantGuidance: t.message, retry: 'no', category: 'issuer', known: false },
      });
    else if (s.outcome === 'cancelled') emit(this, 'pj-payment-cancelled', { snapshot: s });
    else this.#error(s.error?.code ?? s.outcome ?? 'error', this.#view(this.#s).head, undefined, s.requestId);
  }

  #error(code: string, message: string, status?: number, requestId?: string, fields?: FieldError[]): void {
    emit(this, 'pj-error', {
      code,
      message,
      ...(status ? { status } : {}),
      ...(requestId ? { requestId } : {}),
      ...(fields?.length ? { fields } : {}),
    });
  }

  #relayMessage(e: RelayClientError): string {
    return e.status === 0 ? this.#s.network : e.message;
  }

  // ─── what the cashier sees ──────────────────────────────────────────────────────────────────

  #money(amount: string): string {
    return formatMoney(amount, this.#lang);
  }

  #view(s: TerminalPayStrings): View {
    const snap = this.#snapshot();
    const refund = snap ? snap.action === 'REFUND' : this.action === 'refund';
    const r = (charge: string, refunding: string) => (refund ? refunding : charge);
    const view = (head: string, tone: Tone = '', lines: string[] = []): View => ({ head, tone, lines });
    switch (this._phase) {
      case 'idle': {
        const checked = this.#check();
        const v = checked.ok ? checked.value : undefined;
        const id = this.smartTerminalId || this._chosen;
        const terminal = this._terminals?.find((t) => t.smartTerminalId === id)?.nickName ?? s.theTerminal;
        const lines: string[] = [];
        if (v && (v.amountTip || v.amountTax)) {
          lines.push(format(s.breakdown, { base: this.#money(v.amountBase), tip: this.#money(v.amountTip ?? '0'), tax: this.#money(v.amountTax ?? '0') }));
        }
        if (!id) lines.push(s.chooseHint);
        return view(format(r(s.idle, s.idleRefund), { amount: this.#total(), terminal }), '', lines);
      }
      case 'starting':
        return view(this._cancelling ? s.cancelling : s.starting);
      case 'failed':
        return view(this._failure!.message, 'bad');
    }
    if (this.#lost()) return view(s.notFound, 'bad');
    if (!snap) return view(s.resuming);
    const t = snap.transaction;
    const late = this.#openEndSeen === snap.requestId ? [s.lateResult] : [];
    const watching = snap.watchUntil ? [s.stillWatching] : [];
    switch (snap.outcome) {
      case null:
        if (snap.inDoubt) return view(s.checking, 'warn', [s.lookAtTerminal]);
        if (this._cancelling && !snap.transactionId) return view(s.cancelling);
        if (t) return view(t.approved ? r(s.finishingApproved, s.finishingApprovedRefund) : s.finishingDeclined);
        if (snap.transactionId !== undefined) return view(s.processing);
        return view(snap.status === 'IN_PROGRESS' ? r(s.waiting, s.waitingRefund) : s.connecting);
      case 'approved': {
        const lines: string[] = [];
        if (t?.cardType && t.lastFour) lines.push(format(s.card, { card: t.cardType, last4: t.lastFour }));
        if (t?.approvalCode) lines.push(format(s.approvalCode, { code: t.approvalCode }));
        if (t) lines.push(format(s.transaction, { id: t.transactionId }));
        if (this.#cancelAsked) lines.push(s.tooLateToCancel);
        return view(format(r(s.approved, s.approvedRefund), { amount: this.#money(t?.amountTotal ?? '') }), 'ok', [...late, ...lines]);
      }
      case 'declined': {
        const code = t?.code ?? '';
        return view(format(r(s.declined, s.declinedRefund), { code }), 'bad', [...late, t?.decline?.merchantGuidance ?? t?.message ?? '']);
      }
      case 'cancelled':
        return view(this.#cancelAsked ? r(s.cancelled, s.cancelledRefund) : r(s.cancelledOnTerminal, s.cancelledOnTerminalRefund), 'warn');
      case 'busy':
        return view(s.busy, 'warn');
      case 'no_connection':
        return view(s.noConnection, 'warn');
      case 'timeout':
        return view(s.timeout, 'warn', watching);
      case 'in_doubt':
        return view(s.inDoubt, 'warn', [s.lookAtTerminal, ...watching]);
      default:
        return view(format(s.error, { message: snap.error?.message ?? snap.outcome }), 'bad', watching);
    }
  }

  /** The total of amount, tip and tax, formatted; the raw amount when it is not valid. */
  #total(): string {
    const parts = [this.amount, this.tip, this.tax].map((a) => a?.trim()).filter((a): a is string => !!a);
    return parts.every(isMoney) && parts.length ? this.#money(addMoney(...parts)) : (this.amount ?? '');
  }

  /** The first charge may have gone through (or did): the next one starts from idle, on purpose. */
  #needsNewStart(outcome: RequestOutcome | null | undefined): boolean {
    return outcome === 'approved' || isOpenOutcome(outcome ?? null) || this.#lost();
  }

  #onPrimary = (): void => {
    if (this.#needsNewStart(this.#snapshot()?.outcome)) this.#reset();
    else this.pay();
  };

  override render() {
    const s = this.#s;
    const v = this.#view(s);
    const lives = this.#lives();
    const outcome = this.#snapshot()?.outcome;
    const checked = this.#check();
    const picker = !this.smartTerminalId;
    const errors = checked.ok ? [] : checked.errors.filter((e) => !(picker && e.field === 'smartTerminalId')).map((e) => e.message);
    if (this._note) errors.push(this._note);
    const newPayment = this.#needsNewStart(outcome);
    const again = this._phase === 'failed' || (this._phase === 'live' && !lives);
    const label = newPayment
      ? outcome === 'approved'
        ? s.newPayment
        : s.newCharge
      : this._failure?.same
        ? s.retrySame
        : format(this.action === 'refund' ? (again ? s.payAgainRefund : s.payRefund) : again ? s.payAgain : s.pay, { amount: this.#total() });
    const announce = lives ? v.head : [v.head, ...v.lines].join(' ');
    return html`<div class="box" lang=${this.#lang ?? nothing}>
      ${picker
        ? html`<div class="field">
            <label part="label" for="terminal">${s.terminalLabel}</label>
            <select id="terminal" part="terminal-select" ?disabled=${lives || !this._terminals} @change=${(e: Event) => (this._chosen = (e.target as HTMLSelectElement).value)}>
              <option value="">${this._terminals ? s.chooseTerminal : this._terminalsError ? '' : s.loadingTerminals}</option>
              ${this._terminals?.map((t) => html`<option value=${t.smartTerminalId} ?selected=${t.smartTerminalId === this._chosen}>${t.nickName}</option>`)}
            </select>
            ${this._terminalsError ? html`<p class="msg">${format(s.terminalsFailed, { message: this._terminalsError })}</p>` : nothing}
          </div>`
        : nothing}
      <div part="status" class="status ${v.tone}" tabindex="-1" aria-busy=${lives ? 'true' : 'false'}>
        <p class="head">${v.head}</p>
        ${v.lines.length ? html`<ul part="detail">${v.lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
        ${lives
          ? html`<div class="progress">
              <progress part="progress" aria-label=${s.progress}></progress>
              <span part="timer" role="timer">${format(s.elapsed, { time: elapsed(this.#startedAt) })}</span>
            </div>`
          : nothing}
      </div>
      <div class="actions">
        <button part="pay-button" class="primary" ?disabled=${lives || (!newPayment && !checked.ok)} aria-describedby=${errors.length ? 'message' : nothing} @click=${this.#onPrimary}>
          ${label}
        </button>
        ${lives ? html`<button part="cancel-button" ?disabled=${this._cancelling} @click=${() => this.cancel()}>${s.cancel}</button>` : nothing}
      </div>
      ${errors.length ? html`<p id="message" part="message" class="msg">${errors.join(' ')}</p>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">${announce}</div>
    </div>`;
  }
}
