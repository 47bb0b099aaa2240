/**
 * More POST /schedules bodies that break a rule (see ./schedule-invalid-cases.ts): amounts, the
 * schedule's type and dates, contacts and other fields, and many faults at once.
 */
import {
  CARD_SCHEDULE,
  DATE_FORMAT,
  MESSAGE_CHOOSE,
  MESSAGE_ONLY_ONE,
  MONEY_FORMAT,
  TRANSACTION_SCHEDULE,
  card,
  invalid,
  one,
  required,
  tooLongValue,
  without,
  type InvalidScheduleCase,
} from './schedule-cases.js';
import { TEXT_LIMITS } from './schedule-field-cases.js';

export const MORE_INVALID_SCHEDULES: readonly InvalidScheduleCase[] = [
  // Amounts.
  one('no amountBase', without(CARD_SCHEDULE, 'amountBase'), required('amountBase', 'Amount is required.')),
  one('amountBase empty', card({ amountBase: '' }), required('amountBase', 'Amount is required.')),
  one('amountBase blank', card({ amountBase: '   ' }), required('amountBase', 'Amount is required.')),
  one('amountBase null', card({ amountBase: null }), required('amountBase', 'Amount is required.')),
  one('amountBase 0', card({ amountBase: '0' }), invalid('amountBase', 'Amount must be more than 0.00.')),
  one('amountBase 0.00 as a number', card({ amountBase: 0 }), invalid('amountBase', 'Amount must be more than 0.00.')),
  one('amountBase with $', card({ amountBase: '$10' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one(
    'amountBase with a thousands comma',
    card({ amountBase: '1,000.00' }),
    invalid('amountBase', MONEY_FORMAT('Amount')),
  ),
  one('amountBase with 3 decimals', card({ amountBase: '10.001' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase negative', card({ amountBase: '-1' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase in exponent form', card({ amountBase: '1e3' }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one('amountBase as a float sum', card({ amountBase: 0.1 + 0.2 }), invalid('amountBase', MONEY_FORMAT('Amount'))),
  one(
    'amountBase over 1,000,000',
    card({ amountBase: '1000000.01' }),
    invalid('amountBase', "Amount can't be more than 1,000,000.00."),
  ),
  one(
    'amountBase beyond exact cents',
    card({ amountBase: '99999999999999999999.99' }),
    invalid('amountBase', "Amount can't be more than 1,000,000.00."),
  ),
  one('amountBase as an array', card({ amountBase: ['10.00'] }), invalid('amountBase', 'Amount is not valid.')),
  one(
    'amountShipping with $',
    card({ amountShipping: '$5' }),
    invalid('amountShipping', MONEY_FORMAT('Shipping amount')),
  ),
  one(
    'amountTip over 1,000,000',
    card({ amountTip: '1000000.01' }),
    invalid('amountTip', "Tip can't be more than 1,000,000.00."),
  ),
  one('amountTax in words', card({ amountTax: 'ten' }), invalid('amountTax', MONEY_FORMAT('Tax'))),
  one(
    'amountSurchargeTax with 3 decimals',
    card({ amountSurchargeTax: '1.234' }),
    invalid('amountSurchargeTax', MONEY_FORMAT('Surcharge tax')),
  ),
  // Schedule.
  one(
    'terminalId not a number',
    card({ terminalId: 'T1' }),
    invalid('terminalId', 'Terminal ID must be a whole number greater than 0.'),
  ),
  one(
    'no scheduleType',
    without(CARD_SCHEDULE, 'scheduleType', 'interval', 'intervalCount', 'startDate'),
    required('scheduleType', 'Schedule type is required.'),
  ),
  one(
    'scheduleType WEEKLY',
    without(card({ scheduleType: 'WEEKLY' }), 'interval', 'intervalCount', 'startDate'),
    invalid('scheduleType', 'Schedule type must be one of: PERIODIC, SPECIFIC_DATES.'),
  ),
  one('PERIODIC without interval', without(CARD_SCHEDULE, 'interval'), required('interval', 'Interval is required.')),
  one(
    'interval FORTNIGHT',
    card({ interval: 'FORTNIGHT' }),
    invalid('interval', 'Interval must be one of: DAY, WEEK, MONTH, YEAR.'),
  ),
  one(
    'PERIODIC without intervalCount',
    without(CARD_SCHEDULE, 'intervalCount'),
    required('intervalCount', 'Interval count is required.'),
  ),
  one(
    'intervalCount 0',
    card({ intervalCount: '0' }),
    invalid('intervalCount', 'Interval count must be a whole number greater than 0.'),
  ),
  one(
    'intervalCount in words',
    card({ intervalCount: 'two' }),
    invalid('intervalCount', 'Interval count must be a whole number greater than 0.'),
  ),
  one(
    'intervalCap 0',
    card({ intervalCap: 0 }),
    invalid('intervalCap', 'Number of payments must be a whole number greater than 0.'),
  ),
  one(
    'PERIODIC without startDate',
    without(CARD_SCHEDULE, 'startDate'),
    required('startDate', 'Start date is required.'),
  ),
  one('startDate February 30', card({ startDate: '2026-02-30' }), invalid('startDate', DATE_FORMAT('Start date'))),
  one(
    'startDate February 29 of a common year',
    card({ startDate: '2027-02-29' }),
    invalid('startDate', DATE_FORMAT('Start date')),
  ),
  one('startDate in US format', card({ startDate: '04/01/2026' }), invalid('startDate', DATE_FORMAT('Start date'))),
  one(
    'startDate yesterday',
    card({ startDate: '2026-03-14' }),
    invalid('startDate', "Start date can't be in the past."),
  ),
  one(
    'SPECIFIC_DATES without specificDate1',
    without(TRANSACTION_SCHEDULE, 'specificDate1'),
    required('specificDate1', 'Payment date is required.'),
  ),
  one(
    'specificDate1 yesterday',
    { ...TRANSACTION_SCHEDULE, specificDate1: '2026-03-14' },
    invalid('specificDate1', "Payment date can't be in the past."),
  ),
  one(
    'specificDate1 month 13',
    { ...TRANSACTION_SCHEDULE, specificDate1: '2027-13-01' },
    invalid('specificDate1', DATE_FORMAT('Payment date')),
  ),
  one(
    'SPECIFIC_DATES with interval',
    { ...TRANSACTION_SCHEDULE, interval: 'MONTH' },
    invalid('interval', 'Interval is only used with a repeating (PERIODIC) schedule.'),
  ),
  one(
    'SPECIFIC_DATES with intervalCount',
    { ...TRANSACTION_SCHEDULE, intervalCount: '1' },
    invalid('intervalCount', 'Interval count is only used with a repeating (PERIODIC) schedule.'),
  ),
  one(
    'SPECIFIC_DATES with intervalCap',
    { ...TRANSACTION_SCHEDULE, intervalCap: '4' },
    invalid('intervalCap', 'Number of payments is only used with a repeating (PERIODIC) schedule.'),
  ),
  one(
    'SPECIFIC_DATES with startDate',
    { ...TRANSACTION_SCHEDULE, startDate: '2026-05-01' },
    invalid('startDate', 'Start date is only used with a repeating (PERIODIC) schedule.'),
  ),
  one(
    'PERIODIC with specificDate1',
    card({ specificDate1: '2026-05-01' }),
    invalid('specificDate1', 'Payment date is only used with a one-time (SPECIFIC_DATES) schedule.'),
  ),
  // Contacts and other fields.
  ...TEXT_LIMITS.map(([field, max, label]) =>
    one(
      `${field} of ${max + 1} characters`,
      card({ [field]: tooLongValue(field, max) }),
      invalid(field, `${label} must be ${max} characters or fewer.`),
    ),
  ),
  one(
    'billingEmail without @',
    card({ billingEmail: 'jane.example.com' }),
    invalid('billingEmail', 'Billing email must be an email address such as name@example.com.'),
  ),
  one(
    'shippingEmail without a domain dot',
    card({ shippingEmail: 'jane@example' }),
    invalid('shippingEmail', 'Shipping email must be an email address such as name@example.com.'),
  ),
  one(
    'billingFirstName as an object',
    card({ billingFirstName: { first: 'Jane' } }),
    invalid('billingFirstName', 'Billing first name is not valid.'),
  ),
  one(
    'bypassDuplicate yes',
    card({ bypassDuplicate: 'yes' }),
    invalid('bypassDuplicate', 'Allow duplicate must be true or false.'),
  ),
  // Many faults at once: every field reported, one error each, in form order.
  {
    name: 'many faults at once',
    input: {
      cardNumber: '4444333322221112',
      cardExpMonth: '2',
      cardExpYear: '2026',
      achRoutingNumber: '104000015',
      amountBase: '0',
      scheduleType: 'SPECIFIC_DATES',
      interval: 'MONTH',
      startDate: '2026-02-30',
      billingFirstName: 'x'.repeat(17),
      billingEmail: 'nope',
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
    input: {
      cardNumber: '4444333322221111',
      vaultId: '1241',
      amountBase: ['10.00'],
      scheduleType: 'SPECIFIC_DATES',
      interval: 'MONTH',
    },
    errors: [
      invalid('paymentMethod', MESSAGE_ONLY_ONE),
      invalid('amountBase', 'Amount is not valid.'),
      invalid('interval', 'Interval is only used with a repeating (PERIODIC) schedule.'),
      required('specificDate1', 'Payment date is required.'),
    ],
  },
  {
    name: 'one pass: no scheduleType, an expired card next to a vault ID',
    input: {
      cardNumber: '4444333322221111',
      cardExpMonth: '2',
      cardExpYear: '2026',
      vaultId: '1241',
      amountBase: '10',
    },
    errors: [
      invalid('paymentMethod', MESSAGE_ONLY_ONE),
      invalid('cardExpYear', 'The card has expired.'),
      required('scheduleType', 'Schedule type is required.'),
    ],
  },
];
