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
import type { PjSmartTerminalRequestData, PjWebhookEvent } from '../../../src/protocol/wire.js';
import { RelayError } from '../../relay/errors.js';
import { describeError } from '../../log.js';
import type { RouteDeps } from '../deps.js';

const EVENT_MEMORY_MS = 4 * 24 * 60 * 60 * 1000; // PayJunction retries for 3 days

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

export function webhookRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const intakeOn = webhookIntakeOn(deps);
  if (!intakeOn) {
    deps.logger.warn(
      'PJ_WEBHOOK_SECRET is not set: webhook deliveries are refused (401), and the relay polls PayJunction for status.',
    );
  }
  app.post('/webhooks/payjunction', async (c) => {
    if (!intakeOn) {
      throw new RelayError(
        401,
        'webhook_secret_required',
        'This relay takes no webhooks: PJ_WEBHOOK_SECRET is not set, so a delivery cannot be verified. It polls PayJunction instead.',
      );
    }
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (deps.webhookSecret !== undefined && !verifySignature(raw, c.req.header('X-Pj-Signature'), deps.webhookSecret)) {
      deps.logger.warn({ bytes: raw.length }, 'webhook with a missing or wrong signature refused');
      throw new RelayError(401, 'bad_signature', 'The webhook signature does not match.');
    }
    let event: PjWebhookEvent;
    try {
      event = JSON.parse(new TextDecoder().decode(raw)) as PjWebhookEvent;
    } catch {
      throw new RelayError(400, 'invalid_json', 'The webhook body is not valid JSON.');
    }
    if (!event || typeof event !== 'object' || typeof event.id !== 'string' || typeof event.type !== 'string') {
      throw new RelayError(400, 'invalid_event', 'The webhook body is not a PayJunction event.');
    }
    const digest = createHash('sha256').update(raw).digest('hex').slice(0, 32);
    void handleEvent(deps, event, `${event.id}:${digest}`).catch((err) =>
      deps.logger.error({ eventId: event.id, err: describeError(err) }, 'webhook processing failed'),
    );
    return c.json({ received: true });
  });
  return app;
}

async function handleEvent(deps: RouteDeps, event: PjWebhookEvent, eventKey: string): Promise<void> {
  if (!(await deps.store.markEventSeen(eventKey, EVENT_MEMORY_MS))) {
    deps.logger.debug({ eventId: event.id }, 'duplicate webhook ignored');
    return;
  }
  if (event.type !== 'SMARTTERMINAL_REQUEST') {
    deps.logger.debug({ eventId: event.id, type: event.type }, 'webhook type not used by the relay');
    return;
  }
  const data = event.data as Partial<PjSmartTerminalRequestData> | null;
  if (!data || typeof data.requestId !== 'string' || typeof data.status !== 'string') return;
  const applied = await deps.relay.applyStatus(data as PjSmartTerminalRequestData, 'webhook');
  if (!applied) deps.logger.debug({ eventId: event.id }, 'webhook for a request this relay did not start');
}
