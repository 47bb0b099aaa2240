/**
 * The simulated PayJunction API as a Hono app (a web-standard fetch handler), and its test
 * controls under /__sim/. Order of checks for every API call, outermost first: the call log,
 * forced faults (like a rate limiter in front of the API), HTTP Basic + application key (401),
 * Accept (406), form-encoded body (400), then the route (404 for unknown paths, 405 for a known
 * path with another method).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { PjErrorItem } from '../../src/protocol/wire.js';
import { SimClock } from './clock.js';
import { createControls } from './controls.js';
import {
  AUTH_FAILED_MESSAGE,
  errorBody,
  FIELD_REQUIRED_MESSAGE,
  invalid,
  NOT_FOUND_MESSAGE,
  PjValidationError,
  required,
  TERMINAL_NOT_FOUND_MESSAGE,
} from './errors.js';
import type { SimulatorCredentials } from './fixtures.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, SIM_DEVICES, SIM_TERMINALS, terminalById } from './fixtures.js';
import { FormParams } from './form.js';
import type { SimLogger } from './logger.js';
import { ScheduleStore } from './schedules.js';
import { DUPLICATE_SCHEDULE_MESSAGE } from './schedules.js';
import type { PaymentDetails, RequestKind, SimRequest } from './terminals.js';
import { requestState, SmartTerminalEngine } from './terminals.js';
import { AMOUNT_FIELDS, TransactionStore, withDefaults } from './transactions.js';
import type { Amounts } from './transactions.js';
import { FieldChecker } from './validate.js';
import { WEBHOOK_EVENT_TYPES, WebhookDispatcher } from './webhooks.js';

export interface SimulatorOptions {
  /** 0 = a free port (startSimulator only). */
  port?: number;
  /** Default '127.0.0.1' (startSimulator only). */
  host?: string;
  /** Default: env PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY, else DEFAULT_SIMULATOR_CREDENTIALS. */
  credentials?: SimulatorCredentials;
  /** Clock factor: every PayJunction delay is divided by it. Default env PJ_SIM_SPEED, else 1. */
  speed?: number;
  /** Webhook subscriptions per merchant. Default 5. */
  webhookLimit?: number;
  /** Per-requestId polling limit in real milliseconds (NOT scaled by speed). Default 500. */
  pollMinIntervalMs?: number;
  logger?: SimLogger;
}

export type CredentialsSource = 'options' | 'env' | 'default';

export interface CallRecord {
  method: string;
  path: string;
  query?: string;
  status: number;
  at: string;
}

export interface ForcedFault {
  status: 429 | 403 | 500;
  remaining: number;
  path?: string;
  retryAfterSeconds?: number;
}

export interface SimulatorState {
  clock: SimClock;
  terminals: SmartTerminalEngine;
  transactions: TransactionStore;
  schedules: ScheduleStore;
  webhooks: WebhookDispatcher;
  calls: CallRecord[];
  faults: ForcedFault[];
  pollMinIntervalMs: number;
}

export interface Simulator {
  fetch(request: Request): Promise<Response>;
  readonly state: SimulatorState;
  readonly credentials: Readonly<SimulatorCredentials>;
  readonly credentialsSource: CredentialsSource;
  readonly speed: number;
  /**
   * Back to the initial fixture: no requests, transactions, schedules or faults. Webhook
   * subscriptions (the merchant's configuration) stay unless `subscriptions` is set.
   */
  reset(options?: { subscriptions?: boolean }): void;
  /** Clears every timer and aborts deliveries in flight. */
  dispose(): void;
}

type AppEnv = { Variables: { form: FormParams; baseUrl: string } };

