/**
 * `npm start`: the demo page, the relay and (with no credentials) the PayJunction simulator, on one origin.
 *
 *   PORT (8080)               the demo at /, the relay at /pj, the simulator's controls at /__sim (simulator mode)
 *   PJ_SIMULATOR_PORT (8081)  the in-process simulator (PayJunction's API), simulator mode
 *   PJ_FIELDS_PORT (PORT+2)   the payment fields frame, on an origin of its own (any free port when
 *                             PORT+2 is taken and PJ_FIELDS_PORT is unset)
 *   PJ_ENV                    simulator (default), labs or production (then PJ_API_LOGIN, PJ_API_PASSWORD,
 *                             PJ_APP_KEY; no simulator, no /__sim, the demo hides its simulator panel)
 *
 * Builds the demo first when dist/demo is missing or older than its sources (a fresh clone needs only
 * `npm install && npm start`). Prints for a person the demo's URL, then the fields frame's origin:
 *
 *   pj-elements demo: http://127.0.0.1:8080/ (simulator mode; Ctrl+C to stop)
 *     payment fields: http://127.0.0.1:8082
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

function closeServer(server: ServerType): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Open EventSource streams would otherwise hold the server open.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  });
}

/** The fields frame on its own port: PORT+2 unless PJ_FIELDS_PORT says otherwise (any free port if PORT+2 is taken). */
async function serveFields(relay: RelayServer, relayOrigin: string, port: number, given: boolean, host: string) {
  try {
    return await relay.serveFields({ relayOrigin, port, host });
  } catch (err) {
    if (!isPortTaken(err)) throw err;
    if (!given) return relay.serveFields({ relayOrigin, port: 0, host });
    throw new Error(
      portInUseMessage(
        port,
        "the payment fields'",
        (free) => `set PJ_FIELDS_PORT to a free port, e.g. PJ_FIELDS_PORT=${free} npm start`,
      ),
      { cause: err },
    );
  }
}

let relay: RelayServer | undefined;
try {
  const port = portFrom(env, 'PORT', 8080);
  const host = env.HOST || '127.0.0.1';
  const mode = modeFrom(env, 'PJ_ENV');
  const inProcessSimulator = mode === 'simulator' && !env.PJ_SIMULATOR_URL;
  const simulatorPort = inProcessSimulator ? portFrom(env, 'PJ_SIMULATOR_PORT', 8081) : undefined;
  const fieldsPortGiven = Boolean(env.PJ_FIELDS_PORT?.trim());
  const fieldsPort = portFrom(env, 'PJ_FIELDS_PORT', port === 0 || port > 65533 ? 0 : port + 2);

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

  if (fieldsPort !== 0 && (fieldsPort === port || fieldsPort === simulatorPort)) {
    throw new Error(
      `PJ_FIELDS_PORT is ${fieldsPort}, taken by ${fieldsPort === port ? 'the demo (PORT)' : 'the simulator (PJ_SIMULATOR_PORT)'}: ` +
        `the payment fields frame needs an origin of its own, e.g. PJ_FIELDS_PORT=${fieldsPort + 10} npm start.`,
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
  const fields = await serveFields(relay, origin, fieldsPort, fieldsPortGiven, host).catch(async (err: unknown) => {
    await closeServer(server);
    throw err;
  });
  // Simulator mode: the simulator delivers its webhooks to us on loopback, as PayJunction would to PJ_WEBHOOK_URL.
  if (relay.mode === 'simulator' && relay.delivery === 'webhooks' && !env.PJ_WEBHOOK_URL) {
    const loopback = wildcard ? `http://127.0.0.1:${actual}` : origin;
    await relay.subscribeWebhooks(`${loopback}${relay.basePath}/webhooks/payjunction`);
  }

  const running = relay;
  onShutdown(async () => {
    await closeServer(server);
    await running.close();
  });
  // Last, once Ctrl+C stops it cleanly: a script may stop it as soon as it reads the first line.
  console.log(`pj-elements demo: ${origin}/ (${relay.mode} mode; Ctrl+C to stop)\n  payment fields: ${fields.url}`);
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`);
  await relay?.close().catch(() => {});
  process.exit(1);
}
