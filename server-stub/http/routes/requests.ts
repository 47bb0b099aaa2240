/**
 * GET /requests/{id}, its SSE stream, and cancel. Request ids are PayJunction's random UUIDs: the
 * id itself is the capability to watch a request.
 */
import { Hono } from 'hono';
import { isFinalSnapshot } from '../../../src/protocol/relay-contract.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { NOT_FOUND_MESSAGE, REQUEST_ID, watchStart, type Streams } from '../request-watch.js';
import { sseResponse } from '../sse.js';

function requestId(raw: string): string {
  if (!REQUEST_ID.test(raw)) throw new RelayError(404, 'not_found', NOT_FOUND_MESSAGE);
  return raw;
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
      start: (sink) =>
        streams.feeds.follow(start, {
          snapshot(snapshot, encoded) {
            sink.write(encoded.withId());
            if (isFinalSnapshot(snapshot)) queueMicrotask(() => sink.close()); // the stream ends after the final snapshot
          },
          lost(event) {
            sink.send({ event: 'lost', data: JSON.stringify(event) });
            sink.close();
          },
        }),
    });
  });

  app.post('/requests/:id/cancel', async (c) => {
    const snapshot = await deps.relay.cancel(requestId(c.req.param('id')));
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot, 202);
  });

  return app;
}
