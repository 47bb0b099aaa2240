/**
 * The multi-process store: the relay's state in Redis (node-redis 6), so several relay processes
 * behind a load balancer share request snapshots, idempotency keys, seen webhook events, leases,
 * rate-limit counters and PayJunction's pace (paceTurns), and hear each other's snapshot changes
 * over Redis pub/sub.
 *
 * Every key is written with a TTL (PX); nothing here lives forever. Values are JSON.
 *
 * Connections: one command connection (shared by every caller; node-redis pipelines them) and one
 * subscriber connection (a connection in subscribe mode can run nothing else).
 *
 * Atomicity without WATCH: node-redis 5+ no longer isolates a WATCH on a shared connection, so a
 * WATCH/MULTI transaction would need a dedicated connection (serialising every update in the
 * process) or a pool. updateRequest instead does an optimistic compare-and-set: GET the JSON, run
 * the JS update, then a Lua script writes the new JSON only if the key still holds exactly the JSON
 * we read, else we read again and retry (bounded). Updates of one request inside this process are
 * queued one after the other first, so retries only happen when another process wrote in between.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import type { Logger } from 'pino';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { LocalListeners } from './local-listeners.js';
import { makeClient, readPersistence, redactUrl, type RedisPersistence } from './redis-connection.js';
import { RedisTurns, paceKey, type GrantedSlot } from './redis-pace.js';
import { REDIS_STORE, type RelayStore, type StoredRequest, type Unsubscribe } from './store.js';

export interface RedisStoreOptions {
  /** Prepended to every key and to the pub/sub channel, so several apps can share one Redis. Default 'pj:'. */
  keyPrefix?: string;
  /** Where connection trouble is reported (commands still reject on their own). */
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Connection attempts before connect() gives up when Redis cannot be reached at start. Default 3. */
  connectAttempts?: number;
}

type Client = RedisClientType;

export type { RedisPersistence };

/** What goes over the channel: the snapshot and which store published it (it delivered locally already). */
type Message = { origin: string; snapshot: RequestSnapshot };

/** Writes ARGV[2] with TTL ARGV[3] only if the key still holds ARGV[1]; 1 when written. */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;

/**
 * Compare-and-set of a value that may be absent: ARGV[1] is the JSON read ('' = absent), ARGV[2] the
 * JSON to write ('' = delete). 1 when the key still held what was read and was changed.
 */
const COMPARE_AND_SET_VALUE = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
  return 1
