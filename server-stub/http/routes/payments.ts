/** POST /payments: a Smart Terminal payment, exactly once per Idempotency-Key. */
import { Hono } from 'hono';
import { validatePaymentRequest } from '../../../src/protocol/payment.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

/** Keys are opaque to us; bound their size and alphabet so they are safe as store keys. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function paymentRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post('/payments', async (c) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) {
      throw new RelayError(
        400,
        'idempotency_key_required',
        'Send an Idempotency-Key header: one new key per payment attempt.',
      );
    }
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new RelayError(
        400,
        'invalid_idempotency_key',
        'The Idempotency-Key must be 8 to 128 letters, digits, dots, dashes, underscores or colons.',
      );
    }
    let body = validated(validatePaymentRequest(await readJsonObject(c)));
    if (deps.preparePayment) {
      // The host's server sets or checks the amount from its own order: a browser cannot choose what it pays.
      body = validated(validatePaymentRequest({ ...(await deps.preparePayment(c.req.raw, body)) }));
    }
    const snapshot = await deps.relay.start(
      { kind: 'payment', smartTerminalId: body.smartTerminalId, payment: body },
      key,
    );
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot, 202);
  });
  return app;
}
