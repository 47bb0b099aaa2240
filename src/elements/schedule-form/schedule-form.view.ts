/**
 * What `<pj-schedule-form>` lays out: which fields each part of the form holds, one field's row,
 * and the summary of a created schedule. Pure functions of what they are given, so the element's
 * `render()` only puts them together.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentFieldsStatus } from '../../core/payment-fields.js';
import type { ScheduleSubmission } from '../../core/schedule-submission.js';
import { declineWords, type DeclineCatalogue } from '../../locales/declines.js';
import type { ScheduleFormStrings } from '../../locales/en/schedule-form.js';
import { format } from '../../locales/locale.js';
import { relayErrorText, type RelayErrorWords } from '../../locales/relay-errors.js';
import { formatMoney } from '../../protocol/money.js';
import { SCHEDULE_FIELDS, type PaymentSource } from '../../protocol/schedule.js';
import type { PjSchedule } from '../../protocol/wire.js';

type Spec = (typeof SCHEDULE_FIELDS)[number];

export const METHODS: PaymentSource[] = ['card', 'ach', 'vault', 'transaction'];

/** The fields of a group that have a control (terminalId is an attribute, bypassDuplicate the duplicate prompt). */
export const names = (group: string): string[] =>
  SCHEDULE_FIELDS.filter((spec) => spec.group === group && !/^(terminalId|bypassDuplicate)$/.test(spec.name)).map(
    (spec) => spec.name,
  );

/** The methods whose numbers are typed in the payment fields frame (src/fields/), never in the form. */
export const FRAME_METHODS: readonly PaymentSource[] = ['card', 'ach'];
export const inFrame = (method: PaymentSource): method is 'card' | 'ach' => FRAME_METHODS.includes(method);

/**
 * The fields the form itself shows for each payment method: a card's are all in the frame; a bank
 * account's numbers and type too, but whether it is PPD or CCD is the form's (it decides which billing
 * names are required); a vault re-bill may say PPD or CCD too.
 */
export const methodFields = (method: PaymentSource): string[] =>
  method === 'card' ? [] : method === 'ach' ? ['achType'] : method === 'vault' ? ['vaultId', 'achType'] : names(method);

/** The billing fields the chosen method requires (a bank account's holder); the rest stay collapsed. */
export const requiredBilling = (method: PaymentSource, achType: string | undefined): string[] =>
  method !== 'ach'
    ? []
    : achType === 'PPD'
      ? ['billingFirstName', 'billingLastName']
      : achType === 'CCD'
        ? ['billingCompanyName']
        : [];

/** The schedule fields only a repeating (PERIODIC) schedule takes. */
export const PERIODIC_ONLY = /^(interval|intervalCount|intervalCap|startDate)$/;

/**
 * Whether a field has a control now: not another method's fields, nor the other schedule type's
 * while they are empty (nothing typed is lost, and the rule that says they do not belong is shown
 * beside them), nor terminalId and bypassDuplicate (an attribute and the duplicate prompt).
 */
export function hasControl(name: string, method: PaymentSource, values: Record<string, string>): boolean {
  const spec = SCHEDULE_FIELDS.find((f) => f.name === name);
  if (!spec) return name === 'paymentMethod';
  if (METHODS.includes(spec.group as PaymentSource)) return methodFields(method).includes(name);
  if (spec.group !== 'schedule' || name === 'scheduleType') return names(spec.group).includes(name);
  return PERIODIC_ONLY.test(name) === (values.scheduleType === 'PERIODIC') || !!values[name];
}

/** How a stored account or card shows: never more than its last four digits. */
export const MASK = '•••• ';

/**
 * Autocomplete tokens of the contact fields (Identifier, FirstName, MiddleName, LastName, CompanyName,
 * JobTitle, Phone, Phone2, Address, City, State, Zip, Country, Email, Website), the same for billing and
 * shipping (which gets the `shipping` hint). Every other field: off (the card's are in the frame).
 */
const CONTACT_TOKENS =
  'off given-name additional-name family-name organization organization-title tel tel street-address address-level2 address-level1 postal-code country-name email url'.split(
    ' ',
  );
const TOKENS: Record<string, string[]> = {
  billing: CONTACT_TOKENS,
  shipping: CONTACT_TOKENS.map((token) => (token === 'off' ? token : `shipping ${token}`)),
};
const autocomplete = ({ name, group }: Spec): string => TOKENS[group]?.[names(group).indexOf(name)] ?? 'off';

/**
 * The words of a refused submission, in the page's language: the duplicate prompt, the decline
 * (what the code means, then the guidance), or the relay's error. None for the relay's field
 * errors: they show beside their fields.
 */
export function refusalLines(
  state: ScheduleSubmission,
  s: ScheduleFormStrings,
  shared: { declines?: DeclineCatalogue | undefined; relayErrors?: RelayErrorWords | undefined },
): string[] {
  if (state.phase === 'duplicate') return [s.duplicate];
  if (state.phase === 'declined') {
    const words = declineWords(state.decline, shared.declines);
    return [format(s.declined, { code: words.code, meaning: words.meaning }), words.guidance];
  }
  if (state.phase !== 'failed' || (state.error.status === 400 && state.error.fields.length)) return [];
  // No status: the relay was not reached, or the payment fields answered (their words, already localised).
  const { error } = state;
  return [
    error.status ? relayErrorText(error, shared.relayErrors) : error.code === 'network' ? s.network : error.message,
  ];
}

