/**
 * Live request stores: one nanostores atom per watched request, shared by every element that
 * watches it. The atom is lazy (onMount): it joins the page's one stream for its relay endpoint
 * (src/core/request-stream.ts) when the first element listens, and leaves it when the last one goes.
 * The stream falls back to GET snapshots when it cannot open, and a store takes only newer versions.
 */
import { atom, onMount, type ReadableAtom } from 'nanostores';
import { isFinalSnapshot, type RequestSnapshot } from '../protocol/relay-contract.js';
import { watchRequest, type LiveRequestState, type StreamOptions } from './request-stream.js';

export type { LiveConnection, LiveRequestState } from './request-stream.js';

/** Options of the endpoint's one stream, shared by every request it carries: the latest given apply. */
export type LiveRequestOptions = StreamOptions;

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
  const $state = atom<LiveRequestState>({ connection: 'connecting', ...(initial ? { snapshot: initial } : {}) });
  stores.set(key, $state);

  onMount($state, () => {
    // An end with a late watch (a timeout, say) may still change: keep listening until it is final.
    const isFinal = () => {
      const snapshot = $state.get().snapshot;
      return snapshot !== undefined && isFinalSnapshot(snapshot);
    };
    const unwatch = isFinal() ? undefined : watchRequest(endpoint, requestId, $state, options);
    if (!unwatch) $state.set({ ...$state.get(), connection: 'closed' });

    return () => {
      unwatch?.();
      // A finished request never changes again: forget it once nobody watches.
      if (isFinal()) stores.delete(key);
      else $state.set({ ...$state.get(), connection: 'connecting' });
    };
  });

  return $state;
}
