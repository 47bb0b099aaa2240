import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { emit } from '../../core/emit.js';
import { EDITING, canSend, sendSchedule, type ScheduleSubmission } from '../../core/schedule-submission.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import type {} from '../../events/pj-schedule-created.js';
import { scheduleFormEn, type ScheduleFormStrings } from '../../locales/en/schedule-form.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { relayErrorText, relayFieldErrors } from '../../locales/relay-errors.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN, validateSchedule } from '../../protocol/schedule.js';
import type { PaymentSource, ScheduleFieldName, ScheduleParams } from '../../protocol/schedule.js';
import type { FieldError, ValidationResult } from '../../protocol/wire.js';
import { themeStyles } from '../common/theme.styles.js';
import { scheduleFormStyles } from './schedule-form.styles.js';
import {
  MASK,
  METHODS,
  fieldView,
  hasControl,
  methodFields,
  names,
  refusalLines,
  summaryView,
} from './schedule-form.view.js';

/** Field name → its value (the form's values) or its error message (the errors shown). */
type ByField = Record<string, string>;
const errorsByField = (errors: FieldError[]): ByField => Object.fromEntries(errors.map((e) => [e.field, e.message]));

/**
 * A form that sets up a PayJunction recurring (PERIODIC) or one-date (SPECIFIC_DATES) schedule
 * through the relay's `POST {endpoint}/schedules`. Every field of PayJunction's POST /schedules is
 * offered, grouped, each control named by its PayJunction parameter; the rules of
 * src/protocol/schedule.ts run on blur and on submit, so errors show before anything is sent.
 * Card numbers, CVVs and account numbers never leave the form except in the request to the relay:
 * never in an event, an attribute or the console. The bank account number shows as `•••• 1234`
 * whenever its input is not focused; after success the form forgets every value it held.
 *
 * Behaviour worth knowing: only the chosen method's fields are sent (the others keep what was typed);
 * the method chooser is a radio group named `paymentMethod` (hidden with one method, its error then
 * shows on that method's first field); the other schedule type's fields stay visible while they hold
 * a value, so the rule that rejects them is shown beside them; a host-set `amount` makes `amountBase`
 * read-only (it is not a security boundary: the relay re-validates, and a price must be checked by the
 * merchant's server); relay errors on fields without a control (e.g. `terminalId`) show in `error`.
 * The submission is one state at a time (src/core/schedule-submission.ts).
 *
 * @summary Sets up a recurring or future-dated PayJunction schedule, validated before it is sent.
 *
 * @event {PjScheduleCreatedEvent} pj-schedule-created - The schedule was created. `detail: { schedule }`: PayJunction's
 *   schedule object as the relay returns it (its vault holds only the card/account type and last four).
 *   Fires once per created schedule.
 * @event {PjErrorEvent} pj-error - The relay answered with an error or could not be reached. detail: PjErrorDetail
 *   `{ code, message, status?, fields }` in the page's language: `preauth_declined` (402), `duplicate_schedule` (409),
 *   `invalid_request` with field errors (400), `network` (no status), … Field errors are also shown
 *   beside their controls; errors on a field without a control (e.g. `terminalId`) in the `error` part.
 *
 * @csspart form - The form (replaced by `summary` after success).
 * @csspart field - Each field's row: label, control and its error message.
 * @csspart submit-button - The button that validates and sends.
 * @csspart error - The relay's error: a decline with its guidance, the duplicate prompt, errors on
 *   fields without a control, network failures.
 * @csspart duplicate-confirm - "Create it anyway" in the duplicate prompt (resends with `bypassDuplicate`).
 * @csspart summary - The created schedule: id, type, interval, amount, card and next payment date.
 * @csspart reset-button - "Set up another" in the summary (calls `reset()`).
 *
 * @cssproperty --pj-color-accent - Primary button and focus ring colour.
 * @cssproperty --pj-color-accent-text - Text on the primary button.
 * @cssproperty --pj-color-text - Text colour.
 * @cssproperty --pj-color-surface - Background of inputs and buttons.
 * @cssproperty --pj-color-border - Borders of fields, groups and buttons.
 * @cssproperty --pj-color-danger - Field error text and invalid borders; error part text.
 * @cssproperty --pj-color-danger-bg - Background of the error part.
 * @cssproperty --pj-color-success - Text of the summary.
 * @cssproperty --pj-color-success-bg - Background of the summary.
 * @cssproperty --pj-radius - Corner radius of fields, groups and buttons.
 * @cssproperty --pj-font-family - Font.
 * @cssproperty --pj-focus-ring - Focus ring (a box-shadow).
 * @cssproperty --pj-space - Spacing unit.
 */
