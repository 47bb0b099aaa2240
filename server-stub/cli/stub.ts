/**
 * `npm run stub -- --mode simulator|labs|production --port N`: the relay on its own. In simulator
 * mode it starts the simulator too. Labs and production refuse to start without credentials.
 */
import { parseMode } from '../settings.js';
import { createStub } from '../stub.js';
import { cliArgs, onShutdown } from './args.js';

try {
  const args = cliArgs(process.argv.slice(2), { mode: true });
  if (args.help) {
    console.log('Usage: npm run stub -- [--mode simulator|labs|production] [--port 8080] [--host 127.0.0.1]');
    process.exit(0);
  }
  const stub = await createStub({ mode: parseMode(args.mode ?? process.env.PJ_ENV) });
  const { url } = await stub.listen({ port: args.port ?? Number(process.env.PORT ?? 8080), ...(args.host ? { host: args.host } : {}) });
  console.log(`pj-elements relay (${stub.mode} mode, status by ${stub.delivery}) on ${url}${stub.basePath}`);
  if (stub.simulatorUrl) console.log(`PayJunction simulator on ${stub.simulatorUrl}`);
  onShutdown(() => stub.close());
} catch (err) {
  console.error(`Cannot start the relay: ${(err as Error).message}`);
  process.exit(1);
}
