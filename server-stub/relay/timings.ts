/** How status reaches the relay (Delivery) and every timing the relay keeps, with their defaults. */

export type Delivery = 'webhooks' | 'polling';

export interface RelayTimings {
  /** Polling mode: the first poll this long after the request starts (at least 10 s: https://developer.payjunction.com/hc/en-us/articles/115004644968). */
  pollInitialDelayMs: number;
  /** Between two polls of one request; PayJunction allows one per 500 ms. */
  pollIntervalMs: number;
  /** Webhook mode: a live request this long without news by webhook since the last gets the poller as a safety net. */
  webhookSilenceMs: number;
  /**
   * Webhook mode: a request with no news by webhook this long after it started is polled (its webhooks
   * are late or lost: PayJunction reports CONNECTING at once). Never later than `webhookSilenceMs`.
   */
  webhookFirstMs: number;
  /** No progress this long: one last status check, then the request ends as `timeout`. */
  requestTimeoutMs: number;
  /** How long request snapshots and idempotency keys are kept (at least 24 h). */
  retentionMs: number;
  /** After a timeout, error or in-doubt end: how long the relay still watches for a late transaction. */
  lateWatchMs: number;
  /** How long a lost attempt may still be matched to PayJunction's reports before it ends `in_doubt`. */
  doubtWindowMs: number;
  /** The lease on an attempt being sent; renewed while the call is in flight, taken over after a crash. */
  attemptLeaseMs: number;
}

export const DEFAULT_TIMINGS: RelayTimings = {
  pollInitialDelayMs: 10_000,
  pollIntervalMs: 1_000,
  webhookSilenceMs: 15_000,
  webhookFirstMs: 3_000,
  requestTimeoutMs: 90_000,
  retentionMs: 25 * 60 * 60 * 1000,
  lateWatchMs: 10 * 60_000,
  doubtWindowMs: 90_000,
  attemptLeaseMs: 10_000,
};

/** PayJunction's limit: one poll of a request per 500 ms. */
const MIN_POLL_INTERVAL_MS = 500;

/** The defaults, overridden by `given`, with the poll interval never below PayJunction's limit. */
export function resolveTimings(given: Partial<RelayTimings> = {}): RelayTimings {
  const timings = { ...DEFAULT_TIMINGS, ...given };
  timings.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, timings.pollIntervalMs);
  return timings;
}
