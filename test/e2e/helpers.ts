/**
 * End-to-end helpers: start the demo server (or its pieces) as real processes on free ports, drive
 * Debian's Chromium with playwright-core (never a downloaded browser), steer the simulator through
 * its /__sim/ controls, and save one screenshot per scenario under test-results/e2e/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/system-deps.mjs';
import { freePort } from '../helpers/free-port.js';
import { SIM_DEVICES } from '../../server-stub/simulator/fixtures.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const RESULTS = join(ROOT, 'test-results/e2e');

export const FRONT_COUNTER = SIM_DEVICES[0]!.smartTerminalId;
export const DRIVE_THRU = SIM_DEVICES[1]!.smartTerminalId;
export const BACK_OFFICE = SIM_DEVICES[2]!.smartTerminalId;

/** Generous: Chromium and three Node processes share two cores in CI. */
export const STATE_TIMEOUT = 20_000;

export { freePort };

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with the first truthy value of `check`; throws after `timeoutMs` with `what`. */
export async function until<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = STATE_TIMEOUT,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    await sleep(50);
  }
}

// ─── processes ────────────────────────────────────────────────────────────────────────────

export interface Proc {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in its output; rejects if it exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Signals it by its own pid (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Environment for a child: the parent's, without anything that would point it elsewhere. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(PJ_|REDIS_URL$|PORT$|HOST$|NODE_TEST_CONTEXT$)/.test(name)) delete env[name];
  }
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

/** `node --import tsx <script> …args` from the repository root. */
export function spawnNode(label: string, script: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    for (const listener of listeners) listener();
  });
  let stopping: Promise<void> | undefined;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid!,
    output: () => output,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return done(() => resolve(match));
          if (!running())
            done(() =>
              reject(
                new Error(
                  `${label} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${output}`,
                ),
              ),
            );
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`${label} did not print ${pattern} within ${timeoutMs} ms:\n${output}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    stop(signal = 'SIGTERM') {
      if (signal === 'SIGKILL' && running()) {
        child.kill('SIGKILL');
        return exited;
      }
      stopping ??= (async () => {
        if (!running()) return;
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** Waits until GET {origin}/pj/health answers 200. */
export async function waitForHealth(origin: string, timeoutMs = 30_000): Promise<any> {
  return until(
    async () => {
      const res = await fetch(`${origin}/pj/health`);
      return res.ok ? res.json() : undefined;
    },
    `${origin}/pj/health`,
    timeoutMs,
  );
}

export interface DemoServer {
  origin: string;
  proc: Proc;
  /** A /__sim/ control through the demo's origin (GET without a body, POST with one). */
  sim(path: string, body?: unknown, method?: string): Promise<any>;
  /** The simulator's upstream call log (GET /__sim/calls through the demo origin). */
  calls(): Promise<SimCall[]>;
  stop(): Promise<void>;
}

export interface SimCall {
  method: string;
  path: string;
  status: number;
  at: string;
}

export async function simControl(
  origin: string,
  path: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<any> {
  const res = await fetch(`${origin}/__sim/${path.replace(/^\//, '')}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /__sim/${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The URL a server printed for `port` (its origin). */
export function printedOrigin(port: number): RegExp {
  return new RegExp(`(https?://(?:127\\.0\\.0\\.1|localhost|\\[::1\\]):${port})(?![0-9])`);
}

/**
 * `npm start` the way a user runs it: server-stub/cli/start.ts on free ports, simulator mode,
 * PJ_SIM_SPEED=10. Resolves once it printed its URL and /pj/health answers.
 */
export async function startDemo(options: { speed?: number; env?: Record<string, string> } = {}): Promise<DemoServer> {
  const port = await freePort();
  const simPort = await freePort();
  const proc = spawnNode('npm start (server-stub/cli/start.ts)', 'server-stub/cli/start.ts', [], {
    PORT: String(port),
    PJ_SIMULATOR_PORT: String(simPort),
    PJ_SIM_SPEED: String(options.speed ?? 10),
    ...options.env,
  });
  try {
    // It may build dist/demo first (missing or older than the sources): allow for a Vite build.
    const origin = (await proc.waitFor(printedOrigin(port), 240_000))[1]!;
    await waitForHealth(origin);
    return {
      origin,
      proc,
      sim: (path, body, method) => simControl(origin, path, body, method),
      calls: async () => (await simControl(origin, 'calls')).calls as SimCall[],
      stop: () => proc.stop(),
    };
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
}

/** Puts every device back as the fixture has it (online except Back Office, none busy). */
export async function restoreDevices(origin: string): Promise<void> {
  for (const device of SIM_DEVICES) {
    await simControl(origin, `devices/${device.smartTerminalId}/busy`, { busy: false });
    await simControl(origin, `devices/${device.smartTerminalId}/online`, { online: device.online });
  }
}

// ─── the browser ──────────────────────────────────────────────────────────────────────────

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error(
      'Chromium was not found: apt-get install chromium, or set CHROMIUM_PATH (npm test installs it as root).',
    );
  return chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface Scenario {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and CSP violations on the page (a scenario ends by asserting there were none). */
  pageErrors: string[];
}

/**
 * One scenario: a fresh browser context (no sessionStorage from another scenario), the page at
 * `path`, then `run`; a full-page screenshot test-results/e2e/<name>.png whatever the outcome.
 */
export async function scenario(
  browser: Browser,
  name: string,
  origin: string,
  path: string,
  run: (s: Scenario) => Promise<void>,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<void> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  context.setDefaultTimeout(STATE_TIMEOUT);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  // The demo pages carry a strict Content-Security-Policy: anything it blocks is a bug of the page.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  try {
    await page.goto(`${origin}${path}`);
    await run({ context, page, pageErrors });
  } finally {
    mkdirSync(RESULTS, { recursive: true });
    await page
      .screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true, animations: 'disabled' })
      .catch((err: Error) => console.error(`screenshot ${name}: ${err.message}`));
    await context.close();
  }
  // Reached only when the scenario passed: its own failure is the better message.
  if (pageErrors.length > 0) throw new Error(`errors on the page:\n${pageErrors.join('\n')}`);
}