/** The method chooser: a radio group named `paymentMethod`, and its error ("choose how to pay"). */
export function chooserView(
  methods: PaymentSource[],
  chosen: PaymentSource,
  error: string | undefined,
  s: ScheduleFormStrings,
): TemplateResult {
  const radio = (m: PaymentSource) =>
    html`<label class="method"><input type="radio" name="paymentMethod" .value=${m} .checked=${m === chosen}
      aria-invalid=${error && m === chosen ? 'true' : nothing}
      aria-describedby=${error ? 'e-paymentMethod' : nothing}>${s[m]}</label>`;
  return html`${methods.map(radio)}${error ? html`<p class="field-error" id="e-paymentMethod">${error}</p>` : nothing}`;
}

/**
 * The card and bank fields' iframe (the frame's page, from the relay's fields origin), kept while a
 * card or bank account is offered so what was typed survives a switch of method; shown while one is
 * chosen, with words while it loads or when it cannot.
 */
export function paymentFieldsView(
  status: PaymentFieldsStatus,
  shown: boolean,
  title: string,
  s: ScheduleFormStrings,
): TemplateResult {
  const phase = status.phase;
  return html`<iframe part="payment-fields" class="payment-fields" ?hidden=${!shown || phase === 'unavailable'}
      title=${title}></iframe>
    ${shown && phase === 'unavailable' ? html`<p class="field-error" role="alert">${status.message}</p>` : nothing}
    ${shown && (phase === 'loading' || phase === 'closed') ? html`<p class="loading">${s.loadingFields}</p>` : nothing}`;
}

/**
 * The error part: the refusal's lines, then the errors of fields without a control here (terminalId, a
 * card token, a hidden method's field), and for a duplicate the button that creates it anyway.
 */
export function errorPartView(
  refusal: string[],
  fieldErrors: Record<string, string>,
  hasControl: (name: string) => boolean,
  confirmDuplicate: (() => void) | undefined,
  s: ScheduleFormStrings,
): TemplateResult | typeof nothing {
  const unshown = Object.keys(fieldErrors).filter((name) => !hasControl(name));
  const lines = [...refusal, ...unshown.map((name) => fieldErrors[name]!)];
  if (!lines.length) return nothing;
  return html`<div part="error" tabindex="-1">
    ${lines.map((line) => line && html`<p>${line}</p>`)}
    ${
      confirmDuplicate
        ? html`<button type="button" part="duplicate-confirm" @click=${confirmDuplicate}>${s.createAnyway}</button>`
        : nothing
    }
  </div>`;
}

/** One field as the form shows it now. */
export interface FieldState {
  name: string;
  label: string;
  /** What the control shows (the account number already masked when it should be). */
  value: string;
  error?: string;
  readonly: boolean;
}

/** One field's row: its label, its control (a select for an enum), and its error, which describes the control. */
export function fieldView({ name, label, value, error, readonly }: FieldState, s: ScheduleFormStrings): TemplateResult {
  const spec: Spec = SCHEDULE_FIELDS.find((f) => f.name === name)!;
  const id = `f-${name}`;
  const invalid = error ? 'true' : nothing;
  const described = error ? `e-${id}` : nothing;
  const kind = spec.kind;
  const control = spec.options
    ? html`<select id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${described} .value=${value}>
        ${name === 'scheduleType' ? nothing : html`<option value="">${s.choose}</option>`}
        ${spec.options.map((o) => html`<option .value=${o} ?selected=${o === value}>${s.options[o] ?? o}</option>`)}
      </select>`
    : html`<input id=${id} name=${name} aria-invalid=${invalid} aria-describedby=${described}
        type=${kind === 'date' ? 'date' : kind === 'email' ? 'email' : name.includes('Phone') ? 'tel' : 'text'}
        inputmode=${kind === 'money' ? 'decimal' : /digits|integer/.test(kind) ? 'numeric' : nothing}
        autocomplete=${autocomplete(spec)}
        maxlength=${/text|email|money|integer/.test(kind) ? (spec.maxLength ?? nothing) : nothing}
        ?readonly=${readonly} .value=${value}>`;
  return html`<div part="field" class="field">
    <label for=${id}>${label}</label>${control}
    ${error ? html`<p class="field-error" id=${described}>${error}</p>` : nothing}
  </div>`;
}

/**
 * The created schedule: its id, type, interval, amount, how it is paid (type and last four) and
 * the next payment's date, in the page's language; `another` is the "Set up another" button's action.
 */
export function summaryView(
  schedule: PjSchedule,
  s: ScheduleFormStrings,
  label: (name: string) => string,
  lang: string | undefined,
  another: () => void,
): TemplateResult {
  const next = schedule.nextTransaction;
  const word = (value: string) => s.options[value] ?? value;
  const row = (name: string, value: unknown) => html`<dt>${name}</dt><dd>${value}</dd>`;
  const nextDate =
    next && /^\d{4}-\d\d-\d\d$/.test(next)
      ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${next}T12:00:00Z`))
      : next;
  const every =
    schedule.interval && format(s.every, { count: schedule.intervalCount ?? 1, unit: word(schedule.interval) });
  return html`<section part="summary"><h2 tabindex="-1">${s.created}</h2><dl>
      ${row(s.scheduleId, schedule.scheduleId)}
      ${row(label('scheduleType'), word(schedule.scheduleType))}
      ${every ? row(label('interval'), every) : nothing}
      ${every ? row(s.payments, schedule.intervalCap ? format(s.paymentCount, { count: schedule.intervalCap }) : s.untilCancelled) : nothing}
      ${row(s.total, formatMoney(schedule.amountTotal, lang))}
      ${schedule.vault ? row(s.paidWith, `${word(schedule.vault.accountType)} ${MASK}${schedule.vault.lastFour}`) : nothing}
      ${nextDate ? row(s.next, nextDate) : nothing}
    </dl><button type="button" part="reset-button" @click=${another}>${s.another}</button></section>`;
}
