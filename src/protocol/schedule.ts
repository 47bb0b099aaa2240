/**
 * The rule set of PayJunction's POST /schedules (seeds/003), one definition shared by the schedule
 * form (browser), the relay and the simulator (Node).
 *
 * Flow: normalizeInput (strings trimmed, "" = absent, numbers/booleans from JSON turned to strings,
 * spaces and dashes removed from card/bank numbers, unknown fields dropped) → one valibot schema
 * (per-field pipes, then cross-field partialCheck/forward/rawCheck rules) → issues mapped to
 * FieldError with messages from one replaceable table (SCHEDULE_MESSAGES_EN), at most one per field.
 *
 * Valibot issue messages carry a message KEY, not text: the text is rendered afterwards from
 * options.messages, so a locale replaces words without touching a rule.
 */
import * as v from 'valibot';
import { abaRoutingValid, isExpiryPast, localToday, luhnValid, stripDigits } from './card.js';
import { compareMoney, isMoney, isWithinMoneyMax, normalizeMoney } from './money.js';
import type { FieldError, ValidationResult } from './wire.js';

// ─── Field metadata ─────────────────────────────────────────────────────────────────────────

export type ScheduleFieldGroup =
  | 'card' | 'ach' | 'vault' | 'transaction' | 'security' | 'amounts' | 'schedule' | 'billing' | 'shipping' | 'other';
export type ScheduleFieldKind = 'money' | 'date' | 'enum' | 'text' | 'digits' | 'email' | 'integer' | 'boolean';

export interface ScheduleFieldSpec<N extends string = string> {
  /** PayJunction's parameter name, also the form control's `name`. */
  readonly name: N;
  readonly group: ScheduleFieldGroup;
  readonly kind: ScheduleFieldKind;
  /** Longest value PayJunction takes, counted AFTER normalization (card digits without spaces). */
  readonly maxLength?: number;
  /** The accepted values of an enum field. */
  readonly options?: readonly string[];
  /** Required whatever else is sent. Conditional requirements are rules, not metadata. */
  readonly required?: boolean;
}

const field = <N extends string>(
  name: N,
  group: ScheduleFieldGroup,
  kind: ScheduleFieldKind,
  maxLength?: number,
  options?: readonly string[],
  required?: boolean,
): ScheduleFieldSpec<N> => ({ name, group, kind, maxLength, options, required });

export const SCHEDULE_TYPES = ['PERIODIC', 'SPECIFIC_DATES'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];
export const SCHEDULE_INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export const AVS_OPTIONS = ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'] as const;
export const CVV_OPTIONS = ['ON', 'OFF'] as const;
export const ACH_ACCOUNT_TYPES = ['SAVINGS', 'CHECKING'] as const;
/** PPD: a consumer's account (needs first and last name); CCD: a business account (needs company name). */
export const ACH_TYPES = ['PPD', 'CCD'] as const;

/** Contact fields, identical for billing* and shipping* in seed 003, with their max lengths. */
const CONTACT_FIELDS = [
  ['Identifier', 64], ['FirstName', 16], ['MiddleName', 32], ['LastName', 32], ['CompanyName', 64],
  ['JobTitle', 32], ['Phone', 24], ['Phone2', 24], ['Address', 128], ['City', 32], ['State', 32],
  ['Zip', 12], ['Country', 32], ['Email', 128], ['Website', 128],
] as const;
type ContactSuffix = (typeof CONTACT_FIELDS)[number][0];

const contactFields = <P extends 'billing' | 'shipping'>(prefix: P) =>
  CONTACT_FIELDS.map(([suffix, max]) =>
    field(`${prefix}${suffix}` as `${P}${ContactSuffix}`, prefix, suffix === 'Email' ? 'email' : 'text', max),
  );

