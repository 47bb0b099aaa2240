/**
 * Test helpers around the PayJunction simulator: start one on a free port, talk to it as a
 * PayJunction client does (form-encoded, Basic auth, application key, Accept: application/json)
 * without depending on server-stub/payjunction, drive its /__sim/ controls, and receive its
 * webhooks on a real HTTP server that keeps each delivery's raw bytes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../../server-stub/simulator/index.js';
import type { RunningSimulator, SimulatorOptions } from '../../server-stub/simulator/index.js';

export const TEST_CREDENTIALS = {
  login: 'sim-test-login',
  password: 'sim-test-Pw-0b1c2d3e',
  appKey: '0c9e1f52-4d3a-4b8e-9f60-7a1b2c3d4e5f',
};

export interface PjResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type FormInput = Record<string, string | number | boolean | undefined | readonly string[]>;

/** `buttons: ['Yes','No']` → `buttons[]=Yes&buttons[]=No`, as PayJunction wants arrays. */
export function encodeForm(params: FormInput): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) out.append(`${key}[]`, item);
    else out.append(key, String(value));
  }
  return out.toString();
}

export interface TestSimulator extends RunningSimulator {
  /** A PayJunction API call with the right credentials (override any header via `headers`). */
  pj<T = any>(
    method: string,
    path: string,
    params?: FormInput,
    headers?: Record<string, string>,
  ): Promise<PjResponse<T>>;
  /** A raw call: nothing added. */
  raw<T = any>(method: string, path: string, init?: RequestInit): Promise<PjResponse<T>>;
  /** A /__sim/ control (JSON). Throws unless 2xx. */
  control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  authHeaders(credentials?: Partial<typeof TEST_CREDENTIALS>): Record<string, string>;
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const running = await startSimulator({
    port: 0,
    credentials: TEST_CREDENTIALS,
    speed: 50,
    // Tests receive webhooks on http://127.0.0.1:<port>, which PayJunction would refuse.
    allowHttpWebhooks: true,
    // Tests call the simulator back to back, unpaced: the global rate limit is off unless a test
    // turns it on (the simulator's default is on, as PayJunction's is).
    rateLimit: false,
    ...options,
  });
  const authHeaders = (credentials: Partial<typeof TEST_CREDENTIALS> = {}) => {
    const c = { ...TEST_CREDENTIALS, ...credentials };
    return {
      Authorization: `Basic ${Buffer.from(`${c.login}:${c.password}`).toString('base64')}`,
      'X-PJ-Application-Key': c.appKey,
      Accept: 'application/json',
    };
  };
  const raw = async (method: string, path: string, init: RequestInit = {}): Promise<PjResponse> => {
    const response = await fetch(`${running.url}${path}`, { method, ...init });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body, text };
  };
  return {
    ...running,
    authHeaders,
    raw,
    pj(method, path, params, headers = {}) {
      const hasBody = params !== undefined && method !== 'GET';
      const query = params !== undefined && method === 'GET' ? `?${encodeForm(params)}` : '';
      return raw(method, `${path}${query}`, {
        headers: {
          ...authHeaders(),
          ...(hasBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
          ...headers,
        },
        ...(hasBody ? { body: encodeForm(params) } : {}),
      });
    },
    async control(method, path, body) {
      const response = await raw(method, `/__sim${path}`, {
        headers: { 'Content-Type': 'application/json' },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      if (response.status < 200 || response.status >= 300) {
        throw new Error(`control ${method} ${path} answered ${response.status}: ${response.text}`);
      }
      return response.body;
    },
  };
}

export interface ReceivedWebhook {
  /** The exact bytes PayJunction sent. */
  raw: Buffer;
  headers: http.IncomingHttpHeaders;
  /** JSON.parse(raw). */
  body: any;
  /** When it arrived (Date.now()). */
  at: number;
  /** The status this receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the answer of each delivery (default 200). May be async (a slow receiver). */
  respond: (delivery: Omit<ReceivedWebhook, 'answered'>, index: number) => number | Promise<number>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    respond: () => 200,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
      const delivery = { raw, headers: req.headers, body, at: Date.now() };
      const index = receiver.received.length;
      const entry: ReceivedWebhook = { ...delivery, answered: 0 };
      receiver.received.push(entry);
      void Promise.resolve(receiver.respond(delivery, index)).then((status) => {
        entry.answered = status;
        if (!res.destroyed) res.writeHead(status).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pj/webhooks/payjunction`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}

/** Resolves when `check` returns a value other than undefined/false; rejects after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 3000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