export function resolveCredentials(
  options: SimulatorOptions,
  env: NodeJS.ProcessEnv = process.env,
): { credentials: SimulatorCredentials; source: CredentialsSource } {
  if (options.credentials) return { credentials: { ...options.credentials }, source: 'options' };
  const fromEnv = { login: env.PJ_API_LOGIN, password: env.PJ_API_PASSWORD, appKey: env.PJ_APP_KEY };
  if (fromEnv.login || fromEnv.password || fromEnv.appKey) {
    return {
      credentials: {
        login: fromEnv.login || DEFAULT_SIMULATOR_CREDENTIALS.login,
        password: fromEnv.password || DEFAULT_SIMULATOR_CREDENTIALS.password,
        appKey: fromEnv.appKey || DEFAULT_SIMULATOR_CREDENTIALS.appKey,
      },
      source: 'env',
    };
  }
  return { credentials: { ...DEFAULT_SIMULATOR_CREDENTIALS }, source: 'default' };
}

export function resolveSpeed(options: SimulatorOptions, env: NodeJS.ProcessEnv = process.env): number {
  const speed = options.speed ?? (env.PJ_SIM_SPEED ? Number(env.PJ_SIM_SPEED) : 1);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`PJ_SIM_SPEED / speed must be a positive number, got ${String(speed)}`);
  return speed;
}

/** Paths the API knows, for 405 (known path, other method) versus 404. */
const KNOWN_PATHS = [
  /^\/smartterminals$/,
  /^\/smartterminals\/[^/]+\/(?:request-payment|request-signature|request-prompt|request-input|main)$/,
  /^\/smartterminals\/requests\/[^/]+$/,
  /^\/terminals$/,
  /^\/transactions(?:\/[^/]+)?$/,
  /^\/webhooks(?:\/[^/]+)?$/,
  /^\/schedules(?:\/[^/]+)?$/,
  /^\/schedules\/[^/]+\/(?:activate|delete)$/,
];

