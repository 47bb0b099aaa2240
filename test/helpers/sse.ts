/** A small SSE reader over fetch: the relay's streams, read as a browser's EventSource would parse them. */
export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
}

export interface SseResult {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  retry?: number;
  /** True when the server ended the stream (rather than our timeout or stop condition). */
  ended: boolean;
}

export async function readSse(
  url: string,
  options: {
    lastEventId?: string;
    timeoutMs?: number;
    until?: (e: SseEvent, all: SseEvent[]) => boolean;
    /** Stops once the comments read so far satisfy it (e.g. enough heartbeats). */
    untilComments?: (comments: string[]) => boolean;
    signal?: AbortSignal;
  } = {},
): Promise<SseResult> {
  const controller = new AbortController();
  options.signal?.addEventListener('abort', () => controller.abort());
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  const res = await fetch(url, {
    headers: { Accept: 'text/event-stream', ...(options.lastEventId ? { 'Last-Event-ID': options.lastEventId } : {}) },
    signal: controller.signal,
  }).catch((err: unknown) => {
    clearTimeout(timer); // a reader stopped before the answer came must not hold the process for its whole timeout
    throw err;
  });
  const result: SseResult = { status: res.status, headers: res.headers, events: [], comments: [], ended: false };
  if (!res.body) {
    clearTimeout(timer);
    return result;
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        result.ended = true;
        break;
      }
      buffer += value;
      let idx: number;
      let stop = false;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event: SseEvent = { data: '' };
        const data: string[] = [];
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) result.comments.push(line.slice(1).trim());
          else if (line.startsWith('retry: ')) result.retry = Number(line.slice(7));
          else if (line.startsWith('event: ')) {
            event.event = line.slice(7);
            isEvent = true;
          } else if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('data: ')) {
            data.push(line.slice(6));
            isEvent = true;
          }
        }
        if (isEvent) {
          event.data = data.join('\n');
          result.events.push(event);
          if (options.until?.(event, result.events)) stop = true;
        }
        if (options.untilComments?.(result.comments)) stop = true;
      }
      if (stop) break;
    }
  } catch (err) {
    if ((err as Error).name !== 'AbortError') throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return result;
}

export const snapshots = (r: SseResult) => r.events.filter((e) => e.event === 'request').map((e) => JSON.parse(e.data));
export const isFinal = (e: SseEvent) => e.event === 'request' && JSON.parse(e.data).outcome !== null;
