/**
 * The browser's client for the relay's HTTP contract. Every failure becomes a RelayClientError with
 * the contract's code, message and field errors, so elements show the relay's own words.
 */
import type { InputRequestBody, PromptRequestBody, SignatureRequestBody } from '../protocol/payment.js';
import type {
  PaymentRequestBody,
  RelayErrorBody,
  RequestKind,
  RequestSnapshot,
  TransactionView,
} from '../protocol/relay-contract.js';
import type { FieldError, PjSchedule } from '../protocol/wire.js';

export class RelayClientError extends Error {
  override readonly name = 'RelayClientError';
  // Declared, not parameter properties: those would also emit an empty class field each, before the constructor sets it.
  declare readonly status: number;
  declare readonly code: string;
  declare readonly fields: FieldError[];
  declare readonly decline?: RelayErrorBody['error']['decline'];

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    decline?: RelayErrorBody['error']['decline'],
  ) {
    super(message);
    Object.assign(this, { status, code, fields, decline });
  }
}

export interface SmartTerminalSummary {
  smartTerminalId: string;
  nickName: string;
  /** The relay's last request to it could not reach it (NO_CONNECTION), at this time (ISO-8601). */
  unreachableSince?: string;
}

/** A fresh idempotency key for one payment attempt (reused only to retry that same attempt). */
export function newIdempotencyKey(): string {
  return `pj-${crypto.randomUUID()}`;
}

export function joinEndpoint(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, '')}${path}`;
}

/**
 * One call to the relay: `{endpoint}{path}` with JSON in and out. A failure becomes a RelayClientError
 * (status 0, code `network` when the relay could not be reached); an abort is rethrown as is.
 * Plain functions (this and the ones below) rather than methods, so a bundle keeps only the calls its
 * element makes.
 */
export async function relayCall<T>(endpoint: string, path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    // credentials: fetch's default, 'same-origin' (the relay's cookies, if any, on its own origin only).
    res = await fetch(joinEndpoint(endpoint, path), {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new RelayClientError(
      0,
      'network',
      'The payment server could not be reached. Check the connection and try again.',
    );
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const error = (body as RelayErrorBody | undefined)?.error;
    throw new RelayClientError(
      res.status,
      error?.code ?? 'http_error',
      error?.message ?? `The payment server answered ${res.status}.`,
      error?.fields ?? [],
      error?.decline,
    );
  }
  return body as T;
}

const id = (value: string | number) => encodeURIComponent(String(value));
const post = (body: unknown, headers?: HeadersInit): RequestInit => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers,
});

export const listSmartTerminals = (
  endpoint: string,
  signal?: AbortSignal,
): Promise<{ results: SmartTerminalSummary[] }> => relayCall(endpoint, '/smart-terminals', { signal });

export const startPayment = (
  endpoint: string,
  body: PaymentRequestBody,
  idempotencyKey: string,
): Promise<RequestSnapshot> => relayCall(endpoint, '/payments', post(body, { 'Idempotency-Key': idempotencyKey }));

/** A Smart Terminal request that is not a payment. */
export type TerminalRequestKind = Exclude<RequestKind, 'payment'>;

/** What each request asks the terminal (its terminal is in the path). */
export interface TerminalRequestBodies {
  signature: Omit<SignatureRequestBody, 'smartTerminalId'>;
  prompt: Omit<PromptRequestBody, 'smartTerminalId'>;
  input: Omit<InputRequestBody, 'smartTerminalId'>;
}

/** POST /smart-terminals/{id}/signature, /prompt or /input, with the attempt's idempotency key. */
export const startTerminalRequest = <K extends TerminalRequestKind>(
  endpoint: string,
  kind: K,
  smartTerminalId: string,
  body: TerminalRequestBodies[K],
  idempotencyKey: string,
): Promise<RequestSnapshot> =>
  relayCall(
    endpoint,
    `/smart-terminals/${id(smartTerminalId)}/${kind}`,
    post(body, { 'Idempotency-Key': idempotencyKey }),
  );

export const cancelRequest = (endpoint: string, requestId: string): Promise<RequestSnapshot> =>
  relayCall(endpoint, `/requests/${id(requestId)}/cancel`, post({}));

export const getRequest = (endpoint: string, requestId: string, signal?: AbortSignal): Promise<RequestSnapshot> =>
  relayCall(endpoint, `/requests/${id(requestId)}`, { signal });

export const getTransaction = (
  endpoint: string,
  transactionId: string | number,
  signal?: AbortSignal,
): Promise<TransactionView> => relayCall(endpoint, `/transactions/${id(transactionId)}`, { signal });

export const createSchedule = (endpoint: string, body: Record<string, unknown>): Promise<PjSchedule> =>
  relayCall(endpoint, '/schedules', post(body));

/** The page's one stream (`GET {endpoint}/events`): each watched request with the version the page has. */
export const streamUrl = (endpoint: string, watch: [requestId: string, version: number][]): string =>
  joinEndpoint(
    endpoint,
    `/events?watch=${watch.map(([requestId, version]) => `${id(requestId)}:${version}`).join(',')}`,
  );
