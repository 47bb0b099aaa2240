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
    if (m?.type === 'mem' || m?.type === 'cpu') {
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
        /**
         * Resolves once the child used under 5% of a core for 100 ms (at most `maxMs`): work it queued
         * (a relay applies webhooks after answering them) must not run while the next server is measured.
         */
        async idle(maxMs = 3_000) {
          const cpu = () =>
            new Promise((done) => {
              const id = ++memId;
              waiting.set(id, (m) => done(m.micros));
              child.send({ type: 'cpu', id });
            });
          const end = performance.now() + maxMs;
          for (let last = await cpu(); performance.now() < end;) {
            await new Promise((r) => setTimeout(r, 100));
            const now = await cpu();
            if (now - last < 5_000) return;
            last = now;
          }
        },
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
