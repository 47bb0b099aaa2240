/**
 * The PayJunction calls the relay makes, one method each (https://developer.payjunction.com/hc/en-us),
 * on top of the request loop (transport.ts). One instance per set of credentials; the same code talks
 * to the simulator, labs and production.
 *
 * Only what the relay (and `npm run labs:check`, which checks the relay's calls against PayJunction)
 * uses is here: it is a relay's client, not an SDK. Transactions are read, and voided by the labs
 * check only, never created by POST; schedules are created, never read, listed, changed or deleted;
 * webhooks are listed, created and updated, and deleted by the labs check; publishable keys are
 * listed and created; customers and their vaults are created, never read, changed or deleted.
 */
import type {
  PjCustomer,
  PjCustomerVault,
  PjList,
  PjPublishableKey,
  PjRequestIdResponse,
  PjRequestInputParams,
  PjRequestPaymentParams,
  PjRequestPaymentResponse,
  PjRequestPromptParams,
  PjRequestSignatureParams,
  PjSchedule,
  PjSmartTerminal,
  PjSmartTerminalRequestState,
  PjTerminal,
  PjTransaction,
  PjWebhook,
} from '../../src/protocol/wire.js';
import { PayJunctionError } from './errors.js';
import type { Pacer } from './pace.js';
import { PayJunctionTransport, type PayJunctionClientOptions } from './transport.js';
import type {
  PjCallOptions,
  PjCreateCustomerParams,
  PjCreateVaultParams,
  PjCreateWebhookParams,
  PjScheduleParams,
  PjUpdateWebhookParams,
} from './types.js';

export const PJ_BASE_URLS = {
  labs: 'https://api.payjunctionlabs.com',
  production: 'https://api.payjunction.com',
} as const;

/**
 * PayJunction's tokenization SDK (https://developer.payjunction.com/hc/en-us/articles/4404002342555).
 * These addresses come from third-party clients, not from PayJunction's pages.
 */
export const PJ_SDK_URLS = {
  labs: 'https://www.payjunctionlabs.com/trinity/js/sdk.js',
  production: 'https://www.payjunction.com/trinity/js/sdk.js',
} as const;

/**
 * Encodes one path segment. `encodeURIComponent` keeps "/" and "?" from escaping the path; "." and
 * ".." would still be resolved as dot-segments by the URL parser (even percent-encoded), and ""
 * would turn /transactions/{id} into the list, so those are refused before any request.
 */
function segment(name: string, id: string | number): string {
  const text = String(id);
  if (text === '' || text === '.' || text === '..') {
    throw new PayJunctionError({
      kind: 'validation',
      status: 0,
      message: `PayJunction request not sent: invalid ${name}`,
      notSent: true,
      errors: [{ message: `Invalid ${name}.`, parameter: name, type: 'invalid' }],
    });
  }
  return encodeURIComponent(text);
}

const terminal = (smartTerminalId: string) => `/smartterminals/${segment('smartTerminalId', smartTerminalId)}`;

export class PayJunctionClient {
  readonly #transport: PayJunctionTransport;

  constructor(options: PayJunctionClientOptions) {
    this.#transport = new PayJunctionTransport(options);
  }

  get baseUrl(): string {
    return this.#transport.baseUrl;
  }

  get apiVersion(): string {
    return this.#transport.apiVersion;
  }

  /** The pace every call waits on (tests and figures read how many wait). */
  get pacer(): Pacer {
    return this.#transport.pacer;
  }

  /** Never the credentials. */
  toJSON(): Record<string, unknown> {
    return this.#transport.toJSON();
  }

  // ─── Smart Terminals ──────────────────────────────────────────────────────────────────────

