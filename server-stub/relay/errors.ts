/**
 * RelayError: a failure the relay reports to a browser in the contract's error shape. Every message
 * is written for the person at the page; none carries a PayJunction credential or a stack trace.
 */
import type { FieldError } from '../../src/protocol/wire.js';
import type { RelayErrorBody } from '../../src/protocol/relay-contract.js';
import { PayJunctionError } from '../payjunction/errors.js';

export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldError[]; decline?: RelayErrorBody['error']['decline']; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  toBody(): RelayErrorBody {
    const body: RelayErrorBody = { error: { code: this.code, message: this.message } };
    if (this.extra.fields) body.error.fields = this.extra.fields;
    if (this.extra.decline) body.error.decline = this.extra.decline;
    return body;
  }
}

/**
 * Turns a PayJunction failure into what the page may see. A creating call whose answer was lost never
 * gets here: the relay answers it with an in-doubt request instead (relay.ts #send).
 */
export function fromUpstream(err: unknown, context: { action: string }): RelayError {
  if (err instanceof RelayError) return err;
  if (!(err instanceof PayJunctionError)) {
    return new RelayError(500, 'internal', `Something went wrong while trying to ${context.action}. Please try again.`);
  }
  switch (err.kind) {
    case 'validation': {
      const fields: FieldError[] = err.errors
        .filter((e) => e.parameter)
        .map((e) => ({ field: e.parameter as string, message: e.message, type: e.type === 'required' ? 'required' : 'invalid' }));
      const first = err.errors[0]?.message ?? 'PayJunction did not accept the request.';
      return new RelayError(400, 'invalid_request', first, fields.length > 0 ? { fields } : {});
    }
    case 'not_found':
      return new RelayError(404, 'not_found', 'PayJunction does not know that item.');
    case 'auth':
      return new RelayError(
        502,
        'upstream_auth',
        'PayJunction refused the relay’s API credentials. The merchant’s server needs its PJ_API_LOGIN, PJ_API_PASSWORD and PJ_APP_KEY checked.',
      );
    case 'rate_limited':
      return new RelayError(503, 'upstream_busy', 'PayJunction is busy right now. Try again in a few seconds.', {
        retryAfterSeconds: Math.max(1, Math.ceil((err.retryAfterMs ?? 2000) / 1000)),
      });
    case 'forbidden':
      return new RelayError(502, 'upstream_forbidden', err.errors[0]?.message ?? 'PayJunction did not allow that request.');
    case 'conflict':
      return new RelayError(409, 'conflict', err.errors[0]?.message ?? 'PayJunction reports a conflict.');
    case 'timeout':
    case 'network':
    case 'server':
    default:
      return new RelayError(
        502,
        'upstream_unavailable',
        `PayJunction could not be reached to ${context.action}. If this was a payment, check the terminal before you try again.`,
      );
  }
}
