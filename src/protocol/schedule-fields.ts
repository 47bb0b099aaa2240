/**
 * The parameters of PayJunction's POST /schedules
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315): each field's group, kind,
 * limits and English words, in the order a form shows them. The rules that judge them are in
 * ./schedule.ts; the form builds its controls from SCHEDULE_FIELDS.
 */

export type ScheduleFieldGroup =
  'card' | 'ach' | 'vault' | 'transaction' | 'security' | 'amounts' | 'schedule' | 'billing' | 'shipping' | 'other';
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

export const SCHEDULE_TYPES = ['PERIODIC', 'SPECIFIC_DATES'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];
export const SCHEDULE_INTERVALS = ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export const AVS_OPTIONS = ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'] as const;
export const CVV_OPTIONS = ['ON', 'OFF'] as const;
export const ACH_ACCOUNT_TYPES = ['SAVINGS', 'CHECKING'] as const;
/** PPD: a consumer's account (needs first and last name); CCD: a business account (needs company name). */
export const ACH_TYPES = ['PPD', 'CCD'] as const;

/**
 * One field: its kind, its words in English (SCHEDULE_MESSAGES_EN.fields, written to start a
 * sentence), then its maxLength (a number) or its enum options (an array), then `true` if required.
 */
type Row = readonly [kind: ScheduleFieldKind, words: string, limit?: number | readonly string[], required?: true];

/** Contact fields, identical for billing* and shipping* on POST /schedules: words after "Billing"/"Shipping", max length. */
const CONTACT = {
  Identifier: ['customer ID', 64],
  FirstName: ['first name', 16],
  MiddleName: ['middle name', 32],
  LastName: ['last name', 32],
  CompanyName: ['company name', 64],
  JobTitle: ['job title', 32],
  Phone: ['phone', 24],
  Phone2: ['second phone', 24],
  Address: ['street address', 128],
  City: ['city', 32],
  State: ['state', 32],
  Zip: ['ZIP code', 12],
  Country: ['country', 32],
  Email: ['email', 128],
  Website: ['website', 128],
} as const;
type ContactSuffix = keyof typeof CONTACT;

const contact = <P extends string>(prefix: P, words: string) =>
  Object.fromEntries(
    Object.entries(CONTACT).map(([suffix, [what, max]]): [string, Row] => [
      prefix + suffix,
      [suffix === 'Email' ? 'email' : 'text', `${words} ${what}`, max],
    ]),
  ) as Record<`${P}${ContactSuffix}`, Row>;

/** Every POST /schedules parameter by group, in the order a form shows them. */
const TABLE = {
  card: {
    cardNumber: ['digits', 'Card number', 19],
    cardExpMonth: ['integer', 'Expiration month', 2],
    cardExpYear: ['digits', 'Expiration year', 4],
    cardCvv: ['digits', 'CVV', 4],
  },
  ach: {
    achRoutingNumber: ['digits', 'Routing number', 9],
    achAccountNumber: ['digits', 'Account number', 17],
    achAccountType: ['enum', 'Account type', ACH_ACCOUNT_TYPES],
    achType: ['enum', 'ACH type', ACH_TYPES],
  },
  vault: { vaultId: ['integer', 'Vault ID'] },
  transaction: { transactionId: ['integer', 'Transaction ID'] },
  security: {
    avs: ['enum', 'Address check (AVS)', AVS_OPTIONS],
    cvv: ['enum', 'CVV check', CVV_OPTIONS],
  },
  amounts: {
    // Seed 003 does not star amountBase, but a schedule without an amount has nothing to charge.
    amountBase: ['money', 'Amount', 10, true],
    amountShipping: ['money', 'Shipping amount', 10],
    amountTip: ['money', 'Tip', 10],
    amountTax: ['money', 'Tax', 10],
    amountSurchargeTax: ['money', 'Surcharge tax', 10],
  },
  schedule: {
    terminalId: ['integer', 'Terminal ID'],
    scheduleType: ['enum', 'Schedule type', SCHEDULE_TYPES, true],
    interval: ['enum', 'Interval', SCHEDULE_INTERVALS],
    intervalCount: ['integer', 'Interval count'],
    intervalCap: ['integer', 'Number of payments'],
    startDate: ['date', 'Start date', 10],
    specificDate1: ['date', 'Payment date', 10],
  },
  billing: contact('billing', 'Billing'),
  shipping: contact('shipping', 'Shipping'),
  other: {
    invoiceNumber: ['text', 'Invoice number', 32],
    purchaseOrderNumber: ['text', 'Purchase order number', 32],
    bypassDuplicate: ['boolean', 'Allow duplicate'],
  },
} satisfies Record<ScheduleFieldGroup, Record<string, Row>>;

