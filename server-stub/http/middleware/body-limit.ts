/**
 * The body limit, without making every request pay for it. hono/body-limit reads `c.req.raw.body`,
 * which on @hono/node-server builds a full web Request and a ReadableStream over the socket for
 * every call, GETs included (a third of a webhook's time in the CPU profile, docs/architecture.md).
 * Here: GET and HEAD carry no body; a Content-Length (without Transfer-Encoding) is checked as a
 * number, and Node's parser never delivers more bytes than it declares; only a chunked body is
 * counted as it streams, by hono/body-limit itself.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { RelayError } from '../../relay/errors.js';

const tooLarge = (): never => {
  throw new RelayError(413, 'body_too_large', 'The request is too large.');
};

export function cheapBodyLimit(maxSize: number): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      if (!/^\d{1,15}$/.test(length.trim()) || Number(length) > maxSize) tooLarge();
      return next();
    }
    return streaming(c, next);
  };
}
