/**
 * POST /webhooks/payjunction: PayJunction's deliveries. The signature is checked on the raw bytes,
 * in constant time; the answer is immediate and the work happens after, because PayJunction
 * requeues a delivery that takes more than 15 s. Deliveries are at-least-once: each is applied
 * once per (event id, body digest) — the digest because PayJunction's own examples reuse one event
 * id for two different statuses — and the reducer ignores whatever repeats anyway. Examples:
 * https://developer.payjunction.com/hc/en-us/articles/360002739934
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { PjWebhookEvent } from '../../../src/protocol/wire.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { cheapBodyLimit } from '../middleware/body-limit.js';
import { SECURITY_HEADERS } from '../middleware/security.js';

const decoder = new TextDecoder();

/** Constant-time check of a hex HMAC-SHA256 signature over the exact raw body. */
export function verifySignature(raw: Uint8Array, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature.trim())) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(signature.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether the relay takes webhooks at all. Outside the simulator it takes only signed ones: an
 * unsigned delivery could come from anyone who can reach the URL and change a live payment.
 */
export function webhookIntakeOn(deps: Pick<RouteDeps, 'webhookSecret' | 'mode'>): boolean {
  return deps.webhookSecret !== undefined || deps.mode === 'simulator';
}

/**
 * The route is registered ahead of the app's middleware (app.ts): a delivery needs none of CORS,
 * Host/Origin checks, the authorize hook or rate limits (it has no Origin, no session, and its
 * signature is its authority), and the per-request access log cost more than the delivery itself.
 * It keeps its own body limit and logs what it refuses; an accepted delivery is logged at debug.
 */
export function webhookRoutes(deps: RouteDeps, maxBodyBytes: number): Hono {
  const app = new Hono();
  const intakeOn = webhookIntakeOn(deps);
  if (!intakeOn) {
    deps.logger.warn(
      'PJ_WEBHOOK_SECRET is not set: webhook deliveries are refused (401), and the relay polls PayJunction for status.',
    );
  }
  app.post('/webhooks/payjunction', async (c, next) => {
    await next(); // a throw below is answered by onError before this resumes
    if (c.res.status !== 200) deps.logger.info({ method: 'POST', path: c.req.path, status: c.res.status }, 'http');
  });
  app.post('/webhooks/payjunction', cheapBodyLimit(maxBodyBytes), async (c) => {
    if (!intakeOn) {
      throw new RelayError(
        401,
        'webhook_secret_required',
        'This relay takes no webhooks: PJ_WEBHOOK_SECRET is not set, so a delivery cannot be verified. It polls PayJunction instead.',
      );
    }
    // With a checked Content-Length this is @hono/node-server's direct read of the socket's bytes.
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (deps.webhookSecret !== undefined && !verifySignature(raw, c.req.header('X-Pj-Signature'), deps.webhookSecret)) {
      deps.logger.warn({ bytes: raw.length }, 'webhook with a missing or wrong signature refused');
      throw new RelayError(401, 'bad_signature', 'The webhook signature does not match.');
    }
    let event: PjWebhookEvent;
    try {
      event = JSON.parse(decoder.decode(raw)) as PjWebhookEvent;
    } catch {
      throw new RelayError(400, 'invalid_json', 'The webhook body is not valid JSON.');
    }
    if (!event || typeof event !== 'object' || typeof event.id !== 'string' || typeof event.type !== 'string') {
      throw new RelayError(400, 'invalid_event', 'The webhook body is not a PayJunction event.');
    }
    const digest = createHash('sha256').update(raw).digest('hex').slice(0, 32);
    // Applied after this answer is written (relay/webhook-queue.ts): the ack never waits for a fan-out.
    if (!deps.relay.acceptWebhook(event, `${event.id}:${digest}`)) {
      throw new RelayError(503, 'unavailable', 'The relay is not taking deliveries right now; deliver again later.', {
        retryAfterSeconds: 5,
      });
    }
    // The access log's line, at debug: at info its redaction cost more than the delivery (docs/architecture.md).
    deps.logger.debug({ method: 'POST', path: c.req.path, status: 200, eventId: event.id, bytes: raw.length }, 'http');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    return c.json({ received: true });
  });
  return app;
}
