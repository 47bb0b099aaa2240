/**
 * The browser's client for the relay's HTTP contract. Every failure becomes a RelayClientError with
 * the contract's code, message and field errors, so elements show the relay's own words.
 */
import type {
  PaymentRequestBody,
  RelayErrorBody,
  RequestSnapshot,
  TransactionView,
} from '../protocol/relay-contract.js';
import type { FieldError, PjSchedule } from '../protocol/wire.js';

export class RelayClientError extends Error {
  override readonly name = 'RelayClientError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly decline?: RelayErrorBody['error']['decline'],
  ) {
    super(message);
  }
}

export interface SmartTerminalSummary {
  smartTerminalId: string;
  nickName: string;
}

/** A fresh idempotency key for one payment attempt (reused only to retry that same attempt). */
export function newIdempotencyKey(): string {
  return `pj-${crypto.randomUUID()}`;
}

export function joinEndpoint(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/+$/, '')}${path}`;
}

export class RelayClient {
  constructor(readonly endpoint: string) {}

  async #call<T>(path: string, init: RequestInit & { signal?: AbortSignal } = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetch(joinEndpoint(this.endpoint, path), {
        credentials: 'same-origin',
        ...init,
        headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new RelayClientError(0, 'network', 'The payment server could not be reached. Check the connection and try again.');
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

  listSmartTerminals(signal?: AbortSignal): Promise<{ results: SmartTerminalSummary[] }> {
    return this.#call('/smart-terminals', signal ? { signal } : {});
  }

  startPayment(body: PaymentRequestBody, idempotencyKey: string): Promise<RequestSnapshot> {
    return this.#call('/payments', { method: 'POST', body: JSON.stringify(body), headers: { 'Idempotency-Key': idempotencyKey } });
  }

  cancel(requestId: string): Promise<RequestSnapshot> {
    return this.#call(`/requests/${encodeURIComponent(requestId)}/cancel`, { method: 'POST', body: '{}' });
  }

  getRequest(requestId: string, signal?: AbortSignal): Promise<RequestSnapshot> {
    return this.#call(`/requests/${encodeURIComponent(requestId)}`, signal ? { signal } : {});
  }

  getTransaction(transactionId: string | number, signal?: AbortSignal): Promise<TransactionView> {
    return this.#call(`/transactions/${encodeURIComponent(String(transactionId))}`, signal ? { signal } : {});
  }

  createSchedule(body: Record<string, unknown>): Promise<PjSchedule> {
    return this.#call('/schedules', { method: 'POST', body: JSON.stringify(body) });
  }

  eventsUrl(requestId: string): string {
    return joinEndpoint(this.endpoint, `/requests/${encodeURIComponent(requestId)}/events`);
  }
}
