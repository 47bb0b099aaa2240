/**
 * `npm start`: the demo page, the relay and (with no credentials) the PayJunction simulator, on one origin.
 *
 *   PORT (8080)               the demo at /, the relay at /pj, the simulator's controls at /__sim (simulator mode)
 *   PJ_SIMULATOR_PORT (8081)  the in-process simulator (PayJunction's API), simulator mode
 *   PJ_ENV                    simulator (default), labs or production (then PJ_API_LOGIN, PJ_API_PASSWORD,
 *                             PJ_APP_KEY; no simulator, no /__sim, the demo hides its simulator panel)
 *
 * Builds the demo first when dist/demo is missing or older than its sources (a fresh clone needs only
 * `npm install && npm start`). Prints one line: the demo's URL. LOG_LEVEL=info shows every call.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createLogger } from '../log.js';
import { parseMode } from '../settings.js';
import { createStub, type Stub } from '../stub.js';
import { onShutdown } from './args.js';
import { createDemoApp, ensureDemoBuilt } from './demo-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, (info: AddressInfo) => resolve({ server, port: info.port }));
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: set PORT to another port.`) : err),
    );
  });
}

let stub: Stub | undefined;
try {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  const host = process.env.HOST ?? '127.0.0.1';
  const mode = parseMode(process.env.PJ_ENV);

  await ensureDemoBuilt(root, (line) => console.error(line));

  // A newcomer's terminal shows the URL and problems; LOG_LEVEL=info shows every call.
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  stub = await createStub({ mode, logger });
  const app = createDemoApp({ stub, root });
  const { server, port: actual } = await listen(app.fetch, port, host);

  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${actual}`;
  // Simulator mode: the simulator delivers its webhooks to us on loopback, as PayJunction would to PJ_WEBHOOK_URL.
  if (stub.mode === 'simulator' && stub.delivery === 'webhooks' && !process.env.PJ_WEBHOOK_URL) {
    const loopback = wildcard ? `http://127.0.0.1:${actual}` : origin;
    await stub.subscribeWebhooks(`${loopback}${stub.basePath}/webhooks/payjunction`);
  }

  console.log(`pj-elements demo: ${origin}/ (${stub.mode} mode; Ctrl+C to stop)`);

  const running = stub;
  onShutdown(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Open EventSource streams would otherwise hold the server open.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await running.close();
  });
} catch (err) {
  console.error(`Cannot start: ${(err as Error).message}`);
  await stub?.close().catch(() => {});
  process.exit(1);
}
