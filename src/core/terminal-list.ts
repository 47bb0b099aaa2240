/**
 * The relay's Smart Terminals for a picker, as a Lit reactive controller with one state: loaded once
 * per endpoint and page (a failed load is forgotten, so the next element tries again), and again
 * when the host's `endpoint` changes.
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

  /** Before each render: loads the list when the endpoint is new. */
  hostUpdate(): void {
    const { endpoint } = this.#host;
    if (endpoint === this.#endpoint) return;
    this.#endpoint = endpoint;
    this.#state = { status: 'loading' };
    const settle = (state: TerminalList) => {
      if (endpoint !== this.#endpoint) return false; // an older endpoint's answer
      this.#state = state;
      this.#host.requestUpdate();
      return true;
    };
    loadTerminals(endpoint).then(
      (terminals) => settle({ status: 'ready', terminals }),
      (error: RelayClientError) => settle({ status: 'failed', error }) && this.#onError(error),
    );
  }
}
