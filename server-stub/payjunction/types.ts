/**
 * Parameters of the PayJunction calls the client makes that src/protocol/wire.ts does not describe
 * (it describes entities and Smart Terminal parameters). Field names are PayJunction's.
 */
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type { PjWebhookEventType } from '../../src/protocol/wire.js';

/** Call options every client method accepts. */
export interface PjCallOptions {
  /** Aborts the wait for a turn, any backoff and the request in flight. */
  signal?: AbortSignal;
  /**
   * Its place in the pacer's queue: 'high' calls (payments, terminal requests, cancels, status polls,
   * the relay's own transaction fetch) go before any 'low' one (pages' lookups, other reads), and
   * 'low' calls are refused (rate_limited) when too many already wait. Default: per method.
   */
  priority?: 'high' | 'low';
}

/**
 * POST /schedules parameters: PayJunction's parameter names to their string values, exactly as
 * src/protocol's validateSchedule produces them, plus bypassDuplicate.
 */
export type PjScheduleParams = ScheduleParams;

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

/** POST /customers (https://developer.payjunction.com/hc/en-us/articles/215960998): the names and email, all optional. */
export interface PjCreateCustomerParams {
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
}

/**
 * POST /customers/{id}/vaults (https://developer.payjunction.com/hc/en-us/articles/216543557): a card
 * token from the tokenization SDK, or a bank account's numbers.
 */
export type PjCreateVaultParams =
  { tokenId: string } | { achRoutingNumber: string; achAccountNumber: string; achAccountType: string; achType: string };
