/**
 * The simulator's validation over real HTTP: PayJunction's error bodies for bad Smart Terminal
 * requests and bad POST /transactions fields, every bad field at once.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TERMINAL_NOT_FOUND_MESSAGE } from '../../server-stub/simulator/index.js';
import { ACH_TERMINAL, DRIVE, FRONT, sim, TEST_CARD, useSimulator } from '../helpers/simulator-suite.js';

useSimulator();

// ─── validation ────────────────────────────────────────────────────────────────────────────

describe('Smart Terminal request validation (PayJunction error bodies)', () => {
  const post = (kind: string, params: Record<string, string | number | readonly string[]>) =>
    sim.pj('POST', `/smartterminals/${FRONT}/${kind}`, params);

  it('request-payment: terminalId and amountBase are required', async () => {
    const res = await post('request-payment', {});
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors, [
      { message: 'This field is required.', parameter: 'terminalId', type: 'required' },
      { message: 'Amount Base is required.', parameter: 'amountBase', type: 'required' },
    ]);
  });

  it("request-payment: terminalId must name one of the merchant's card accounts", async () => {
    for (const terminalId of ['99', 'abc', String(ACH_TERMINAL.terminalId)]) {
      const res = await post('request-payment', { terminalId, amountBase: '1.00' });
      assert.equal(res.status, 400, terminalId);
      assert.deepEqual(res.body.errors, [
        { message: TERMINAL_NOT_FOUND_MESSAGE, parameter: 'terminalId', type: 'invalid' },
      ]);
    }
  });

  it('request-payment: amounts are PayJunction money, at most 1,000,000', async () => {
    for (const amountBase of ['$1000', '1,000.00', '1000.000', '-1', '1e3', '1000000.01', '0']) {
      const res = await post('request-payment', { terminalId: 1, amountBase });
      assert.equal(res.status, 400, amountBase);
      assert.equal(res.body.errors.length, 1);
      assert.equal(res.body.errors[0].parameter, 'amountBase');
      assert.equal(res.body.errors[0].type, 'invalid');
    }
    const tax = await post('request-payment', { terminalId: 1, amountBase: '1.00', amountTax: 'lots' });
    assert.deepEqual(
      tax.body.errors.map((e: { parameter: string }) => e.parameter),
      ['amountTax'],
    );
    for (const amountBase of ['1000', '1000.5', '.05', '1000000']) {
      assert.equal(
        (
          await sim.pj('POST', `/smartterminals/${DRIVE}/request-payment`, {
            terminalId: 1,
            amountBase,
            interruptBusyTerminal: 'true',
          })
        ).status,
        200,
        amountBase,
      );
    }
  });

  it('request-signature: terms required, at most 10,000 characters', async () => {
    assert.deepEqual((await post('request-signature', { terminalId: 1 })).body.errors, [
      { message: 'This field is required.', parameter: 'terms', type: 'required' },
    ]);
    const long = await post('request-signature', { terminalId: 1, terms: 'x'.repeat(10_001) });
    assert.equal(long.status, 400);
    assert.equal(long.body.errors[0].parameter, 'terms');
    assert.equal(long.body.errors[0].type, 'invalid');
    assert.equal((await post('request-signature', { terminalId: 1, terms: 'x'.repeat(10_000) })).status, 200);
  });

  it('request-prompt: text and 1–3 buttons[] of at most 8 characters', async () => {
    assert.deepEqual((await post('request-prompt', { terminalId: 1, buttons: ['Yes'] })).body.errors, [
      { message: 'This field is required.', parameter: 'text', type: 'required' },
    ]);
    assert.deepEqual((await post('request-prompt', { terminalId: 1, text: 'Receipt?' })).body.errors, [
      { message: 'This field is required.', parameter: 'buttons', type: 'required' },
    ]);
    const four = await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['A', 'B', 'C', 'D'] });
    assert.equal(four.body.errors[0].parameter, 'buttons');
    assert.equal(four.body.errors[0].type, 'invalid');
    const long = await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['Yes', 'TooLong!!'] });
    assert.equal(long.status, 400);
    // A plain "buttons" key is not PayJunction's array encoding.
    const plain = await sim.pj('POST', `/smartterminals/${FRONT}/request-prompt`, {
      terminalId: 1,
      text: 'Pick',
      buttons: 'Yes',
    });
    assert.equal(plain.status, 400);
    assert.equal(
      (await post('request-prompt', { terminalId: 1, text: 'Pick', buttons: ['Yes', 'No', '12345678'] })).status,
      200,
    );
  });

  it('request-input: type must be PHONE', async () => {
    assert.deepEqual((await post('request-input', { terminalId: 1 })).body.errors, [
      { message: 'This field is required.', parameter: 'type', type: 'required' },
    ]);
    assert.equal((await post('request-input', { terminalId: 1, type: 'EMAIL' })).body.errors[0].type, 'invalid');
    assert.equal((await post('request-input', { terminalId: 1, type: 'PHONE' })).status, 200);
  });

  it('POST /transactions reports every bad field at once', async () => {
    const res = await sim.pj('POST', '/transactions', {
      cardNumber: '4444333322221112',
      cardExpMonth: '13',
      amountBase: 'ten',
    });
    assert.equal(res.status, 400);
    const byParam = Object.fromEntries(
      res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
    );
    assert.deepEqual(byParam, {
      cardNumber: 'invalid',
      cardExpMonth: 'invalid',
      cardExpYear: 'required',
      amountBase: 'invalid',
    });
    const none = await sim.pj('POST', '/transactions', { amountBase: '1.00' });
    assert.equal(none.status, 400);
    assert.equal(none.body.errors[0].type, 'required');
    const expired = await sim.pj('POST', '/transactions', { ...TEST_CARD, cardExpYear: '2001', amountBase: '1.00' });
    assert.deepEqual(expired.body.errors, [
      { message: 'The card has expired.', parameter: 'cardExpYear', type: 'invalid' },
    ]);
  });
});
