/**
 * `npm start`: the relay and the PayJunction simulator with no credentials (PJ_ENV picks another
 * mode). The demo page joins them with the elements.
 */
import { createLogger } from '../log.js';
import { parseMode } from '../settings.js';
import { createStub } from '../stub.js';
import { onShutdown } from './args.js';

try {
  // A newcomer's terminal shows the URLs and problems; LOG_LEVEL=info shows every call.
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const stub = await createStub({ mode: parseMode(process.env.PJ_ENV), logger });
  const { url } = await stub.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
  console.log(`pj-elements relay (${stub.mode} mode, status by ${stub.delivery}): ${url}${stub.basePath}/health`);
  if (stub.simulatorUrl) console.log(`PayJunction simulator: ${stub.simulatorUrl}`);
  console.log('Press Ctrl+C to stop.');
  onShutdown(() => stub.close());
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`);
  process.exit(1);
}
