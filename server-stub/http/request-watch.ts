/**
 * Following one request for an event stream. Both streams use it, so they apply the same rules:
 * `GET /requests/{id}/events` (one request) and `GET /events?watch=…` (every request a page watches).
 *
 * - A page may watch only a request this relay has a record of (one it started). Request ids are
 *   PayJunction's random UUIDs: the id itself is the capability, exactly as for `GET /requests/{id}`.
 * - The page says which version it already has; it gets every newer version once, in order, and
 *   never an older one. A version above the current one (another relay's history, or forged) counts
 *   as none seen, so the page still gets the snapshot and the stream still ends.
 * - Following ends after the final snapshot, or with `lost` when the record vanishes (a store
 *   without persistence restarted) rather than heartbeats for ever.
 */
import { isFinalSnapshot, type RequestSnapshot, type StreamLostEvent } from '../../src/protocol/relay-contract.js';
import type { Relay } from '../relay/relay.js';
import { SseHeartbeats, encodeSseBytes } from './sse.js';

/** The form of the relay's request ids (PayJunction's UUIDs, and its own `doubt-<uuid>`); any other is unknown. */
export const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

export const LOST_MESSAGE =
  'The payment relay lost track of this request. Look at the terminal and check the latest transaction before you charge again.';

export const NOT_FOUND_MESSAGE = 'No such request.';

export interface WatchStart {
  requestId: string;
  current: RequestSnapshot;
  /** The version the page has, once checked against the current one. */
  seen: number;
  /** The page already has the final snapshot: nothing will ever be sent. */
  done: boolean;
}

/** Where a page's watch of `requestId` starts; undefined for a request this relay does not have. */
export async function watchStart(relay: Relay, requestId: string, seen: number): Promise<WatchStart | undefined> {
  if (!REQUEST_ID.test(requestId)) return undefined;
  const current = await relay.getSnapshot(requestId);
  if (!current) return undefined;
  const seenVersion = seen > current.version ? 0 : seen;
  return { requestId, current, seen: seenVersion, done: isFinalSnapshot(current) && current.version <= seenVersion };
}

export function lostEvent(requestId: string, code: StreamLostEvent['error']['code']): StreamLostEvent {
  return { requestId, error: { code, message: code === 'not_found' ? NOT_FOUND_MESSAGE : LOST_MESSAGE } };
}

/** A snapshot as stream bytes, encoded once for every stream it goes to. */
export interface EncodedSnapshot {
  /** `event: request`, `id: <version>`: the single-request stream (resumes with Last-Event-ID). */
  withId(): Uint8Array;
  /** `event: request` without `id:`: the multi-request stream (resumes with ?watch=). */
  plain(): Uint8Array;
}

export interface FollowHandlers {
  /** Each newer version, once, in order. The final one is the last. */
  snapshot(snapshot: RequestSnapshot, encoded: EncodedSnapshot): void;
  /** The record vanished. Nothing follows. */
  lost(event: StreamLostEvent): void;
}

interface Viewer {
  sent: number;
  stopped: boolean;
  on: FollowHandlers;
}

/**
 * Everyone in this process following one request: one store subscription, one check that the record
 * still exists, and each snapshot encoded once whatever the number of viewers. Ends after the final
 * snapshot, when the record is lost, or when its last viewer leaves.
 */
class RequestFeed {
  readonly viewers = new Set<Viewer>();
  latest: RequestSnapshot | undefined;
  #ended = false;
  /** The latest version's encodings, one object for every viewer it is offered to. */
  #encoded: (EncodedSnapshot & { version: number }) | undefined;
  readonly #unsubscribe: () => void;
  readonly #check: ReturnType<typeof setInterval>;

