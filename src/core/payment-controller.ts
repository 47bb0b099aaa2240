/**
 * The payment lifecycle of one element (`<pj-terminal-pay>`), as a Lit reactive controller: it holds
 * the one `PaymentState`, moves it only through the pure steps of payment-state.ts, and does what
 * each step implies: the calls to the relay, the live request's stream, the element's events, the
 * elapsed timer and focus. The element renders `state`; it never changes it. `<pj-terminal-request>`
 * runs its signature, prompt and input requests through it too, with its own `send` and `announceEnd`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PaymentRequestBody, RequestSnapshot } from '../protocol/relay-contract.js';
import { emit } from './emit.js';
import { liveRequest, type LiveRequestState } from './live-request.js';
import {
  accept,
  askCancel,
  cancelFailed,
  follow,
  lives,
  observe,
  pay,
  refuse,
  reset,
  type AnnounceEnd,
  type Attempt,
  type PaymentState,
  type Step,
} from './payment-state.js';
import { RelayClientError, cancelRequest, newIdempotencyKey, startPayment } from './relay-client.js';
import { StoreController } from './store-controller.js';

/** What the controller needs of its element. */
export interface PaymentHost extends ReactiveControllerHost, HTMLElement {
  /** Base URL of the relay. */
  endpoint: string;
  /** The request to follow; the controller writes back the one it follows (undefined when idle). */
  requestId?: string | undefined;
  readonly renderRoot: ParentNode;
}

/** Sends an attempt's body to the relay with its idempotency key, and resolves to the request's first snapshot. */
export type SendAttempt<Body> = (endpoint: string, body: Body, idempotencyKey: string) => Promise<RequestSnapshot>;

/** What differs for a request that is not a payment: how it is sent, and how its end is announced. */
export interface RequestKindOptions<Body> {
  /** Default: POST /payments. */
  send?: SendAttempt<Body>;
  /** Default: a payment's events (payment-state.ts, `endAnnouncement`). */
  announceEnd?: AnnounceEnd;
}

export class PaymentController<Body extends object = PaymentRequestBody> implements ReactiveController {
  #state: PaymentState = { status: 'idle' };
  readonly #host: PaymentHost;
  /** pj-error's message for a state: the words the element shows for what went wrong. */
  readonly #problemText: (state: PaymentState) => string;
  /** The live request followed: one shared store per request (`liveRequest`), subscribed while connected. */
  readonly #live: StoreController<LiveRequestState>;
  readonly #send: SendAttempt<Body>;
  readonly #announceEnd: AnnounceEnd | undefined;
  /** The cancel call on its way, so `cancel()` can be awaited. */
  #cancelling?: Promise<void>;
  #ticker?: ReturnType<typeof setInterval>;
  /** The part to focus once it is rendered and enabled: cancel once paying, the result once known. */
  #focus?: 'cancel-button' | 'status';

  constructor(host: PaymentHost, problemText: (state: PaymentState) => string, options: RequestKindOptions<Body> = {}) {
    (this.#host = host).addController(this);
    this.#problemText = problemText;
    this.#send = options.send ?? (startPayment as unknown as SendAttempt<Body>);
    this.#announceEnd = options.announceEnd;
    this.#live = new StoreController(host, (live) => this.#set(observe(this.#state, live, this.#announceEnd)));
  }

  get state(): PaymentState {
    return this.#state;
  }

  /** Sends `body` to the terminal (the failed attempt again, with its key, when the body is the same). */
  pay(body: Body): void {
    this.#set(pay(this.#state, JSON.stringify(body), newIdempotencyKey(), Date.now()));
  }

  /** Asks the terminal to go back to its main screen; resolves once the relay answered the cancel. */
  cancel(): Promise<void> | undefined {
    this.#set(askCancel(this.#state));
    return this.#cancelling;
  }

  /** Back to idle after an end (the "New payment" and "Start a new charge" buttons). */
  reset(): void {
    this.#set(reset(this.#state));
  }

  /** Before each render: follows the host's `requestId` when it names another request. */
  hostUpdate(): void {
    const wanted = this.#host.requestId;
    if (wanted) this.#set(follow(this.#state, wanted, Date.now()));
    else this.#host.requestId = this.#state.requestId; // cleared: the request shown stays
  }

  /**
   * On the server, where Lit SSR runs the host's willUpdate and render but never hostUpdate: the request
   * the host follows, shown as the browser's first render will show it (hydration needs the same
   * templates), with nothing started: no stream, no event, no timer.
   */
  followOnServer(): void {
    const wanted = this.#host.requestId;
    if (wanted) [this.#state] = follow(this.#state, wanted, Date.now());
  }

  /** After each render: the elapsed timer ticks while a payment lives; focus follows the payment. */
  hostUpdated(): void {
    this.#tick(lives(this.#state));
    const target = this.#focus && this.#host.renderRoot.querySelector<HTMLButtonElement>(`[part~=${this.#focus}]`);
    if (!target || target.disabled) return;
    this.#focus = undefined;
    const active = document.activeElement;
    // Only when the page's focus is not somewhere else: on the body, or inside this element.
    if (!active || active === document.body || active === this.#host) target.focus();
  }

  hostDisconnected(): void {
    this.#tick(false);
  }

  #tick(on: boolean): void {
    if (on) {
      this.#ticker ??= setInterval(() => this.#host.requestUpdate(), 1000);
    } else {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
  }

  /** The one place the state changes: the new state, then its effects in order, then what it needs. */
  #set([next, ...effects]: Step, accepted?: RequestSnapshot): void {
    const prev = this.#state;
    if (next === prev) return;
    this.#state = next;
    for (const effect of effects) {
      if (effect[0] === 'send') {
        this.#focus = 'cancel-button';
        void this.#start(effect[1]);
      } else if (effect[0] === 'cancel') this.#cancelling = this.#sendCancel(effect[1]);
      else if (effect[0] === 'pj-error')
        emit(this.#host, 'pj-error', { ...effect[1], message: this.#problemText(next) });
      else emit(this.#host, effect[0], effect[1]);
    }
    // The result takes focus: a failure, or an end after the terminal was seen working (a live snapshot).
    if (next.status === 'failed' || (next.status !== 'live' && prev.status === 'live' && prev.snapshot)) {
      this.#focus = 'status';
    }
    const { requestId } = next;
    if (requestId !== prev.requestId) {
      this.#host.requestId = requestId;
      // Last: a new store reports its snapshot at once, which steps the state again.
      const snapshot = accepted ?? next.snapshot;
      this.#live.store = requestId ? liveRequest(this.#host.endpoint, requestId, snapshot) : undefined;
    }
    this.#host.requestUpdate();
  }

  async #start(attempt: Attempt): Promise<void> {
    try {
      const snapshot = await this.#send(this.#host.endpoint, JSON.parse(attempt.body) as Body, attempt.key);
      this.#set(accept(this.#state, attempt.key, snapshot.requestId), snapshot);
    } catch (err) {
      const error = err instanceof RelayClientError ? err : new RelayClientError(0, 'network', '');
      this.#set(refuse(this.#state, attempt.key, error));
    }
  }

  async #sendCancel(requestId: string): Promise<void> {
    try {
      await cancelRequest(this.#host.endpoint, requestId);
    } catch (err) {
      this.#set(cancelFailed(this.#state, requestId, err as RelayClientError));
    }
  }
}
