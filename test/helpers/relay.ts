/**
 * Starts a real relay (createRelay) with its in-process simulator on free ports, with logs captured
 * so tests can read exactly what the relay would have written.
 */
import { Writable } from 'node:stream';
import { createLogger } from '../../server-stub/log.js';
import { createRelay, type RelayServer, type RelayServerOptions } from '../../server-stub/relay-server.js';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  SIM_DEVICES,
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
} from '../../server-stub/simulator/index.js';

export const FRONT_COUNTER = SIM_DEVICES[0]!.smartTerminalId;
export const DRIVE_THRU = SIM_DEVICES[1]!.smartTerminalId;
export const BACK_OFFICE_OFFLINE = SIM_DEVICES.find((d) => !d.online)!.smartTerminalId;

/**
 * A simulator of its own for relays started with `simulator: { url }` (behind a fault proxy, or shared
 * by several relays). Their webhook URLs are http://127.0.0.1:<port>, which PayJunction would refuse:
 * this simulator allows loopback http, as the one a relay starts itself does.
 */
export function startRelaySimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    speed: 20,
    credentials: DEFAULT_SIMULATOR_CREDENTIALS,
    allowHttpWebhooks: true,
    ...options,
  });
}

export interface TestRelay {
  server: RelayServer;
  /** The relay's base URL, e.g. http://127.0.0.1:1234/pj */
  api: string;
  origin: string;
  simUrl: string;
  logs(): string;
  /** Calls a /__sim/ control. */
  sim(path: string, body?: unknown): Promise<any>;
  /** The simulator's upstream call log. */
  calls(): Promise<{ method: string; path: string; status: number; at: string }[]>;
  close(): Promise<void>;
}

export async function startTestRelay(
  options: Partial<RelayServerOptions> & { speed?: number } = {},
): Promise<TestRelay> {
  let captured = '';
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      captured += chunk.toString();
      callback();
    },
  });
  const { speed = 20, ...rest } = options;
  const server = await createRelay({
    mode: 'simulator',
    simulator: { port: 0, speed },
    logger: createLogger({ level: 'debug', destination }),
    env: {},
    ...rest,
    // Tests send far more than a cashier would; the rate-limit test sets its own limits.
    limits: { postsPerMinute: 100_000, lookupsPerMinute: 100_000, ...rest.limits },
    timings: {
      pollInitialDelayMs: 300,
      pollIntervalMs: 500,
      webhookSilenceMs: 5_000,
      requestTimeoutMs: 30_000,
      ...rest.timings,
    },
  });
  const { url } = await server.listen({ port: 0 });
  const simUrl = server.simulatorUrl ?? options.simulator?.url ?? '';
  const t: TestRelay = {
    server,
    api: `${url}${server.basePath}`,
    origin: url,
    simUrl,
    logs: () => captured,
    async sim(path, body) {
      const res = await fetch(`${simUrl}/__sim/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    async calls() {
      return (await t.sim('calls')).calls;
    },
    close: () => server.close(),
  };
  return t;
}

let keyCounter = 0;
export function newKey(): string {
  return `test-key-${process.pid}-${Date.now()}-${++keyCounter}`;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

export function startPayment(t: TestRelay, body: Record<string, unknown>, key = newKey()) {
  return postJson(
    `${t.api}/payments`,
    { smartTerminalId: FRONT_COUNTER, amountBase: '12.50', ...body },
    { 'Idempotency-Key': key },
  );
}

/**
 * A single-use card token as the payment fields frame gets one: the relay's publishable key from
 * GET /pj/fields/config, then the card straight to the simulator's web origin, never to the relay.
 */
export async function cardToken(
  t: TestRelay,
  card: { cardNumber: string; cardExpMonth: string; cardExpYear: string; cardCvv?: string },
): Promise<string> {
  const config = await fetch(`${t.api}/fields/config`);
  if (!config.ok) throw new Error(`GET /pj/fields/config answered ${config.status}: ${await config.text()}`);
  const { publishableKey } = (await config.json()) as { publishableKey: string };
  const res = await postJson(`${t.server.simulatorWebUrl}/trinity/api/tokens`, { publishableKey, ...card });
  if (res.status !== 200) throw new Error(`the simulator's token endpoint answered ${res.status}: ${res.text}`);
  return res.json.tokenId as string;
}
