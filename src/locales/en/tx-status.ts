/**
 * Every word `<pj-tx-status>` shows, in cashier English. Replace any of them with a locale object
 * (`{ txStatus: { … } }`, see src/locales/locale.ts); `{name}` placeholders are filled by format().
 * What a response code means and the decline guidance come from the locale's `declines` catalogue
 * (src/locales/declines.ts), shared by every element.
 */
export interface TxStatusStrings {
  /** transaction-id mode, while the transaction loads. */
  loading: string;
  /** request-id mode, phases of a live Smart Terminal request. */
  connecting: string;
  waitingForCard: string;
  processing: string;
  /** Next to a live request's phase; {time} is m:ss. */
  elapsed: string;
  /** Badges. */
  approved: string;
  declined: string;
  voided: string;
  refunded: string;
  pending: string;
  cancelled: string;
  busy: string;
  noConnection: string;
  timedOut: string;
  error: string;
  completed: string;
  /** A payment whose attempt the relay could not confirm reached the terminal. */
  inDoubt: string;
  /** What a request that ended without a transaction means for the cashier. */
  cancelledMessage: string;
  busyMessage: string;
  noConnectionMessage: string;
  timedOutMessage: string;
  errorMessage: string;
  completedMessage: string;
  inDoubtMessage: string;
  /** While the relay is still looking for a payment whose answer was lost. */
  checking: string;
  /** A request that ended in error or timeout but names a transaction; {id}. */
  checkTransaction: string;
  /** {type} (VISA, MASTERCARD…) and {last4}. */
  card: string;
  cardUnknownType: string;
  /** Labels of the details list. */
  base: string;
  tip: string;
  tax: string;
  shipping: string;
  surcharge: string;
  approvalCode: string;
  responseCode: string;
  date: string;
  transaction: string;
  /** Error state. */
  notFound: string;
  requestNotFound: string;
  network: string;
  loadFailed: string;
  retry: string;
  /** Read by screen readers when a result arrives: {status} and {amount}. */
  resultAnnouncement: string;
}

export const txStatusEn: TxStatusStrings = {
  loading: 'Loading transaction…',
  connecting: 'Connecting to the terminal…',
  waitingForCard: 'Waiting for the card…',
  processing: 'Processing…',
  elapsed: '{time} elapsed',
  approved: 'Approved',
  declined: 'Declined',
  voided: 'Voided',
  refunded: 'Refunded',
  pending: 'In progress',
  cancelled: 'Cancelled',
  busy: 'Terminal busy',
  noConnection: 'No connection',
  timedOut: 'Timed out',
  error: 'Error',
  completed: 'Completed',
  inDoubt: 'In doubt',
  cancelledMessage: 'No money was taken.',
  busyMessage: 'The terminal is busy. Try again when it is free.',
  noConnectionMessage: 'The terminal is offline. Check it is on and connected, then try again.',
  timedOutMessage:
    'The terminal stopped answering and was sent back to its main screen. Check it before you charge again.',
  errorMessage: 'Something went wrong. Check the terminal before you try again.',
  completedMessage: 'The terminal answered.',
  inDoubtMessage:
    'We could not confirm whether this payment went through. Look at the terminal and check the latest transaction before you charge again.',
  checking: 'Checking whether the terminal got this payment…',
  checkTransaction: 'Look up transaction {id} before you try again.',
  card: '{type} ending in {last4}',
  cardUnknownType: 'Card',
  base: 'Amount',
  tip: 'Tip',
  tax: 'Tax',
  shipping: 'Shipping',
  surcharge: 'Surcharge',
  approvalCode: 'Approval code',
  responseCode: 'Response code',
  date: 'Date',
  transaction: 'Transaction',
  notFound: 'Transaction not found.',
  requestNotFound: 'Request not found.',
  network: 'The payment server could not be reached. Check the connection and try again.',
  loadFailed: 'Could not load the transaction.',
  retry: 'Retry',
  resultAnnouncement: '{status}: {amount}',
};
