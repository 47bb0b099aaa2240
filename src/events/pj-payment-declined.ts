import type { DeclineInfo } from '../protocol/declines.js';
import type { RequestSnapshot, TransactionView } from '../protocol/relay-contract.js';

/** A terminal payment was declined; `decline` is the catalogue's guidance for the merchant. Once per request. */
export type PjPaymentDeclinedEvent = CustomEvent<{
  snapshot: RequestSnapshot;
  transaction: TransactionView;
  decline: DeclineInfo;
}>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-payment-declined': PjPaymentDeclinedEvent;
  }
}
