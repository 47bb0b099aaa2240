/**
 * What <pj-terminal-pay> says after an approval (src/elements/terminal-pay/terminal-pay.view.ts, pure):
 * the tip the transaction reports, which the customer gave on the terminal (`allow-tips`), in the
 * page's language; none reported (absent or zero), no tip line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ended } from '../../src/core/payment-state.js';
import { statusView } from '../../src/elements/terminal-pay/terminal-pay.view.js';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { requestStatesEs } from '../../src/locales/es/request-states.js';
import { terminalPayEs } from '../../src/locales/es/terminal-pay.js';
import { formatMoney } from '../../src/protocol/money.js';
import type { TransactionView } from '../../src/protocol/relay-contract.js';
import { createSnapshot } from '../../src/protocol/request-state.js';
import { transactionView } from '../helpers/transaction-view.js';

const now = new Date('2026-12-01T10:00:00Z');

function approved(transaction: TransactionView): Ended {
  const snapshot = {
    ...createSnapshot({ requestId: 'r1', kind: 'payment', smartTerminalId: 'st1', action: 'CHARGE', now }),
    status: 'COMPLETE' as const,
    outcome: 'approved' as const,
    transactionId: transaction.transactionId,
    transaction,
  };
  return { status: 'ended', requestId: 'r1', snapshot, startedAt: 0, cancel: 'none', lateResult: false };
}

const lines = (state: Ended, english = true) =>
  statusView(
    state,
    english ? terminalPayEn : terminalPayEs,
    { states: english ? requestStatesEn : requestStatesEs },
    (amount) => formatMoney(amount, 'en-US'),
    () => ({ head: '', tone: '', lines: [] }),
  ).lines;

test('an approval shows the tip the transaction reports, in English and Spanish', () => {
  const tipped = { ...transactionView(true, now), amountTip: '2.00', amountTotal: '14.50' };
  assert.ok(lines(approved(tipped)).includes('Includes a tip of $2.00'));
  assert.ok(lines(approved(tipped), false).includes('Incluye una propina de $2.00'));
});

test('no tip reported (zero, or absent as PayJunction may leave it): no tip line', () => {
  const zero = transactionView(true, now);
  const { amountTip: _absent, ...absent } = zero;
  for (const t of [zero, absent as TransactionView]) {
    assert.equal(
      lines(approved(t)).some((line) => /tip/i.test(line)),
      false,
    );
  }
});
