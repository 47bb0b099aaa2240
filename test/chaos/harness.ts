/**
 * What every chaos file shares: the size (CHAOS_SIZE=ci|full), figures printed one per line (the
 * chaos stage of scripts/test.mjs gathers them into one table), a relay in front of a simulator it
 * reaches over real HTTP (optionally through the fault proxy), a capture of every response body the
 * suite reads, and the simulator's truth. The SSE follower is in streams.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SIM_DEVICES, startSimulator, type RunningSimulator } from '../../server-stub/simulator/index.js';
import type { RelayServerOptions } from '../../server-stub/relay-server.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startTestRelay, type TestRelay } from '../helpers/relay.js';

export const SIZE: 'ci' | 'full' = process.env.CHAOS_SIZE === 'full' ? 'full' : 'ci';
/** One number for `npm test` (ci), another for `npm run test:chaos` (full). */
export const sized = <T>(ci: T, full: T): T => (SIZE === 'full' ? full : ci);

export const FRONT_COUNTER = SIM_DEVICES[0]!.smartTerminalId;
export const DRIVE_THRU = SIM_DEVICES[1]!.smartTerminalId;
export const BACK_OFFICE_OFFLINE = SIM_DEVICES.find((d) => !d.online)!.smartTerminalId;
export const ONLINE_TERMINALS = [FRONT_COUNTER, DRIVE_THRU];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ─── Figures ────────────────────────────────────────────────────────────────────────────────

/**
 * Figures are printed, never asserted on (load changes them). One line each:
 * `FIGURE <part> | <name> | <value>`; node --test shows it as `# FIGURE …`, which the chaos stage
 * turns into the table.
 */
export class Figures {
  readonly #part: string;
  readonly #values = new Map<string, string>();
  constructor(part: string) {
    this.#part = part;
  }
  set(name: string, value: string | number): void {
    this.#values.set(name, typeof value === 'number' ? formatNumber(value) : value);
  }
  add(name: string, by = 1): void {
    this.#values.set(name, String(Number(this.#values.get(name) ?? 0) + by));
  }
  print(): void {
    console.log(`FIGURE ${this.#part} | size | ${SIZE}`);
    for (const [name, value] of this.#values) console.log(`FIGURE ${this.#part} | ${name} | ${value}`);
  }
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);
}

/** Wall-clock rate, for printing only. */
export function perSecond(count: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return `${(count / seconds).toFixed(1)}/s (${count} in ${seconds.toFixed(1)} s)`;
}

// ─── Secrets the suite uses, so the leak scan knows what to look for ──────────────────────

export interface SuiteSecrets {
  login: string;
  password: string;
  appKey: string;
  webhookSecret: string;
}

/** Fresh random credentials: a value found anywhere can only have come from this run. */
export function makeSecrets(): SuiteSecrets {
  return {
    login: `chaos-login-${randomBytes(6).toString('hex')}`,
    password: `chaos-Pw-${randomBytes(12).toString('base64url')}`,
    appKey: randomUUID(),
    webhookSecret: `chaos-whsec-${randomBytes(24).toString('hex')}`,
  };
}

// ─── Capture of everything the relay answered ───────────────────────────────────────────────

