/**
 * POST /schedules: validated with src/protocol first (the browser's own messages, field by field),
 * then created at PayJunction. PayJunction's answers become the contract's: field errors on the
 * same fields, a pre-auth decline as 402 with its guidance, a duplicate as 409 (the form then offers
 * to create it anyway with bypassDuplicate).
 *
 * A schedule re-bills a payment method PayJunction already holds only if this relay may use it:
 * transaction ids are sequential and vault ids guessable, so any page could otherwise bill any stored
 * card (and read its brand and last four). A transactionId must be one this relay created; a vaultId
 * needs the host's authorizeVault hook. Refused before any PayJunction call.
 */
import { Hono } from 'hono';
import { describeDecline } from '../../../src/protocol/declines.js';
import { schedulePaymentSource, validateSchedule, type ScheduleParams } from '../../../src/protocol/schedule.js';
import { PayJunctionError } from '../../payjunction/errors.js';
import { RelayError, fromUpstream } from '../../relay/errors.js';
import type { FieldError } from '../../../src/protocol/wire.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

const SCHEDULE_OWNED_MS = 400 * 24 * 60 * 60 * 1000;

/** Set once this relay has created a schedule: only then can an unknown transaction be one of its charges. */
export const SCHEDULES_CREATED = 'schedules-created';

export const FOREIGN_TRANSACTION_MESSAGE = 'Use a transaction made by this terminal relay.';
export const VAULT_NOT_ALLOWED_MESSAGE = "Stored payment methods need the merchant's permission (authorizeVault).";

/** The field error for a stored payment method this caller may not bill, if it names one. */
async function refusedSource(deps: RouteDeps, request: Request, params: ScheduleParams): Promise<FieldError | undefined> {
  if (params.transactionId !== undefined && !(await deps.store.isOwned('transaction', Number(params.transactionId)))) {
    return { field: 'transactionId', message: FOREIGN_TRANSACTION_MESSAGE, type: 'invalid' };
  }
  if (params.vaultId !== undefined && !(deps.authorizeVault && (await deps.authorizeVault(request, Number(params.vaultId))))) {
    return { field: 'vaultId', message: VAULT_NOT_ALLOWED_MESSAGE, type: 'invalid' };
  }
  return undefined;
}

export function scheduleRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.post('/schedules', async (c) => {
    const params = validated(validateSchedule(await readJsonObject(c), { today: deps.today() }));
    const refused = await refusedSource(deps, c.req.raw, params);
    if (refused) throw new RelayError(400, 'invalid_request', refused.message, { fields: [refused] });
    if (params.terminalId === undefined) {
      const source = schedulePaymentSource(params);
      params.terminalId = String(await deps.relay.merchantTerminalId(source === 'ach' ? 'ACH' : 'CARD'));
    }
    try {
      const schedule = await deps.upstream.createSchedule(params);
      await deps.store.addOwned('schedule', Number(schedule.scheduleId), SCHEDULE_OWNED_MS);
      await deps.store.updateValue<true>(SCHEDULES_CREATED, () => true, SCHEDULE_OWNED_MS);
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
