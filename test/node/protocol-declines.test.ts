import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DECLINE_CODES, describeDecline, isApprovalCode } from '../../src/protocol/declines.js';
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
      assert.ok(info.merchantGuidance.length > 10 && info.merchantGuidance.endsWith('.'), `${code} guidance`);
    }
    assert.deepEqual(Object.keys(DECLINE_CODES).sort(), DECLINE_TABLE.map(([code]) => code).sort());
  });

  it('gives a cashier words they can act on', () => {
    for (const [code, guidance] of GUIDANCE) assert.equal(describeDecline(code).merchantGuidance, guidance);
  });

  it('unknown letters are non-retryable gateway declines; unknown numbers are issuer declines; never throws', () => {
    for (const [input, code, category, retry] of UNKNOWN_CODES) {
      const info = describeDecline(input);
      assert.deepEqual([info.code, info.category, info.retry, info.known], [code, category, retry, false], String(input));
      assert.ok(info.merchantGuidance.length > 10);
    }
  });

  it('reads codes written loosely', () => {
    for (const [input, code] of CODE_SPELLINGS) {
      assert.equal(describeDecline(input).code, code);
      assert.equal(describeDecline(input).known, true);
    }
  });

  it('isApprovalCode is true for 00 and 85 only', () => {
    assert.deepEqual(DECLINE_TABLE.filter(([code]) => isApprovalCode(code)).map(([code]) => code), ['00', '85']);
  });
});
