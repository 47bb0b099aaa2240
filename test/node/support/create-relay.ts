/** A process that creates a relay in the mode named by its first argument, closes it, and says so. */
import { createLogger } from '../../../server-stub/log.js';
import { createRelay } from '../../../server-stub/relay-server.js';
import type { Mode } from '../../../server-stub/settings.js';

const mode = process.argv[2] as Mode;
const relay = await createRelay({
  mode,
  // Never used: creating a relay calls PayJunction only to subscribe webhooks, and none is configured.
  ...(mode === 'simulator'
    ? { simulator: { port: 0 } }
    : { credentials: { login: 'load-test', password: 'load-test-password', appKey: 'load-test-key' } }),
  logger: createLogger({ level: 'silent' }),
  env: {},
});
await relay.close();
console.log(`created a ${relay.mode} relay`);
