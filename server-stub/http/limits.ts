/** The relay's limits per client and per body, apart from the HTTP app so `pj-elements/server` exports them without loading hono. */
export interface RelayLimits {
  /** POSTs per client per minute (payments, schedules, terminal requests, cancels). */
  postsPerMinute: number;
  /** Transaction lookups per client per minute. */
  lookupsPerMinute: number;
  /** Largest JSON body accepted from a page. */
  jsonBodyBytes: number;
  /** Largest webhook body accepted from PayJunction. */
  webhookBodyBytes: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  postsPerMinute: 30,
  lookupsPerMinute: 60,
  jsonBodyBytes: 16 * 1024,
  webhookBodyBytes: 64 * 1024,
};
