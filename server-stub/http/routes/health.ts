/** GET /health: the relay's mode, how status reaches it now, and which store it keeps state in. */
import { Hono } from 'hono';
import type { RelayHealth } from '../../../src/protocol/relay-contract.js';
import { MemoryStore } from '../../relay/memory-store.js';
import { isRedisStore, type RelayStore } from '../../relay/store.js';
import type { RouteDeps } from '../deps.js';

function storeKind(store: RelayStore): RelayHealth['store'] {
  if (isRedisStore(store)) return store.persistence === 'none' ? 'redis-volatile' : 'redis';
  return store instanceof MemoryStore ? 'memory' : 'custom';
}

export function healthRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get('/health', (c) => {
    const body: RelayHealth = {
      ok: true,
      mode: deps.mode,
      delivery: deps.relay.delivery,
      store: storeKind(deps.store),
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}
