// SSE viewers as raw TCP connections from the bench process: thousands of them cost little here, and
// each one only looks for the marker of the event it waits for (no SSE parser in the measured path).
import { connect } from 'node:net';

const TIMEOUT_MS = Number(process.env.BENCH_EVENT_TIMEOUT_MS ?? 20_000);

class Viewer {
  constructor(socket) {
    this.socket = socket;
    this.tail = '';
    /** token → when it was seen (performance.now()), for the tokens awaited. */
    this.pending = new Map();
    this.onSeen = undefined;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#data(chunk));
    socket.on('error', () => undefined);
  }

  #data(chunk) {
    if (this.pending.size === 0) {
      this.tail = chunk.toString('latin1').slice(-64);
      return;
    }
    const now = performance.now();
    const text = this.tail + chunk.toString('latin1');
    for (const [token, seenAt] of this.pending) {
      if (seenAt === undefined && text.includes(token)) {
        this.pending.set(token, now);
        this.onSeen?.();
      }
    }
    this.tail = text.slice(-64);
  }

  /** Starts waiting for `tokens` (before the event that carries them is caused). */
  expect(tokens) {
    for (const token of tokens) this.pending.set(token, undefined);
  }

  /** When each awaited token was seen (undefined: not seen), and stops waiting. */
  take() {
    const seen = new Map(this.pending);
    this.pending.clear();
    return seen;
  }
}

/** Opens one SSE stream of `origin` at `path`; resolves once `readyToken` arrived. */
function openViewer(host, port, path, readyToken) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const viewer = new Viewer(socket);
    viewer.expect([readyToken]);
    const timer = setTimeout(() => reject(new Error(`stream ${path} not ready in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    viewer.onSeen = () => {
      clearTimeout(timer);
      viewer.take();
      viewer.onSeen = undefined;
      resolve(viewer);
    };
    socket.once('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAccept: text/event-stream\r\n\r\n`),
    );
    socket.once('close', () => reject(new Error(`stream ${path} closed before it was ready`)));
  });
}

/**
 * `n` viewers of `url`'s origin, path(i) each, at most `concurrency` connecting at once; resolves with
 * the group and the ms it took until every viewer had `readyToken` (its first event).
 */
export async function openViewers(url, n, path, readyToken, concurrency = 250) {
  const { hostname, port } = new URL(url);
  const viewers = new Array(n);
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      viewers[i] = await openViewer(hostname, Number(port), path(i), readyToken);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  return { viewers, connectMs: performance.now() - started };
}

/**
 * Waits until every viewer saw the tokens it expects (or the timeout); resolves with a latency per
 * expected token and viewer, measured from `sentAt(token)`, and how many never arrived.
 */
export function collect(viewers, sentAt) {
  let remaining = 0;
  for (const v of viewers) for (const seen of v.pending.values()) if (seen === undefined) remaining += 1;
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      const latencies = [];
      let missing = 0;
      for (const v of viewers) {
        v.onSeen = undefined;
        for (const [token, seen] of v.take()) {
          if (seen === undefined) missing += 1;
          else latencies.push(seen - sentAt(token));
        }
      }
      resolve({ latencies, missing });
    };
    const timer = setTimeout(finish, TIMEOUT_MS);
    if (remaining === 0) return finish();
    for (const v of viewers) {
      v.onSeen = () => {
        remaining -= 1;
        if (remaining === 0) finish();
      };
    }
  });
}

/** Closes every viewer's connection. */
export function closeViewers(viewers) {
  for (const v of viewers) v?.socket.destroy();
}
