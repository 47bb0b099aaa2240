/**
 * POST /transactions, GET and PUT in the simulator: labs' trigger amounts, sequential ids, ACH,
 * vault and re-bill sources, void and settlement, refunds, and DT duplicates.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeForm } from '../helpers/simulator.js';
import { ACH_TERMINAL, charge, sim, TEST_CARD, useSimulator } from '../helpers/simulator-suite.js';

useSimulator();

// ─── transactions ──────────────────────────────────────────────────────────────────────────

describe('transactions', () => {
  // https://developer.payjunction.com/hc/en-us/articles/215872728, written out here independently of the simulator's own table.
  const TRIGGERS: Array<[string, Record<string, string>, string]> = [
    ['.01', {}, '01'],
    ['.02', {}, '13'],
    ['.03', {}, '54'],
    ['.04', {}, '14'],
    ['.05', {}, '05'],
    ['.06', {}, '61'],
    ['.07', {}, '65'],
    ['.08', {}, '51'],
    ['.09', {}, '12'],
    ['.10', {}, '63'],
    ['.11', {}, '15'],
    ['.12', {}, '04'],
    ['.13', {}, '19'],
    ['.14', {}, '62'],
    ['.15', {}, '57'],
    ['.16', {}, '78'],
    ['.91', {}, '91'],
    ['.98', {}, '10'],
    ['.99', {}, '00'],
    ['0.99', {}, '00'],
    ['1.03', {}, '00'],
    ['4999', {}, '00'],
    ['4999.00', {}, '00'],
    ['4999.01', {}, '05'],
    ['25000', {}, '05'],
    ['1.00', { cvv: 'ON', cardCvv: '555' }, '97'],
    ['1.00', { cvv: 'ON', cardCvv: '123' }, '00'],
    ['1.00', { avs: 'ADDRESS', billingAddress: 'addressNoMatch' }, 'AA'],
    ['1.00', { avs: 'ZIP', billingAddress: 'addressNoMatch' }, '00'],
    ['25.00', { billingZip: '99998' }, 'AI'],
    ['25.00', { billingZip: '999970009' }, 'AN'],
    ['25.00', { billingZip: '99999' }, 'AU'],
  ];

  for (const [amountBase, extra, code] of TRIGGERS) {
    it(`POST /transactions amountBase=${amountBase} ${encodeForm(extra)} → ${code}`, async () => {
      const res = await sim.pj('POST', '/transactions', { ...TEST_CARD, amountBase, ...extra });
      assert.equal(res.status, 201, 'a decline is still 201');
      const approved = code === '00';
      assert.equal(res.body.response.code, code);
      assert.equal(res.body.response.approved, approved);
      assert.equal(res.body.status, approved ? 'CAPTURE' : 'DECLINED');
      assert.ok(res.body.response.message.length > 0);
      // AVS/CVV declines come after the issuer authorized; issuer declines do not.
      assert.equal(res.body.response.processor.authorized, approved || ['97', 'AA', 'AI', 'AN', 'AU'].includes(code));
      if (amountBase === '1.03') assert.equal(res.body.response.processor.level3Eligible, false);
      assert.ok(!res.text.includes('4444333322221111'), 'the card number is never echoed');
      assert.deepEqual((await sim.pj('GET', `/transactions/${res.body.transactionId}`)).body, res.body);
    });
  }

  it('transaction ids are sequential numbers', async () => {
    const a = await charge();
    const b = await charge();
    assert.equal(typeof a.transactionId, 'number');
    assert.equal(b.transactionId, a.transactionId + 1);
  });

  it('ACH, vault and transaction re-bill sources', async () => {
    const achBase = {
      achRoutingNumber: '104000016',
      achAccountNumber: '123456789',
      achAccountType: 'CHECKING',
      achType: 'PPD',
      amountBase: '40.00',
    };
    const missingNames = await sim.pj('POST', '/transactions', achBase);
    assert.equal(missingNames.status, 400);
    assert.deepEqual(
      missingNames.body.errors.map((e: { parameter: string }) => e.parameter),
      ['billingFirstName', 'billingLastName'],
    );
    const ach = await sim.pj('POST', '/transactions', { ...achBase, billingFirstName: 'Jane', billingLastName: 'Doe' });
    assert.equal(ach.status, 201);
    assert.deepEqual(ach.body.vault, { type: 'ACH', accountType: 'CHECKING', lastFour: '6789' });
    assert.equal(ach.body.terminalId, ACH_TERMINAL.terminalId);
    assert.deepEqual(ach.body.billing, { firstName: 'Jane', lastName: 'Doe' });
    assert.ok(!ach.text.includes('123456789'));
    assert.equal(
      (
        await sim.pj('POST', '/transactions', {
          ...achBase,
          achRoutingNumber: '123456789',
          billingFirstName: 'J',
          billingLastName: 'D',
        })
      ).body.errors[0].parameter,
      'achRoutingNumber',
    );

    const vault = await sim.pj('POST', '/transactions', { vaultId: '5001', amountBase: '3.00' });
    assert.equal(vault.status, 201);
    assert.deepEqual(vault.body.vault, { type: 'CARD', accountType: 'VISA', lastFour: '1111' });
    assert.equal(
      (await sim.pj('POST', '/transactions', { vaultId: '9999', amountBase: '3.00' })).body.errors[0].parameter,
      'vaultId',
    );

    const original = await charge({ cardNumber: '5105105105105100' });
    const rebill = await sim.pj('POST', '/transactions', {
      transactionId: String(original.transactionId),
      amountBase: '0.08',
    });
    assert.equal(rebill.status, 201);
    assert.deepEqual(rebill.body.vault, { type: 'CARD', accountType: 'MASTERCARD', lastFour: '5100' });
    assert.equal(rebill.body.response.code, '51', 'a re-bill is decided by the trigger amounts too');
    assert.equal(
      (await sim.pj('POST', '/transactions', { transactionId: '1', amountBase: '1.00' })).body.errors[0].parameter,
      'transactionId',
    );
    assert.equal(
      (await sim.pj('POST', '/transactions', { ...TEST_CARD, vaultId: '5001', amountBase: '1.00' })).status,
      400,
      'one source only',
    );
  });

  it('PUT status=VOID voids (approved stays true); a settled transaction can no longer be voided', async () => {
    const tx = await charge();
    const voided = await sim.pj('PUT', `/transactions/${tx.transactionId}`, { status: 'VOID' });
    assert.equal(voided.status, 200);
    assert.equal(voided.body.status, 'VOID');
    assert.equal(voided.body.response.approved, true);
    assert.equal((await sim.pj('GET', `/transactions/${tx.transactionId}`)).body.status, 'VOID');

    const settled = await charge();
    await sim.control('POST', `/transactions/${settled.transactionId}/settle`);
    const refused = await sim.pj('PUT', `/transactions/${settled.transactionId}`, { status: 'VOID' });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors, [
      {
        message: 'Status can not be updated because the Transaction has been settled.',
        parameter: 'status',
        type: 'invalid',
      },
    ]);
    const declined = await charge({ amountBase: '0.05' });
    assert.equal((await sim.pj('PUT', `/transactions/${declined.transactionId}`, { status: 'VOID' })).status, 400);
    assert.equal((await sim.pj('PUT', '/transactions/999999', { status: 'VOID' })).status, 404);
  });

  it('refund with action=REFUND&transactionId: original amounts by default, never more than was charged', async () => {
    const original = await charge({ amountBase: '20.00', amountTax: '1.00' });
    const refund = await sim.pj('POST', '/transactions', {
      action: 'REFUND',
      transactionId: String(original.transactionId),
    });
    assert.equal(refund.status, 201);
    assert.equal(refund.body.action, 'REFUND');
    assert.deepEqual(
      [refund.body.amountBase, refund.body.amountTax, refund.body.amountTotal],
      ['20.00', '1.00', '21.00'],
    );
    assert.equal(refund.body.response.approved, true);
    assert.deepEqual(refund.body.vault, original.vault);
    const again = await sim.pj('POST', '/transactions', {
      action: 'REFUND',
      transactionId: String(original.transactionId),
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.errors[0].parameter, 'amountBase');

    const partial = await charge({ amountBase: '30.00' });
    const first = await sim.pj('POST', '/transactions', {
      action: 'REFUND',
      transactionId: String(partial.transactionId),
      amountBase: '10.00',
    });
    assert.equal(first.body.amountTotal, '10.00');
    assert.equal(
      (
        await sim.pj('POST', '/transactions', {
          action: 'REFUND',
          transactionId: String(partial.transactionId),
          amountBase: '25.00',
        })
      ).status,
      400,
    );
    assert.equal(
      (
        await sim.pj('POST', '/transactions', {
          action: 'REFUND',
          transactionId: String(partial.transactionId),
          amountBase: '20.00',
        })
      ).status,
      201,
    );

    const voided = await charge();
    await sim.pj('PUT', `/transactions/${voided.transactionId}`, { status: 'VOID' });
    assert.equal(
      (await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: String(voided.transactionId) })).status,
      400,
    );
  });

  it('DT: the same card, amount and invoice number again within 10 minutes', async () => {
    const first = await charge({ invoiceNumber: 'INV-1' });
    assert.equal(first.response.code, '00');
    assert.equal((await charge({ invoiceNumber: 'INV-1' })).response.code, 'DT');
    assert.equal((await charge({ invoiceNumber: 'INV-2' })).response.code, '00');
  });
});
