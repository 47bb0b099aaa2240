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

export interface FollowHandlers {
  /** Each newer version, once, in order. The final one is the last. */
  snapshot(snapshot: RequestSnapshot): void;
  /** The record vanished. Nothing follows. */
  lost(event: StreamLostEvent): void;
}

/**
 * Sends the current snapshot if newer than what the page has, then each newer one, until the final
 * snapshot or the loss of the record. Returns the stop, which is safe to call at any time and twice.
 */
export function followRequest(relay: Relay, start: WatchStart, checkMs: number, on: FollowHandlers): () => void {
  const { requestId } = start;
  let sentVersion = start.seen;
  let stopped = false;
  const send = (snapshot: RequestSnapshot) => {
    if (stopped || snapshot.version <= sentVersion) return;
    sentVersion = snapshot.version;
    if (isFinalSnapshot(snapshot)) stop();
    on.snapshot(snapshot);
  };
  // Subscribe before the second read so no change can fall between them.
  const unsubscribe = relay.subscribe(requestId, send);
  const check = setInterval(() => {
    void relay.getSnapshot(requestId).then(
      (latest) => {
        if (latest || stopped) return;
        stop();
        on.lost(lostEvent(requestId, 'request_lost'));
      },
      () => undefined,
    );
  }, checkMs);
  check.unref?.();
  function stop() {
    if (stopped) return;
    stopped = true;
    clearInterval(check);
    unsubscribe();
  }
  send(start.current);
  void relay.getSnapshot(requestId).then(
    (latest) => latest && send(latest),
    () => undefined,
  );
  return stop;
}
