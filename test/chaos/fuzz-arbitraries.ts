/**
 * What the fuzz files generate (fast-check): strange strings, good and bad money and terminals,
 * near-valid objects, bodies (JSON, broken JSON, too big), content types and Idempotency-Keys.
 */
import fc from 'fast-check';
import { fromCents } from '../../src/protocol/money.js';
import { BACK_OFFICE_OFFLINE, DRIVE_THRU, FRONT_COUNTER, newKey } from './harness.js';
import { luhnValid } from './leaks.js';

export const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\n',
    '../../',
    '%2e%2e',
    '<script>',
    "' OR 1=1 --",
    '\u202e',
    '🙂',
    'null',
    'undefined',
    '__proto__',
    'constructor',
  ),
  fc.string({ minLength: 200, maxLength: 2_000 }),
);
export const anyValue = fc.oneof(
  fc.anything(),
  weirdString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
/** Amounts PayJunction takes (any of them may approve or decline). */
export const goodMoney = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000 }).map((c) => fromCents(c)),
  fc.constantFrom('12.5', '.05', '1000000.00', '00012.50', ' 7.00 ', '7'),
);
export const badMoney = fc.oneof(
  fc.constantFrom(
    '0',
    '0.00',
    '-1.00',
    '1e3',
    '1,000.00',
    '$5',
    '1000000.01',
    '7.000',
    'NaN',
    'Infinity',
    '0x10',
    '1_000',
    '١٢',
  ),
  fc.double().map(String),
  fc.integer({ min: -1_000, max: 0 }),
  weirdString,
);
export const goodTerminal = fc.constantFrom(FRONT_COUNTER, DRIVE_THRU, BACK_OFFICE_OFFLINE);
export const badTerminal = fc.oneof(
  // Well-formed ids of terminals that do not exist: only PayJunction can tell (404).
  fc.uuid(),
  fc.constantFrom('x'.repeat(65), 'a/b', '', '..', '%2F'),
  weirdString,
);

/** A field: mostly a good value, else a bad one, anything at all, or absent. */
export const field = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown> = weirdString) =>
  fc.oneof(
    { weight: 24, arbitrary: good },
    { weight: 1, arbitrary: bad },
    { weight: 1, arbitrary: anyValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
/** An optional field: absent half the time. */
export const optional = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown> = weirdString) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 12, arbitrary: good },
    { weight: 1, arbitrary: bad },
    { weight: 1, arbitrary: anyValue },
  );

/** A near-valid object: each field mostly good; now and then extra fields, prototype keys among them. */
export function mutated(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.oneof(weirdString, fc.constantFrom('__proto__', 'constructor', 'prototype')),
        anyValue,
        { maxKeys: 3 },
      ),
    },
  );
  return fc.tuple(fc.record(fields), extra).map(([base, more]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(more)) out[k] = v;
    for (const [k, v] of Object.entries(base)) if (v !== undefined) out[k] = v;
    return out;
  });
}

/** A body: mostly JSON of a (mutated) object, else arbitrary JSON, broken JSON, or too big. */
export function bodyOf(object: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: object.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: fc.json() },
    { weight: 1, arbitrary: weirdString },
    { weight: 1, arbitrary: object.map((o) => JSON.stringify(o).slice(0, -1)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '{', '[]', 'null', '"x"', '{"a":', '\uFEFF{}', `{"pad":"${'x'.repeat(20_000)}"}`),
    },
  );
}

export const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      'application/jsonp',
      'APPLICATION/JSON',
    ),
  },
);

export const idempotencyKey = fc.oneof(
  { weight: 10, arbitrary: fc.constant('fresh') },
  { weight: 2, arbitrary: fc.constantFrom('none', 'short', 'bad chars', 'too long', 'reused') },
);
/** One key used with many bodies: the first valid one starts a payment, the same body again answers it, another body is a conflict. */
const reusedKey = newKey('fuzz-reused');

export function keyHeader(kind: string): Record<string, string> {
  switch (kind) {
    case 'fresh':
      return { 'Idempotency-Key': newKey('fuzz') };
    case 'none':
      return {};
    case 'short':
      return { 'Idempotency-Key': 'abc' };
    case 'bad chars':
      return { 'Idempotency-Key': 'key with spaces/and/slashes' };
    case 'too long':
      return { 'Idempotency-Key': 'k'.repeat(129) };
    default:
      return { 'Idempotency-Key': reusedKey };
  }
}

/** Luhn-valid random card numbers: found later anywhere, they can only be this run's. */
export function cardNumber(random: () => number): string {
  const digits = ['4', ...Array.from({ length: 14 }, () => String(Math.floor(random() * 10)))];
  for (let check = 0; check < 10; check++) {
    if (luhnValid(digits.join('') + check)) return digits.join('') + check;
  }
  throw new Error('no check digit');
}
