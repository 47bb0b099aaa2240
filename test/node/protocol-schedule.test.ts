import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SCHEDULE_FIELDS,
  SCHEDULE_MESSAGES_EN,
  schedulePaymentSource,
  validateSchedule,
  validateScheduleField,
  type ScheduleParams,
} from '../../src/protocol/schedule.js';
import { MONEY_MESSAGES_EN } from '../../src/protocol/money.js';
import {
  ACH_CCD_SCHEDULE,
  ACH_PPD_SCHEDULE,
  CARD_SCHEDULE,
  TODAY,
  TRANSACTION_SCHEDULE,
  VALID_SCHEDULES,
  VAULT_SCHEDULE,
} from '../cases/schedule-cases.js';
import { INVALID_SCHEDULES } from '../cases/schedule-invalid-cases.js';
import { FIELD_FACTS, TEXT_LIMITS } from '../cases/schedule-field-cases.js';

const options = { today: TODAY };

describe('validateSchedule: valid bodies', () => {
  for (const { name, input, params } of VALID_SCHEDULES) {
    it(name, () => {
      assert.deepEqual(validateSchedule(input, options), { ok: true, value: params });
    });
  }
});

describe('validateSchedule: every rule, exact field and message', () => {
  for (const { name, input, errors } of INVALID_SCHEDULES) {
    it(name, () => {
      assert.deepEqual(validateSchedule(input, options), { ok: false, errors });
      // The on-blur check gives the same error, from the same code path.
      for (const error of errors) assert.deepEqual(validateScheduleField(error.field, input, options), error);
    });
  }
});

describe('validateSchedule: behaviour', () => {
  it('never echoes unknown fields', () => {
    const result = validateSchedule(
      { ...CARD_SCHEDULE, password: 'x', constructor: 'y', __proto__: { evil: 1 } },
      options,
    );
    assert.equal(result.ok, true);
    const known = new Set(SCHEDULE_FIELDS.map((spec) => spec.name as string));
    for (const key of Object.keys(result.ok ? result.value : {})) assert.ok(known.has(key), key);
  });

  it('does not change its input', () => {
    const input = { ...CARD_SCHEDULE, amountBase: ' 12.5 ' };
    const copy = structuredClone(input);
    validateSchedule(input, options);
    assert.deepEqual(input, copy);
  });

  it('a past date is judged against options.today', () => {
    const input = { ...CARD_SCHEDULE, startDate: '2026-04-01' };
    assert.equal(validateSchedule(input, { today: '2026-04-01' }).ok, true);
    assert.deepEqual(
      validateScheduleField('startDate', input, { today: '2026-04-02' })?.message,
      "Start date can't be in the past.",
    );
  });

  it('without options.today uses the local date', () => {
    assert.equal(validateSchedule({ ...CARD_SCHEDULE, cardExpYear: '2099', startDate: '2098-01-01' }).ok, true);
    assert.equal(
      validateScheduleField('startDate', { ...CARD_SCHEDULE, startDate: '2000-01-01' })?.message,
      "Start date can't be in the past.",
    );
  });

  it('refuses a malformed options.today', () => {
    assert.throws(() => validateSchedule(CARD_SCHEDULE, { today: '15/03/2026' }), RangeError);
  });

  it('validateScheduleField judges one field against the whole input', () => {
    const ppd = { ...ACH_PPD_SCHEDULE, billingFirstName: '' };
    assert.deepEqual(validateScheduleField('billingFirstName', ppd, options), {
      field: 'billingFirstName',
      type: 'required',
      message: 'Billing first name is required for a personal (PPD) bank account.',
    });
    assert.equal(
      validateScheduleField('billingFirstName', { ...ppd, achType: 'CCD', billingCompanyName: 'Acme' }, options),
      undefined,
    );
    assert.equal(validateScheduleField('billingLastName', ppd, options), undefined);
    assert.equal(validateScheduleField('paymentMethod', {}, options)?.type, 'required');
    assert.equal(validateScheduleField('cardNumber', CARD_SCHEDULE, options), undefined);
  });

  it('replaces any message through options.messages (e.g. a Spanish table)', () => {
    const messages = {
      required: 'El campo {field} es obligatorio.',
      tooLong: '{field}: {max} caracteres como máximo.',
      fields: { amountBase: 'Importe', billingFirstName: 'Nombre' },
    };
    const result = validateSchedule(
      { ...CARD_SCHEDULE, amountBase: '', billingFirstName: 'x'.repeat(17), cardExpMonth: '13' },
      { ...options, messages },
    );
    assert.deepEqual(result, {
      ok: false,
      errors: [
        { field: 'cardExpMonth', type: 'invalid', message: SCHEDULE_MESSAGES_EN.cardExpMonth },
        { field: 'amountBase', type: 'required', message: 'El campo Importe es obligatorio.' },
        { field: 'billingFirstName', type: 'invalid', message: 'Nombre: 16 caracteres como máximo.' },
      ],
    });
  });

  it('schedulePaymentSource names the one source of valid params', () => {
    const sourceOf = (input: Record<string, unknown>) => {
      const result = validateSchedule(input, options);
      assert.equal(result.ok, true);
      return schedulePaymentSource((result as { value: ScheduleParams }).value);
    };
    assert.equal(sourceOf(CARD_SCHEDULE), 'card');
    assert.equal(sourceOf(ACH_PPD_SCHEDULE), 'ach');
    assert.equal(sourceOf(ACH_CCD_SCHEDULE), 'ach');
    assert.equal(sourceOf(VAULT_SCHEDULE), 'vault');
    assert.equal(sourceOf(TRANSACTION_SCHEDULE), 'transaction');
  });
});

