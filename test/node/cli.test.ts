/**
 * The three commands as a person runs them (`npm start`, `npm run relay`, `npm run simulator`), as real
 * processes on free ports: the line each prints is a plain URL a person reads (not a JSON log line),
 * and a setting that cannot work ends the process with one sentence that names what to change.
 *
 * No test measures time: each waits for a line (generously, `npm start` may build the demo first) or
 * for the process to exit.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/free-port.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const START = 'server-stub/cli/start.ts';
const RELAY = 'server-stub/cli/relay.ts';
const SIMULATOR = 'server-stub/simulator/cli.ts';
/** `npm start` builds dist/demo first when it is missing or stale: allow for a Vite build on two busy cores. */
const STARTUP_TIMEOUT = 240_000;

interface Cli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process exits first or after `timeoutMs`. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

const running = new Set<Cli>();
after(async () => {
  await Promise.all([...running].map((cli) => cli.stop()));
});

/** `node --import tsx <script> …args` from the repository root, with only the environment given (plus PATH and the like). */
function cli(script: string, args: string[], env: Record<string, string>): Cli {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(base)) {
    if (/^(PJ_|REDIS_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_TEST_CONTEXT$)/.test(name)) delete base[name];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      for (const listener of listeners) listener();
      resolve(code);
    }),
  );
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const handle: Cli = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStdout(pattern, timeoutMs = STARTUP_TIMEOUT) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            done(() => reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        const check = () => {
          const match = pattern.exec(out);
          if (match) done(() => resolve(match));
          else if (!isRunning())
            done(() =>
              reject(
                new Error(
                  `${script} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${out}\n${err}`,
                ),
              ),
            );
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (isRunning()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(handle);
      return exited;
    },
  };
  running.add(handle);
  return handle;
}

/** Holds a loopback port, as another program would. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { port: address.port, server };
}

function release(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A failed start: exit code 1, one sentence on stderr (no stack trace), no URL on stdout. */
async function assertRefused(run: Cli, urlLine: RegExp): Promise<string> {
  const code = await run.exited;
  running.delete(run);
  const stderr = run.stderr();
  assert.equal(code, 1, `exit code 1, got ${code}:\n${stderr}`);
  assert.ok(!/\n\s+at /.test(stderr), `no stack trace:\n${stderr}`);
  assert.doesNotMatch(run.stdout(), urlLine, 'no URL was printed');
  return stderr;
}

describe('npm start (server-stub/cli/start.ts)', () => {
  test('prints the demo URL as one plain line, and serves it', async () => {
    const port = await freePort();
    const simPort = await freePort();
    const fieldsPort = await freePort();
    const run = cli(START, [], {
      PORT: String(port),
      PJ_SIMULATOR_PORT: String(simPort),
      PJ_FIELDS_PORT: String(fieldsPort),
    });
    const [line, url] = await run.waitForStdout(
      new RegExp(`^pj-elements demo: (http://127\\.0\\.0\\.1:${port}/) \\(simulator mode; Ctrl\\+C to stop\\)$`, 'm'),
    );
    // A person reads it: a line of its own, not pino JSON, and the first on stdout at the default LOG_LEVEL.
    assert.equal(run.stdout().split('\n')[0], line);
    // Then the payment fields frame's own origin (PJ_FIELDS_PORT), which /pj/fields/config names.
    const fields = `http://127.0.0.1:${fieldsPort}`;
    assert.equal(run.stdout().split('\n')[1], `  payment fields: ${fields}`);
    const onFields = await fetch(`${fields}/pj/health`);
    assert.equal(onFields.status, 404, 'no relay on the fields origin');
    await onFields.arrayBuffer();
    const health = await fetch(new URL('pj/health', url));
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { mode: string }).mode, 'simulator');
    const page = await fetch(url!);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`; frame-src ${fields}$`));
    await page.arrayBuffer();
    assert.equal(await run.stop(), 0, 'Ctrl+C (SIGTERM) stops it cleanly');
  });

  test('PJ_FIELDS_PORT equal to PORT is refused: the frame needs an origin of its own', async () => {
    const port = await freePort();
    const run = cli(START, [], { PORT: String(port), PJ_FIELDS_PORT: String(port) });
    const stderr = await assertRefused(run, /pj-elements demo:/);
    assert.match(stderr, new RegExp(`^Cannot start: PJ_FIELDS_PORT is ${port}, taken by the demo \\(PORT\\)`, 'm'));
  });

  test('a taken simulator port names PJ_SIMULATOR_PORT', async () => {
    const { port: taken, server } = await occupyPort();
    try {
      const port = await freePort();
      const run = cli(START, [], { PORT: String(port), PJ_SIMULATOR_PORT: String(taken) });
      const stderr = await assertRefused(run, /pj-elements demo:/);
      assert.match(
        stderr,
        new RegExp(
          `^Cannot start: port ${taken} \\(the simulator's\\) is in use: set PJ_SIMULATOR_PORT to a free port`,
          'm',
        ),
      );
      assert.match(stderr, /PJ_SIMULATOR_PORT=\d+ npm start/);
    } finally {
      await release(server);
    }
  });

  test('a taken PORT names PORT', async () => {
    const { port: taken, server } = await occupyPort();
    try {
      const simPort = await freePort();
      const run = cli(START, [], { PORT: String(taken), PJ_SIMULATOR_PORT: String(simPort) });
      const stderr = await assertRefused(run, /pj-elements demo:/);
      assert.match(
        stderr,
        new RegExp(
          `^Cannot start: port ${taken} \\(the demo's\\) is in use: set PORT to a free port, e.g. PORT=\\d+ npm start`,
          'm',
        ),
      );
    } finally {
      await release(server);
    }
  });

  for (const mode of ['labs', 'production']) {
    test(`PJ_ENV=${mode} without credentials gives the command that works for npm start`, async () => {
      const run = cli(START, [], { PJ_ENV: mode, PJ_API_LOGIN: 'someone' });
      const stderr = await assertRefused(run, /pj-elements demo:/);
      assert.match(
        stderr,
        new RegExp(
          `^Cannot start: ${mode} mode needs PayJunction API credentials: set PJ_API_PASSWORD, PJ_APP_KEY\\b`,
          'm',
        ),
      );
      assert.ok(stderr.includes(`PJ_API_LOGIN=… PJ_API_PASSWORD=… PJ_APP_KEY=… PJ_ENV=${mode} npm start`), stderr);
      assert.doesNotMatch(stderr, /--mode/, 'npm start takes no --mode flag');
    });
  }

  test('a PJ_ENV it does not know is named, with the ones it does', async () => {
    const run = cli(START, [], { PJ_ENV: 'lab' });
    const stderr = await assertRefused(run, /pj-elements demo:/);
    assert.match(stderr, /^Cannot start: PJ_ENV must be simulator, labs or production, not "lab"\.$/m);
  });
});

