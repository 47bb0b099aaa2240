/**
 * Issue 15: the simulator is never easier than PayJunction, for payments and transactions: DT at
 * Smart Terminals, zero amounts and empty blocks left out, numeric settlement ids, and tips asked by
 * the terminal (allowTips) rather than sent as amountTip.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSimulator } from '../../server-stub/simulator/index.js';
import {
  CARD_TERMINAL,
  charge,
  DRIVE,
  FRONT,
  requestPayment,
  sim,
  TEST_CARD,
  useSimulator,
  virtualSimulator,
  waitForStatus,
} from '../helpers/simulator-suite.js';

useSimulator();

/** A terminal payment run to COMPLETE; its transaction as GET /transactions/{id} answers it. */
async function terminalPayment(device: string, params: Record<string, string> = {}) {
  const requestId = await requestPayment(device, { showReceiptPrompt: 'false', ...params });
  const done = await waitForStatus(requestId, 'COMPLETE');
  assert.equal(typeof done.transactionId, 'number');
  const tx = await sim.pj('GET', `/transactions/${done.transactionId}`);
  assert.equal(tx.status, 200);
  return tx.body;
}

describe('DT at Smart Terminals (https://support.payjunction.com/hc/en-us/articles/211149697)', () => {
  it('the same card, amount and invoice number again → declined DT; another invoice number is fine', async () => {
    const first = await terminalPayment(FRONT, { amountBase: '20.00', invoiceNumber: 'INV-1' });
    assert.equal(first.response.approved, true);
    const again = await terminalPayment(DRIVE, { amountBase: '20.00', invoiceNumber: 'INV-1' });
    assert.equal(again.response.approved, false);
    assert.equal(again.response.code, 'DT');
    assert.equal(again.status, 'DECLINED');
    const other = await terminalPayment(FRONT, { amountBase: '20.00', invoiceNumber: 'INV-2' });
    assert.equal(other.response.approved, true);
    // The terminal's card is the test card: keying it is the same card.
    const keyed = await charge({ ...TEST_CARD, amountBase: '20.00', invoiceNumber: 'INV-2' });
    assert.equal(keyed.response.code, 'DT');
  });

  it('the window is 10 minutes of the simulator clock; duplicateCheck off (option or control) lets it through', async (t) => {
    const v = virtualSimulator(t, { speed: 100 });
    const pay = async (device: string) => {
      const res = await v.pj('POST', `/smartterminals/${device}/request-payment`, {
        terminalId: CARD_TERMINAL.terminalId,
        amountBase: '30.00',
        invoiceNumber: 'INV-9',
        showReceiptPrompt: false,
      });
      assert.equal(res.status, 200);
      v.advance(100); // 10 s of the clock at speed 100: the payment is over
      const { transactionId } = await v.control('GET', `/requests/${res.body.requestPaymentId}`);
      return (await v.pj('GET', `/transactions/${transactionId}`)).body.response.code as string;
    };
    assert.equal(await pay(FRONT), '00');
    assert.equal(await pay(DRIVE), 'DT');
    // The first was approved 36 ms in; 10 minutes of the clock at speed 100 are 6 s of it.
    v.advance(5_799); // the card is read at 6035 ms: still within the window
    assert.equal(await pay(FRONT), 'DT');
    assert.equal(await pay(FRONT), '00'); // read at 6135 ms: past it
    await v.control('POST', '/settings', { duplicateCheck: false });
    assert.equal(await pay(DRIVE), '00');
    const off = createSimulator({ duplicateCheck: false });
    assert.equal(off.state.settings.duplicateCheck, false);
    off.dispose();
  });
});