const FIELDS = [
  field('cardNumber', 'card', 'digits', 19),
  field('cardExpMonth', 'card', 'integer', 2),
  field('cardExpYear', 'card', 'digits', 4),
  field('cardCvv', 'card', 'digits', 4),
  field('achRoutingNumber', 'ach', 'digits', 9),
  field('achAccountNumber', 'ach', 'digits', 17),
  field('achAccountType', 'ach', 'enum', undefined, ACH_ACCOUNT_TYPES),
  field('achType', 'ach', 'enum', undefined, ACH_TYPES),
  field('vaultId', 'vault', 'integer'),
  field('transactionId', 'transaction', 'integer'),
  field('avs', 'security', 'enum', undefined, AVS_OPTIONS),
  field('cvv', 'security', 'enum', undefined, CVV_OPTIONS),
  // Seed 003 does not star amountBase, but a schedule without an amount has nothing to charge.
  field('amountBase', 'amounts', 'money', 10, undefined, true),
  field('amountShipping', 'amounts', 'money', 10),
  field('amountTip', 'amounts', 'money', 10),
  field('amountTax', 'amounts', 'money', 10),
  field('amountSurchargeTax', 'amounts', 'money', 10),
  field('terminalId', 'schedule', 'integer'),
  field('scheduleType', 'schedule', 'enum', undefined, SCHEDULE_TYPES, true),
  field('interval', 'schedule', 'enum', undefined, SCHEDULE_INTERVALS),
  field('intervalCount', 'schedule', 'integer'),
  field('intervalCap', 'schedule', 'integer'),
  field('startDate', 'schedule', 'date', 10),
  field('specificDate1', 'schedule', 'date', 10),
  ...contactFields('billing'),
  ...contactFields('shipping'),
  field('invoiceNumber', 'other', 'text', 32),
  field('purchaseOrderNumber', 'other', 'text', 32),
  field('bypassDuplicate', 'other', 'boolean'),
];

/** Every POST /schedules parameter, in the order a form shows them. */
export const SCHEDULE_FIELDS: ReadonlyArray<(typeof FIELDS)[number]> = FIELDS;

export type ScheduleFieldName = (typeof SCHEDULE_FIELDS)[number]['name'];
/** The field of the exactly-one-payment-source rule, which belongs to no single parameter. */
export const PAYMENT_METHOD_FIELD = 'paymentMethod';

const FIELD_BY_NAME = new Map<string, ScheduleFieldSpec>(SCHEDULE_FIELDS.map((spec) => [spec.name, spec]));

/** A validated, normalized POST /schedules body: only known parameters, ready to form-encode. */
export type ScheduleParams = Partial<Record<Exclude<ScheduleFieldName, 'bypassDuplicate'>, string>> & {
  amountBase: string;
  scheduleType: ScheduleType;
  bypassDuplicate?: boolean;
};

export type PaymentSource = 'card' | 'ach' | 'vault' | 'transaction';

// ─── Messages ───────────────────────────────────────────────────────────────────────────────

/**
 * Every sentence the validation can say. Placeholders: {field} (the field's words from `fields`),
 * {max} (its maxLength), {options} (its enum values). A key starting with "required" reports
 * type 'required'; every other key reports 'invalid'.
 */