describe('npm run relay (server-stub/cli/relay.ts)', () => {
  test('prints the relay URL and the simulator URL as plain lines', async () => {
    const port = await freePort();
    const simPort = await freePort();
    const run = cli(RELAY, ['--port', String(port)], { PJ_SIMULATOR_PORT: String(simPort), LOG_LEVEL: 'warn' });
    await run.waitForStdout(
      new RegExp(
        `^pj-elements relay: http://127\\.0\\.0\\.1:${port}/pj \\(simulator mode, status by webhooks; Ctrl\\+C to stop\\)$`,
        'm',
      ),
    );
    await run.waitForStdout(new RegExp(`^PayJunction simulator: http://127\\.0\\.0\\.1:${simPort}$`, 'm'));
    const health = await fetch(`http://127.0.0.1:${port}/pj/health`);
    assert.equal(health.status, 200);
    await health.arrayBuffer();
    assert.equal(await run.stop(), 0);
  });

  test('a taken simulator port names PJ_SIMULATOR_PORT', async () => {
    const { port: taken, server } = await occupyPort();
    try {
      const port = await freePort();
      const run = cli(RELAY, ['--port', String(port)], { PJ_SIMULATOR_PORT: String(taken) });
      const stderr = await assertRefused(run, /pj-elements relay:/);
      assert.match(
        stderr,
        new RegExp(
          `^Cannot start the relay: port ${taken} \\(the simulator's\\) is in use: set PJ_SIMULATOR_PORT`,
          'm',
        ),
      );
    } finally {
      await release(server);
    }
  });

  test('--mode labs without credentials gives the command with --mode', async () => {
    const run = cli(RELAY, ['--mode', 'labs', '--port', '0'], {});
    const stderr = await assertRefused(run, /pj-elements relay:/);
    assert.ok(stderr.includes('PJ_API_LOGIN=… PJ_API_PASSWORD=… PJ_APP_KEY=… npm run relay -- --mode labs'), stderr);
  });

  test('npm run stub, its old name, says so in one line and runs the same command', () => {
    const npm = (script: string) =>
      spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script, '--', '--help'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const relay = npm('relay');
    const stub = npm('stub');
    for (const run of [relay, stub]) {
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^Usage: npm run relay -- \[--mode simulator\|labs\|production\]/m);
    }
    assert.equal(relay.stderr, '');
    assert.equal(stub.stderr, 'npm run stub is deprecated: use npm run relay (same flags); removed in 0.3\n');
  });
});

describe('npm run simulator (server-stub/simulator/cli.ts)', () => {
  test('prints its URL as a plain line', async () => {
    const port = await freePort();
    const run = cli(SIMULATOR, ['--port', String(port)], {});
    await run.waitForStdout(new RegExp(`^PayJunction simulator listening on http://127\\.0\\.0\\.1:${port}$`, 'm'));
    assert.equal(await run.stop(), 0);
  });

  test('a taken PJ_SIMULATOR_PORT is named', async () => {
    const { port: taken, server } = await occupyPort();
    try {
      const run = cli(SIMULATOR, [], { PJ_SIMULATOR_PORT: String(taken) });
      const stderr = await assertRefused(run, /listening on/);
      assert.match(
        stderr,
        new RegExp(
          `^Cannot start the simulator: port ${taken} is in use: set PJ_SIMULATOR_PORT to a free port, or pass --port`,
          'm',
        ),
      );
    } finally {
      await release(server);
    }
  });
});
