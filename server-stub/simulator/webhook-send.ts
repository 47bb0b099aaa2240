/**
 * One webhook delivery attempt over HTTP(S), and the bytes it sends. PayJunction's deliveries are
 * pretty-printed JSON: the example of https://developer.payjunction.com/hc/en-us/articles/360007196134
 * has `Content-Length: 166`, which only its pretty form (Jackson's default printer: two spaces of
 * indent, `"name" : value`) has (the compact form is 135 bytes, JSON.stringify(…, null, 2) 161).
 * The signature covers exactly these bytes, so a receiver must verify the raw body, never a
 * re-serialisation of the parsed one.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SimClock } from './clock.js';
import { SIM_MERCHANT_ID } from './fixtures.js';

/** PayJunction's delivery timing, in PayJunction milliseconds (divided by the speed factor). */
export const WEBHOOK_TIMING = {
  connectTimeoutMs: 5_000,
  responseTimeoutMs: 15_000,
  /** Delay before attempt n (n ≥ 2). */
  retryDelayMs(attempt: number): number {
    if (attempt <= 5) return 30_000;
    if (attempt <= 10) return 5 * 60_000;
    return 60 * 60_000;
  },
  giveUpAfterMs: 3 * 24 * 60 * 60_000,
  /** Floors (real ms) so that a high speed factor does not make a local receiver time out. */
  minConnectTimeoutRealMs: 100,
  minResponseTimeoutRealMs: 250,
} as const;

/**
 * JSON as Jackson's DefaultPrettyPrinter writes it, which PayJunction's examples show: objects one
 * member a line, two spaces of indent, `"name" : value`; arrays on one line, `[ a, b ]`; empty
 * ones `{ }` and `[ ]`.
 */
export function jacksonJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((item) => jacksonJson(item ?? null, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    const members = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${jacksonJson(v, inner)}`);
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One HTTP POST of `outgoing.body` to the subscription; resolves with the status or the failure, never rejects. */
export function postWebhook(
  clock: SimClock,
  inFlight: Set<ClientRequest>,
  outgoing: { body: string; accountId: string },
  sub: { url: string; secret?: string },
): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(sub.url);
    } catch {
      resolve({ error: 'invalid URL' });
      return;
    }
    const bytes = Buffer.from(outgoing.body, 'utf8');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(bytes.length),
      'User-Agent': 'PayJunction WebHook',
      'Pj-Merchant': SIM_MERCHANT_ID,
      'Pj-Account': outgoing.accountId,
    };
    if (sub.secret) headers['X-Pj-Signature'] = createHmac('sha256', sub.secret).update(bytes).digest('hex');

    const connectTimeout = Math.max(
      WEBHOOK_TIMING.minConnectTimeoutRealMs,
      clock.scale(WEBHOOK_TIMING.connectTimeoutMs),
    );
    const responseTimeout = Math.max(
      WEBHOOK_TIMING.minResponseTimeoutRealMs,
      clock.scale(WEBHOOK_TIMING.responseTimeoutMs),
    );
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (result: { status?: number; error?: string }) => {
      if (settled) return;
      settled = true;
      cancelConnect();
      cancelResponse();
      inFlight.delete(req);
      resolve(result);
    };
    // `agent: false`: a fresh connection per attempt, so that no pooled socket outlives close().
    const req = send(url, { method: 'POST', headers, agent: false });
    inFlight.add(req);
    const cancelConnect = clock.afterReal(connectTimeout, () => {
      finish({ error: 'connect timeout' });
      req.destroy();
    });
    const cancelResponse = clock.afterReal(connectTimeout + responseTimeout, () => {
      finish({ error: 'response timeout' });
      req.destroy();
    });
    req.on('socket', (socket) => {
      if (!socket.connecting) cancelConnect();
      else socket.once('connect', cancelConnect);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => finish({ status: res.statusCode ?? 0 }));
      res.on('error', (err) => finish({ error: err.message }));
    });
    req.on('error', (err) => finish({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(bytes);
  });
}
