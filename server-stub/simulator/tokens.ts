/**
 * Publishable keys and the single-use card tokens the look-alike SDK makes
 * (https://developer.payjunction.com/hc/en-us/articles/4411884125979,
 * https://developer.payjunction.com/hc/en-us/articles/4404002342555). A token keeps what a keyed
 * card source keeps (source.ts: brand, last four and an HMAC fingerprint), never the card number or
 * the CVV, and lives in this process's memory only. It can be used once and expires 30 minutes of
 * PayJunction time after it was made: on the simulator's clock, so `speed` shortens it too.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PjPublishableKey } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { isoSeconds } from './clock.js';
import type { PaymentSource } from './source.js';

/** "Tokens expire within 30 minutes" (https://developer.payjunction.com/hc/en-us/articles/4404002342555). */
export const TOKEN_LIFETIME_MS = 30 * 60_000;
/** At most 100 publishable keys per merchant (https://developer.payjunction.com/hc/en-us/articles/4411884125979). */
export const PUBLISHABLE_KEY_LIMIT = 100;

// The wording of each refusal is the simulator's own (PayJunction documents none of them).
export const TOKEN_UNKNOWN_MESSAGE = 'Token does not exist or has expired.';
export const TOKEN_EXPIRED_MESSAGE = 'Token has expired.';
export const TOKEN_USED_MESSAGE = 'Token has already been used.';
export const PUBLISHABLE_KEY_LIMIT_MESSAGE = 'Max publishable key limit has been reached.';
export const PUBLISHABLE_KEY_INVALID_MESSAGE = 'Publishable key is invalid.';

interface StoredToken {
  tokenId: string;
  source: PaymentSource;
  createdMs: number;
  expiresMs: number;
  /** What consumed it ("transaction 10001", "vault 6001"), or "control" for the reuse control. */
  usedFor?: string;
}

/** What a control may show of a token: never the number, only the brand and last four. */
export interface TokenView {
  tokenId: string;
  created: string;
  expires: string;
  used: boolean;
  usedFor?: string;
  expired: boolean;
  brand: string;
  lastFour: string;
}

export class TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  private readonly keys: PjPublishableKey[] = [];

  constructor(private readonly clock: SimClock) {}

  // ─── publishable keys (the merchant's configuration: kept by a plain reset) ─────────────────

  /** A new key, or undefined when the merchant already has the maximum. */
  createKey(): PjPublishableKey | undefined {
    if (this.keys.length >= PUBLISHABLE_KEY_LIMIT) return undefined;
    const key = { keyValue: `key_${randomBytes(16).toString('hex')}`, created: isoSeconds(this.clock.now()) };
    this.keys.push(key);
    return { ...key };
  }

  listKeys(): PjPublishableKey[] {
    return this.keys.map((k) => ({ ...k }));
  }

  hasKey(keyValue: unknown): boolean {
    return typeof keyValue === 'string' && this.keys.some((k) => k.keyValue === keyValue);
  }

  removeKeys(): void {
    this.keys.length = 0;
  }

  // ─── tokens ──────────────────────────────────────────────────────────────────────────────

  /** A fresh token for a card whose fields were checked; `source` is what may be kept of it. */
  create(source: PaymentSource): string {
    const tokenId = randomUUID();
    const createdMs = this.clock.now();
    this.tokens.set(tokenId, {
      tokenId,
      source,
      createdMs,
      expiresMs: createdMs + this.clock.scale(TOKEN_LIFETIME_MS),
    });
    return tokenId;
  }

  /** Why the token cannot be used now (a message for parameter tokenId), or undefined. */
  problem(tokenId: string): string | undefined {
    const token = this.tokens.get(tokenId);
    if (!token) return TOKEN_UNKNOWN_MESSAGE;
    if (token.usedFor !== undefined) return TOKEN_USED_MESSAGE;
    if (this.expired(token)) return TOKEN_EXPIRED_MESSAGE;
    return undefined;
  }

  /** The card a usable token stands for (check `problem` first). */
  source(tokenId: string): PaymentSource | undefined {
    return this.problem(tokenId) === undefined ? this.tokens.get(tokenId)!.source : undefined;
  }

  /** Marks the token used by `usedFor`; a second use is then refused. */
  consume(tokenId: string, usedFor: string): void {
    const token = this.tokens.get(tokenId);
    if (token) token.usedFor = usedFor;
  }

  /** Control: the token's 30 minutes are over now. */
  expire(tokenId: string): TokenView | undefined {
    const token = this.tokens.get(tokenId);
    if (!token) return undefined;
    token.expiresMs = Math.min(token.expiresMs, this.clock.now());
    return this.view(token);
  }

  /** Control: the token counts as used once already, so its next use is refused as a reuse. */
  markUsed(tokenId: string): TokenView | undefined {
    const token = this.tokens.get(tokenId);
    if (!token) return undefined;
    token.usedFor ??= 'control';
    return this.view(token);
  }

  list(): TokenView[] {
    return [...this.tokens.values()].map((t) => this.view(t));
  }

  reset(): void {
    this.tokens.clear();
  }

  private expired(token: StoredToken): boolean {
    return this.clock.now() >= token.expiresMs;
  }

  private view(token: StoredToken): TokenView {
    return {
      tokenId: token.tokenId,
      created: isoSeconds(token.createdMs),
      expires: isoSeconds(token.expiresMs),
      used: token.usedFor !== undefined,
      ...(token.usedFor !== undefined ? { usedFor: token.usedFor } : {}),
      expired: this.expired(token),
      brand: token.source.vault.accountType,
      lastFour: token.source.vault.lastFour,
    };
  }
}
