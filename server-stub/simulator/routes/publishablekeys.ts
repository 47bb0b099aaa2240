/**
 * /publishablekeys (https://developer.payjunction.com/hc/en-us/articles/4411884125979): POST makes a
 * key the browser SDK may carry, GET lists them (`{results}`, known from a third-party client:
 * https://github.com/theaamgroup/PayJunction). At most 100: the 101st is a 403 like PayJunction's
 * other limits (the wording is the simulator's own).
 */
import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import type { SimulatorState } from '../state.js';
import { PUBLISHABLE_KEY_LIMIT_MESSAGE } from '../tokens.js';
import type { AppEnv } from './env.js';

export function publishableKeyRoutes(state: SimulatorState): Hono<AppEnv> {
  const { tokens } = state;
  const routes = new Hono<AppEnv>();

  routes.post('/', (c) => {
    const key = tokens.createKey();
    return key ? c.json(key, 200) : c.json(errorBody({ message: PUBLISHABLE_KEY_LIMIT_MESSAGE }), 403);
  });

  routes.get('/', (c) => c.json({ results: tokens.listKeys() }));

  return routes;
}
