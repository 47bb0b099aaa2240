/**
 * The rule set of PayJunction's POST /schedules
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315),
 * one definition shared by the schedule form (browser), the relay and the simulator (Node).
 *
 * One pass, no schema library: normalize the input (strings trimmed, "" = absent, numbers/booleans
 * from JSON turned to strings, spaces and dashes removed from card/bank numbers, unknown fields
 * dropped) → the exactly-one-payment-source rule → each field's own checks, chosen by its kind in
 * SCHEDULE_FIELDS → the rules that depend on other fields (`rules`: a field required, or refused,
 * because of others) → at most one error per field, the first found, reported in SCHEDULE_FIELDS
 * order with `paymentMethod` first. Every rule runs whatever else is wrong, so a person sees all
 * their errors at once. (The valibot schema this replaces did not: after a missing required key,
 * amountBase or scheduleType, it ran a cross-field rule only if no earlier issue touched its fields,
 * and the payment-method issue, which has no field, counted as touching all of them; so "no amount,
 * no payment method" hid interval/count/start, card expiry etc. until a second submit.)
 * Messages are rendered from one replaceable table (SCHEDULE_MESSAGES_EN): a locale replaces words
 * without touching a rule.
 *
 * Why no valibot (the project brief allows replacing a chosen dependency when measured better):
 * esbuild, minify, esm, es2022, gzip -9 of `export { validateSchedule, validateScheduleField,
 * SCHEDULE_FIELDS, SCHEDULE_MESSAGES_EN } from './src/protocol/schedule.ts'` (card.ts and money.ts
 * included): with valibot 1.5.0, 14,695 B minified / 5,738 B gzip; this module, 8,381 B minified /
 * 3,691 B gzip. <pj-schedule-form> alone (dist/size/schedule-form.js, size-limit): 17,188 B →
 * 15,265 B gzip; its budget is 14 KB including Lit.
 */
import { abaRoutingValid, localToday, luhnValid, stripDigits } from './card.js';
import { MONEY_MESSAGES_EN, moneyProblem, normalizeMoney } from './money.js';
import {
  PAYMENT_METHOD_FIELD,
  SCHEDULE_FIELDS,
  SCHEDULE_FIELD_WORDS_EN,
  TOKEN_FIELDS,
  TOKEN_FIELD_WORDS_EN,
  type PaymentSource,
  type RelayPaymentSource,
  type ScheduleFieldName,
  type ScheduleFieldSpec,
  type ScheduleParams,
  type TokenFieldName,
} from './schedule-fields.js';
import { format } from './text.js';
import type { FieldError, ValidationResult } from './wire.js';

export * from './schedule-fields.js';

// ─── Messages ───────────────────────────────────────────────────────────────────────────────

/**
 * Every sentence the validation can say. Placeholders: {field} (the field's words from `fields`),
 * {max} (its maxLength), {options} (its enum values). A key starting with "required" reports
 * type 'required'; every other key reports 'invalid'.
 */
export interface ScheduleMessages {
  /** The field names in words, written to start a sentence. */
  fields: Record<ScheduleFieldName, string> & Partial<Record<TokenFieldName, string>>;
  required: string;
  requiredPaymentMethod: string;
  requiredForPpd: string;
  requiredForCcd: string;
  paymentMethodConflict: string;
  invalidValue: string;
  tooLong: string;
  money: string;
  moneyPositive: string;
  moneyMax: string;
  positiveInteger: string;
  date: string;
  datePast: string;
  option: string;
  email: string;
  boolean: string;
  cardNumber: string;
  cardExpMonth: string;
  cardExpYear: string;
  cardCvv: string;
  cardExpired: string;
  achRoutingNumber: string;
  achAccountNumber: string;
  notForCard: string;
  notForAch: string;
  periodicOnly: string;
  specificDatesOnly: string;
}
export type ScheduleMessageKey = Exclude<keyof ScheduleMessages, 'fields'>;
/** What options.messages takes: any subset; the rest stays English. */
export type ScheduleMessagesOverride = Partial<Omit<ScheduleMessages, 'fields'>> & {
  fields?: Partial<ScheduleMessages['fields']>;
};

