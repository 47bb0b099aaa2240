/**
 * The request loop every PayJunction call goes through: credentials and headers, the global pace,
 * timeouts, retries, and PayJunction's answers turned into values or PayJunctionErrors. The endpoint
 * methods (client.ts) only describe each call (method, path, body, how it may be retried).
 *
 * What it guarantees:
 * - HTTP Basic is sent on the first request (no 401 challenge round-trip, which would count against
 *   the rate limit), with X-PJ-Application-Key, PJ-Version and Accept: application/json.
 * - Every attempt waits for its turn on a global pace (default 1 request / 100 ms).
 * - 429 and rate-limit 403 are retried after Retry-After, or exponential backoff with jitter.
 *   Idempotent calls are also retried after network errors, timeouts and 5xx. Calls that create
 *   something (a payment on a terminal, a schedule, a webhook) are retried only when PayJunction
 *   certainly did not act on them: a payment must reach the terminal at most once.
 * - No credential can reach an error or a log line: the Authorization header is built per attempt
 *   inside `#attempt` and errors are built only from status, body, method and path.
 */
import { scrubText } from '../scrub.js';
import { PayJunctionError, kindForStatus, parseErrorItems, parsePreauthDecline, parseRetryAfter } from './errors.js';
import type { PayJunctionErrorInit, PayJunctionErrorKind } from './errors.js';
import { FORM_CONTENT_TYPE, encodeForm } from './form.js';
import { Pacer } from './pace.js';
import type { PjCallOptions } from './types.js';

/** The API version we are written against: the `surcharge` object (https://developer.payjunction.com/hc/en-us/articles/216477437). */
export const DEFAULT_PJ_VERSION = '2023-05-16';

/** The part of a pino logger the client uses. */
export interface PjLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PayJunctionClientOptions {
  /** PJ_BASE_URLS.labs, PJ_BASE_URLS.production, or the simulator's URL. */
  baseUrl: string;
  login: string;
  password: string;
  appKey: string;
  /** PJ-Version header; default DEFAULT_PJ_VERSION. */
  apiVersion?: string;
  /** Minimum gap between request starts, for every call of this client; default 100. */
  minIntervalMs?: number;
  /** A pacer shared with other clients of the same integration (then minIntervalMs is ignored). */
  pacer?: Pacer;
  /** Per attempt, covering the response body too; default 15000. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 3. */
  maxRetries?: number;
  /** Backoff without Retry-After: this delay, doubling per retry, plus up to 50 % jitter; default 500. */
  retryInitialDelayMs?: number;
  /** Cap of the backoff delay; default 8000. */
  retryMaxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error is thrown with retryAfterMs; default 60000. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  /** Waits before a retry (Retry-After or backoff); tests pass one that records the wait. Default: a timer. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  logger?: PjLogger;
}

/** One PayJunction call, as an endpoint method describes it. */
export interface CallSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with every id already encoded; no query. */
  path: string;
  body?: object;
  /**
   * When a failed attempt may be repeated:
   * - 'idempotent': repeating it cannot do anything twice (GET, PUT, state transitions): retried
   *   after rate limits, network errors, timeouts and 5xx;
   * - 'creates': PayJunction may have acted once the request was sent: retried only after 429,
   *   rate-limit 403 or a refused connection (nothing was sent).
   */
  retry: 'idempotent' | 'creates';
  /** POST /schedules: a 400 `{response:{approved:false}}` is a pre-authorization decline. */
  preauth?: boolean;
  /** 'none': the body (if any) is ignored, e.g. 204 No Content. */
  expect: 'json' | 'none';
  /** A read no payment waits for: queued after payments, polls and cancels unless the caller says otherwise. */
  low?: true;
}

type AttemptResult =
  { ok: true; value: unknown; status: number } | { ok: false; error: PayJunctionError; retryable: boolean };

const NO_LOGGER: PjLogger = { debug() {}, info() {}, warn() {} };

