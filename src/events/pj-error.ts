import type { FieldError } from '../protocol/wire.js';

/**
 * The one shape of `pj-error`'s detail, whichever element sends it. `message` is in the element's
 * language; `fields` is empty unless the relay named bad fields.
 */
export interface PjErrorDetail {
  /** The relay's error code (from the contract), `network` when the relay could not be reached, or how a request ended. */
  code: string;
  message: string;
  /** The relay's HTTP status, when it answered. */
  status?: number;
  fields: FieldError[];
  /** The terminal request concerned, when there is one. */
  requestId?: string;
}

/**
 * Something went wrong that the element shows to the person: a relay error (`code` from the
 * contract), a network failure, or a request that ended busy / no_connection / timeout / error.
 */
export type PjErrorEvent = CustomEvent<PjErrorDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-error': PjErrorEvent;
  }
}

/** Builds the detail: `fields` always present (empty when none), `status` only when the relay answered. */
export function pjErrorDetail(
  code: string,
  message: string,
  extra: { status?: number; fields?: FieldError[]; requestId?: string } = {},
): PjErrorDetail {
  const detail: PjErrorDetail = { code, message, fields: extra.fields ?? [] };
  if (extra.status) detail.status = extra.status;
  if (extra.requestId) detail.requestId = extra.requestId;
  return detail;
}
