/**
 * PayJunction's failures as one typed error. `kind` says what the relay should do about it; `errors`
 * keeps PayJunction's own error items (message, parameter, type) for field-level display.
 *
 * A PayJunctionError never holds a credential: it is built from the status, PayJunction's response
 * body and the request's method and path only (never headers, never the request object).
 */
import type { PjErrorItem } from '../../src/protocol/wire.js';

export type PayJunctionErrorKind =
  | 'auth'
  | 'validation'
  | 'not_found'
  | 'not_acceptable'
  | 'forbidden'
  | 'rate_limited'
  | 'conflict'
  | 'preauth_declined'
  | 'server'
  | 'timeout'
  | 'network';

export interface PayJunctionDecline {
  code: string;
  message?: string;
}

export interface PayJunctionErrorInit {
  kind: PayJunctionErrorKind;
  /** HTTP status; 0 when no response was received (network, timeout) or no request was made. */
  status: number;
  message: string;
  errors?: PjErrorItem[];
  decline?: PayJunctionDecline;
  retryAfterMs?: number;
  method?: string;
  path?: string;
  attempts?: number;
  /** The request certainly never left this machine (refused connection, unknown host, refused before sending). */
  notSent?: boolean;
}

export class PayJunctionError extends Error {
  override readonly name = 'PayJunctionError';
  readonly kind: PayJunctionErrorKind;
  readonly status: number;
  /** PayJunction's errors[] (empty when the body had none). */
  readonly errors: PjErrorItem[];
  /** For kind 'preauth_declined': the pre-authorization's decline code (see describeDecline). */
  readonly decline?: PayJunctionDecline;
  /** When PayJunction asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The call that failed: method and path without query (ids are encoded as sent). */
  readonly method?: string;
  readonly path?: string;
  /** How many attempts were made before giving up. */
  readonly attempts?: number;
  /** True when the request certainly never reached PayJunction (see sentNothing). */
  readonly notSent: boolean;

  constructor(init: PayJunctionErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.errors = init.errors ?? [];
    if (init.decline !== undefined) this.decline = init.decline;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    if (init.attempts !== undefined) this.attempts = init.attempts;
    this.notSent = init.notSent === true;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      status: this.status,
      errors: this.errors,
      decline: this.decline,
      retryAfterMs: this.retryAfterMs,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}

/**
 * Whether a failed call certainly did nothing at PayJunction: it never left this machine, or
 * PayJunction answered with a 4xx (validation, auth, not found, conflict, 429 or a rate-limit 403).
 * Everything else — a timeout after sending, a reset, a body cut off, a 5xx, an unreadable 2xx — leaves
 * a creating call *in doubt*: it may have acted, so it must never be sent again under the same key.
 */
export function sentNothing(err: unknown): boolean {
  if (!(err instanceof PayJunctionError)) return false;
  return err.notSent || (err.status >= 400 && err.status < 500);
}

/**
 * A 403 whose message speaks of a rate limit is a rate limit, else a permission: PayJunction answers
 * both with 403 (https://developer.payjunction.com/hc/en-us/articles/218165658).
 */
export function isRateLimitMessage(text: string): boolean {
  return /rate[ -]?limit|too many requests/i.test(text);
}

/** The kind of an HTTP error status, given PayJunction's error items (for the 403 distinction). */
export function kindForStatus(status: number, errors: readonly PjErrorItem[]): PayJunctionErrorKind {
  switch (status) {
    case 400:
    case 422:
      return 'validation';
    case 401:
      return 'auth';
    case 403:
      return errors.some((item) => isRateLimitMessage(item.message)) ? 'rate_limited' : 'forbidden';
    case 404:
    case 410:
      return 'not_found';
    case 406:
      return 'not_acceptable';
    case 409:
      return 'conflict';
    case 429:
      return 'rate_limited';
    default:
      // 405 and other surprises are not something the caller can fix by changing a field; treat
      // them as PayJunction misbehaving (but only 5xx are retried).
      return 'server';
  }
}

/**
 * Retry-After as milliseconds: delta-seconds ("2", "0.5") or an HTTP date. Undefined when absent or
 * unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** PayJunction's `errors[]`, tolerating bodies that are not quite the documented shape. */
export function parseErrorItems(body: unknown): PjErrorItem[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  const items: PjErrorItem[] = [];
  for (const raw of body.errors) {
    if (typeof raw === 'string') {
      items.push({ message: raw });
      continue;
    }
    if (!isRecord(raw)) continue;
    const item: PjErrorItem = { message: typeof raw.message === 'string' ? raw.message : 'Unknown error' };
    if (typeof raw.parameter === 'string') item.parameter = raw.parameter;
    if (typeof raw.type === 'string') item.type = raw.type;
    items.push(item);
  }
  return items;
}

/**
 * POST /schedules' pre-authorization decline: 400 `{response:{approved:false, code}}`
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315).
 */
export function parsePreauthDecline(body: unknown): PayJunctionDecline | undefined {
  if (!isRecord(body) || !isRecord(body.response)) return undefined;
  const response = body.response;
  if (response.approved !== false) return undefined;
  const code = typeof response.code === 'string' ? response.code : String(response.code ?? '');
  const decline: PayJunctionDecline = { code };
  if (typeof response.message === 'string') decline.message = response.message;
  return decline;
}
