/**
 * Every word `<pj-terminal-pay>` shows or announces, in plain cashier language. Replace any of
 * them with a locale object (`setLocale({ terminalPay: {…} })` or the element's `locale`
 * property); `{name}` placeholders are filled by the element. Keys ending in `Refund` are used
 * when `action="refund"`. The states it shares with `<pj-tx-status>` (connecting, approved,
 * terminal busy, timed out…) are worded once, in the locale's `requestStates` (./request-states.ts).
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
  /**
   * Idle while the amount is empty or not one the money rule accepts (the rule's sentence shows
   * under the buttons): what was typed is never shown. {terminal}: the terminal's name.
   */
  enterAmount: string;
  enterAmountRefund: string;
  /** Idle, shown when tax is set. {base}, {tax}: amounts. (No tip: the customer gives it on the terminal.) */
  breakdown: string;
  /** Idle with `allow-tips`: the terminal will ask the customer. */
  tipsAsked: string;
  /** Idle with the picker and nothing chosen yet. */
  chooseHint: string;
  /** The pay button. {amount}: the total (left empty, and the button disabled, while the amount is not valid). */
  pay: string;
  payRefund: string;
  /** The pay button after an attempt that took no money (busy, declined, cancelled…): a new attempt. */
  payAgain: string;
  payAgainRefund: string;
  /** The pay button after a network failure: sends the same attempt again (same idempotency key). */
  retrySame: string;
  /**
   * The pay button after an approval, or a decline whose guidance says not to run the same card
   * again (another card, or later): back to idle (takes no money by itself).
   */
  newPayment: string;
  cancel: string;
  /** The POST /pj/payments is on its way. */
  starting: string;
  /** Watching a request given by `request-id`, before its first snapshot. */
  resuming: string;
  /** The result is known but the terminal is still on its signature or receipt screen. */
  finishingApproved: string;
  finishingApprovedRefund: string;
  finishingDeclined: string;
  /** Cancel was pressed; the terminal has not answered yet. */
  cancelling: string;
  /** The progress indicator's accessible name. */
  progress: string;
  /** {card}: card type, {last4}: last four digits. */
  card: string;
  /** Under an approval whose transaction reports a tip. {tip}: the amount. */
  tip: string;
  /** {code}: the processor's approval code. */
  approvalCode: string;
  /** Under a decline. {code}: PayJunction's response code. */
  responseCode: string;
  /** {id}: PayJunction's transaction id. */
  transaction: string;
  /** Cancel was pressed but the card had already been read. */
  tooLateToCancel: string;
  /** Under `cancelled` when the cardholder cancelled on the terminal (not this page). */
  cancelledOnTerminal: string;
  /** Under `checking`: what the cashier should do meanwhile. */
  lookAtTerminal: string;
  /** Under a timeout or in-doubt end while the relay still watches for a late result. */
  stillWatching: string;
  /** Under an approval or decline that arrived after a timeout or in-doubt end. */
  lateResult: string;
  /** The pay button after a timeout, error or in-doubt end: back to idle, a deliberate new charge. */
  newCharge: string;
  /** The relay could not be reached. */
  network: string;
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
  enterAmount: 'Enter an amount to charge on {terminal}',
  enterAmountRefund: 'Enter an amount to refund on {terminal}',
  breakdown: '{base} + tax {tax}',
  tipsAsked: 'The terminal will ask the customer for a tip.',
  chooseHint: 'Choose a terminal to start.',
  pay: 'Charge {amount}',
  payRefund: 'Refund {amount}',
  payAgain: 'Try again: charge {amount}',
  payAgainRefund: 'Try again: refund {amount}',
  retrySame: 'Try again',
  newPayment: 'New payment',
  cancel: 'Cancel',
  starting: 'Sending to the terminal…',
  resuming: 'Checking the payment…',
  finishingApproved: 'Approved — the customer is finishing on the terminal (signature or receipt)',
  finishingApprovedRefund: 'Refunded — the customer is finishing on the terminal (signature or receipt)',
  finishingDeclined: 'Declined — the terminal is finishing up',
  cancelling: 'Cancelling…',
  progress: 'Waiting for the terminal',
  card: '{card} ending in {last4}',
  tip: 'Includes a tip of {tip}',
  approvalCode: 'Approval code {code}',
  responseCode: 'Response code {code}',
  transaction: 'Transaction {id}',
  tooLateToCancel:
    'The card was already read, so it was too late to cancel: the payment went through. Void it if it should not stand.',
  cancelledOnTerminal: 'The customer cancelled on the terminal.',
  lookAtTerminal: 'Look at the terminal. Do not charge again until this payment is settled.',
  stillWatching: 'Still watching for a late result.',
  lateResult: 'This result arrived after the terminal stopped answering.',
  newCharge: 'Start a new charge',
  network: "Couldn't reach the payment server. Check the connection and try again.",
  cancelFailed: "Couldn't cancel: {message}",
};
