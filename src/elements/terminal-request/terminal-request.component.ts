import { LitElement, html, isServer, nothing, type PropertyDeclaration } from 'lit';
import { emit } from '../../core/emit.js';
import { PaymentController } from '../../core/payment-controller.js';
import { lives, requestEndAnnouncement, type PaymentState } from '../../core/payment-state.js';
import {
  startTerminalRequest,
  type RelayClientError,
  type TerminalRequestBodies,
  type TerminalRequestKind,
} from '../../core/relay-client.js';
import { StoreController } from '../../core/store-controller.js';
import { TerminalListController } from '../../core/terminal-list.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import { requestStatesEn } from '../../locales/en/request-states.js';
import { terminalRequestEn, type TerminalRequestStrings } from '../../locales/en/terminal-request.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { validateInputRequest, validatePromptRequest, validateSignatureRequest } from '../../protocol/payment.js';
import type { FieldError } from '../../protocol/wire.js';
import { cancelNote, relayMessage, sentences, type StatusView, type Words } from '../common/request-states.js';
import { cancelButton, messageAndAnnouncement, statusBox } from '../common/request-box.js';
import { statusStyles } from '../common/status.styles.js';
import { terminalPicker } from '../common/terminal-picker.js';
import { themeStyles } from '../common/theme.styles.js';
import { terminalPayStyles } from '../terminal-pay/terminal-pay.styles.js';
import { terminalRequestStyles } from './terminal-request.styles.js';
import { byKind, startLabel, statusView } from './terminal-request.view.js';

// Every type its events and properties name, exported beside the class: the manifest lists them as
// this module's exports, and the framework types generated from it import them.
export type {
  PjErrorEvent,
  PjRequestCancelledEvent,
  PjRequestCompletedEvent,
  PjRequestStatusEvent,
} from '../../events/index.js';
export type { PjRequestCompletedDetail } from '../../events/pj-request-completed.js';
export type { TerminalRequestKind } from '../../core/relay-client.js';
export type { RequestStateStrings } from '../../locales/en/request-states.js';
export type { TerminalRequestStrings } from '../../locales/en/terminal-request.js';
export type { PjLocale } from '../../locales/locale.js';

const KINDS: readonly TerminalRequestKind[] = ['signature', 'prompt', 'input'];

/** A request as the element sends it: its kind and terminal (the path), and its body. */
type Attempt = {
  [K in TerminalRequestKind]: { kind: K; smartTerminalId: string } & TerminalRequestBodies[K];
}[TerminalRequestKind];

const send = (endpoint: string, { kind, smartTerminalId, ...body }: Attempt, key: string) =>
  startTerminalRequest(endpoint, kind, smartTerminalId, body as TerminalRequestBodies[typeof kind], key);

/** `buttons="Yes,No"` ⇄ `['Yes', 'No']`: labels are at most 8 characters, so a comma never belongs to one. */
const buttonList: PropertyDeclaration<string[]>['converter'] = {
  fromAttribute: (value) => (value ? value.split(',').map((label) => label.trim()) : []),
  toAttribute: (value: string[]) => value.join(','),
};

/**
 * Asks the customer something on a PayJunction Smart Terminal through the relay: a signature under
 * terms shown on the device (`kind="signature"`), a question with up to three buttons
 * (`kind="prompt"`), or a phone number (`kind="input"`). It shows the request's progress live (with an
 * elapsed timer), lets the cashier cancel it, and fires the customer's answer in `pj-request-completed`.
 * A double click is one request (each attempt has its own idempotency key); after an end, the button
 * asks again.
 *
 * The request goes through the same lifecycle as `<pj-terminal-pay>`'s payment (the one
 * `PaymentController` of src/core/payment-controller.ts, with the page's one event stream); this
 * element renders it.
 *
 * @summary A signature, a question or a phone number from the customer on the Smart Terminal.
 *
 * @event {PjRequestStatusEvent} pj-request-status - Each new snapshot of the request, once per version.
 *   detail: `{snapshot}`.
 * @event {PjRequestCompletedEvent} pj-request-completed - The customer answered; once per request.
 *   detail (`PjRequestCompletedDetail`): `{kind: 'signature', signatureId, snapshot}`,
 *   `{kind: 'prompt', promptButton, snapshot}` or `{kind: 'input', inputValue, snapshot}`.
 * @event {PjRequestCancelledEvent} pj-request-cancelled - Cancelled from the page or by the customer on
 *   the terminal; once per request. detail: `{snapshot}`.
 * @event {PjErrorEvent} pj-error - The relay refused the request or the cancel, or could not be reached;
 *   the terminal list could not be loaded; or the request ended busy, no_connection, timeout, error,
 *   in_doubt or unknown to the relay (once per request). detail (`PjErrorDetail`):
 *   `{code, message, status?, fields, requestId?}`; `fields` is `[]` unless the relay named fields.
 *
 * @csspart terminal-select - The terminal picker (shown when `smart-terminal-id` is absent).
 * @csspart label - The picker's label.
 * @csspart status - The status box: what is happening now, or the answer (focused after an end).
 * @csspart detail - Lines under the status: the question and its answers before asking, what to do next.
 * @csspart progress - The progress indicator while the terminal works.
 * @csspart timer - The elapsed time (m:ss) while the terminal works.
 * @csspart start-button - Sends the request; after an end, "Ask again".
 * @csspart cancel-button - Cancels the live request.
 * @csspart message - Why the request cannot be sent (no terms, too many buttons…), or why a cancel failed.
 *
 * @cssproperty --pj-color-accent - Start button and progress colour.
 * @cssproperty --pj-color-accent-text - Text on the start button.
 * @cssproperty --pj-color-text - Text colour.
 * @cssproperty --pj-color-muted - Timer text.
 * @cssproperty --pj-color-surface - Status box and control background.
 * @cssproperty --pj-color-border - Borders.
 * @cssproperty --pj-color-success - Answered border.
 * @cssproperty --pj-color-success-bg - Answered background.
 * @cssproperty --pj-color-danger - Error border, message text.
 * @cssproperty --pj-color-danger-bg - Error background.
 * @cssproperty --pj-color-warning - Cancelled, busy, no-connection and timeout border.
 * @cssproperty --pj-color-warning-bg - Their background.
 * @cssproperty --pj-radius - Corner radius.
 * @cssproperty --pj-font-family - Font.
 * @cssproperty --pj-focus-ring - Focus ring (a box-shadow).
 * @cssproperty --pj-space - Spacing.
 */
