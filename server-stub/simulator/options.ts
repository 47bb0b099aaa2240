/** createSimulator's options, and where its credentials and clock speed come from when not given. */
import type { SimulatorCredentials } from './fixtures.js';
import { DEFAULT_SIMULATOR_CREDENTIALS } from './fixtures.js';
import type { SimLogger } from './logger.js';

export interface SimulatorOptions {
  /** 0 = a free port (startSimulator only). */
  port?: number;
  /** Default '127.0.0.1' (startSimulator only). */
  host?: string;
  /** The simulated web origin's port (the SDK and its tokens); 0 = a free port (startSimulator only). */
  webPort?: number;
  /** Default: env PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY, else DEFAULT_SIMULATOR_CREDENTIALS. */
  credentials?: SimulatorCredentials;
  /** Clock factor: every PayJunction delay is divided by it. Default env PJ_SIM_SPEED, else 1. */
  speed?: number;
  /** Webhook subscriptions per merchant. Default 5. */
  webhookLimit?: number;
  /** Per-requestId polling limit in real milliseconds (NOT scaled by speed). Default 500. */
  pollMinIntervalMs?: number;
  logger?: SimLogger;
  /**
   * Accept `http://` webhook URLs to a loopback host (any port), so a local relay can receive
   * deliveries. PayJunction takes only HTTPS without a port. Default: env PJ_SIM_ALLOW_HTTP_WEBHOOKS=1,
   * else false.
   */
  allowHttpWebhooks?: boolean;
  /**
   * PayJunction's global rate limit, per integration (API login + application key), real time:
   * `{ intervalMs, burst }`, or false to turn it off (tests and benches whose PayJunction client does
   * not pace itself). Default env PJ_SIM_RATE_LIMIT_MS (0 = off), else 100 ms with a burst of 2.
   */
  rateLimit?: RateLimitSetting | false;
  /** DT for a repeat of the same card, amount and invoice number within 10 minutes. Default true. */
  duplicateCheck?: boolean;
  /** Every webhook event of one Smart Terminal request carries the same id, as PayJunction's examples do. Default false. */
  reuseEventIds?: boolean;
}

export interface RateLimitSetting {
  /** Real milliseconds per request, sustained. */
  intervalMs: number;
  /** Requests that may come at once before the interval applies. */
  burst: number;
}

/** About one request per 100 ms (https://developer.payjunction.com/hc/en-us/articles/115004486847); the burst is a guess. */
export const DEFAULT_RATE_LIMIT: RateLimitSetting = Object.freeze({ intervalMs: 100, burst: 2 });

export function resolveAllowHttpWebhooks(options: SimulatorOptions, env: NodeJS.ProcessEnv = process.env): boolean {
  return options.allowHttpWebhooks ?? env.PJ_SIM_ALLOW_HTTP_WEBHOOKS === '1';
}

export function resolveRateLimit(
  options: SimulatorOptions,
  env: NodeJS.ProcessEnv = process.env,
): RateLimitSetting | false {
  if (options.rateLimit !== undefined) return options.rateLimit === false ? false : { ...options.rateLimit };
  const raw = env.PJ_SIM_RATE_LIMIT_MS;
  if (raw === undefined || raw.trim() === '') return { ...DEFAULT_RATE_LIMIT };
  const intervalMs = Number(raw);
  if (!Number.isFinite(intervalMs) || intervalMs < 0)
    throw new Error(`PJ_SIM_RATE_LIMIT_MS must be a number of milliseconds ≥ 0, got ${raw}`);
  return intervalMs === 0 ? false : { intervalMs, burst: DEFAULT_RATE_LIMIT.burst };
}

export type CredentialsSource = 'options' | 'env' | 'default';

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
  if (!Number.isFinite(speed) || speed <= 0)
    throw new Error(`PJ_SIM_SPEED / speed must be a positive number, got ${String(speed)}`);
  return speed;
}
