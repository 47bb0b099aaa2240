/**
 * POST /schedules rule cases (https://developer.payjunction.com/hc/en-us/articles/4405322684315),
 * shared by test/node/protocol-schedule.test.ts and, in Chromium, test/browser/protocol.test.ts.
 * Expected messages and max lengths are written out literally here, NOT derived from
 * SCHEDULE_FIELDS, so a slip in the metadata fails a test. The field metadata itself is checked
 * against ./schedule-field-cases.ts.
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
      cardNumber: '4444333322221111',
      cardExpMonth: '12',
      cardExpYear: '2028',
      cardCvv: '999',
      amountBase: '25.00',
      scheduleType: 'PERIODIC',
      interval: 'MONTH',
      intervalCount: '1',
      startDate: '2026-04-01',
    },
  },
  {
    name: 'ACH PPD with first and last name, starting today',
    input: { ...ACH_PPD_SCHEDULE },
    params: {
      achRoutingNumber: '104000016',
      achAccountNumber: '123456789',
      achAccountType: 'CHECKING',
      achType: 'PPD',
      amountBase: '10.00',
      scheduleType: 'PERIODIC',
      interval: 'WEEK',
      intervalCount: '2',
      startDate: TODAY,
      billingFirstName: 'Jane',
      billingLastName: 'Doe',
    },
  },
  {
    name: 'ACH CCD with company name and an intervalCap',
    input: { ...ACH_CCD_SCHEDULE },
    params: {
      achRoutingNumber: '121000358',
      achAccountNumber: '000123456789',
      achAccountType: 'SAVINGS',
      achType: 'CCD',
      amountBase: '1500.50',
      scheduleType: 'PERIODIC',
      interval: 'YEAR',
      intervalCount: '1',
      intervalCap: '3',
      startDate: '2027-01-01',
      billingCompanyName: 'Acme Widgets LLC',
    },
  },
  {
    name: 'vault re-bill from JSON numbers and a boolean, achType for an ACH vault',
    input: { ...VAULT_SCHEDULE },
    params: {
      vaultId: '1241',
      achType: 'PPD',
      amountBase: '49.99',
      terminalId: '51',
      scheduleType: 'PERIODIC',
      interval: 'DAY',
      intervalCount: '30',
      startDate: '2026-03-16',
      bypassDuplicate: true,
    },
  },
  {
    name: 'transactionId re-bill, one SPECIFIC_DATES payment',
    input: { ...TRANSACTION_SCHEDULE },
    params: {
      transactionId: '22953',
      amountBase: '3.00',
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: '2026-12-24',
      bypassDuplicate: false,
    },
  },
  {
    name: 'SPECIFIC_DATES today with a card expiring this month',
    input: {
      cardNumber: '5105-1051-0510-5100',
      cardExpMonth: '03',
      cardExpYear: '2026',
      amountBase: '.05',
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: TODAY,
    },
    params: {
      cardNumber: '5105105105105100',
      cardExpMonth: '3',
      cardExpYear: '2026',
      amountBase: '0.05',
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: TODAY,
    },
  },
  {
    name: 'every optional field at its limit: max lengths, 1,000,000.00, zero extras, leap day',
    input: {
      ...CARD_SCHEDULE,
      cardCvv: '1234',
      avs: 'ADDRESS_AND_ZIP',
      cvv: 'ON',
      terminalId: '0007',
      amountBase: '1000000',
      amountShipping: '0',
      amountTip: '0.00',
      amountTax: '  12.34 ',
      amountSurchargeTax: '999999.99',
      startDate: '2028-02-29',
      intervalCap: 12,
      billingIdentifier: repeat(64),
      billingFirstName: repeat(16),
      billingMiddleName: repeat(32),
      billingLastName: repeat(32),
      billingCompanyName: repeat(64),
      billingJobTitle: repeat(32),
      billingPhone: repeat(24),
      billingPhone2: repeat(24),
      billingAddress: repeat(128),
      billingCity: repeat(32),
      billingState: repeat(32),
      billingZip: repeat(12),
      billingCountry: repeat(32),
      billingEmail: `${repeat(116)}@example.com`,
      billingWebsite: repeat(128),
      shippingIdentifier: repeat(64),
      shippingFirstName: repeat(16),
      shippingMiddleName: repeat(32),
      shippingLastName: repeat(32),
      shippingCompanyName: repeat(64),
      shippingJobTitle: repeat(32),
      shippingPhone: repeat(24),
      shippingPhone2: repeat(24),
      shippingAddress: repeat(128),
      shippingCity: repeat(32),
      shippingState: repeat(32),
      shippingZip: repeat(12),
      shippingCountry: repeat(32),
      shippingEmail: 'ship@example.co.uk',
      shippingWebsite: repeat(128),
      invoiceNumber: repeat(32),
      purchaseOrderNumber: repeat(32),
    },
    params: {
      cardNumber: '4444333322221111',
      cardExpMonth: '12',
      cardExpYear: '2028',
      cardCvv: '1234',
      avs: 'ADDRESS_AND_ZIP',
      cvv: 'ON',
      amountBase: '1000000.00',
      amountShipping: '0.00',
      amountTip: '0.00',
      amountTax: '12.34',
      amountSurchargeTax: '999999.99',
      terminalId: '7',
      scheduleType: 'PERIODIC',
      interval: 'MONTH',
      intervalCount: '1',
      intervalCap: '12',
      startDate: '2028-02-29',
      billingIdentifier: repeat(64),
      billingFirstName: repeat(16),
      billingMiddleName: repeat(32),
      billingLastName: repeat(32),
      billingCompanyName: repeat(64),
      billingJobTitle: repeat(32),
      billingPhone: repeat(24),
      billingPhone2: repeat(24),
      billingAddress: repeat(128),
      billingCity: repeat(32),
      billingState: repeat(32),
      billingZip: repeat(12),
      billingCountry: repeat(32),
      billingEmail: `${repeat(116)}@example.com`,
      billingWebsite: repeat(128),
      shippingIdentifier: repeat(64),
      shippingFirstName: repeat(16),
      shippingMiddleName: repeat(32),
      shippingLastName: repeat(32),
      shippingCompanyName: repeat(64),
      shippingJobTitle: repeat(32),
      shippingPhone: repeat(24),
      shippingPhone2: repeat(24),
      shippingAddress: repeat(128),
      shippingCity: repeat(32),
      shippingState: repeat(32),
      shippingZip: repeat(12),
      shippingCountry: repeat(32),
      shippingEmail: 'ship@example.co.uk',
      shippingWebsite: repeat(128),
      invoiceNumber: repeat(32),
      purchaseOrderNumber: repeat(32),
    },
  },
];

// ─── What the invalid cases share (./schedule-invalid-cases.ts) ───────────────────────────────

export interface InvalidScheduleCase {
  name: string;
  input: Record<string, unknown>;
  /** The complete error list, in the order validateSchedule reports it. */
  errors: FieldError[];
}

