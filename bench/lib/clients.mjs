// The fan-out's clients, each in a process of its own (bench/clients/): viewer processes that hold the
// viewers, and one sender that sends the causing webhook and times its answer. The bench process only
// directs them over IPC, so neither the ack nor the deliveries are timed by a loop busy with the other.
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { setting } from './stats.mjs';

const BENCH = new URL('..', import.meta.url).pathname;

/**
 * Viewer processes: one core is left to the server under test, the rest read viewers (at least one
 * process, at most four). On 2 cores that is ONE viewer process: a second would take the server's core
 * while it writes the events it is timed on (bench/README.md).
 */
export const VIEWER_PROCS = setting('BENCH_VIEWER_PROCS', Math.max(1, Math.min(4, cpus().length - 1)));

/** Forks bench/<file>; resolves with call(type, args) → its answer, and stop(). */
function client(file) {
  const child = fork(BENCH + file, [], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let ids = 0;
  const waiting = new Map();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      for (const w of waiting.values()) w.reject(new Error(`${file} exited (${code})`));
      reject(new Error(`${file} exited (${code}) before it was ready`));
    });
    child.on('message', (m) => {
      if (m?.ready) {
        resolve({
          call(type, args = {}) {
            return new Promise((done, fail) => {
              const id = ++ids;
              waiting.set(id, { resolve: done, reject: fail });
              child.send({ id, type, ...args });
            });
          },
          async stop() {
            if (child.exitCode === null) {
              child.disconnect();
              await exited;
            }
          },
        });
        return;
      }
      const w = waiting.get(m?.id);
      if (!w) return;
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error));
      else w.resolve(m);
    });
  });
}

/** `count` viewer processes acting as one group of viewers. */
export async function viewerGroup(count = VIEWER_PROCS) {
  const procs = await Promise.all(Array.from({ length: count }, () => client('clients/viewers.mjs')));
  const all = (type, args) => Promise.all(procs.map((p) => p.call(type, args)));
  return {
    /** n viewers of `url` at `path`, split evenly, 250 connecting at a time in all: the ms until all had `readyToken`. */
    async open(url, n, path, readyToken) {
      const shares = procs.map((_, i) => Math.floor(n / count) + (i < n % count ? 1 : 0));
      const opened = await Promise.all(
        procs.map((p, i) =>
          p.call('open', { url, n: shares[i], path, readyToken, concurrency: Math.ceil(250 / count) }),
        ),
      );
      return Math.max(...opened.map((o) => o.connectMs));
    },
    expect: (tokens) => all('expect', { tokens }),
    /** Every viewer's arrival time of what it expected (clock()), and how many never arrived. */
    async collect() {
      const got = await all('collect');
      return { seen: got.flatMap((g) => g.seen), missing: got.reduce((m, g) => m + g.missing, 0) };
    },
    close: () => all('close'),
    stop: () => Promise.all(procs.map((p) => p.stop())),
  };
}

/** The sender: post(url, headers, body) → { sentAt (clock()), ackMs, status }. */
export async function sender() {
  const proc = await client('clients/sender.mjs');
  return {
    post: (url, headers, body) => proc.call('post', { url, headers, body }),
    stop: () => proc.stop(),
  };
}
