/**
 * `npm run relay -- --mode simulator|labs|production --port N`: the relay on its own. In simulator
 * mode it starts the simulator too (PJ_SIMULATOR_PORT, default 8081). Labs and production refuse to
 * start without credentials, printing the command that fixes it.
 *
 * Prints, for a person, the relay's URL (and the simulator's), then logs as pino JSON lines
 * (LOG_LEVEL, default info):
 *
 *   pj-elements relay: http://127.0.0.1:8080/pj (simulator mode, status by webhooks; Ctrl+C to stop)
 *   PayJunction simulator: http://127.0.0.1:8081
 *   payment fields: http://127.0.0.1:8082          (with PJ_FIELDS_PORT: the fields frame's own origin)
 */
import { credentialsFromEnv, missingCredentialsMessage, modeFrom, parseMode, portFrom } from '../settings.js';
import { createRelay, type RelayServer } from '../relay-server.js';
import { cliArgs, isPortTaken, onShutdown, portInUseMessage } from './args.js';

const USAGE = 'Usage: npm run relay -- [--mode simulator|labs|production] [--port 8080] [--host 127.0.0.1]';
const env = process.env;
let server: RelayServer | undefined;
try {
  let args: ReturnType<typeof cliArgs>;
  try {
    args = cliArgs(process.argv.slice(2), { mode: true });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`, { cause: err });
  }
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const mode = args.mode !== undefined ? parseMode(args.mode) : modeFrom(env, 'PJ_ENV');
  const port = args.port ?? portFrom(env, 'PORT', 8080);
  const inProcessSimulator = mode === 'simulator' && !env.PJ_SIMULATOR_URL;
  const simulatorPort = inProcessSimulator ? portFrom(env, 'PJ_SIMULATOR_PORT', 8081) : undefined;

  if (mode !== 'simulator') {
    const { missing } = credentialsFromEnv(env);
    if (missing.length > 0) {
      const command = args.mode !== undefined ? `npm run relay -- --mode ${mode}` : `PJ_ENV=${mode} npm run relay`;
      throw new Error(missingCredentialsMessage(mode, missing, command));
    }
  }

  if (port !== 0 && port === simulatorPort) {
    throw new Error(
      `the relay and the simulator are both on port ${port}: give them a port each (--port, PJ_SIMULATOR_PORT).`,
    );
  }

  try {
    server = await createRelay({
      mode,
      ...(simulatorPort !== undefined ? { simulator: { port: simulatorPort } } : {}),
    });
  } catch (err) {
    if (simulatorPort !== undefined && isPortTaken(err)) {
      throw new Error(
        portInUseMessage(
          simulatorPort,
          "the simulator's",
          (free) => `set PJ_SIMULATOR_PORT to a free port, e.g. PJ_SIMULATOR_PORT=${free} npm run relay`,
        ),
        { cause: err },
      );
    }
    throw err;
  }
  let url: string;
  let fieldsUrl: string | undefined;
  try {
    ({ url, fieldsUrl } = await server.listen({ port, ...(args.host ? { host: args.host } : {}) }));
  } catch (err) {
    if (!isPortTaken(err)) throw err;
    throw new Error(
      portInUseMessage(port, "the relay's", (free) =>
        args.port !== undefined
          ? `pass another --port, e.g. --port ${free}`
          : `set PORT to a free port, e.g. PORT=${free} npm run relay`,
      ),
      { cause: err },
    );
  }
  // Listening on every interface: show an address a browser on this machine can open.
  const shown = url.replace(/^http:\/\/(?:0\.0\.0\.0|\[::\])(?=:)/, 'http://localhost');
  const running = server;
  onShutdown(() => running.close());
  console.log(
    `pj-elements relay: ${shown}${server.basePath} (${server.mode} mode, status by ${server.delivery}; Ctrl+C to stop)`,
  );
  if (server.simulatorUrl) console.log(`PayJunction simulator: ${server.simulatorUrl}`);
  if (fieldsUrl) console.log(`payment fields: ${fieldsUrl}`);
} catch (err) {
  console.error(`Cannot start the relay: ${(err as Error).message}`);
  await server?.close().catch(() => {});
  process.exit(1);
}