/** The English message table, the default of options.messages. */
export const SCHEDULE_MESSAGES_EN: ScheduleMessages = {
  fields: { ...SCHEDULE_FIELD_WORDS_EN, ...TOKEN_FIELD_WORDS_EN },
  ...MONEY_MESSAGES_EN,
  required: '{field} is required.',
  requiredPaymentMethod: 'Choose how the customer pays: a card, a bank account, a vault ID or a transaction ID.',
  requiredForPpd: '{field} is required for a personal (PPD) bank account.',
  requiredForCcd: '{field} is required for a business (CCD) bank account.',
  paymentMethodConflict: 'Use only one way to pay: a card, a bank account, a vault ID or a transaction ID.',
  invalidValue: '{field} is not valid.',
  tooLong: '{field} must be {max} characters or fewer.',
  positiveInteger: '{field} must be a whole number greater than 0.',
  date: '{field} must be a real date written yyyy-MM-dd, such as 2030-01-31.',
  datePast: "{field} can't be in the past.",
  option: '{field} must be one of: {options}.',
  email: '{field} must be an email address such as name@example.com.',
  boolean: '{field} must be true or false.',
  cardNumber: 'Card number is not valid. Check the digits.',
  cardExpMonth: 'Expiration month must be a number from 1 to 12.',
  cardExpYear: 'Expiration year must have 4 digits, such as 2030.',
  cardCvv: 'CVV must be 3 or 4 digits.',
  cardExpired: 'The card has expired.',
  achRoutingNumber: 'Routing number is not a valid US bank routing number.',
  achAccountNumber: 'Account number must be digits only, 17 at most.',
  notForCard: '{field} only applies to a bank account, not a card.',
  notForAch: '{field} only applies to a card, not a bank account.',
  periodicOnly: '{field} is only used with a repeating (PERIODIC) schedule.',
  specificDatesOnly: '{field} is only used with a one-time (SPECIFIC_DATES) schedule.',
};

// ─── Value checks ───────────────────────────────────────────────────────────────────────────

/**
 * A real calendar date written yyyy-MM-dd (2030-02-30 is not): the date, read as UTC midnight,
 * must write itself back the same (an engine rejects an impossible date or rolls it over to March).
 */
export function isIsoDate(s: string): boolean {
  const time = Date.parse(s);
  return /^\d{4}-\d\d-\d\d$/.test(s) && !isNaN(time) && new Date(time).toISOString().startsWith(s);
}

/**
 * The fields with a check (and a message) of their own, whatever their kind: the message key is
 * the field's name.
 */
const OWN: Partial<Record<ScheduleFieldName & ScheduleMessageKey, { test(s: string): boolean }>> = {
  cardNumber: { test: (s) => /^\d{12,19}$/.test(s) && luhnValid(s) },
  cardExpMonth: /^(?:0?[1-9]|1[0-2])$/,
  cardExpYear: /^\d{4}$/,
  cardCvv: /^\d{3,4}$/,
  achRoutingNumber: { test: abaRoutingValid },
  achAccountNumber: /^\d{1,17}$/,
};

/** The token fields' own shapes; a mismatch is 'invalidValue' (the token's format is PayJunction's, so only loosely). */
const TOKEN_SHAPES: Partial<Record<string, RegExp>> = { tokenId: /^[\w.:-]+$/, cardLastFour: /^\d{4}$/ };

/** A field's own error: the first of its kind's checks that fails, or undefined. */
function ownError(spec: ScheduleFieldSpec, s: string, today: string): ScheduleMessageKey | undefined {
  const { name, kind } = spec;
  const own = OWN[name as keyof typeof OWN];
  if (own) return own.test(s) ? undefined : (name as ScheduleMessageKey);
  if (TOKEN_SHAPES[name]?.test(s) === false) return 'invalidValue';
  switch (kind) {
    case 'money': // the base amount (the one required) must be more than zero
      return moneyProblem(s, { positive: spec.required });
    case 'date':
      return !isIsoDate(s) ? 'date' : s < today ? 'datePast' : undefined;
    case 'enum':
      return spec.options!.includes(s) ? undefined : 'option';
    case 'integer': // 1 to 15 digits, at least one non-zero: "1", "0012" (leading zeros are dropped in the output)
      return /^(?=.*[1-9])\d{1,15}$/.test(s) ? undefined : 'positiveInteger';
    case 'boolean':
      return s === 'true' || s === 'false' ? undefined : 'boolean';
  }
  return s.length > spec.maxLength!
    ? 'tooLong'
    : kind === 'email' && !/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(s)
      ? 'email'
      : undefined;
}

// ─── Cross-field rules ──────────────────────────────────────────────────────────────────────

/** The fields that name each payment source, space-separated. */
const SOURCE_FIELDS: Record<RelayPaymentSource, string> = {
  card: 'cardNumber cardExpMonth cardExpYear',
  ach: 'achRoutingNumber achAccountNumber achAccountType',
  vault: 'vaultId',
  transaction: 'transactionId',
  token: 'tokenId',
};

/**
 * The payment sources a body names, by presence alone. A source counts as soon as one of its fields
 * is given (a half-typed card next to a bank account is two sources). cardCvv and achType do not
 * count: they also go with a vault or transaction re-bill.
 */
