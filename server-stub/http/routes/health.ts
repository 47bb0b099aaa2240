import { Hono } from 'hono';
import type { RelayHealth } from '../../../src/protocol/relay-contract.js';
import type { RouteDeps } from '../deps.js';

export function healthRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get('/health', (c) => {
    const body: RelayHealth = { ok: true, mode: deps.mode, delivery: deps.relay.delivery };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
