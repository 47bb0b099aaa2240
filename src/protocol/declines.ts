/**
 * PayJunction's response codes (https://developer.payjunction.com/hc/en-us/articles/215872728,
 * https://support.payjunction.com/hc/en-us/articles/213388398, and Decline Handling,
 * https://developer.payjunction.com/hc/en-us/articles/115004487887).
 *
 * Codes and these texts are for the MERCHANT (the cashier, the back office), never for the
 * cardholder: telling a shopper why a card failed helps whoever is testing stolen cards
 * (Decline Handling). A cardholder-facing screen should only say the payment did not go through.
 *
 * Families: "00" is the approval ("85" is an old approval); two-digit numeric codes come from the
 * card networks and the issuing bank; two-letter codes are PayJunction's own gateway declines
 * (account settings, AVS/CVV, duplicates). `response.approved` stays authoritative.
 */

/**
 * What to do next, for a person or for an automatic retry:
 * - `not_applicable`: approved, nothing to retry.
 * - `yes`: a passing problem (no reply, re-enter); the same payment may be tried again now.
 * - `after_10_minutes`: duplicate guard (DT): a matching payment was just taken; check it before any new
 *   charge (the guard lifts after 10 minutes, but the first payment most likely stands).
 * - `after_24h`: do not retry today (hard "do not honor", limits reached); the same card may
 *   work tomorrow. Never retry these automatically in a loop.
 * - `fix_and_retry`: something was entered wrong (number, expiry, CVV, address); correct it, then retry.
 * - `different_card`: this card will not work for this payment; ask for another payment method.
 * - `no`: do not retry at all (the account's setup blocks it, or the card must not be used again).
 */
export type DeclineRetry =
  'not_applicable' | 'yes' | 'after_10_minutes' | 'after_24h' | 'fix_and_retry' | 'different_card' | 'no';

/** `approval`: approved. `issuer`: the card's bank or network said no. `gateway`: PayJunction said no. */
export type DeclineCategory = 'approval' | 'issuer' | 'gateway';

export interface DeclineInfo {
  code: string;
  /** PayJunction's description of the code. */
  message: string;
  /** What a cashier should do, in plain words (English; a page's locale words it in its language). */
  guidance: string;
  retry: DeclineRetry;
  category: DeclineCategory;
  /** False for a code outside the published catalogue (described generically). */
  known: boolean;
}

type Entry = [message: string, guidance: string, retry: DeclineRetry];

const ANOTHER_CARD = 'Ask for another card.';

