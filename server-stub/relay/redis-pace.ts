/**
 * PayJunction's pace shared through Redis: PayJunction allows about 1 request per 100 ms per
 * integration (https://developer.payjunction.com/hc/en-us/articles/115004486847), and several relay
 * processes of one integration must stay under it together. Each process's Pacer (../payjunction/pace.ts)
 * reserves every turn here first: one Lua script, on Redis's own clock (TIME, so the processes' clocks
 * need not agree), takes slot = max(now, last + interval), stores it as the last, and answers how long
 * until it starts. Slots are therefore granted in order and at least an interval apart, whichever
 * process asks.
 *
 * The key names the integration by a digest of its API login and application key (never the
 * password, and not the login in clear), so two integrations sharing a Redis keep their own pace.
 */
import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { TurnSource } from '../payjunction/pace.js';

/**
 * KEYS[1]: the integration's last slot (µs on Redis's clock). ARGV[1]: the interval in µs; ARGV[2]: the
 * key's TTL in ms. Returns {slot, wait}, both in µs: the slot granted and how long from now it starts.
 */
const RESERVE_SLOT = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local last = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local slot = math.max(now, last + tonumber(ARGV[1]))
redis.call('SET', KEYS[1], string.format('%.0f', slot), 'PX', ARGV[2])
return {string.format('%.0f', slot), string.format('%.0f', slot - now)}`;

/** The Redis key of an integration's pace: a digest of its login and application key, no secret. */
export function paceKey(prefix: string, credentials: { login: string; appKey: string }): string {
  const digest = createHash('sha256').update(`${credentials.login}\u0000${credentials.appKey}`).digest('hex');
  return `${prefix}pace:${digest.slice(0, 32)}`;
}

/** One slot as Redis granted it: its start and how long the caller waits for it, in µs on Redis's clock. */
export interface GrantedSlot {
  slotMicros: number;
  waitMicros: number;
}

export class RedisTurns implements TurnSource {
  readonly #client: RedisClientType;
  readonly #key: string;
  readonly #onGrant: ((slot: GrantedSlot) => void) | undefined;

  /** `onGrant` hears every slot granted to this process (figures, tests). */
  constructor(client: RedisClientType, key: string, onGrant?: (slot: GrantedSlot) => void) {
    this.#client = client;
    this.#key = key;
    this.#onGrant = onGrant;
  }

  async reserve(intervalMs: number): Promise<number> {
    const intervalMicros = Math.max(0, Math.round(intervalMs * 1000));
    // The last slot is only needed for one interval; a minute keeps it through any pause.
    const reply = (await this.#client.eval(RESERVE_SLOT, {
      keys: [this.#key],
      arguments: [String(intervalMicros), String(Math.max(60_000, intervalMs * 10))],
    })) as [string, string];
    const slot = { slotMicros: Number(reply[0]), waitMicros: Number(reply[1]) };
    this.#onGrant?.(slot);
    return slot.waitMicros / 1000;
  }
}