export interface ScheduleMessages {
  /** The field names in words, written to start a sentence. */
  fields: Record<ScheduleFieldName, string>;
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

const CONTACT_WORDS: Record<ContactSuffix, string> = {
  Identifier: 'customer ID', FirstName: 'first name', MiddleName: 'middle name', LastName: 'last name',
  CompanyName: 'company name', JobTitle: 'job title', Phone: 'phone', Phone2: 'second phone',
  Address: 'street address', City: 'city', State: 'state', Zip: 'ZIP code', Country: 'country',
  Email: 'email', Website: 'website',
};
const contactLabels = (prefix: 'billing' | 'shipping', words: string) =>
  Object.fromEntries(CONTACT_FIELDS.map(([suffix]) => [`${prefix}${suffix}`, `${words} ${CONTACT_WORDS[suffix]}`])) as
    Record<`${typeof prefix}${ContactSuffix}`, string>;

/** The English message table, the default of options.messages. */
export const SCHEDULE_MESSAGES_EN: ScheduleMessages = {
  fields: {
    cardNumber: 'Card number',
    cardExpMonth: 'Expiration month',
    cardExpYear: 'Expiration year',
    cardCvv: 'CVV',
    achRoutingNumber: 'Routing number',
    achAccountNumber: 'Account number',
    achAccountType: 'Account type',
    achType: 'ACH type',
    vaultId: 'Vault ID',
    transactionId: 'Transaction ID',
    avs: 'Address check (AVS)',
    cvv: 'CVV check',
    amountBase: 'Amount',
    amountShipping: 'Shipping amount',
    amountTip: 'Tip',
    amountTax: 'Tax',
    amountSurchargeTax: 'Surcharge tax',
    terminalId: 'Terminal ID',
    scheduleType: 'Schedule type',
    interval: 'Interval',
    intervalCount: 'Interval count',
    intervalCap: 'Number of payments',
    startDate: 'Start date',
    specificDate1: 'Payment date',
    ...contactLabels('billing', 'Billing'),
    ...contactLabels('shipping', 'Shipping'),
    invoiceNumber: 'Invoice number',
    purchaseOrderNumber: 'Purchase order number',
    bypassDuplicate: 'Allow duplicate',
  },
  required: '{field} is required.',
  requiredPaymentMethod: 'Choose how the customer pays: a card, a bank account, a vault ID or a transaction ID.',
  requiredForPpd: '{field} is required for a personal (PPD) bank account.',
  requiredForCcd: '{field} is required for a business (CCD) bank account.',
  paymentMethodConflict: 'Use only one way to pay: a card, a bank account, a vault ID or a transaction ID.',
  invalidValue: '{field} is not valid.',
  tooLong: '{field} must be {max} characters or fewer.',
  money: '{field} must be written like 12.50, with digits and at most 2 decimals.',
  moneyPositive: '{field} must be more than 0.00.',
  moneyMax: "{field} can't be more than 1,000,000.00.",
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

// ─── Value checks (plain functions, exported for the form's own input hints) ───────────────

/** A real calendar date written yyyy-MM-dd (2030-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** Digits only, at least one non-zero: "1", "0012" (leading zeros are dropped in the output). */
const isPositiveInteger = (s: string) => /^\d{1,15}$/.test(s) && /[1-9]/.test(s);
const isCardNumber = (s: string) => /^\d{12,19}$/.test(s) && luhnValid(s);
const isExpMonth = (s: string) => /^(?:0?[1-9]|1[0-2])$/.test(s);
const isExpYear = (s: string) => /^\d{4}$/.test(s);
const isEmail = (s: string) => /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(s);

// ─── Input normalization ────────────────────────────────────────────────────────────────────

type Values = Partial<Record<ScheduleFieldName, string>>;
/** Fields whose spaces and dashes are typing aids, removed before checking and in the output. */
const DIGIT_FIELDS = new Set<string>(['cardNumber', 'cardCvv', 'achRoutingNumber', 'achAccountNumber']);

interface PendingError {
  field: string;
  key: ScheduleMessageKey;
}

/** Known fields only, as trimmed strings; "" and null are absent; objects/arrays are errors. */
function normalizeInput(input: Record<string, unknown>): { values: Values; errors: PendingError[] } {
  const values: Values = {};
  const errors: PendingError[] = [];
  for (const { name } of SCHEDULE_FIELDS) {
    if (!Object.hasOwn(input, name)) continue;
    const raw = input[name];
    let text: string;
    if (typeof raw === 'string') text = raw.trim();
    else if ((typeof raw === 'number' && Number.isFinite(raw)) || typeof raw === 'boolean') text = String(raw);
    else if (raw === undefined || raw === null) continue;
    else {
      errors.push({ field: name, key: 'invalidValue' });
      continue;
    }
    if (DIGIT_FIELDS.has(name)) text = stripDigits(text);
    if (text !== '') values[name] = text;
  }
  return { values, errors };
}

// ─── The schema ─────────────────────────────────────────────────────────────────────────────

type Check = [test: (value: string) => boolean, key: ScheduleMessageKey];

/** Each field's own format checks, in order; only the first failing one is reported. */
function fieldChecks(spec: ScheduleFieldSpec, today: string): Check[] {
  const max = spec.maxLength;
  switch (spec.name) {
    case 'cardNumber': return [[isCardNumber, 'cardNumber']];
    case 'cardExpMonth': return [[isExpMonth, 'cardExpMonth']];
    case 'cardExpYear': return [[isExpYear, 'cardExpYear']];
    case 'cardCvv': return [[(s) => /^\d{3,4}$/.test(s), 'cardCvv']];
    case 'achRoutingNumber': return [[abaRoutingValid, 'achRoutingNumber']];
    case 'achAccountNumber': return [[(s) => /^\d{1,17}$/.test(s), 'achAccountNumber']];
  }
  switch (spec.kind) {
    case 'money': {
      const checks: Check[] = [[isMoney, 'money'], [(s) => !isMoney(s) || isWithinMoneyMax(s), 'moneyMax']];
      if (spec.name === 'amountBase') checks.push([(s) => !isMoney(s) || compareMoney(s, '0') > 0, 'moneyPositive']);
      return checks;
    }
    case 'date': return [[isIsoDate, 'date'], [(s) => s >= today, 'datePast']];
    case 'enum': return [[(s) => spec.options!.includes(s), 'option']];
    case 'integer': return [[isPositiveInteger, 'positiveInteger']];
    case 'boolean': return [[(s) => s === 'true' || s === 'false', 'boolean']];
    case 'email': return [[(s) => s.length <= max!, 'tooLong'], [isEmail, 'email']];
    default: return [[(s) => s.length <= max!, 'tooLong']];
  }
}

const SOURCE_FIELDS: Record<PaymentSource, readonly ScheduleFieldName[]> = {
  card: ['cardNumber', 'cardExpMonth', 'cardExpYear'],
  ach: ['achRoutingNumber', 'achAccountNumber', 'achAccountType'],
  vault: ['vaultId'],
  transaction: ['transactionId'],
};

/**
 * The payment sources a body names, by presence alone. A source counts as soon as one of its fields
 * is given (a half-typed card next to a bank account is two sources). cardCvv and achType do not
 * count: they also go with a vault or transaction re-bill.
 */
export function paymentSources(values: Record<string, unknown>): PaymentSource[] {
  return (Object.keys(SOURCE_FIELDS) as PaymentSource[]).filter((source) =>
    SOURCE_FIELDS[source].some((name) => values[name] !== undefined && values[name] !== ''),
  );
}

/** The one source when exactly one is named, else undefined. */
const soleSource = (values: Values): PaymentSource | undefined => {
  const sources = paymentSources(values);
  return sources.length === 1 ? sources[0] : undefined;
};

/**
 * A rule about one field that depends on the presence or exact value of others, reported on that
 * field (forward). Valibot skips a partialCheck only after a schema issue on its paths (a missing
 * required key); after a failed format check it still runs, so a field's own format error, found
 * first, is the one kept (one error per field).
 */
const fieldRule = (name: ScheduleFieldName, requirement: (values: Values) => boolean, key: ScheduleMessageKey) =>
  v.forward(
    v.partialCheck<Values, [[ScheduleFieldName]], Values, ScheduleMessageKey>(
      [[name]],
      requirement,
      key,
    ),
    [name],
  );

const requiredWhen = (names: readonly ScheduleFieldName[], when: (values: Values) => boolean, key: ScheduleMessageKey = 'required') =>
  names.map((name) => fieldRule(name, (values) => !when(values) || values[name] !== undefined, key));

const forbiddenWhen = (names: readonly ScheduleFieldName[], when: (values: Values) => boolean, key: ScheduleMessageKey) =>
  names.map((name) => fieldRule(name, (values) => !when(values) || values[name] === undefined, key));

function buildSchema(today: string) {
  const entries: Record<string, v.GenericSchema<string | undefined>> = {};
  for (const spec of SCHEDULE_FIELDS) {
    const checks = fieldChecks(spec, today).map(([test, key]) => v.check<string, ScheduleMessageKey>(test, key));
    const pipe = v.pipe(v.string(), ...checks); // values are non-empty strings or absent by now
    entries[spec.name] = spec.required ? pipe : v.optional(pipe);
  }
  const isCard = (values: Values) => soleSource(values) === 'card';
  const isAch = (values: Values) => soleSource(values) === 'ach';
  const isPeriodic = (values: Values) => values.scheduleType === 'PERIODIC';
  const isSpecificDates = (values: Values) => values.scheduleType === 'SPECIFIC_DATES';
  return v.pipe(
    // The object's own message is what an absent required key reports.
    v.object(entries, 'required' satisfies ScheduleMessageKey) as unknown as v.GenericSchema<Values>,
    // Exactly one payment source. Presence alone decides, so this runs even when fields are invalid.
    v.rawCheck<Values>(({ dataset, addIssue }) => {
      const count = paymentSources(dataset.value as Values).length;
      if (count !== 1) addIssue({ message: count === 0 ? 'requiredPaymentMethod' : 'paymentMethodConflict' });
    }),
    ...requiredWhen(SOURCE_FIELDS.card, isCard),
    ...requiredWhen([...SOURCE_FIELDS.ach, 'achType'], isAch),
    ...requiredWhen(['billingFirstName', 'billingLastName'], (values) => isAch(values) && values.achType === 'PPD', 'requiredForPpd'),
    ...requiredWhen(['billingCompanyName'], (values) => isAch(values) && values.achType === 'CCD', 'requiredForCcd'),
    ...forbiddenWhen(['achType'], isCard, 'notForCard'),
    ...forbiddenWhen(['cardCvv'], isAch, 'notForAch'),
    // A card is good through the last day of its expiry month; reported on the year, typed last.
    v.forward(
      v.partialCheck<Values, [['cardExpMonth'], ['cardExpYear']], Values, ScheduleMessageKey>(
        [['cardExpMonth'], ['cardExpYear']],
        ({ cardExpMonth, cardExpYear }) =>
          !cardExpMonth || !cardExpYear || !isExpMonth(cardExpMonth) || !isExpYear(cardExpYear) ||
          !isExpiryPast(cardExpMonth, cardExpYear, today),
        'cardExpired',
      ),
      ['cardExpYear'],
    ),
    ...requiredWhen(['interval', 'intervalCount', 'startDate'], isPeriodic),
    ...requiredWhen(['specificDate1'], isSpecificDates),
    ...forbiddenWhen(['interval', 'intervalCount', 'intervalCap', 'startDate'], isSpecificDates, 'periodicOnly'),
    ...forbiddenWhen(['specificDate1'], isPeriodic, 'specificDatesOnly'),
  );
}

// Building the schema is cheap, but the form validates on every blur: keep the one for the last `today`.
let cachedSchema: { today: string; schema: ReturnType<typeof buildSchema> } | undefined;
function schemaFor(today: string) {
  if (cachedSchema?.today !== today) cachedSchema = { today, schema: buildSchema(today) };
  return cachedSchema.schema;
}

// ─── Public API ─────────────────────────────────────────────────────────────────────────────

export interface ScheduleValidationOptions {
  /** The date dates and card expiry are checked against, yyyy-MM-dd. Default: localToday(). */
  today?: string;
  /** Replaces any of the English sentences (SCHEDULE_MESSAGES_EN), e.g. with a Spanish table. */
  messages?: ScheduleMessagesOverride;
}

const FIELD_ORDER = new Map<string, number>([
  [PAYMENT_METHOD_FIELD, -1],
  ...SCHEDULE_FIELDS.map((spec, index) => [spec.name, index] as [string, number]),
]);

function renderMessage(key: ScheduleMessageKey, name: string, override: ScheduleMessagesOverride | undefined): string {
  const template = override?.[key] ?? SCHEDULE_MESSAGES_EN[key];
  const spec = FIELD_BY_NAME.get(name);
  const words: Record<string, string> = {
    field: override?.fields?.[name as ScheduleFieldName] ?? SCHEDULE_MESSAGES_EN.fields[name as ScheduleFieldName] ?? name,
    max: String(spec?.maxLength ?? ''),
    options: spec?.options?.join(', ') ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, word: string) => words[word] ?? whole);
}

/** The normalized value PayJunction is sent, by field kind. Only called on valid values. */
function outputValue(spec: ScheduleFieldSpec, value: string): string | boolean {
  switch (spec.kind) {
    case 'money': return normalizeMoney(value);
    case 'integer': return value.replace(/^0+/, '');
    case 'boolean': return value === 'true';
    default: return value;
  }
}

/**
 * Validates a POST /schedules body against seed 003's rules. `input` may come from a form, a
 * form-encoded body (strings) or JSON (numbers and booleans too). Unknown fields are dropped.
 * Returns every field's error (at most one per field, in SCHEDULE_FIELDS order, `paymentMethod`
 * first), or the normalized ScheduleParams.
 */
export function validateSchedule(
  input: Record<string, unknown>,
  options: ScheduleValidationOptions = {},
): ValidationResult<ScheduleParams> {
  const today = options.today ?? localToday();
  if (!isIsoDate(today)) throw new RangeError(`options.today must be a yyyy-MM-dd date: ${today}`);
  const { values, errors: pending } = normalizeInput(input);
  const result = v.safeParse(schemaFor(today), values);
  for (const issue of result.issues ?? []) {
    const key = issue.path?.[0]?.key;
    pending.push({ field: typeof key === 'string' ? key : PAYMENT_METHOD_FIELD, key: issue.message as ScheduleMessageKey });
  }
  const errors = new Map<string, FieldError>();
  for (const { field: name, key } of pending) {
    if (errors.has(name)) continue;
    errors.set(name, {
      field: name,
      message: renderMessage(key, name, options.messages),
      type: key.startsWith('required') ? 'required' : 'invalid',
    });
  }
  if (errors.size > 0) {
    const sorted = [...errors.values()].sort((a, b) => FIELD_ORDER.get(a.field)! - FIELD_ORDER.get(b.field)!);
    return { ok: false, errors: sorted };
  }
  const params: Record<string, string | boolean> = {};
  for (const spec of SCHEDULE_FIELDS) {
    const value = values[spec.name];
    if (value !== undefined) params[spec.name] = outputValue(spec, value);
  }
  return { ok: true, value: params as ScheduleParams };
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

/** The payment source of validated params (exactly one by then). */
export function schedulePaymentSource(params: ScheduleParams): PaymentSource {
  return paymentSources(params)[0]!;
}
