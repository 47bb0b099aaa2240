/**
 * POST /schedules bodies that break a rule (https://developer.payjunction.com/hc/en-us/articles/4405322684315),
 * each with the complete error list validateSchedule must report: the payment source, keyed cards,
 * bank accounts, vault and transaction ids and card checks here; amounts, dates, contacts and many
 * faults at once in ./schedule-invalid-more-cases.ts. Shared by test/node/protocol-schedule.test.ts
 * and, in Chromium, test/browser/protocol.test.ts.
 */
import {
  ACH_PART,
  ACH_PPD_SCHEDULE,
  ACH_CCD_SCHEDULE,
  CARD_FIELDS,
  CARD_SCHEDULE,
  MESSAGE_CHOOSE,
  MESSAGE_ONLY_ONE,
  TRANSACTION_SCHEDULE,
  VAULT_SCHEDULE,
  card,
  invalid,
  one,
  required,
  without,
  type InvalidScheduleCase,
} from './schedule-cases.js';
import { MORE_INVALID_SCHEDULES } from './schedule-invalid-more-cases.js';

export const INVALID_SCHEDULES: readonly InvalidScheduleCase[] = [
  // Payment source: exactly one.
  one('no payment source', without(CARD_SCHEDULE, ...CARD_FIELDS), required('paymentMethod', MESSAGE_CHOOSE)),
  one(
    'achType alone is no payment source',
    { ...without(CARD_SCHEDULE, ...CARD_FIELDS), achType: 'PPD' },
    required('paymentMethod', MESSAGE_CHOOSE),
  ),
  one('card and bank account', card(ACH_PART), invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  one(
    'a partly typed card next to a bank account counts as two',
    {
      ...without(CARD_SCHEDULE, ...CARD_FIELDS),
      ...ACH_PART,
      billingFirstName: 'Jane',
      billingLastName: 'Doe',
      cardExpMonth: '4',
    },
    invalid('paymentMethod', MESSAGE_ONLY_ONE),
  ),
  one('card and vault', card({ vaultId: '1241' }), invalid('paymentMethod', MESSAGE_ONLY_ONE)),
  one(
    'vault and transaction',
    { ...without(CARD_SCHEDULE, ...CARD_FIELDS), vaultId: '1', transactionId: '2' },
    invalid('paymentMethod', MESSAGE_ONLY_ONE),
  ),
  // Keyed card.
  {
    name: 'card number alone: month and year are required',
    input: without(CARD_SCHEDULE, 'cardExpMonth', 'cardExpYear'),
    errors: [
      required('cardExpMonth', 'Expiration month is required.'),
      required('cardExpYear', 'Expiration year is required.'),
    ],
  },
  one('card without number', without(CARD_SCHEDULE, 'cardNumber'), required('cardNumber', 'Card number is required.')),
  one(
    'card number fails Luhn',
    card({ cardNumber: '4444333322221112' }),
    invalid('cardNumber', 'Card number is not valid. Check the digits.'),
  ),
  one(
    'card number of 11 digits (Luhn-valid)',
    card({ cardNumber: '40000000006' }),
    invalid('cardNumber', 'Card number is not valid. Check the digits.'),
  ),
  one(
    'card number of 20 digits (Luhn-valid)',
    card({ cardNumber: '40000000000000000002' }),
    invalid('cardNumber', 'Card number is not valid. Check the digits.'),
  ),
  one(
    'card number with a letter',
    card({ cardNumber: '4444a33322221111' }),
    invalid('cardNumber', 'Card number is not valid. Check the digits.'),
  ),
  one(
    'expiry month 13',
    card({ cardExpMonth: '13' }),
    invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.'),
  ),
  one(
    'expiry month 0',
    card({ cardExpMonth: 0 }),
    invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.'),
  ),
  one(
    'expiry month in words',
    card({ cardExpMonth: 'May' }),
    invalid('cardExpMonth', 'Expiration month must be a number from 1 to 12.'),
  ),
  one(
    '2-digit expiry year',
    card({ cardExpYear: '28' }),
    invalid('cardExpYear', 'Expiration year must have 4 digits, such as 2030.'),
  ),
  one(
    'expired last month',
    card({ cardExpMonth: '2', cardExpYear: '2026' }),
    invalid('cardExpYear', 'The card has expired.'),
  ),
  one(
    'expired last year',
    card({ cardExpMonth: 12, cardExpYear: 2025 }),
    invalid('cardExpYear', 'The card has expired.'),
  ),
  one('CVV of 2 digits', card({ cardCvv: '12' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one('CVV of 5 digits', card({ cardCvv: '12345' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one('CVV with letters', card({ cardCvv: 'abc' }), invalid('cardCvv', 'CVV must be 3 or 4 digits.')),
  one(
    'achType with a card',
    card({ achType: 'PPD' }),
    invalid('achType', 'ACH type only applies to a bank account, not a card.'),
  ),
  // ACH.
  one(
    'routing number checksum',
    { ...ACH_PPD_SCHEDULE, achRoutingNumber: '104000015' },
    invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.'),
  ),
  one(
    'routing number of 8 digits',
    { ...ACH_PPD_SCHEDULE, achRoutingNumber: '10400001' },
    invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.'),
  ),
  one(
    'routing number with an unknown prefix',
    { ...ACH_PPD_SCHEDULE, achRoutingNumber: '130000006' },
    invalid('achRoutingNumber', 'Routing number is not a valid US bank routing number.'),
  ),
  one(
    'account number of 18 digits',
    { ...ACH_PPD_SCHEDULE, achAccountNumber: '123456789012345678' },
    invalid('achAccountNumber', 'Account number must be digits only, 17 at most.'),
  ),
  one(
    'account number with letters',
    { ...ACH_PPD_SCHEDULE, achAccountNumber: 'ACCT123' },
    invalid('achAccountNumber', 'Account number must be digits only, 17 at most.'),
  ),
  one(
    'account type BUSINESS',
    { ...ACH_PPD_SCHEDULE, achAccountType: 'BUSINESS' },
    invalid('achAccountType', 'Account type must be one of: SAVINGS, CHECKING.'),
  ),
  one(
    'account type in lower case',
    { ...ACH_PPD_SCHEDULE, achAccountType: 'checking' },
    invalid('achAccountType', 'Account type must be one of: SAVINGS, CHECKING.'),
  ),
  one(
    'ACH type TEL',
    { ...ACH_PPD_SCHEDULE, achType: 'TEL' },
    invalid('achType', 'ACH type must be one of: PPD, CCD.'),
  ),
  one(
    'ACH without routing number',
    without(ACH_PPD_SCHEDULE, 'achRoutingNumber'),
    required('achRoutingNumber', 'Routing number is required.'),
  ),
  one(
    'ACH without account number',
    without(ACH_PPD_SCHEDULE, 'achAccountNumber'),
    required('achAccountNumber', 'Account number is required.'),
  ),
  one(
    'ACH without account type',
    without(ACH_PPD_SCHEDULE, 'achAccountType'),
    required('achAccountType', 'Account type is required.'),
  ),
  one('ACH without ACH type', without(ACH_PPD_SCHEDULE, 'achType'), required('achType', 'ACH type is required.')),
  one(
    'PPD without first name',
    without(ACH_PPD_SCHEDULE, 'billingFirstName'),
    required('billingFirstName', 'Billing first name is required for a personal (PPD) bank account.'),
  ),
  one(
    'PPD without last name',
    without(ACH_PPD_SCHEDULE, 'billingLastName'),
    required('billingLastName', 'Billing last name is required for a personal (PPD) bank account.'),
  ),
  one(
    'CCD without company name',
    without(ACH_CCD_SCHEDULE, 'billingCompanyName'),
    required('billingCompanyName', 'Billing company name is required for a business (CCD) bank account.'),
  ),
  one(
    'CVV with a bank account',
    { ...ACH_PPD_SCHEDULE, cardCvv: '123' },
    invalid('cardCvv', 'CVV only applies to a card, not a bank account.'),
  ),
  // Vault and transaction ids.
  one(
    'vaultId in letters',
    { ...VAULT_SCHEDULE, vaultId: 'abc' },
    invalid('vaultId', 'Vault ID must be a whole number greater than 0.'),
  ),
  one(
    'vaultId 0',
    { ...VAULT_SCHEDULE, vaultId: 0 },
    invalid('vaultId', 'Vault ID must be a whole number greater than 0.'),
  ),
  one(
    'vaultId negative',
    { ...VAULT_SCHEDULE, vaultId: -5 },
    invalid('vaultId', 'Vault ID must be a whole number greater than 0.'),
  ),
  one(
    'transactionId with a fraction',
    { ...TRANSACTION_SCHEDULE, transactionId: 1.5 },
    invalid('transactionId', 'Transaction ID must be a whole number greater than 0.'),
  ),
  one(
    'transactionId 0',
    { ...TRANSACTION_SCHEDULE, transactionId: '000' },
    invalid('transactionId', 'Transaction ID must be a whole number greater than 0.'),
  ),
  // Card security.
  one(
    'avs YES',
    card({ avs: 'YES' }),
    invalid('avs', 'Address check (AVS) must be one of: ADDRESS, ZIP, ADDRESS_AND_ZIP, ADDRESS_OR_ZIP, BYPASS, OFF.'),
  ),
  one('cvv MAYBE', card({ cvv: 'MAYBE' }), invalid('cvv', 'CVV check must be one of: ON, OFF.')),
  ...MORE_INVALID_SCHEDULES,
];
