/**
 * createRelay: the relay server as one object, built from options and the environment. `fetch` is a
 * web-standard handler to mount in any app; `listen` serves it on its own with Node. In simulator mode
 * it loads the PayJunction simulator (only then: production never loads it), starts it in-process on
 * its own port and subscribes to its webhooks over real HTTP, exactly as it would to PayJunction's.
 */
import type { ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { localToday } from '../src/protocol/card.js';
import { PJ_BASE_URLS, PJ_SDK_URLS, PayJunctionClient } from './payjunction/index.js';
import type { AuthorizeTransactionHook, AuthorizeVaultHook, PreparePaymentHook } from './http/deps.js';
import { DEFAULT_LIMITS, type RelayLimits } from './http/limits.js';
import type { AuthorizeHook } from './http/middleware/security.js';
import { MemoryStore } from './relay/memory-store.js';
import { isRedisStore, type RelayStore } from './relay/store.js';
import { Relay, type Delivery, type RelayTimings } from './relay/relay.js';
import { importRedisStore, importRelayHttp } from './relay-packages.js';
import { credentialsFromEnv, listFrom, parseMode, timingsFromEnv, type Credentials, type Mode } from './settings.js';
import { webhookSettings } from './webhook-settings.js';
import type { RunningSimulator } from './simulator/index.js';

export interface RelayServerOptions {
  /** Default: PJ_ENV, else 'simulator'. */
  mode?: Mode;
  /** Default: PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY; required in labs and production. */
  credentials?: Credentials;
  /** Where the relay's routes live. Default '/pj'. */
  basePath?: string;
  /**
   * Verify webhook signatures with this secret. Default PJ_WEBHOOK_SECRET; simulator mode makes one up.
   * In labs and production the relay takes no webhook without it (401), and polls.
   */
  webhookSecret?: string;
  /** The public URL of `{basePath}/webhooks/payjunction` to subscribe at start. Default PJ_WEBHOOK_URL; needs webhookSecret outside the simulator. */
  webhookUrl?: string;
  /** 'auto' (the default): webhooks when they can be subscribed, else polling. PJ_DELIVERY. */
  delivery?: 'auto' | Delivery;
  /**
   * Simulator mode: the in-process simulator's port (PJ_SIMULATOR_PORT, default 8081; 0 = any free
   * port) and clock, or `url` (PJ_SIMULATOR_URL) of a simulator already running on its own, with
   * `webUrl` (PJ_SIMULATOR_WEB_URL), its web origin that serves the look-alike tokenization SDK.
   */
  simulator?: { port?: number; speed?: number; url?: string; webUrl?: string };
  /**
   * The origin that serves the payment fields frame (PJ_FIELDS_ORIGIN), e.g. https://fields.shop.example:
   * the only origin that may post bank numbers, told to pages by GET {basePath}/fields/config.
   */
  fieldsOrigin?: string;
  /**
   * Serve the fields frame on an origin of its own when listen() runs: `port` (PJ_FIELDS_PORT; 0 = any
   * free port; also when PJ_FIELDS_ORIGIN names this machine on a port of its own), `dir` the built
   * frame (default the package's dist/fields). Without listen(), call serveFields().
   */
  fields?: { port?: number; dir?: string };
  /**
   * Accept card and bank account numbers on POST {basePath}/schedules (PJ_ACCEPT_RAW_PAYMENT_NUMBERS=true).
   * Off by default: numbers belong in the fields frame, out of the host page's and this server's reach.
   */
  acceptRawPaymentNumbers?: boolean;
  store?: RelayStore;
  /** Share state with other relay processes through this Redis (default REDIS_URL); ignored when `store` is given. */
  redisUrl?: string;
  /**
   * Production refuses a Redis that keeps nothing over a restart (no AOF, no RDB saves): a restart would
   * lose in-flight payments and idempotency keys. True accepts that. Default: whether PJ_REDIS_ALLOW_VOLATILE is 'true'.
   */
  allowVolatileRedis?: boolean;
  /** Origins other than the relay's own allowed to call it from a browser (PJ_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[];
  /**
   * The origin pages reach the relay at (PJ_PUBLIC_ORIGIN), e.g. https://shop.example. State-changing
   * calls must be addressed to its host or to the address `listen` serves on (DNS-rebinding guard).
   */
  publicOrigin?: string;
  /** Proxies in front of the relay that append to X-Forwarded-For: true = 1, or a number (PJ_TRUST_PROXY). */
  trustProxy?: boolean | number;
  authorize?: AuthorizeHook;
  preparePayment?: PreparePaymentHook;
  authorizeTransaction?: AuthorizeTransactionHook;
  /**
   * Allows a schedule to charge a stored payment method (vaultId) for this call. Without it every
   * vaultId is refused: a page could otherwise bill any customer's stored card.
   */
  authorizeVault?: AuthorizeVaultHook;
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

export interface RelayServer {
  readonly mode: Mode;
  /** How status reaches the relay now (falls back to polling when a webhook subscription fails). */
  readonly delivery: Delivery;
  readonly basePath: string;
  readonly app: Hono;
  readonly relay: Relay;
  /** The PayJunction client the relay calls through (its pacer says how many calls wait). */
  readonly client: PayJunctionClient;
  /** The simulator's URL in simulator mode (in-process or PJ_SIMULATOR_URL). */
  readonly simulatorUrl?: string;
  /** The simulator's web origin (its look-alike SDK), when known. */
  readonly simulatorWebUrl?: string;
  /** The fields frame's origin: PJ_FIELDS_ORIGIN, else where serveFields() listens. */
  readonly fieldsOrigin: string | undefined;
  fetch(request: Request): Response | Promise<Response>;
  /** How many event streams (SSE) are open now. */
  readonly openStreams: number;
  /** Subscribes PayJunction's SMARTTERMINAL_REQUEST webhook to `url`; false (polling stays on) when it cannot. */
  subscribeWebhooks(url: string): Promise<boolean>;
  /**
   * Tells the relay where a host app serves it (when mounted with `fetch` rather than `listen`), so
   * state-changing calls are checked against that Host (DNS rebinding). listen() does this itself.
   */
  servedAt(host: string, port: number): void;
  /** Serves the relay with Node; in simulator mode subscribes the simulator's webhooks to it. */
  listen(options?: { port?: number; host?: string }): Promise<{ url: string; port: number; fieldsUrl?: string }>;
  /**
   * Serves the payment fields frame (its files only, with its CSP) on `port` (default: the `fields`
   * option's), for pages that reach the relay at `relayOrigin`. Refuses to share that origin.
   */
  serveFields(options: { relayOrigin: string; port?: number; host?: string }): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

/** @deprecated use RelayServerOptions; removed in 0.3 */
export type StubOptions = RelayServerOptions;
/** @deprecated use RelayServer; removed in 0.3 */
export type Stub = RelayServer;

/** Where PayJunction is for this mode: its labs or production API, or a simulator (started here unless given by URL). */
async function upstreamFor(
  mode: Mode,
  options: RelayServerOptions,
  env: NodeJS.ProcessEnv,
  credentials: Credentials | undefined,
  logger: Logger,
) {
  if (mode !== 'simulator') return { baseUrl: PJ_BASE_URLS[mode], credentials: credentials!, webUrl: undefined };
  // Loaded here, in simulator mode only: a labs or production relay never loads the simulator.
  const { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } = await import('./simulator/index.js');
  const externalSimulator = options.simulator?.url ?? env.PJ_SIMULATOR_URL;
  // A simulator of its own process (npm run simulator) outlives relay restarts.
  const simulator: RunningSimulator | undefined = externalSimulator
    ? undefined
    : await startSimulator({
        port: options.simulator?.port ?? Number(env.PJ_SIMULATOR_PORT ?? 8081),
        ...(options.simulator?.speed !== undefined ? { speed: options.simulator.speed } : {}),
        ...(credentials ? { credentials } : {}),
        // The relay's own webhook URL is http://127.0.0.1:<port>: PayJunction would refuse it.
        allowHttpWebhooks: true,
        logger: logger.child({ component: 'simulator' }),
      });
  return {
    baseUrl: externalSimulator ?? simulator!.url,
    credentials: credentials ?? DEFAULT_SIMULATOR_CREDENTIALS,
    simulator,
    webUrl: simulator?.webUrl ?? (options.simulator?.webUrl || env.PJ_SIMULATOR_WEB_URL || undefined),
  };
}

/** The store: the one given, a Redis (refused in production when it keeps nothing over a restart), or memory. */
async function openStore(
  mode: Mode,
  options: RelayServerOptions,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<RelayStore> {
  const redisUrl = options.redisUrl ?? env.REDIS_URL;
  const store =
    options.store ??
    (redisUrl
      ? await (await importRedisStore()).RedisStore.connect(redisUrl, { logger: logger.child({ component: 'redis' }) })
      : new MemoryStore());
  if (isRedisStore(store) && store.persistence === 'none') {
    const allowed = options.allowVolatileRedis ?? env.PJ_REDIS_ALLOW_VOLATILE === 'true';
    const problem =
      'REDIS_URL points at a Redis without persistence (appendonly no, no RDB saves): a Redis restart loses ' +
      'in-flight payments and idempotency keys, so a retried payment could be charged twice.';
    if (mode === 'production' && !allowed) {
      if (!options.store) await store.close();
      throw new Error(
        `${problem} Turn on appendonly yes, or set PJ_REDIS_ALLOW_VOLATILE=true to accept losing in-flight payments on a Redis restart.`,
      );
    }
    logger.warn(`${problem} Turn on appendonly yes for production.`);
  }
  return store;
}

export async function createRelay(options: RelayServerOptions = {}): Promise<RelayServer> {
  // hono, @hono/node-server and pino (optional peer dependencies), and what needs them.
  const {
    FieldsOrigin,
    clientKeyFrom,
    createLogger,
    createRelayApp,
    listenHosts,
    openStreams,
    originOf,
    sameOriginError,
    serveRelay,
    trustProxyFrom,
  } = await importRelayHttp();
  const env = options.env ?? process.env;
  const mode = options.mode ?? parseMode(env.PJ_ENV);
  const logger = options.logger ?? createLogger();
  const basePath = options.basePath ?? '/pj';
  const trustProxy = options.trustProxy ?? trustProxyFrom(env.PJ_TRUST_PROXY);
  const fromEnv = credentialsFromEnv(env);
  const givenCredentials = options.credentials ?? fromEnv.credentials;
  if (mode !== 'simulator' && !givenCredentials) {
    throw new Error(
      `${mode} mode needs PayJunction API credentials: set ${fromEnv.missing.join(', ')} ` +
        `(from PayJunction's ${mode === 'labs' ? 'labs' : 'production'} account), or pass credentials to createRelay.`,
    );
  }

  // Before anything listens: a webhook URL PayJunction would refuse, or webhooks without a secret, are
  // mistakes to fix, not reasons to poll quietly.
  const { webhookUrl, delivery, webhookSecret } = webhookSettings(mode, options, env);

  // Read through getters: without PJ_FIELDS_ORIGIN the frame's origin is known once serveFields() listens.
  const fields = new FieldsOrigin(
    { ...options.fields, ...(options.fieldsOrigin ? { origin: options.fieldsOrigin } : {}) },
    env,
  );
  const publicOrigin = options.publicOrigin ?? env.PJ_PUBLIC_ORIGIN;
  fields.check(publicOrigin);
  const { baseUrl, credentials, simulator, webUrl } = await upstreamFor(mode, options, env, givenCredentials, logger);
  const sdkUrl = mode === 'simulator' ? webUrl && `${webUrl.replace(/\/+$/, '')}/trinity/js/sdk.js` : PJ_SDK_URLS[mode];
  const client = new PayJunctionClient({
    baseUrl,
    ...credentials,
    minIntervalMs: options.minIntervalMs ?? 100,
    ...(options.upstreamTimeoutMs !== undefined ? { timeoutMs: options.upstreamTimeoutMs } : {}),
    logger: logger.child({ component: 'payjunction' }),
  });

  let store: RelayStore;
  try {
    store = await openStore(mode, options, env, logger);
  } catch (err) {
    await simulator?.close(); // a wrong REDIS_URL must not leave the in-process simulator listening
    throw err;
  }
  // Several processes on one Redis share PayJunction's pace per integration, not one pace each.
  if (isRedisStore(store)) client.pacer.shareTurns(store.paceTurns(credentials));
  const relay = new Relay({
    upstream: client,
    store,
    delivery,
    ...(options.terminalId !== undefined ? { terminalId: options.terminalId } : {}),
    timings: { ...timingsFromEnv(env), ...options.timings },
    logger: logger.child({ component: 'relay' }),
    fields: {
      ...(sdkUrl ? { sdkUrl } : {}),
      get fieldsOrigin() {
        return fields.origin;
      },
      acceptRawPaymentNumbers: options.acceptRawPaymentNumbers ?? env.PJ_ACCEPT_RAW_PAYMENT_NUMBERS === 'true',
    },
  });
  if (mode === 'production' && !options.authorize) {
    logger.warn(
      'No authorize hook: anyone who can reach this relay can start payments. Pass authorize to createRelay.',
    );
  }

  let server: ServerType | undefined;
  let hosts: string[] | undefined;
  const allowedOrigins = options.allowedOrigins ?? listFrom(env.PJ_ALLOWED_ORIGINS);
  const app = createRelayApp({
    basePath,
    relay,
    store,
    logger: logger.child({ component: 'http' }),
    mode,
    ...(options.preparePayment ? { preparePayment: options.preparePayment } : {}),
    ...(options.authorizeTransaction ? { authorizeTransaction: options.authorizeTransaction } : {}),
    ...(options.authorizeVault ? { authorizeVault: options.authorizeVault } : {}),
    ...(options.authorize ? { authorize: options.authorize } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    sse: { heartbeatMs: options.sse?.heartbeatMs ?? 15_000, retryMs: options.sse?.retryMs ?? 2_000 },
    clientKey: clientKeyFrom(trustProxy),
    today: () => localToday(),
    allowedOrigins,
    ...(publicOrigin ? { publicOrigin } : {}),
    get fieldsOrigin() {
      return fields.origin;
    },
    // Known once listen() has a port; mounted with fetch only, the host app's Host is unknown.
    allowedHosts: () => hosts,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
  });

  const subscribeWebhooks = (url: string) => relay.subscribeWebhooks(url, webhookSecret);
  const serveFields: RelayServer['serveFields'] = (serve) => fields.serve({ ...serve, sdkUrl, allowedOrigins });
  if (webhookUrl && delivery === 'webhooks') await subscribeWebhooks(webhookUrl);

  return {
    mode,
    get delivery() {
      return relay.delivery;
    },
    basePath,
    app,
    relay,
    client,
    ...(mode === 'simulator' ? { simulatorUrl: baseUrl } : {}),
    ...(webUrl ? { simulatorWebUrl: webUrl } : {}),
    get fieldsOrigin() {
      return fields.origin;
    },
    fetch: (request) => app.fetch(request),
    get openStreams() {
      return openStreams(app);
    },
    subscribeWebhooks,
    serveFields,
    servedAt(host, port) {
      hosts = listenHosts(host, port);
    },
    async listen(listenOptions = {}) {
      const host = listenOptions.host ?? '127.0.0.1';
      if (fields.port !== undefined && fields.port !== 0 && fields.port === listenOptions.port) {
        throw sameOriginError(originOf(host, fields.port));
      }
      const port = await new Promise<number>((resolve, reject) => {
        // Webhook deliveries are taken by the Node listener before Hono (http/node-webhooks.ts).
        server = serveRelay(app, { port: listenOptions.port ?? 8080, hostname: host }, (info) => resolve(info.port));
        server.once('error', reject);
      });
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      hosts = listenHosts(host, port);
      let fieldsUrl: string | undefined;
      if (fields.port !== undefined) {
        try {
          ({ url: fieldsUrl } = await serveFields({ relayOrigin: publicOrigin ?? originOf(host, port), host }));
        } catch (err) {
          await closeServer(server);
          server = undefined;
          const taken = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
          if (!taken) throw err;
          throw new Error(`port ${fields.port} (the payment fields') is in use: set PJ_FIELDS_PORT to a free port.`, {
            cause: err,
          });
        }
      }
      // Simulator mode: the simulator delivers to us on loopback, as PayJunction would to PJ_WEBHOOK_URL.
      if (!webhookUrl && mode === 'simulator' && delivery === 'webhooks') {
        await subscribeWebhooks(`${url}${basePath}/webhooks/payjunction`);
      }
      return { url, port, ...(fieldsUrl ? { fieldsUrl } : {}) };
    },
    async close() {
      await relay.close();
      await closeServer(server);
      await fields.close();
      await simulator?.close();
      await store.close();
    },
  };
}

function closeServer(server: ServerType | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    // Open EventSource streams would otherwise hold the server open.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

/** @deprecated use createRelay; removed in 0.3 */
export const createStub: (options?: RelayServerOptions) => Promise<RelayServer> = createRelay;
