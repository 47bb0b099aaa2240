/**
 * The packages only the relay uses are optional peer dependencies of pj-elements (package.json
 * "peerDependenciesMeta"): a page that uses only the elements installs none of them. So `pj-elements/server`
 * imports none of them up front: createRelay loads hono, @hono/node-server and pino when it creates a relay,
 * and the Redis client only when it opens a Redis store. A missing one is named, with the command that
 * installs it, instead of Node's "Cannot find package" from deep inside dist/server.
 */
import { createRequire } from 'node:module';

/** What every relay needs (README, "From npm"); `redis` is needed by a Redis store only. */
export const RELAY_PACKAGES = ['hono', '@hono/node-server', 'pino'] as const;

const require = createRequire(import.meta.url);

const notFound = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
};

/** Whether Node finds `name` from here, as an import or a require. */
function installed(name: string): boolean {
  for (const resolve of [(n: string) => import.meta.resolve(n), (n: string) => require.resolve(n)]) {
    try {
      resolve(name);
      return true;
    } catch {
      // the other resolver may still find it
    }
  }
  return false;
}

/**
 * `err`, from a load that failed, as the error to throw: when packages of `names` are not installed,
 * one that names them all and the command that installs them. Asked only after a failure, so a relay
 * bundled with its packages (nothing to resolve at run time) never asks.
 */
export function missingPackages(err: unknown, names: readonly string[], needs: string): unknown {
  if (!notFound(err)) return err;
  const absent = names.filter((name) => !installed(name));
  if (absent.length === 0) return err;
  const list = absent.length === 1 ? absent[0] : `${absent.slice(0, -1).join(', ')} and ${absent.at(-1)}`;
  const [which, them] = absent.length === 1 ? ['which is', 'it'] : ['which are', 'them'];
  return new Error(
    `${needs} needs ${list}, ${which} not installed. Install ${them} next to pj-elements: ` +
      `npm install ${absent.join(' ')} (optional peer dependencies: a page that only uses the elements does without).`,
    { cause: err },
  );
}

/** `import()` of a module that needs `names`, with the error above when one is missing. */
export async function importNeeding<T>(load: () => Promise<T>, names: readonly string[], needs: string): Promise<T> {
  try {
    return await load();
  } catch (err) {
    throw missingPackages(err, names, needs);
  }
}

/** `require()` of the CommonJS package `name` (pino), for a caller that cannot wait for an import. */
export function requireNeeding<T>(name: string, names: readonly string[], needs: string): T {
  try {
    return require(name) as T;
  } catch (err) {
    throw missingPackages(err, names, needs);
  }
}

/** What createRelay needs of hono, @hono/node-server and pino (relay-http.ts), pino required too. */
export function importRelayHttp(): Promise<typeof import('./relay-http.js')> {
  const load = async () => {
    const http = await import('./relay-http.js');
    http.loadPino();
    return http;
  };
  return importNeeding(load, RELAY_PACKAGES, 'The relay (pj-elements/server)');
}

/** The Redis store, imported only when a relay opens one: the Redis client is most of what the relay would load. */
export function importRedisStore(): Promise<typeof import('./relay/redis-store.js')> {
  return importNeeding(() => import('./relay/redis-store.js'), ['redis'], 'A Redis store (REDIS_URL)');
}