/** Marks our own per-attempt timeout, to tell it apart from the caller's abort. */
const TIMEOUT = Symbol('timeout');

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorCode(err: unknown): string | undefined {
  // undici: TypeError('fetch failed') with cause { code: 'ECONNREFUSED' } (possibly an AggregateError).
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export class PayJunctionTransport {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly pacer: Pacer;
  readonly #credentials: { readonly login: string; readonly password: string; readonly appKey: string };
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly #logger: PjLogger;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #retryInitialDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #maxRetryAfterMs: number;

  constructor(options: PayJunctionClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new TypeError('PayJunctionClient: baseUrl is not a URL');
    }
    if (url.username || url.password) {
      // fetch refuses such URLs, and the URL would carry a secret into logs: say so without echoing it.
      throw new TypeError('PayJunctionClient: baseUrl must not contain credentials; pass login and password');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError('PayJunctionClient: baseUrl must be http(s)');
    }
    for (const key of ['login', 'password', 'appKey'] as const) {
      if (typeof options[key] !== 'string' || options[key] === '') {
        throw new TypeError(`PayJunctionClient: ${key} is required`);
      }
    }
    this.baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    this.apiVersion = options.apiVersion ?? DEFAULT_PJ_VERSION;
    this.pacer = options.pacer ?? new Pacer(options.minIntervalMs ?? 100);
    this.#credentials = { login: options.login, password: options.password, appKey: options.appKey };
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#sleep = options.sleep ?? sleep;
    this.#logger = options.logger ?? NO_LOGGER;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#retryInitialDelayMs = options.retryInitialDelayMs ?? 500;
    this.#retryMaxDelayMs = options.retryMaxDelayMs ?? 8_000;
    this.#maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  }

  /** Never the credentials. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, apiVersion: this.apiVersion };
  }

  async call<T>(spec: CallSpec, options: PjCallOptions = {}): Promise<T> {
    const { signal } = options;
    const priority = options.priority ?? (spec.low ? 'low' : 'high');
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pacer.acquire(signal, priority);
      } catch (err) {
        if (err instanceof PayJunctionError) {
          this.#logger.warn(
            { method: spec.method, path: spec.path, attempt, kind: err.kind },
            'payjunction call not sent: too many calls waiting',
          );
        }
        throw err;
      }
      const started = performance.now();
      const result = await this.#attempt(spec, attempt, signal);
      const line = {
        method: spec.method,
        path: spec.path,
        attempt,
        durationMs: Math.round(performance.now() - started),
      };

      if (result.ok) {
        this.#logger.debug({ ...line, status: result.status }, 'payjunction call');
        return result.value as T;
      }
      const { error } = result;
      const logFields = { ...line, status: error.status, kind: error.kind };
      const wait = error.retryAfterMs ?? this.#backoff(attempt);
      const retry =
        result.retryable &&
        attempt <= this.#maxRetries &&
        (error.retryAfterMs === undefined || error.retryAfterMs <= this.#maxRetryAfterMs);
      if (!retry) {
        this.#logger.info(logFields, 'payjunction call failed');
        throw error;
      }
      this.#logger.warn({ ...logFields, retryInMs: wait }, 'payjunction call retried');
      await this.#sleep(wait, signal);
    }
  }

  #backoff(attempt: number): number {
    const base = Math.min(this.#retryMaxDelayMs, this.#retryInitialDelayMs * 2 ** (attempt - 1));
    return Math.round(Math.min(this.#retryMaxDelayMs, base + Math.random() * base * 0.5));
  }

  /** Replaces any credential a server might echo back (PayJunction does not; a proxy might), and card numbers. */
  #redact(text: string): string {
    let out = scrubText(text);
    const { login, password, appKey } = this.#credentials;
    const basic = Buffer.from(`${login}:${password}`).toString('base64');
    for (const secret of [basic, password, appKey, login]) {
      if (secret.length >= 4) out = out.split(secret).join('[redacted]');
    }
    return out;
  }

  async #attempt(spec: CallSpec, attempt: number, signal: AbortSignal | undefined): Promise<AttemptResult> {
    const url = `${this.baseUrl}${spec.path}`;
    const body = spec.body === undefined ? undefined : encodeForm(spec.body);
    const { login, password, appKey } = this.#credentials;
    // Built here, for this attempt only, and handed to fetch: nothing an error can reach holds it.
    const headers: Record<string, string> = {
      Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
      'X-PJ-Application-Key': appKey,
      'PJ-Version': this.apiVersion,
      Accept: 'application/json',
      'User-Agent': 'pj-elements',
    };
    if (body !== undefined) headers['Content-Type'] = FORM_CONTENT_TYPE;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMEOUT), this.#timeoutMs);
    const onCallerAbort = () => controller.abort(signal!.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    else signal?.addEventListener('abort', onCallerAbort, { once: true });

    const fail = (
      kind: PayJunctionErrorKind,
      status: number,
      detail: string,
      retryable: boolean,
      extra: Partial<PayJunctionErrorInit> = {},
    ): AttemptResult => ({
      ok: false,
      retryable,
      error: new PayJunctionError({
        kind,
        status,
        message: this.#redact(`PayJunction ${spec.method} ${spec.path}: ${detail}`),
        method: spec.method,
        path: spec.path,
        attempts: attempt,
        ...extra,
      }),
    });

    let status = 0;
    let responseHeaders: Headers | undefined;
    let text: string;
    try {
      const response = await this.#fetch(url, {
        method: spec.method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: controller.signal,
        // A redirect would be PayJunction misconfigured or an intercepting proxy: do not follow it
        // with our Authorization header.
        redirect: 'manual',
      });
      status = response.status;
      responseHeaders = response.headers;
      text = await response.text();
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const idempotent = spec.retry === 'idempotent';
      if (controller.signal.aborted && controller.signal.reason === TIMEOUT) {
        // The request may have been received and acted on: only an idempotent call is repeated.
        return fail('timeout', 0, `no response within ${this.#timeoutMs} ms`, idempotent);
      }
      const code = errorCode(err);
      if (status !== 0) {
        // The response started but its body broke off: PayJunction acted.
        return fail('network', 0, `response from PayJunction broke off (${code ?? 'error'})`, idempotent);
      }
      // A refused connection or an unknown host means nothing was sent, so even a payment may be retried.
      const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
      return fail('network', 0, `could not reach PayJunction (${code ?? 'fetch failed'})`, idempotent || notSent, {
        notSent,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }

    let parsed: unknown;
    let parseFailed = false;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parseFailed = true;
      }
    }

    if (status >= 200 && status < 300) {
      if (spec.expect === 'none') return { ok: true, value: undefined, status };
      if (parseFailed || parsed === undefined)
        return fail('server', status, `${status} with a body that is not JSON`, false);
      return { ok: true, value: parsed, status };
    }

    const errors = parseErrorItems(parsed).map((item) => ({ ...item, message: this.#redact(item.message) }));
    let kind = kindForStatus(status, errors);
    const extra: Partial<PayJunctionErrorInit> = { errors };
    let detail: string;
    const decline = spec.preauth && status === 400 ? parsePreauthDecline(parsed) : undefined;
    if (decline) {
      kind = 'preauth_declined';
      extra.decline = { ...decline, ...(decline.message ? { message: this.#redact(decline.message) } : {}) };
      detail = `${status} pre-authorization declined (code ${decline.code})`;
    } else if (status >= 300 && status < 400) {
      detail = `${status} unexpected redirect`;
    } else {
      const summary = errors
        .map((item) => (item.parameter ? `${item.message} (${item.parameter})` : item.message))
        .join('; ');
      detail = `${status} ${summary || (parseFailed ? 'with a body that is not JSON' : 'error')}`;
    }
    if (kind === 'rate_limited' || status === 503) {
      const retryAfterMs = parseRetryAfter(responseHeaders?.get('retry-after'));
      if (retryAfterMs !== undefined) extra.retryAfterMs = retryAfterMs;
    }
    const retryable = kind === 'rate_limited' || (status >= 500 && spec.retry === 'idempotent');
    return fail(kind, status, detail, retryable, extra);
  }
}
