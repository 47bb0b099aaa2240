/**
 * createSimulator: the simulated PayJunction API as a Hono app (a web-standard fetch handler). It
 * builds the simulated world (state.ts), mounts the test controls under /__sim, the gate every API
 * call passes (routes/gate.ts), one route group per PayJunction resource, and the fallbacks: 404 for
 * an unknown path, 405 for a known path with another method, 400 for a validation failure. The
 * simulated web origin (the SDK and its tokens, web-origin.ts) is a second handler on the same world.
 */
import { Hono } from 'hono';
import { SimClock } from './clock.js';
import { CustomerStore } from './customers.js';
import { errorBody, PjValidationError } from './errors.js';
import type { SimulatorCredentials } from './fixtures.js';
import { SIM_TERMINALS, terminalById } from './fixtures.js';
import type { CredentialsSource, SimulatorOptions } from './options.js';
import { resolveAllowHttpWebhooks, resolveCredentials, resolveRateLimit, resolveSpeed } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { controlRoutes } from './routes/controls.js';
import { customerRoutes } from './routes/customers.js';
import type { AppEnv } from './routes/env.js';
import { notFound } from './routes/env.js';
import { admission, callLog } from './routes/gate.js';
import { publishableKeyRoutes } from './routes/publishablekeys.js';
import { scheduleRoutes } from './routes/schedules.js';
import { smartTerminalRoutes } from './routes/smartterminals.js';
import { terminalRoutes } from './routes/terminals.js';
import { transactionRoutes } from './routes/transactions.js';
import { webhookRoutes } from './routes/webhooks.js';
import { ScheduleStore } from './schedules.js';
import type { ResetWorld, SimSettings, SimulatorState } from './state.js';
import type { SimRequest } from './terminals.js';
import { requestState, SmartTerminalEngine } from './terminals.js';
import { TokenStore } from './tokens.js';
import { TransactionStore } from './transactions.js';
import { createWebOrigin } from './web-origin.js';
import { WebhookDispatcher } from './webhooks.js';

export interface Simulator {
  fetch(request: Request): Promise<Response>;
  /** The simulated web origin (the SDK script and its tokens endpoint), served on its own port. */
  readonly web: { fetch(request: Request): Promise<Response> };
  readonly state: SimulatorState;
  readonly credentials: Readonly<SimulatorCredentials>;
  readonly credentialsSource: CredentialsSource;
  readonly speed: number;
  /**
   * Back to the initial fixture: no requests, transactions, schedules, customers, created vaults,
   * tokens or faults. The merchant's configuration stays unless asked: webhook subscriptions
   * (`subscriptions`) and publishable keys (`publishableKeys`).
   */
  reset: ResetWorld;
  /** Clears every timer and aborts deliveries in flight. */
  dispose(): void;
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
  /^\/publishablekeys$/,
  /^\/customers(?:\/[^/]+)?$/,
  /^\/customers\/[^/]+\/vaults(?:\/[^/]+)?$/,
];

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const { credentials, source: credentialsSource } = resolveCredentials(options);
  const speed = resolveSpeed(options);
  const logger = options.logger;
  const initialSettings = settingsFrom(options);
  const state = createWorld(speed, options, { ...initialSettings });
  const { clock, webhooks } = state;

  const reset: ResetWorld = (resetOptions = {}) => {
    clock.clear();
    webhooks.reset(resetOptions);
    state.terminals.reset();
    state.transactions.reset();
    state.schedules.reset();
    state.customers.reset();
    state.tokens.reset();
    if (resetOptions.publishableKeys) state.tokens.removeKeys();
    state.calls.length = 0;
    state.faults.length = 0;
    state.rateLimiter.reset();
    Object.assign(state.settings, initialSettings);
  };

  const app = new Hono<AppEnv>();
  app.route('/__sim', controlRoutes(state, reset));
  app.use('*', callLog(state, logger));
  app.use('*', admission(state, credentials));
  app.route('/smartterminals', smartTerminalRoutes(state));
  app.route('/terminals', terminalRoutes());
  app.route('/transactions', transactionRoutes(state));
  app.route('/webhooks', webhookRoutes(state));
  app.route('/schedules', scheduleRoutes(state));
  app.route('/publishablekeys', publishableKeyRoutes(state));
  app.route('/customers', customerRoutes(state));

  app.notFound((c) => {
    if (KNOWN_PATHS.some((p) => p.test(c.req.path)))
      return c.json(errorBody({ message: '405 Method Not Allowed' }), 405);
    return notFound(c);
  });

  app.onError((err, c) => {
    if (err instanceof PjValidationError) return c.json(errorBody(...err.errors), 400);
    logger?.error({ err: { message: err.message } }, 'simulator error');
    return c.json(errorBody({ message: 'Internal Server Error' }), 500);
  });

  const web = createWebOrigin(state, logger);

  return {
    fetch: async (request: Request) => app.fetch(request),
    web: { fetch: async (request: Request) => web.fetch(request) },
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

/** The run-time settings as the options (or the environment) set them. */
function settingsFrom(options: SimulatorOptions): SimSettings {
  return {
    allowHttpWebhooks: resolveAllowHttpWebhooks(options),
    rateLimit: resolveRateLimit(options),
    duplicateCheck: options.duplicateCheck ?? true,
    reuseEventIds: options.reuseEventIds ?? false,
  };
}

/** The engines, wired so that every transaction and request change becomes a webhook event. */
function createWorld(speed: number, options: SimulatorOptions, settings: SimSettings): SimulatorState {
  const clock = new SimClock(speed);
  const webhooks = new WebhookDispatcher(clock, options.webhookLimit ?? 5, settings, options.logger);
  const transactions = new TransactionStore(clock, settings, (tx) => {
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
  const customers = new CustomerStore(clock);
  const schedules = new ScheduleStore(clock, transactions, customers);
  return {
    settings,
    rateLimiter: new RateLimiter(clock),
    clock,
    terminals,
    transactions,
    schedules,
    webhooks,
    customers,
    tokens: new TokenStore(clock),
    calls: [],
    faults: [],
    pollMinIntervalMs: options.pollMinIntervalMs ?? 500,
  };
}