export function paymentSources(values: Record<string, unknown>): RelayPaymentSource[] {
  return (Object.keys(SOURCE_FIELDS) as RelayPaymentSource[]).filter((source) =>
    SOURCE_FIELDS[source].split(' ').some((name) => values[name] !== undefined && values[name] !== ''),
  );
}

type Values = Partial<Record<ScheduleFieldName | TokenFieldName, string>>;

/**
 * The rules that depend on other fields, for this input and its one payment source (undefined
 * unless exactly one): [fields (space-separated), applies, key]. A key starting with "required"
 * reports each of the fields that is absent; any other key, each that is present.
 */
function rules(values: Values, source: RelayPaymentSource | undefined): [string, boolean, ScheduleMessageKey][] {
  const card = source === 'card' || source === 'token';
  const ach = source === 'ach';
  const periodic = values.scheduleType === 'PERIODIC';
  const once = values.scheduleType === 'SPECIFIC_DATES';
  return [
    [SOURCE_FIELDS.card, source === 'card', 'required'],
    [`${SOURCE_FIELDS.ach} achType`, ach, 'required'],
    ['billingFirstName billingLastName', ach && values.achType === 'PPD', 'requiredForPpd'],
    ['billingCompanyName', ach && values.achType === 'CCD', 'requiredForCcd'],
    ['achType', card, 'notForCard'],
    ['cardCvv', ach, 'notForAch'],
    ['interval intervalCount startDate', periodic, 'required'],
    ['specificDate1', once, 'required'],
    ['interval intervalCount intervalCap startDate', once, 'periodicOnly'],
    ['specificDate1', periodic, 'specificDatesOnly'],
  ];
}

// ─── Public API ─────────────────────────────────────────────────────────────────────────────

export interface ScheduleValidationOptions {
  /** The date dates and card expiry are checked against, yyyy-MM-dd. Default: localToday(). */
  today?: string;
  /** Replaces any of the English sentences (SCHEDULE_MESSAGES_EN), e.g. with a Spanish table. */
  messages?: ScheduleMessagesOverride;
  /**
   * Accepts the relay's card source `tokenId` (TOKEN_FIELDS), exclusive with the others: POST
   * /pj/schedules and the form that posts to it. Off, tokenId is an unknown field (PayJunction's rules).
   */
  tokenSource?: boolean;
}

const isRequiredKey = (key: ScheduleMessageKey) => key.startsWith('required');

/**
 * Validates a POST /schedules body against PayJunction's rules. `input` may come from a form, a
 * form-encoded body (strings) or JSON (numbers and booleans too). Unknown fields are dropped.
 * Returns every field's error (at most one per field, in SCHEDULE_FIELDS order, `paymentMethod`
 * first), or the normalized ScheduleParams.
 */
/** Fields whose value is a string of digits (spaces and dashes allowed as typing aids). */
const DIGIT_STRING_FIELDS = /^(cardNumber|cardCvv|ach(Routing|Account)Number)$/;