const PAGE_MAX = 50;

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const { credentials, source: credentialsSource } = resolveCredentials(options);
  const speed = resolveSpeed(options);
  const logger = options.logger;
  const clock = new SimClock(speed);
  const webhooks = new WebhookDispatcher(clock, options.webhookLimit ?? 5, logger);
  const transactions = new TransactionStore(clock, (tx) => {
    const terminal = terminalById(tx.terminalId) ?? SIM_TERMINALS[0]!;
    webhooks.emit('TRANSACTION', { transactionId: tx.transactionId }, { accountId: terminal.accountId });
  });
  const publishRequest = (request: SimRequest) => {
    const { status, ...results } = requestState(request);
    webhooks.emit(
      'SMARTTERMINAL_REQUEST',
      { requestId: request.requestId, status, ...results },
      { accountId: request.terminal.accountId, group: request.requestId },
    );
  };
  const terminals = new SmartTerminalEngine(clock, transactions, publishRequest);
  const schedules = new ScheduleStore(clock, transactions);
  const state: SimulatorState = {
    clock,
    terminals,
    transactions,
    schedules,
    webhooks,
    calls: [],
    faults: [],
    pollMinIntervalMs: options.pollMinIntervalMs ?? 500,
  };

  const reset = (options: { subscriptions?: boolean } = {}) => {
    clock.clear();
    webhooks.reset(options);
    terminals.reset();
    transactions.reset();
    schedules.reset();
    state.calls.length = 0;
    state.faults.length = 0;
  };

  const app = new Hono<AppEnv>();
  app.route('/__sim', createControls(state, reset));

  // ─── the API's gatekeeping ──────────────────────────────────────────────────────────────
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/__sim')) return next();
    const url = new URL(c.req.url);
    c.set('baseUrl', url.origin);
    await next();
    const call: CallRecord = {
      method: c.req.method,
      path: url.pathname,
      ...(url.search ? { query: url.search.slice(1) } : {}),
      status: c.res.status,
      at: new Date().toISOString(),
    };
    state.calls.push(call);
    logger?.info({ method: call.method, path: call.path, status: call.status }, 'simulator call');
  });

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/__sim')) return next();
    const fault = takeFault(state.faults, c.req.path);
    if (fault) return faultResponse(c, fault);

    if (!authorized(c.req.header('authorization'), c.req.header('x-pj-application-key'), credentials)) {
      return c.json(errorBody({ message: AUTH_FAILED_MESSAGE }), 401);
    }
    const accept = c.req.header('accept') ?? '';
    if (!/application\/json/i.test(accept)) {
      return c.json(errorBody({ message: 'Not Acceptable: send Accept: application/json.' }), 406);
    }
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text();
    if (body !== '') {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        return c.json(
          errorBody({
            message: 'The request body must be form-encoded (Content-Type: application/x-www-form-urlencoded).',
            type: 'invalid',
          }),
          400,
        );
      }
    }
    c.set('form', new FormParams(body));
    return next();
  });

  // ─── Smart Terminals ────────────────────────────────────────────────────────────────────
  app.get('/smartterminals', (c) =>
    c.json({ results: SIM_DEVICES.map(({ smartTerminalId, serialNumber, nickName, created }) => ({ smartTerminalId, serialNumber, nickName, created })) }),
  );

  app.get('/terminals', (c) => {
    const query = new URL(c.req.url).searchParams;
    const errors: PjErrorItem[] = [];
    const limit = pageParam(query, 'limit', PAGE_MAX, 1, PAGE_MAX, errors);
    const offset = pageParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, errors);
    if (errors.length) throw new PjValidationError(errors);
    const page = (o: number) => `${c.get('baseUrl')}/terminals?limit=${limit}&offset=${o}`;
    return c.json({
      ...(offset + limit < SIM_TERMINALS.length ? { next: page(offset + limit) } : {}),
      ...(offset > 0 ? { prev: page(Math.max(0, offset - limit)) } : {}),
      results: SIM_TERMINALS.slice(offset, offset + limit),
    });
  });

  const startRequest = (kind: RequestKind) => (c: Context<AppEnv>) => {
    const smartTerminalId = c.req.param('smartTerminalId')!;
    if (!terminals.hasDevice(smartTerminalId)) return notFound(c);
    const form = c.get('form');
    const check = new FieldChecker(form);
    const terminal = checkTerminal(check);
    const interruptBusyTerminal = check.boolean('interruptBusyTerminal') ?? false;
    let payment: PaymentDetails | undefined;
    let buttons: string[] | undefined;
    switch (kind) {
      case 'payment': {
        const given: Partial<Amounts> = {};
        for (const field of AMOUNT_FIELDS) {
          const value = check.money(field, { required: field === 'amountBase', positive: field === 'amountBase' });
          if (value !== undefined) given[field] = value;
        }
        const action = check.oneOf('action', ['CHARGE', 'REFUND'] as const) ?? 'CHARGE';
        const showReceiptPrompt = check.boolean('showReceiptPrompt') ?? true;
        check.boolean('showSignaturePrompt');
        check.boolean('showDebitCreditPrompt');
        check.boolean('allowTips');
        check.oneOf('keyed', ['ALLOW'] as const);
        const invoiceNumber = check.optionalText('invoiceNumber', 32);
        const purchaseOrderNumber = check.optionalText('purchaseOrderNumber', 32);
        check.optionalText('note', 2048);
        check.contact('billing');
        check.contact('shipping');
        payment = { action, amounts: withDefaults(given), showReceiptPrompt, invoiceNumber, purchaseOrderNumber };
        break;
      }
      case 'signature':
        check.requiredText('terms', 10_000);
        break;
      case 'prompt': {
        check.requiredText('text', 10_000);
        buttons = form.getAll('buttons[]').map((b) => b.trim());
        if (buttons.length === 0) check.add(required('buttons', FIELD_REQUIRED_MESSAGE));
        else if (buttons.length > 3) check.add(invalid('buttons', 'A prompt can have at most 3 buttons.'));
        else if (buttons.some((b) => b === '' || b.length > 8)) {
          check.add(invalid('buttons', 'Each button label must be 1 to 8 characters.'));
        }
        break;
      }
      case 'input':
        check.oneOf('type', ['PHONE'] as const, { required: true });
        break;
    }
    check.throwIfAny();
    const request = terminals.start({
      kind,
      smartTerminalId,
      terminal: terminal!,
      interruptBusyTerminal,
      ...(payment ? { payment } : {}),
      ...(buttons ? { buttons } : {}),
      baseUrl: c.get('baseUrl'),
    });
    return c.json(kind === 'payment' ? { requestPaymentId: request.requestId } : { requestId: request.requestId }, 200);
  };

  app.post('/smartterminals/:smartTerminalId/request-payment', startRequest('payment'));
  app.post('/smartterminals/:smartTerminalId/request-signature', startRequest('signature'));
  app.post('/smartterminals/:smartTerminalId/request-prompt', startRequest('prompt'));
  app.post('/smartterminals/:smartTerminalId/request-input', startRequest('input'));

  app.post('/smartterminals/:smartTerminalId/main', (c) => {
    const smartTerminalId = c.req.param('smartTerminalId');
    if (!terminals.hasDevice(smartTerminalId)) return notFound(c);
    terminals.returnToMain(smartTerminalId);
    return c.body(null, 204);
  });

  app.get('/smartterminals/requests/:requestId', (c) => {
    const request = terminals.get(c.req.param('requestId'));
    if (!request) return notFound(c);
    const now = Date.now();
    if (request.lastPollAtMs !== undefined && now - request.lastPollAtMs < state.pollMinIntervalMs) {
      return c.json(
        errorBody({ message: `Too many requests: poll a request at most once every ${state.pollMinIntervalMs} ms.` }),
        429,
      );
    }
    request.lastPollAtMs = now;
    return c.json(requestState(request));
  });

  // ─── Transactions ───────────────────────────────────────────────────────────────────────
  app.post('/transactions', (c) => c.json(transactions.createFromForm(c.get('form'), c.get('baseUrl')), 201));

  app.get('/transactions/:transactionId', (c) => {
    const tx = transactions.get(c.req.param('transactionId'));
    return tx ? c.json(tx) : notFound(c);
  });

  app.put('/transactions/:transactionId', (c) => {
    const tx = transactions.get(c.req.param('transactionId'));
    return tx ? c.json(transactions.update(tx, c.get('form'))) : notFound(c);
  });

  // ─── Webhooks ───────────────────────────────────────────────────────────────────────────
  app.post('/webhooks', (c) => {
    const check = new FieldChecker(c.get('form'));
    const event = check.oneOf('event', WEBHOOK_EVENT_TYPES, { required: true });
    const url = checkWebhookUrl(check, true);
    const secret = check.optionalText('secret', 255);
    check.throwIfAny();
    if (webhooks.isFull) {
      return c.json(
        errorBody({ message: `Max webhook limit has been reached: at most ${webhooks.subscriptionLimit} subscriptions per merchant.` }),
        403,
      );
    }
    return c.json(WebhookDispatcher.view(webhooks.add(event!, url!, secret)));
  });

  app.get('/webhooks', (c) => c.json({ results: webhooks.list().map((s) => WebhookDispatcher.view(s)) }));

  app.get('/webhooks/:webhookId', (c) => {
    const sub = webhooks.get(c.req.param('webhookId'));
    return sub ? c.json(WebhookDispatcher.view(sub)) : notFound(c);
  });

  app.put('/webhooks/:webhookId', (c) => {
    const webhookId = c.req.param('webhookId');
    if (!webhooks.get(webhookId)) return notFound(c);
    const form = c.get('form');
    const check = new FieldChecker(form);
    const url = checkWebhookUrl(check, false);
    if (form.has('secret')) check.optionalText('secret', 255);
    check.throwIfAny();
    const sub = webhooks.update(webhookId, {
      ...(url !== undefined ? { url } : {}),
      ...(form.has('secret') ? { secret: form.get('secret')!.trim() } : {}),
    })!;
    return c.json(WebhookDispatcher.view(sub));
  });

  app.delete('/webhooks/:webhookId', (c) => (webhooks.remove(c.req.param('webhookId')) ? c.body(null, 204) : notFound(c)));

  // ─── Schedules ──────────────────────────────────────────────────────────────────────────
  app.post('/schedules', (c) => {
    const result = schedules.create(c.get('form'));
    switch (result.kind) {
      case 'created':
        return c.json(result.schedule, 200);
      case 'declined':
        return c.json({ response: { approved: false, code: result.decision.code } }, 400);
      case 'duplicate':
        return c.json(errorBody({ message: DUPLICATE_SCHEDULE_MESSAGE }), 409);
    }
  });

  app.get('/schedules', (c) => c.json(schedules.list(new URL(c.req.url).searchParams, c.get('baseUrl'))));

  app.get('/schedules/:scheduleId', (c) => {
    const schedule = schedules.get(c.req.param('scheduleId'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  app.put('/schedules/:scheduleId', (c) => {
    const schedule = schedules.update(c.req.param('scheduleId'), c.get('form'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  app.post('/schedules/:scheduleId/activate', (c) => {
    const schedule = schedules.activate(c.req.param('scheduleId'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  app.post('/schedules/:scheduleId/delete', (c) => {
    const schedule = schedules.setStatus(c.req.param('scheduleId'), 'DELETED');
    return schedule ? c.json(schedule) : notFound(c);
  });

  // ─── fallbacks ──────────────────────────────────────────────────────────────────────────
  app.notFound((c) => {
    if (KNOWN_PATHS.some((p) => p.test(c.req.path))) return c.json(errorBody({ message: '405 Method Not Allowed' }), 405);
    return notFound(c);
  });

  app.onError((err, c) => {
    if (err instanceof PjValidationError) return c.json(errorBody(...err.errors), err.status as 400);
    logger?.error({ err: { message: err.message } }, 'simulator error');
    return c.json(errorBody({ message: 'Internal Server Error' }), 500);
  });

  return {
    fetch: async (request: Request) => app.fetch(request),
    state,
    credentials: Object.freeze({ ...credentials }),
    credentialsSource,
    speed,
    reset,
    dispose() {
      clock.dispose();
      webhooks.abortInFlight();
    },
  };
}

function notFound(c: Context): Response {
  return c.json(errorBody({ message: NOT_FOUND_MESSAGE }), 404);
}

/** terminalId: required, and it must name one of the merchant's card accounts. */
function checkTerminal(check: FieldChecker) {
  const raw = check.form.text('terminalId');
  if (raw === undefined) {
    check.add(required('terminalId'));
    return undefined;
  }
  const terminal = terminalById(raw);
  if (!terminal || terminal.type !== 'CARD') {
    check.add(invalid('terminalId', TERMINAL_NOT_FOUND_MESSAGE));
    return undefined;
  }
  return terminal;
}

/** PayJunction wants an HTTPS URL without a port; the simulator also takes http:// and ports. */
function checkWebhookUrl(check: FieldChecker, isRequired: boolean): string | undefined {
  const url = isRequired ? check.requiredText('url', 255) : check.optionalText('url', 255);
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    check.add(invalid('url', 'Url must be a valid http(s) URL.'));
    return undefined;
  }
  return url;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function authorized(authorization: string | undefined, appKey: string | undefined, expected: SimulatorCredentials): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const loginOk = sameSecret(decoded.slice(0, colon), expected.login);
  const passwordOk = sameSecret(decoded.slice(colon + 1), expected.password);
  const keyOk = sameSecret(appKey ?? '', expected.appKey);
  return loginOk && passwordOk && keyOk;
}

function takeFault(faults: ForcedFault[], path: string): ForcedFault | undefined {
  const index = faults.findIndex((f) => f.remaining > 0 && (f.path === undefined || path.startsWith(f.path)));
  if (index < 0) return undefined;
  const fault = faults[index]!;
  fault.remaining--;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault;
}

function faultResponse(c: Context, fault: ForcedFault): Response {
  if (fault.retryAfterSeconds !== undefined) c.header('Retry-After', String(fault.retryAfterSeconds));
  switch (fault.status) {
    case 429:
      return c.json(errorBody({ message: 'Too many requests.' }), 429);
    case 403:
      return c.json(errorBody({ message: 'Rate limit exceeded. Slow down your requests.' }), 403);
    case 500:
      return c.json(errorBody({ message: 'Internal Server Error' }), 500);
  }
}

function pageParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number, errors: PjErrorItem[]): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    errors.push(invalid(name, `${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}.`));
    return fallback;
  }
  return Number(raw);
}

