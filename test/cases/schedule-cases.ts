/**
 * POST /schedules rule cases (https://developer.payjunction.com/hc/en-us/articles/4405322684315),
 * shared by test/node/protocol-schedule.test.ts and, in Chromium, test/browser/protocol.test.ts.
 * Expected messages and max lengths are written out literally here, NOT derived from
 * SCHEDULE_FIELDS, so a slip in the metadata fails a test.
 */
import type { FieldError } from '../../src/protocol/wire.js';

/** Every case validates with this `today`. */
export const TODAY = '2026-03-15';

// ─── Valid bodies ───────────────────────────────────────────────────────────────────────────

/** A keyed-card monthly schedule as a form posts it: strings, spaces in the card number. */
export const CARD_SCHEDULE: Readonly<Record<string, unknown>> = {
  cardNumber: '4444 3333 2222 1111',
  cardExpMonth: '12',
  cardExpYear: '2028',
  cardCvv: '999',
  amountBase: '25.00',
  scheduleType: 'PERIODIC',
  interval: 'MONTH',
  intervalCount: '1',
  startDate: '2026-04-01',
};

export const ACH_PPD_SCHEDULE: Readonly<Record<string, unknown>> = {
  achRoutingNumber: '104000016',
  achAccountNumber: '123456789',
  achAccountType: 'CHECKING',
  achType: 'PPD',
  billingFirstName: 'Jane',
  billingLastName: 'Doe',
  amountBase: '10',
  scheduleType: 'PERIODIC',
  interval: 'WEEK',
  intervalCount: '2',
  startDate: TODAY,
};

export const ACH_CCD_SCHEDULE: Readonly<Record<string, unknown>> = {
  achRoutingNumber: '121000358',
  achAccountNumber: '000123456789',
  achAccountType: 'SAVINGS',
  achType: 'CCD',
  billingCompanyName: 'Acme Widgets LLC',
  amountBase: '1500.5',
  scheduleType: 'PERIODIC',
  interval: 'YEAR',
  intervalCount: '1',
  intervalCap: '3',
  startDate: '2027-01-01',
};

/** From JSON: numbers and booleans. */
export const VAULT_SCHEDULE: Readonly<Record<string, unknown>> = {
  vaultId: 1241,
  achType: 'PPD',
  amountBase: 49.99,
  scheduleType: 'PERIODIC',
  interval: 'DAY',
  intervalCount: 30,
  startDate: '2026-03-16',
  terminalId: 51,
  bypassDuplicate: true,
};

export const TRANSACTION_SCHEDULE: Readonly<Record<string, unknown>> = {
  transactionId: '22953',
  amountBase: '3.00',
  scheduleType: 'SPECIFIC_DATES',
  specificDate1: '2026-12-24',
  bypassDuplicate: 'false',
};

const repeat = (n: number) => 'x'.repeat(n);

export interface ValidScheduleCase {
  name: string;
  input: Record<string, unknown>;
  /** The exact normalized output. */
  params: Record<string, string | boolean>;
}