end
return 0`;

/** RPUSH ARGV[1] with TTL ARGV[3], then trims to the last ARGV[2] items; returns those trimmed off. */
const APPEND_CAPPED = `
local over = redis.call('RPUSH', KEYS[1], ARGV[1]) - tonumber(ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if over <= 0 then return {} end
local out = redis.call('LRANGE', KEYS[1], 0, over - 1)
redis.call('LTRIM', KEYS[1], over, -1)
return out`;

/** Renews a lease only for the owner holding it; 1 when renewed. */
const COMPARE_AND_EXPIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** Releases a lease only for the owner holding it. */
const COMPARE_AND_DELETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** A fixed-window counter: INCR, and the window's TTL on the first hit (in one step, so no counter outlives its window). */
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n`;

/** How many times updateRequest re-reads after another process changed the record under it. */
const MAX_UPDATE_ATTEMPTS = 100;

export class RedisStore implements RelayStore {
  readonly [REDIS_STORE] = true;
  readonly #client: Client;
  readonly #subscriber: Client;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #origin = randomUUID();
  readonly #listeners = new LocalListeners((err) =>
    this.#log?.error({ err: err instanceof Error ? err.message : String(err) }, 'snapshot listener threw'),
  );
  /** Per-request tail of the local update queue. */
  readonly #updating = new Map<string, Promise<unknown>>();
  readonly #log: Pick<Logger, 'warn' | 'error'> | undefined;
  #closing: Promise<void> | undefined;
  #persistence: RedisPersistence = 'unknown';

  private constructor(
    client: Client,
    subscriber: Client,
    prefix: string,
    log: Pick<Logger, 'warn' | 'error'> | undefined,
  ) {
    this.#client = client;
    this.#subscriber = subscriber;
    this.#prefix = prefix;
    this.#channel = `${prefix}snapshots`;
    this.#log = log;
  }

  /** Whether this Redis keeps its data over a restart, as read at connect (see RedisPersistence). */
  get persistence(): RedisPersistence {
    return this.#persistence;
  }

  /**
   * Connects both connections, subscribes the change feed and reads whether Redis persists its data
   * (`persistence`); rejects (and leaves nothing open) when Redis cannot be reached.
   */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const prefix = options.keyPrefix ?? 'pj:';
    const attempts = Math.max(1, options.connectAttempts ?? 3);
    const log = options.logger;
    const client = makeClient(url, attempts, log, 'commands');
    const subscriber = makeClient(url, attempts, log, 'subscriber');
    const store = new RedisStore(client, subscriber, prefix, log);
    try {
      await Promise.all([client.connect(), subscriber.connect()]);
      // One channel carries every snapshot (see #deliver). It is subscribed once, here, so a
      // listener added later is live the moment subscribe() returns: no per-request SUBSCRIBE
      // round-trip during which a change could be published and missed. Each process receives
      // every change, which at point-of-sale volumes (a few requests a minute) costs nothing.
      await subscriber.subscribe(store.#channel, (message) => store.#deliver(message));
      // Pub/sub is at-most-once: what was published while the subscriber was reconnecting is lost.
      // Once it is back, re-read every watched request so listeners catch up (they keep the highest version).
      subscriber.on('ready', () => void store.#resync());
      store.#persistence = await readPersistence(client);
      if (store.#persistence === 'unknown') {
        log?.warn(
          'Could not check whether Redis persists its data (CONFIG GET is not allowed): make sure it has ' +
            'appendonly yes or RDB snapshots, or a Redis restart loses in-flight payments and idempotency keys.',
        );
      }
    } catch (err) {
      client.destroy();
      subscriber.destroy();
      throw new Error(
        `Cannot connect to Redis at ${redactUrl(url)}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    return store;
  }

  #key(kind: string, id: string): string {
    return `${this.#prefix}${kind}:${id}`;
  }

  /** PayJunction's pace for one integration, shared by every process on this Redis (./redis-pace.ts). */
  paceTurns(credentials: { login: string; appKey: string }, onGrant?: (slot: GrantedSlot) => void): RedisTurns {
    return new RedisTurns(this.#client, paceKey(this.#prefix, credentials), onGrant);
  }

  // ─── Requests ─────────────────────────────────────────────────────────────────────────────

  async getRequest(requestId: string): Promise<StoredRequest | undefined> {
    const raw = await this.#client.get(this.#key('req', requestId));
    return raw === null ? undefined : (JSON.parse(raw) as StoredRequest);
  }

  async createRequest(record: StoredRequest, ttlMs: number): Promise<boolean> {
    const reply = await this.#client.set(this.#key('req', record.snapshot.requestId), JSON.stringify(record), {
      condition: 'NX',
      expiration: { type: 'PX', value: ttl(ttlMs) },
    });
    return reply === 'OK';
  }

  /**
   * `update` may run more than once (when another process wrote in between), each time on a fresh
   * copy of the current record: it must be a pure function of its argument.
   */
  updateRequest(
    requestId: string,
    update: (current: StoredRequest) => StoredRequest | undefined,
    ttlMs: number,
  ): Promise<{ record: StoredRequest; changed: boolean } | undefined> {
    // Queue behind this process's previous update of the same request: no local contention.
    const previous = this.#updating.get(requestId) ?? Promise.resolve();
    const run = previous.then(
      () => this.#compareAndSetLoop(requestId, update, ttlMs),
      () => this.#compareAndSetLoop(requestId, update, ttlMs),
    );
    this.#updating.set(requestId, run);
    const cleanup = () => {
      if (this.#updating.get(requestId) === run) this.#updating.delete(requestId);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  async #compareAndSetLoop(
    requestId: string,
    update: (current: StoredRequest) => StoredRequest | undefined,
    ttlMs: number,
  ): Promise<{ record: StoredRequest; changed: boolean } | undefined> {
    const key = this.#key('req', requestId);
    for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
      const raw = await this.#client.get(key);
      if (raw === null) return undefined;
      const current = JSON.parse(raw) as StoredRequest;
      const next = update(JSON.parse(raw) as StoredRequest);
      if (!next) return { record: current, changed: false };
      const written = await this.#client.eval(COMPARE_AND_SET, {
        keys: [key],
        arguments: [raw, JSON.stringify(next), String(ttl(ttlMs))],
      });
      if (Number(written) === 1) return { record: next, changed: true };
      // Another process won the race: back off a little (random, growing) and read again.
      if (attempt > 2) await sleep(Math.random() * Math.min(50, attempt * 2));
    }
    throw new Error(`updateRequest(${requestId}): gave up after ${MAX_UPDATE_ATTEMPTS} conflicting writes`);
  }

  // ─── Small values (attempt ledger, terminal pointers, aliases) and capped lists ─────────────

  async updateValue<T>(
    name: string,
    update: (current: T | undefined) => T | null | undefined,
    ttlMs: number,
  ): Promise<{ value: T | undefined; changed: boolean }> {
    const key = this.#key('val', name);
    for (let attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
      const raw = await this.#client.get(key);
      const current = raw === null ? undefined : (JSON.parse(raw) as T);
      const next = update(raw === null ? undefined : (JSON.parse(raw) as T));
      if (next === undefined) return { value: current, changed: false };
      const text = next === null ? '' : JSON.stringify(next);
      const written = await this.#client.eval(COMPARE_AND_SET_VALUE, {
        keys: [key],
        arguments: [raw ?? '', text, String(ttl(ttlMs))],
      });
      if (Number(written) === 1) return { value: next === null ? undefined : (JSON.parse(text) as T), changed: true };
      if (attempt > 2) await sleep(Math.random() * Math.min(50, attempt * 2));
    }
    throw new Error(`updateValue(${name}): gave up after ${MAX_UPDATE_ATTEMPTS} conflicting writes`);
  }

  async getValue<T>(name: string): Promise<T | undefined> {
    const raw = await this.#client.get(this.#key('val', name));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async appendCapped<T>(name: string, item: T, maxLength: number, ttlMs: number): Promise<T[]> {
    const out = (await this.#client.eval(APPEND_CAPPED, {
      keys: [this.#key('list', name)],
      arguments: [JSON.stringify(item), String(Math.max(1, maxLength)), String(ttl(ttlMs))],
    })) as string[];
    return out.map((text) => JSON.parse(text) as T);
  }

  async getList<T>(name: string): Promise<T[]> {
    const raw = await this.#client.lRange(this.#key('list', name), 0, -1);
    return raw.map((text) => JSON.parse(text) as T);
  }

  // ─── Webhook events and owned ids ─────────────────────────────────────────────────────────

  async markEventSeen(eventKey: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#client.set(this.#key('evt', eventKey), '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: ttl(ttlMs) },
    });
    return reply === 'OK';
  }

  async addOwned(kind: 'transaction' | 'schedule', id: number, ttlMs: number): Promise<void> {
    await this.#client.set(this.#key('owned', `${kind}:${id}`), '1', { expiration: { type: 'PX', value: ttl(ttlMs) } });
  }

  async isOwned(kind: 'transaction' | 'schedule', id: number): Promise<boolean> {
    return (await this.#client.exists(this.#key('owned', `${kind}:${id}`))) === 1;
  }

  // ─── Change feed ──────────────────────────────────────────────────────────────────────────

  /**
   * Delivers to this process's listeners at once (as MemoryStore does, before publish resolves),
   * then to every other process through Redis. Our own message coming back is skipped.
   * Snapshots from two processes may arrive in either order: listeners keep the highest version
   * (the SSE route does), since the version, not arrival, orders them.
   */
  async publish(snapshot: RequestSnapshot): Promise<void> {
    this.#listeners.deliver(snapshot);
    if (this.#closing) return;
    const message: Message = { origin: this.#origin, snapshot };
    await this.#client.publish(this.#channel, JSON.stringify(message));
  }

  subscribe(requestId: string, listener: (snapshot: RequestSnapshot) => void): Unsubscribe {
    return this.#listeners.add(requestId, listener);
  }

  /** How many listeners are attached: lets tests prove a closed stream leaves none behind. */
  listenerCount(requestId?: string): number {
    return this.#listeners.count(requestId);
  }

  #deliver(raw: string): void {
    let message: Message;
    try {
      message = JSON.parse(raw) as Message;
    } catch {
      this.#log?.warn('ignored a malformed message on the snapshot channel');
      return;
    }
    if (message.origin === this.#origin || !message.snapshot?.requestId) return;
    this.#listeners.deliver(message.snapshot);
  }

  async #resync(): Promise<void> {
    for (const requestId of this.#listeners.requestIds()) {
      if (this.#closing) return;
      const record = await this.getRequest(requestId).catch(() => undefined);
      if (record) this.#listeners.deliver(record.snapshot);
    }
  }

  // ─── Leases and counters ──────────────────────────────────────────────────────────────────

  async acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = this.#key('lease', name);
    const px = String(ttl(ttlMs));
    const taken = await this.#client.set(key, owner, {
      condition: 'NX',
      expiration: { type: 'PX', value: ttl(ttlMs) },
    });
    if (taken === 'OK') return true;
    // Held already: renewed only if we are the holder.
    return Number(await this.#client.eval(COMPARE_AND_EXPIRE, { keys: [key], arguments: [owner, px] })) === 1;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.#client.eval(COMPARE_AND_DELETE, { keys: [this.#key('lease', name)], arguments: [owner] });
  }

  async hit(key: string, windowMs: number): Promise<number> {
    return Number(await this.#client.eval(HIT, { keys: [this.#key('hit', key)], arguments: [String(ttl(windowMs))] }));
  }

  /** Waits for commands in flight, then closes both connections. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#listeners.clear();
      await Promise.allSettled([...this.#updating.values()]);
      await Promise.allSettled([this.#subscriber.close(), this.#client.close()]);
    })();
    return this.#closing;
  }
}

/** Redis wants a positive whole number of milliseconds. */
function ttl(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
