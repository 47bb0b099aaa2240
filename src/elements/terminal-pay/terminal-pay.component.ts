import { LitElement, html, isServer, nothing } from 'lit';
import { PaymentController } from '../../core/payment-controller.js';
import { lives, startsOver, type PaymentState } from '../../core/payment-state.js';
import type { RelayClientError } from '../../core/relay-client.js';
import { TerminalListController } from '../../core/terminal-list.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import { requestStatesEn } from '../../locales/en/request-states.js';
import { terminalPayEn, type TerminalPayStrings } from '../../locales/en/terminal-pay.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { addMoney, formatMoney, moneyProblem } from '../../protocol/money.js';
import { validatePaymentRequest } from '../../protocol/payment.js';
import { emit } from '../../core/emit.js';
import { StoreController } from '../../core/store-controller.js';
import { cancelNote, relayMessage, sentences, view, type StatusView, type Words } from '../common/request-states.js';
import { terminalPicker } from '../common/terminal-picker.js';
import { cancelButton, messageAndAnnouncement, statusBox } from '../common/request-box.js';
import { statusStyles } from '../common/status.styles.js';
import { themeStyles } from '../common/theme.styles.js';
import { terminalPayStyles } from './terminal-pay.styles.js';
import { payLabel, statusView } from './terminal-pay.view.js';

// Every type its events and properties name, exported beside the class: the manifest lists them as
// this module's exports, and the framework types generated from it import them.
export type {
  PjErrorEvent,
  PjPaymentApprovedEvent,
  PjPaymentCancelledEvent,
  PjPaymentDeclinedEvent,
  PjRequestStatusEvent,
  PjTerminalChangeEvent,
} from '../../events/index.js';
export type { RequestStateStrings } from '../../locales/en/request-states.js';
export type { TerminalPayStrings } from '../../locales/en/terminal-pay.js';
export type { PjLocale } from '../../locales/locale.js';

/**
 * Takes a payment (or a refund) on a PayJunction Smart Terminal through the relay, shows its
 * progress live (with an elapsed timer) and lets the cashier cancel it. A payment attempt is sent
 * once: the pay button is disabled while a request lives, and every attempt carries its own
 * idempotency key (reused only when the same attempt is sent again after a network failure). After
 * an approval, or an end that may hide a charge (timeout, error, in doubt), the button first goes
 * back to ready: the next charge is a deliberate one, with a new key.
 *
 * With `allow-tips` the terminal asks the customer for a tip (there is no tip amount to send:
 * PayJunction's request-payment takes none); the approval shows the tip the transaction reports.
 * After NO_CONNECTION (an open end: the relay still watches for a late result) the button offers a
 * deliberate new charge, as after a timeout.
 *
 * The payment's lifecycle is one state in a `PaymentController` (src/core/payment-controller.ts);
 * this element renders it.
 *
 * @summary A cashier's Smart Terminal payment: pay, live progress, cancel, result.
 *
 * @event {PjRequestStatusEvent} pj-request-status - Each new snapshot of the request, once per version.
 *   detail: `{snapshot}`.
 * @event {PjPaymentApprovedEvent} pj-payment-approved - The payment (or refund) was approved; once per
 *   request. detail: `{snapshot, transaction}`.
 * @event {PjPaymentDeclinedEvent} pj-payment-declined - The card was declined; once per request.
 *   detail: `{snapshot, transaction, decline}` (decline: the catalogue's guidance for the merchant).
 * @event {PjPaymentCancelledEvent} pj-payment-cancelled - Cancelled from the page or by the cardholder,
 *   no money moved; once per request. detail: `{snapshot}`.
 * @event {PjTerminalChangeEvent} pj-terminal-change - The cashier chose a terminal in the picker.
 *   detail: `{smartTerminalId, nickName}` (both `''`: back to none). Not fired when the element shows
 *   a resumed request's terminal by itself.
 * @event {PjErrorEvent} pj-error - The relay refused the payment or the cancel, or could not be reached;
 *   the terminal list could not be loaded; or the request ended busy, no_connection, timeout, error,
 *   in_doubt or unknown to the relay (once per request). detail (`PjErrorDetail`):
 *   `{code, message, status?, fields, requestId?}`; `fields` is `[]` unless the relay named fields.
 *
 * @csspart terminal-select - The terminal picker (shown when `smart-terminal-id` is absent). While a
 *   request is shown it names that request's terminal (a resumed one's too); a terminal the relay's
 *   last request could not reach is marked as offline.
 * @csspart label - The picker's label.
 * @csspart status - The status box: what is happening now, or the result (focused after an outcome).
 * @csspart detail - Lines under the status: amounts, card, the tip given, approval code, decline guidance.
 * @csspart progress - The progress indicator while the terminal works.
 * @csspart timer - The elapsed time (m:ss) while the terminal works.
 * @csspart pay-button - Starts the payment ("Charge $12.50"; "Charge", disabled, while the amount is not valid); after an
 *   outcome, "Try again" when the same card may work, else "New payment" (back to ready).
 * @csspart cancel-button - Cancels the live request.
 * @csspart message - Why the payment cannot be sent (invalid amount…), or why a cancel failed.
 *
 * @cssproperty --pj-color-accent - Pay button and progress colour.
 * @cssproperty --pj-color-accent-text - Text on the pay button.
 * @cssproperty --pj-color-text - Text colour.
 * @cssproperty --pj-color-muted - Timer text.
 * @cssproperty --pj-color-surface - Status box and control background.
 * @cssproperty --pj-color-border - Borders.
 * @cssproperty --pj-color-success - Approved and refunded border (the same tones as `<pj-tx-status>`'s badges).
 * @cssproperty --pj-color-success-bg - Approved and refunded background.
 * @cssproperty --pj-color-danger - Declined, error and not-found border, message text.
 * @cssproperty --pj-color-danger-bg - Declined, error and not-found background.
 * @cssproperty --pj-color-warning - Cancelled, busy, offline, timed-out, in-doubt and checking border.
 * @cssproperty --pj-color-warning-bg - Their background.
 * @cssproperty --pj-radius - Corner radius.
 * @cssproperty --pj-font-family - Font.
 * @cssproperty --pj-focus-ring - Focus ring (a box-shadow).
 * @cssproperty --pj-space - Spacing.
 */
