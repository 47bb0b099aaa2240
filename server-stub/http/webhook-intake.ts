/**
 * What a PayJunction delivery must pass, once, for both ways in: the Hono route (routes/webhooks.ts,
 * for hosts that mount `relay.fetch`) and the Node listener's fast path (node-webhooks.ts, under
 * listen()). The signature is checked on the raw bytes, in constant time, before the body is read as
 * JSON; outside the simulator there is no unsigned intake. Each refusal is a RelayError, answered with
 * the same status, headers and body on both paths (webhookErrorAnswer).
 * https://developer.payjunction.com/hc/en-us/articles/360002739934
 */
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { PjWebhookEvent } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import { RelayError } from '../relay/errors.js';
import type { RouteDeps } from './deps.js';
import { SECURITY_HEADERS } from './middleware/security.js';

export type IntakeDeps = Pick<RouteDeps, 'webhookSecret' | 'mode' | 'relay' | 'logger'>;

/** The answer to an accepted delivery. */
export const RECEIVED = '{"received":true}';

const decoder = new TextDecoder();
const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** The secret as a key object, made once: createHmac would otherwise prepare a string key per delivery. */
let key: { secret: string; object: KeyObject } | undefined;
function keyOf(secret: string): KeyObject {
  if (key?.secret !== secret) key = { secret, object: createSecretKey(Buffer.from(secret, 'utf8')) };
  return key.object;
}

/**
 * The HMAC-SHA256 of the exact raw body when `signature` (hex) is that HMAC, compared in constant
 * time; undefined when it is missing or wrong.
 */
function signedDigest(raw: Uint8Array, signature: string | undefined, secret: string): Buffer | undefined {
  if (!signature) return undefined;
  const given = signature.trim();
  if (!HEX_SIGNATURE.test(given)) return undefined;
  const expected = createHmac('sha256', keyOf(secret)).update(raw).digest();
  const bytes = Buffer.from(given, 'hex');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected) ? expected : undefined;
}

/** Constant-time check of a hex HMAC-SHA256 signature over the exact raw body. */
export function verifySignature(raw: Uint8Array, signature: string | undefined, secret: string): boolean {
  return signedDigest(raw, signature, secret) !== undefined;
}

/**
 * Whether the relay takes webhooks at all. Outside the simulator it takes only signed ones: an
 * unsigned delivery could come from anyone who can reach the URL and change a live payment.
 */
export function webhookIntakeOn(deps: Pick<RouteDeps, 'webhookSecret' | 'mode'>): boolean {
  return deps.webhookSecret !== undefined || deps.mode === 'simulator';
}

export const tooLarge = (): RelayError => new RelayError(413, 'body_too_large', 'The request is too large.');

/** A Content-Length that is no number, or above the limit, is refused before a byte is read. */
export function declaredTooLarge(length: string | undefined, maxBytes: number): boolean {
  return length !== undefined && (!/^\d{1,15}$/.test(length.trim()) || Number(length) > maxBytes);
}

/** Thrown before the body is read when this relay takes no webhooks. */
export function refuseWhenOff(deps: Pick<RouteDeps, 'webhookSecret' | 'mode'>): void {
  if (webhookIntakeOn(deps)) return;
  throw new RelayError(
    401,
    'webhook_secret_required',
    'This relay takes no webhooks: PJ_WEBHOOK_SECRET is not set, so a delivery cannot be verified. It polls PayJunction instead.',
  );
}

/**
 * Verifies, parses and queues one delivery (applied after the answer, relay/webhook-queue.ts), or
 * throws the RelayError to answer with. Dedupe is per (event id, body digest): PayJunction's own
 * examples reuse one event id for two different statuses. The digest is the body's HMAC (the one the
 * signature was checked against: every process of a relay shares the secret), or its SHA-256 in a
 * simulator without a secret; a delivery counted under another digest (a rolling upgrade, a new
 * secret) is applied again, which the reducer ignores.
 */
export function takeDelivery(deps: IntakeDeps, raw: Uint8Array, signature: string | undefined, path: string): void {
  // The body's digest for dedupe is its HMAC when signed (already computed), else its SHA-256.
  let digest: Buffer;
  if (deps.webhookSecret !== undefined) {
    const signed = signedDigest(raw, signature, deps.webhookSecret);
    if (!signed) {
      deps.logger.warn({ bytes: raw.length }, 'webhook with a missing or wrong signature refused');
      throw new RelayError(401, 'bad_signature', 'The webhook signature does not match.');
    }
    digest = signed;
  } else {
    digest = createHash('sha256').update(raw).digest();
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
  if (!deps.relay.acceptWebhook(event, `${event.id}:${digest.toString('hex', 0, 16)}`)) {
    throw new RelayError(503, 'unavailable', 'The relay is not taking deliveries right now; deliver again later.', {
      retryAfterSeconds: 5,
    });
  }
  // The access log's line, at debug: at info its redaction cost more than the delivery (docs/architecture.md).
  if (deps.logger.isLevelEnabled('debug')) {
    deps.logger.debug({ method: 'POST', path, status: 200, eventId: event.id, bytes: raw.length }, 'http');
  }
}

/** The headers of every webhook answer, and those of a refusal (no caching; Retry-After on a 503). */
export const RECEIVED_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json',
  ...SECURITY_HEADERS,
};

/**
 * The answer to a refused delivery, the same on both paths: the RelayError's status and contract body,
 * no caching, Retry-After on a 503. An unexpected throw is a 500 whose message says nothing of it, as
 * the app's onError would answer. Each refusal is logged (the access log's line, at info).
 */
export function refusal(
  deps: Pick<IntakeDeps, 'logger'>,
  thrown: unknown,
  path: string,
): { status: number; headers: Record<string, string>; body: string } {
  let err: RelayError;
  if (thrown instanceof RelayError) err = thrown;
  else {
    deps.logger.error({ err: describeError(thrown), method: 'POST', path }, 'unexpected error');
    err = new RelayError(500, 'internal', 'Something went wrong on the payment relay. Please try again.');
  }
  deps.logger.info({ method: 'POST', path, status: err.status }, 'http');
  const headers: Record<string, string> = { ...RECEIVED_HEADERS, 'Cache-Control': 'no-store' };
  if (err.extra.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.extra.retryAfterSeconds);
  return { status: err.status, headers, body: JSON.stringify(err.toBody()) };
}
