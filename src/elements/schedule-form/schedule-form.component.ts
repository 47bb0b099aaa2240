import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { RelayClientError, createSchedule } from '../../core/relay-client.js';
import type {} from '../../events/pj-error.js';
import type {} from '../../events/pj-schedule-created.js';
import { $locale, format, resolveLang, resolveStrings } from '../../locales/locale.js';
import type { PjLocale } from '../../locales/locale.js';
import { formatMoney } from '../../protocol/money.js';
import { SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN, validateSchedule } from '../../protocol/schedule.js';
import type { PaymentSource, ScheduleFieldName, ScheduleMessagesOverride, ScheduleParams } from '../../protocol/schedule.js';
import type { FieldError, PjSchedule, ValidationResult } from '../../protocol/wire.js';
import { emit } from '../common/emit.js';
import { themeStyles } from '../common/theme.styles.js';
import { scheduleFormStyles } from './schedule-form.styles.js';
import { scheduleFormEn } from './schedule-form.strings.js';
import type { ScheduleFormStrings } from './schedule-form.strings.js';

type Values = Record<string, string>;
type Spec = (typeof SCHEDULE_FIELDS)[number];

const METHODS: PaymentSource[] = ['card', 'ach', 'vault', 'transaction'];
const names = (group: string): string[] =>
  SCHEDULE_FIELDS.filter((spec) => spec.group === group && !/^(terminalId|bypassDuplicate)$/.test(spec.name)).map((spec) => spec.name);
/** The fields sent with each payment method (a vault re-bill may say whether it is PPD or CCD). */
const methodFields = (method: PaymentSource): string[] => (method === 'vault' ? ['vaultId', 'achType'] : names(method));
const PERIODIC_ONLY = /^(interval|intervalCount|intervalCap|startDate)$/;
/**
 * Autocomplete tokens, in SCHEDULE_FIELDS order: the card fields (cardNumber, cardExpMonth, cardExpYear,
 * cardCvv), then the contact fields (Identifier, FirstName, MiddleName, LastName, CompanyName, JobTitle,
 * Phone, Phone2, Address, City, State, Zip, Country, Email, Website), the same for billing and shipping
 * (which gets the `shipping` hint). Every other field: off.
 */
