/**
 * Response-code cases (https://developer.payjunction.com/hc/en-us/articles/215872728), shared by
 * test/node/protocol-declines.test.ts and the browser test.
 */
import type { DeclineCategory, DeclineRetry } from '../../src/protocol/declines.js';

/** Every code the catalogue must describe, with PayJunction's message (the page above) and our advice. */
export const DECLINE_TABLE: ReadonlyArray<
  [code: string, message: string, category: DeclineCategory, retry: DeclineRetry]
> = [
  ['00', 'Approved', 'approval', 'not_applicable'],
  ['85', 'Approved', 'approval', 'not_applicable'],
  ['01', 'Declined Call Issuer', 'issuer', 'different_card'],
  ['04', 'Declined Pick Up Card', 'issuer', 'no'],
  ['05', 'Declined Do Not Honor', 'issuer', 'after_24h'],
  ['10', 'Approved Partial', 'issuer', 'different_card'],
  ['12', 'Declined Invalid Transaction', 'issuer', 'different_card'],
  ['13', 'Declined Card Amount Invalid', 'issuer', 'fix_and_retry'],
  ['14', 'Declined Card Number Invalid', 'issuer', 'fix_and_retry'],
  ['15', 'Declined No Such Issuer', 'issuer', 'fix_and_retry'],
  ['19', 'Declined Re Enter', 'issuer', 'yes'],
  ['51', 'Declined Insufficient Funds', 'issuer', 'after_24h'],
  ['54', 'Declined Card Expired', 'issuer', 'fix_and_retry'],
  ['55', 'Wrong PIN Entered by Card Holder', 'issuer', 'fix_and_retry'],
  ['57', 'Declined Service Not Allowed', 'issuer', 'different_card'],
  ['61', 'Declined Exceeds Withdrawal Limit', 'issuer', 'after_24h'],
  ['62', 'Declined Restricted Sic Code', 'issuer', 'different_card'],
  ['63', 'Declined Restricted', 'issuer', 'different_card'],
  ['65', 'Declined Exceeds Activity Limit', 'issuer', 'after_24h'],
  ['75', 'Declined PIN Try Exceeded', 'issuer', 'different_card'],
  ['78', 'Declined No Account', 'issuer', 'no'],
  ['91', 'Declined No Reply', 'issuer', 'yes'],
  ['97', 'Declined Card Cvv2 Mismatch', 'issuer', 'fix_and_retry'],
  ['AA', 'Declined Avs No Match Address', 'gateway', 'fix_and_retry'],
  ['AI', 'Declined Avs Not Supported International', 'gateway', 'different_card'],
  ['AN', 'Declined Avs Not Supported', 'gateway', 'different_card'],
  ['AU', 'Declined Avs Unavailable', 'gateway', 'different_card'],
  ['DT', 'Declined Duplicate Transaction', 'gateway', 'after_10_minutes'],
];

/** Guidance a cashier depends on, word for word. */
export const GUIDANCE: ReadonlyArray<[code: string, guidance: string]> = [
  ['51', 'Insufficient funds. Ask for another card or a smaller amount.'],
  ['05', 'The bank declined without a reason. Do not run it again today. Ask for another card.'],
  // A duplicate (SPJ 211149697): the first payment most likely stands; the cashier checks it first.
  [
    'DT',
    'A matching payment (same card, amount and invoice number) was taken minutes ago, so this one was refused as a duplicate. Check that payment before charging again: the customer has most likely paid already.',
  ],
];

/** Codes outside the catalogue and what they become. */
export const UNKNOWN_CODES: ReadonlyArray<
  [input: unknown, code: string, category: DeclineCategory, retry: DeclineRetry]
> = [
  ['ZZ', 'ZZ', 'gateway', 'no'],
  ['aw', 'AW', 'gateway', 'no'],
  ['N7', 'N7', 'gateway', 'no'],
  ['96', '96', 'issuer', 'different_card'],
  ['', '', 'issuer', 'different_card'],
  [undefined, '', 'issuer', 'different_card'],
  [null, '', 'issuer', 'different_card'],
  [{ code: '05' }, '', 'issuer', 'different_card'],
  ['toString', 'TOSTRING', 'gateway', 'no'],
  ['__proto__', '__PROTO__', 'gateway', 'no'],
];

/** Inputs that must resolve to a known code. */
export const CODE_SPELLINGS: ReadonlyArray<[input: unknown, code: string]> = [
  [' 05 ', '05'],
  [5, '05'],
  [51, '51'],
  ['dt', 'DT'],
];