/** The catalogue, keyed by code. Numeric codes other than 00/85 are issuer declines; letters are gateway declines. */
export const DECLINE_CODES: Readonly<Record<string, Entry>> = {
  '00': ['Approved', 'Approved. Nothing more to do.', 'not_applicable'],
  '85': ['Approved', 'Approved (an older approval code). Nothing more to do.', 'not_applicable'],
  '01': [
    'Declined Call Issuer',
    `The card's bank wants the cardholder to call it (number on the back of the card). ${ANOTHER_CARD}`,
    'different_card',
  ],
  '04': [
    'Declined Pick Up Card',
    `The bank reports this card must not be used. Do not run it again. ${ANOTHER_CARD}`,
    'no',
  ],
  '05': [
    'Declined Do Not Honor',
    `The bank declined without a reason. Do not run it again today. ${ANOTHER_CARD}`,
    'after_24h',
  ],
  '10': [
    'Approved Partial',
    'The bank would approve only part of the amount, and partial approvals are not supported. Ask for another card or a smaller amount.',
    'different_card',
  ],
  '12': [
    'Declined Invalid Transaction',
    `The bank does not allow this kind of transaction on this card. ${ANOTHER_CARD}`,
    'different_card',
  ],
  '13': [
    'Declined Card Amount Invalid',
    'The bank refused the amount. Check the amount and try again.',
    'fix_and_retry',
  ],
  '14': ['Declined Card Number Invalid', 'The card number is wrong. Check the number and try again.', 'fix_and_retry'],
  '15': [
    'Declined No Such Issuer',
    `No bank matches this card number. Check the number, or ${ANOTHER_CARD.toLowerCase()}`,
    'fix_and_retry',
  ],
  '19': ['Declined Re Enter', 'The bank asks to run the payment again. Try once more.', 'yes'],
  '51': ['Declined Insufficient Funds', 'Insufficient funds. Ask for another card or a smaller amount.', 'after_24h'],
  '54': [
    'Declined Card Expired',
    `The card has expired. Check the expiration date, or ${ANOTHER_CARD.toLowerCase()}`,
    'fix_and_retry',
  ],
  '55': ['Wrong PIN Entered by Card Holder', 'Wrong PIN. Ask the cardholder to enter the PIN again.', 'fix_and_retry'],
  '57': [
    'Declined Service Not Allowed',
    `The bank does not allow this card for this kind of purchase. ${ANOTHER_CARD}`,
    'different_card',
  ],
  '61': [
    'Declined Exceeds Withdrawal Limit',
    'The card is over its spending limit. Ask for another card or a smaller amount.',
    'after_24h',
  ],
  '62': [
    'Declined Restricted Sic Code',
    `The bank does not allow this card at this type of business. ${ANOTHER_CARD}`,
    'different_card',
  ],
  '63': ['Declined Restricted', `The bank has restricted this card. ${ANOTHER_CARD}`, 'different_card'],
  '65': [
    'Declined Exceeds Activity Limit',
    'The card has been used too many times. Ask for another card, or try again tomorrow.',
    'after_24h',
  ],
  '75': [
    'Declined PIN Try Exceeded',
    `Too many wrong PIN tries; the card is locked for PIN use. ${ANOTHER_CARD}`,
    'different_card',
  ],
  '78': ['Declined No Account', `The bank has no account for this card. ${ANOTHER_CARD}`, 'no'],
  '91': ['Declined No Reply', 'The bank did not answer in time. Try again in a moment.', 'yes'],
  '97': [
    'Declined Card Cvv2 Mismatch',
    'The CVV (3 or 4 digits on the card) does not match. Check it and try again.',
    'fix_and_retry',
  ],
  AA: [
    'Declined Avs No Match Address',
    "The billing address does not match the bank's records. Check the street address and try again.",
    'fix_and_retry',
  ],
  AI: [
    'Declined Avs Not Supported International',
    `The address cannot be checked for this international card, and the account's settings require it. ${ANOTHER_CARD}`,
    'different_card',
  ],
  AN: [
    'Declined Avs Not Supported',
    `The card's bank cannot check addresses, and the account's settings require it. ${ANOTHER_CARD}`,
    'different_card',
  ],
  AU: [
    'Declined Avs Unavailable',
    'The address check is unavailable right now, and the account requires it. Try again later or use another card.',
    'different_card',
  ],
  // PayJunction refuses the same card, amount and invoice number within 10 minutes
  // (https://support.payjunction.com/hc/en-us/articles/211149697): the first one most likely went
  // through, so the words send the cashier to it, not to a second charge.
  DT: [
    'Declined Duplicate Transaction',
    'A matching payment (same card, amount and invoice number) was taken minutes ago, so this one was refused as a duplicate. Check that payment before charging again: the customer has most likely paid already.',
    'after_10_minutes',
  ],
};

const UNKNOWN_GATEWAY: Entry = [
  'Declined',
  "PayJunction declined the payment, often because of the account's security settings. Do not retry; check the transaction in PayJunction or ask for another card.",
  'no',
];
const UNKNOWN_ISSUER: Entry = ['Declined', `The card's bank declined the payment. ${ANOTHER_CARD}`, 'different_card'];

/**
 * Describes any response code, known or not; never throws. Codes are trimmed and upper-cased
 * ("dt" → "DT"). An unknown code with a letter in it is a non-retryable gateway decline; any other
 * unknown code (numeric, empty, odd) is an issuer decline with generic guidance. A one-digit
 * code (5, read from JSON as a number) is padded ("05").
 */
export function describeDecline(code: unknown): DeclineInfo {
  let normalized = (typeof code === 'string' || typeof code === 'number' ? String(code) : '').trim().toUpperCase();
  if (/^\d$/.test(normalized)) normalized = `0${normalized}`; // a code read as a JSON number: 5 → "05"
  const entry = Object.hasOwn(DECLINE_CODES, normalized) ? DECLINE_CODES[normalized] : undefined;
  const gateway = /[A-Z]/.test(normalized);
  const [message, guidance, retry] = entry ?? (gateway ? UNKNOWN_GATEWAY : UNKNOWN_ISSUER);
  const category: DeclineCategory = retry === 'not_applicable' ? 'approval' : gateway ? 'gateway' : 'issuer';
  return { code: normalized, message, guidance, retry, category, known: entry !== undefined };
}

/** True for the approval codes (00, 85). `response.approved` from PayJunction still decides. */
export function isApprovalCode(code: unknown): boolean {
  return describeDecline(code).category === 'approval';
}
