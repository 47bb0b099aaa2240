/**
 * What `npm run labs:check` runs against and with what: the same variables the relay reads
 * (PJ_API_LOGIN, PJ_API_PASSWORD, PJ_APP_KEY, PJ_ENV, PJ_WEBHOOK_URL), plus PJ_API_BASE_URL (another
 * API address, e.g. a simulator's) and PJ_LABS_TERMINAL; and the flags. Anything that keeps it from
 * running is one message naming what to set, and exit code 2.
 */
import { parseArgs } from 'node:util';
import { compareMoney, moneyProblem, normalizeMoney } from '../../src/protocol/money.js';
import { PJ_BASE_URLS } from '../payjunction/index.js';
import { credentialsFromEnv, type Credentials } from '../settings.js';

/** Where PayJunction says to get a labs (sandbox) account and its API credentials. */
export const LABS_CREDENTIALS_PAGE = 'https://developer.payjunction.com/hc/en-us/articles/216477397';
/** Without --i-mean-it, --charge refuses more than this (a decimal string, compared exactly). */
export const CHARGE_LIMIT = '1.00';
export const DEFAULT_TIMEOUT_S = 120;

export interface LabsCheckConfig {
  baseUrl: string;
  /** 'labs' or 'production' from PJ_ENV, or 'custom' when PJ_API_BASE_URL names another address. */
  target: 'labs' | 'production' | 'custom';
  credentials: Credentials;
  /** A Smart Terminal's id or nickname (--terminal, else PJ_LABS_TERMINAL). */
  terminal?: string;
  /** The amount of the terminal payment to make and void (--charge), normalized ("0.01"). */
  charge?: string;
  webhookUrl?: string;
  json: boolean;
  timeoutMs: number;
}

export type ConfigResult = { ok: true; config: LabsCheckConfig } | { ok: false; help?: true; message: string };

export const USAGE = `Usage: npm run labs:check -- [--terminal <id or nickname>] [--charge 0.01 [--i-mean-it]] [--json] [--timeout <seconds>]

  --terminal   the Smart Terminal to show a prompt on (else PJ_LABS_TERMINAL; without either, the
               terminals are listed and the prompt is skipped)
  --charge     also make a real terminal payment of this amount on it and void it (at most ${CHARGE_LIMIT}
               unless --i-mean-it; in production always needs --i-mean-it)
  --json       print the report as JSON (progress still goes to stderr)
  --timeout    how long to wait for the person at the terminal, per request (default ${DEFAULT_TIMEOUT_S})`;

const VARIABLES: [name: string, what: string][] = [
  ['PJ_API_LOGIN', 'the API login of your PayJunction API credential (not a person’s sign-in)'],
  ['PJ_API_PASSWORD', 'that API credential’s password'],
  ['PJ_APP_KEY', 'your application key (X-PJ-Application-Key); labs and production keys differ'],
];

/** Names each missing variable, what it is, and where labs credentials come from. */
export function missingCredentialsText(missing: readonly string[]): string {
  const lines = [
    `labs:check needs PayJunction API credentials; missing: ${missing.join(', ')}.`,
    '',
    ...VARIABLES.map(([name, what]) => `  ${name.padEnd(16)} ${what}${missing.includes(name) ? '  (missing)' : ''}`),
    `  ${'PJ_ENV'.padEnd(16)} labs (the default here) or production`,
    `  ${'PJ_WEBHOOK_URL'.padEnd(16)} optional: an https URL without a port, to check a webhook subscription`,
    `  ${'PJ_API_BASE_URL'.padEnd(16)} optional: another API address (e.g. the simulator's), instead of PJ_ENV's`,
    '',
    `Labs (sandbox) credentials: register for an application key and activate the PayJunctionLabs.com`,
    `account PayJunction gives you, as described at ${LABS_CREDENTIALS_PAGE} ;`,
    'then, signed in to labs as an administrator, More → API Credentials makes an API login and password.',
    '',
    '  PJ_API_LOGIN=… PJ_API_PASSWORD=… PJ_APP_KEY=… PJ_ENV=labs npm run labs:check',
  ];
  return lines.join('\n');
}

function fail(message: string): ConfigResult {
  return { ok: false, message };
}

function baseUrlFrom(env: NodeJS.ProcessEnv): { baseUrl: string; target: LabsCheckConfig['target'] } | string {
  const override = env.PJ_API_BASE_URL?.trim();
  if (override) {
    let url: URL;
    try {
      url = new URL(override);
    } catch {
      return `PJ_API_BASE_URL must be a URL such as https://api.payjunctionlabs.com, not "${override}".`;
    }
    if (url.username || url.password)
      return 'PJ_API_BASE_URL must not contain credentials: use PJ_API_LOGIN and PJ_API_PASSWORD.';
    if (!/^https?:$/.test(url.protocol)) return `PJ_API_BASE_URL must be an http(s) URL, not "${override}".`;
    return { baseUrl: override, target: 'custom' };
  }
  const mode = env.PJ_ENV || 'labs';
  if (mode === 'labs' || mode === 'production') return { baseUrl: PJ_BASE_URLS[mode], target: mode };
  if (mode === 'simulator')
    return 'PJ_ENV=simulator: set PJ_API_BASE_URL to the simulator’s URL (npm run simulator prints it).';
  return `PJ_ENV must be labs or production, not "${mode}".`;
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        terminal: { type: 'string' },
        charge: { type: 'string' },
        'i-mean-it': { type: 'boolean' },
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) return { ok: false, help: true, message: USAGE };

  const target = baseUrlFrom(env);
  if (typeof target === 'string') return fail(target);

  let charge: string | undefined;
  if (values.charge !== undefined) {
    const raw = String(values.charge).trim();
    if (moneyProblem(raw, { positive: true })) {
      return fail(
        `--charge must be an amount more than 0 written like 0.01 (digits, at most 2 decimals), not "${raw}".`,
      );
    }
    charge = normalizeMoney(raw);
    if (compareMoney(charge, CHARGE_LIMIT) > 0 && !values['i-mean-it']) {
      return fail(
        `--charge ${charge} is more than ${CHARGE_LIMIT}: add --i-mean-it if you mean it (it is voided at once).`,
      );
    }
    if (target.target === 'production' && !values['i-mean-it']) {
      return fail('--charge in production charges a real card (then voids it): add --i-mean-it if you mean it.');
    }
  }

  let timeoutMs = DEFAULT_TIMEOUT_S * 1000;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!/^\d+$/.test(String(values.timeout)) || seconds < 1) {
      return fail(`--timeout must be a whole number of seconds, not "${String(values.timeout)}".`);
    }
    timeoutMs = seconds * 1000;
  }

  // Checked last: a person fixing a typo in a flag learns of it before being sent for credentials.
  const { credentials, missing } = credentialsFromEnv(env);
  if (!credentials) return fail(missingCredentialsText(missing));

  const terminal = (values.terminal as string | undefined)?.trim() || env.PJ_LABS_TERMINAL?.trim() || undefined;
  const webhookUrl = env.PJ_WEBHOOK_URL?.trim() || undefined;
  return {
    ok: true,
    config: {
      ...target,
      credentials,
      ...(terminal ? { terminal } : {}),
      ...(charge ? { charge } : {}),
      ...(webhookUrl ? { webhookUrl } : {}),
      json: values.json === true,
      timeoutMs,
    },
  };
}