export function validateSchedule(
  input: Record<string, unknown>,
  options: ScheduleValidationOptions = {},
): ValidationResult<ScheduleParams> {
  const today = options.today ?? localToday();
  if (!isIsoDate(today)) throw new RangeError(`options.today must be a yyyy-MM-dd date: ${today}`);
  const values: Values & Record<string, string | undefined> = {};
  const params: Record<string, string | boolean> = {};
  /** The error key of each field: the first one found is kept. */
  const found: Record<string, ScheduleMessageKey> = {};
  const flag = (name: string, key: ScheduleMessageKey) => (found[name] ??= key);
  const specs: readonly ScheduleFieldSpec[] = options.tokenSource
    ? [...TOKEN_FIELDS, ...SCHEDULE_FIELDS]
    : SCHEDULE_FIELDS;

  // Known fields only, as trimmed strings; "" and null are absent; objects/arrays are errors.
  for (const { name } of specs) {
    const raw = Object.hasOwn(input, name) ? input[name] : undefined;
    // Card and bank numbers only as text: a JSON number loses digits past 2^53 and leading zeros.
    const digitsOnly = DIGIT_STRING_FIELDS.test(name);
    let text =
      typeof raw === 'string'
        ? raw.trim()
        : !digitsOnly && (Number.isFinite(raw) || typeof raw === 'boolean')
          ? String(raw)
          : undefined;
    if (text === undefined) {
      if (raw != null) flag(name, 'invalidValue');
      continue;
    }
    // Spaces and dashes in card and bank numbers are typing aids, removed before checking and in the output.
    if (digitsOnly) text = stripDigits(text);
    if (text) values[name] = text;
  }

  // Exactly one payment source. Presence alone decides, so this runs even when fields are invalid.
  const sources = paymentSources(values);
  const count = sources.length;
  if (count !== 1) flag(PAYMENT_METHOD_FIELD, count ? 'paymentMethodConflict' : 'requiredPaymentMethod');

  // Each field's own checks; a valid value is normalized for the output.
  for (const spec of specs) {
    const { name, kind } = spec;
    const value = values[name];
    const key = value === undefined ? (spec.required ? 'required' : undefined) : ownError(spec, value, today);
    if (key) flag(name, key);
    else if (value !== undefined) {
      params[name] =
        kind === 'money'
          ? normalizeMoney(value)
          : kind === 'integer'
            ? value.replace(/^0+/, '')
            : kind === 'boolean'
              ? value === 'true'
              : value;
    }
  }

  // Then the rules that depend on other fields, all of them, whatever else is wrong.
  for (const [names, applies, key] of rules(values, count === 1 ? sources[0] : undefined)) {
    for (const name of names.split(' ')) {
      if (applies && (values[name] === undefined) === isRequiredKey(key)) flag(name, key);
    }
  }
  // A card is good through the last day of its expiry month; reported on the year, typed last.
  // `params` holds the valid values only (month 1–12, a 4-digit year; `today` is checked above), so this
  // is isExpiryPast's comparison without its argument checks, which a browser bundle need not carry.
  const { cardExpMonth: month, cardExpYear: year } = params;
  if (month && year && +year * 12 + +month < +today.slice(0, 4) * 12 + +today.slice(5, 7))
    flag('cardExpYear', 'cardExpired');

  const errors: FieldError[] = [];
  const override = options.messages;
  // The display-only token fields mean nothing without a token: dropped like unknown fields.
  if (values.tokenId === undefined) {
    for (const { name } of TOKEN_FIELDS) {
      delete params[name];
      delete found[name];
    }
  }
  for (const spec of [{ name: PAYMENT_METHOD_FIELD } as ScheduleFieldSpec, ...specs]) {
    const key = found[spec.name];
    if (key) errors.push(fieldError(spec, key, override));
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: params as ScheduleParams };
}

/** One field's error, in the words of `override` where it has them. */
function fieldError(spec: ScheduleFieldSpec, key: ScheduleMessageKey, override?: ScheduleMessagesOverride): FieldError {
  const name = spec.name as ScheduleFieldName;
  const words: Record<string, string> = {
    field: override?.fields?.[name] ?? SCHEDULE_MESSAGES_EN.fields[name] ?? name,
    max: String(spec.maxLength ?? ''),
    options: spec.options?.join(', ') ?? '',
  };
  const message = format(override?.[key] ?? SCHEDULE_MESSAGES_EN[key], words);
  return { field: name, message, type: isRequiredKey(key) ? 'required' : 'invalid' };
}

/** A bank account on its own: the four ACH fields of a schedule, all required. */
export type AchAccount = Required<
  Pick<ScheduleParams, 'achRoutingNumber' | 'achAccountNumber' | 'achAccountType' | 'achType'>
>;

/**
 * A bank account without a schedule (the fields frame's ACH vault): each ACH field judged by the
 * schedule's own checks and messages, all four required. Other fields are ignored.
 */
export function validateAchAccount(
  input: Record<string, unknown>,
  options: Pick<ScheduleValidationOptions, 'messages'> = {},
): ValidationResult<AchAccount> {
  const errors: FieldError[] = [];
  const account: Record<string, string> = {};
  for (const spec of SCHEDULE_FIELDS.filter((f) => f.group === 'ach')) {
    const raw = Object.hasOwn(input, spec.name) ? input[spec.name] : undefined;
    const text = typeof raw === 'string' ? (spec.kind === 'digits' ? stripDigits(raw.trim()) : raw.trim()) : undefined;
    const key = text ? ownError(spec, text, '1970-01-01') : raw == null || text === '' ? 'required' : 'invalidValue';
    if (key) errors.push(fieldError(spec, key, options.messages));
    else account[spec.name] = text!;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: account as AchAccount };
}

/**
 * One field's error for on-blur checks, judged with the whole input (other fields decide, e.g.
 * achType=PPD makes billingFirstName required). Same code path as validateSchedule. `name` may be
 * `paymentMethod` for the exactly-one-source rule.
 */
export function validateScheduleField(
  name: ScheduleFieldName | typeof PAYMENT_METHOD_FIELD | (string & {}),
  input: Record<string, unknown>,
  options: ScheduleValidationOptions = {},
): FieldError | undefined {
  const result = validateSchedule(input, options);
  return result.ok ? undefined : result.errors.find((error) => error.field === name);
}

/** PayJunction's payment source of validated params (exactly one by then); a card token is a card. */
export function schedulePaymentSource(params: ScheduleParams): PaymentSource {
  const source = paymentSources(params)[0]!;
  return source === 'token' ? 'card' : source;
}