export class PjTerminalPay extends LitElement {
  static override styles = [themeStyles, statusStyles, terminalPayStyles];

  // Not decorators: `static properties` spares the bundle lit/decorators.js and a __decorate call per field.
  static override properties = {
    endpoint: {},
    amount: {},
    smartTerminalId: { attribute: 'smart-terminal-id' },
    invoiceNumber: { attribute: 'invoice-number' },
    allowTips: { type: Boolean, attribute: 'allow-tips' },
    tax: {},
    action: {},
    requestId: { attribute: 'request-id' },
    locale: { attribute: false },
    // The picker's choice. `attribute: false` is Lit's default with `state: true`; written out for the
    // manifest analyzer, which would otherwise list it as an attribute.
    _chosen: { state: true, attribute: false },
  };

  /** Base URL of the relay. */
  declare endpoint: string;
  /** Amount to charge (or refund), a decimal string like "12.50". */
  declare amount?: string;
  /** The Smart Terminal to use; without it the element shows a picker. */
  declare smartTerminalId?: string;
  /** Invoice number sent with the payment (32 characters at most). */
  declare invoiceNumber?: string;
  /**
   * Let the terminal ask the customer for a tip (`allow-tips`). Whether it asks is also the device's
   * setting (https://support.payjunction.com/hc/en-us/articles/212460318); the result shows the tip
   * the transaction reports. There is no tip amount to set: PayJunction's request-payment takes none.
   */
  declare allowTips: boolean;
  /** Tax, a decimal string, added to the amount. */
  declare tax?: string;
  /** `charge` (default) or `refund`. */
  declare action: 'charge' | 'refund';
  /**
   * The request shown. Set it (or `request-id`) to follow an existing request instead of starting one,
   * e.g. after a page reload; once the relay accepts a payment started here, that request's id.
   * Undefined when idle.
   */
  declare requestId?: string;
  /** Strings and language for this element only (overrides the page's `setLocale`). */
  declare locale?: PjLocale;

