/**
 * Binds a nanostores store to a Lit host: subscribe while connected, re-render on change.
 * Written here because @nanostores/lit (0.2.3) ships CommonJS only and fails to import under the
 * test runner; this is the whole of what it does.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

export class StoreController<T> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  #store: ReadableAtom<T> | undefined;

  readonly #host: ReactiveControllerHost;
  readonly #onChange?: (value: T) => void;

  constructor(host: ReactiveControllerHost, onChange?: (value: T) => void) {
    (this.#host = host).addController(this);
    this.#onChange = onChange;
  }

  get value(): T | undefined {
    return this.#store?.get();
  }

  /** Watches another store (or none); the old subscription ends first. */
  set store(store: ReadableAtom<T> | undefined) {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#connected) this.#subscribe();
    this.#host.requestUpdate();
  }

  get store(): ReadableAtom<T> | undefined {
    return this.#store;
  }

  #connected = false;

  #subscribe(): void {
    this.#unsubscribe = this.#store?.subscribe((value) => {
      this.#onChange?.(value);
      this.#host.requestUpdate();
    });
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
