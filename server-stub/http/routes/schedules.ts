/**
 * POST /schedules: validated with src/protocol first (the browser's own messages, field by field),
 * then created at PayJunction. PayJunction's answers become the contract's: field errors on the
 * same fields, a pre-auth decline as 402 with its guidance, a duplicate as 409 (the form then offers
 * to create it anyway with bypassDuplicate).
 */
import { Hono } from 'hono';
import { describeDecline } from '../../../src/protocol/declines.js';
import { schedulePaymentSource, validateSchedule } from '../../../src/protocol/schedule.js';
import { PayJunctionError } from '../../payjunction/errors.js';
import { RelayError, fromUpstream } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

export function scheduleRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post('/schedules', async (c) => {
    const params = validated(validateSchedule(await readJsonObject(c), { today: deps.today() }));
    if (params.terminalId === undefined) {
      const source = schedulePaymentSource(params);
      params.terminalId = String(await deps.relay.merchantTerminalId(source === 'ach' ? 'ACH' : 'CARD'));
    }
    try {
      const schedule = await deps.upstream.createSchedule(params);
      await deps.store.addOwned('schedule', Number(schedule.scheduleId), 400 * 24 * 60 * 60 * 1000);
      deps.logger.info({ scheduleId: schedule.scheduleId, scheduleType: schedule.scheduleType }, 'schedule created');
      c.header('Cache-Control', 'no-store');
      return c.json(schedule, 201);
    } catch (err) {
      if (err instanceof PayJunctionError && err.kind === 'preauth_declined' && err.decline) {
        const info = describeDecline(err.decline.code);
        throw new RelayError(402, 'preauth_declined', `The card was declined when the schedule was checked: ${info.merchantGuidance}`, {
          decline: { code: info.code, message: info.message, guidance: info.merchantGuidance, retry: info.retry },
        });
      }
      if (err instanceof PayJunctionError && err.kind === 'conflict') {
        throw new RelayError(
          409,
          'duplicate_schedule',
          'A schedule with this payment method and amount already exists. Create it anyway only if the customer wants two.',
        );
      }
      throw fromUpstream(err, { action: 'create the schedule' });
    }
  });
  return app;
}