  declare private _chosen: string;
  /** The request whose terminal the picker took over, once (the cashier may pick another after its end). */
  #pickedFor?: string;
  /** The request whose end last made the picker ask the relay for the terminals again. */
  #endSeen?: string;

  constructor() {
    super();
    this.endpoint = '/pj';
    this.action = 'charge';
    this.allowTips = false;
    this._chosen = '';
  }

  // Re-render when the page's locale changes.
  readonly #page = Object.assign(new StoreController<PjLocale>(this), { store: $locale });
  readonly #payment = new PaymentController(this, (state) => this.#problemText(state));
  readonly #terminals = new TerminalListController(this, (error) => {
    if (!this.smartTerminalId) this.#emitError(error, this.#terminalsFailed(error, this.#strings()));
  });

  /**
   * Sends the payment to the terminal. Does nothing while a payment lives, after an end that may hide a
   * charge (until the cashier starts a new charge), or when the input is invalid.
   */
  pay(): void {
    const checked = this.#check();
    if (checked.ok) this.#payment.pay(checked.value);
  }

  /** Asks the terminal to go back to its main screen. The outcome still comes from the terminal. */
  async cancel(): Promise<void> {
    await this.#payment.cancel();
  }

  protected override willUpdate(): void {
    if (isServer) this.#payment.followOnServer();
    const { requestId, snapshot } = this.#payment.state;
    if (!snapshot || this.smartTerminalId) return;
    // The picker names the request's terminal: after a reload it would otherwise say "Choose a terminal…".
    if (this.#pickedFor !== requestId) {
      this.#pickedFor = requestId;
      this._chosen = snapshot.smartTerminalId;
    }
    // After an end the relay may know better whether the terminal is reachable: ask again when it matters.
    const listed = this.#listed(snapshot.smartTerminalId);
    if (snapshot.outcome && this.#endSeen !== requestId) {
      this.#endSeen = requestId;
      if (snapshot.outcome === 'no_connection' || listed?.unreachableSince) this.#terminals.reload();
    }
  }

  /** The terminal as the relay listed it (undefined until the list arrived). */
  #listed(id: string) {
    const list = this.#terminals.state;
    return list.status === 'ready' ? list.terminals.find((t) => t.smartTerminalId === id) : undefined;
  }

  // ─── words ────────────────────────────────────────────────────────────────────────────────────

  /** The element's words: English, then the page's locale, then its own. */
  #strings(): TerminalPayStrings {
    return resolveStrings(terminalPayEn, 'terminalPay', this.#page.value ?? {}, this.locale);
  }

  /**
   * The locale's tables every element shares (validation sentences, response codes, relay errors),
   * its language, and the words of the request states this element shares with `<pj-tx-status>`.
   */
  #shared(): ReturnType<typeof resolveShared> & Words {
    const page = this.#page.value ?? {};
    return {
      ...resolveShared(page, this.locale),
      states: resolveStrings(requestStatesEn, 'requestStates', page, this.locale),
    };
  }

  #lang(): string | undefined {
    return this.#shared().lang;
  }

  /** The payment as it would be sent, checked by the relay's own rules (and their sentences, in the page's language). */
  #check() {
    const input = {
      smartTerminalId: this.smartTerminalId || this._chosen,
      amountBase: this.amount,
      amountTax: this.tax,
      allowTips: this.allowTips || undefined,
      invoiceNumber: this.invoiceNumber,
      action: this.action,
    };
    return validatePaymentRequest(input, { messages: this.#shared().messages });
  }

  #terminalsFailed(error: RelayClientError, s: TerminalPayStrings): string {
    return format(s.terminalsFailed, { message: relayMessage(error, s, this.#shared().relayErrors) });
  }

  /** pj-error's message for a payment state: the cancel's failure while live, else what the status says it means. */
  #problemText(state: PaymentState): string {
    const s = this.#strings();
    const status = this.#status(state, s);
    return (
      (state.status === 'live' && cancelNote(state, s, this.#shared().relayErrors)) || status.lines[0] || status.head
    );
  }

  #emitError(error: RelayClientError, message: string): void {
    emit(this, 'pj-error', pjErrorDetail(error.code, message, error));
  }

  #money = (amount: string): string => formatMoney(amount, this.#lang());

  /**
   * The total of amount and tax, formatted, when the money rule accepts each of them (the amount above
   * zero); else undefined, and nothing shows an amount: what was typed is never echoed. A tip is not
   * known before the customer gives it on the terminal.
   */
  #total(): string | undefined {
    const [base = '', ...extras] = [this.amount, this.tax].map((a) => a?.trim() ?? '');
    const parts = [base, ...extras.filter(Boolean)];
    const valid = parts.every((a, i) => !moneyProblem(a, { positive: i === 0 }));
    return valid ? this.#money(addMoney(...parts)) : undefined;
  }

  /** Ready: the total, the terminal, and the breakdown when tax is set. */
  #idleView(s: TerminalPayStrings): StatusView {
    const checked = this.#check();
    const money = this.#money;
    const id = this.smartTerminalId || this._chosen;
    const terminal = this.#listed(id)?.nickName;
    const lines: string[] = [];
    if (checked.ok && checked.value.amountTax) {
      const { amountBase, amountTax } = checked.value;
      lines.push(format(s.breakdown, { base: money(amountBase), tax: money(amountTax) }));
    }
    if (this.allowTips) lines.push(s.tipsAsked);
    if (!id) lines.push(s.chooseHint);
    const refund = this.action === 'refund';
    const amount = this.#total();
    const ready = refund ? s.idleRefund : s.idle;
    const head = format(amount ? ready : refund ? s.enterAmountRefund : s.enterAmount, {
      amount: amount ?? '',
      terminal: terminal ?? s.theTerminal,
    });
    return view(head, '', lines);
  }

  #status(state: PaymentState, s: TerminalPayStrings): StatusView {
    return statusView(state, s, this.#shared(), this.#money, () => this.#idleView(s));
  }

  // ─── what the cashier sees ────────────────────────────────────────────────────────────────────

  /** The primary button: pay, or back to ready first after an approval or a doubt. */
  #onPrimary = (): void => {
    if (startsOver(this.#payment.state)) this.#payment.reset();
    else this.pay();
  };

  #picker(s: TerminalPayStrings, disabled: boolean) {
    const list = this.#terminals.state;
    const failed = list.status === 'failed' ? this.#terminalsFailed(list.error, s) : '';
    return terminalPicker(list, this._chosen, disabled, s, failed, (id) => {
      this._chosen = id;
      emit(this, 'pj-terminal-change', { smartTerminalId: id, nickName: this.#listed(id)?.nickName ?? '' });
    });
  }

  override render() {
    const s = this.#strings();
    const shared = this.#shared();
    const state = this.#payment.state;
    const status = this.#status(state, s);
    const live = lives(state);
    const checked = this.#check();
    const picker = !this.smartTerminalId;
    // What the status already asks for is not an error: a terminal to choose, an amount to enter.
    const messages = checked.ok
      ? []
      : checked.errors.filter(
          (e) => !(picker && e.field === 'smartTerminalId') && !(e.field === 'amountBase' && e.type === 'required'),
        );
    const notes = [...messages.map((e) => e.message), cancelNote(state, s, shared.relayErrors) ?? ''].filter(Boolean);
    const announced = live ? status.head : sentences([status.head, ...status.lines]);
    return html`<div class="box" lang=${shared.lang ?? nothing}>
      ${picker ? this.#picker(s, live) : nothing}
      ${statusBox(status, state, live, { progress: s.progress, elapsed: shared.states.elapsed })}
      <div class="actions">
        <button
          part="pay-button"
          class="primary"
          ?disabled=${live || (!startsOver(state) && !checked.ok)}
          aria-describedby=${notes.length ? 'message' : nothing}
          @click=${this.#onPrimary}
        >
          ${payLabel(state, s, this.action === 'refund', this.#total())}
        </button>
        ${cancelButton(state, live, s.cancel, () => void this.cancel())}
      </div>
      ${messageAndAnnouncement(notes, announced)}
    </div>`;
  }
}
