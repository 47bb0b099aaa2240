/**
 * Live request stores: one nanostores atom per watched request, shared by every element that
 * watches it. The atom is lazy (onMount): the one EventSource opens when the first element
 * listens and closes when the last one leaves. A stream that keeps failing falls back to GET
 * snapshots; a reopened stream resumes after the last version seen, so nothing is sent twice.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { isFinalSnapshot, type RequestSnapshot } from '../protocol/relay-contract.js';
import { RelayClientError, eventsUrl, getRequest } from './relay-client.js';

export type LiveConnection = 'connecting' | 'open' | 'reconnecting' | 'polling' | 'closed';

export interface LiveRequestState {
  snapshot?: RequestSnapshot;
  connection: LiveConnection;
  error?: RelayClientError;
}

export interface LiveRequestOptions {
  /** Consecutive stream failures before falling back to GET snapshots. */
  maxStreamFailures?: number;
  /** Between two GET snapshots in fallback mode. */
  pollIntervalMs?: number;
}

const stores = new Map<string, ReadableAtom<LiveRequestState>>();

/** Newer versions only: snapshots arrive over SSE and GET and must never move backwards. */
function newer(current: RequestSnapshot | undefined, next: RequestSnapshot): boolean {
  return !current || next.version > current.version;
}

export function liveRequest(
  endpoint: string,
  requestId: string,
  initial?: RequestSnapshot,
  options: LiveRequestOptions = {},
): ReadableAtom<LiveRequestState> {
  const key = `${endpoint}\n${requestId}`;
  const existing = stores.get(key);
  if (existing) {
    if (initial && newer(existing.get().snapshot, initial)) {
      (existing as ReturnType<typeof atom<LiveRequestState>>).set({ ...existing.get(), snapshot: initial });
    }
    return existing;
  }
  const maxFailures = options.maxStreamFailures ?? 3;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const $state = atom<LiveRequestState>({ connection: 'connecting', ...(initial ? { snapshot: initial } : {}) });
  stores.set(key, $state);

  onMount($state, () => {
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    // An end with a late watch (a timeout, say) may still change: keep listening until it is final.
    const isFinal = () => {
      const snapshot = $state.get().snapshot;
      return snapshot !== undefined && isFinalSnapshot(snapshot);
    };
    const update = (patch: Partial<LiveRequestState>) => $state.set({ ...$state.get(), ...patch });
    const close = () => {
      source?.close();
      source = undefined;
    };
    const accept = (snapshot: RequestSnapshot) => {
      if (newer($state.get().snapshot, snapshot)) update({ snapshot });
      if (isFinal()) {
        close();
        clearTimeout(timer);
        update({ connection: 'closed' });
      }
    };

    const poll = async () => {
      if (stopped || isFinal()) return;
      try {
        accept(await getRequest(endpoint, requestId));
        if ($state.get().error) update({ error: undefined });
      } catch (err) {
        if (err instanceof RelayClientError) {
          // 404: the relay does not know the request; nothing will ever change.
          if (err.status === 404) return update({ error: err, connection: 'closed' });
          update({ error: err });
        }
      }
      if (!stopped && !isFinal()) timer = setTimeout(() => void poll(), pollIntervalMs);
    };

    const open = () => {
      if (stopped || isFinal()) return;
      const version = $state.get().snapshot?.version ?? 0;
      // EventSource cannot set Last-Event-ID on a new connection; the relay reads it from the query too.
      source = new EventSource(eventsUrl(endpoint, requestId) + (version > 0 ? `?lastEventId=${version}` : ''));
      source.addEventListener('open', () => update({ connection: 'open' }));
      source.addEventListener('request', (event) => {
        failures = 0;
        accept(JSON.parse((event as MessageEvent<string>).data) as RequestSnapshot);
      });
      // The relay lost the record (a store without persistence restarted): say so instead of waiting.
      source.addEventListener('lost', (event) => {
        const body = JSON.parse((event as MessageEvent<string>).data) as {
          error?: { code?: string; message?: string };
        };
        close();
        update({
          error: new RelayClientError(
            404,
            body.error?.code ?? 'request_lost',
            body.error?.message ?? 'The relay no longer knows this request.',
          ),
          connection: 'closed',
        });
      });
      source.addEventListener('error', () => {
        if (stopped || isFinal()) return;
        failures += 1;
        if (source?.readyState === EventSource.CLOSED || failures >= maxFailures) {
          close();
          update({ connection: 'polling' });
          void poll();
        } else {
          update({ connection: 'reconnecting' });
        }
      });
    };

    if (isFinal()) update({ connection: 'closed' });
    else open();

    return () => {
      stopped = true;
      close();
      clearTimeout(timer);
      // A finished request never changes again: forget it once nobody watches.
      if (isFinal()) stores.delete(key);
      else update({ connection: 'connecting' });
    };
  });

  return $state;
}
