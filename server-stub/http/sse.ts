/**
 * Server-Sent Events written by hand rather than with Hono's streamSSE: we need a closed connection
 * to run our cleanup (exactly once), heartbeats as comments, and no error text ever written into the
 * stream (streamSSE writes `e.message` on a throw).
 *
 * Two ways out, the same bytes on both (test/node/relay-sse-paths.test.ts):
 * - Served by @hono/node-server (listen()): straight to Node's ServerResponse, and the handler returns
 *   RESPONSE_ALREADY_SENT. No ReadableStream, no TextEncoder per write: at thousands of viewers the
 *   Web Streams pipeline per connection was most of the memory and of the fan-out time.
 * - Mounted with `fetch` in any other host: a web ReadableStream.
 * Heartbeats come from one timer for every stream (SseHeartbeats), writing one shared buffer.
 */
import { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { SECURITY_HEADERS } from './middleware/security.js';

export interface SseMessage {
  event?: string;
  id?: string | number;
  data: string;
  retry?: number;
}

/**
 * Encodes one event. `event` and `id` must be single-line (a CR or LF there would let a value
 * start a forged field), so they are refused; `data` is split into one `data:` line per line.
 */
export function encodeSse(message: SseMessage): string {
  const lines: string[] = [];
  for (const [key, value] of [
    ['event', message.event],
    ['id', message.id === undefined ? undefined : String(message.id)],
  ] as const) {
    if (value === undefined) continue;
    if (/[\r\n\0]/.test(value)) throw new Error(`SSE ${key} must be a single line`);
    lines.push(`${key}: ${value}`);
  }
  if (message.retry !== undefined) lines.push(`retry: ${Math.max(0, Math.floor(message.retry))}`);
  for (const line of message.data.split(/\r\n|\r|\n/)) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

/** One event as the bytes every stream writes: encode once, write to N viewers. */
export function encodeSseBytes(message: SseMessage): Uint8Array {
  return Buffer.from(encodeSse(message), 'utf8');
}

export interface SseSink {
  send(message: SseMessage): void;
  /** Bytes already encoded (encodeSseBytes), shared by every stream they go to. */
  write(bytes: Uint8Array): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

/** One timer for every open stream of an app; it runs only while a stream is open. */
export class SseHeartbeats {
  readonly #streams = new Set<SseSink>();
  readonly #bytes = Buffer.from(': heartbeat\n\n');
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly intervalMs: number) {}

  add(stream: SseSink): void {
    this.#streams.add(stream);
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      for (const s of this.#streams) s.write(this.#bytes);
    }, this.intervalMs);
    this.#timer.unref?.();
  }

  delete(stream: SseSink): void {
    this.#streams.delete(stream);
    if (this.#streams.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  get size(): number {
    return this.#streams.size;
  }
}

export interface SseStreamOptions {
  heartbeats: SseHeartbeats;
  /** The reconnection delay hinted to EventSource. */
  retryMs: number;
  /** Runs once the stream is open; returns the cleanup that runs exactly once when it closes. */
  start(sink: SseSink): (() => void) | void;
}

export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: proxies must not compress or buffer; X-Accel-Buffering: nginx must not buffer.
  'Cache-Control': 'no-cache, no-store, no-transform',
  'X-Accel-Buffering': 'no',
};

/** A viewer that reads this far behind is cut off; it resumes by version when it reconnects. */
const MAX_BUFFERED_BYTES = 256 * 1024;

interface Transport {
  write(bytes: Uint8Array): void;
  end(): void;
}

/** The state of one stream, whichever way out it has: what resume and cleanup need, nothing more. */
class SseStream implements SseSink {
  #closed = false;
  #cleanup: (() => void) | void = undefined;
  #out: Transport | undefined;
  readonly #heartbeats: SseHeartbeats;

  constructor(heartbeats: SseHeartbeats) {
    this.#heartbeats = heartbeats;
  }

  get closed(): boolean {
    return this.#closed;
  }

  open(out: Transport, options: SseStreamOptions): void {
    this.#out = out;
    out.write(Buffer.from(`retry: ${options.retryMs}\n\n`));
    this.#heartbeats.add(this);
    const cleanup = options.start(this);
    if (this.#closed)
      cleanup?.(); // start() closed the stream itself before returning its cleanup
    else this.#cleanup = cleanup;
  }

  write(bytes: Uint8Array): void {
    if (!this.#closed) this.#out?.write(bytes);
  }

  send(message: SseMessage): void {
    if (!this.#closed) this.write(encodeSseBytes(message));
  }

  comment(text: string): void {
    if (!this.#closed) this.write(Buffer.from(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#heartbeats.delete(this);
    try {
      this.#cleanup?.();
    } finally {
      this.#cleanup = undefined;
      this.#out?.end();
    }
  }
}

/** The stream as this host can take it best: Node's socket under @hono/node-server, else a web stream. */
export function sseResponse(c: Context, options: SseStreamOptions): Response {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? nodeSse(c, outgoing, options) : webSse(c.req.raw.signal, options);
}

/**
 * What corsAllowList set before the handler, plus what app.ts's middleware adds after it, which a
 * response written here would otherwise never get (they only touch the Response Hono holds). Made in
 * a function of its own so no stream's closures keep it alive.
 */
function nodeSseHeaders(c: Context): Record<string, string> {
  const headers: Record<string, string> = {};
  c.res.headers.forEach((value, name) => {
    if (name !== 'content-type') headers[name] = value;
  });
  return Object.assign(headers, SSE_HEADERS, SECURITY_HEADERS, { Vary: 'Origin' });
}

/** Node's socket as a stream's way out: an object, not closures, since thousands are open at once. */
class NodeTransport implements Transport {
  constructor(
    readonly res: ServerResponse,
    readonly stream: SseStream,
  ) {}

  write(bytes: Uint8Array): void {
    this.res.write(bytes);
    if (this.res.writableLength > MAX_BUFFERED_BYTES) this.stream.close();
  }

  end(): void {
    this.res.end();
  }
}

function nodeSse(c: Context, res: ServerResponse, options: SseStreamOptions): Response {
  // The client left while the route awaited the store: its 'close' has come and gone.
  if (res.destroyed || !res.socket || res.socket.destroyed) return RESPONSE_ALREADY_SENT;
  res.writeHead(200, nodeSseHeaders(c));
  const stream = new SseStream(options.heartbeats);
  // 'close' comes once: `on` spares the wrapper `once` would keep for the stream's life.
  res.on('close', () => stream.close());
  stream.open(new NodeTransport(res, stream), options);
  return RESPONSE_ALREADY_SENT;
}

function webSse(signal: AbortSignal, options: SseStreamOptions): Response {
  const stream = new SseStream(options.heartbeats);
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (signal.aborted) return controller.close();
        signal.addEventListener('abort', () => stream.close(), { once: true });
        stream.open(
          {
            write(bytes) {
              controller.enqueue(bytes);
              if ((controller.desiredSize ?? 0) < -MAX_BUFFERED_BYTES) stream.close(); // bytes queued, unread
            },
            end() {
              try {
                controller.close();
              } catch {
                // already closed by the consumer
              }
            },
          },
          options,
        );
      },
      cancel() {
        stream.close();
      },
    },
    // Counted in bytes, so desiredSize says how far the reader is behind.
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}
