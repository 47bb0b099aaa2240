/**
 * The Smart Terminal request rules (src/protocol/payment.ts): the money rule's sentences shared with
 * the schedule rules, and a locale's table replacing every sentence (the relay keeps English).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagesEs } from '../../src/locales/es/messages.js';
import { MONEY_MESSAGES_EN } from '../../src/protocol/money.js';
import {
  PAYMENT_MESSAGES_EN,
  validateInputRequest,
  validatePaymentRequest,
  validatePromptRequest,
  validateSignatureRequest,
} from '../../src/protocol/payment.js';
import { validateSchedule } from '../../src/protocol/schedule.js';
import { format } from '../../src/protocol/text.js';

const TERMINAL = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const messagesOf = (result: { ok: boolean; errors?: { field: string; message: string; type?: string }[] }) =>
  result.ok ? [] : result.errors!.map(({ field, message, type }) => ({ field, message, type }));

describe('validatePaymentRequest', () => {
  it('accepts a payment and normalizes its amounts', () => {
    assert.deepEqual(
      validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '12.5', amountTax: '0', action: 'refund' }),
      {
        ok: true,
        value: { smartTerminalId: TERMINAL, amountBase: '12.50', amountTax: '0.00', action: 'REFUND' },
      },
    );
  });

  it('takes allowTips, a boolean, and refuses a tip amount by name (the terminal asks the customer)', () => {
    assert.deepEqual(validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '5', allowTips: true }), {
      ok: true,
      value: { smartTerminalId: TERMINAL, amountBase: '5.00', action: 'CHARGE', allowTips: true },
    });
    const refused = validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '5', amountTip: '1.00' });
    assert.deepEqual(messagesOf(refused), [
      {
        field: 'amountTip',
        type: 'invalid',
        message: 'A Smart Terminal asks the customer for a tip: set allowTips instead of amountTip.',
      },
    ]);
    // A zero tip is refused too: a page sending one believes it controls the tip.
    assert.equal(validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '5', amountTip: '0' }).ok, false);
    assert.deepEqual(
      messagesOf(validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '5', allowTips: 'yes' })),
      [{ field: 'allowTips', type: 'invalid', message: 'Allow tips must be true or false.' }],
    );
  });

  it('judges amounts by the one money rule, in its sentences', () => {
    const result = validatePaymentRequest({
      smartTerminalId: TERMINAL,
      amountBase: '12.345',
      amountShipping: '1000000.01',
      amountTax: 'ten',
    });
    assert.deepEqual(messagesOf(result), [
      { field: 'amountBase', type: 'invalid', message: format(MONEY_MESSAGES_EN.money, { field: 'Amount' }) },
      { field: 'amountTax', type: 'invalid', message: format(MONEY_MESSAGES_EN.money, { field: 'Tax' }) },
      {
        field: 'amountShipping',
        type: 'invalid',
        message: format(MONEY_MESSAGES_EN.moneyMax, { field: 'Shipping amount' }),
      },
    ]);
    assert.deepEqual(messagesOf(validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: '0' })), [
      { field: 'amountBase', type: 'invalid', message: 'Amount must be more than 0.00.' },
    ]);
  });

  it('says the same as the schedule rules for the same amount', () => {
    for (const amount of ['12.345', '1000000.01', '0', '$5']) {
      const payment = messagesOf(validatePaymentRequest({ smartTerminalId: TERMINAL, amountBase: amount }));
      const schedule = messagesOf(validateSchedule({ amountBase: amount }, { today: '2026-03-15' })).filter(
        (e) => e.field === 'amountBase',
      );
      assert.deepEqual(payment, schedule, amount);
    }
  });

  it('reports every other field in English by default', () => {
    const result = validatePaymentRequest({ amountBase: '', invoiceNumber: 'x'.repeat(33), action: 'VOID' });
    assert.deepEqual(messagesOf(result), [
      { field: 'smartTerminalId', type: 'required', message: PAYMENT_MESSAGES_EN.requiredSmartTerminal },
      { field: 'amountBase', type: 'required', message: 'Amount is required.' },
      { field: 'invoiceNumber', type: 'invalid', message: 'Invoice number must be 32 characters or fewer.' },
      { field: 'action', type: 'invalid', message: 'Action must be CHARGE or REFUND.' },
    ]);
    assert.equal(
      messagesOf(validatePaymentRequest({ smartTerminalId: 'not a terminal', amountBase: '1' }))[0]!.message,
      'That Smart Terminal id is not valid.',
    );
  });

  it('speaks the language of options.messages (the Spanish table)', () => {
    const result = validatePaymentRequest(
      { amountBase: '12.345', invoiceNumber: 'x'.repeat(33), action: 'VOID' },
      { messages: messagesEs },
    );
    assert.deepEqual(messagesOf(result), [
      { field: 'smartTerminalId', type: 'required', message: 'Elija una terminal.' },
      {
        field: 'amountBase',
        type: 'invalid',
        message: 'Importe: escríbalo como 12.50, con dígitos y como máximo 2 decimales.',
      },
      { field: 'invoiceNumber', type: 'invalid', message: 'Número de factura: debe tener 32 caracteres o menos.' },
      { field: 'action', type: 'invalid', message: 'La acción debe ser CHARGE o REFUND.' },
    ]);
  });
});

describe('signature, prompt and input requests', () => {
  it('keep their English sentences', () => {
    assert.deepEqual(messagesOf(validateSignatureRequest({ smartTerminalId: TERMINAL, terms: 'x'.repeat(10_001) })), [
      { field: 'terms', type: 'invalid', message: 'Terms must be 10,000 characters or fewer.' },
    ]);
    assert.deepEqual(
      messagesOf(validatePromptRequest({ smartTerminalId: TERMINAL, text: ' ', buttons: ['1', '2', '3', '4'] })),
      [
        { field: 'text', type: 'required', message: 'Prompt text is required.' },
        { field: 'buttons', type: 'invalid', message: 'A prompt can have at most 3 buttons.' },
      ],
    );
    assert.deepEqual(
      messagesOf(validatePromptRequest({ smartTerminalId: TERMINAL, text: 'Tip?', buttons: ['123456789'] })),
      [{ field: 'buttons', type: 'invalid', message: 'Each button label must be 1 to 8 characters.' }],
    );
    assert.deepEqual(messagesOf(validatePromptRequest({ smartTerminalId: TERMINAL, text: 'Tip?' })), [
      { field: 'buttons', type: 'required', message: 'Give at least one button.' },
    ]);
    assert.deepEqual(messagesOf(validateInputRequest({ smartTerminalId: TERMINAL, type: 'EMAIL' })), [
      { field: 'type', type: 'invalid', message: 'The only input type a terminal offers is PHONE.' },
    ]);
    assert.deepEqual(validateInputRequest({ smartTerminalId: TERMINAL }), {
      ok: true,
      value: { smartTerminalId: TERMINAL, type: 'PHONE' },
    });
  });

  it('take the Spanish table too', () => {
    const result = validatePromptRequest({ text: 'x'.repeat(10_001), buttons: [] }, { messages: messagesEs });
    assert.deepEqual(messagesOf(result), [
      { field: 'smartTerminalId', type: 'required', message: 'Elija una terminal.' },
      { field: 'text', type: 'invalid', message: 'Texto del mensaje: debe tener 10,000 caracteres o menos.' },
      { field: 'buttons', type: 'required', message: 'Indique al menos un botón.' },
    ]);
  });
});