export class PjTerminalRequest extends LitElement {
  // The status box's rules are <pj-terminal-pay>'s own: a state looks the same in both elements.
  static override styles = [themeStyles, statusStyles, terminalPayStyles, terminalRequestStyles];

  // Not decorators: `static properties` spares the bundle lit/decorators.js and a __decorate call per field.
  static override properties = {
    endpoint: {},
    kind: {},
    smartTerminalId: { attribute: 'smart-terminal-id' },
    terms: {},
    text: {},
    buttons: { converter: buttonList },
    requestId: { attribute: 'request-id' },
    locale: { attribute: false },
    // The picker's choice (`attribute: false` written out for the manifest analyzer).
    _chosen: { state: true, attribute: false },
  };

  /** Base URL of the relay. */
  declare endpoint: string;
  /** What to ask: `signature` (default), `prompt` or `input` (a phone number). */
  declare kind: TerminalRequestKind;
  /** The Smart Terminal to use; without it the element shows a picker. */
  declare smartTerminalId?: string;
  /** `kind="signature"`: the terms the terminal shows above the signature line (10,000 characters at most). */
  declare terms?: string;
  /** `kind="prompt"`: the question the terminal shows (10,000 characters at most). */
  declare text?: string;
  /**
   * `kind="prompt"`: the answers the customer chooses from, 1 to 3 labels of 1 to 8 characters. The
   * attribute is a comma-separated list: `buttons="Yes,No"`.
   */
  declare buttons: string[];
  /**
   * The request shown. Set it (or `request-id`) to follow an existing request instead of starting one,
   * e.g. after a page reload; once the relay accepts a request started here, that request's id.
   * Undefined when idle.
   */
  declare requestId?: string;
  /** Strings and language for this element only (overrides the page's `setLocale`). */
  declare locale?: PjLocale;

  declare private _chosen: string;

  constructor() {
    super();
    this.endpoint = '/pj';
    this.kind = 'signature';
    this.buttons = [];
    this._chosen = '';
  }

