/**
 * A relay process for the crash tests: what `npm run stub` starts (createRelay, every setting from the
 * environment: PJ_SIMULATOR_URL, REDIS_URL, PJ_ATTEMPT_LEASE_MS, …), except the page-facing rate
 * limit, which has no environment setting and is far below what the tests send from one address.
 * Prints the line server-stub/cli/stub.ts prints, and closes on SIGTERM; SIGKILL is the point.
 */
import { createRelay } from '../../server-stub/relay-server.js';

const stub = await createRelay({ limits: { postsPerMinute: 100_000, lookupsPerMinute: 100_000 } });
const { url } = await stub.listen({ port: Number(process.env.PORT ?? 0) });
console.log(`pj-elements relay: ${url}${stub.basePath} (${stub.mode} mode, status by ${stub.delivery})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stub.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
