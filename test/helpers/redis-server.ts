/**
 * A throwaway redis-server for one test file: a free port, no persistence unless `args` turn it on
 * (e.g. `['--appendonly', 'yes', '--dir', tmp]`), stopped by its own pid.
 * `npm test` installs redis-server first (scripts/system-deps.mjs); running a test file directly
 * without it fails with a message that says how to get it.
 */
import { spawn } from 'node:child_process';
import { findRedisServer } from '../../scripts/system-deps.mjs';
import { freePort } from './free-port.js';

export interface RedisServer {
  /** e.g. redis://127.0.0.1:40123 */
  url: string;
  port: number;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

const READY = 'Ready to accept connections';

export async function startRedisServer(
  options: { startTimeoutMs?: number; args?: string[] } = {},
): Promise<RedisServer> {
  const bin = findRedisServer();
  if (!bin) {
    throw new Error(
      'redis-server was not found. The multi-process tests need it: run `npm test` as root (it installs it with ' +
        'apt-get), or `apt-get install redis-server`, or set REDIS_SERVER_PATH to the binary.',
    );
  }
  const port = await freePort();
  // Later arguments win, so `args` can turn persistence on (or rename CONFIG, as managed Redis does).
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    ...(options.args ?? []),
  ];
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`redis-server did not become ready within ${options.startTimeoutMs ?? 10_000} ms:\n${output}`),
          ),
        options.startTimeoutMs ?? 10_000,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${bin}: ${err.message}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw err;
  }
  // Keep draining its output so a full pipe never blocks it.
  child.stdout.resume();
  child.stderr.resume();

  let stopping: Promise<void> | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
