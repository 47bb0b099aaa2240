/** The few flags the CLIs take (`--mode labs --port 8090`), with a clear error for anything else. */
import { parseArgs } from 'node:util';

export function cliArgs(argv: string[], allowed: { mode?: boolean } = {}) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      ...(allowed.mode ? { mode: { type: 'string' } } : {}),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a port number, not "${values.port}".`);
  }
  return {
    port,
    host: values.host as string | undefined,
    mode: (values as { mode?: string }).mode,
    help: values.help === true,
  };
}

export function onShutdown(close: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

/** Whether a listen error says the port is taken by another program (EADDRINUSE). */
export function isPortTaken(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

/** "port 8081 is in use: set PJ_SIMULATOR_PORT to a free port, e.g. PJ_SIMULATOR_PORT=8091 npm start." */
export function portInUseMessage(port: number, what: string, fix: (free: number) => string): string {
  const suggestion = port > 0 && port < 65526 ? port + 10 : 8090;
  return `port ${port} (${what}) is in use: ${fix(suggestion)}.`;
}
