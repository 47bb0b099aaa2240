/**
 * The payment fields' routes (relay/fields.ts): the frame's config, public (a publishable key is made
 * for browsers), and the frame's bank account, vaulted at once and answered without its numbers. The
 * relay checks that the bank account comes from the fields origin.
 */
import { Hono } from 'hono';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';

export function fieldsRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get('/fields/config', async (c) => {
    const config = await deps.relay.fieldsConfig();
    c.header('Cache-Control', 'no-store');
    return c.json(config);
  });
  app.post('/fields/ach-vault', async (c) => {
    const vault = await deps.relay.vaultBankAccount(c.req.header('Origin'), await readJsonObject(c));
    c.header('Cache-Control', 'no-store');
    return c.json(vault, 201);
  });
  return app;
}
