/**
 * The relay's HTTP layer: a Hono app whose `fetch` is a web-standard handler, so it mounts in any
 * framework that speaks Request/Response. Order matters: errors and CORS wrap everything; webhook
 * intake and health sit before the page-facing gate (PayJunction has no session and no Origin).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { RelayError } from '../relay/errors.js';
import type { RouteDeps } from './deps.js';
import type { RelayLimits } from './limits.js';
import { notFoundHandler, relayErrorHandler } from './middleware/errors.js';
import {
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
import { requestRoutes } from './routes/requests.js';
import { scheduleRoutes } from './routes/schedules.js';
import { terminalRoutes } from './routes/terminals.js';
import { transactionRoutes } from './routes/transactions.js';
import { webhookIntakeOn, webhookRoutes } from './routes/webhooks.js';

export { DEFAULT_LIMITS, type RelayLimits } from './limits.js';

export interface RelayAppOptions extends RouteDeps, OriginPolicy {
  basePath: string;
  authorize?: AuthorizeHook;
  limits: RelayLimits;
  logger: Logger;
}

const tooLarge = () => {
  throw new RelayError(413, 'body_too_large', 'The request is too large.');
};

export function createRelayApp(options: RelayAppOptions): Hono {
  const { limits } = options;
  // Webhooks that are refused never arrive: the relay must poll, and health must say so.
  if (!webhookIntakeOn(options) && options.relay.delivery === 'webhooks') options.relay.delivery = 'polling';
  const app = new Hono().basePath(options.basePath.replace(/\/+$/, '') || '/');
  app.onError(relayErrorHandler(options.logger));
  app.notFound(notFoundHandler);

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
  // By hand, not hono/secure-headers: its defaults (HSTS, CORP, …) would become policy for a host app that mounts the relay.
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.use('/webhooks/*', bodyLimit({ maxSize: limits.webhookBodyBytes, onError: tooLarge }));
  app.route('/', webhookRoutes(options));
  app.route('/', healthRoutes(options));

  app.use('*', hostCheck(options, options.logger));
  app.use('*', originCheck(options));
  app.use('*', authorizeRequests(options.authorize, options));
  app.use('*', bodyLimit({ maxSize: limits.jsonBodyBytes, onError: tooLarge }));
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
  app.route('/', requestRoutes(options));
  app.route('/', eventRoutes(options));
  app.route('/', transactionRoutes(options));
  app.route('/', scheduleRoutes(options));
  app.route('/', fieldsRoutes(options));
  return app;
}
