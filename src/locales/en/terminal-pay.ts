/**
 * Every word `<pj-terminal-pay>` shows or announces, in plain cashier language. Replace any of
 * them with a locale object (`setLocale({ terminalPay: {…} })` or the element's `locale`
 * property); `{name}` placeholders are filled by the element. Keys ending in `Refund` are used
 * when `action="refund"`.
 */
export interface TerminalPayStrings {
  /** Label of the terminal picker. */
  terminalLabel: string;
  /** The picker's empty first choice. */
  chooseTerminal: string;
  loadingTerminals: string;
  /** A terminal in the picker that the relay's last request could not reach. {terminal}: its name. */
  terminalUnreachable: string;
  /** The terminal list could not be loaded. {message}: the relay's error in the page's language (locale `relayErrors`). */
  terminalsFailed: string;
  /** Stands in for a terminal whose name is not known (yet). */
  theTerminal: string;
  /** Idle. {amount}: the total to charge; {terminal}: the terminal's name. */
  idle: string;
  idleRefund: string;
  /** Idle, shown when tip or tax are set. {base}, {tip}, {tax}: amounts. */
  breakdown: string;
  /** Idle with the picker and nothing chosen yet. */
  chooseHint: string;
  /** The pay button. {amount}: the total. */
  pay: string;
  payRefund: string;
  /** The pay button after an attempt that took no money (busy, declined, cancelled…): a new attempt. */
  payAgain: string;
  payAgainRefund: string;
  /** The pay button after a network failure: sends the same attempt again (same idempotency key). */
  retrySame: string;
  /** The pay button after an approval: back to idle (takes no money by itself). */
  newPayment: string;
  cancel: string;
  /** The POST /pj/payments is on its way. */
  starting: string;
  /** The relay reached PayJunction; the terminal is being contacted. */
  connecting: string;
  /** Watching a request given by `request-id`, before its first snapshot. */
  resuming: string;
  /** The terminal shows the payment screen. */
  waiting: string;
  waitingRefund: string;
  /** A card was read (transactionId known), its result not yet. */
  processing: string;
  /** The result is known but the terminal is still on its signature or receipt screen. */
  finishingApproved: string;
  finishingApprovedRefund: string;
  finishingDeclined: string;
  /** Cancel was pressed; the terminal has not answered yet. */
  cancelling: string;
  /** Beside the timer. {time}: m:ss. */
  elapsed: string;
  /** The progress indicator's accessible name. */
  progress: string;
  /** {amount}: the transaction's total. */
  approved: string;
  approvedRefund: string;
  /** {card}: card type, {last4}: last four digits. */
  card: string;
  /** {code}: the processor's approval code. */
  approvalCode: string;
  /** {id}: PayJunction's transaction id. */
  transaction: string;
  /** Cancel was pressed but the card had already been read. */
  tooLateToCancel: string;
  /** {code}: PayJunction's response code. The decline guidance follows (the locale's `declines`). */
  declined: string;
  declinedRefund: string;
  /** Cancelled from this page. */
  cancelled: string;
  cancelledRefund: string;
  /** The cardholder cancelled on the terminal. */
  cancelledOnTerminal: string;
  cancelledOnTerminalRefund: string;
  busy: string;
  noConnection: string;
  /** Timed out: the relay sent the terminal back to its main screen. */
  timeout: string;
  /** The relay could not confirm that PayJunction got the payment, and is looking for it. */
  checking: string;
  /** Under `checking` and `inDoubt`: what the cashier should do meanwhile. */
  lookAtTerminal: string;
  /** The payment is in doubt: nobody can tell from here whether the card was charged. */
  inDoubt: string;
  /** Under a timeout or in-doubt end while the relay still watches for a late result. */
  stillWatching: string;
  /** Under an approval or decline that arrived after a timeout or in-doubt end. */
  lateResult: string;
  /** The pay button after a timeout, error or in-doubt end: back to idle, a deliberate new charge. */
  newCharge: string;
  /** {message}: the relay's error in the page's language (locale `relayErrors`). */
  error: string;
  /** The relay could not be reached. */
  network: string;
  /** A request given by `request-id` does not exist (any more). */
  notFound: string;
  /** Cancel failed. {message}: the relay's error in the page's language (locale `relayErrors`). */
  cancelFailed: string;
}

export const terminalPayEn: TerminalPayStrings = {
  terminalLabel: 'Terminal',
  chooseTerminal: 'Choose a terminal…',
  loadingTerminals: 'Loading terminals…',
  terminalUnreachable: '{terminal} (offline at the last try)',
  terminalsFailed: "Couldn't load the terminals: {message}",
  theTerminal: 'the terminal',
  idle: 'Ready: {amount} on {terminal}',
  idleRefund: 'Ready to refund {amount} on {terminal}',
  breakdown: '{base} + tip {tip} + tax {tax}',
  chooseHint: 'Choose a terminal to start.',
  pay: 'Charge {amount}',
  payRefund: 'Refund {amount}',
  payAgain: 'Try again: charge {amount}',
  payAgainRefund: 'Try again: refund {amount}',
  retrySame: 'Try again',
  newPayment: 'New payment',
  cancel: 'Cancel',
  starting: 'Sending to the terminal…',
  connecting: 'Connecting to the terminal…',
  resuming: 'Checking the payment…',
  waiting: 'Ask the customer to tap, insert or swipe their card',
  waitingRefund: 'Ask the customer to tap, insert or swipe their card for the refund',
  processing: 'Processing the card…',
  finishingApproved: 'Approved — the customer is finishing on the terminal (signature or receipt)',
  finishingApprovedRefund: 'Refund approved — the customer is finishing on the terminal (signature or receipt)',
  finishingDeclined: 'Declined — the terminal is finishing up',
  cancelling: 'Cancelling…',
  elapsed: 'Elapsed {time}',
  progress: 'Waiting for the terminal',
  approved: 'Approved: {amount}',
  approvedRefund: 'Refunded: {amount}',
  card: '{card} ending in {last4}',
  approvalCode: 'Approval code {code}',
  transaction: 'Transaction {id}',
  tooLateToCancel:
    'The card was already read, so it was too late to cancel: the payment went through. Void it if it should not stand.',
  declined: 'Declined (code {code})',
  declinedRefund: 'Refund declined (code {code})',
  cancelled: 'Cancelled. No payment was taken.',
  cancelledRefund: 'Cancelled. No refund was made.',
  cancelledOnTerminal: 'The customer cancelled on the terminal. No payment was taken.',
  cancelledOnTerminalRefund: 'The customer cancelled on the terminal. No refund was made.',
  busy: 'The terminal is busy with something else. Finish or close it on the terminal, then try again.',
  noConnection: "Couldn't reach the terminal. Check that it is on and connected to the internet, then try again.",
  timeout:
    'The terminal stopped answering and was sent back to its main screen. Check the terminal before you charge again.',
  checking: 'Checking whether the terminal got this payment…',
  lookAtTerminal: 'Look at the terminal. Do not charge again until this payment is settled.',
  inDoubt: 'In doubt: we could not confirm whether this payment went through',
  stillWatching: 'Still watching for a late result.',
  lateResult: 'This result arrived after the terminal stopped answering.',
  newCharge: 'Start a new charge',
  error: 'Something went wrong: {message}',
  network: "Couldn't reach the payment server. Check the connection and try again.",
  notFound:
    "This payment can't be found any more. Look at the terminal and check the latest transaction in PayJunction before you charge again.",
  cancelFailed: "Couldn't cancel: {message}",
};
