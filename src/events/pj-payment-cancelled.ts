import type { RequestSnapshot } from '../protocol/relay-contract.js';

/** A terminal payment ended without a charge: cancelled from the page or on the terminal. Once per request. */
export type PjPaymentCancelledEvent = CustomEvent<{ snapshot: RequestSnapshot }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-payment-cancelled': PjPaymentCancelledEvent;
  }
}