export const VALID_SCHEDULES: readonly ValidScheduleCase[] = [
  {
    name: 'keyed card, monthly: digits stripped, unknown fields dropped',
    input: { ...CARD_SCHEDULE, note: 'not a schedule field', cardNumberConfirm: 'x', billingZip: '', avs: '   ' },
    params: {
      cardNumber: '4444333322221111', cardExpMonth: '12', cardExpYear: '2028', cardCvv: '999', amountBase: '25.00',
      scheduleType: 'PERIODIC', interval: 'MONTH', intervalCount: '1', startDate: '2026-04-01',
    },
  },
  {
    name: 'ACH PPD with first and last name, starting today',
    input: { ...ACH_PPD_SCHEDULE },
    params: {
      achRoutingNumber: '104000016', achAccountNumber: '123456789', achAccountType: 'CHECKING', achType: 'PPD',
      amountBase: '10.00', scheduleType: 'PERIODIC', interval: 'WEEK', intervalCount: '2', startDate: TODAY,
      billingFirstName: 'Jane', billingLastName: 'Doe',
    },
  },
  {
    name: 'ACH CCD with company name and an intervalCap',
    input: { ...ACH_CCD_SCHEDULE },
    params: {
      achRoutingNumber: '121000358', achAccountNumber: '000123456789', achAccountType: 'SAVINGS', achType: 'CCD',
      amountBase: '1500.50', scheduleType: 'PERIODIC', interval: 'YEAR', intervalCount: '1', intervalCap: '3',
      startDate: '2027-01-01', billingCompanyName: 'Acme Widgets LLC',
    },
  },
  {
    name: 'vault re-bill from JSON numbers and a boolean, achType for an ACH vault',
    input: { ...VAULT_SCHEDULE },
    params: {
      vaultId: '1241', achType: 'PPD', amountBase: '49.99', terminalId: '51', scheduleType: 'PERIODIC',
      interval: 'DAY', intervalCount: '30', startDate: '2026-03-16', bypassDuplicate: true,
    },
  },
  {
    name: 'transactionId re-bill, one SPECIFIC_DATES payment',
    input: { ...TRANSACTION_SCHEDULE },
    params: {
      transactionId: '22953', amountBase: '3.00', scheduleType: 'SPECIFIC_DATES', specificDate1: '2026-12-24',
      bypassDuplicate: false,
    },
  },
  {
    name: 'SPECIFIC_DATES today with a card expiring this month',
    input: {
      cardNumber: '5105-1051-0510-5100', cardExpMonth: '03', cardExpYear: '2026', amountBase: '.05',
      scheduleType: 'SPECIFIC_DATES', specificDate1: TODAY,
    },
    params: {
      cardNumber: '5105105105105100', cardExpMonth: '3', cardExpYear: '2026', amountBase: '0.05',
      scheduleType: 'SPECIFIC_DATES', specificDate1: TODAY,
    },
  },
  {
    name: 'every optional field at its limit: max lengths, 1,000,000.00, zero extras, leap day',
    input: {
      ...CARD_SCHEDULE,
      cardCvv: '1234', avs: 'ADDRESS_AND_ZIP', cvv: 'ON', terminalId: '0007',
      amountBase: '1000000', amountShipping: '0', amountTip: '0.00', amountTax: '  12.34 ', amountSurchargeTax: '999999.99',
      startDate: '2028-02-29', intervalCap: 12,
      billingIdentifier: repeat(64), billingFirstName: repeat(16), billingMiddleName: repeat(32), billingLastName: repeat(32),
      billingCompanyName: repeat(64), billingJobTitle: repeat(32), billingPhone: repeat(24), billingPhone2: repeat(24),
      billingAddress: repeat(128), billingCity: repeat(32), billingState: repeat(32), billingZip: repeat(12),
      billingCountry: repeat(32), billingEmail: `${repeat(116)}@example.com`, billingWebsite: repeat(128),
      shippingIdentifier: repeat(64), shippingFirstName: repeat(16), shippingMiddleName: repeat(32), shippingLastName: repeat(32),
      shippingCompanyName: repeat(64), shippingJobTitle: repeat(32), shippingPhone: repeat(24), shippingPhone2: repeat(24),
      shippingAddress: repeat(128), shippingCity: repeat(32), shippingState: repeat(32), shippingZip: repeat(12),
      shippingCountry: repeat(32), shippingEmail: 'ship@example.co.uk', shippingWebsite: repeat(128),
      invoiceNumber: repeat(32), purchaseOrderNumber: repeat(32),
    },
    params: {
      cardNumber: '4444333322221111', cardExpMonth: '12', cardExpYear: '2028', cardCvv: '1234', avs: 'ADDRESS_AND_ZIP', cvv: 'ON',
      amountBase: '1000000.00', amountShipping: '0.00', amountTip: '0.00', amountTax: '12.34', amountSurchargeTax: '999999.99',
      terminalId: '7', scheduleType: 'PERIODIC', interval: 'MONTH', intervalCount: '1', intervalCap: '12', startDate: '2028-02-29',
      billingIdentifier: repeat(64), billingFirstName: repeat(16), billingMiddleName: repeat(32), billingLastName: repeat(32),
      billingCompanyName: repeat(64), billingJobTitle: repeat(32), billingPhone: repeat(24), billingPhone2: repeat(24),
      billingAddress: repeat(128), billingCity: repeat(32), billingState: repeat(32), billingZip: repeat(12),
      billingCountry: repeat(32), billingEmail: `${repeat(116)}@example.com`, billingWebsite: repeat(128),
      shippingIdentifier: repeat(64), shippingFirstName: repeat(16), shippingMiddleName: repeat(32), shippingLastName: repeat(32),
      shippingCompanyName: repeat(64), shippingJobTitle: repeat(32), shippingPhone: repeat(24), shippingPhone2: repeat(24),
      shippingAddress: repeat(128), shippingCity: repeat(32), shippingState: repeat(32), shippingZip: repeat(12),
      shippingCountry: repeat(32), shippingEmail: 'ship@example.co.uk', shippingWebsite: repeat(128),
      invoiceNumber: repeat(32), purchaseOrderNumber: repeat(32),
    },
  },
];

