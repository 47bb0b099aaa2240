/** startSimulator: the simulator on a real HTTP port (node:http through @hono/node-server). */
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
  host: string;
  simulator: Simulator;
  /** Stops listening, closes open connections and clears every timer. */
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const simulator = createSimulator(options);
  const server = createAdaptorServer({ fetch: simulator.fetch, hostname: host }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    simulator.dispose();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve) => {
        simulator.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