describe('zero amounts and empty blocks (https://developer.payjunction.com/hc/en-us/articles/218052587, https://developer.payjunction.com/hc/en-us/articles/1260802694490)', () => {
  it('amountTax, amountTip, amountShipping, amountSurcharge absent when zero; processor.avs / cvv absent when not requested', async () => {
    const plain = await charge({ amountBase: '5.00' });
    for (const field of ['amountTax', 'amountTip', 'amountShipping', 'amountSurcharge']) {
      assert.equal(field in plain, false, field);
    }
    assert.equal(plain.amountBase, '5.00');
    assert.equal(plain.amountTotal, '5.00');
    assert.equal('avs' in plain.response.processor, false);
    assert.equal('cvv' in plain.response.processor, false);
    const full = await charge({ amountBase: '5.00', amountTax: '0.40', cvv: 'ON', cardCvv: '123', avs: 'ZIP' });
    assert.equal(full.amountTax, '0.40');
    assert.equal(full.amountTotal, '5.40');
    assert.equal(full.response.processor.cvv.status, 'MATCHED');
    assert.equal(full.response.processor.avs.status, 'REQUESTED');
    // A change to zero removes the amount; the total follows.
    const put = await sim.pj('PUT', `/transactions/${full.transactionId}`, { amountTax: '0.00' });
    assert.equal(put.status, 200, put.text);
    assert.equal('amountTax' in put.body, false);
    assert.equal(put.body.amountTotal, '5.00');
    // A refund of a transaction without a tip: its own amounts default to the original's.
    const refund = await sim.pj('POST', '/transactions', { action: 'REFUND', transactionId: plain.transactionId });
    assert.equal(refund.status, 201, refund.text);
    assert.equal(refund.body.amountTotal, '5.00');
    assert.equal('amountTip' in refund.body, false);
  });
});

describe('settlement ids (https://developer.payjunction.com/hc/en-us/articles/360008504674)', () => {
  it('settlement.settlementId is a number', async () => {
    const tx = await charge();
    await sim.control('POST', `/transactions/${tx.transactionId}/settle`);
    const settled = (await sim.pj('GET', `/transactions/${tx.transactionId}`)).body;
    assert.equal(settled.settlement.settled, true);
    assert.equal(typeof settled.settlement.settlementId, 'number');
  });
});

describe('tips at the terminal (allowTips, https://support.payjunction.com/hc/en-us/articles/212460318)', () => {
  it('amountTip on request-payment is refused (400 on amountTip, naming allowTips); nothing starts', async () => {
    const res = await sim.pj('POST', `/smartterminals/${FRONT}/request-payment`, {
      terminalId: CARD_TERMINAL.terminalId,
      amountBase: '10.00',
      amountTip: '2.00',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(
      res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
      [['amountTip', 'invalid']],
    );
    assert.match(res.body.errors[0].message, /allowTips/);
    const devices = (await sim.control('GET', '/devices')).devices;
    assert.equal(devices.find((d: { smartTerminalId: string }) => d.smartTerminalId === FRONT).liveRequestId, null);
  });

  it("allowTips=true: the customer's tip (none by default; the tip control chooses it) is in amountTip and amountTotal", async () => {
    const noTip = await terminalPayment(FRONT, { amountBase: '10.00', allowTips: 'true' });
    assert.equal('amountTip' in noTip, false);
    assert.equal(noTip.amountTotal, '10.00');

    const control = await sim.control('POST', `/devices/${FRONT}/tip`, { tip: '2.5' });
    assert.equal(control.device.tip, '2.50');
    const tipped = await terminalPayment(FRONT, { amountBase: '10.00', amountTax: '0.80', allowTips: 'true' });
    assert.equal(tipped.amountTip, '2.50');
    assert.equal(tipped.amountTotal, '13.30');
    // Without allowTips the terminal never asks, whatever the customer would give.
    const notAsked = await terminalPayment(FRONT, { amountBase: '10.00' });
    assert.equal('amountTip' in notAsked, false);
    assert.equal(notAsked.amountTotal, '10.00');
    await assert.rejects(sim.control('POST', `/devices/${FRONT}/tip`, { tip: 'lots' }), /400/);
  });
});