// ─── Invalid bodies ─────────────────────────────────────────────────────────────────────────

export interface InvalidScheduleCase {
  name: string;
  input: Record<string, unknown>;
  /** The complete error list, in the order validateSchedule reports it. */
  errors: FieldError[];
}

const without = (base: Readonly<Record<string, unknown>>, ...names: string[]) =>
  Object.fromEntries(Object.entries(base).filter(([name]) => !names.includes(name)));
const card = (changes: Record<string, unknown>) => ({ ...CARD_SCHEDULE, ...changes });
const invalid = (field: string, message: string): FieldError => ({ field, message, type: 'invalid' });
const required = (field: string, message: string): FieldError => ({ field, message, type: 'required' });
const one = (name: string, input: Record<string, unknown>, error: FieldError): InvalidScheduleCase => ({ name, input, errors: [error] });

const CARD_FIELDS = ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'];
const ACH_PART = { achRoutingNumber: '104000016', achAccountNumber: '123456789', achAccountType: 'CHECKING', achType: 'PPD' };
const MESSAGE_CHOOSE = 'Choose how the customer pays: a card, a bank account, a vault ID or a transaction ID.';
const MESSAGE_ONLY_ONE = 'Use only one way to pay: a card, a bank account, a vault ID or a transaction ID.';
const MONEY_FORMAT = (label: string) => `${label} must be written like 12.50, with digits and at most 2 decimals.`;
const DATE_FORMAT = (label: string) => `${label} must be a real date written yyyy-MM-dd, such as 2030-01-31.`;

/**
 * Every text field with its documented max length and its words. Each gets a too-long case
 * ("… must be N characters or fewer.").
 */
export const TEXT_LIMITS: ReadonlyArray<[field: string, max: number, label: string]> = [
  ['billingIdentifier', 64, 'Billing customer ID'],
  ['billingFirstName', 16, 'Billing first name'],
  ['billingMiddleName', 32, 'Billing middle name'],
  ['billingLastName', 32, 'Billing last name'],
  ['billingCompanyName', 64, 'Billing company name'],
  ['billingJobTitle', 32, 'Billing job title'],
  ['billingPhone', 24, 'Billing phone'],
  ['billingPhone2', 24, 'Billing second phone'],
  ['billingAddress', 128, 'Billing street address'],
  ['billingCity', 32, 'Billing city'],
  ['billingState', 32, 'Billing state'],
  ['billingZip', 12, 'Billing ZIP code'],
  ['billingCountry', 32, 'Billing country'],
  ['billingEmail', 128, 'Billing email'],
  ['billingWebsite', 128, 'Billing website'],
  ['shippingIdentifier', 64, 'Shipping customer ID'],
  ['shippingFirstName', 16, 'Shipping first name'],
  ['shippingMiddleName', 32, 'Shipping middle name'],
  ['shippingLastName', 32, 'Shipping last name'],
  ['shippingCompanyName', 64, 'Shipping company name'],
  ['shippingJobTitle', 32, 'Shipping job title'],
  ['shippingPhone', 24, 'Shipping phone'],
  ['shippingPhone2', 24, 'Shipping second phone'],
  ['shippingAddress', 128, 'Shipping street address'],
  ['shippingCity', 32, 'Shipping city'],
  ['shippingState', 32, 'Shipping state'],
  ['shippingZip', 12, 'Shipping ZIP code'],
  ['shippingCountry', 32, 'Shipping country'],
  ['shippingEmail', 128, 'Shipping email'],
  ['shippingWebsite', 128, 'Shipping website'],
  ['invoiceNumber', 32, 'Invoice number'],
  ['purchaseOrderNumber', 32, 'Purchase order number'],
];

