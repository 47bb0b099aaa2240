/**
 * The relay's HTTP layer: a Hono app whose `fetch` is a web-standard handler, so it mounts in any
 * framework that speaks Request/Response. Order matters: webhook intake comes first, ahead of every
 * middleware (PayJunction has no session and no Origin; its signature is its authority); then errors,
 * the access log and CORS wrap everything; health sits before the page-facing gate.
 */
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { RouteDeps } from './deps.js';
import type { RelayLimits } from './limits.js';
import { cheapBodyLimit } from './middleware/body-limit.js';
import { notFoundHandler, relayErrorHandler } from './middleware/errors.js';
import {
  SECURITY_HEADERS,
  authorizeRequests,
  corsAllowList,
  hostCheck,
  originCheck,
  rateLimit,
  type AuthorizeHook,
  type OriginPolicy,
} from './middleware/security.js';
import { eventRoutes } from './routes/events.js';
import { fieldsRoutes } from './routes/fields.js';
import { healthRoutes } from './routes/health.js';
import { paymentRoutes } from './routes/payments.js';
import { createStreams, type Streams } from './request-watch.js';
import { requestRoutes } from './routes/requests.js';
import { scheduleRoutes } from './routes/schedules.js';
import { terminalRoutes } from './routes/terminals.js';
import { transactionRoutes } from './routes/transactions.js';
import { webhookRoutes } from './routes/webhooks.js';
import { webhookIntakeOn } from './webhook-intake.js';
import { registerNodeIntake } from './node-webhooks.js';

export { DEFAULT_LIMITS, type RelayLimits } from './limits.js';

export interface RelayAppOptions extends RouteDeps, OriginPolicy {
  basePath: string;
  authorize?: AuthorizeHook;
  limits: RelayLimits;
  logger: Logger;
}

const streamsOf = new WeakMap<Hono, Streams>();

/** How many event streams of this app are open: a closed one must leave none behind. */
export function openStreams(app: Hono): number {
  return streamsOf.get(app)?.heartbeats.size ?? 0;
}

export function createRelayApp(options: RelayAppOptions): Hono {
  const { limits } = options;
  // Webhooks that are refused never arrive: the relay must poll, and health must say so.
  if (!webhookIntakeOn(options) && options.relay.delivery === 'webhooks') options.relay.delivery = 'polling';
  const app = new Hono().basePath(options.basePath.replace(/\/+$/, '') || '/');
  app.onError(relayErrorHandler(options.logger));
  app.notFound(notFoundHandler);
  // Ahead of every middleware: a delivery needs only its body limit and its signature (routes/webhooks.ts).
  app.route('/', webhookRoutes(options, limits.webhookBodyBytes));
  // listen() takes them on Node's listener, before Hono (node-webhooks.ts); the route above serves `fetch`.
  registerNodeIntake(app, {
    path: `${options.basePath.replace(/\/+$/, '')}/webhooks/payjunction`,
    deps: options,
    maxBodyBytes: limits.webhookBodyBytes,
  });

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Paths carry request and transaction ids, never card data; query strings are not logged.
    options.logger.info(
      {
        method: c.req.method,
        path: new URL(c.req.url).pathname,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'http',
    );
  });
  app.use('*', corsAllowList(options));
  app.use('*', async (c, next) => {
    await next();
    for (const name in SECURITY_HEADERS) c.header(name, SECURITY_HEADERS[name]);
  });

  app.route('/', healthRoutes(options));

  app.use('*', hostCheck(options, options.logger));
  app.use('*', originCheck(options));
  app.use('*', authorizeRequests(options.authorize, options));
  app.use('*', cheapBodyLimit(limits.jsonBodyBytes));
  const posts = rateLimit(options.store, options.clientKey, {
    bucket: 'post',
    max: limits.postsPerMinute,
    windowMs: 60_000,
  });
  app.use('*', async (c, next) => (c.req.method === 'POST' ? posts(c, next) : next()));
  app.use(
    '/transactions/*',
    rateLimit(options.store, options.clientKey, { bucket: 'lookup', max: limits.lookupsPerMinute, windowMs: 60_000 }),
  );

  app.route('/', terminalRoutes(options));
  app.route('/', paymentRoutes(options));
  // One heartbeat timer and one feed per watched request, shared by both stream routes.
  const streams = createStreams(options.relay, options.sse);
  streamsOf.set(app, streams);
  app.route('/', requestRoutes(options, streams));
  app.route('/', eventRoutes(options, streams));
  app.route('/', transactionRoutes(options));
  app.route('/', scheduleRoutes(options));
  app.route('/', fieldsRoutes(options));
  return app;
}
