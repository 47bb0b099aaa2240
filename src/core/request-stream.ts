/**
 * One event stream per relay endpoint, shared by every live request store of the page:
 * `GET {endpoint}/events?watch=<id>:<version>,…` (server-stub/http/routes/events.ts). A browser holds
 * six HTTP/1.1 connections per origin: a stream per watched request left a page that watched eight
 * with no connection to start a payment.
 *
 * - The stream opens only while a request is watched, and closes when none is left.
 * - Changes of the watched set within one task are taken together, so eight elements mounting at
 *   once open one stream. A change reopens the stream with the new set and the version each request
 *   has: nothing is lost, and a version not newer than the one a store has is dropped, so nothing
 *   repeats. A request that ended leaves without a reopen: the relay has stopped sending it.
 * - A dropped stream is opened again (after 1 s, then 2 s). A stream that is refused (an HTTP error,
 *   a proxy that blocks event streams, more than MAX_WATCHED_PER_STREAM requests), that is not open
 *   within `openTimeoutMs`, or that failed `maxStreamFailures` times in a row gives way to GET
 *   snapshots, one request at a time every `pollIntervalMs`, and is tried again every
 *   `streamRetryMs` until it opens.
 *
 * Closures rather than a class: every element bundles this file, and local names minify smaller.
 */
import type { WritableAtom } from 'nanostores';
import { isFinalSnapshot, type RequestSnapshot, type StreamLostEvent } from '../protocol/relay-contract.js';
import { RelayClientError, getRequest, streamUrl } from './relay-client.js';

export type LiveConnection = 'connecting' | 'open' | 'reconnecting' | 'polling' | 'closed';

export interface LiveRequestState {
  snapshot?: RequestSnapshot;
  connection: LiveConnection;
  /** Why the request is `closed` without a snapshot (a 404), or why the last GET snapshot failed. */
  error?: RelayClientError;
}

export interface StreamOptions {
  /** Stream failures in a row before falling back to GET snapshots. */
  maxStreamFailures?: number;
  /** Between two rounds of GET snapshots in fallback mode. */
  pollIntervalMs?: number;
  /** A stream not open by then counts as refused: GET snapshots start. */
  openTimeoutMs?: number;
  /** In fallback mode, how often the stream is tried again. */
  streamRetryMs?: number;
}

type Store = WritableAtom<LiveRequestState>;

const streams = new Map<string, ReturnType<typeof openStream>>();

/** Follows `requestId` on `endpoint`'s one stream, into `$state`, until the returned function is called. */
export function watchRequest(endpoint: string, requestId: string, $state: Store, options: StreamOptions): () => void {
  let stream = streams.get(endpoint);
  if (!stream) streams.set(endpoint, (stream = openStream(endpoint)));
  return stream(requestId, $state, options);
}

const update = ($state: Store, patch: Partial<LiveRequestState>) => $state.set({ ...$state.get(), ...patch });

/** Nothing more will come: the final snapshot, or a 404. */
const isEnded = ($state: Store) => {
  const { snapshot, connection } = $state.get();
  return connection === 'closed' || (snapshot !== undefined && isFinalSnapshot(snapshot));
};

