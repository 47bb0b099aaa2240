import type { FieldError } from '../protocol/wire.js';

/**
 * Something went wrong that the element shows to the person: a relay error (`code` from the
 * contract), a network failure, or a request that ended busy / no_connection / timeout / error.
 */
export type PjErrorEvent = CustomEvent<{ code: string; message: string; status?: number; fields?: FieldError[]; requestId?: string }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-error': PjErrorEvent;
  }
}
