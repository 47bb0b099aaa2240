// The relay under test, in a process of its own: whatever is built in dist/server (what npm users run),
// in simulator mode. Its settings come as JSON in BENCH_RELAY (see bench/lib/children.mjs startRelay).
// The PayJunction client's pace (minIntervalMs, 100 ms in production) is 0 and the per-client limits
// are out of reach: the bench measures the relay's own work, not its brakes.
import { existsSync } from 'node:fs';
import { serveBench } from '../lib/child-side.mjs';

const entry = new URL('../../dist/server/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('dist/ is not built: run node scripts/build.mjs first (npm run bench does).');
  process.exit(1);
}
const { createRelay, createLogger } = await import(entry.href);
const settings = JSON.parse(process.env.BENCH_RELAY ?? '{}');

const relay = await createRelay({
  mode: 'simulator',
  simulator: settings.simulatorUrl ? { url: settings.simulatorUrl } : { port: 0, speed: settings.speed ?? 20 },
  logger: createLogger({ level: 'silent' }),
  env: {},
  webhookSecret: settings.webhookSecret,
  ...(settings.delivery ? { delivery: settings.delivery } : {}),
  ...(settings.redisUrl ? { redisUrl: settings.redisUrl, allowVolatileRedis: true } : {}),
  minIntervalMs: 0,
  limits: { postsPerMinute: 1e9, lookupsPerMinute: 1e9 },
  ...(settings.timings ? { timings: settings.timings } : {}),
});
// The client's pace is 0 (above): the simulator's PayJunction rate limit goes off too (idempotent
// when several bench relays share one simulator).
await fetch(`${relay.simulatorUrl}/__sim/settings`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ rateLimit: false }),
});
const { url } = await relay.listen({ port: 0 });
process.on('disconnect', () => void relay.close().finally(() => process.exit(0)));
serveBench({ url, api: `${url}${relay.basePath}`, simUrl: relay.simulatorUrl, delivery: relay.delivery });