/** Every response body (and SSE stream) the suite read, for the leak scan. */
export class Capture {
  readonly texts: string[] = [];
  bytes = 0;
  add(text: string): void {
    if (text === '') return;
    this.texts.push(text);
    this.bytes += text.length;
  }
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function http(capture: Capture, url: string, init: RequestInit = {}): Promise<HttpAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  capture.add(text);
  let json: any;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function postJson(
  capture: Capture,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return http(capture, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// ─── A relay in front of a simulator ───────────────────────────────────────────────────────

export interface World {
  sim: RunningSimulator;
  proxy?: FaultProxy;
  t: TestRelay;
  secrets: SuiteSecrets;
  capture: Capture;
  /** A /__sim/ control over HTTP (JSON); throws unless 2xx. */
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** A PayJunction API call to the simulator with the suite's credentials (truth reads). */
  pj(path: string): Promise<any>;
  /** A POST to the simulator's PayJunction API as someone other than the relay (a cashier, another integration). */
  pjPost(path: string, form?: Record<string, string>): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startWorld(
  options: { speed: number; proxy?: boolean; stub?: Partial<RelayServerOptions>; pollMinIntervalMs?: number } = {
    speed: 20,
  },
): Promise<World> {
  const secrets = makeSecrets();
  const credentials = { login: secrets.login, password: secrets.password, appKey: secrets.appKey };
  const sim = await startSimulator({
    port: 0,
    speed: options.speed,
    credentials,
    // The relay receives webhooks on http://127.0.0.1:<port>, which PayJunction would refuse.
    allowHttpWebhooks: true,
    // The relay's pace is 2 ms here (below): PayJunction's global rate limit must be off to match.
    rateLimit: false,
    ...(options.pollMinIntervalMs !== undefined ? { pollMinIntervalMs: options.pollMinIntervalMs } : {}),
  });
  const proxy = options.proxy ? await startFaultProxy(sim.url) : undefined;
  const t = await startTestRelay({
    credentials,
    webhookSecret: secrets.webhookSecret,
    // A short pace keeps a thousand payments quick (the simulator's rate limit is off, above).
    minIntervalMs: 2,
    // The direct mode a merchant can opt in to: raw card numbers reach the relay, the widest exposure
    // the leak scan and the fuzzers can probe (by default the relay refuses them at once).
    acceptRawPaymentNumbers: true,
    ...options.stub,
    simulator: { url: proxy?.url ?? sim.url },
    timings: { ...options.stub?.timings },
  });
  const auth = `Basic ${Buffer.from(`${secrets.login}:${secrets.password}`).toString('base64')}`;
  return {
    sim,
    ...(proxy ? { proxy } : {}),
    t,
    secrets,
    capture: new Capture(),
    control: (method, path, body) => simControl(sim.url, method, path, body),
    async pj(path) {
      const res = await fetch(`${sim.url}${path}`, {
        headers: { Authorization: auth, 'X-PJ-Application-Key': secrets.appKey, Accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`simulator ${path} answered ${res.status}`);
      return res.json();
    },
    async pjPost(path, form = {}) {
      const res = await fetch(`${sim.url}${path}`, {
        method: 'POST',
        headers: {
          Authorization: auth,
          'X-PJ-Application-Key': secrets.appKey,
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await t.close();
      await proxy?.close();
      await sim.close();
    },
  };
}

export async function simControl(simUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${simUrl}/__sim/${path.replace(/^\//, '')}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /__sim/${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

// ─── The simulator's truth ──────────────────────────────────────────────────────────────────

export type Outcome = NonNullable<RequestSnapshot['outcome']>;

export interface Truth {
  status: string;
  transactionId?: number;
  approved?: boolean;
  amountBase?: string;
  action?: string;
}

/** What PayJunction (the simulator) knows of one of its requests and the transaction it made. */
export async function truthOf(world: World, upstreamRequestId: string): Promise<Truth | undefined> {
  const res = await fetch(`${world.sim.url}/__sim/requests/${encodeURIComponent(upstreamRequestId)}`);
  if (res.status === 404) return undefined;
  const state = (await res.json()) as { status: string; transactionId?: number };
  const truth: Truth = { status: state.status };
  if (state.transactionId !== undefined) {
    const tx = await world.pj(`/transactions/${state.transactionId}`);
    truth.transactionId = Number(tx.transactionId);
    truth.approved = tx.response?.approved === true && tx.status !== 'DECLINED';
    truth.amountBase = tx.amountBase;
    truth.action = tx.action;
  }
  return truth;
}

/** The finals that are right for what PayJunction knows. */
export function rightFinals(truth: Truth): Outcome[] {
  switch (truth.status) {
    case 'BUSY':
      return ['busy'];
    case 'NO_CONNECTION':
      return ['no_connection'];
    case 'COMPLETE':
      if (truth.transactionId !== undefined) return [truth.approved ? 'approved' : 'declined'];
      // Cancelled on the terminal, or sent back to its main screen by the relay's timeout.
      return ['cancelled', 'timeout'];
    default:
      return [];
  }
}

/** Every transaction the simulator made (ids are sequential from 10001 and never reused). */
export async function allTransactions(world: World): Promise<any[]> {
  const out: any[] = [];
  for (let id = 10001; ; id++) {
    const res = await fetch(`${world.sim.url}/transactions/${id}`, {
      headers: {
        Authorization: `Basic ${Buffer.from(`${world.secrets.login}:${world.secrets.password}`).toString('base64')}`,
        'X-PJ-Application-Key': world.secrets.appKey,
        Accept: 'application/json',
      },
    });
    if (res.status === 404) return out;
    out.push(await res.json());
  }
}

/** A pseudo-random generator with a seed, so a failing run can be repeated (CHAOS_SEED). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);

/** A key per attempt, unique across runs and processes. */
export const newKey = (tag: string) => `chaos-${tag}-${randomUUID()}`;
