/**
 * `npm run simulator -- --port N [--web-port N] [--host H] [--speed F]`: the PayJunction simulator
 * on its own; the web origin (the look-alike SDK) on `--web-port` (PJ_SIMULATOR_WEB_PORT, else any
 * free port).
 * Credentials: PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY when set, else the documented defaults.
 * The password is never printed. PJ_SIM_SPEED (or --speed) divides every PayJunction delay.
 * PJ_SIM_ALLOW_HTTP_WEBHOOKS=1 accepts http:// loopback webhook URLs (a relay on this machine);
 * PJ_SIM_RATE_LIMIT_MS sets PayJunction's global rate limit (default 100; 0 = off).
 */
import { parseArgs } from 'node:util';
import { createSimLogger } from './logger.js';
import { startSimulator } from './server.js';

const USAGE = 'usage: npm run simulator -- [--port N] [--web-port N] [--host 127.0.0.1] [--speed F]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      'web-port': { type: 'string' },
      host: { type: 'string' },
      speed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (err) {
  fail((err as Error).message);
}
if (args.help) {
  console.log(
    `${USAGE}\n\n` +
      'PJ_SIMULATOR_PORT, PJ_SIMULATOR_WEB_PORT, PJ_SIM_SPEED: the same as --port, --web-port, --speed.\n' +
      "PJ_SIM_RATE_LIMIT_MS: PayJunction's global rate limit per integration (default 100; 0 = off).\n" +
      'PJ_SIM_ALLOW_HTTP_WEBHOOKS=1: also accept http:// webhook URLs on this machine (PayJunction takes HTTPS without a port only).',
  );
  process.exit(0);
}

const portSource = args.port !== undefined ? '--port' : 'PJ_SIMULATOR_PORT';
const rawPort = args.port ?? process.env.PJ_SIMULATOR_PORT;
const port = rawPort === undefined || rawPort.trim() === '' ? 8081 : Number(rawPort);
if (!/^\d*$/.test(rawPort?.trim() ?? '') || port > 65535)
  fail(`${portSource} must be a port number (0 to 65535), not "${rawPort}".`);
const webPortSource = args['web-port'] !== undefined ? '--web-port' : 'PJ_SIMULATOR_WEB_PORT';
const rawWebPort = args['web-port'] ?? process.env.PJ_SIMULATOR_WEB_PORT;
const webPort = rawWebPort === undefined || rawWebPort.trim() === '' ? 0 : Number(rawWebPort);
if (!/^\d*$/.test(rawWebPort?.trim() ?? '') || webPort > 65535)
  fail(`${webPortSource} must be a port number (0 to 65535), not "${rawWebPort}".`);
const speed = args.speed !== undefined ? Number(args.speed) : undefined;
if (speed !== undefined && !(speed > 0)) fail(`invalid --speed ${args.speed}`);

const logger = createSimLogger();
let sim;
try {
  sim = await startSimulator({
    port,
    webPort,
    ...(args.host ? { host: args.host } : {}),
    ...(speed ? { speed } : {}),
    logger,
  });
} catch (err) {
  const e = err as NodeJS.ErrnoException & { port?: number };
  const message =
    e.code === 'EADDRINUSE' && webPort !== 0 && e.port === webPort
      ? `web port ${webPort} is in use: pass another --web-port or set PJ_SIMULATOR_WEB_PORT (0 = any free port).`
      : e.code === 'EADDRINUSE'
        ? `port ${port} is in use: ${portSource === '--port' ? 'pass another --port' : 'set PJ_SIMULATOR_PORT to a free port, or pass --port'}, e.g. --port ${port < 65526 ? port + 10 : 9400}.`
        : e.message;
  console.error(`Cannot start the simulator: ${message}`);
  process.exit(1);
}
const { simulator } = sim;
// Stop cleanly on Ctrl+C from the moment the URL is out (a script may stop us as soon as it reads it).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}

console.log(`PayJunction simulator listening on ${sim.url}`);
console.log(`Web origin (look-alike SDK): ${sim.webUrl}/trinity/js/sdk.js`);
console.log(
  simulator.credentialsSource === 'env'
    ? `Credentials: from PJ_API_LOGIN / PJ_API_PASSWORD / PJ_APP_KEY (login ${simulator.credentials.login}; password not shown)`
    : `Credentials: simulator defaults (login ${simulator.credentials.login}, app key ${simulator.credentials.appKey}; password not shown)`,
);
console.log(`Clock speed: ×${simulator.speed}   Test controls: ${sim.url}/__sim/   Stop: Ctrl+C`);
const { settings } = simulator.state;
console.log(
  `Rate limit: ${settings.rateLimit ? `one call per ${settings.rateLimit.intervalMs} ms per integration` : 'off'} (PJ_SIM_RATE_LIMIT_MS)   ` +
    `Webhook URLs: ${settings.allowHttpWebhooks ? 'HTTPS, or http:// to this machine' : 'HTTPS without a port only (PJ_SIM_ALLOW_HTTP_WEBHOOKS=1 for a local relay)'}`,
);
