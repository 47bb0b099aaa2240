/**
 * `npm start`: the demo page, the relay and (with no credentials) the PayJunction simulator, on one origin.
 *
 *   PORT (8080)               the demo at /, the relay at /pj, the simulator's controls at /__sim (simulator mode)
 *   PJ_SIMULATOR_PORT (8081)  the in-process simulator (PayJunction's API), simulator mode
 *   PJ_ENV                    simulator (default), labs or production (then PJ_API_LOGIN, PJ_API_PASSWORD,
 *                             PJ_APP_KEY; no simulator, no /__sim, the demo hides its simulator panel)
 *
 * Builds the demo first when dist/demo is missing or older than its sources (a fresh clone needs only
 * `npm install && npm start`). Prints one line for a person, the demo's URL:
 *
 *   pj-elements demo: http://127.0.0.1:8080/ (simulator mode; Ctrl+C to stop)
 *
 * Logs are pino's JSON lines, warnings and errors only unless LOG_LEVEL says otherwise (info shows
 * every call). A setting that cannot work (a taken port, labs without credentials) is one sentence on
 * stderr naming the variable to change, and exit code 1.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createLogger } from '../log.js';
import { credentialsFromEnv, missingCredentialsMessage, modeFrom, portFrom } from '../settings.js';
import { createRelay, type RelayServer } from '../relay-server.js';
import { isPortTaken, onShutdown, portInUseMessage } from './args.js';
import { createDemoApp, ensureDemoBuilt } from './demo-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = process.env;

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        isPortTaken(err)
          ? new Error(
              portInUseMessage(port, "the demo's", (free) => `set PORT to a free port, e.g. PORT=${free} npm start`),
            )
          : err,
      ),
    );
  });
}

let relay: RelayServer | undefined;
try {
  const port = portFrom(env, 'PORT', 8080);
  const host = env.HOST || '127.0.0.1';
  const mode = modeFrom(env, 'PJ_ENV');
  const inProcessSimulator = mode === 'simulator' && !env.PJ_SIMULATOR_URL;
  const simulatorPort = inProcessSimulator ? portFrom(env, 'PJ_SIMULATOR_PORT', 8081) : undefined;

  if (mode !== 'simulator') {
    const { missing } = credentialsFromEnv(env);
    if (missing.length > 0) {
      throw new Error(
        `${missingCredentialsMessage(mode, missing, `PJ_ENV=${mode} npm start`)}\n` +
          'Without PJ_ENV, npm start runs against the built-in simulator and needs no credentials.',
      );
    }
  }
  if (port !== 0 && port === simulatorPort) {
    throw new Error(
      `PORT and PJ_SIMULATOR_PORT are both ${port}: the demo and the simulator need a port each, ` +
        `e.g. PORT=${port} PJ_SIMULATOR_PORT=${port === 8081 ? 8082 : port + 1} npm start.`,
    );
  }

  // A newcomer's terminal shows the URL and problems; LOG_LEVEL=info shows every call.
  const logger = createLogger({ level: env.LOG_LEVEL || 'warn' });
  try {
    relay = await createRelay({
      mode,
      logger,
      ...(simulatorPort !== undefined ? { simulator: { port: simulatorPort } } : {}),
      // The demo's "stored card" method bills the simulator's fixture vaults; with real PayJunction a
      // page may use a stored card only when the merchant's own hook says so, which this demo has not.
      ...(mode === 'simulator' ? { authorizeVault: () => true } : {}),
      // Until <pj-schedule-form> uses the fields frame (issue 11): its schedule form still posts raw numbers.
      acceptRawPaymentNumbers: true,
    });
  } catch (err) {
    if (simulatorPort !== undefined && isPortTaken(err)) {
      throw new Error(
        portInUseMessage(
          simulatorPort,
          "the simulator's",
          (free) => `set PJ_SIMULATOR_PORT to a free port, e.g. PJ_SIMULATOR_PORT=${free} npm start`,
        ),
        { cause: err },
      );
    }
    throw err;
  }

  await ensureDemoBuilt(root, (line) => console.error(line));

  const app = createDemoApp({ relay, root });
  const { server, port: actual } = await listen(app.fetch, port, host);
  relay.servedAt(host, actual); // the relay checks Host against where it is really served

  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${actual}`;
  // Simulator mode: the simulator delivers its webhooks to us on loopback, as PayJunction would to PJ_WEBHOOK_URL.
  if (relay.mode === 'simulator' && relay.delivery === 'webhooks' && !env.PJ_WEBHOOK_URL) {
    const loopback = wildcard ? `http://127.0.0.1:${actual}` : origin;
    await relay.subscribeWebhooks(`${loopback}${relay.basePath}/webhooks/payjunction`);
  }

  const running = relay;
  onShutdown(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Open EventSource streams would otherwise hold the server open.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await running.close();
  });
  // Last, once Ctrl+C stops it cleanly: a script may stop it as soon as it reads this line.
  console.log(`pj-elements demo: ${origin}/ (${relay.mode} mode; Ctrl+C to stop)`);
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`);
  await relay?.close().catch(() => {});
  process.exit(1);
}
