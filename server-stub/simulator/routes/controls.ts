/**
 * Test controls under /__sim/ (JSON in and out, no PayJunction authentication): what a test or
 * the demo does to the simulated world (a cardholder declines, a device goes offline, webhooks
 * misbehave, the API rate-limits) and what it reads back (calls received, webhook deliveries).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { PjScheduleStatus } from '../../../src/protocol/wire.js';
import { SIM_DEVICES } from '../fixtures.js';
import { SCHEDULE_STATUSES } from '../schedules.js';
import type { ForcedFault, ResetWorld, SimulatorState } from '../state.js';
import type { NextOutcome } from '../terminals.js';
import { requestState } from '../terminals.js';
import type { WebhookFaults } from '../webhooks.js';
import { moneyProblem, normalizeMoney } from '../../../src/protocol/money.js';
import { settingsRoutes } from './settings.js';

const OUTCOMES = ['approve', 'decline', 'cardholder_cancel', 'never_finish'] as const;

class ControlError extends Error {}

async function readJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new ControlError('body must be a JSON object');
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ControlError(`${name} must be a string`);
  return value;
}

function requiredBoolean(body: Record<string, unknown>, name: string): boolean {
  if (typeof body[name] !== 'boolean') throw new ControlError(`${name} must be true or false`);
  return body[name] as boolean;
}

export function controlRoutes(state: SimulatorState, reset: ResetWorld): Hono {
  const controls = new Hono();
  const { terminals, webhooks, transactions, schedules, tokens } = state;

  controls.onError((err, c) => {
    if (err instanceof ControlError) return c.json({ error: err.message }, 400);
    return c.json({ error: err.message }, 500);
  });

  const unknownDevice = (c: Context) => c.json({ error: 'unknown smartTerminalId' }, 404);

  controls.get('/devices', (c) => c.json({ devices: SIM_DEVICES.map((d) => terminals.deviceView(d.smartTerminalId)) }));

  controls.post('/devices/:id/next-outcome', async (c) => {
    const body = await readJson(c);
    const outcome = body.outcome;
    if (!OUTCOMES.includes(outcome as (typeof OUTCOMES)[number])) {
      throw new ControlError(`outcome must be one of ${OUTCOMES.join(', ')}`);
    }
    let next: NextOutcome;
    switch (outcome as (typeof OUTCOMES)[number]) {
      case 'approve': {
        const button = optionalString(body, 'button');
        const inputValue = optionalString(body, 'inputValue');
        next = {
          outcome: 'approve',
          ...(button !== undefined ? { button } : {}),
          ...(inputValue !== undefined ? { inputValue } : {}),
        };
        break;
      }
      case 'decline': {
        const code = optionalString(body, 'code');
        next = { outcome: 'decline', ...(code !== undefined ? { code } : {}) };
        break;
      }
      case 'cardholder_cancel':
        next = { outcome: 'cardholder_cancel' };
        break;
      case 'never_finish':
        next = { outcome: 'never_finish' };
        break;
    }
    const id = c.req.param('id');
    if (!terminals.setNextOutcome(id, next)) return unknownDevice(c);
    return c.json({ device: terminals.deviceView(id) });
  });

  controls.post('/devices/:id/online', async (c) => {
    const online = requiredBoolean(await readJson(c), 'online');
    const id = c.req.param('id');
    if (!terminals.setOnline(id, online)) return unknownDevice(c);
    return c.json({ device: terminals.deviceView(id) });
  });

  /** What the customer tips at this device when the terminal asks (allowTips); "0.00" = no tip, the default. */
  controls.post('/devices/:id/tip', async (c) => {
    const tip = (await readJson(c)).tip;
    if (typeof tip !== 'string' || moneyProblem(tip, { positive: false }) !== undefined) {
      throw new ControlError('tip must be an amount such as "2.00" ("0.00" = no tip)');
    }
    const id = c.req.param('id');
    if (!terminals.setTip(id, normalizeMoney(tip))) return unknownDevice(c);
    return c.json({ device: terminals.deviceView(id) });
  });

  controls.post('/devices/:id/busy', async (c) => {
    const busy = requiredBoolean(await readJson(c), 'busy');
    const id = c.req.param('id');
    if (!terminals.setBusy(id, busy)) return unknownDevice(c);
    return c.json({ device: terminals.deviceView(id) });
  });

  /** A request's full state without the polling limit (for assertions). */
  controls.get('/requests/:id', (c) => {
    const request = terminals.get(c.req.param('id'));
    if (!request) return c.json({ error: 'unknown requestId' }, 404);
    return c.json({
      requestId: request.requestId,
      kind: request.kind,
      smartTerminalId: request.smartTerminalId,
      ...requestState(request),
    });
  });

  controls.post('/webhooks/faults', async (c) => {
    const body = await readJson(c);
    const faults: WebhookFaults = {};
    for (const name of ['duplicate', 'shuffle'] as const) {
      if (body[name] !== undefined) {
        if (typeof body[name] !== 'boolean') throw new ControlError(`${name} must be true or false`);
        faults[name] = body[name] as boolean;
      }
    }
    const drop = body.drop;
    if (drop !== undefined && drop !== null && drop !== false) {
      if (drop === 'all') faults.drop = 'all';
      else if (typeof drop === 'number' && Number.isInteger(drop) && drop >= 0) faults.drop = drop;
      else if (Array.isArray(drop) && drop.every((s) => typeof s === 'string')) faults.drop = drop as string[];
      else throw new ControlError("drop must be 'all', a number of events, or a list of statuses");
    }
    if (body.delayMs !== undefined) {
      if (typeof body.delayMs !== 'number' || !(body.delayMs >= 0))
        throw new ControlError('delayMs must be a number ≥ 0');
      faults.delayMs = body.delayMs;
    }
    webhooks.setFaults(faults);
    return c.json({ faults: webhooks.getFaults() });
  });

  controls.get('/webhooks/faults', (c) => c.json({ faults: webhooks.getFaults() }));

  controls.post('/faults', async (c) => {
    const body = await readJson(c);
    const status = body.status;
    if (status !== 429 && status !== 403 && status !== 500) throw new ControlError('status must be 429, 403 or 500');
    const count = body.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      throw new ControlError('count must be a whole number ≥ 1');
    const path = optionalString(body, 'path');
    const retryAfter = body.retryAfterSeconds;
    if (retryAfter !== undefined && (typeof retryAfter !== 'number' || !(retryAfter >= 0))) {
      throw new ControlError('retryAfterSeconds must be a number ≥ 0');
    }
    const fault: ForcedFault = {
      status,
      remaining: count,
      ...(path !== undefined ? { path } : {}),
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter as number } : {}),
    };
    state.faults.push(fault);
    return c.json({ faults: state.faults });
  });

  controls.get('/faults', (c) => c.json({ faults: state.faults }));
  controls.delete('/faults', (c) => {
    state.faults.length = 0;
    return c.json({ faults: [] });
  });

  controls.get('/calls', (c) => c.json({ calls: state.calls }));
  controls.delete('/calls', (c) => {
    state.calls.length = 0;
    return c.json({ calls: [] });
  });

  controls.get('/deliveries', (c) => c.json({ deliveries: webhooks.deliveries }));
  controls.delete('/deliveries', (c) => {
    webhooks.deliveries.length = 0;
    return c.json({ deliveries: [] });
  });

  /** The batch closed for this transaction: a void is then refused, as in PayJunction. */
  controls.post('/transactions/:id/settle', (c) => {
    const tx = transactions.get(c.req.param('id'));
    if (!tx) return c.json({ error: 'unknown transactionId' }, 404);
    transactions.settle(tx);
    return c.json({ transaction: tx });
  });

  /** Sets a schedule's status directly (PAUSED, DELINQUENT, COMPLETED have no API route). */
  controls.post('/schedules/:id/status', async (c) => {
    const status = (await readJson(c)).status;
    if (!SCHEDULE_STATUSES.includes(status as PjScheduleStatus)) {
      throw new ControlError(`status must be one of ${SCHEDULE_STATUSES.join(', ')}`);
    }
    const schedule = schedules.setStatus(c.req.param('id'), status as PjScheduleStatus);
    if (!schedule) return c.json({ error: 'unknown scheduleId' }, 404);
    return c.json({ schedule });
  });

  // Tokens as a test may see them: brand and last four, never the card number.
  controls.get('/tokens', (c) => c.json({ tokens: tokens.list() }));

  /** The token's 30 minutes are over: its next use is refused as expired. */
  controls.post('/tokens/:tokenId/expire', (c) => {
    const token = tokens.expire(c.req.param('tokenId'));
    return token ? c.json({ token }) : c.json({ error: 'unknown tokenId' }, 404);
  });

  /** The token counts as used once already: its next use is refused as a reuse. */
  controls.post('/tokens/:tokenId/reuse', (c) => {
    const token = tokens.markUsed(c.req.param('tokenId'));
    return token ? c.json({ token }) : c.json({ error: 'unknown tokenId' }, 404);
  });

  controls.post('/reset', async (c) => {
    // An empty body is fine; {"subscriptions": true} also removes the webhook subscriptions,
    // {"publishableKeys": true} the publishable keys.
    const text = await c.req.text();
    let body: { subscriptions?: unknown; publishableKeys?: unknown } = {};
    if (text.trim() !== '') {
      try {
        body = (JSON.parse(text) as typeof body | null) ?? {};
      } catch {
        throw new ControlError('the body must be JSON, e.g. {"subscriptions": true}, or empty');
      }
    }
    const subscriptions = body.subscriptions === true;
    const publishableKeys = body.publishableKeys === true;
    reset({ subscriptions, publishableKeys });
    return c.json({ ok: true, subscriptionsKept: !subscriptions, publishableKeysKept: !publishableKeys });
  });

  controls.route('/settings', settingsRoutes(state));

  controls.notFound((c) => c.json({ error: 'unknown control' }, 404));
  return controls;
}