  // Re-render when the page's locale changes.
  readonly #page = Object.assign(new StoreController<PjLocale>(this), { store: $locale });
  readonly #request = new PaymentController<Attempt>(this, (state) => this.#problemText(state), {
    send,
    announceEnd: requestEndAnnouncement,
  });
  readonly #terminals = new TerminalListController(this, (error) => {
    if (!this.smartTerminalId) this.#emitError(error, this.#terminalsFailed(error, this.#strings()));
  });

  /**
   * Sends the request to the terminal (after an end, a new one). Does nothing while a request lives, or
   * when the request is not valid (its reason is shown in the `message` part).
   */
  start(): void {
    const checked = this.#check();
    if (!checked.ok) return;
    const { status } = this.#request.state;
    // Nothing to protect after an end (no money moves): asking again is one press.
    if (status === 'ended' || status === 'in_doubt') this.#request.reset();
    this.#request.pay(checked.value);
  }

  /** Asks the terminal to go back to its main screen. The end still comes from the terminal. */
  async cancel(): Promise<void> {
    await this.#request.cancel();
  }

  protected override willUpdate(): void {
    if (isServer) this.#request.followOnServer();
    // A request followed by `request-id` (a reload): the picker shows its terminal, and asking again uses it.
    const shown = this.#request.state.snapshot?.smartTerminalId;
    if (shown && !this.smartTerminalId && !this._chosen) this._chosen = shown;
  }

  // ─── words ────────────────────────────────────────────────────────────────────────────────────

  /** The element's words: English, then the page's locale, then its own. */
  #strings(): TerminalRequestStrings {
    return resolveStrings(terminalRequestEn, 'terminalRequest', this.#page.value ?? {}, this.locale);
  }

  /**
   * The locale's tables every element shares (validation sentences, relay errors), its language, and
   * the words of the request states this element shares with `<pj-terminal-pay>` and `<pj-tx-status>`.
   */
  #shared(): ReturnType<typeof resolveShared> & Words {
    const page = this.#page.value ?? {};
    return {
      ...resolveShared(page, this.locale),
      states: resolveStrings(requestStatesEn, 'requestStates', page, this.locale),
    };
  }

  /** The element's own kind (a followed request's words follow its snapshot's); a signature's for a kind it does not know. */
  #kind(): TerminalRequestKind {
    return KINDS.includes(this.kind) ? this.kind : 'signature';
  }

  /** The request as it would be sent, checked by the relay's own rules (and their sentences, in the page's language). */
  #check(): { ok: true; value: Attempt } | { ok: false; errors: FieldError[] } {
    const smartTerminalId = this.smartTerminalId || this._chosen;
    const options = { messages: this.#shared().messages };
    const kind = this.kind;
    if (kind === 'prompt') {
      const checked = validatePromptRequest({ smartTerminalId, text: this.text, buttons: this.buttons }, options);
      return checked.ok ? { ok: true, value: { kind, ...checked.value } } : checked;
    }
    if (kind === 'input') {
      const checked = validateInputRequest({ smartTerminalId }, options);
      return checked.ok ? { ok: true, value: { kind, ...checked.value } } : checked;
    }
    if (kind !== 'signature')
      return { ok: false, errors: [{ field: 'kind', message: this.#strings().unknownKind, type: 'invalid' }] };
    const checked = validateSignatureRequest({ smartTerminalId, terms: this.terms }, options);
    return checked.ok ? { ok: true, value: { kind, ...checked.value } } : checked;
  }

  #terminalsFailed(error: RelayClientError, s: TerminalRequestStrings): string {
    return format(s.terminalsFailed, { message: relayMessage(error, s, this.#shared().relayErrors) });
  }

  /** pj-error's message for a state: the cancel's failure while live, else what the status says it means. */
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

  /** Ready: what will be asked, on which terminal. */
  #idleView(s: TerminalRequestStrings): StatusView {
    const id = this.smartTerminalId || this._chosen;
    const list = this.#terminals.state;
    const terminal =
      list.status === 'ready' ? list.terminals.find((t) => t.smartTerminalId === id)?.nickName : undefined;
    const checked = this.#check();
    const lines: string[] = [];
    // Only what would be sent: a question or answers the relay would refuse are never echoed.
    if (checked.ok && checked.value.kind === 'prompt') {
      lines.push(format(s.question, { text: checked.value.text }));
      lines.push(format(s.choices, { buttons: checked.value.buttons.join(' · ') }));
    }
    if (!id) lines.push(s.chooseHint);
    return { head: format(byKind(s, 'idle', this.#kind()), { terminal: terminal ?? s.theTerminal }), tone: '', lines };
  }

  #status(state: PaymentState, s: TerminalRequestStrings): StatusView {
    return statusView(state, s, this.#shared(), this.#kind(), () => this.#idleView(s));
  }

  // ─── what the cashier sees ────────────────────────────────────────────────────────────────────

  #picker(s: TerminalRequestStrings, disabled: boolean) {
    const list = this.#terminals.state;
    const failed = list.status === 'failed' ? this.#terminalsFailed(list.error, s) : '';
    return terminalPicker(list, this._chosen, disabled, s, failed, (id) => (this._chosen = id));
  }

  override render() {
    const s = this.#strings();
    const { lang, relayErrors, states } = this.#shared();
    const state = this.#request.state;
    const status = this.#status(state, s);
    const live = lives(state);
    const checked = this.#check();
    const picker = !this.smartTerminalId;
    const messages = checked.ok ? [] : checked.errors.filter((e) => !(picker && e.field === 'smartTerminalId'));
    const notes = [...messages.map((e) => e.message), cancelNote(state, s, relayErrors) ?? ''].filter(Boolean);
    const announced = live ? status.head : sentences([status.head, ...status.lines]);
    return html`<div class="box" lang=${lang ?? nothing}>
      ${picker ? this.#picker(s, live) : nothing}
      ${statusBox(status, state, live, { progress: s.progress, elapsed: states.elapsed })}
      <div class="actions">
        <button
          part="start-button"
          class="primary"
          ?disabled=${live || !checked.ok}
          aria-describedby=${notes.length ? 'message' : nothing}
          @click=${() => this.start()}
        >
          ${startLabel(state, s, this.#kind())}
        </button>
        ${cancelButton(state, live, s.cancel, () => void this.cancel())}
      </div>
      ${messageAndAnnouncement(notes, announced)}
    </div>`;
  }
}
