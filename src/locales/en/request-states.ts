/**
 * The words of every state a terminal request or a transaction can be in, shared by
 * `<pj-terminal-pay>`, `<pj-terminal-request>` and `<pj-tx-status>`: each state is worded once, so
 * every element says the same thing about it (its tone, the colour, is in src/elements/common/request-states.ts). Replace any of
 * them with a locale object (`setLocale({ requestStates: {…} })` or an element's `locale` property).
 * A state has a short name (a badge, a headline) and, for an end without a transaction, a sentence
 * saying what it means for the cashier (`…Message`). Keys with `Refund` are a refund's words, keys
 * with `Request` a signature's, prompt's or input's, where a payment's would speak of money.
 */
export interface RequestStateStrings {
  /** Live: the relay reached PayJunction; the terminal is being contacted. */
  connecting: string;
  /** Live: the terminal shows the payment screen. */
  waiting: string;
  waitingRefund: string;
  /** Live: a card was read, its result not yet known. */
  processing: string;
  /** Live: the relay could not confirm that PayJunction got the payment, and is looking for it. */
  checking: string;
  checkingRequest: string;
  /** Beside a live request's timer. {time}: m:ss. */
  elapsed: string;
  /** A transaction's result with its total: {status} (one of the names below) and {amount}. */
  result: string;
  approved: string;
  /** An approved refund. */
  refunded: string;
  declined: string;
  voided: string;
  cancelled: string;
  cancelledMessage: string;
  cancelledRefundMessage: string;
  cancelledRequestMessage: string;
  busy: string;
  busyMessage: string;
  /**
   * PayJunction could not reach the terminal (NO_CONNECTION). An open end: PayJunction does not say the
   * request cannot reach it later, so the relay watches for a late result a while, and the payment
   * element offers a deliberate new charge (back to ready first), not "Try again" at once.
   */
  noConnection: string;
  noConnectionMessage: string;
  noConnectionRequestMessage: string;
  /** The terminal stopped answering; the relay sent it back to its main screen. */
  timeout: string;
  timeoutMessage: string;
  /** Nobody can tell from here whether the card was charged. */
  inDoubt: string;
  inDoubtMessage: string;
  inDoubtRequestMessage: string;
  /** Ended in an error. The message is the relay's (locale `relayErrors`); this one when it gave none. */
  error: string;
  errorMessage: string;
  /** A signature, prompt or input request that returned its value. */
  completed: string;
  completedMessage: string;
  /** The relay does not know the request (any more). {id}: the request's id. */
  lost: string;
  lostMessage: string;
  lostRequestMessage: string;
}

export const requestStatesEn: RequestStateStrings = {
  connecting: 'Connecting to the terminal…',
  waiting: 'Ask the customer to tap, insert or swipe their card',
  waitingRefund: 'Ask the customer to tap, insert or swipe their card for the refund',
  processing: 'Processing the card…',
  checking: 'Checking whether the terminal got this payment…',
  checkingRequest: 'Checking whether the terminal got this request…',
  elapsed: 'Elapsed {time}',
  result: '{status}: {amount}',
  approved: 'Approved',
  refunded: 'Refunded',
  declined: 'Declined',
  voided: 'Voided',
  cancelled: 'Cancelled',
  cancelledMessage: 'No payment was taken.',
  cancelledRefundMessage: 'No refund was made.',
  cancelledRequestMessage: 'The terminal is back on its main screen.',
  busy: 'Terminal busy',
  busyMessage: 'The terminal is busy with something else. Finish or close it on the terminal, then try again.',
  noConnection: 'Terminal offline',
  noConnectionMessage:
    "Couldn't reach the terminal, so as far as we know no money moved. Check that it is on and connected to the internet before you try again.",
  noConnectionRequestMessage:
    "Couldn't reach the terminal. Check that it is on and connected to the internet, then ask again.",
  timeout: 'Timed out',
  timeoutMessage:
    'The terminal stopped answering and was sent back to its main screen. Check the terminal before you try again.',
  inDoubt: 'In doubt',
  inDoubtMessage:
    'We could not confirm whether this payment went through. Look at the terminal and check the latest transaction before you charge again.',
  inDoubtRequestMessage:
    "We couldn't confirm that the terminal got this request. Look at the terminal, then ask again.",
  error: 'Something went wrong',
  errorMessage: 'Check the terminal before you try again.',
  completed: 'Completed',
  completedMessage: 'The terminal answered.',
  lost: 'Not found',
  lostMessage:
    "Request {id} can't be found any more. Look at the terminal and check the latest transaction in PayJunction before you charge again.",
  lostRequestMessage: "Request {id} can't be found any more. Look at the terminal, then ask again.",
};
