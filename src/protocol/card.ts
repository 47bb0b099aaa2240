/**
 * Card and bank-account number checks. People type numbers with spaces or dashes
 * ("4444 3333 2222 1111", "4444-3333-2222-1111"), as PayJunction's own docs show: every function
 * here removes spaces and dashes first (stripDigits), and then wants digits only.
 */

export type CardBrand = 'VISA' | 'MASTERCARD' | 'AMEX' | 'DISCOVER' | 'JCB' | 'DINERS' | 'UNKNOWN';

/**
 * Removes spaces (any whitespace) and the dashes between digits: "4444 3333-2222 1111" →
 * "4444333322221111". A dash elsewhere (a leading minus) is not a typing aid and stays, so the
 * value is refused rather than silently changed.
 */
export function stripDigits(value: string): string {
  return value.replace(/\s+/g, '').replace(/(?<=\d)-+(?=\d)/g, '');
}

const DIGITS = /^\d+$/;

/** Luhn (mod 10) check of a card number; false for anything but digits (after stripDigits). */
export function luhnValid(number: string): boolean {
  const digits = stripDigits(number);
  if (digits.length < 2 || !DIGITS.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * ABA routing number check: 9 digits, 3·d1 + 7·d2 + 1·d3 + 3·d4 + 7·d5 + 1·d6 + 3·d7 + 7·d8 + 1·d9
 * divisible by 10, and a first pair the Federal Reserve assigns (00–12, 21–32, 61–72, 80).
 * "000000000" passes the arithmetic but is no bank, so it is refused.
 */
export function abaRoutingValid(routingNumber: string): boolean {
  const digits = stripDigits(routingNumber);
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  const prefix = Number(digits.slice(0, 2));
  const knownPrefix = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!knownPrefix) return false;
  const weights = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * weights[i % 3]!;
  return sum % 10 === 0;
}

/**
 * The card network from the number's leading digits (IIN ranges). Works on a partly typed number,
 * so a form can show the brand while the person types; "UNKNOWN" when no range matches.
 */
export function cardBrand(number: string): CardBrand {
  const digits = stripDigits(number);
  if (!DIGITS.test(digits)) return 'UNKNOWN';
  const first = (n: number) => Number(digits.slice(0, n));
  const between = (n: number, low: number, high: number) => digits.length >= n && first(n) >= low && first(n) <= high;
  if (digits.startsWith('4')) return 'VISA';
  if (between(2, 51, 55) || between(4, 2221, 2720)) return 'MASTERCARD';
  if (between(2, 34, 34) || between(2, 37, 37)) return 'AMEX';
  if (digits.startsWith('6011') || between(3, 644, 649) || digits.startsWith('65') || between(6, 622126, 622925)) {
    return 'DISCOVER';
  }
  if (between(4, 3528, 3589)) return 'JCB';
  if (between(3, 300, 305) || digits.startsWith('309') || digits.startsWith('36') || between(2, 38, 39))
    return 'DINERS';
  return 'UNKNOWN';
}

/** Today's date in this machine's time zone, yyyy-MM-dd. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * True when a card expiring `month`/`year` (1–12, 4-digit year) can no longer be used on `today`
 * (yyyy-MM-dd, default: localToday()). A card is valid through the last day of its month, so
 * 08/2030 is past only from 2030-09-01. Throws RangeError for a month outside 1–12 or a bad today.
 */
export function isExpiryPast(month: number | string, year: number | string, today: string = localToday()): boolean {
  const m = Number(month);
  const y = Number(year);
  if (!Number.isInteger(m) || m < 1 || m > 12 || !Number.isInteger(y)) {
    throw new RangeError('Expiry month must be 1–12 and the year a whole number.');
  }
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(today);
  if (!match) throw new RangeError(`today must be yyyy-MM-dd: ${today}`);
  return y * 12 + m < Number(match[1]) * 12 + Number(match[2]);
}

/** The last four digits of a card or account number ("4444 3333 2222 1111" → "1111"). */
export function lastFour(number: string): string {
  return stripDigits(number).slice(-4);
}
