/**
 * A Server-Sent Events response written by hand rather than with Hono's streamSSE: we need the
 * stream's cancel (a closed connection) to run our cleanup, heartbeats as comments, and no error
 * text ever written into the stream (streamSSE writes `e.message` on a throw).
 */

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

export interface SseSink {
  send(message: SseMessage): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

export interface SseStreamOptions {
  /** Aborts when the client goes away (the request's signal). */
  signal?: AbortSignal;
  heartbeatMs: number;
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

export function sseResponse(options: SseStreamOptions, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | void;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;

  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', finish);
    try {
      cleanup?.();
    } finally {
      try {
        controllerRef?.close();
      } catch {
        // already closed by the consumer
      }
    }
  };

  const sink: SseSink = {
    send(message) {
      if (closed) return;
      controllerRef?.enqueue(encoder.encode(encodeSse(message)));
    },
    comment(text) {
      if (closed) return;
      controllerRef?.enqueue(encoder.encode(`: ${text.replace(/[\r\n]/g, ' ')}\n\n`));
    },
    close: finish,
    get closed() {
      return closed;
    },
  };

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
      controller.enqueue(encoder.encode(`retry: ${options.retryMs}\n\n`));
      if (options.signal?.aborted) return finish();
      options.signal?.addEventListener('abort', finish, { once: true });
      heartbeat = setInterval(() => sink.comment('heartbeat'), options.heartbeatMs);
      heartbeat.unref?.();
      cleanup = options.start(sink);
      if (closed) cleanup?.(); // start() closed the stream itself before returning its cleanup
    },
    cancel() {
      finish();
    },
  });

  return new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...headers } });
}
