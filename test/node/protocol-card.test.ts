import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  abaRoutingValid,
  cardBrand,
  isExpiryPast,
  lastFour,
  localToday,
  luhnValid,
  stripDigits,
} from '../../src/protocol/card.js';
import { ABA_INVALID, ABA_VALID, BRANDS, EXPIRY, LAST_FOUR, LUHN_INVALID, LUHN_VALID } from '../cases/card-cases.js';

describe('card and bank numbers', () => {
  it('Luhn accepts the test cards of each network, typed with spaces or dashes', () => {
    for (const number of LUHN_VALID) assert.equal(luhnValid(number), true, number);
  });

  it('Luhn rejects a changed digit, letters and odd separators', () => {
    for (const number of LUHN_INVALID) assert.equal(luhnValid(number), false, number);
  });

  it('ABA accepts real routing numbers, including the labs 104000016', () => {
    for (const routing of ABA_VALID) assert.equal(abaRoutingValid(routing), true, routing);
  });

  it('ABA rejects bad checksums, lengths and prefixes', () => {
    for (const [routing, why] of ABA_INVALID) assert.equal(abaRoutingValid(routing), false, `${routing}: ${why}`);
  });

  it('detects the brand from the leading digits', () => {
    for (const [number, brand] of BRANDS) assert.equal(cardBrand(number), brand, number);
  });

  it('a card is good through the end of its expiry month', () => {
    for (const [month, year, today, past] of EXPIRY)
      assert.equal(isExpiryPast(month, year, today), past, `${month}/${year} on ${today}`);
    assert.throws(() => isExpiryPast(13, 2030, '2026-01-01'), RangeError);
    assert.throws(() => isExpiryPast(1, 2030, '01/01/2026'), RangeError);
  });

  it('lastFour and stripDigits ignore spaces and dashes', () => {
    for (const [number, last] of LAST_FOUR) assert.equal(lastFour(number), last, number);
    assert.equal(stripDigits(' 4444 3333\t2222-1111 '), '4444333322221111');
  });

  it('localToday is yyyy-MM-dd in local time', () => {
    assert.equal(localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.match(localToday(), /^\d{4}-\d{2}-\d{2}$/);
  });
});