describe('SCHEDULE_FIELDS', () => {
  const byName = new Map(SCHEDULE_FIELDS.map((spec) => [spec.name as string, spec]));

  it('lists each PayJunction parameter once', () => {
    assert.equal(byName.size, SCHEDULE_FIELDS.length);
    assert.equal(SCHEDULE_FIELDS.length, 24 + 30 + 3);
  });

  it('carries the documented max length of every text field', () => {
    for (const [name, max] of TEXT_LIMITS) {
      assert.equal(byName.get(name)?.maxLength, max, name);
      assert.match(byName.get(name)!.kind, /^(text|email)$/, name);
    }
  });

  it('carries group, kind, options and required flags', () => {
    for (const fact of FIELD_FACTS) {
      const spec = byName.get(fact.name);
      assert.ok(spec, fact.name);
      assert.equal(spec.group, fact.group, fact.name);
      assert.equal(spec.kind, fact.kind, fact.name);
      assert.deepEqual(spec.options, fact.options, fact.name);
      if (fact.maxLength !== undefined) assert.equal(spec.maxLength, fact.maxLength, fact.name);
      assert.equal(spec.required ?? false, fact.required ?? false, fact.name);
    }
    assert.deepEqual(
      SCHEDULE_FIELDS.filter((spec) => spec.required).map((spec) => spec.name),
      ['amountBase', 'scheduleType'],
    );
  });

  it('has words for every field in the message table', () => {
    for (const spec of SCHEDULE_FIELDS) assert.ok(SCHEDULE_MESSAGES_EN.fields[spec.name], spec.name);
  });

  it("words the money rule with the money rule's own sentences (one table, no copy)", () => {
    for (const key of ['money', 'moneyMax', 'moneyPositive'] as const)
      assert.equal(SCHEDULE_MESSAGES_EN[key], MONEY_MESSAGES_EN[key]);
  });
});

it('card and bank numbers are accepted only as text: a JSON number would lose digits or leading zeros', () => {
  const base = {
    scheduleType: 'PERIODIC',
    interval: 'MONTH',
    intervalCount: '1',
    startDate: '2099-01-01',
    amountBase: '10.00',
  };
  for (const [field, value, extra] of [
    // eslint-disable-next-line no-loss-of-precision -- the point: a JSON number loses a card number's last digits
    ['cardNumber', 4001234567890123466, { cardExpMonth: '12', cardExpYear: '2099' }],
    [
      'achAccountNumber',
      123456789,
      {
        achRoutingNumber: '104000016',
        achAccountType: 'CHECKING',
        achType: 'PPD',
        billingFirstName: 'A',
        billingLastName: 'B',
      },
    ],
    [
      'achRoutingNumber',
      104000016,
      {
        achAccountNumber: '123456789',
        achAccountType: 'CHECKING',
        achType: 'PPD',
        billingFirstName: 'A',
        billingLastName: 'B',
      },
    ],
  ] as const) {
    const result = validateSchedule({ ...base, ...extra, [field]: value }, { today: '2098-12-01' });
    assert.equal(result.ok, false, field);
    assert.ok(!result.ok && result.errors.some((e) => e.field === field), `${field}: an error beside the field`);
  }
  const minus = validateSchedule(
    { ...base, cardNumber: '-4444333322221111', cardExpMonth: '12', cardExpYear: '2099' },
    { today: '2098-12-01' },
  );
  assert.ok(!minus.ok && minus.errors.some((e) => e.field === 'cardNumber'), 'a leading minus is not a typing aid');
});
