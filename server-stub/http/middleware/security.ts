/**
 * The relay's gatekeepers, as Hono middleware factories with defaulted options: CORS allow-list,
 * Origin check on state-changing calls, the host's authorize hook, and per-client rate limits.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RelayError } from '../../relay/errors.js';
import type { RelayStore } from '../../relay/store.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface OriginPolicy {
  /** Origins other than the relay's own that may call it from a browser. Empty: same origin only. */
  allowedOrigins: readonly string[];
  /** The relay's public origin when it sits behind a proxy that rewrites Host (e.g. https://shop.example). */
  publicOrigin?: string;
}

function ownOrigin(c: Context, policy: OriginPolicy): string {
  return policy.publicOrigin ?? new URL(c.req.url).origin;
}

function isAllowedOrigin(c: Context, origin: string, policy: OriginPolicy): boolean {
  return origin === ownOrigin(c, policy) || policy.allowedOrigins.includes(origin);
}

/** CORS for allow-listed origins only; same-origin pages need no CORS at all. */
export function corsAllowList(policy: OriginPolicy): MiddlewareHandler {
  return cors({
    origin: (origin, c) => (origin && policy.allowedOrigins.includes(origin) && origin !== ownOrigin(c, policy) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'Authorization'],
    exposeHeaders: ['Retry-After'],
    credentials: true,
    maxAge: 600,
  });
}

/**
 * Refuses state-changing calls from pages of other origins. Browsers always send Origin on such
 * calls; a call without one comes from a non-browser client (curl, a server), which the authorize
 * hook governs, unless Sec-Fetch-Site says a cross-site page sent it.
 */
export function originCheck(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (STATE_CHANGING.has(c.req.method)) {
      const origin = c.req.header('Origin');
      if (origin !== undefined) {
        if (!isAllowedOrigin(c, origin, policy)) {
          throw new RelayError(403, 'origin_not_allowed', 'This page’s origin is not allowed to use the payment relay.');
        }
      } else if (c.req.header('Sec-Fetch-Site') === 'cross-site') {
        throw new RelayError(403, 'origin_not_allowed', 'Cross-site calls to the payment relay are not allowed.');
      }
    }
    await next();
  };
}

export type AuthorizeHook = (request: Request) => boolean | Promise<boolean>;

/** The host's own login decides who may use the relay (a session cookie, a bearer token…). */
export function authorizeRequests(authorize: AuthorizeHook | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (authorize && c.req.method !== 'OPTIONS' && !(await authorize(c.req.raw))) {
      throw new RelayError(401, 'unauthorized', 'Sign in to use payments.');
    }
    await next();
  };
}

export type ClientKeyFn = (c: Context) => string;

/** The caller's address: X-Forwarded-For only when the host says a trusted proxy sets it. */
export function clientKeyFrom(trustProxy: boolean): ClientKeyFn {
  return (c) => {
    if (trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // mounted in a runtime without Node's socket
    }
  };
}

export interface RateLimitOptions {
  /** Calls allowed per client per window. */
  max: number;
  windowMs: number;
  /** A name that keeps separate limits apart (payments vs lookups). */
  bucket: string;
}

/** A fixed-window limit per client, counted in the store so several processes share it. */
export function rateLimit(store: RelayStore, clientKey: ClientKeyFn, options: RateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const window = Math.floor(Date.now() / options.windowMs);
    const count = await store.hit(`rl:${options.bucket}:${clientKey(c)}:${window}`, options.windowMs);
    if (count > options.max) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * options.windowMs - Date.now()) / 1000));
      throw new RelayError(429, 'rate_limited', 'Too many requests. Wait a moment and try again.', { retryAfterSeconds });
    }
    await next();
  };
}
