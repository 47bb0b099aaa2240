/**
 * The snapshot listeners attached in this process, by request id. Both stores deliver through it:
 * each listener gets its own copy, and a listener that throws cannot stop the others.
 */
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { Unsubscribe } from './store.js';

type Listener = (snapshot: RequestSnapshot) => void;

export class LocalListeners {
  readonly #byRequest = new Map<string, Set<Listener>>();

  constructor(private readonly onListenerError?: (err: unknown) => void) {}

  add(requestId: string, listener: Listener): Unsubscribe {
    let set = this.#byRequest.get(requestId);
    if (!set) this.#byRequest.set(requestId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#byRequest.get(requestId) === set) this.#byRequest.delete(requestId);
    };
  }

  deliver(snapshot: RequestSnapshot): void {
    const listeners = this.#byRequest.get(snapshot.requestId);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(structuredClone(snapshot));
      } catch (err) {
        this.onListenerError?.(err);
      }
    }
  }

  /** The request ids watched here. */
  requestIds(): string[] {
    return [...this.#byRequest.keys()];
  }

  /** How many listeners are attached: lets tests prove a closed stream leaves none behind. */
  count(requestId?: string): number {
    if (requestId !== undefined) return this.#byRequest.get(requestId)?.size ?? 0;
    let n = 0;
    for (const set of this.#byRequest.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.#byRequest.clear();
  }
}