  constructor(
    readonly requestId: string,
    private readonly feeds: RequestFeeds,
  ) {
    const { relay, checkMs } = feeds;
    // Subscribe before the second read so no change can fall between the page's read and this feed.
    this.#unsubscribe = relay.subscribe(requestId, (snapshot) => this.publish(snapshot));
    this.#check = setInterval(() => {
      void relay.getSnapshot(requestId).then(
        (latest) => {
          if (!latest) this.#lose();
        },
        () => undefined,
      );
    }, checkMs);
    this.#check.unref?.();
    void relay.getSnapshot(requestId).then(
      (latest) => latest && this.publish(latest),
      () => undefined,
    );
  }

  encode(snapshot: RequestSnapshot): EncodedSnapshot {
    // One version at a time: a new viewer's current snapshot is, but for a race, the feed's latest.
    if (this.#encoded?.version === snapshot.version) return this.#encoded;
    let json: string | undefined;
    let withId: Uint8Array | undefined;
    let plain: Uint8Array | undefined;
    this.#encoded = {
      version: snapshot.version,
      withId: () =>
        (withId ??= encodeSseBytes({
          event: 'request',
          id: snapshot.version,
          data: (json ??= JSON.stringify(snapshot)),
        })),
      plain: () => (plain ??= encodeSseBytes({ event: 'request', data: (json ??= JSON.stringify(snapshot)) })),
    };
    return this.#encoded;
  }

  offer(viewer: Viewer, snapshot: RequestSnapshot): void {
    if (viewer.stopped || snapshot.version <= viewer.sent) return;
    viewer.sent = snapshot.version;
    if (isFinalSnapshot(snapshot)) this.leave(viewer);
    viewer.on.snapshot(snapshot, this.encode(snapshot));
  }

  leave(viewer: Viewer): void {
    viewer.stopped = true;
    this.viewers.delete(viewer);
    if (this.viewers.size === 0) this.#end();
  }

  publish(snapshot: RequestSnapshot): void {
    if (this.#ended || (this.latest && snapshot.version <= this.latest.version)) return;
    this.latest = snapshot;
    // A Set may lose the element being visited (offer leaves after the final snapshot): no copy needed.
    for (const viewer of this.viewers) this.offer(viewer, snapshot);
  }

  #lose(): void {
    if (this.#ended) return;
    const event = lostEvent(this.requestId, 'request_lost');
    for (const viewer of [...this.viewers]) {
      this.leave(viewer);
      viewer.on.lost(event);
    }
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#check);
    this.#unsubscribe();
    if (this.feeds.byRequest.get(this.requestId) === this) this.feeds.byRequest.delete(this.requestId);
  }
}

/** What the two stream routes share in one relay app: the feeds by request, and the heartbeat timer. */
export interface Streams {
  feeds: RequestFeeds;
  heartbeats: SseHeartbeats;
  retryMs: number;
}

export function createStreams(relay: Relay, sse: { heartbeatMs: number; retryMs: number }): Streams {
  return {
    feeds: new RequestFeeds(relay, sse.heartbeatMs),
    heartbeats: new SseHeartbeats(sse.heartbeatMs),
    retryMs: sse.retryMs,
  };
}

/** The feeds of one relay app, by request id. */
export class RequestFeeds {
  readonly byRequest = new Map<string, RequestFeed>();

  constructor(
    readonly relay: Relay,
    /** How often a feed checks that its record still exists. */
    readonly checkMs: number,
  ) {}

  /**
   * Sends the current snapshot if newer than what the page has, then each newer one, until the final
   * snapshot or the loss of the record. Returns the stop, which is safe to call at any time and twice.
   */
  follow(start: WatchStart, on: FollowHandlers): () => void {
    const { requestId } = start;
    let feed = this.byRequest.get(requestId);
    if (!feed) this.byRequest.set(requestId, (feed = new RequestFeed(requestId, this)));
    const viewer: Viewer = { sent: start.seen, stopped: false, on };
    const joined = feed;
    joined.viewers.add(viewer);
    joined.offer(viewer, start.current);
    // What the feed heard since the page's read (offer skips it unless newer).
    if (joined.latest) joined.offer(viewer, joined.latest);
    return () => {
      if (!viewer.stopped) joined.leave(viewer);
    };
  }
}
