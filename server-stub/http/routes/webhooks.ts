/**
 * POST /webhooks/payjunction: PayJunction's deliveries, for a host that mounts `relay.fetch` in its
 * own app. Under listen() the Node listener takes them first (node-webhooks.ts); both apply the one
 * rule of webhook-intake.ts and answer alike, byte for byte. The answer is immediate and the work
 * happens after, because PayJunction requeues a delivery that takes more than 15 s. Deliveries are
 * at-least-once: each is applied once per (event id, body digest), and the reducer ignores whatever
 * repeats anyway. Examples: https://developer.payjunction.com/hc/en-us/articles/360002739934
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';
import {
  RECEIVED,
  RECEIVED_HEADERS,
  declaredTooLarge,
  refusal,
  refuseWhenOff,
  takeDelivery,
  tooLarge,
  webhookIntakeOn,
} from '../webhook-intake.js';

/**
 * The raw body, at most `maxBytes`. With a checked Content-Length this is @hono/node-server's direct
 * read of the socket's bytes; a chunked body is counted as it streams.
 */
async function readRaw(c: Context, maxBytes: number): Promise<Uint8Array> {
  if (c.req.header('Transfer-Encoding') === undefined && c.req.header('Content-Length') !== undefined) {
    return new Uint8Array(await c.req.arrayBuffer());
  }
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > maxBytes) {
      void reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The route is registered ahead of the app's middleware (app.ts): a delivery needs none of CORS,
 * Host/Origin checks, the authorize hook or rate limits (it has no Origin, no session, and its
 * signature is its authority), and the per-request access log cost more than the delivery itself.
 * It keeps its own body limit and logs what it refuses; an accepted delivery is logged at debug.
 */
export function webhookRoutes(deps: RouteDeps, maxBodyBytes: number): Hono {
  const app = new Hono();
  if (!webhookIntakeOn(deps)) {
    deps.logger.warn(
      'PJ_WEBHOOK_SECRET is not set: webhook deliveries are refused (401), and the relay polls PayJunction for status.',
    );
  }
  app.post('/webhooks/payjunction', async (c) => {
    try {
      if (
        c.req.header('Transfer-Encoding') === undefined &&
        declaredTooLarge(c.req.header('Content-Length'), maxBodyBytes)
      ) {
        throw tooLarge();
      }
      refuseWhenOff(deps);
      const raw = await readRaw(c, maxBodyBytes);
      takeDelivery(deps, raw, c.req.header('X-Pj-Signature'), c.req.path);
      return c.body(RECEIVED, 200, RECEIVED_HEADERS);
    } catch (err) {
      const { status, headers, body } = refusal(deps, err, c.req.path);
      return c.body(body, status as 400, headers);
    }
  });
  return app;
}
