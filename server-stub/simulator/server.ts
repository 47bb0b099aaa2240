/**
 * startSimulator: the simulator on real HTTP ports (node:http through @hono/node-server): the API on
 * `port`, the simulated web origin (the SDK script and its tokens) on `webPort`, a second origin as
 * PayJunction's SDK host is not its API host.
 */
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from './app.js';
import { createSimulator } from './app.js';
import type { SimulatorOptions } from './options.js';

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:9400 (no trailing slash): the PayJunction base URL to give a client. */
  url: string;
  port: number;
  /** The simulated web origin, e.g. http://127.0.0.1:9401: the SDK is `${webUrl}/trinity/js/sdk.js`. */
  webUrl: string;
  webPort: number;
  host: string;
  simulator: Simulator;
  /** Stops listening, closes open connections and clears every timer. */
  close(): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const simulator = createSimulator(options);
  const server = createAdaptorServer({ fetch: simulator.fetch, hostname: host }) as Server;
  const webServer = createAdaptorServer({ fetch: simulator.web.fetch, hostname: host }) as Server;
  let port: number;
  let webPort: number;
  try {
    port = await listen(server, options.port ?? 0, host);
    webPort = await listen(webServer, options.webPort ?? 0, host);
  } catch (err) {
    simulator.dispose();
    await Promise.all([closeServer(server), closeServer(webServer)]);
    throw err;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    webUrl: `http://${urlHost}:${webPort}`,
    webPort,
    host,
    simulator,
    close() {
      closing ??= (async () => {
        simulator.dispose();
        await Promise.all([closeServer(server), closeServer(webServer)]);
      })();
      return closing;
    },
  };
}
