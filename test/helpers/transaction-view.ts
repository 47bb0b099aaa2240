/** A merchant-safe transaction view as the relay attaches it (approved 00 or declined 05), for reducer and state tests. */
import type { TransactionView } from '../../src/protocol/relay-contract.js';

export function transactionView(approved: boolean, created: Date, transactionId = 10082): TransactionView {
  return {
    transactionId,
    action: 'CHARGE',
    status: approved ? 'CAPTURE' : 'DECLINED',
    approved,
    code: approved ? '00' : '05',
    message: approved ? 'Approved' : 'Do Not Honor',
    amountBase: '12.50',
    amountTip: '0.00',
    amountTax: '0.00',
    amountShipping: '0.00',
    amountSurcharge: '0.00',
    amountTotal: '12.50',
    created: created.toISOString(),
  };
}
