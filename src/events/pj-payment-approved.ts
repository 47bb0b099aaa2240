import type { RequestSnapshot, TransactionView } from '../protocol/relay-contract.js';

/** A terminal payment was approved. Fires exactly once per request. */
export type PjPaymentApprovedEvent = CustomEvent<{ snapshot: RequestSnapshot; transaction: TransactionView }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-payment-approved': PjPaymentApprovedEvent;
  }
}
