import type { RequestSnapshot } from '../protocol/relay-contract.js';

/** Each new snapshot of a Smart Terminal request (every status change, in order, once each). */
export type PjRequestStatusEvent = CustomEvent<{ snapshot: RequestSnapshot }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-request-status': PjRequestStatusEvent;
  }
}