const tooLongValue = (field: string, max: number) =>
  field.endsWith('Email') ? `${'x'.repeat(max - 11)}@example.com` : 'x'.repeat(max + 1);

export const INVALID_SCHEDULES: readonly InvalidScheduleCase[] = [
  // Payment source: exactly one.
  one('no payment source', without(CARD_SCHEDULE, ...CARD_FIELDS), required('paymentMethod', MESSAGE_CHOOSE)),
  one('achType alone is no payment source', { ...without(CARD_SCHEDULE, ...CARD_FIELDS), achType: 'PPD' }, required('paymentMethod', MESSAGE_CHOOSE)),
  one('card and bank account', card(ACH_PART), invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  one('a partly typed card next to a bank account counts as two', {
    ...without(CARD_SCHEDULE, ...CARD_FIELDS), ...ACH_PART, billingFirstName: 'Jane', billingLastName: 'Doe', cardExpMonth: '4',
  }, invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  one('card and vault', card({ vaultId: '1241' }), invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  one('vault and transaction', { ...without(CARD_SCHEDULE, ...CARD_FIELDS), vaultId: '1', transactionId: '2' }, invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  // Keyed card.
  {
    name: 'card number alone: month and year are required',
    input: without(CARD_SCHEDULE, 'cardExpMonth', 'cardExpYear'),
    errors: [required('cardExpMonth', 'Expiration month is required.'), required('cardExpYear', 'Expiration year is required.')],
  },
  one('card without number', without(CARD_SCHEDULE, 'cardNumber'), required('cardNumber', 'Card number is required.')),
  one('card number fails Luhn', card({ cardNumber: '4444333322221112' }), invalid('cardNumber', 'Card number is not valid. Check the digits.')),
  one('card number of 11 digits (Luhn-valid)', card({ cardNumber: '40000000006' }), invalid('cardNumber', 'Card number is not valid. Check the digits.')),
  one('card number of 20 digits (Luhn-valid)', card({ cardNumber: '40000000000000000002' }), invalid('cardNumber', 'Card number is not valid. Check the digits.')),
  one('card number with a letter', card({ cardNumber: '4444a33322221111' }), invalid('cardNumber', 'Card number is not valid. Check the digits.')),
  one('expiry month 13', card({ cardExpMonth: '13' }), invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.')),
  one('expiry month 0', card({ cardExpMonth: 0 }), invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.')),
  one('expiry month in words', card({ cardExpMonth: 'May' }), invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.')),
  one('2-digit expiry year', card({ cardExpYear: '28' }), invalid('cardExpYear', 'Expiration year must have 4 digits, such as 2030.')),
  one('expired last month', card({ cardExpMonth: '2', cardExpYear: '2026' }), invalid('cardExpYear', 'The card has expired.')),
  one('expired last year', card({ cardExpMonth: 12, cardExpYear: 2025 }), invalid('cardExpYear', 'The card has expired.')),
  one('CVV of 2 digits', card({ cardCvv: '12' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one('CVV of 5 digits', card({ cardCvv: '12345' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one('CVV with letters', card({ cardCvv: 'abc' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one('achType with a card', card({ achType: 'PPD' }), invalid('achType', 'ACH type only applies to a bank account, not a card.')),
  // ACH.
  one('routing number checksum', { ...ACH_PPD_SCHEDULE, achRoutingNumber: '104000015' }, invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.')),
  one('routing number of 8 digits', { ...ACH_PPD_SCHEDULE, achRoutingNumber: '10400001' }, invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.')),
  one('routing number with an unknown prefix', { ...ACH_PPD_SCHEDULE, achRoutingNumber: '130000006' }, invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.')),
  one('account number of 18 digits', { ...ACH_PPD_SCHEDULE, achAccountNumber: '123456789012345678' }, invalid('achAccountNumber', 'Account number must be digits only, 17 at most.')),
  one('account number with letters', { ...ACH_PPD_SCHEDULE, achAccountNumber: 'ACCT123' }, invalid('achAccountNumber', 'Account number must be digits only, 17 at most.')),
  one('account type BUSINESS', { ...ACH_PPD_SCHEDULE, achAccountType: 'BUSINESS' }, invalid('achAccountType', 'Account type must be one of: SAVINGS, CHECKING.')),
  one('account type in lower case', { ...ACH_PPD_SCHEDULE, achAccountType: 'checking' }, invalid('achAccountType', 'Account type must be one of: SAVINGS, CHECKING.')),
  one('ACH type TEL', { ...ACH_PPD_SCHEDULE, achType: 'TEL' }, invalid('achType', 'ACH type must be one of: PPD, CCD.')),
  one('ACH without routing number', without(ACH_PPD_SCHEDULE, 'achRoutingNumber'), required('achRoutingNumber', 'Routing number is required.')),
  one('ACH without account number', without(ACH_PPD_SCHEDULE, 'achAccountNumber'), required('achAccountNumber', 'Account number is required.')),
  one('ACH without account type', without(ACH_PPD_SCHEDULE, 'achAccountType'), required('achAccountType', 'Account type is required.')),
  one('ACH without ACH type', without(ACH_PPD_SCHEDULE, 'achType'), required('achType', 'ACH type is required.')),
  one('PPD without first name', without(ACH_PPD_SCHEDULE, 'billingFirstName'), required('billingFirstName', 'Billing first name is required for a personal (PPD) bank account.')),
  one('PPD without last name', without(ACH_PPD_SCHEDULE, 'billingLastName'), required('billingLastName', 'Billing last name is required for a personal (PPD) bank account.')),
  one('CCD without company name', without(ACH_CCD_SCHEDULE, 'billingCompanyName'), required('billingCompanyName', 'Billing company name is required for a business (CCD) bank account.')),
  one('CVV with a bank account', { ...ACH_PPD_SCHEDULE, cardCvv: '123' }, invalid('cardCvv', 'CVV only applies to a card, not a bank account.')),
  // Vault and transaction ids.
  one('vaultId in letters', { ...VAULT_SCHEDULE, vaultId: 'abc' }, invalid('vaultId', 'Vault ID must be a whole number greater than 0.')),
  one('vaultId 0', { ...VAULT_SCHEDULE, vaultId: 0 }, invalid('vaultId', 'Vault ID must be a whole number greater than 0.')),
  one('vaultId negative', { ...VAULT_SCHEDULE, vaultId: -5 }, invalid('vaultId', 'Vault ID must be a whole number greater than 0.')),
  one('transactionId with a fraction', { ...TRANSACTION_SCHEDULE, transactionId: 1.5 }, invalid('transactionId', 'Transaction ID must be a whole number greater than 0.')),
  one('transactionId 0', { ...TRANSACTION_SCHEDULE, transactionId: '000' }, invalid('transactionId', 'Transaction ID must be a whole number greater than 0.')),
  // Card security.
  one('avs YES', card({ avs: 'YES' }), invalid('avs', 'Address check (AVS) must be one of: ADDRESS, ZIP, ADDRESS_AND_ZIP, ADDRESS_OR_ZIP, BYPASS, OFF.')),
  one('cvv MAYBE', card({ cvv: 'MAYBE' }), invalid('cvv', 'CVV check must be one of: ON, OFF.')),
  // Amounts.
  one('no amountBase', without(CARD_SCHEDULE, 'amountBase'), required('amountBase', 'Amount is required.')),
  one('amountBase empty', card({ amountBase: '' }), required('amountBase', 'Amount is required.')),
  one('amountBase blank', card({ amountBase: '   ' }), required('amountBase', 'Amount is required.')),
  one('amountBase null', card({ amountBase: null }), required('amountBase', 'Amount is required.')),
  one('amountBase 0', card({ amountBase: '0' }), invalid('amountBase', 'Amount must be more than 0.00.')),
  one('amountBase 0.00 as a number', card({ amountBase: 0 }), invalid('amountBase', 'Amount must be more than 0.00.')),
  one('amountBase with $', card({ amountBase: '$10' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase with a thousands comma', card({ amountBase: '1,000.00' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase with 3 decimals', card({ amountBase: '10.001' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase negative', card({ amountBase: '-1' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase in exponent form', card({ amountBase: '1e3' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase as a float sum', card({ amountBase: 0.1 + 0.2 }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase over 1,000,000', card({ amountBase: '1000000.01' }), invalid('amountBase', "Amount can't be more than 1,000,000.00.")),
  one('amountBase beyond exact cents', card({ amountBase: '99999999999999999999.99' }), invalid('amountBase', "Amount can't be more than 1,000,000.00.")),
  one('amountBase as an array', card({ amountBase: ['10.00'] }), invalid('amountBase', 'Amount is not valid.')),
  one('amountShipping with $', card({ amountShipping: '$5' }), invalid('amountShipping', MONEY_FORMAT('Shipping amount'))),
  one('amountTip over 1,000,000', card({ amountTip: '1000000.01' }), invalid('amountTip', "Tip can't be more than 1,000,000.00.")),
  one('amountTax in words', card({ amountTax: 'ten' }), invalid('amountTax', MONEY_FORMAT('Tax'))),
  one('amountSurchargeTax with 3 decimals', card({ amountSurchargeTax: '1.234' }), invalid('amountSurchargeTax', MONEY_FORMAT('Surcharge tax'))),
  // Schedule.
  one('terminalId not a number', card({ terminalId: 'T1' }), invalid('terminalId', 'Terminal ID must be a whole number greater than 0.')),
  one('no scheduleType', without(CARD_SCHEDULE, 'scheduleType', 'interval', 'intervalCount', 'startDate'), required('scheduleType', 'Schedule type is required.')),
  one('scheduleType WEEKLY', without(card({ scheduleType: 'WEEKLY' }), 'interval', 'intervalCount', 'startDate'), invalid('scheduleType', 'Schedule type must be one of: PERIODIC, SPECIFIC_DATES.')),
  one('PERIODIC without interval', without(CARD_SCHEDULE, 'interval'), required('interval', 'Interval is required.')),
  one('interval FORTNIGHT', card({ interval: 'FORTNIGHT' }), invalid('interval', 'Interval must be one of: DAY, WEEK, MONTH, YEAR.')),
  one('PERIODIC without intervalCount', without(CARD_SCHEDULE, 'intervalCount'), required('intervalCount', 'Interval count is required.')),
  one('intervalCount 0', card({ intervalCount: '0' }), invalid('intervalCount', 'Interval count must be a whole number greater than 0.')),
  one('intervalCount in words', card({ intervalCount: 'two' }), invalid('intervalCount', 'Interval count must be a whole number greater than 0.')),
  one('intervalCap 0', card({ intervalCap: 0 }), invalid('intervalCap', 'Number of payments must be a whole number greater than 0.')),
  one('PERIODIC without startDate', without(CARD_SCHEDULE, 'startDate'), required('startDate', 'Start date is required.')),
  one('startDate February 30', card({ startDate: '2026-02-30' }), invalid('startDate', DATE_FORMAT('Start date'))),
  one('startDate February 29 of a common year', card({ startDate: '2027-02-29' }), invalid('startDate', DATE_FORMAT('Start date'))),
  one('startDate in US format', card({ startDate: '04/01/2026' }), invalid('startDate', DATE_FORMAT('Start date'))),
  one('startDate yesterday', card({ startDate: '2026-03-14' }), invalid('startDate', "Start date can't be in the past.")),
  one('SPECIFIC_DATES without specificDate1', without(TRANSACTION_SCHEDULE, 'specificDate1'), required('specificDate1', 'Payment date is required.')),
  one('specificDate1 yesterday', { ...TRANSACTION_SCHEDULE, specificDate1: '2026-03-14' }, invalid('specificDate1', "Payment date can't be in the past.")),
  one('specificDate1 month 13', { ...TRANSACTION_SCHEDULE, specificDate1: '2027-13-01' }, invalid('specificDate1', DATE_FORMAT('Payment date'))),
  one('SPECIFIC_DATES with interval', { ...TRANSACTION_SCHEDULE, interval: 'MONTH' }, invalid('interval', 'Interval is only used with a repeating (PERIODIC) schedule.')),
  one('SPECIFIC_DATES with intervalCount', { ...TRANSACTION_SCHEDULE, intervalCount: '1' }, invalid('intervalCount', 'Interval count is only used with a repeating (PERIODIC) schedule.')),
  one('SPECIFIC_DATES with intervalCap', { ...TRANSACTION_SCHEDULE, intervalCap: '4' }, invalid('intervalCap', 'Number of payments is only used with a repeating (PERIODIC) schedule.')),
  one('SPECIFIC_DATES with startDate', { ...TRANSACTION_SCHEDULE, startDate: '2026-05-01' }, invalid('startDate', 'Start date is only used with a repeating (PERIODIC) schedule.')),
  one('PERIODIC with specificDate1', card({ specificDate1: '2026-05-01' }), invalid('specificDate1', 'Payment date is only used with a one-time (SPECIFIC_DATES) schedule.')),
  // Contacts and other fields.
  ...TEXT_LIMITS.map(([field, max, label]) =>
    one(`${field} of ${max + 1} characters`, card({ [field]: tooLongValue(field, max) }), invalid(field, `${label} must be ${max} characters or fewer.`)),
  ),
  one('billingEmail without @', card({ billingEmail: 'jane.example.com' }), invalid('billingEmail', 'Billing email must be an email address such as name@example.com.')),
  one('shippingEmail without a domain dot', card({ shippingEmail: 'jane@example' }), invalid('shippingEmail', 'Shipping email must be an email address such as name@example.com.')),
  one('billingFirstName as an object', card({ billingFirstName: { first: 'Jane' } }), invalid('billingFirstName', 'Billing first name is not valid.')),
  one('bypassDuplicate yes', card({ bypassDuplicate: 'yes' }), invalid('bypassDuplicate', 'Allow duplicate must be true or false.')),
  // Many faults at once: every field reported, one error each, in form order.
  {
    name: 'many faults at once',
    input: {
      cardNumber: '4444333322221112', cardExpMonth: '2', cardExpYear: '2026', achRoutingNumber: '104000015',
      amountBase: '0', scheduleType: 'SPECIFIC_DATES', interval: 'MONTH', startDate: '2026-02-30',
      billingFirstName: 'x'.repeat(17), billingEmail: 'nope',
    },
    errors: [
      invalid('paymentMethod', MESSAGE_ONLY_ONE),
      invalid('cardNumber', 'Card number is not valid. Check the digits.'),
      invalid('cardExpYear', 'The card has expired.'),
      invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.'),
      invalid('amountBase', 'Amount must be more than 0.00.'),
      invalid('interval', 'Interval is only used with a repeating (PERIODIC) schedule.'),
      invalid('startDate', DATE_FORMAT('Start date')),
      required('specificDate1', 'Payment date is required.'),
      invalid('billingFirstName', 'Billing first name must be 16 characters or fewer.'),
      invalid('billingEmail', 'Billing email must be an email address such as name@example.com.'),
    ],
  },
  {
    name: 'empty body',
    input: {},
    errors: [
      required('paymentMethod', MESSAGE_CHOOSE),
      required('amountBase', 'Amount is required.'),
      required('scheduleType', 'Schedule type is required.'),
    ],
  },
  // One pass: a missing amountBase does not hold back the rules that depend on other fields.
  {
    name: 'one pass: no amountBase, a card number alone, PERIODIC without interval, count or start',
    input: { scheduleType: 'PERIODIC', cardNumber: '4444333322221111' },
    errors: [
      required('cardExpMonth', 'Expiration month is required.'),
      required('cardExpYear', 'Expiration year is required.'),
      required('amountBase', 'Amount is required.'),
      required('interval', 'Interval is required.'),
      required('intervalCount', 'Interval count is required.'),
      required('startDate', 'Start date is required.'),
    ],
  },
  {
    name: 'one pass: no amountBase and no payment method (the form before anything is typed)',
    input: { scheduleType: 'PERIODIC' },
    errors: [
      required('paymentMethod', MESSAGE_CHOOSE),
      required('amountBase', 'Amount is required.'),
      required('interval', 'Interval is required.'),
      required('intervalCount', 'Interval count is required.'),
      required('startDate', 'Start date is required.'),
    ],
  },
  {
    name: 'one pass: amountBase as an array, two payment sources, SPECIFIC_DATES with an interval and no date',
    input: { cardNumber: '4444333322221111', vaultId: '1241', amountBase: ['10.00'], scheduleType: 'SPECIFIC_DATES', interval: 'MONTH' },
    errors: [
      invalid('paymentMethod', MESSAGE_ONLY_ONE),
      invalid('amountBase', 'Amount is not valid.'),
      invalid('interval', 'Interval is only used with a repeating (PERIODIC) schedule.'),
      required('specificDate1', 'Payment date is required.'),
    ],
  },
  {
    name: 'one pass: no scheduleType, an expired card next to a vault ID',
    input: { cardNumber: '4444333322221111', cardExpMonth: '2', cardExpYear: '2026', vaultId: '1241', amountBase: '10' },
    errors: [
      invalid('paymentMethod', MESSAGE_ONLY_ONE),
      invalid('cardExpYear', 'The card has expired.'),
      required('scheduleType', 'Schedule type is required.'),
    ],
  },
];

/** The metadata SCHEDULE_FIELDS must carry for fields that are not free text. */
export const FIELD_FACTS: ReadonlyArray<{ name: string; group: string; kind: string; options?: string[]; maxLength?: number; required?: boolean }> = [
  { name: 'cardNumber', group: 'card', kind: 'digits', maxLength: 19 },
  { name: 'cardExpMonth', group: 'card', kind: 'integer', maxLength: 2 },
  { name: 'cardExpYear', group: 'card', kind: 'digits', maxLength: 4 },
  { name: 'cardCvv', group: 'card', kind: 'digits', maxLength: 4 },
  { name: 'achRoutingNumber', group: 'ach', kind: 'digits', maxLength: 9 },
  { name: 'achAccountNumber', group: 'ach', kind: 'digits', maxLength: 17 },
  { name: 'achAccountType', group: 'ach', kind: 'enum', options: ['SAVINGS', 'CHECKING'] },
  { name: 'achType', group: 'ach', kind: 'enum', options: ['PPD', 'CCD'] },
  { name: 'vaultId', group: 'vault', kind: 'integer' },
  { name: 'transactionId', group: 'transaction', kind: 'integer' },
  { name: 'avs', group: 'security', kind: 'enum', options: ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'] },
  { name: 'cvv', group: 'security', kind: 'enum', options: ['ON', 'OFF'] },
  { name: 'amountBase', group: 'amounts', kind: 'money', required: true },
  { name: 'amountShipping', group: 'amounts', kind: 'money' },
  { name: 'amountTip', group: 'amounts', kind: 'money' },
  { name: 'amountTax', group: 'amounts', kind: 'money' },
  { name: 'amountSurchargeTax', group: 'amounts', kind: 'money' },
  { name: 'terminalId', group: 'schedule', kind: 'integer' },
  { name: 'scheduleType', group: 'schedule', kind: 'enum', options: ['PERIODIC', 'SPECIFIC_DATES'], required: true },
  { name: 'interval', group: 'schedule', kind: 'enum', options: ['DAY', 'WEEK', 'MONTH', 'YEAR'] },
  { name: 'intervalCount', group: 'schedule', kind: 'integer' },
  { name: 'intervalCap', group: 'schedule', kind: 'integer' },
  { name: 'startDate', group: 'schedule', kind: 'date' },
  { name: 'specificDate1', group: 'schedule', kind: 'date' },
  { name: 'billingEmail', group: 'billing', kind: 'email', maxLength: 128 },
  { name: 'shippingEmail', group: 'shipping', kind: 'email', maxLength: 128 },
  { name: 'bypassDuplicate', group: 'other', kind: 'boolean' },
];
