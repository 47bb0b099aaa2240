/**
 * The guards of the payment fields channel (src/protocol/fields-channel.ts), fuzzed: random objects
 * never pass unless well formed, and no message the page accepts from the frame carries a digit run
 * a person typed: free text has no run of 5+ digits, a token none of 12+, a last four is 4 digits.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FRAME_FIELDS,
  fieldsMessages,
  isThemeValue,
  parseFrameMessage,
  parseHostMessage,
  type FieldsInit,
} from '../../src/protocol/fields-channel.js';
import { messagesEs } from '../../src/locales/es/messages.js';
import { fieldsEn } from '../../src/locales/en/fields.js';
import { fieldsEs } from '../../src/locales/es/fields.js';

const { frameTitle: _t, sameOrigin: _s, ...words } = fieldsEn;
const INIT: FieldsInit = {
  type: 'init',
  methods: ['card', 'ach'],
  method: 'card',
  lang: 'en-US',
  messages: fieldsMessages(),
  words,
  theme: { '--pj-color-accent': '#0a7d33', '--pj-radius': '4px', '--pj-font-family': '"Inter", system-ui' },
  config: {
    publishableKey: 'key_abc',
    sdkUrl: 'https://www.payjunction.com/trinity/js/sdk.js',
    achVaultUrl: 'https://relay.example/pj/fields/ach-vault',
    achTicket: 'a-relay-made-ticket-0123',
  },
};
const STATE = {
  type: 'state',
  method: 'card',
  fields: {
    cardNumber: { state: 'invalid', message: 'Card number is not valid. Check the digits.' },
    cardCvv: { state: 'empty' },
  },
  brand: 'VISA',
  complete: false,
};
const CARD = {
  type: 'result',
  method: 'card',
  tokenId: '3f0c9a5e-1b2d-4c8e-9f00-2a6b7c8d9e0f',
  brand: 'VISA',
  lastFour: '1111',
};
const ACH = { type: 'result', method: 'ach', vaultId: '6001', accountType: 'CHECKING', lastFour: '6789' };
const ERROR = {
  type: 'result',
  error: {
    code: 'invalid_fields',
    message: 'Check.',
    fields: [{ field: 'cardCvv', message: 'CVV must be 3 or 4 digits.' }],
  },
};
const GOOD_FRAME = [{ type: 'ready' }, STATE, CARD, ACH, ERROR, { type: 'resize', height: 312 }];

/** Every string in a value, however deep. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('fields channel guards', () => {
  it('accept the well-formed messages of each direction, Spanish sentences included', () => {
    assert.ok(parseHostMessage(INIT));
    assert.ok(parseHostMessage({ ...INIT, messages: fieldsMessages(messagesEs), lang: 'es-US' }));
    assert.ok(parseHostMessage({ type: 'set-method', method: 'ach' }));
    assert.ok(parseHostMessage({ type: 'submit', achType: 'PPD' }));
    for (const m of GOOD_FRAME) assert.deepEqual(parseFrameMessage(m), m);
  });

  it('refuse a key too many, a number in place of a state, theme values that are not plain values', () => {
    assert.equal(parseHostMessage({ ...INIT, extra: true }), undefined);
    assert.equal(parseHostMessage({ type: 'submit', cardNumber: '4111111111111111' }), undefined);
    assert.equal(parseHostMessage({ ...INIT, method: 'ach', methods: ['card'] }), undefined);
    for (const bad of ['url(https://x.example/a)', 'var(--x)', 'red;background:url(x)', 'expression(alert(1))', '"a'])
      assert.equal(parseHostMessage({ ...INIT, theme: { '--pj-color-text': bad } }), undefined, bad);
    assert.equal(parseHostMessage({ ...INIT, theme: { '--pj-other': 'red' } }), undefined);
    assert.equal(parseFrameMessage({ ...STATE, cardNumber: '4111111111111111' }), undefined);
    assert.equal(
      parseFrameMessage({ ...STATE, fields: { cardNumber: { state: 'invalid', message: 'is 4111111111111111' } } }),
      undefined,
    );
    assert.equal(parseFrameMessage({ ...CARD, tokenId: '4111111111111111' }), undefined);
    assert.equal(parseFrameMessage({ ...CARD, lastFour: '41111' }), undefined);
    assert.equal(
      parseFrameMessage({ ...STATE, method: 'ach' }),
      undefined,
      'card fields and a brand are not ACH state',
    );
    assert.equal(parseFrameMessage({ ...ACH, vaultId: 6001 }), undefined);
    assert.ok(isThemeValue('--pj-color-accent', 'rgb(10 20 30 / 50%)'));
    assert.equal(isThemeValue('--pj-radius', '4px 4px'), false);
  });

  it('random objects never pass, unless they are one of the well-formed messages', () => {
    const anything = fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 4 });
    const typed = fc.record(
      { type: fc.constantFrom('init', 'set-method', 'submit', 'ready', 'state', 'result', 'resize') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anything,
          fc.tuple(typed, fc.dictionary(fc.string(), anything)).map(([a, b]) => ({ ...b, ...a })),
        ),
        (value) => {
          const host = parseHostMessage(value);
          const frame = parseFrameMessage(value);
          if (host) assert.ok(['set-method', 'submit'].includes(host.type), JSON.stringify(value));
          if (frame) assert.ok(['ready'].includes(frame.type), JSON.stringify(value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('no frame message the page accepts carries a typed number: mutations of good messages with digit runs', () => {
    const digits = fc.stringMatching(/^\d{5,19}$/);
    const mutate = fc.tuple(fc.constantFrom(...GOOD_FRAME), fc.nat(20), digits, fc.boolean());
    fc.assert(
      fc.property(mutate, ([message, at, run, replace]) => {
        // Put the run into one of the message's strings (or replace it), wherever it is.
        const copy = structuredClone(message) as Record<string, unknown>;
        let seen = 0;
        const walk = (o: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(o)) {
            if (typeof v === 'string' && k !== 'type' && seen++ === at % 8) o[k] = replace ? run : `${v}${run}`;
            else if (v && typeof v === 'object') walk(v as Record<string, unknown>);
          }
        };
        walk(copy);
        const accepted = parseFrameMessage(copy);
        if (!accepted) return;
        for (const text of strings(accepted)) {
          const { tokenId, vaultId, lastFour } = accepted as Record<string, unknown>;
          if (text === tokenId) assert.doesNotMatch(text, /\d{12}/);
          else if (text === vaultId) assert.match(text, /^\d{1,12}$/);
          else if (text === lastFour) assert.match(text, /^\d{4}$/);
          else assert.doesNotMatch(text, /\d{5}/, JSON.stringify(accepted));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('every field of the frame has its words and sentences in the schedule tables (English and Spanish)', () => {
    assert.equal(fieldsMessages(messagesEs).cardNumber, messagesEs.cardNumber);
    const untranslated = Object.keys(fieldsEn).filter(
      (k) => fieldsEs[k as keyof typeof fieldsEs] === fieldsEn[k as keyof typeof fieldsEn],
    );
    assert.deepEqual(untranslated, []);
    for (const name of [...FRAME_FIELDS.card, ...FRAME_FIELDS.ach]) {
      assert.ok(fieldsMessages().fields[name]);
      assert.equal(fieldsMessages(messagesEs).fields[name], messagesEs.fields[name]);
    }
  });
});
