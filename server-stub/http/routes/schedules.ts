/**
 * POST /schedules: card and account numbers refused unless the merchant opted in (they belong in the
 * fields frame), validated with src/protocol (the browser's own messages, field by field; a card token
 * is a source), then created by the relay, which decides which stored payment methods this caller may bill and
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
    const body = await readJsonObject(c);
    // Before the rules: a card number is refused as such, however it is typed.
    deps.relay.refuseRawPaymentNumbers(body);
    const params = validated(validateSchedule(body, { today: deps.today(), tokenSource: true }));
    const hook = deps.authorizeVault;
    const schedule = await deps.relay.createSchedule(params, hook && ((vaultId) => hook(c.req.raw, vaultId)));
    c.header('Cache-Control', 'no-store');
    return c.json(schedule, 201);
  });
  return app;
}
