import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { emit } from '../../core/emit.js';
import { PaymentFieldsController } from '../../core/payment-fields.js';
import { RelayClientError } from '../../core/relay-client.js';
import { EDITING, canSend, sendSchedule, type ScheduleSubmission } from '../../core/schedule-submission.js';
import { pjErrorDetail } from '../../events/pj-error.js';
import { fieldsEn, type FieldsStrings } from '../../locales/en/fields.js';
import { scheduleFormEn, type ScheduleFormStrings } from '../../locales/en/schedule-form.js';
import { $locale, format, resolveShared, resolveStrings, type PjLocale } from '../../locales/locale.js';
import { relayErrorText, relayFieldErrors } from '../../locales/relay-errors.js';
import { SCHEDULE_MESSAGES_EN } from '../../protocol/schedule.js';
import type { PaymentSource, ScheduleFieldName, ScheduleParams } from '../../protocol/schedule.js';
import type { FieldError, ValidationResult } from '../../protocol/wire.js';
import { themeStyles } from '../common/theme.styles.js';
import { scheduleFormStyles } from './schedule-form.styles.js';
import {
  METHODS,
  chooserView,
  fieldView,
  hasControl,
  inFrame,
  methodFields,
  names,
  errorPartView,
  paymentFieldsView,
  refusalLines,
  requiredBilling,
  summaryView,
} from './schedule-form.view.js';
import {
  errorsByField,
  countFrameErrors,
  errorsOnBlur,
  errorsOnInput,
  frameSource,
  newValues,
  payloadOf,
  switchScheduleType,
  validateForm,
  type ByField,
} from './schedule-form.values.js';
export type { PjErrorEvent, PjScheduleCreatedEvent } from '../../events/index.js'; // named by its events (manifest)
export type { PjLocale } from '../../locales/locale.js';