  listSmartTerminals(options?: PjCallOptions): Promise<PjList<PjSmartTerminal>> {
    return this.#transport.call(
      { method: 'GET', path: '/smartterminals', retry: 'idempotent', expect: 'json', low: true },
      options,
    );
  }

  async requestPayment(
    smartTerminalId: string,
    params: PjRequestPaymentParams,
    options?: PjCallOptions,
  ): Promise<PjRequestPaymentResponse> {
    const path = `${terminal(smartTerminalId)}/request-payment`;
    return this.#transport.call({ method: 'POST', path, body: params, retry: 'creates', expect: 'json' }, options);
  }

  async requestSignature(
    smartTerminalId: string,
    params: PjRequestSignatureParams,
    options?: PjCallOptions,
  ): Promise<PjRequestIdResponse> {
    const path = `${terminal(smartTerminalId)}/request-signature`;
    return this.#transport.call({ method: 'POST', path, body: params, retry: 'creates', expect: 'json' }, options);
  }

  async requestPrompt(
    smartTerminalId: string,
    params: PjRequestPromptParams,
    options?: PjCallOptions,
  ): Promise<PjRequestIdResponse> {
    const path = `${terminal(smartTerminalId)}/request-prompt`;
    return this.#transport.call({ method: 'POST', path, body: params, retry: 'creates', expect: 'json' }, options);
  }

  async requestInput(
    smartTerminalId: string,
    params: PjRequestInputParams,
    options?: PjCallOptions,
  ): Promise<PjRequestIdResponse> {
    const path = `${terminal(smartTerminalId)}/request-input`;
    return this.#transport.call({ method: 'POST', path, body: params, retry: 'creates', expect: 'json' }, options);
  }

  /**
   * Sends the terminal back to its main screen, cancelling the request on it. Repeating it is
   * harmless (the terminal is already idle), so it is retried like an idempotent call.
   */
  async returnToMain(smartTerminalId: string, options?: PjCallOptions): Promise<void> {
    await this.#transport.call(
      { method: 'POST', path: `${terminal(smartTerminalId)}/main`, retry: 'idempotent', expect: 'none' },
      options,
    );
  }

  /** Polling (PayJunction allows 1 request per 0.5 s per requestId; faster polls get 429, retried). */
  async getRequest(requestId: string, options?: PjCallOptions): Promise<PjSmartTerminalRequestState> {
    const path = `/smartterminals/requests/${segment('requestId', requestId)}`;
    return this.#transport.call({ method: 'GET', path, retry: 'idempotent', expect: 'json' }, options);
  }

  // ─── Merchant accounts, transactions, schedules ───────────────────────────────────────────

  /** The merchant accounts (first page). High priority: a payment start may need it. */
  listTerminals(options?: PjCallOptions): Promise<PjList<PjTerminal>> {
    return this.#transport.call({ method: 'GET', path: '/terminals', retry: 'idempotent', expect: 'json' }, options);
  }

  /** High priority by default (the relay finishing a payment); pages' lookups pass `{ priority: 'low' }`. */
  async getTransaction(transactionId: number | string, options?: PjCallOptions): Promise<PjTransaction> {
    const path = `/transactions/${segment('transactionId', transactionId)}`;
    return this.#transport.call({ method: 'GET', path, retry: 'idempotent', expect: 'json' }, options);
  }

  /**
   * PUT /transactions/{id} status=VOID (https://developer.payjunction.com/hc/en-us/articles/218052417):
   * the charge will not settle. Refused (400 on `status`) once its batch has settled: refund instead.
   * Voiding twice ends in the same state, so it is retried like an idempotent call.
   */
  async voidTransaction(transactionId: number | string, options?: PjCallOptions): Promise<PjTransaction> {
    const path = `/transactions/${segment('transactionId', transactionId)}`;
    return this.#transport.call(
      { method: 'PUT', path, body: { status: 'VOID' }, retry: 'idempotent', expect: 'json' },
      options,
    );
  }

  /**
   * POST /schedules. A pre-authorization decline throws kind 'preauth_declined' with `decline.code`;
   * a duplicate (same payment source and amount) throws kind 'conflict': send again with
   * bypassDuplicate: true to create it anyway.
   */
  createSchedule(params: PjScheduleParams, options?: PjCallOptions): Promise<PjSchedule> {
    return this.#transport.call(
      { method: 'POST', path: '/schedules', body: params, retry: 'creates', preauth: true, expect: 'json' },
      options,
    );
  }

  // ─── Tokenization: publishable keys, customers, vaults ──────────────────────────────────────

  /** GET /publishablekeys (https://developer.payjunction.com/hc/en-us/articles/4411884125979). */
  listPublishableKeys(options?: PjCallOptions): Promise<PjList<PjPublishableKey>> {
    return this.#transport.call(
      { method: 'GET', path: '/publishablekeys', retry: 'idempotent', expect: 'json', low: true },
      options,
    );
  }

  /** POST /publishablekeys: at most 100 per merchant, so one is created once and reused, never one per page. */
  createPublishableKey(options?: PjCallOptions): Promise<PjPublishableKey> {
    return this.#transport.call(
      { method: 'POST', path: '/publishablekeys', retry: 'creates', expect: 'json' },
      options,
    );
  }

  /** POST /customers (https://developer.payjunction.com/hc/en-us/articles/215960998). */
  createCustomer(params: PjCreateCustomerParams, options?: PjCallOptions): Promise<PjCustomer> {
    return this.#transport.call(
      { method: 'POST', path: '/customers', body: params, retry: 'creates', expect: 'json' },
      options,
    );
  }

  /**
   * POST /customers/{id}/vaults (https://developer.payjunction.com/hc/en-us/articles/216543557): from a
   * single-use tokenId, or from a bank account's numbers. At most 50 vaults per customer.
   */
  createCustomerVault(
    customerId: number | string,
    params: PjCreateVaultParams,
    options?: PjCallOptions,
  ): Promise<PjCustomerVault> {
    const path = `/customers/${segment('customerId', customerId)}/vaults`;
    return this.#transport.call({ method: 'POST', path, body: params, retry: 'creates', expect: 'json' }, options);
  }

  // ─── Webhooks ─────────────────────────────────────────────────────────────────────────────

  createWebhook(params: PjCreateWebhookParams, options?: PjCallOptions): Promise<PjWebhook> {
    return this.#transport.call(
      { method: 'POST', path: '/webhooks', body: params, retry: 'creates', expect: 'json' },
      options,
    );
  }

  listWebhooks(options?: PjCallOptions): Promise<PjList<PjWebhook>> {
    return this.#transport.call(
      { method: 'GET', path: '/webhooks', retry: 'idempotent', expect: 'json', low: true },
      options,
    );
  }

  async updateWebhook(webhookId: string, params: PjUpdateWebhookParams, options?: PjCallOptions): Promise<PjWebhook> {
    const path = `/webhooks/${segment('webhookId', webhookId)}`;
    return this.#transport.call({ method: 'PUT', path, body: params, retry: 'idempotent', expect: 'json' }, options);
  }

  /** DELETE /webhooks/{id}: 204 No Content (https://developer.payjunction.com/hc/en-us/articles/218707477). */
  async deleteWebhook(webhookId: string, options?: PjCallOptions): Promise<void> {
    const path = `/webhooks/${segment('webhookId', webhookId)}`;
    await this.#transport.call({ method: 'DELETE', path, retry: 'idempotent', expect: 'none' }, options);
  }
}
