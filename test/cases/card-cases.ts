/**
 * Card and routing-number cases, shared by test/node/protocol-card.test.ts and the browser test.
 */
import type { CardBrand } from '../../src/protocol/card.js';

/** Luhn-valid numbers: public test numbers of each network, with and without separators. */
export const LUHN_VALID: readonly string[] = [
  '4444333322221111', // PayJunction's labs Visa (https://developer.payjunction.com/hc/en-us/articles/115004644968)
  '4444 3333 2222 1111',
  '4444-3333-2222-1111',
  '5105105105105100',
  '4111111111111111',
  '378282246310005',
  '6011111111111117',
  '3530111333300000',
  '30569309025904',
  '2223003122003222',
];

export const LUHN_INVALID: readonly string[] = [
  '4444333322221112', // last digit changed
  '4111111111111112',
  '1234567812345678',
  '4444a33322221111', // a letter
  '4444.3333.2222.1111', // dots are not a typing aid we strip
  '',
  '0',
];

/** ABA routing numbers. 104000016 is the one labs tests use (https://github.com/brandedcrate/payjunction-nodejs). */
export const ABA_VALID: readonly string[] = [
  '104000016',
  '121000358',
  '021000021',
  '011000015',
  '104-000-016',
  '104 000 016',
];

export const ABA_INVALID: ReadonlyArray<[value: string, why: string]> = [
  ['104000015', 'checksum'],
  ['123456789', 'checksum'],
  ['10400001', '8 digits'],
  ['1040000160', '10 digits'],
  ['10400001a', 'a letter'],
  ['130000006', 'checksum right but 13 is no Federal Reserve prefix'],
  ['990000000', 'checksum right but 99 is no Federal Reserve prefix'],
  ['000000000', 'all zeros'],
  ['', 'empty'],
];

export const BRANDS: ReadonlyArray<[number: string, brand: CardBrand]> = [
  ['4444333322221111', 'VISA'],
  ['4', 'VISA'],
  ['5105105105105100', 'MASTERCARD'],
  ['5500 0000 0000 0004', 'MASTERCARD'],
  ['2223003122003222', 'MASTERCARD'],
  ['2720990000000007', 'MASTERCARD'],
  ['2721000000000000', 'UNKNOWN'],
  ['2220990000000000', 'UNKNOWN'],
  ['378282246310005', 'AMEX'],
  ['340000000000009', 'AMEX'],
  ['6011111111111117', 'DISCOVER'],
  ['6500000000000002', 'DISCOVER'],
  ['6440000000000000', 'DISCOVER'],
  ['6221260000000000', 'DISCOVER'],
  ['3530111333300000', 'JCB'],
  ['3589000000000000', 'JCB'],
  ['30569309025904', 'DINERS'],
  ['36227206271667', 'DINERS'],
  ['3800000000000000', 'DINERS'],
  ['5600000000000000', 'UNKNOWN'],
  ['1234', 'UNKNOWN'],
  ['', 'UNKNOWN'],
  ['abcd', 'UNKNOWN'],
];

/** isExpiryPast(month, year, today): a card is good through the end of its month. */
export const EXPIRY: ReadonlyArray<[month: number | string, year: number | string, today: string, past: boolean]> = [
  [3, 2026, '2026-03-31', false],
  [3, 2026, '2026-03-01', false],
  [3, 2026, '2026-04-01', true],
  [12, 2025, '2026-01-01', true],
  [1, 2027, '2026-12-31', false],
  ['02', '2026', '2026-03-15', true],
  ['12', '2030', '2026-03-15', false],
];

export const LAST_FOUR: ReadonlyArray<[number: string, last: string]> = [
  ['4444333322221111', '1111'],
  ['4444 3333 2222 1111', '1111'],
  ['5105-1051-0510-5100', '5100'],
  ['123', '123'],
];
