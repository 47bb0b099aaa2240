/**
 * The relay's Smart Terminals for a picker, as a Lit reactive controller with one state: loaded once
 * per endpoint and page (a failed load is forgotten, so the next element tries again), again when
 * the host's `endpoint` changes, and on `reload()` (after a request ended, the relay may mark or
 * unmark a terminal it could not reach).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RelayClientError, listSmartTerminals, type SmartTerminalSummary } from './relay-client.js';

export type TerminalList =
  | { status: 'loading' }
  | { status: 'ready'; terminals: SmartTerminalSummary[] }
  | { status: 'failed'; error: RelayClientError };

const lists = new Map<string, Promise<SmartTerminalSummary[]>>();

function loadTerminals(endpoint: string): Promise<SmartTerminalSummary[]> {
  let list = lists.get(endpoint);
  if (!list) {
    list = listSmartTerminals(endpoint).then((r) => r.results);
    lists.set(endpoint, list);
    list.catch(() => lists.delete(endpoint));
  }
  return list;
}

export class TerminalListController implements ReactiveController {
  #state: TerminalList = { status: 'loading' };
  #endpoint?: string;
  /** `reload` keeps the list shown while the relay answers. */
  #keep = false;
  readonly #host: ReactiveControllerHost & { endpoint: string };
  readonly #onError: (error: RelayClientError) => void;

  /** @param onError called once per failed load of the current endpoint. */
  constructor(host: ReactiveControllerHost & { endpoint: string }, onError: (error: RelayClientError) => void) {
    (this.#host = host).addController(this);
    this.#onError = onError;
  }

  get state(): TerminalList {
    return this.#state;
  }

  /** Asks the relay again (and so will the page's next element); the list shown stays until the answer. */
  reload(): void {
    lists.delete(this.#host.endpoint);
    this.#endpoint = undefined;
    this.#keep = true;
    this.#host.requestUpdate();
  }

  /** Before each render: loads the list when the endpoint is new (or after `reload`). */
  hostUpdate(): void {
    const { endpoint } = this.#host;
    if (endpoint === this.#endpoint) return;
    this.#endpoint = endpoint;
    const keep = this.#keep;
    if (!keep) this.#state = { status: 'loading' };
    this.#keep = false;
    const settle = (state: TerminalList) => {
      if (endpoint !== this.#endpoint) return false; // an older endpoint's answer
      this.#state = state;
      this.#host.requestUpdate();
      return true;
    };
    loadTerminals(endpoint).then(
      (terminals) => settle({ status: 'ready', terminals }),
      // A reload that fails leaves the list shown as it was: the picker still works.
      (error: RelayClientError) => !keep && settle({ status: 'failed', error }) && this.#onError(error),
    );
  }
}