type Table = typeof TABLE;
type SpecUnion = {
  [G in keyof Table]: { [N in keyof Table[G] & string]: ScheduleFieldSpec<N> }[keyof Table[G] & string];
}[keyof Table];

const FIELDS: ScheduleFieldSpec[] = [];
const WORDS: Record<string, string> = {};
for (const [group, rows] of Object.entries(TABLE) as [ScheduleFieldGroup, Record<string, Row>][]) {
  for (const [name, [kind, words, limit, required]] of Object.entries(rows)) {
    const maxLength = typeof limit === 'number' ? limit : undefined;
    FIELDS.push({
      name,
      group,
      kind,
      maxLength,
      options: maxLength === limit ? undefined : (limit as readonly string[]),
      required,
    });
    WORDS[name] = words;
  }
}

/** Every POST /schedules parameter, in the order a form shows them. */
export const SCHEDULE_FIELDS = FIELDS as ReadonlyArray<SpecUnion>;

export type ScheduleFieldName = (typeof SCHEDULE_FIELDS)[number]['name'];
/** The field of the exactly-one-payment-source rule, which belongs to no single parameter. */
export const PAYMENT_METHOD_FIELD = 'paymentMethod';

/**
 * The relay's own card source, which is not a POST /schedules parameter (PayJunction's schedules take
 * no tokenId): a single-use token from PayJunction's tokenization SDK
 * (https://developer.payjunction.com/hc/en-us/articles/4404002342555), which the relay turns into a
 * customer, a vault and a vaultId. cardBrand and cardLastFour are for display only. Validated only
 * with the `tokenSource` option (POST /pj/schedules and the form that posts to it).
 */
export const TOKEN_FIELDS = [
  { name: 'tokenId', group: 'card', kind: 'text', maxLength: 128 },
  { name: 'cardBrand', group: 'card', kind: 'text', maxLength: 32 },
  { name: 'cardLastFour', group: 'card', kind: 'digits', maxLength: 4 },
] as const satisfies readonly ScheduleFieldSpec[];
export type TokenFieldName = (typeof TOKEN_FIELDS)[number]['name'];
export const TOKEN_FIELD_WORDS_EN: Record<TokenFieldName, string> = {
  tokenId: 'Card token',
  cardBrand: 'Card brand',
  cardLastFour: 'Card last four digits',
};

/**
 * A validated, normalized POST /schedules body: only known parameters, ready to form-encode; with the
 * `tokenSource` option it may carry the relay's token fields instead, which never reach PayJunction.
 */
export type ScheduleParams = Partial<Record<Exclude<ScheduleFieldName, 'bypassDuplicate'>, string>> &
  Partial<Record<TokenFieldName, string>> & {
    amountBase: string;
    scheduleType: ScheduleType;
    bypassDuplicate?: boolean;
  };

/** PayJunction's payment sources on POST /schedules. */
export type PaymentSource = 'card' | 'ach' | 'vault' | 'transaction';
/** A payment source of POST /pj/schedules: PayJunction's, or a card token the relay vaults first. */
export type RelayPaymentSource = PaymentSource | 'token';

/** Each field's words in English, written to start a sentence (SCHEDULE_MESSAGES_EN.fields). */
export const SCHEDULE_FIELD_WORDS_EN = WORDS as Record<ScheduleFieldName, string>;
