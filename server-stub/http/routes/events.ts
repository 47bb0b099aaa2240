/**
 * GET /events?watch=<id>:<version>,…: one event stream for every request a page watches. A browser
 * holds six HTTP/1.1 connections per origin; a stream per request would leave a page watching eight
 * with none left for anything else, not even to start a payment.
 *
 * Each event is `event: request` with the request's snapshot (it names its request and its version),
 * or `event: lost` with `{requestId, error}` for a request this relay does not have or lost. The
 * events carry no `id:`: a page resumes by opening the stream again with the versions it has.
 */
import { Hono } from 'hono';
import { MAX_WATCHED_PER_STREAM, isFinalSnapshot } from '../../../src/protocol/relay-contract.js';
import { RelayError } from '../../relay/errors.js';
import type { RouteDeps } from '../deps.js';
import { lostEvent, watchStart, type FollowHandlers, type Streams, type WatchStart } from '../request-watch.js';
import { sseResponse, type SseSink } from '../sse.js';

const WATCH_FORM = 'Name the requests to watch as ?watch=<requestId>:<version>,… (the version you have; 0 for none).';

/**
 * The watch list: request id → the version the page has. Split before decoding, so an id with a `,` or
 * `:` (percent-encoded by the page) stays one id; such an id is simply unknown. A request named twice
 * counts once, at its higher version.
 */
function parseWatch(url: string): Map<string, number> {
  const raw = /[?&]watch=([^&#]*)/.exec(url)?.[1] ?? '';
  const watch = new Map<string, number>();
  for (const entry of raw.split(',')) {
    if (!entry) continue;
    const [encoded = '', version = '0', extra] = entry.split(':');
    let id: string;
    try {
      id = decodeURIComponent(encoded);
    } catch {
      throw new RelayError(400, 'invalid_request', WATCH_FORM);
    }
    if (extra !== undefined || !/^\d{1,15}$/.test(version)) throw new RelayError(400, 'invalid_request', WATCH_FORM);
    watch.set(id, Math.max(watch.get(id) ?? 0, Number(version)));
  }
  if (watch.size === 0) throw new RelayError(400, 'invalid_request', WATCH_FORM);
  if (watch.size > MAX_WATCHED_PER_STREAM) {
    throw new RelayError(
      400,
      'too_many_watched',
      `One stream watches at most ${MAX_WATCHED_PER_STREAM} requests; open another stream for the rest.`,
    );
  }
  return watch;
}

/**
 * Follows every watched request on one stream; returns its cleanup. A function of its own, outside
 * the route handler: the closures a stream keeps hold the sink and a counter, not the handler's
 * snapshots and lists (thousands of streams stay open).
 */
function followAll(sink: SseSink, streams: Streams, unknown: string[], live: WatchStart[]): () => void {
  for (const id of unknown) sink.send({ event: 'lost', data: JSON.stringify(lostEvent(id, 'not_found')) });
  let following = live.length;
  // The stream ends once every request it watches has ended or is lost.
  const ended = () => {
    following -= 1;
    if (following === 0) queueMicrotask(() => sink.close());
  };
  if (following === 0) queueMicrotask(() => sink.close());
  const on: FollowHandlers = {
    snapshot(snapshot, encoded) {
      sink.write(encoded.plain());
      if (isFinalSnapshot(snapshot)) ended();
    },
    lost(event) {
      sink.send({ event: 'lost', data: JSON.stringify(event) });
      ended();
    },
  };
  const stops = live.map((start) => streams.feeds.follow(start, on));
  return () => {
    for (const stop of stops) stop();
  };
}

export function eventRoutes(deps: RouteDeps, streams: Streams): Hono {
  const app = new Hono();

  app.get('/events', async (c) => {
    const watch = parseWatch(c.req.url);
    const starts = await Promise.all([...watch].map(([id, seen]) => watchStart(deps.relay, id, seen)));
    const unknown = [...watch.keys()].filter((_, i) => !starts[i]);
    const live = starts.filter((s): s is WatchStart => s !== undefined && !s.done);
    // Nothing to say: the page has every final snapshot already. 204 tells EventSource to stop reconnecting.
    if (live.length === 0 && unknown.length === 0) return c.body(null, 204);

    return sseResponse(c, {
      heartbeats: streams.heartbeats,
      retryMs: streams.retryMs,
      start: (sink) => followAll(sink, streams, unknown, live),
    });
  });

  return app;
}
