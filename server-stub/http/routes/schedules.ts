/**
 * POST /schedules: validated with src/protocol first (the browser's own messages, field by field),
 * then created by the relay, which decides which stored payment methods this caller may bill and
 * turns PayJunction's answers into the contract's (relay/ownership.ts, relay/errors.ts).
 */
import { Hono } from 'hono';
import { validateSchedule } from '../../../src/protocol/schedule.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

export function scheduleRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post('/schedules', async (c) => {
    const params = validated(validateSchedule(await readJsonObject(c), { today: deps.today() }));
    const hook = deps.authorizeVault;
    const schedule = await deps.relay.createSchedule(params, hook && ((vaultId) => hook(c.req.raw, vaultId)));
    c.header('Cache-Control', 'no-store');
    return c.json(schedule, 201);
  });
  return app;
}
