/**
 * The gate in front of every API call, outermost first: the call log, forced faults (like a rate
 * limiter in front of the API), the global rate limit per integration (429 with Retry-After), HTTP
 * Basic + application key (401), Accept (406 only when it excludes JSON), then the body,
 * which must be form-encoded (400) and is parsed once for the routes. Test controls (/__sim) pass.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { AUTH_FAILED_MESSAGE, errorBody } from '../errors.js';
import type { SimulatorCredentials } from '../fixtures.js';
import { FormParams } from '../form.js';
import type { SimLogger } from '../logger.js';
import type { CallRecord, ForcedFault, SimulatorState } from '../state.js';
import type { AppEnv } from './env.js';

/** Records every API call (its final status included) in the call log and the logger. */
export function callLog(state: SimulatorState, logger: SimLogger | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
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
  };
}

/** Forced faults, authentication, Accept and the body format; sets `form` for the routes. */
export function admission(state: SimulatorState, credentials: SimulatorCredentials): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/__sim')) return next();
    const fault = takeFault(state.faults, c.req.path);
    if (fault) return faultResponse(c, fault);
    const { rateLimit } = state.settings;
    const waitMs = state.rateLimiter.take(integrationOf(c), rateLimit);
    if (waitMs !== undefined && rateLimit) {
      // Whole seconds, as HTTP's delay-seconds are: a client that honours it is surely under the limit.
      c.header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
      return c.json(
        errorBody({ message: `Too many requests: at most one request per ${rateLimit.intervalMs} ms.` }),
        429,
      );
    }

    if (!authorized(c.req.header('authorization'), c.req.header('x-pj-application-key'), credentials)) {
      return c.json(errorBody({ message: AUTH_FAILED_MESSAGE }), 401);
    }
    if (!acceptsJson(c.req.header('accept'))) {
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
  };
}

/**
 * Whether an Accept header lets the answer be JSON. None at all is fine: PayJunction's own curl
 * examples send none (e.g. https://developer.payjunction.com/hc/en-us/articles/216477407); so are
 * `*\/*` and `application/*`. Only a header that names other types (or JSON with q=0) is refused.
 */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) return false;
    return type === 'application/json' || type === 'application/*' || type === '*/*';
  });
}

/** The integration a call belongs to for the rate limit: the API login and application key it presents. */
function integrationOf(c: Context): string {
  const match = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const login = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
  return `${login}\n${c.req.header('x-pj-application-key') ?? ''}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares hashes in constant time, so the answer's timing tells nothing about the secret. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function authorized(
  authorization: string | undefined,
  appKey: string | undefined,
  expected: SimulatorCredentials,
): boolean {
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
