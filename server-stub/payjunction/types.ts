/**
 * Parameters of the PayJunction calls the client makes that src/protocol/wire.ts does not describe
 * (it describes entities and Smart Terminal parameters). Field names are PayJunction's.
 */
import type { FormValue } from './form.js';
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type { Money, PjAction, PjScheduleStatus, PjWebhookEventType } from '../../src/protocol/wire.js';

/** Call options every client method accepts. */
export interface PjCallOptions {
  /** Aborts the wait for a turn, any backoff and the request in flight. */
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /**
   * Its place in the pacer's queue: 'high' calls (payments, terminal requests, cancels, status polls,
   * the relay's own transaction fetch) go before any 'low' one (pages' lookups, other reads), and
   * 'low' calls are refused (rate_limited) when too many already wait. Default: per method.
   */
  priority?: 'high' | 'low';
}

export interface PjPageQuery {
  limit?: number;
  offset?: number;
}

export interface PjScheduleListQuery extends PjPageQuery {
  status?: PjScheduleStatus;
}

/**
 * POST /transactions (https://developer.payjunction.com/hc/en-us/articles/216477407): one payment source
 * (keyed card, ACH, token, or a re-bill by transactionId / vaultId / scheduleId), amounts as
 * strings, and the optional fields.
 */
export interface PjCreateTransactionParams {
  terminalId?: number | string;
  action?: PjAction;
  status?: 'CAPTURE' | 'HOLD';
  amountBase?: Money;
  amountTax?: Money;
  amountShipping?: Money;
  amountTip?: Money;
  amountSurcharge?: Money;
  amountReject?: Money;
  cardNumber?: string;
  cardExpMonth?: string | number;
  cardExpYear?: string | number;
  cardCvv?: string;
  achRoutingNumber?: string;
  achAccountNumber?: string;
  achAccountType?: 'CHECKING' | 'SAVINGS';
  achType?: 'PPD' | 'CCD' | 'TEL';
  tokenId?: string;
  transactionId?: number | string;
  vaultId?: number | string;
  scheduleId?: number | string;
  avs?: 'ADDRESS' | 'ZIP' | 'ADDRESS_AND_ZIP' | 'ADDRESS_OR_ZIP' | 'BYPASS' | 'OFF';
  cvv?: 'ON' | 'OFF';
  invoiceNumber?: string;
  purchaseOrderNumber?: string;
  note?: string;
  billingFirstName?: string;
  billingLastName?: string;
  billingCompanyName?: string;
  billingEmail?: string;
  billingAddress?: string;
  billingCity?: string;
  billingState?: string;
  billingZip?: string;
  billingCountry?: string;
  /** Other documented fields (shipping*, custom1, …) pass through as they are. */
  [field: string]: FormValue;
}

/**
 * POST /schedules parameters: PayJunction's parameter names to their string values, exactly as
 * src/protocol's validateSchedule produces them, plus bypassDuplicate.
 */
export type PjScheduleParams = ScheduleParams;

/** PUT /schedules/{id}: a partial update, including "Payment Updates" (card, ACH, vaultId, transactionId). */
export type PjScheduleUpdateParams = Partial<ScheduleParams>;

export interface PjCreateWebhookParams {
  event: PjWebhookEventType;
  url: string;
  /** HMAC-SHA256 key for X-Pj-Signature; without it deliveries are unsigned. */
  secret?: string;
}

export interface PjUpdateWebhookParams {
  url?: string;
  /** An empty string clears the secret (later deliveries are unsigned). */
  secret?: string;
}
