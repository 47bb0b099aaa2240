/**
 * The relay's gatekeepers, as Hono middleware factories with defaulted options: CORS allow-list,
 * Host and Origin checks on state-changing calls, the host's authorize hook, and per-client rate limits.
 */
import { networkInterfaces } from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Logger } from 'pino';
import { RelayError } from '../../relay/errors.js';
import type { RelayStore } from '../../relay/store.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The headers on every answer of the relay. By hand, not hono/secure-headers: its defaults (HSTS,
 * CORP, …) would become policy for a host app that mounts the relay.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export interface OriginPolicy {
  /** Origins other than the relay's own that may call it from a browser. Empty: same origin only. */
  allowedOrigins: readonly string[];
  /** The relay's public origin when it sits behind a proxy that rewrites Host (e.g. https://shop.example). */
  publicOrigin?: string;
  /**
   * The Host values (host:port) the relay answers state-changing calls at, besides publicOrigin's.
   * A function because the port is known only once the relay listens; undefined while unknown.
   */
  allowedHosts?: () => readonly string[] | undefined;
  /**
   * The payment fields frame's origin: allowed (with CORS) on the fields routes only, where the frame
   * reads its config and posts a bank account.
   */
  fieldsOrigin?: string;
}

/** The routes the fields frame calls from its own origin. */
const FIELDS_PATH = /\/fields\/(?:config|ach-vault)$/;

function isFieldsCall(c: Context, origin: string, policy: OriginPolicy): boolean {
  return origin === policy.fieldsOrigin && FIELDS_PATH.test(c.req.path);
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
    origin: (origin, c) =>
      origin &&
      (policy.allowedOrigins.includes(origin) || isFieldsCall(c, origin, policy)) &&
      origin !== ownOrigin(c, policy)
        ? origin
        : null,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key', 'Last-Event-ID', 'Authorization'],
    exposeHeaders: ['Retry-After'],
    credentials: true,
    maxAge: 600,
  });
}

/** What `listen()` answers at: the loopback names, and the bound address (every interface's for 0.0.0.0 / ::). */
export function listenHosts(host: string, port: number): string[] {
  const withPort = (address: string) => `${address.includes(':') ? `[${address}]` : address}:${port}`;
  const addresses = new Set(['127.0.0.1', 'localhost', '::1']);
  if (host === '0.0.0.0' || host === '::' || host === '') {
    for (const list of Object.values(networkInterfaces()))
      for (const i of list ?? []) addresses.add(i.address.replace(/%.*$/, ''));
  } else {
    addresses.add(host);
  }
  return [...addresses].map(withPort);
}

/** Host values as browsers send them: lower case; the default port of the public origin may be written or not. */
function ownHosts(policy: OriginPolicy): Set<string> | undefined {
  const listening = policy.allowedHosts?.();
  if (!listening && !policy.publicOrigin) return undefined;
  const hosts = new Set((listening ?? []).map((h) => h.toLowerCase()));
  if (policy.publicOrigin) {
    const url = new URL(policy.publicOrigin);
    hosts.add(url.host.toLowerCase());
    hosts.add(`${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`.toLowerCase());
  }
  return hosts;
}

/**
 * Refuses state-changing calls addressed to a Host that is not the relay's own. Against DNS
 * rebinding: a page of evil.example whose name now resolves to the relay's address is "same origin"
 * by its Origin header, but its Host is still evil.example. The Origin check alone cannot see that,
 * because without publicOrigin the relay's own origin is read from Host. Mounted in another app,
 * without listen or publicOrigin, the relay cannot know its host: it allows any, and says so once.
 */
