import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declineWords } from '../../src/locales/declines.js';
import { declinesEs } from '../../src/locales/es/declines.js';
import { DECLINE_CODES, describeDecline, isApprovalCode } from '../../src/protocol/declines.js';
import { mayRetrySameCard } from '../../src/protocol/relay-contract.js';
import { CODE_SPELLINGS, DECLINE_TABLE, GUIDANCE, UNKNOWN_CODES } from '../cases/decline-cases.js';

describe('decline codes', () => {
  it('describes every documented response code', () => {
    for (const [code, message, category, retry] of DECLINE_TABLE) {
      const info = describeDecline(code);
      assert.deepEqual(
        { code: info.code, message: info.message, category: info.category, retry: info.retry, known: info.known },
        { code, message, category, retry, known: true },
        code,
      );
      assert.ok(info.guidance.length > 10 && info.guidance.endsWith('.'), `${code} guidance`);
    }
    assert.deepEqual(Object.keys(DECLINE_CODES).sort(), DECLINE_TABLE.map(([code]) => code).sort());
  });

  it('gives a cashier words they can act on', () => {
    for (const [code, guidance] of GUIDANCE) assert.equal(describeDecline(code).guidance, guidance);
  });

  it('a duplicate (DT) points at the payment just taken, in both languages, and is never run again at once', () => {
    const dt = describeDecline('DT');
    assert.equal(mayRetrySameCard(dt.retry), false);
    assert.match(dt.guidance, /was taken minutes ago/);
    assert.match(dt.guidance, /Check that payment before charging again/);
    assert.doesNotMatch(dt.guidance, /wait 10 minutes|different invoice number/); // no recipe for a second charge
    const es = declineWords({ code: 'DT', approved: false, decline: dt }, declinesEs);
    assert.match(es.guidance, /Hace unos minutos se cobró un pago igual/);
    assert.match(es.guidance, /Revise ese pago antes de cobrar de nuevo/);
  });

  it('unknown letters are non-retryable gateway declines; unknown numbers are issuer declines; never throws', () => {
    for (const [input, code, category, retry] of UNKNOWN_CODES) {
      const info = describeDecline(input);
      assert.deepEqual(
        [info.code, info.category, info.retry, info.known],
        [code, category, retry, false],
        String(input),
      );
      assert.ok(info.guidance.length > 10);
    }
  });

  it('reads codes written loosely', () => {
    for (const [input, code] of CODE_SPELLINGS) {
      assert.equal(describeDecline(input).code, code);
      assert.equal(describeDecline(input).known, true);
    }
  });

  it('isApprovalCode is true for 00 and 85 only', () => {
    assert.deepEqual(
      DECLINE_TABLE.filter(([code]) => isApprovalCode(code)).map(([code]) => code),
      ['00', '85'],
    );
  });
});

describe('declineWords: one lookup for every element', () => {
  const declined = (code: string) => ({
    code,
    message: describeDecline(code).message,
    approved: false,
    decline: describeDecline(code),
  });

  it('English (no catalogue): PayJunction’s own words and the relay’s guidance', () => {
    assert.deepEqual(declineWords(declined('05')), {
      code: '05',
      retry: 'after_24h',
      meaning: 'Declined Do Not Honor',
      guidance: describeDecline('05').guidance,
    });
    assert.deepEqual(declineWords({ code: '00', message: 'Approved', approved: true }), {
      code: '00',
      retry: 'not_applicable',
      meaning: 'Approved',
      guidance: '',
    });
    // The relay's 402 body of a schedule's pre-authorization.
    const { code, message, guidance, retry } = describeDecline('51');
    assert.deepEqual(declineWords({ code, message, guidance, retry }), { code, meaning: message, guidance, retry });
  });

  it('Spanish: every code the relay knows has its own words, never PayJunction’s English', () => {
    assert.deepEqual(Object.keys(declinesEs.codes).sort(), Object.keys(DECLINE_CODES).sort());
    for (const code of Object.keys(DECLINE_CODES)) {
      const words = declineWords(declined(code), declinesEs);
      assert.equal(words.meaning, declinesEs.codes[code]!.meaning, code);
      assert.equal(words.guidance, declinesEs.codes[code]!.guidance, code);
      assert.notEqual(words.meaning, DECLINE_CODES[code]![0], code);
    }
  });

  it('Spanish: a code outside the catalogue gets the generic words of its family', () => {
    assert.deepEqual(declineWords(declined('ZZ'), declinesEs), { code: 'ZZ', retry: 'no', ...declinesEs.gateway });
    assert.deepEqual(declineWords(declined('96'), declinesEs), {
      code: '96',
      retry: 'different_card',
      ...declinesEs.issuer,
    });
    assert.deepEqual(declineWords({ code: '11', message: 'Approved', approved: true }, declinesEs), {
      code: '11',
      retry: 'not_applicable',
      ...declinesEs.approval,
    });
    assert.equal(declineWords({ code: 'toString', message: 'x' }, declinesEs).meaning, declinesEs.gateway.meaning);
  });
});
