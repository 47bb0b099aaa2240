/**
 * The relay's settings from the environment, in one place, with the documented defaults
 * (README, "Settings"). Everything here can also be passed to createRelay directly.
 */
export type Mode = 'simulator' | 'labs' | 'production';

export interface Credentials {
  login: string;
  password: string;
  appKey: string;
}

export function parseMode(value: string | undefined, fallback: Mode = 'simulator'): Mode {
  if (value === undefined || value === '') return fallback;
  if (value === 'simulator' || value === 'labs' || value === 'production') return value;
  throw new Error(`Unknown mode "${value}": use simulator, labs or production.`);
}

/** The mode named by the environment variable `name` (PJ_ENV), with an error that names it. */
export function modeFrom(env: NodeJS.ProcessEnv, name: string, fallback: Mode = 'simulator'): Mode {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'simulator' || value === 'labs' || value === 'production') return value;
  throw new Error(`${name} must be simulator, labs or production, not "${value}".`);
}

/** The port in the environment variable `name` (PORT, PJ_SIMULATOR_PORT), or `fallback` when it is unset. */
export function portFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || port > 65535)
    throw new Error(`${name} must be a port number (0 to 65535), not "${raw}".`);
  return port;
}

/**
 * Why labs or production cannot start, for a person at a terminal: which credentials are missing and
 * the whole command that fixes it (`command` is how they started it, e.g. `PJ_ENV=labs npm start`).
 */
export function missingCredentialsMessage(
  mode: Exclude<Mode, 'simulator'>,
  missing: string[],
  command: string,
): string {
  return (
    `${mode} mode needs PayJunction API credentials: set ${missing.join(', ')} ` +
    `(from your PayJunction ${mode === 'labs' ? 'labs (sandbox)' : 'production'} account), e.g.\n` +
    `  PJ_API_LOGIN=… PJ_API_PASSWORD=… PJ_APP_KEY=… ${command}`
  );
}

/** The credentials in PJ_API_LOGIN, PJ_API_PASSWORD and PJ_APP_KEY, or the names of the missing ones. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): {
  credentials?: Credentials;
  missing: string[];
} {
  const names = ['PJ_API_LOGIN', 'PJ_API_PASSWORD', 'PJ_APP_KEY'] as const;
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) return { missing };
  return {
    credentials: { login: env.PJ_API_LOGIN!, password: env.PJ_API_PASSWORD!, appKey: env.PJ_APP_KEY! },
    missing,
  };
}

function numberFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of milliseconds, not "${raw}".`);
  return value;
}

/** Relay timings from PJ_POLL_INITIAL_DELAY_MS, PJ_POLL_INTERVAL_MS, PJ_WEBHOOK_SILENCE_MS, PJ_WEBHOOK_FIRST_MS, PJ_REQUEST_TIMEOUT_MS… */
export function timingsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const timings: Record<string, number> = {};
  const map = {
    pollInitialDelayMs: 'PJ_POLL_INITIAL_DELAY_MS',
    pollIntervalMs: 'PJ_POLL_INTERVAL_MS',
    webhookSilenceMs: 'PJ_WEBHOOK_SILENCE_MS',
    webhookFirstMs: 'PJ_WEBHOOK_FIRST_MS',
    requestTimeoutMs: 'PJ_REQUEST_TIMEOUT_MS',
    lateWatchMs: 'PJ_LATE_WATCH_MS',
    doubtWindowMs: 'PJ_DOUBT_WINDOW_MS',
    attemptLeaseMs: 'PJ_ATTEMPT_LEASE_MS',
  } as const;
  for (const [key, name] of Object.entries(map)) {
    const value = numberFrom(env, name);
    if (value !== undefined) timings[key] = value;
  }
  return timings;
}

export function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * An origin (scheme, host, port; no path), e.g. PJ_FIELDS_ORIGIN, or undefined when unset. `name`
 * names the setting in the error.
 */
export function originFrom(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== value.trim().replace(/\/$/, '')) {
    throw new Error(`${name} must be an origin such as https://fields.shop.example (no path), not "${value}".`);
  }
  return url.origin;
}