export class PjScheduleForm extends LitElement {
  static override styles = [themeStyles, scheduleFormStyles];

  // Not decorators: `static properties` spares the bundle lit/decorators.js and a __decorate call per field.
  static override properties = {
    endpoint: {},
    terminalId: { attribute: 'terminal-id' },
    methods: {},
    amount: {},
    locale: { attribute: false },
  };

  /** Base URL of the relay. */
  declare endpoint: string;

  /** PayJunction terminal (merchant account) id, sent as `terminalId`. Absent: the relay picks the account for the payment type. */
  declare terminalId?: string;

  /** Space-separated payment methods offered: any of `card ach vault transaction` (default all). With one, the chooser is hidden. */
  declare methods: string;

  /** Prefills `amountBase`; when set, the amount field is read-only (the host sets the price). */
  declare amount?: string;

  /** Strings for this element only (overrides the page's `setLocale`). */
  declare locale?: PjLocale;

  constructor() {
    super();
    this.endpoint = '/pj';
    this.methods = METHODS.join(' ');
  }

  // Internal state: private fields, each change followed by requestUpdate() (never set while rendering).
  #submission: ScheduleSubmission = EDITING;
  /** Stops re-rendering on the page's locale changes (setLocale); set while connected. */
  #unwatchLocale?: () => void;
  #values: ByField = { scheduleType: 'PERIODIC' };
  /** The payment method chosen in the chooser (none yet: the first offered). */
  #chosenMethod?: PaymentSource;
  /** The error shown beside each field (and `paymentMethod` beside the chooser). */
  #fieldErrors: ByField = {};
  /** Fields the person has edited: judged on blur from then on. */
  #touched = new Set<string>();
  /** Fields whose error came from the relay: kept until the field is edited. */
  #relayFields = new Set<string>();
  /** The bank account number shows masked unless its input has focus. */
  #accountMasked = true;
  /** What the live region says: the last change of state. */
  #announcement = '';

