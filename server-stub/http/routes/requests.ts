/**
 * GET /requests/{id}, its SSE stream, and cancel. Request ids are PayJunction's random UUIDs: the
 * id itself is the capability to watch a request.
 */
import { Hono } from 'hono';
import { isFinalSnapshot, type RequestSnapshot } from '../../../src/protocol/relay-contract.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { sseResponse } from '../sse.js';

const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

const LOST = {
  error: {
    code: 'request_lost',
    message:
      'The payment relay lost track of this request. Look at the terminal and check the latest transaction before you charge again.',
  },
};

function requestId(raw: string): string {
  if (!REQUEST_ID.test(raw)) throw new RelayError(404, 'not_found', 'No such request.');
  return raw;
}

export function requestRoutes(deps: RouteDeps): Hono {
  const app = new Hono();

  app.get('/requests/:id', async (c) => {
    const snapshot = await deps.relay.getSnapshot(requestId(c.req.param('id')));
    if (!snapshot) throw new RelayError(404, 'not_found', 'No such request.');
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot);
  });

  app.get('/requests/:id/events', async (c) => {
    const id = requestId(c.req.param('id'));
    // EventSource sends Last-Event-ID itself on reconnects; a page opening a new stream puts it in the query.
    const lastEventId = Number.parseInt(c.req.header('Last-Event-ID') ?? c.req.query('lastEventId') ?? '', 10);
    const seen = Number.isFinite(lastEventId) ? lastEventId : 0;
    const current = await deps.relay.getSnapshot(id);
    if (!current) throw new RelayError(404, 'not_found', 'No such request.');
    // The page already has the final snapshot: 204 tells EventSource to stop reconnecting. A
    // Last-Event-ID above the current version (from another relay's history, or forged) is treated
    // as "nothing seen": the page gets the current snapshot, so the stream still ends properly.
    const seenVersion = seen > current.version ? 0 : seen;
    if (isFinalSnapshot(current) && current.version <= seenVersion) return c.body(null, 204);

    return sseResponse({
      signal: c.req.raw.signal,
      heartbeatMs: deps.sse.heartbeatMs,
      retryMs: deps.sse.retryMs,
      start(sink) {
        let sentVersion = seenVersion;
        const send = (snapshot: RequestSnapshot) => {
          if (snapshot.version <= sentVersion || sink.closed) return;
          sentVersion = snapshot.version;
          sink.send({ event: 'request', id: snapshot.version, data: JSON.stringify(snapshot) });
          if (isFinalSnapshot(snapshot)) queueMicrotask(() => sink.close()); // the stream ends after the final snapshot
        };
        // Subscribe before the second read so no change can fall between them.
        const unsubscribe = deps.relay.subscribe(id, send);
        send(current);
        void deps.relay.getSnapshot(id).then((latest) => latest && send(latest));
        // A record that vanishes (a store without persistence restarted) ends the stream with a clear
        // `lost` event rather than heartbeats for ever.
        const check = setInterval(() => {
          void deps.relay.getSnapshot(id).then(
            (latest) => {
              if (latest || sink.closed) return;
              sink.send({ event: 'lost', data: JSON.stringify(LOST) });
              sink.close();
            },
            () => undefined,
          );
        }, deps.sse.heartbeatMs);
        check.unref?.();
        return () => {
          clearInterval(check);
          unsubscribe();
        };
      },
    });
  });

  app.post('/requests/:id/cancel', async (c) => {
    const snapshot = await deps.relay.cancel(requestId(c.req.param('id')));
    c.header('Cache-Control', 'no-store');
    return c.json(snapshot, 202);
  });

  return app;
}
