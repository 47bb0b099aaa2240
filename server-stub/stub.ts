/**
 * createStub: the relay as one object. `fetch` is a web-standard handler to mount in any app;
 * `listen` serves it on its own with Node. In simulator mode it starts the PayJunction simulator
 * in-process on its own port and subscribes to the simulator's webhooks over real HTTP, exactly as
 * it would subscribe to PayJunction's.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { localToday } from '../src/protocol/card.js';
import { createLogger } from './log.js';
import { PJ_BASE_URLS, PayJunctionClient, PayJunctionError } from './payjunction/index.js';
import { DEFAULT_LIMITS, createRelayApp, type RelayLimits } from './http/app.js';
import type { AuthorizeTransactionHook, PreparePaymentHook } from './http/deps.js';
import { clientKeyFrom, type AuthorizeHook } from './http/middleware/security.js';
import { MemoryStore } from './relay/memory-store.js';
import { RedisStore } from './relay/redis-store.js';
import { Relay, describeError, type Delivery, type RelayTimings } from './relay/relay.js';
import type { RelayStore } from './relay/store.js';
import { credentialsFromEnv, listFrom, parseMode, timingsFromEnv, type Credentials, type Mode } from './settings.js';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from './simulator/index.js';

export interface StubOptions {
  /** Default: PJ_ENV, else 'simulator'. */
  mode?: Mode;
  /** Default: PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY; required in labs and production. */
  credentials?: Credentials;
  /** Where the relay's routes live. Default '/pj'. */
  basePath?: string;
  /** Verify webhook signatures with this secret. Default PJ_WEBHOOK_SECRET; simulator mode makes one up. */
  webhookSecret?: string;
  /** The public URL of `{basePath}/webhooks/payjunction` to subscribe at start. Default PJ_WEBHOOK_URL. */
  webhookUrl?: string;
  /** 'auto' (the default): webhooks when they can be subscribed, else polling. PJ_DELIVERY. */
  delivery?: 'auto' | Delivery;
  /**
   * Simulator mode: the in-process simulator's port (PJ_SIMULATOR_PORT, default 8081; 0 = any free
   * port) and clock, or `url` (PJ_SIMULATOR_URL) of a simulator already running on its own.
   */
  simulator?: { port?: number; speed?: number; url?: string };
  store?: RelayStore;
  /** Share state with other relay processes through this Redis (default REDIS_URL); ignored when `store` is given. */
  redisUrl?: string;
  /** Origins other than the relay's own allowed to call it from a browser (PJ_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[];
  publicOrigin?: string;
  trustProxy?: boolean;
  authorize?: AuthorizeHook;
  preparePayment?: PreparePaymentHook;
  authorizeTransaction?: AuthorizeTransactionHook;
  /** The merchant account (numeric terminalId) for Smart Terminal requests. Default: the first enabled card account. */
  terminalId?: number;
  timings?: Partial<RelayTimings>;
  limits?: Partial<RelayLimits>;
  sse?: { heartbeatMs?: number; retryMs?: number };
  logger?: Logger;
  /** The PayJunction client's global pace (ms between calls). Default 100. */
  minIntervalMs?: number;
  /** How long one PayJunction call may take, body included, before its answer counts as lost. Default 15000. */
  upstreamTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface Stub {
  readonly mode: Mode;
  /** How status reaches the relay now (falls back to polling when a webhook subscription fails). */
  readonly delivery: Delivery;
  readonly basePath: string;
  readonly app: Hono;
  readonly relay: Relay;
  readonly client: PayJunctionClient;
  /** The simulator's URL in simulator mode (in-process or PJ_SIMULATOR_URL). */
  readonly simulatorUrl?: string;
  fetch(request: Request): Response | Promise<Response>;
  /** Subscribes PayJunction's SMARTTERMINAL_REQUEST webhook to `url`; false (polling stays on) when it cannot. */
  subscribeWebhooks(url: string): Promise<boolean>;
  /** Serves the relay with Node; in simulator mode subscribes the simulator's webhooks to it. */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export async function createStub(options: StubOptions = {}): Promise<Stub> {
  const env = options.env ?? process.env;
  const mode = options.mode ?? parseMode(env.PJ_ENV);
  const logger = options.logger ?? createLogger();
  const basePath = options.basePath ?? '/pj';
  const fromEnv = credentialsFromEnv(env);
  let credentials = options.credentials ?? fromEnv.credentials;
  if (mode !== 'simulator' && !credentials) {
    throw new Error(
      `${mode} mode needs PayJunction API credentials: set ${fromEnv.missing.join(', ')} ` +
        `(from PayJunction's ${mode === 'labs' ? 'labs' : 'production'} account), or pass credentials to createStub.`,
    );
  }

  let simulator: Awaited<ReturnType<typeof startSimulator>> | undefined;
  let baseUrl: string;
  if (mode === 'simulator') {
    const externalSimulator = options.simulator?.url ?? env.PJ_SIMULATOR_URL;
    if (externalSimulator) {
      // A simulator of its own process (npm run simulator): it outlives relay restarts.
      baseUrl = externalSimulator;
    } else {
      simulator = await startSimulator({
        port: options.simulator?.port ?? Number(env.PJ_SIMULATOR_PORT ?? 8081),
        ...(options.simulator?.speed !== undefined ? { speed: options.simulator.speed } : {}),
        ...(credentials ? { credentials } : {}),
        logger: logger.child({ component: 'simulator' }),
      });
      baseUrl = simulator.url;
    }
    credentials ??= DEFAULT_SIMULATOR_CREDENTIALS;
  } else {
    baseUrl = PJ_BASE_URLS[mode];
  }

  const client = new PayJunctionClient({
    baseUrl,
    ...credentials!,
    minIntervalMs: options.minIntervalMs ?? 100,
    ...(options.upstreamTimeoutMs !== undefined ? { timeoutMs: options.upstreamTimeoutMs } : {}),
    logger: logger.child({ component: 'payjunction' }),
  });

  const requestedDelivery = options.delivery ?? ((env.PJ_DELIVERY as StubOptions['delivery']) || 'auto');
  const webhookUrl = options.webhookUrl ?? env.PJ_WEBHOOK_URL;
  // In simulator mode we can always receive webhooks (the simulator calls us on loopback).
  const delivery: Delivery =
    requestedDelivery === 'polling' ? 'polling' : mode === 'simulator' || webhookUrl || requestedDelivery === 'webhooks' ? 'webhooks' : 'polling';
  let webhookSecret = options.webhookSecret ?? env.PJ_WEBHOOK_SECRET;
  if (delivery === 'webhooks' && !webhookSecret) {
    if (mode === 'simulator') webhookSecret = randomBytes(32).toString('hex');
    else logger.warn('PJ_WEBHOOK_SECRET is not set: webhook deliveries cannot be verified. Set it in labs and production.');
  }

  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  let store: RelayStore;
  try {
    store = options.store ?? (redisUrl ? await RedisStore.connect(redisUrl, { logger: logger.child({ component: 'redis' }) }) : new MemoryStore());
  } catch (err) {
    await simulator?.close(); // a wrong REDIS_URL must not leave the in-process simulator listening
    throw err;
  }
  const relay = new Relay({
    upstream: client,
    store,
    delivery,
    ...(options.terminalId !== undefined ? { terminalId: options.terminalId } : {}),
    timings: { ...timingsFromEnv(env), ...options.timings },
    logger: logger.child({ component: 'relay' }),
  });
  if (mode === 'production' && !options.authorize) {
    logger.warn('No authorize hook: anyone who can reach this relay can start payments. Pass authorize to createStub.');
  }

  const app = createRelayApp({
    basePath,
    relay,
    upstream: client,
    store,
    logger: logger.child({ component: 'http' }),
    mode,
    ...(options.preparePayment ? { preparePayment: options.preparePayment } : {}),
    ...(options.authorizeTransaction ? { authorizeTransaction: options.authorizeTransaction } : {}),
    ...(options.authorize ? { authorize: options.authorize } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    sse: { heartbeatMs: options.sse?.heartbeatMs ?? 15_000, retryMs: options.sse?.retryMs ?? 2_000 },
    clientKey: clientKeyFrom(options.trustProxy ?? env.PJ_TRUST_PROXY === 'true'),
    today: () => localToday(),
    allowedOrigins: options.allowedOrigins ?? listFrom(env.PJ_ALLOWED_ORIGINS),
    ...(options.publicOrigin ?? env.PJ_PUBLIC_ORIGIN ? { publicOrigin: (options.publicOrigin ?? env.PJ_PUBLIC_ORIGIN)! } : {}),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  });

  let server: ServerType | undefined;

  async function subscribeWebhooks(url: string): Promise<boolean> {
    try {
      const existing = (await client.listWebhooks()).results.find(
        (w) => w.url === url && w.events.includes('SMARTTERMINAL_REQUEST'),
      );
      if (existing) {
        await client.updateWebhook(existing.webhookId, { url, secret: webhookSecret ?? '' });
      } else {
        await client.createWebhook({ event: 'SMARTTERMINAL_REQUEST', url, ...(webhookSecret ? { secret: webhookSecret } : {}) });
      }
      logger.info({ url }, 'subscribed to SMARTTERMINAL_REQUEST webhooks');
      relay.delivery = 'webhooks';
      return true;
    } catch (err) {
      const limit = err instanceof PayJunctionError && err.kind === 'forbidden';
      logger.warn(
        { url, err: describeError(err) },
        limit ? 'webhook subscription limit reached; polling instead' : 'webhook subscription failed; polling instead',
      );
      relay.delivery = 'polling';
      return false;
    }
  }

  if (webhookUrl && delivery === 'webhooks') await subscribeWebhooks(webhookUrl);

  const stub: Stub = {
    mode,
    get delivery() {
      return relay.delivery;
    },
    basePath,
    app,
    relay,
    client,
    ...(mode === 'simulator' ? { simulatorUrl: baseUrl } : {}),
    fetch: (request) => app.fetch(request),
    subscribeWebhooks,
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      const port = await new Promise<number>((resolve, reject) => {
        server = serve({ fetch: app.fetch, port: listenOptions.port ?? 8080, hostname: host }, (info: AddressInfo) => resolve(info.port));
        server.once('error', reject);
      });
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      // Simulator mode: the simulator delivers to us on loopback, as PayJunction would to PJ_WEBHOOK_URL.
      if (!webhookUrl && mode === 'simulator' && delivery === 'webhooks') {
        await subscribeWebhooks(`${url}${basePath}/webhooks/payjunction`);
      }
      return { url, port };
    },
    async close() {
      await relay.close();
      if (server) {
        const s = server;
        await new Promise<void>((resolve) => {
          s.close(() => resolve());
          (s as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
      }
      await simulator?.close();
      await store.close();
    },
  };
  return stub;
}
