/**
 * Every word `<pj-schedule-form>` shows or announces, besides the field labels and validation
 * sentences: those come from ONE table, src/protocol/schedule.ts (SCHEDULE_MESSAGES_EN, replaced by a
 * locale's `messages`), so a label and the message that names it never disagree. Decline words come
 * from the locale's `declines`, the relay's errors from its `relayErrors`.
 * Replace any of these with `setLocale({ scheduleForm: {…} })` or the element's `locale` property;
 * `{name}` placeholders are filled by the element.
 */
export interface ScheduleFormStrings {
  /** Legend of the payment group (the method chooser and the chosen method's fields). */
  payment: string;
  /** The method chooser's choices. */
  card: string;
  ach: string;
  vault: string;
  transaction: string;
  /** Legends and the collapsed sections' summaries. */
  security: string;
  schedule: string;
  amounts: string;
  moreAmounts: string;
  billing: string;
  shipping: string;
  reference: string;
  /** A select's empty first choice. */
  choose: string;
  /** The submit button. */
  submit: string;
  /** Announced while the schedule is sent. */
  sending: string;
  /** Announced when fields need fixing. {count}: how many. */
  invalid: string;
  /** Pre-authorization declined. {code}: PayJunction's; {meaning}: what it means. The guidance follows it. */
  declined: string;
  /** 409: the same payment method and amount already has a schedule. */
  duplicate: string;
  /** The button that creates the duplicate anyway (bypassDuplicate). */
  createAnyway: string;
  /** The relay could not be reached. */
  network: string;
  /** Success: the summary's heading (also announced). */
  created: string;
  /** Summary rows. {count}, {unit}: intervalCount and the interval's word from `options`. */
  scheduleId: string;
  every: string;
  total: string;
  paidWith: string;
  next: string;
  /** Summary row: how many payments the schedule makes. {count}: intervalCap. */
  payments: string;
  paymentCount: string;
  /** A repeating schedule without a number of payments. */
  untilCancelled: string;
  /** The summary's button: a new, empty form. */
  another: string;
  /** The card and bank fields (a frame from the relay's fields origin) could not load. */
  fieldsUnavailable: string;
  /** Shown while the card and bank fields load. */
  loadingFields: string;
  /** Words for the enum values of SCHEDULE_FIELDS, by value (a value not here is shown as is). */
  options: Record<string, string>;
}

export const scheduleFormEn: ScheduleFormStrings = {
  payment: 'Payment method',
  card: 'Card',
  ach: 'Bank account (ACH)',
  vault: 'Stored account (vault)',
  transaction: 'Previous transaction',
  security: 'Card checks',
  schedule: 'Schedule',
  amounts: 'Amount',
  moreAmounts: 'Tax, shipping, tip',
  billing: 'Billing contact (optional)',
  shipping: 'Shipping contact',
  reference: 'Invoice and order numbers',
  choose: 'Choose…',
  submit: 'Create schedule',
  sending: 'Creating the schedule…',
  invalid: '{count} field(s) need attention.',
  declined: 'The card was declined ({code}: {meaning}).',
  duplicate:
    'A schedule with this payment method and amount already exists. Create it anyway only if the customer wants two.',
  createAnyway: 'Create it anyway',
  network: 'The payment server could not be reached. Check the connection and try again.',
  created: 'Schedule created',
  scheduleId: 'Schedule ID',
  every: 'Every {count} {unit}',
  total: 'Amount each time',
  paidWith: 'Paid with',
  next: 'Next payment',
  payments: 'Payments',
  paymentCount: '{count} payment(s)',
  untilCancelled: 'Until cancelled',
  another: 'Set up another',
  loadingFields: 'Loading the secure card and bank fields…',
  fieldsUnavailable:
    'The card and bank account fields could not load. Reload the page, or choose a stored account or a previous transaction.',
  options: {
    PERIODIC: 'Repeating',
    SPECIFIC_DATES: 'One date',
    DAY: 'day(s)',
    WEEK: 'week(s)',
    MONTH: 'month(s)',
    YEAR: 'year(s)',
    SAVINGS: 'Savings',
    CHECKING: 'Checking',
    PPD: 'Personal (PPD)',
    CCD: 'Business (CCD)',
    ADDRESS: 'Address',
    ZIP: 'ZIP code',
    ADDRESS_AND_ZIP: 'Address and ZIP code',
    ADDRESS_OR_ZIP: 'Address or ZIP code',
    BYPASS: 'Bypass',
    ON: 'On',
    OFF: 'Off',
  },
};