const CONTACT_TOKENS = 'off given-name additional-name family-name organization organization-title tel tel street-address address-level2 address-level1 postal-code country-name email url'.split(' ');
const TOKENS: Record<string, string[]> = {
  card: 'cc-number cc-exp-month cc-exp-year cc-csc'.split(' '),
  billing: CONTACT_TOKENS,
  shipping: CONTACT_TOKENS.map((token) => (token === 'off' ? token : `shipping ${token}`)),
};
const autocomplete = ({ name, group }: Spec): string => TOKENS[group]?.[names(group).indexOf(name)] ?? 'off';
const MASK = '•••• ';

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
 *
 * @summary Sets up a recurring or future-dated PayJunction schedule, validated before it is sent.
 *
 * @event {PjScheduleCreatedEvent} pj-schedule-created - The schedule was created. `detail: { schedule }`: PayJunction's
 *   schedule object as the relay returns it (its vault holds only the card/account type and last four).
 *   Fires once per created schedule.
 * @event {PjErrorEvent} pj-error - The relay answered with an error or could not be reached. `detail: { code,
 *   message, status, fields? }`: `preauth_declined` (402), `duplicate_schedule` (409),
 *   `invalid_request` with field errors (400), `network` (status 0), … Field errors are also shown
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
    // Internal state. `attribute: false` is Lit's default with `state: true`; written out for the manifest
    // analyzer, which would otherwise list these as attributes.
    _method: { state: true, attribute: false },
    _errors: { state: true, attribute: false },
    _err: { state: true, attribute: false },
    _dup: { state: true, attribute: false },
    _busy: { state: true, attribute: false },
    _done: { state: true, attribute: false },
    _say: { state: true, attribute: false },
    _mask: { state: true, attribute: false },
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

  private declare _method?: PaymentSource;
  private declare _errors: Values;
  private declare _err?: string[];
  private declare _dup?: boolean;
  private declare _busy?: boolean;
  private declare _done?: PjSchedule;
  private declare _say?: string;
  private declare _mask: boolean;

  constructor() {
    super();
    this.endpoint = '/pj';
    this.methods = METHODS.join(' ');
    this._errors = {};
    this._mask = true;
  }

  /** Stops re-rendering on the page's locale changes (setLocale); set while connected. */
  #unwatch?: () => void;
  #v: Values = { scheduleType: 'PERIODIC' };
  #touched = new Set<string>();
  /** Fields whose error came from the relay: kept until the field is edited. */
  #server = new Set<string>();
  #shown = new Set<string>();
  #last?: ScheduleParams;

  get #strings(): ScheduleFormStrings {
    return resolveStrings(scheduleFormEn, 'scheduleForm', $locale.get(), this.locale);
  }

  get #messages(): ScheduleMessagesOverride | undefined {
    return this.locale?.scheduleMessages ?? $locale.get().scheduleMessages;
  }

  #label(name: string): string {
    return this.#messages?.fields?.[name as ScheduleFieldName] ?? SCHEDULE_MESSAGES_EN.fields[name as ScheduleFieldName];
  }

  get #methods(): PaymentSource[] {
    const wanted = this.methods.split(/\s+/);
    const list = METHODS.filter((m) => wanted.includes(m));
    return list.length ? list : METHODS;
  }

  get #method(): PaymentSource {
    const list = this.#methods;
    return this._method && list.includes(this._method) ? this._method : list[0]!;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unwatch = $locale.listen(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatch?.();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('amount') && this.amount) this.#v.amountBase = this.amount;
  }

  /** What would be sent: the chosen method's fields and every other field with a value. */
  #payload(): Values {
    const out: Values = {};
    const own = methodFields(this.#method);
    for (const { name, group } of SCHEDULE_FIELDS) {
      const value = this.#v[name];
      if (value && (!METHODS.includes(group as PaymentSource) || own.includes(name))) out[name] = value;
    }
    if (this.terminalId) out.terminalId = this.terminalId;
    return out;
  }

  /** validateSchedule on what would be sent: every field's error in one pass. */
  #validate(): ValidationResult<ScheduleParams> {
    return validateSchedule(this.#payload(), { messages: this.#messages });
  }

  /** Validates and sends. Errors are shown beside their fields and focus moves to the first. */
  async submit(): Promise<void> {
    if (this._busy || this._done) return;
    const result = this.#validate();
    this._err = undefined;
    this._dup = false;
    this.#server.clear();
    if (!result.ok) return this.#fail(result.errors);
    this._errors = {};
    return this.#send(result.value);
  }

  /** Empties the form (back to the `amount` prefill) and leaves the summary. */
  reset(): void {
    this.#v = { scheduleType: 'PERIODIC' };
    if (this.amount) this.#v.amountBase = this.amount;
    this.#touched.clear();
    this.#server.clear();
    this._method = this._err = this._done = this.#last = undefined;
    this._errors = {};
    this._dup = false;
    this._say = '';
  }

  async #fail(errors: FieldError[]): Promise<void> {
    this._errors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    this._say = format(this.#strings.invalid, { count: errors.length });
    await this.updateComplete;
    const root = this.renderRoot;
    root.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.closest('details')?.setAttribute('open', ''));
    (root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[part="error"]'))?.focus();
  }

  async #send(body: ScheduleParams): Promise<void> {
    if (this._busy) return;
    const s = this.#strings;
    this.#last = body;
    this._busy = true;
    this._dup = false;
    this._err = undefined;
    this._say = s.sending;
    try {
      const schedule = await createSchedule(this.endpoint, body);
      this.reset(); // the card and account numbers are not kept once the schedule exists
      this._done = schedule;
      this._say = s.created;
      emit(this, 'pj-schedule-created', { schedule });
      await this.updateComplete;
      this.renderRoot.querySelector('h2')?.focus();
    } catch (err) {
      const { status, code, message, fields, decline } = err instanceof RelayClientError ? err : new RelayClientError(0, 'network', s.network);
      emit(this, 'pj-error', { code, message, status, fields });
      this._busy = false;
      if (fields.length && status === 400) {
        fields.forEach((f) => this.#server.add(f.field));
        return this.#fail(fields);
      }
      this._dup = status === 409;
      this._err = decline
        ? [format(s.declined, { code: decline.code, message: decline.message }), decline.guidance ?? '']
        : [status === 409 ? s.duplicate : status ? message : s.network];
      this._say = this._err.join(' ');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="error"]')?.focus();
    } finally {
      this._busy = false;
    }
  }

  /**
   * Every edit re-renders, so the `.value` bindings always hold what the controls show: a reset or a
   * method switch (the same inputs reused for other fields) then writes exactly what changed.
   */
  #input(e: Event): void {
    const { name, value } = e.target as HTMLInputElement;
    if (name === 'paymentMethod') this._method = value as PaymentSource;
    else this.#v[name] = value;
    this.#touched.add(name);
    this.#server.delete(name);
    if (this._dup) this._dup = !!(this._err = undefined);
    this.requestUpdate();
  }

  /** On blur: the field (once touched) and every field already in error are judged again. */
  #blur(e: FocusEvent): void {
    const name = (e.target as HTMLInputElement).name;
    // Not for buttons (the submit button blurs when disabled) nor a field removed with the form.
    if (!name || this._done) return;
    if (name === 'achAccountNumber') this._mask = true;
    const result = this.#validate();
    const now: Values = result.ok ? {} : Object.fromEntries(result.errors.map((x) => [x.field, x.message]));
    const next: Values = {};
    for (const key of new Set([name, ...Object.keys(this._errors)])) {
      const message = now[key] ?? (this.#server.has(key) ? this._errors[key] : undefined);
      if (message && (key !== name || this.#touched.has(key) || this._errors[key])) next[key] = message;
    }
    this._errors = next;
  }

  #field(name: string): TemplateResult {
    const spec: Spec = SCHEDULE_FIELDS.find((f) => f.name === name)!;
    const s = this.#strings;
    const id = `f-${name}`;
    const value = this.#v[name] ?? '';
    // With one method the chooser is hidden: the "choose how to pay" error goes on the method's first field.
    const error = this._errors[name] ?? (this.#methods.length < 2 && name === methodFields(this.#method)[0] ? this._errors.paymentMethod : undefined);
    const invalid = error ? 'true' : nothing;
    const described = error ? `e-${id}` : nothing;
    this.#shown.add(name);
    const kind = spec.kind;
    // prettier-ignore
    const control = spec.options
      ? html`<select id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${described} .value=${value}>${
          name === 'scheduleType' ? nothing : html`<option value="">${s.choose}</option>`}${
          spec.options.map((o) => html`<option value=${o} ?selected=${o === value}>${s.options[o] ?? o}</option>`)}</select>`
      : html`<input id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${described}
type=${kind === 'date' ? 'date' : kind === 'email' ? 'email' : name.includes('Phone') ? 'tel' : 'text'}
inputmode=${kind === 'money' ? 'decimal' : /digits|integer/.test(kind) ? 'numeric' : nothing}
autocomplete=${autocomplete(spec)}
maxlength=${/text|email|money|integer/.test(kind) ? (spec.maxLength ?? nothing) : nothing}
?readonly=${name === 'amountBase' && !!this.amount}
.value=${name === 'achAccountNumber' && value && this._mask ? MASK + value.slice(-4) : value}>`;
    // prettier-ignore
    return html`<div part="field" class="f"><label for=${id}>${this.#label(name)}</label>${control}${
      error ? html`<p class="e" id=${described}>${error}</p>` : nothing}</div>`;
  }

  #fields(list: string[]): TemplateResult {
    return html`<div class="g">${list.map((name) => this.#field(name))}</div>`;
  }

  override render(): TemplateResult {
    const s = this.#strings;
    const status = html`<div class="visually-hidden" role="status" aria-live="polite">${this._say}</div>`;
    const done = this._done;
    if (done) {
      const lang = resolveLang($locale.get(), this.locale);
      const next = done.nextTransaction;
      const word = (value: string) => s.options[value] ?? value;
      const row = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value}</dd>`;
      // prettier-ignore
      return html`${status}<section part="summary"><h2 tabindex="-1">${s.created}</h2><dl>${row(s.scheduleId, done.scheduleId)}${
        row(this.#label('scheduleType'), word(done.scheduleType))}${
        done.interval ? row(this.#label('interval'), format(s.every, { count: done.intervalCount ?? 1, unit: word(done.interval) })) : nothing}${
        row(s.total, formatMoney(done.amountTotal, lang))}${
        done.vault ? row(s.paidWith, `${done.vault.accountType} ${MASK}${done.vault.lastFour}`) : nothing}${
        next ? row(s.next, /^\d{4}-\d\d-\d\d$/.test(next)
          ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${next}T12:00:00Z`))
          : next) : nothing}</dl><button type="button" part="reset-button" @click=${() => {
          this.reset();
          this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus());
        }}>${s.another}</button></section>`;
    }

    this.#shown = new Set(['paymentMethod']);
    const method = this.#method;
    const methods = this.#methods;
    const methodError = this._errors.paymentMethod;
    const periodic = this.#v.scheduleType === 'PERIODIC';
    // The other schedule type's fields stay visible while they hold a value (nothing typed is lost,
    // and the rule that says they do not belong is shown beside them).
    const scheduleRows = names('schedule').filter(
      (name) => name === 'scheduleType' || PERIODIC_ONLY.test(name) === periodic || this.#v[name],
    );
    const group = (legend: string, list: string[]) => html`<fieldset><legend>${legend}</legend>${this.#fields(list)}</fieldset>`;
    const collapsed = (summary: string, list: string[]) => html`<details><summary>${summary}</summary>${this.#fields(list)}</details>`;
    // prettier-ignore
    return html`${status}<form part="form" novalidate @submit=${(e: Event) => {
        e.preventDefault();
        this.submit();
      }} @input=${this.#input} @focusout=${this.#blur} @focusin=${(e: FocusEvent) => {
        if ((e.target as HTMLInputElement).name === 'achAccountNumber') this._mask = false;
      }}><fieldset><legend>${s.payment}</legend>${methods.length > 1
        ? html`${methods.map((m) => html`<label class="r"><input type="radio" name="paymentMethod" value=${m} .checked=${m === method}
aria-invalid=${methodError && m === method ? 'true' : nothing} aria-describedby=${methodError ? 'e-paymentMethod' : nothing}>${s[m]}</label>`)}${
          methodError ? html`<p class="e" id="e-paymentMethod">${methodError}</p>` : nothing}`
        : nothing}${this.#fields(methodFields(method))}</fieldset>
${group(s.schedule, scheduleRows)}
<fieldset><legend>${s.amounts}</legend>${this.#field('amountBase')}${collapsed(s.moreAmounts, names('amounts').slice(1))}</fieldset>
${collapsed(s.security, names('security'))}
${group(s.billing, names('billing'))}
${collapsed(s.shipping, names('shipping'))}
${group(s.reference, names('other'))}
${this.#errorPart(s)}
<button class="primary" type="submit" part="submit-button" ?disabled=${this._busy}>${s.submit}</button></form>`;
  }

  #errorPart(s: ScheduleFormStrings): TemplateResult | typeof nothing {
    // Errors on fields without a control here (terminalId, a hidden method's field) are listed too.
    const lines = [...(this._err ?? []), ...Object.keys(this._errors).filter((k) => !this.#shown.has(k)).map((k) => this._errors[k])];
    // prettier-ignore
    return lines.length
      ? html`<div part="error" tabindex="-1">${lines.map((line) => line && html`<p>${line}</p>`)}${this._dup
          ? html`<button type="button" part="duplicate-confirm" @click=${() => this.#send({ ...this.#last!, bypassDuplicate: true })}>${s.createAnyway}</button>`
          : nothing}</div>`
      : nothing;
  }
}
