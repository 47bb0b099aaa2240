import type { RequestSnapshot } from '../protocol/relay-contract.js';

/**
 * A signature, prompt or input request ended without its value: cancelled from the page or by the
 * customer on the terminal. Fires exactly once per request.
 */
export type PjRequestCancelledEvent = CustomEvent<{ snapshot: RequestSnapshot }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-request-cancelled': PjRequestCancelledEvent;
  }
}