  get #strings(): ScheduleFormStrings {
    return resolveStrings(scheduleFormEn, 'scheduleForm', $locale.get(), this.locale);
  }

  get #shared() {
    return resolveShared($locale.get(), this.locale);
  }

  #label(name: string): string {
    return (
      this.#shared.messages?.fields?.[name as ScheduleFieldName] ??
      SCHEDULE_MESSAGES_EN.fields[name as ScheduleFieldName]
    );
  }

  get #methods(): PaymentSource[] {
    const wanted = this.methods.split(/\s+/);
    const list = METHODS.filter((m) => wanted.includes(m));
    return list.length ? list : METHODS;
  }

  get #method(): PaymentSource {
    const list = this.#methods;
    return this.#chosenMethod && list.includes(this.#chosenMethod) ? this.#chosenMethod : list[0]!;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatchLocale = $locale.listen(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchLocale?.();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('amount') && this.amount) this.#values.amountBase = this.amount;
  }

  /** What would be sent: the chosen method's fields and every other field with a value. */
  #payload(): ByField {
    const out: ByField = {};
    const own = methodFields(this.#method);
    for (const { name, group } of SCHEDULE_FIELDS) {
      const value = this.#values[name];
      if (value && (!METHODS.includes(group as PaymentSource) || own.includes(name))) out[name] = value;
    }
    if (this.terminalId) out.terminalId = this.terminalId;
    return out;
  }

  /** validateSchedule on what would be sent: every field's error in one pass. */
  #validate(): ValidationResult<ScheduleParams> {
    return validateSchedule(this.#payload(), { messages: this.#shared.messages });
  }

  /** Validates and sends. Errors are shown beside their fields and focus moves to the first. */
  async submit(): Promise<void> {
    if (!canSend(this.#submission)) return;
    const result = this.#validate();
    this.#relayFields.clear();
    if (!result.ok) {
      this.#submission = EDITING;
      return this.#showFieldErrors(result.errors);
    }
    this.#fieldErrors = {};
    return this.#send(result.value);
  }

  /** Empties the form (back to the `amount` prefill) and leaves the summary. */
  reset(): void {
    this.#values = { scheduleType: 'PERIODIC' };
    if (this.amount) this.#values.amountBase = this.amount;
    this.#touched.clear();
    this.#relayFields.clear();
    this.#chosenMethod = undefined;
    this.#fieldErrors = {};
    this.#announcement = '';
    this.#submission = EDITING;
    this.requestUpdate();
  }

  async #showFieldErrors(errors: FieldError[]): Promise<void> {
    this.#fieldErrors = errorsByField(errors);
    this.#announcement = format(this.#strings.invalid, { count: errors.length });
    this.requestUpdate();
    await this.updateComplete;
    const root = this.renderRoot;
    root.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.closest('details')?.setAttribute('open', ''));
    (
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[part="error"]')
    )?.focus();
  }

  async #send(body: ScheduleParams): Promise<void> {
    if (!canSend(this.#submission)) return;
    const s = this.#strings;
    this.#announcement = s.sending;
    this.#submission = { phase: 'submitting', body };
    this.requestUpdate();
    const ended = await sendSchedule(this.endpoint, body);
    if (ended.phase === 'created') {
      const { schedule } = ended;
      this.reset(); // the card and account numbers are not kept once the schedule exists
      this.#submission = ended;
      this.#announcement = s.created;
      emit(this, 'pj-schedule-created', { schedule });
      await this.updateComplete;
      this.renderRoot.querySelector('h2')?.focus();
      return;
    }
    this.#submission = ended;
    const { error } = ended;
    const shared = this.#shared;
    const invalidValue = shared.messages?.invalidValue ?? SCHEDULE_MESSAGES_EN.invalidValue;
    const fields = relayFieldErrors(error.fields, shared.relayErrors, invalidValue, (name) => this.#label(name));
    const detail = (message: string) => pjErrorDetail(error.code, message, { status: error.status, fields });
    if (error.status === 400 && fields.length) {
      emit(this, 'pj-error', detail(relayErrorText(error, shared.relayErrors)));
      fields.forEach((f) => this.#relayFields.add(f.field));
      return this.#showFieldErrors(fields);
    }
    const lines = refusalLines(ended, s, shared);
    this.#announcement = lines.join(' ');
    emit(this, 'pj-error', detail(this.#announcement));
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus();
  }

  /**
   * Every edit re-renders, so the `.value` bindings always hold what the controls show: a reset or a
   * method switch (the same inputs reused for other fields) then writes exactly what changed.
   */
  #input(e: Event): void {
    const { name, value } = e.target as HTMLInputElement;
    if (name === 'paymentMethod') this.#chosenMethod = value as PaymentSource;
    else this.#values[name] = value;
    this.#touched.add(name);
    this.#relayFields.delete(name);
    if (this.#submission.phase === 'duplicate') this.#submission = EDITING;
    this.requestUpdate();
  }

  /** On blur: the field (once touched) and every field already in error are judged again. */
  #blur(e: FocusEvent): void {
    const name = (e.target as HTMLInputElement).name;
    // Not for buttons (the submit button blurs when disabled) nor a field removed with the form.
    if (!name || this.#submission.phase === 'created') return;
    if (name === 'achAccountNumber') this.#accountMasked = true;
    const result = this.#validate();
    const now = result.ok ? {} : errorsByField(result.errors);
    const next: ByField = {};
    for (const key of new Set([name, ...Object.keys(this.#fieldErrors)])) {
      const message = now[key] ?? (this.#relayFields.has(key) ? this.#fieldErrors[key] : undefined);
      if (message && (key !== name || this.#touched.has(key) || this.#fieldErrors[key])) next[key] = message;
    }
    this.#fieldErrors = next;
    this.requestUpdate();
  }

  #focusIn(e: FocusEvent): void {
    if ((e.target as HTMLInputElement).name !== 'achAccountNumber') return;
    this.#accountMasked = false;
    this.requestUpdate();
  }

  #hasControl(name: string): boolean {
    return hasControl(name, this.#method, this.#values);
  }

  /** The error shown beside a field: its own, or (chooser hidden) "choose how to pay" on the method's first field. */
  #errorOf(name: string): string | undefined {
    const chooserHidden = this.#methods.length < 2 && name === methodFields(this.#method)[0];
    return this.#fieldErrors[name] ?? (chooserHidden ? this.#fieldErrors.paymentMethod : undefined);
  }

  #field(name: string): TemplateResult {
    const value = this.#values[name] ?? '';
    const masked = name === 'achAccountNumber' && value && this.#accountMasked;
    const readonly = name === 'amountBase' && !!this.amount;
    const label = this.#label(name);
    return fieldView(
      { name, label, value: masked ? MASK + value.slice(-4) : value, error: this.#errorOf(name), readonly },
      this.#strings,
    );
  }

  #fields(list: string[]): TemplateResult {
    return html`<div class="fields">${list.map((name) => this.#field(name))}</div>`;
  }

  override render(): TemplateResult {
    const s = this.#strings;
    const status = html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>`;
    const submission = this.#submission;
    if (submission.phase === 'created') {
      const label = (name: string) => this.#label(name);
      return html`${status}${summaryView(submission.schedule, s, label, this.#shared.lang, this.#another)}`;
    }

    const method = this.#method;
    const methods = this.#methods;
    const methodError = this.#fieldErrors.paymentMethod;
    const group = (legend: string, list: string[]) =>
      html`<fieldset><legend>${legend}</legend>${this.#fields(list)}</fieldset>`;
    const collapsed = (summary: string, list: string[]) =>
      html`<details><summary>${summary}</summary>${this.#fields(list)}</details>`;
    const chooser = methods.map(
      (m) => html`<label class="method"><input type="radio" name="paymentMethod" .value=${m} .checked=${m === method}
        aria-invalid=${methodError && m === method ? 'true' : nothing}
        aria-describedby=${methodError ? 'e-paymentMethod' : nothing}>${s[m]}</label>`,
    );
    return html`${status}<form part="form" novalidate
        @submit=${this.#onSubmit} @input=${this.#input} @focusout=${this.#blur} @focusin=${this.#focusIn}>
      <fieldset><legend>${s.payment}</legend>
        ${methods.length > 1 ? chooser : nothing}
        ${methods.length > 1 && methodError ? html`<p class="field-error" id="e-paymentMethod">${methodError}</p>` : nothing}
        ${this.#fields(methodFields(method))}
      </fieldset>
      ${group(
        s.schedule,
        names('schedule').filter((name) => this.#hasControl(name)),
      )}
      <fieldset><legend>${s.amounts}</legend>${this.#field('amountBase')}${collapsed(s.moreAmounts, names('amounts').slice(1))}</fieldset>
      ${collapsed(s.security, names('security'))}
      ${group(s.billing, names('billing'))}
      ${collapsed(s.shipping, names('shipping'))}
      ${group(s.reference, names('other'))}
      ${this.#errorPart(s)}
      <button class="primary" type="submit" part="submit-button" ?disabled=${submission.phase === 'submitting'}>${s.submit}</button>
    </form>`;
  }

  #onSubmit = (e: Event): void => {
    e.preventDefault();
    void this.submit();
  };

  #errorPart(s: ScheduleFormStrings): TemplateResult | typeof nothing {
    const submission = this.#submission;
    // Errors on fields without a control here (terminalId, a hidden method's field) are listed too.
    const unshown = Object.keys(this.#fieldErrors).filter((name) => !this.#hasControl(name));
    const lines = [...refusalLines(submission, s, this.#shared), ...unshown.map((name) => this.#fieldErrors[name]!)];
    if (!lines.length) return nothing;
    return html`<div part="error" tabindex="-1">
      ${lines.map((line) => line && html`<p>${line}</p>`)}
      ${
        submission.phase === 'duplicate'
          ? html`<button type="button" part="duplicate-confirm" @click=${() => this.#send({ ...submission.body, bypassDuplicate: true })}>${s.createAnyway}</button>`
          : nothing
      }
    </div>`;
  }

  #another = (): void => {
    this.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
  };
}