/** Text of a locator's first match ("" when there is none yet) with runs of white space collapsed; never waits. */
export async function words(locator: Locator): Promise<string> {
  return ((await locator.allTextContents())[0] ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's (first match's) text matches. */
export async function waitForText(
  locator: Locator,
  pattern: RegExp | string,
  timeoutMs = STATE_TIMEOUT,
): Promise<string> {
  const test = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
  let last = '';
  try {
    return await until(
      async () => {
        last = await words(locator);
        return test(last) ? last : undefined;
      },
      `${pattern}`,
      timeoutMs,
    );
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${locator} to say ${pattern}; it says: "${last}"`);
  }
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Undoes what a scenario may have left in the simulator: devices back to the fixture, a live
 * request on a device cancelled, and a next outcome nobody used (a scenario that failed before
 * paying) consumed by a cancelled payment, so that it cannot decide another scenario's payment.
 */
export async function restoreSimulator(origin: string): Promise<void> {
  const relay = `${origin}/pj`;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${relay}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const finished = (requestId: string) =>
    until(async () => {
      const res = await fetch(`${relay}/requests/${requestId}`);
      return res.status === 404 || (res.ok && (await res.json()).outcome != null);
    }, `request ${requestId} to end`);
  type DeviceView = { smartTerminalId: string; liveRequestId: string | null; nextOutcome: unknown };
  const devices = async (): Promise<DeviceView[]> => (await simControl(origin, 'devices')).devices;

  for (const device of await devices()) {
    await simControl(origin, `devices/${device.smartTerminalId}/busy`, { busy: false });
    if (device.liveRequestId) {
      await post(`/requests/${device.liveRequestId}/cancel`, {});
      await finished(device.liveRequestId);
    }
    if (device.nextOutcome) {
      await simControl(origin, `devices/${device.smartTerminalId}/online`, { online: true });
      const res = await post(
        '/payments',
        { smartTerminalId: device.smartTerminalId, amountBase: '1.00' },
        { 'Idempotency-Key': `e2e-restore-${Date.now()}-${Math.random()}` },
      );
      const { requestId } = (await res.json()) as { requestId: string };
      await until(
        async () => (await devices()).find((d) => d.smartTerminalId === device.smartTerminalId)?.nextOutcome === null,
        'the pending outcome to be used',
      );
      await post(`/requests/${requestId}/cancel`, {});
      await finished(requestId);
    }
  }
  await restoreDevices(origin);
}