export const without = (base: Readonly<Record<string, unknown>>, ...names: string[]) =>
  Object.fromEntries(Object.entries(base).filter(([name]) => !names.includes(name)));
export const card = (changes: Record<string, unknown>) => ({ ...CARD_SCHEDULE, ...changes });
export const invalid = (field: string, message: string): FieldError => ({ field, message, type: 'invalid' });
export const required = (field: string, message: string): FieldError => ({ field, message, type: 'required' });
export const one = (name: string, input: Record<string, unknown>, error: FieldError): InvalidScheduleCase => ({
  name,
  input,
  errors: [error],
});

export const CARD_FIELDS = ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'];
export const ACH_PART = {
  achRoutingNumber: '104000016',
  achAccountNumber: '123456789',
  achAccountType: 'CHECKING',
  achType: 'PPD',
};
export const MESSAGE_CHOOSE = 'Choose how the customer pays: a card, a bank account, a vault ID or a transaction ID.';
export const MESSAGE_ONLY_ONE = 'Use only one way to pay: a card, a bank account, a vault ID or a transaction ID.';
export const MONEY_FORMAT = (label: string) =>
  `${label} must be written like 12.50, with digits and at most 2 decimals.`;
export const DATE_FORMAT = (label: string) => `${label} must be a real date written yyyy-MM-dd, such as 2030-01-31.`;

export const tooLongValue = (field: string, max: number) =>
  field.endsWith('Email') ? `${'x'.repeat(max - 11)}@example.com` : 'x'.repeat(max + 1);
