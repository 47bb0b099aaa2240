/**
 * RelayError, and the one place where PayJunction's failures become what a page may see. Every
 * message is written for the person at the page; none carries a PayJunction credential or a stack
 * trace. The rest of relay/ asks this module what kind of failure it has, never PayJunctionError.
 */
import { describeDecline } from '../../src/protocol/declines.js';
import type { FieldError } from '../../src/protocol/wire.js';
import type { RelayErrorBody } from '../../src/protocol/relay-contract.js';
import { PayJunctionError, sentNothing, type PayJunctionErrorKind } from '../payjunction/errors.js';

export { sentNothing };

export class RelayError extends Error {
  override readonly name = 'RelayError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      fields?: FieldError[];
      decline?: RelayErrorBody['error']['decline'];
      retryAfterSeconds?: number;
    } = {},
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

/** What kind of PayJunction failure `err` is; undefined when it is not one. */
export function upstreamKind(err: unknown): PayJunctionErrorKind | undefined {
  return err instanceof PayJunctionError ? err.kind : undefined;
}

/** How long PayJunction asked us to wait (Retry-After) when `err` is a rate limit. */
export function rateLimitWaitMs(err: unknown): number | undefined {
  return err instanceof PayJunctionError && err.kind === 'rate_limited' ? err.retryAfterMs : undefined;
}

/**
 * Turns a PayJunction failure into what the page may see. A creating call whose answer was lost never
 * gets here: the relay answers it with an in-doubt request instead (start.ts).
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
        .map((e) => ({
          field: e.parameter as string,
          message: e.message,
          type: e.type === 'required' ? 'required' : 'invalid',
        }));
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
      return new RelayError(
        502,
        'upstream_forbidden',
        err.errors[0]?.message ?? 'PayJunction did not allow that request.',
      );
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

/** A Smart Terminal request PayJunction certainly refused. */
export function fromTerminalStart(err: unknown): RelayError {
  if (upstreamKind(err) === 'not_found') {
    return new RelayError(404, 'unknown_terminal', 'That Smart Terminal was not found on this merchant account.');
  }
  return fromUpstream(err, { action: 'reach the terminal' });
}

/** The answer for every transaction a page may not read, the same as for one that does not exist. */
export function transactionNotFound(): RelayError {
  return new RelayError(404, 'not_found', 'No such transaction.');
}

/**
 * A page's transaction lookup that failed at PayJunction. An id the page may not read stays a 404
 * whatever went wrong, except a full queue of lookups, which says nothing about the id.
 */
export function fromTransactionLookup(err: unknown, owned: boolean): RelayError {
  const kind = upstreamKind(err);
  if (kind === 'not_found') return transactionNotFound();
  if (!owned && kind !== 'rate_limited') return transactionNotFound();
  return fromUpstream(err, { action: 'read the transaction' });
}

/**
 * POST /schedules refused by PayJunction: a pre-authorization decline is a 402 with the decline's
 * guidance, a duplicate a 409 (the form then offers to create it anyway with bypassDuplicate).
 */
export function fromScheduleCreation(err: unknown): RelayError {
  if (err instanceof PayJunctionError && err.kind === 'preauth_declined' && err.decline) {
    const info = describeDecline(err.decline.code);
    return new RelayError(
      402,
      'preauth_declined',
      `The card was declined when the schedule was checked: ${info.guidance}`,
      {
        decline: { code: info.code, message: info.message, guidance: info.guidance, retry: info.retry },
      },
    );
  }
  if (upstreamKind(err) === 'conflict') {
    return new RelayError(
      409,
      'duplicate_schedule',
      'A schedule with this payment method and amount already exists. Create it anyway only if the customer wants two.',
    );
  }
  return fromUpstream(err, { action: 'create the schedule' });
}

export const TOKEN_EXPIRED_MESSAGE =
  'The card details expired or were already used (they last 30 minutes and work once). Enter the card again.';

/**
 * POST /customers/{id}/vaults refused. PayJunction's 400 on tokenId means a token that expired or was
 * used already: the person must enter the card again, so it gets its own code.
 */
export function fromVaultCreation(err: unknown): RelayError {
  if (
    err instanceof PayJunctionError &&
    err.kind === 'validation' &&
    err.errors.some((e) => e.parameter === 'tokenId')
  ) {
    return new RelayError(400, 'token_expired_or_used', TOKEN_EXPIRED_MESSAGE, {
      fields: [{ field: 'tokenId', message: TOKEN_EXPIRED_MESSAGE, type: 'invalid' }],
    });
  }
  return fromUpstream(err, { action: 'save the payment method' });
}