function openStream(endpoint: string) {
  const options: Required<StreamOptions> = {
    maxStreamFailures: 3,
    pollIntervalMs: 2_000,
    openTimeoutMs: 5_000,
    streamRetryMs: 10_000,
  };
  const stores = new Map<string, Store>();
  let source: EventSource | undefined;
  /** The requests the open stream names, and whether one of them has left before it ended. */
  let streamed: string[] = [];
  let dirty = false;
  let state: LiveConnection = 'connecting';
  let failures = 0;
  let polling = false;
  let retryAt = 0;
  let syncTimer: ReturnType<typeof setTimeout> | undefined;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  /** The reopen after a drop, or the next round of GET snapshots. */
  let timer: ReturnType<typeof setTimeout> | undefined;

  const live = () => [...stores].filter(([, $state]) => !isEnded($state)).map(([id]) => id);

  const setState = (next: LiveConnection) => {
    state = next;
    for (const id of live()) update(stores.get(id)!, { connection: next });
  };

  const deliver = (snapshot: RequestSnapshot) => {
    const $state = stores.get(snapshot.requestId);
    const have = $state?.get().snapshot;
    if (!$state || isEnded($state) || (have && snapshot.version <= have.version)) return;
    const final = isFinalSnapshot(snapshot);
    update($state, final ? { snapshot, connection: 'closed' } : { snapshot });
    if (final) schedule();
  };

  /** The relay does not know the request (404), or lost its record: say so instead of waiting. */
  const gone = (requestId: string, error: RelayClientError) => {
    const $state = stores.get(requestId);
    if ($state && !isEnded($state)) update($state, { error, connection: 'closed' });
    schedule();
  };

  const close = () => {
    clearTimeout(openTimer);
    source?.close();
    source = undefined;
  };

  /** Nothing left to follow: no connection, no timer; forgotten once nobody watches. */
  const stop = () => {
    close();
    clearTimeout(timer);
    timer = undefined;
    state = 'connecting';
    failures = 0;
    if (stores.size === 0 && streams.get(endpoint) === watch) streams.delete(endpoint);
  };

  /** Takes every change made in this task together (a macrotask, so elements' chained microtasks are in). */
  const schedule = () => {
    if (syncTimer === undefined) syncTimer = setTimeout(sync);
  };

  function sync() {
    syncTimer = undefined;
    const ids = live();
    if (ids.length === 0) return stop();
    // Polling: a request added without a snapshot is polled at once, the others at the next round.
    if (state === 'polling') return void (ids.some((id) => !stores.get(id)!.get().snapshot) && poll());
    if (source === undefined && timer !== undefined) return; // a reopen is due: it takes the set as it is then
    if (!source || dirty || ids.some((id) => !streamed.includes(id))) open(ids);
  }

  function open(ids: string[]) {
    close();
    streamed = ids;
    dirty = false;
    if (state !== 'polling') setState(failures > 0 ? 'reconnecting' : 'connecting');
    const watch = ids.map((id): [string, number] => [id, stores.get(id)!.get().snapshot?.version ?? 0]);
    const s = (source = new EventSource(streamUrl(endpoint, watch)));
    // Events of a stream closed since are ignored: its successor has the set as it is now.
    const on = (type: string, listener: (data: string) => void) =>
      s.addEventListener(type, (event) => s === source && listener((event as MessageEvent<string>).data));
    on('open', opened);
    on('request', (data) => deliver(JSON.parse(data) as RequestSnapshot));
    on('lost', (data) => {
      const { requestId, error } = JSON.parse(data) as StreamLostEvent;
      gone(requestId, new RelayClientError(404, error.code, error.message));
    });
    // CLOSED: the answer was not an event stream (an HTTP error, a blocking proxy); EventSource gives up.
    on('error', () => failed(s.readyState === EventSource.CLOSED));
    openTimer = setTimeout(() => failed(true), options.openTimeoutMs);
  }

  function opened() {
    clearTimeout(openTimer);
    clearTimeout(timer);
    timer = undefined;
    failures = 0;
    setState('open');
    schedule(); // the set may have changed while the stream was opening
  }

  function failed(refused: boolean) {
    close();
    // The relay ends the stream after the last final snapshot: nothing failed.
    if (live().length === 0) return stop();
    failures += 1;
    if (refused || state === 'polling' || failures >= options.maxStreamFailures) return fallback();
    setState('reconnecting');
    timer = setTimeout(
      () => {
        timer = undefined;
        sync();
      },
      1_000 * 2 ** (failures - 1),
    );
  }

  function fallback() {
    retryAt = Date.now() + options.streamRetryMs;
    if (state === 'polling') return;
    setState('polling');
    void poll();
  }

  /** GET snapshots one request at a time, so polling never holds more than one connection. */
  async function poll() {
    if (polling) return; // the round under way takes the requests added since
    polling = true;
    clearTimeout(timer);
    const polled = new Set<string>();
    let requestId: string | undefined;
    while (state === 'polling' && (requestId = live().find((id) => !polled.has(id))) !== undefined) {
      polled.add(requestId);
      try {
        const snapshot = await getRequest(endpoint, requestId);
        const $state = stores.get(requestId);
        if ($state?.get().error) update($state, { error: undefined });
        deliver(snapshot);
      } catch (err) {
        if (!(err instanceof RelayClientError)) continue;
        if (err.status === 404) gone(requestId, err);
        else if (stores.has(requestId)) update(stores.get(requestId)!, { error: err });
      }
    }
    polling = false;
    if (state !== 'polling' || live().length === 0) return;
    if (!source && Date.now() >= retryAt) open(live());
    timer = setTimeout(() => void poll(), options.pollIntervalMs);
  }

  function watch(requestId: string, $state: Store, given: StreamOptions): () => void {
    for (const [name, value] of Object.entries(given) as [keyof StreamOptions, number | undefined][]) {
      if (value !== undefined) options[name] = value;
    }
    stores.set(requestId, $state);
    update($state, { connection: state === 'open' ? 'connecting' : state });
    schedule();
    return () => {
      if (stores.get(requestId) !== $state) return;
      stores.delete(requestId);
      if (!isEnded($state)) dirty = true;
      schedule();
    };
  }
  return watch;
}
