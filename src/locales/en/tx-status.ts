/**
 * Every word `<pj-tx-status>` shows, in cashier English. Replace any of them with a locale object
 * (`{ txStatus: { … } }`, see src/locales/locale.ts); `{name}` placeholders are filled by format().
 * The states it shares with `<pj-terminal-pay>` (the live phases, Approved, Terminal busy, Timed
 * out…) are worded once, in the locale's `requestStates` (./request-states.ts). What a response code
 * means and the decline guidance come from the locale's `declines` catalogue (src/locales/declines.ts),
 * shared by every element.
 */
export interface TxStatusStrings {
  /** transaction-id mode, while the transaction loads. */
  loading: string;
  /** The badge of a live request, beside its phase. */
  pending: string;
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
  /** `transaction-id` is not a transaction number (digits only): refused before anything is sent. What was given is not shown. */
  invalidId: string;
  /** Error states; {id}: the transaction id looked up. */
  notFound: string;
  network: string;
  loadFailed: string;
  /** Offered after a failure that may pass (no connection, the relay busy or failing), not after "not found". */
  retry: string;
}

export const txStatusEn: TxStatusStrings = {
  loading: 'Loading transaction…',
  pending: 'In progress',
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
  invalidId: 'A transaction number has digits only, like 10010. Check the number.',
  notFound: 'Transaction {id} was not found.',
  network:
    "Couldn't look up transaction {id}: the payment server could not be reached. Check the connection and try again.",
  loadFailed: "Couldn't load transaction {id}. Try again in a moment.",
  retry: 'Retry',
};
