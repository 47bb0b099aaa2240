/**
 * PayJunction's global rate limit: about one request per 100 ms per integration
 * (https://developer.payjunction.com/hc/en-us/articles/115004486847), over it → 429
 * (https://developer.payjunction.com/hc/en-us/articles/218707477). A token bucket per integration
 * (API login + application key as presented): `burst` requests may come at once, then one per
 * `intervalMs`. Real time on purpose: the limit is PayJunction's wall clock, not one of its delays,
 * so the speed factor does not change it (SimClock.now() is real time; tests on virtual time move it).
 * A refused request does not use a token up.
 */
import type { SimClock } from './clock.js';
import type { RateLimitSetting } from './options.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: SimClock) {}

  /** Takes a turn for `integration`: undefined when allowed, else the real ms until one is free. */
  take(integration: string, setting: RateLimitSetting | false): number | undefined {
    if (setting === false || setting.intervalMs <= 0) return undefined;
    const now = this.clock.now();
    const capacity = Math.max(1, setting.burst);
    const bucket = this.buckets.get(integration) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) / setting.intervalMs);
    bucket.at = now;
    this.buckets.set(integration, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil((1 - bucket.tokens) * setting.intervalMs);
  }

  reset(): void {
    this.buckets.clear();
  }
}
