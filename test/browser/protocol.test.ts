/**
 * The protocol rules in Chromium: the very case tables the Node tests run (test/cases/), so the
 * browser bundle and the relay are proven to agree.
 */
import { expect } from '@open-wc/testing';
import {
  abaRoutingValid,
  addMoney,
  cardBrand,
  compareMoney,
  describeDecline,
  formatMoney,
  fromCents,
  isExpiryPast,
  isMoney,
  lastFour,
  luhnValid,
  normalizeMoney,
  toCents,
  validateSchedule,
  validateScheduleField,
} from '../../src/protocol/index.js';
import { ABA_INVALID, ABA_VALID, BRANDS, EXPIRY, LAST_FOUR, LUHN_INVALID, LUHN_VALID } from '../cases/card-cases.js';
import { CODE_SPELLINGS, DECLINE_TABLE, GUIDANCE, UNKNOWN_CODES } from '../cases/decline-cases.js';
import {
  ADD_MONEY,
  COMPARE_MONEY,
  FORMAT_MONEY_EN_US,
  FROM_CENTS,
  INVALID_MONEY,
  VALID_MONEY,
} from '../cases/money-cases.js';
import { TODAY, VALID_SCHEDULES } from '../cases/schedule-cases.js';
import { INVALID_SCHEDULES } from '../cases/schedule-invalid-cases.js';

// Mocha's globals, provided by the test runner (no @types/mocha is installed).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => void | Promise<void>): void;

describe('protocol in the browser: money', () => {
  it('parses, normalizes and counts cents', () => {
    for (const { input, normalized, cents } of VALID_MONEY) {
      expect(isMoney(input), input).to.equal(true);
      expect(normalizeMoney(input), input).to.equal(normalized);
      expect(toCents(input), input).to.equal(cents);
    }
    for (const input of INVALID_MONEY) {
      expect(isMoney(input), input).to.equal(false);
      expect(() => toCents(input), input).to.throw(TypeError);
    }
  });

  it('writes, compares, adds and formats exactly', () => {
    for (const [cents, text] of FROM_CENTS) expect(fromCents(cents)).to.equal(text);
    for (const [a, b, result] of COMPARE_MONEY) expect(compareMoney(a, b), `${a} vs ${b}`).to.equal(result);
    for (const [amounts, sum] of ADD_MONEY) expect(addMoney(...amounts)).to.equal(sum);
    for (const [input, text] of FORMAT_MONEY_EN_US) expect(formatMoney(input, 'en-US'), input).to.equal(text);
  });
});

describe('protocol in the browser: cards and routing numbers', () => {
  it('Luhn, ABA, brand, expiry and last four', () => {
    for (const number of LUHN_VALID) expect(luhnValid(number), number).to.equal(true);
    for (const number of LUHN_INVALID) expect(luhnValid(number), number).to.equal(false);
    for (const routing of ABA_VALID) expect(abaRoutingValid(routing), routing).to.equal(true);
    for (const [routing, why] of ABA_INVALID) expect(abaRoutingValid(routing), why).to.equal(false);
    for (const [number, brand] of BRANDS) expect(cardBrand(number), number).to.equal(brand);
    for (const [month, year, today, past] of EXPIRY) expect(isExpiryPast(month, year, today)).to.equal(past);
    for (const [number, last] of LAST_FOUR) expect(lastFour(number)).to.equal(last);
  });
});

describe('protocol in the browser: POST /schedules rules', () => {
  it('accepts every valid body with the exact normalized output', () => {
    for (const { name, input, params } of VALID_SCHEDULES) {
      expect(validateSchedule(input, { today: TODAY }), name).to.deep.equal({ ok: true, value: params });
    }
  });

  it(`reports the exact field and message of every rule (${INVALID_SCHEDULES.length} cases)`, () => {
    for (const { name, input, errors } of INVALID_SCHEDULES) {
      expect(validateSchedule(input, { today: TODAY }), name).to.deep.equal({ ok: false, errors });
      for (const error of errors)
        expect(validateScheduleField(error.field, input, { today: TODAY }), name).to.deep.equal(error);
    }
  });
});

describe('protocol in the browser: decline codes', () => {
  it('describes every catalogued code, and unknown ones without throwing', () => {
    for (const [code, message, category, retry] of DECLINE_TABLE) {
      const info = describeDecline(code);
      expect([info.code, info.message, info.category, info.retry, info.known], code).to.deep.equal([
        code,
        message,
        category,
        retry,
        true,
      ]);
    }
    for (const [code, guidance] of GUIDANCE) expect(describeDecline(code).guidance).to.equal(guidance);
    for (const [input, code, category, retry] of UNKNOWN_CODES) {
      const info = describeDecline(input);
      expect([info.code, info.category, info.retry, info.known], String(input)).to.deep.equal([
        code,
        category,
        retry,
        false,
      ]);
    }
    for (const [input, code] of CODE_SPELLINGS) expect(describeDecline(input).code).to.equal(code);
  });
});
