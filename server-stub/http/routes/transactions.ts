/**
 * GET /transactions/{id}: the merchant-safe view, for the transactions this relay owns or the host's
 * authorizeTransaction hook allows; every other id is the 404 of an id that does not exist. The
 * rules are the relay's (relay/ownership.ts); this route reads the id and binds the hook to the call.
 */
import { Hono } from 'hono';
import { isTransactionId } from '../../../src/protocol/relay-contract.js';
import { transactionNotFound } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';

export function transactionRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get('/transactions/:id', async (c) => {
    const raw = c.req.param('id');
    if (!isTransactionId(raw)) throw transactionNotFound();
    const transactionId = Number(raw);
    const hook = deps.authorizeTransaction;
    const view = await deps.relay.readTransaction(transactionId, hook && (() => hook(c.req.raw, transactionId)));
    c.header('Cache-Control', 'private, no-store');
    return c.json(view);
  });
  return app;
}
