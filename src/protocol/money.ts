/**
 * Money as PayJunction writes it: a decimal string of dollars ("12.50"). Arithmetic is done in
 * integer cents parsed from the string's digits, never with floats (0.1 + 0.2 is not 0.30).
 *
 * Accepted input, as PayJunction accepts it: digits with an optional "." and at most 2 decimals
 * ("1000", "1000.5", "1000.00", ".05"). Rejected: "$1000", "1,000.00", "1000.000", "-1", "", "1e3",
 * "12." and surrounding spaces (trim before calling).
 */

/**
 * The largest amount PayJunction accepts in any amount field ("max value of 1,000,000",
 * https://developer.payjunction.com/hc/en-us/articles/4405322684315).
 */
export const MONEY_MAX = '1000000.00';

const MONEY_PATTERN = /^(?:\d+(?:\.\d{1,2})?|\.\d{1,2})$/;

/** True when `s` is a money string PayJunction accepts (format only; see MONEY_MAX for the ceiling). */
export function isMoney(s: unknown): s is string {
  return typeof s === 'string' && MONEY_PATTERN.test(s);
}

/** Splits a valid money string into its whole-dollar digits (no leading zeros) and 2 cent digits. */
function moneyParts(s: string): [whole: string, cents: string] {
  if (!isMoney(s)) throw new TypeError(`Not a money amount: ${JSON.stringify(s)}`);
  const [whole = '', fraction = ''] = s.split('.');
  return [whole.replace(/^0+(?=\d)/, '') || '0', (fraction + '00').slice(0, 2)];
}

/** "12.5" → "12.50", ".05" → "0.05", "007" → "7.00". Throws TypeError on an invalid amount. */
export function normalizeMoney(s: string): string {
  const [whole, cents] = moneyParts(s);
  return `${whole}.${cents}`;
}

/** "12.50" → 1250. Throws TypeError on an invalid amount, RangeError beyond Number's exact integers. */
export function toCents(s: string): number {
  const [whole, cents] = moneyParts(s);
  const value = Number(whole + cents); // a string of digits: exact while it is a safe integer
  if (!Number.isSafeInteger(value)) throw new RangeError('Amount is too large to count in cents.');
  return value;
}

/** 1250 → "12.50"; -5 → "-0.05". Throws RangeError unless `cents` is a safe integer. */
export function fromCents(cents: number | bigint): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
    throw new RangeError(`Cents must be a whole number: ${cents}`);
  }
  const negative = cents < 0;
  const digits = String(negative ? -cents : cents).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Compares two valid amounts exactly, at any size: -1 when a < b, 0 when equal, 1 when a > b. */
export function compareMoney(a: string, b: string): -1 | 0 | 1 {
  const [wa, ca] = moneyParts(a);
  const [wb, cb] = moneyParts(b);
  // Without leading zeros a longer whole part is the larger number; equal lengths compare as text.
  if (wa.length !== wb.length) return wa.length < wb.length ? -1 : 1;
  const x = wa + ca;
  const y = wb + cb;
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Exact sum of valid amounts, normalized ("1.10" + ".2" → "1.30"); no amounts → "0.00". */
export function addMoney(...amounts: string[]): string {
  let total = 0n;
  for (const amount of amounts) {
    const [whole, cents] = moneyParts(amount);
    total += BigInt(whole + cents);
  }
  return fromCents(total);
}

/**
 * The money rule, the one place every amount field is judged (the payment check, the schedule rules
 * and the simulator): why `s` is refused, or undefined when it is accepted. The answer is a message
 * key, not a sentence, so each caller words it in its own language (MONEY_MESSAGES_EN is English).
 * `positive`: zero is refused too (a base amount; a tip or tax may be 0.00).
 */
export type MoneyProblem = 'money' | 'moneyMax' | 'moneyPositive';
export function moneyProblem(s: string, options: { positive?: boolean } = {}): MoneyProblem | undefined {
  if (!isMoney(s)) return 'money';
  if (compareMoney(s, MONEY_MAX) > 0) return 'moneyMax';
  if (options.positive && compareMoney(s, '0') <= 0) return 'moneyPositive';
  return undefined;
}

/** The money rule's sentences in English; {field} is the field's name in words ("Amount"). */
export const MONEY_MESSAGES_EN: Readonly<Record<MoneyProblem, string>> = {
  money: '{field} must be written like 12.50, with digits and at most 2 decimals.',
  moneyPositive: '{field} must be more than 0.00.',
  moneyMax: "{field} can't be more than 1,000,000.00.",
};

/** True for a valid amount that is not above MONEY_MAX. */
export function isWithinMoneyMax(s: string): boolean {
  return isMoney(s) && compareMoney(s, MONEY_MAX) <= 0;
}

/**
 * An amount for display: formatMoney("1234.5") → "$1,234.50" (en-US). Intl formats the decimal
 * string itself, so no float is ever involved. An invalid amount is returned unchanged (display
 * code should not throw over a host page's bad attribute).
 */
export function formatMoney(amount: string, locale?: string | string[], currency = 'USD'): string {
  if (!isMoney(amount)) return amount;
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(normalizeMoney(amount) as `${number}`);
}
