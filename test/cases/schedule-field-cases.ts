/**
 * The POST /schedules field metadata SCHEDULE_FIELDS must carry
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315), written out literally:
 * checked by test/node/protocol-schedule.test.ts, and TEXT_LIMITS gives every text field a
 * too-long case in ./schedule-cases.ts.
 */

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

/** The metadata SCHEDULE_FIELDS must carry for fields that are not free text. */
export const FIELD_FACTS: ReadonlyArray<{
  name: string;
  group: string;
  kind: string;
  options?: string[];
  maxLength?: number;
  required?: boolean;
}> = [
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
  {
    name: 'avs',
    group: 'security',
    kind: 'enum',
    options: ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'],
  },
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
