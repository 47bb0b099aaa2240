/**
 * GET /requests/{id}, its SSE stream, and cancel. Request ids are PayJunction's random UUIDs: the
 * id itself is the capability to watch a request.
 */
import { Hono } from 'hono';
import { isFinalSnapshot, type RequestSnapshot, type StreamLostEvent } from '../../../src/protocol/relay-contract.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import {
  NOT_FOUND_MESSAGE,
  REQUEST_ID,
  watchStart,
  type EncodedSnapshot,
  type FollowHandlers,
  type Streams,
} from '../request-watch.js';
import { sseResponse, type SseSink } from '../sse.js';

function requestId(raw: string): string {
  if (!REQUEST_ID.test(raw)) throw new RelayError(404, 'not_found', NOT_FOUND_MESSAGE);
  return raw;
}

/**
 * What the single-request stream does with its request's news. An object per viewer rather than
 * closures over the route handler, whose snapshot and context thousands of open streams would keep.
 */
class OneRequest implements FollowHandlers {
  constructor(readonly sink: SseSink) {}

  snapshot(snapshot: RequestSnapshot, encoded: EncodedSnapshot): void {
    this.sink.write(encoded.withId());
    if (isFinalSnapshot(snapshot)) queueMicrotask(() => this.sink.close()); // the stream ends after the final snapshot
  }

  lost(event: StreamLostEvent): void {
    this.sink.send({ event: 'lost', data: JSON.stringify(event) });
    this.sink.close();
  }
}

export function requestRoutes(deps: RouteDeps, streams: Streams): Hono {
  const app = new Hono();

  app.get('/requests/:id', async (c) => {
    const snapshot = await deps.relay.getSnapshot(requestId(c.req.param('id')));
    if (!snapshot) throw new RelayError(404, 'not_found', NOT_FOUND_MESSAGE);
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot);
  });

  // The single-request form of the page's stream (routes/events.ts): one request, resumable with Last-Event-ID.
  app.get('/requests/:id/events', async (c) => {
    // EventSource sends Last-Event-ID itself on reconnects; a page opening a new stream puts it in the query.
    const lastEventId = Number.parseInt(c.req.header('Last-Event-ID') ?? c.req.query('lastEventId') ?? '', 10);
    const start = await watchStart(deps.relay, c.req.param('id'), Number.isFinite(lastEventId) ? lastEventId : 0);
    if (!start) throw new RelayError(404, 'not_found', NOT_FOUND_MESSAGE);
    // The page already has the final snapshot: 204 tells EventSource to stop reconnecting.
    if (start.done) return c.body(null, 204);

    return sseResponse(c, {
      heartbeats: streams.heartbeats,
      retryMs: streams.retryMs,
      start: (sink) => streams.feeds.follow(start, new OneRequest(sink)),
    });
  });

  app.post('/requests/:id/cancel', async (c) => {
    const snapshot = await deps.relay.cancel(requestId(c.req.param('id')));
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot, 202);
  });

  return app;
}