export function hostCheck(policy: OriginPolicy, logger: Pick<Logger, 'warn'>): MiddlewareHandler {
  let warned = false;
  return async (c, next) => {
    if (STATE_CHANGING.has(c.req.method)) {
      const hosts = ownHosts(policy);
      if (!hosts) {
        if (!warned) {
          warned = true;
          logger.warn(
            'The relay cannot check the Host of calls (mounted without PJ_PUBLIC_ORIGIN): set PJ_PUBLIC_ORIGIN ' +
              '(publicOrigin) to the origin pages use, e.g. https://shop.example, to refuse DNS-rebinding attacks.',
          );
        }
      } else {
        const host = (c.req.header('Host') ?? new URL(c.req.url).host).trim().toLowerCase();
        if (!hosts.has(host)) {
          throw new RelayError(
            403,
            'host_not_allowed',
            `The payment relay does not answer at "${host.slice(0, 100)}". If pages reach it under this name, ` +
              'set PJ_PUBLIC_ORIGIN to that origin (e.g. https://shop.example).',
          );
        }
      }
    }
    await next();
  };
}

/**
 * Refuses state-changing calls from pages of other origins. Browsers always send Origin on such
 * calls; a call without one comes from a non-browser client (curl, a server), which the authorize
 * hook governs, unless Sec-Fetch-Site says a cross-site page sent it. Not hono/csrf: it checks only
 * form content types (a JSON POST would pass) and refuses every caller without an Origin.
 */
export function originCheck(policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    if (STATE_CHANGING.has(c.req.method)) {
      const origin = c.req.header('Origin');
      if (origin !== undefined) {
        if (!isAllowedOrigin(c, origin, policy) && !isFieldsCall(c, origin, policy)) {
          throw new RelayError(
            403,
            'origin_not_allowed',
            'This page’s origin is not allowed to use the payment relay.',
          );
        }
      } else if (c.req.header('Sec-Fetch-Site') === 'cross-site') {
        throw new RelayError(403, 'origin_not_allowed', 'Cross-site calls to the payment relay are not allowed.');
      }
    }
    await next();
  };
}

export type AuthorizeHook = (request: Request) => boolean | Promise<boolean>;

/**
 * The host's own login decides who may use the relay (a session cookie, a bearer token…). Except the
 * fields frame's bank account: the frame, on another origin, carries no session of the page; it
 * carries instead the ticket the page read from GET /fields/config (behind this hook), which the
 * route checks (relay/fields.ts).
 */
export function authorizeRequests(authorize: AuthorizeHook | undefined, policy: OriginPolicy): MiddlewareHandler {
  return async (c, next) => {
    const fromFrame = c.req.method === 'POST' && isFieldsCall(c, c.req.header('Origin') ?? '', policy);
    if (authorize && c.req.method !== 'OPTIONS' && !fromFrame && !(await authorize(c.req.raw))) {
      throw new RelayError(401, 'unauthorized', 'Sign in to use payments.');
    }
    await next();
  };
}

export type ClientKeyFn = (c: Context) => string;

/**
 * The caller's address. Without trusted proxies: the socket's peer. With `trustProxy` hops (true =
 * 1): each trusted proxy appends the address it received the call from to X-Forwarded-For, so the
 * client is the entry `hops` from the right. Entries left of it are whatever the client sent, which
 * it can make up (and rotate to escape the rate limit), so they are never used.
 */
export function clientKeyFrom(trustProxy: boolean | number): ClientKeyFn {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  return (c) => {
    if (hops > 0) {
      const forwarded = (c.req.header('X-Forwarded-For') ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      // Fewer entries than hops: the farthest one there is (the first proxy saw the client directly).
      const client = forwarded[Math.max(0, forwarded.length - hops)];
      if (client) return client;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown'; // mounted in a runtime without Node's socket
    }
  };
}

/** PJ_TRUST_PROXY: unset or false = 0 hops, true = 1, or a number of proxy hops. */
export function trustProxyFrom(value: string | undefined): number {
  const raw = (value ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return 0;
  if (raw === 'true') return 1;
  if (/^\d+$/.test(raw)) return Number(raw);
  throw new Error(
    `PJ_TRUST_PROXY must be true, false or the number of proxies in front of the relay (1, 2…), not "${value}".`,
  );
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
      throw new RelayError(429, 'rate_limited', 'Too many requests. Wait a moment and try again.', {
        retryAfterSeconds,
      });
    }
    await next();
  };
}
