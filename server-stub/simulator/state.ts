/**
 * The simulated world every route group and test control works on: the clock, the engines (Smart
 * Terminals, transactions, schedules, webhooks, customers and their vaults, publishable keys and
 * tokens), the call log and the queued forced faults.
 * A types-only module, so that the app, its routes and its controls all depend on it and not on
 * each other.
 */
import type { SimClock } from './clock.js';
import type { CustomerStore } from './customers.js';
import type { RateLimitSetting } from './options.js';
import type { RateLimiter } from './rate-limit.js';
import type { ScheduleStore } from './schedules.js';
import type { SmartTerminalEngine } from './terminals.js';
import type { TokenStore } from './tokens.js';
import type { TransactionStore } from './transactions.js';
import type { WebhookDispatcher } from './webhooks.js';

/** One API call received (test controls are not logged). */
export interface CallRecord {
  method: string;
  path: string;
  query?: string;
  status: number;
  at: string;
}

/** A status the next `remaining` API calls get before authentication (a rate limiter in front). */
export interface ForcedFault {
  status: 429 | 403 | 500;
  remaining: number;
  path?: string;
  retryAfterSeconds?: number;
}

/**
 * What a test may switch at run time (POST /__sim/settings), starting from the options; a reset
 * puts them back to the options' values. Engines read them by reference.
 */
export interface SimSettings {
  /** http:// webhook URLs to a loopback host (any port) accepted. */
  allowHttpWebhooks: boolean;
  /** The global rate limit, or false. */
  rateLimit: RateLimitSetting | false;
  /** DT for the same card, amount and invoice number within 10 minutes. */
  duplicateCheck: boolean;
  /** Every event of one Smart Terminal request carries one id. */
  reuseEventIds: boolean;
}

export interface SimulatorState {
  settings: SimSettings;
  rateLimiter: RateLimiter;
  clock: SimClock;
  terminals: SmartTerminalEngine;
  transactions: TransactionStore;
  schedules: ScheduleStore;
  webhooks: WebhookDispatcher;
  customers: CustomerStore;
  tokens: TokenStore;
  calls: CallRecord[];
  faults: ForcedFault[];
  pollMinIntervalMs: number;
}

/**
 * Back to the initial fixture. The merchant's configuration stays unless asked: webhook
 * subscriptions go with `subscriptions`, publishable keys with `publishableKeys`.
 */
export type ResetWorld = (options?: { subscriptions?: boolean; publishableKeys?: boolean }) => void;
