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
