/**
 * Connecting the Redis store: clients that give up quickly at start and reconnect for ever once
 * connected, whether Redis keeps its data over a restart, and its URL without the password.
 */
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';

/**
 * What survives a Redis restart. 'none': live requests and idempotency keys are lost, so a retried
 * key could charge again. 'unknown': CONFIG is disabled (common on managed Redis) and INFO did not
 * show AOF, so it could not be checked.
 */
export type RedisPersistence = 'aof' | 'rdb' | 'aof+rdb' | 'none' | 'unknown';

/** A node-redis client for `role` ('commands' or 'subscriber'); connect() tries `attempts` times. */
export function makeClient(
  url: string,
  attempts: number,
  log: Pick<Logger, 'warn' | 'error'> | undefined,
  role: string,
): RedisClientType {
  let ready = false;
  const client: RedisClientType = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      // At start, give up after a few tries so a wrong REDIS_URL fails fast; once connected,
      // reconnect forever with a capped backoff (commands in between reject or wait in the queue).
      reconnectStrategy: (retries: number, cause: Error) =>
        !ready && retries + 1 >= attempts ? cause : Math.min(2_000, 50 * 2 ** Math.min(retries, 6)),
    },
  });
  let lastReported = '';
  client.on('ready', () => {
    ready = true;
    lastReported = '';
  });
  // node-redis emits 'error' on every failed (re)connect; without a listener Node would crash.
  client.on('error', (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    if (!ready || message === lastReported) return; // connect() reports start-up failures itself
    lastReported = message;
    log?.warn({ role, err: message }, 'redis connection error; reconnecting');
  });
  return client;
}

/** AOF and RDB settings by CONFIG GET; without CONFIG, INFO persistence still tells whether AOF is on. */
export async function readPersistence(client: RedisClientType): Promise<RedisPersistence> {
  try {
    const aof = (await client.configGet('appendonly')).appendonly === 'yes';
    const rdb = ((await client.configGet('save')).save ?? '').trim() !== '';
    return aof && rdb ? 'aof+rdb' : aof ? 'aof' : rdb ? 'rdb' : 'none';
  } catch {
    try {
      if (/^aof_enabled:1\b/m.test(await client.info('persistence'))) return 'aof';
    } catch {
      // INFO disabled too: unknown.
    }
    return 'unknown';
  }
}

/** The URL to show in an error: its password masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an invalid URL)';
  }
}
