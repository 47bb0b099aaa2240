/**
 * What the labs check saw of PayJunction's answers, for the expectations (expectations.ts) to judge:
 * shapes (field names and types), statuses and headers — never a credential, a card number or a
 * whole body. `observingFetch` is the fetch the project's PayJunction client is given: it records
 * each answer's status, Retry-After and (for errors) the body's top-level field names, and hands the
 * response on untouched.
 */

/** One answer: what the pace and error expectations need. */
export interface SeenResponse {
  method: string;
  path: string;
  status: number;
  retryAfter?: string;
  /** For a 4xx: the JSON body's top-level field names. */
  errorKeys?: string[];
}

/** One distinct state of a Smart Terminal request, as polled. */
export interface SeenState {
  status: string;
  keys: string[];
  promptButton?: string;
  transactionIdType?: string;
}

export interface Seen {
  responses: SeenResponse[];
  smartTerminals?: { topKeys: string[]; itemKeys: string[]; count: number };
  publishableKeys?: { topKeys: string[]; itemKeys: string[]; count: number; allPrefixed: boolean };
  promptAnswerKeys?: string[];
  promptStates?: SeenState[];
  paymentAnswerKeys?: string[];
  paymentStates?: SeenState[];
  /** request-payment with amountTip and no amountBase: the status and the parameters its errors name. */
  amountTipProbe?: { status: number; parameters: string[] };
  transaction?: {
    amountFields: Record<string, string | undefined>;
    settlementKeys: string[];
    settlementIdType?: string;
    approved?: boolean;
  };
  voided?: { status: string; approved?: boolean };
  webhookCreateKeys?: string[];
  webhookCreateEvents?: unknown;
  webhookListTopKeys?: string[];
  webhookListed?: boolean;
  webhookDeleteStatus?: number;
  /** POST /webhooks with an http:// URL: refused (4xx, with the parameter named) or accepted. */
  httpWebhookProbe?: { status: number; parameters: string[] };
}

export function newSeen(): Seen {
  return { responses: [] };
}

export function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).sort() : [];
}

/** The sorted union of the field names of every item. */
export function itemKeysOf(items: unknown): string[] {
  const keys = new Set<string>();
  if (Array.isArray(items)) for (const item of items) for (const key of keysOf(item)) keys.add(key);
  return [...keys].sort();
}

/** A fetch that records what `Seen` keeps of each answer and returns the response as it came. */
export function observingFetch(seen: Seen, inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const record: SeenResponse = { method: init?.method ?? 'GET', path: url.pathname, status: response.status };
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null) record.retryAfter = retryAfter;
    if (response.status >= 400 && response.status < 500) {
      try {
        record.errorKeys = keysOf(JSON.parse(await response.clone().text()));
      } catch {
        record.errorKeys = [];
      }
    }
    seen.responses.push(record);
    return response;
  };
}
