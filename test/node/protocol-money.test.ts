import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MONEY_MAX,
  addMoney,
  compareMoney,
  formatMoney,
  fromCents,
  isMoney,
  isWithinMoneyMax,
  normalizeMoney,
  toCents,
} from '../../src/protocol/money.js';
import {
  ADD_MONEY,
  COMPARE_MONEY,
  FORMAT_MONEY_EN_US,
  FROM_CENTS,
  INVALID_MONEY,
  VALID_MONEY,
} from '../cases/money-cases.js';

describe('money', () => {
  it('accepts PayJunction amounts and gives exact cents and a normalized string', () => {
    for (const { input, normalized, cents } of VALID_MONEY) {
      assert.equal(isMoney(input), true, input);
      assert.equal(normalizeMoney(input), normalized, input);
      assert.equal(toCents(input), cents, input);
    }
  });

  it('rejects everything else, and toCents / normalizeMoney throw on it', () => {
    for (const input of INVALID_MONEY) {
      assert.equal(isMoney(input), false, input);
      assert.throws(() => toCents(input), TypeError, input);
      assert.throws(() => normalizeMoney(input), TypeError, input);
    }
    for (const value of [12.5, null, undefined, {}, 1250n]) assert.equal(isMoney(value), false);
  });

  it('toCents refuses amounts it cannot count exactly', () => {
    assert.throws(() => toCents('90071992547409.92'), RangeError);
  });

  it('fromCents writes two decimals and refuses fractions of a cent', () => {
    for (const [cents, text] of FROM_CENTS) assert.equal(fromCents(cents), text);
    assert.equal(fromCents(9007199254740993n), '90071992547409.93');
    assert.throws(() => fromCents(12.5), RangeError);
    assert.throws(() => fromCents(Number.NaN), RangeError);
  });

  it('compares exactly at any size', () => {
    for (const [a, b, result] of COMPARE_MONEY) {
      assert.equal(compareMoney(a, b), result, `${a} vs ${b}`);
      assert.equal(compareMoney(b, a), -result || 0, `${b} vs ${a}`);
    }
    assert.throws(() => compareMoney('1', '$1'), TypeError);
  });

  it('adds without float error', () => {
    for (const [amounts, sum] of ADD_MONEY) assert.equal(addMoney(...amounts), sum, amounts.join(' + '));
    assert.throws(() => addMoney('1', 'one'), TypeError);
  });

  it('caps amounts at 1,000,000.00', () => {
    assert.equal(MONEY_MAX, '1000000.00');
    assert.equal(isWithinMoneyMax('1000000'), true);
    assert.equal(isWithinMoneyMax('1000000.00'), true);
    assert.equal(isWithinMoneyMax('1000000.01'), false);
    assert.equal(isWithinMoneyMax('0001000000.01'), false);
    assert.equal(isWithinMoneyMax('abc'), false);
  });

  it('formats for display through Intl with the decimal string', () => {
    for (const [input, text] of FORMAT_MONEY_EN_US) assert.equal(formatMoney(input, 'en-US'), text, input);
    assert.equal(formatMoney('1234.5', 'de-DE', 'EUR').replace(/\s/g, ' '), '1.234,50 €');
    assert.equal(
      formatMoney('1234.5', 'es-US'),
      new Intl.NumberFormat('es-US', { style: 'currency', currency: 'USD' }).format(1234.5),
    );
    assert.equal(formatMoney('not money', 'en-US'), 'not money');
  });
});
