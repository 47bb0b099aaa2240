/**
 * Money cases, run by test/node/protocol-money.test.ts and in Chromium by test/browser/protocol.test.ts.
 * Pure data: each runner asserts with its own library.
 */

/** Valid amounts: input → normalized string and integer cents. */
export const VALID_MONEY: ReadonlyArray<{ input: string; normalized: string; cents: number }> = [
  { input: '1000', normalized: '1000.00', cents: 100000 },
  { input: '1000.00', normalized: '1000.00', cents: 100000 },
  { input: '12.5', normalized: '12.50', cents: 1250 },
  { input: '.05', normalized: '0.05', cents: 5 },
  { input: '0', normalized: '0.00', cents: 0 },
  { input: '0.1', normalized: '0.10', cents: 10 },
  { input: '007.50', normalized: '7.50', cents: 750 },
  { input: '1000000.00', normalized: '1000000.00', cents: 100000000 },
  { input: '0.29', normalized: '0.29', cents: 29 }, // 0.29 * 100 is 28.999999999999996 in floats
  { input: '4.35', normalized: '4.35', cents: 435 }, // 4.35 * 100 is 434.99999999999994 in floats
  { input: '90071992547409.91', normalized: '90071992547409.91', cents: 9007199254740991 },
];

/** Strings PayJunction's money format rejects (contracts-issue2.md). */
export const INVALID_MONEY: readonly string[] = [
  '$1000',
  '1,000.00',
  '1000.000',
  '-1',
  '',
  '1e3',
  '12.',
  '.',
  ' 12.50',
  '12.50 ',
  '12,50',
  '0x10',
  '+5',
  'NaN',
  'Infinity',
  '١٢',
];

export const FROM_CENTS: ReadonlyArray<[cents: number, text: string]> = [
  [0, '0.00'],
  [5, '0.05'],
  [99, '0.99'],
  [100, '1.00'],
  [1250, '12.50'],
  [100000000, '1000000.00'],
  [-150, '-1.50'],
  [-5, '-0.05'],
];

export const COMPARE_MONEY: ReadonlyArray<[a: string, b: string, result: -1 | 0 | 1]> = [
  ['1', '1.00', 0],
  ['.5', '0.50', 0],
  ['0009', '10', -1],
  ['10', '9.99', 1],
  ['1000000.00', '1000000.01', -1],
  ['1000000.01', '1000000', 1],
  ['99999999999999999999.99', '100000000000000000000', -1], // beyond floats: exact
  ['0.1', '0.09', 1],
];

export const ADD_MONEY: ReadonlyArray<[amounts: string[], sum: string]> = [
  [['0.1', '0.2'], '0.30'],
  [['1.10', '.2', '3'], '4.30'],
  [[], '0.00'],
  [['999999.99', '0.01'], '1000000.00'],
  [['90071992547409.91', '0.01'], '90071992547409.92'], // past Number.MAX_SAFE_INTEGER cents, still exact
];

/** formatMoney in en-US; the same input in other locales is checked by the runners. */
export const FORMAT_MONEY_EN_US: ReadonlyArray<[input: string, text: string]> = [
  ['1234.5', '$1,234.50'],
  ['.05', '$0.05'],
  ['1000000', '$1,000,000.00'],
  ['0.29', '$0.29'],
  ['90071992547409.99', '$90,071,992,547,409.99'], // a float would print ...409.98 or round
];
