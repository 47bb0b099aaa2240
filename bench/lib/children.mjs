// Servers under test run in child processes of their own, so the load generator's CPU (this process)
// is not counted against them. Each says where it listens and reports its memory over IPC
// (bench/lib/child-side.mjs); node runs them with --expose-gc so that report follows a full GC.
import { fork } from 'node:child_process';

const BENCH = new URL('..', import.meta.url).pathname;
export const WEBHOOK_SECRET = 'bench-webhook-secret';

/** Starts `file` (relative to bench/) and resolves once it listens: { info, mem(), stop() }. */
export function startChild(file, env = {}) {
  const child = fork(BENCH + file, [], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, NODE_OPTIONS: '', BENCH_WEBHOOK_SECRET: WEBHOOK_SECRET, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let memId = 0;
  const waiting = new Map();
  child.on('message', (m) => {
    if (m?.type === 'mem') {
      waiting.get(m.id)?.(m);
      waiting.delete(m.id);
    }
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
    child.on('message', (m) => {
      if (m?.type !== 'ready') return;
      resolve({
        info: m,
        pid: child.pid,
        /** The child's RSS and heap after a full GC. */
        mem: () =>
          new Promise((done) => {
            const id = ++memId;
            waiting.set(id, done);
            child.send({ type: 'mem', id });
          }),
        async stop() {
          if (child.exitCode === null) {
            child.disconnect();
            const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(timer);
          }
        },
      });
    });
  });
}

/** A relay (servers/relay.mjs) with these settings; the bench's webhook secret unless told otherwise. */
export function startRelay(settings = {}) {
  return startChild('servers/relay.mjs', {
    BENCH_RELAY: JSON.stringify({ webhookSecret: WEBHOOK_SECRET, ...settings }),
  });
}
