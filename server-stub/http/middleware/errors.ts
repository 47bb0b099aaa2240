/**
 * Every error leaves the relay in the contract's shape, with a fitting status and no stack trace,
 * credential or upstream detail. Unexpected errors are logged (safely) and answered with a 500.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { RelayError } from '../../relay/errors.js';
import { describeError } from '../../log.js';

export function errorResponse(c: Context, err: RelayError): Response {
  if (err.extra.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.extra.retryAfterSeconds));
  c.header('Cache-Control', 'no-store');
  return c.json(err.toBody(), err.status as 400);
}

export function relayErrorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof RelayError) return errorResponse(c, err);
    if (err instanceof HTTPException) {
      const status = err.status;
      const relayError =
        status === 413
          ? new RelayError(413, 'body_too_large', 'The request is too large.')
          : new RelayError(
              status,
              'bad_request',
              status < 500 ? 'The request could not be read.' : 'Something went wrong.',
            );
      return errorResponse(c, relayError);
    }
    logger.error(
      { err: describeError(err), method: c.req.method, path: new URL(c.req.url).pathname },
      'unexpected error',
    );
    return errorResponse(
      c,
      new RelayError(500, 'internal', 'Something went wrong on the payment relay. Please try again.'),
    );
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  errorResponse(c, new RelayError(404, 'not_found', 'There is no such endpoint on the payment relay.'));

/** Reads a JSON object body, or fails with a contract error (never a parser's message). */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new RelayError(
      415,
      'unsupported_media_type',
      'Send the request body as JSON (Content-Type: application/json).',
    );
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (err) {
    if (err instanceof HTTPException) throw err; // the body limit
    throw new RelayError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new RelayError(400, 'invalid_json', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
