/**
 * GET /transactions/{id}: the merchant-safe view. Transaction ids are sequential numbers, so a
 * browser may read only the transactions this relay created (its payments, and the charges of the
 * schedules it created) unless the host's authorizeTransaction hook allows more. Every other id is a
 * 404, the same answer as an id that does not exist, so ids cannot be probed.
 *
 * Ownership is decided before PayJunction is asked: an id that cannot be ours costs no upstream call
 * (queued lookups of made-up ids used to hold payments back). Only a schedule's charge needs the fetch
 * to be recognised (by its scheduleId), so unknown ids are fetched only once this relay has created a
 * schedule. Lookups go to PayJunction at low priority, after payments and polls.
 */
import { Hono } from 'hono';
import { toTransactionView } from '../../../src/protocol/relay-contract.js';
import { PayJunctionError } from '../../payjunction/errors.js';
import { RelayError, fromUpstream } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { SCHEDULES_CREATED } from './schedules.js';

const NOT_FOUND = () => new RelayError(404, 'not_found', 'No such transaction.');

export function transactionRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get('/transactions/:id', async (c) => {
    const raw = c.req.param('id');
    if (!/^\d{1,15}$/.test(raw)) throw NOT_FOUND();
    const transactionId = Number(raw);
    const owned =
      (await deps.store.isOwned('transaction', transactionId)) ||
      (deps.authorizeTransaction ? await deps.authorizeTransaction(c.req.raw, transactionId) : false);
    if (!owned && !(await deps.store.getValue<true>(SCHEDULES_CREATED))) throw NOT_FOUND();
    let transaction;
    try {
      transaction = await deps.upstream.getTransaction(transactionId, { priority: 'low' });
    } catch (err) {
      if (err instanceof PayJunctionError && err.kind === 'not_found') throw NOT_FOUND();
      // Too many lookups waiting says nothing about this id: the page may try again later.
      if (!owned && !(err instanceof PayJunctionError && err.kind === 'rate_limited')) throw NOT_FOUND();
      throw fromUpstream(err, { action: 'read the transaction' });
    }
    // A schedule this relay created charges on its own; its transactions carry the scheduleId.
    const allowed =
      owned || (transaction.scheduleId !== undefined && (await deps.store.isOwned('schedule', Number(transaction.scheduleId))));
    if (!allowed) throw NOT_FOUND();
    c.header('Cache-Control', 'private, no-store');
    return c.json(toTransactionView(transaction));
  });
  return app;
}