/**
 * A form that sets up a PayJunction recurring (PERIODIC) or one-date (SPECIFIC_DATES) schedule through
 * the relay's `POST {endpoint}/schedules`, every field named by its PayJunction parameter and judged by
 * src/protocol/schedule.ts on blur and on submit. Card and bank numbers are never in this form: they
 * are typed in the payment fields frame (an iframe from the relay's fields origin, refused on the
 * page's own), which tokenizes a card with PayJunction's SDK or vaults a bank account and tells the
 * form only each field's state and the result (a token or vault id, brand, last four).
 *
 * Only the chosen method's fields are sent; a host-set `amount` makes `amountBase` read-only (not a
 * security boundary: the merchant's server checks prices); relay errors on fields without a control
 * show in `error`. The submission is one state at a time (src/core/schedule-submission.ts).
 *
 * @summary Sets up a recurring or future-dated PayJunction schedule, validated before it is sent.
 *
 * @event {PjScheduleCreatedEvent} pj-schedule-created - The schedule was created. `detail: { schedule }`: PayJunction's
 *   schedule object as the relay returns it (its vault holds only the card/account type and last four).
 *   Fires once per created schedule.
 * @event {PjErrorEvent} pj-error - The relay answered with an error or could not be reached. detail: PjErrorDetail
 *   `{ code, message, status?, fields }` in the page's language: `preauth_declined` (402), `duplicate_schedule` (409),
 *   `invalid_request` with field errors (400), `token_expired_or_used` (400), `network` (no status), and from
 *   the payment fields `fields_unavailable`, `fields_same_origin`, `tokenization_failed`, `ach_vault_failed`. Field errors are also shown
 *   beside their controls; errors on a field without a control (e.g. `terminalId`) in the `error` part.
 *
 * @csspart form - The form (replaced by `summary` after success).
 * @csspart payment-fields - The iframe of the card and bank fields (its height follows its content).
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
  #values: ByField = newValues(undefined);
  /** The payment method chosen in the chooser (none yet: the first offered). */
  #chosenMethod?: PaymentSource;
  /** The error shown beside each field (and `paymentMethod` beside the chooser). */
  #fieldErrors: ByField = {};
  /** Fields the person has edited: judged on blur from then on. */
  #touched = new Set<string>();
  /** Fields whose error came from the relay: kept until the field is edited. */
  #relayFields = new Set<string>();
  /** The card and bank fields' frame. */
  #frame = new PaymentFieldsController(
    this,
    () => this.#strings.fieldsUnavailable,
    (code, message) => emit(this, 'pj-error', pjErrorDetail(code, message)),
  );
  /** What the live region says: the last change of state. */
  #announcement = '';

  get #strings(): ScheduleFormStrings {
    return resolveStrings(scheduleFormEn, 'scheduleForm', $locale.get(), this.locale);
  }

  get #shared() {
    return resolveShared($locale.get(), this.locale);
  }

  #label = (name: string): string =>
    this.#shared.messages?.fields?.[name as ScheduleFieldName] ??
    SCHEDULE_MESSAGES_EN.fields[name as ScheduleFieldName];

  get #methods(): PaymentSource[] {
    const list = METHODS.filter((m) => this.methods.split(/\s+/).includes(m));
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

  #validate(): ValidationResult<ScheduleParams> {
    return validateForm(payloadOf(this.#values, this.#method, this.terminalId), this.#method, this.#shared.messages);
  }

  /**
   * Validates and sends. Errors are shown beside their fields (the frame marks its own) and focus
   * moves to the first. A card is tokenized, a bank account vaulted, only once the rest is valid: a
   * token is single-use.
   */
  async submit(): Promise<void> {
    if (!canSend(this.#submission)) return;
    const method = this.#method;
    const result = this.#validate();
    const inFrameErrors = inFrame(method) && !this.#frame.complete;
    this.#relayFields.clear();
    this.#submission = EDITING;
    const achType = method === 'ach' && result.ok ? (result.value.achType as 'PPD' | 'CCD') : undefined;
    if (!result.ok || inFrameErrors) {
      // The frame marks its empty and invalid fields and says how many (it tokenizes nothing incomplete;
      // if it was complete after all, its answer is the payment source).
      const outcome = inFrameErrors ? await this.#frame.submit(achType) : undefined;
      if (result.ok && outcome && !('error' in outcome))
        return this.#send({ ...result.value, ...frameSource(outcome) });
      return this.#showFieldErrors(result.ok ? [] : result.errors, outcome ? countFrameErrors(outcome) : 0);
    }
    this.#fieldErrors = {};
    if (!inFrame(method)) return this.#send(result.value);
    this.#announcement = this.#strings.sending;
    this.#submission = { phase: 'submitting', body: result.value };
    this.requestUpdate();
    const outcome = await this.#frame.submit(achType);
    this.#submission = EDITING;
    if ('error' in outcome) {
      const { code, message } = outcome.error;
      if (code === 'invalid_fields') return this.#showFieldErrors([], countFrameErrors(outcome));
      return this.#refused({ phase: 'failed', body: result.value, error: new RelayClientError(0, code, message) });
    }
    return this.#send({ ...result.value, ...frameSource(outcome) });
  }

  /** Empties the form (back to the `amount` prefill) and leaves the summary. */
  reset(): void {
    this.#values = newValues(this.amount);
    [this.#touched, this.#relayFields].forEach((set) => set.clear());
    this.#chosenMethod = undefined;
    this.#fieldErrors = {};
    this.#announcement = '';
    this.#submission = EDITING;
    this.requestUpdate();
  }

  /** Shows `errors` (and counts `inFrame` more, which the frame shows) and focuses the first. */
  async #showFieldErrors(errors: FieldError[], inFrame = 0): Promise<void> {
    this.#fieldErrors = errorsByField(errors);
    this.#announcement = format(this.#strings.invalid, { count: errors.length + inFrame });
    this.requestUpdate();
    await this.updateComplete;
    const root = this.renderRoot;
    root.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.closest('details')?.setAttribute('open', ''));
    const first = inFrame ? '[part="payment-fields"]' : '[aria-invalid="true"]';
    (root.querySelector<HTMLElement>(first) ?? root.querySelector<HTMLElement>('[part="error"]'))?.focus();
  }

  async #send(body: ScheduleParams): Promise<void> {
    if (!canSend(this.#submission)) return;
    const s = this.#strings;
    this.#announcement = s.sending;
    this.#submission = { phase: 'submitting', body };
    this.requestUpdate();
    const ended = await sendSchedule(this.endpoint, body);
    if (ended.phase === 'created') {
      this.reset(); // nothing typed is kept once the schedule exists
      this.#submission = ended;
      this.#announcement = s.created;
      emit(this, 'pj-schedule-created', { schedule: ended.schedule });
      await this.updateComplete;
      this.renderRoot.querySelector('h2')?.focus();
      return;
    }
    return this.#refused(ended);
  }

  /** A refusal, by the relay or the frame: its field errors beside their fields, or its words in the error part. */
  async #refused(ended: Exclude<ScheduleSubmission, { phase: 'editing' | 'submitting' | 'created' }>): Promise<void> {
    const s = this.#strings;
    this.#submission = ended;
    const { error } = ended;
    const shared = this.#shared;
    const invalidValue = shared.messages?.invalidValue ?? SCHEDULE_MESSAGES_EN.invalidValue;
    const fields = relayFieldErrors(error, shared.relayErrors, invalidValue, this.#label);
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
    else if (name === 'scheduleType') this.#values = switchScheduleType(this.#values, value, this.#touched);
    else this.#values[name] = value;
    this.#touched.add(name);
    this.#relayFields.delete(name);
    if (this.#fieldErrors[name]) this.#fieldErrors = errorsOnInput(name, this.#validate(), this.#fieldErrors);
    if (this.#submission.phase === 'duplicate') this.#submission = EDITING;
    this.requestUpdate();
  }

  /** On blur: the field (once touched) and every field already in error are judged again. */
  #blur(e: FocusEvent): void {
    const name = (e.target as HTMLInputElement).name;
    // Not for buttons (the submit button blurs when disabled) nor a field removed with the form.
    if (!name || this.#submission.phase === 'created') return;
    this.#fieldErrors = errorsOnBlur(name, this.#validate(), this.#fieldErrors, this.#relayFields, this.#touched);
    this.requestUpdate();
  }

  #hasControl = (name: string): boolean => hasControl(name, this.#method, this.#values);

  /** The error shown beside a field: its own, or (chooser hidden) "choose how to pay" on the method's first field. */
  #errorOf(name: string): string | undefined {
    const chooserHidden = this.#methods.length < 2 && name === methodFields(this.#method)[0];
    return this.#fieldErrors[name] ?? (chooserHidden ? this.#fieldErrors.paymentMethod : undefined);
  }

  #field(name: string): TemplateResult {
    const [value, label, error] = [this.#values[name] ?? '', this.#label(name), this.#errorOf(name)];
    return fieldView({ name, label, value, error, readonly: name === 'amountBase' && !!this.amount }, this.#strings);
  }

  #fields = (list: string[], pairs = false): TemplateResult =>
    html`<div class=${pairs ? 'fields pairs' : 'fields'}>${list.map((name) => this.#field(name))}</div>`;

  override render(): TemplateResult {
    const s = this.#strings;
    const status = html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>`;
    const submission = this.#submission;
    if (submission.phase === 'created') {
      return html`${status}${summaryView(submission.schedule, s, this.#label, this.#shared.lang, this.#another)}`;
    }

    const method = this.#method;
    const methods = this.#methods;
    const billingNow = requiredBilling(method, this.#values.achType);
    const group = (legend: string, list: string[]) =>
      html`<fieldset><legend>${legend}</legend>${this.#fields(list, true)}</fieldset>`;
    const collapsed = (summary: string, list: string[]) =>
      html`<details><summary>${summary}</summary>${this.#fields(list)}</details>`;
    return html`${status}<form part="form" novalidate
        @submit=${this.#onSubmit} @input=${this.#input} @focusout=${this.#blur}>
      <fieldset><legend>${s.payment}</legend>
        ${methods.length > 1 ? chooserView(methods, method, this.#fieldErrors.paymentMethod, s) : nothing}
        ${
          methods.some(inFrame)
            ? paymentFieldsView(this.#frame.status, inFrame(method), this.#fieldsWords().frameTitle, s)
            : nothing
        }
        ${this.#fields([...methodFields(method), ...billingNow])}
      </fieldset>
      ${group(
        s.schedule,
        names('schedule').filter((name) => this.#hasControl(name)),
      )}
      <fieldset><legend>${s.amounts}</legend>${this.#field('amountBase')}${collapsed(s.moreAmounts, names('amounts').slice(1))}</fieldset>
      ${collapsed(s.security, names('security'))}
      ${collapsed(
        s.billing,
        names('billing').filter((name) => !billingNow.includes(name)),
      )}
      ${collapsed(s.shipping, names('shipping'))}
      ${collapsed(s.reference, names('other'))}
      ${this.#errorPart(s)}
      <button class="primary" type="submit" part="submit-button" ?disabled=${submission.phase === 'submitting'}>${s.submit}</button>
    </form>`;
  }

  #fieldsWords = (): FieldsStrings => resolveStrings(fieldsEn, 'fields', $locale.get(), this.locale);

  /** Connects the frame to the iframe just rendered (once per iframe; a method change is passed on). */
  protected override updated(): void {
    const iframe = this.renderRoot.querySelector<HTMLIFrameElement>('iframe[part="payment-fields"]');
    const { lang = document.documentElement.lang || 'en', messages } = this.#shared;
    const methods = this.#methods.filter(inFrame);
    const method = inFrame(this.#method) ? this.#method : methods[0]!;
    const words = this.#fieldsWords();
    if (iframe) this.#frame.open(iframe, { endpoint: this.endpoint, methods, method, lang, messages, words });
  }

  #onSubmit = (e: Event): void => void (e.preventDefault(), this.submit());

  #errorPart(s: ScheduleFormStrings): TemplateResult | typeof nothing {
    const submission = this.#submission;
    const lines = refusalLines(submission, s, this.#shared);
    const confirm =
      submission.phase === 'duplicate'
        ? () => void this.#send({ ...submission.body, bypassDuplicate: true })
        : undefined;
    return errorPartView(lines, this.#fieldErrors, this.#hasControl, confirm, s);
  }

  #another = (): void => {
    this.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
  };
}
