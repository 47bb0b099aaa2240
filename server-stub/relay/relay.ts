/**
 * The relay: starts Smart Terminal requests exactly once per idempotency key, folds every status
 * report (webhook or poll) through the protocol reducer, fetches the transaction once its id
 * appears, and ends requests that stall. Pages watch snapshots through `subscribe`.
 *
 * Each live request has one supervisor (a timer chain) across all processes, held by a lease in the
 * store: it polls when webhooks cannot reach us (or have gone quiet), and times the request out.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createSnapshot, reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';
import { toTransactionView, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type {
  PjList,
  PjRequestIdResponse,
  PjRequestInputParams,
  PjRequestPaymentParams,
  PjRequestPaymentResponse,
  PjRequestPromptParams,
  PjRequestSignatureParams,
  PjSmartTerminalRequestData,
  PjSmartTerminalRequestState,
  PjTerminal,
  PjTransaction,
} from '../../src/protocol/wire.js';
import { PayJunctionError } from '../payjunction/errors.js';
import { RelayError, fromUpstream } from './errors.js';
import type { RelayStore, StoredRequest, Unsubscribe } from './store.js';

/** The part of the PayJunction client the relay uses (PayJunctionClient satisfies it). */
export interface RelayUpstream {
  listTerminals(): Promise<PjList<PjTerminal>>;
  requestPayment(smartTerminalId: string, params: PjRequestPaymentParams): Promise<PjRequestPaymentResponse>;
  requestSignature(smartTerminalId: string, params: PjRequestSignatureParams): Promise<PjRequestIdResponse>;
  requestPrompt(smartTerminalId: string, params: PjRequestPromptParams): Promise<PjRequestIdResponse>;
  requestInput(smartTerminalId: string, params: PjRequestInputParams): Promise<PjRequestIdResponse>;
  returnToMain(smartTerminalId: string): Promise<void>;
  getRequest(requestId: string): Promise<PjSmartTerminalRequestState>;
  getTransaction(transactionId: number): Promise<PjTransaction>;
}

export type Delivery = 'webhooks' | 'polling';

export interface RelayTimings {
  /** Polling mode: the first poll this long after the request starts (seed 000: at least 10 s). */
  pollInitialDelayMs: number;
  /** Between two polls of one request; PayJunction allows one per 500 ms. */
  pollIntervalMs: number;
  /** Webhook mode: a live request this long without a webhook gets the poller as a safety net. */
  webhookSilenceMs: number;
  /** No progress this long: one last status check, then the request ends as `timeout`. */
  requestTimeoutMs: number;
  /** How long request snapshots and idempotency keys are kept (at least 24 h). */
  retentionMs: number;
}

export const DEFAULT_TIMINGS: RelayTimings = {
  pollInitialDelayMs: 10_000,
  pollIntervalMs: 1_000,
  webhookSilenceMs: 15_000,
  requestTimeoutMs: 90_000,
  retentionMs: 25 * 60 * 60 * 1000,
};

export interface RelayOptions {
  upstream: RelayUpstream;
  store: RelayStore;
  delivery: Delivery;
  /** The merchant account (numeric terminalId) Smart Terminal requests run on; default: the first enabled CARD account. */
  terminalId?: number;
  timings?: Partial<RelayTimings>;
  logger: Logger;
}

export interface PaymentParams {
  smartTerminalId: string;
  amountBase: string;
  amountTip?: string;
  amountTax?: string;
  amountShipping?: string;
  invoiceNumber?: string;
  action?: 'CHARGE' | 'REFUND';
}

export type TerminalRequestParams =
  | { kind: 'payment'; smartTerminalId: string; payment: PaymentParams }
  | { kind: 'signature'; smartTerminalId: string; terms: string }
  | { kind: 'prompt'; smartTerminalId: string; text: string; buttons: string[] }
  | { kind: 'input'; smartTerminalId: string; type: 'PHONE' };

const IDEMPOTENCY_WAIT_MS = 30_000;
const MIN_POLL_INTERVAL_MS = 500;

interface Supervisor {
  timer?: ReturnType<typeof setTimeout>;
  /** Earliest next poll (the per-request interval, or a backoff). */
  nextPollAt: number;
  /** A poll asked for out of turn (after a cancel), whatever the mode. */
  urgentPollAt?: number;
  backoffMs: number;
  stopped: boolean;
}

export class Relay {
  /** How status reaches us; the stub falls back to 'polling' when a webhook subscription fails. */
  delivery: Delivery;
  readonly timings: RelayTimings;
  readonly #upstream: RelayUpstream;
  readonly #store: RelayStore;
  readonly #log: Logger;
  readonly #instanceId = randomUUID();
  readonly #supervisors = new Map<string, Supervisor>();
  readonly #fetching = new Set<string>();
  /** Requests started by this process, until they end. */
  readonly #startedHere = new Set<string>();
  readonly #accounts = new Map<'CARD' | 'ACH', Promise<number>>();
  #closed = false;

  constructor(options: RelayOptions) {
    this.#upstream = options.upstream;
    this.#store = options.store;
    this.delivery = options.delivery;
    this.#log = options.logger;
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.timings.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, this.timings.pollIntervalMs);
    if (options.terminalId !== undefined) this.#accounts.set('CARD', Promise.resolve(options.terminalId));
  }

  get store(): RelayStore {
    return this.#store;
  }

  // ─── Starting requests ────────────────────────────────────────────────────────────────────

  /**
   * Starts a Smart Terminal request. With an idempotency key, the same key and body return the same
   * request and reach PayJunction once, however many callers race; the same key with another body is
   * a 409.
   */
  async start(params: TerminalRequestParams, idempotencyKey?: string): Promise<RequestSnapshot> {
    if (idempotencyKey === undefined) return this.#startUpstream(params);
    const fingerprint = createHash('sha256').update(canonicalJson(params)).digest('hex');
    const key = `${params.kind}:${idempotencyKey}`;
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      const claim = await this.#store.claimIdempotency(key, fingerprint, this.timings.retentionMs);
      if (claim.state !== 'claimed' && claim.fingerprint !== fingerprint) {
        throw new RelayError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was already used for a different request. Use a new key for a new payment.',
        );
      }
      if (claim.state === 'done') {
        const record = await this.#store.getRequest(claim.requestId);
        if (record) return record.snapshot;
        throw new RelayError(410, 'request_expired', 'That request is too old to be shown any more.');
      }
      if (claim.state === 'claimed') {
        try {
          const snapshot = await this.#startUpstream(params);
          await this.#store.completeIdempotency(key, fingerprint, snapshot.requestId, this.timings.retentionMs);
          return snapshot;
        } catch (err) {
          // Nothing was started (or we cannot know it was): let the same key try again.
          await this.#store.releaseIdempotency(key);
          throw err;
        }
      }
      if (Date.now() > deadline) {
        throw new RelayError(409, 'idempotency_in_progress', 'The same request is still being started. Try again in a moment.');
      }
      await sleep(25);
    }
  }

  async #startUpstream(params: TerminalRequestParams): Promise<RequestSnapshot> {
    const terminalId = await this.merchantTerminalId('CARD');
    const id = params.smartTerminalId;
    let requestId: string;
    try {
      switch (params.kind) {
        case 'payment': {
          const p = params.payment;
          const body: PjRequestPaymentParams = { terminalId, amountBase: p.amountBase, action: p.action ?? 'CHARGE' };
          if (p.amountTip !== undefined) body.amountTip = p.amountTip;
          if (p.amountTax !== undefined) body.amountTax = p.amountTax;
          if (p.amountShipping !== undefined) body.amountShipping = p.amountShipping;
          if (p.invoiceNumber !== undefined) body.invoiceNumber = p.invoiceNumber;
          requestId = (await this.#upstream.requestPayment(id, body)).requestPaymentId;
          break;
        }
        case 'signature':
          requestId = (await this.#upstream.requestSignature(id, { terminalId, terms: params.terms })).requestId;
          break;
        case 'prompt':
          requestId = (await this.#upstream.requestPrompt(id, { terminalId, text: params.text, buttons: params.buttons })).requestId;
          break;
        case 'input':
          requestId = (await this.#upstream.requestInput(id, { terminalId, type: params.type })).requestId;
          break;
      }
    } catch (err) {
      if (err instanceof PayJunctionError && err.kind === 'not_found') {
        throw new RelayError(404, 'unknown_terminal', 'That Smart Terminal was not found on this merchant account.');
      }
      throw fromUpstream(err, { action: 'reach the terminal' });
    }
    const now = Date.now();
    const record: StoredRequest = {
      snapshot: createSnapshot({
        requestId,
        kind: params.kind,
        smartTerminalId: id,
        ...(params.kind === 'payment' ? { action: params.payment.action ?? 'CHARGE' } : {}),
        now: new Date(now),
      }),
      createdAt: now,
      lastProgressAt: now,
      lastWebhookAt: 0,
    };
    await this.#store.createRequest(record, this.timings.retentionMs);
    this.#startedHere.add(requestId);
    this.#log.info({ requestId, kind: params.kind, smartTerminalId: id }, 'terminal request started');
    this.#supervise(requestId);
    // A webhook may already have landed between PayJunction's answer and createRequest.
    return (await this.#store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  /** The merchant account (PayJunction's numeric terminalId) of a type: the first enabled one. */
  merchantTerminalId(type: 'CARD' | 'ACH'): Promise<number> {
    let account = this.#accounts.get(type);
    if (!account) {
      account = this.#upstream.listTerminals().then(
        (list) => {
          const found = list.results.find((t) => t.enabled && t.type === type);
          if (!found) {
            this.#accounts.delete(type);
            const what = type === 'CARD' ? 'card' : 'bank (ACH)';
            throw new RelayError(502, 'no_merchant_account', `This PayJunction account has no enabled ${what} account to use.`);
          }
          return Number(found.terminalId);
        },
        (err) => {
          this.#accounts.delete(type);
          throw fromUpstream(err, { action: 'read the merchant accounts' });
        },
      );
      this.#accounts.set(type, account);
    }
    return account;
  }

  // ─── Reading and watching ─────────────────────────────────────────────────────────────────

  async getSnapshot(requestId: string): Promise<RequestSnapshot | undefined> {
    return (await this.#store.getRequest(requestId))?.snapshot;
  }

  /**
   * Watches a request. A watched live request always has a supervisor somewhere: if the process
   * that started it died (several processes, or a restart with a shared store), this one takes
   * over once the lease lapses.
   */
  subscribe(requestId: string, listener: (snapshot: RequestSnapshot) => void): Unsubscribe {
    const unsubscribe = this.#store.subscribe(requestId, listener);
    void this.#store.getRequest(requestId).then((record) => {
      if (!record || record.snapshot.outcome !== null) return;
      // A request this process did not start (another process, or before a restart) may have missed
      // webhooks while nobody supervised it: ask PayJunction as soon as this process holds the lease.
      if (this.#startedHere.has(requestId)) this.#supervise(requestId);
      else this.#pollSoon(requestId, 0);
    }, () => undefined);
    return unsubscribe;
  }

  // ─── Cancel ───────────────────────────────────────────────────────────────────────────────

  /**
   * Sends the terminal back to its main screen. The request then ends as PayJunction reports it:
   * cancelled, or, if the card was already read, with its transaction (too late to cancel: void it).
   */
  async cancel(requestId: string): Promise<RequestSnapshot> {
    const record = await this.#store.getRequest(requestId);
    if (!record) throw new RelayError(404, 'not_found', 'No such request.');
    if (record.snapshot.outcome !== null) return record.snapshot;
    try {
      await this.#upstream.returnToMain(record.snapshot.smartTerminalId);
    } catch (err) {
      throw fromUpstream(err, { action: 'cancel the request on the terminal' });
    }
    this.#log.info({ requestId }, 'cancel sent to terminal');
    // Ask PayJunction soon, whatever the delivery mode, so the cancel shows without waiting.
    this.#pollSoon(requestId, 750);
    return (await this.#store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  // ─── Status intake (webhooks and polls) ───────────────────────────────────────────────────

  /** Applies one status report. Unknown requests are ignored (they belong to another integration). */
  async applyStatus(data: PjSmartTerminalRequestData | (PjSmartTerminalRequestState & { requestId: string }), source: 'webhook' | 'poll'): Promise<RequestSnapshot | undefined> {
    const event: RequestEvent = { type: 'status', status: String(data.status) };
    if (data.transactionId !== undefined && data.transactionId !== null) event.transactionId = data.transactionId;
    if (typeof data.signatureId === 'string') event.signatureId = data.signatureId;
    if (typeof data.promptButton === 'string') event.promptButton = data.promptButton;
    if (typeof data.inputValue === 'string') event.inputValue = data.inputValue;
    return this.#apply(data.requestId, event, source === 'webhook');
  }

  /** Folds one event into a request; a webhook also stamps when the last one arrived (the safety net's clock). */
  async #apply(requestId: string, event: RequestEvent, fromWebhook = false): Promise<RequestSnapshot | undefined> {
    const now = Date.now();
    const result = await this.#store.updateRequest(
      requestId,
      (current) => {
        const snapshot = reduceRequest(current.snapshot, event, new Date(now));
        if (snapshot === current.snapshot && !fromWebhook) return undefined;
        return {
          ...current,
          snapshot,
          lastProgressAt: snapshot === current.snapshot ? current.lastProgressAt : now,
          lastWebhookAt: fromWebhook ? now : current.lastWebhookAt,
        };
      },
      this.timings.retentionMs,
    );
    if (!result) return undefined;
    await this.#afterUpdate(result.record, result.changed);
    return result.record.snapshot;
  }

  #lastPublished = new Map<string, number>();

  async #afterUpdate(record: StoredRequest, changed: boolean): Promise<void> {
    const s = record.snapshot;
    if (changed && (this.#lastPublished.get(s.requestId) ?? 0) < s.version) {
      this.#lastPublished.set(s.requestId, s.version);
      if (s.outcome !== null) this.#lastPublished.delete(s.requestId);
      this.#log.info({ requestId: s.requestId, status: s.status, outcome: s.outcome, version: s.version }, 'request changed');
      await this.#store.publish(s);
    }
    if (s.kind === 'payment' && s.transactionId !== undefined && !s.transaction && s.outcome === null) {
      void this.#fetchTransaction(s.requestId, s.transactionId);
    }
    if (s.outcome !== null) this.#stopSupervisor(s.requestId);
    else this.#supervise(s.requestId);
  }

  /** Fetches the transaction once per request (one fetch in flight across processes). */
  async #fetchTransaction(requestId: string, transactionId: number): Promise<void> {
    if (this.#fetching.has(requestId) || this.#closed) return;
    this.#fetching.add(requestId);
    const lease = `tx:${requestId}`;
    try {
      if (!(await this.#store.acquireLease(lease, this.#instanceId, 30_000))) return;
      const transaction = await this.#upstream.getTransaction(transactionId);
      await this.#store.addOwned('transaction', transactionId, this.timings.retentionMs);
      await this.#apply(requestId, { type: 'transaction', transaction: toTransactionView(transaction) });
    } catch (err) {
      // The supervisor tries again on its next tick; the timeout names the transaction if it never works.
      this.#log.warn({ requestId, transactionId, err: describeError(err) }, 'transaction fetch failed');
    } finally {
      this.#fetching.delete(requestId);
      await this.#store.releaseLease(lease, this.#instanceId).catch(() => undefined);
    }
  }

  // ─── Supervision: polling and timeouts ────────────────────────────────────────────────────

  #supervise(requestId: string): void {
    if (this.#closed || this.#supervisors.has(requestId)) return;
    const sup: Supervisor = { nextPollAt: 0, backoffMs: 0, stopped: false };
    this.#supervisors.set(requestId, sup);
    this.#schedule(requestId, sup, 0);
  }

  #pollSoon(requestId: string, delayMs: number): void {
    this.#supervise(requestId);
    const sup = this.#supervisors.get(requestId);
    if (!sup) return;
    sup.urgentPollAt = Date.now() + delayMs;
    this.#schedule(requestId, sup, delayMs);
  }

  #stopSupervisor(requestId: string): void {
    this.#startedHere.delete(requestId);
    const sup = this.#supervisors.get(requestId);
    if (!sup) return;
    sup.stopped = true;
    clearTimeout(sup.timer);
    this.#supervisors.delete(requestId);
    void this.#store.releaseLease(`supervisor:${requestId}`, this.#instanceId).catch(() => undefined);
  }

  #schedule(requestId: string, sup: Supervisor, delayMs: number): void {
    clearTimeout(sup.timer);
    sup.timer = setTimeout(() => {
      this.#tick(requestId, sup).catch((err) => {
        this.#log.error({ requestId, err: describeError(err) }, 'supervisor tick failed');
        if (!sup.stopped) this.#schedule(requestId, sup, this.timings.pollIntervalMs);
      });
    }, Math.max(0, delayMs));
    sup.timer.unref?.();
  }

  async #tick(requestId: string, sup: Supervisor): Promise<void> {
    if (sup.stopped || this.#closed) return;
    const t = this.timings;
    const leaseMs = Math.max(5_000, t.pollIntervalMs * 4);
    const record = await this.#store.getRequest(requestId);
    if (!record || record.snapshot.outcome !== null) return this.#stopSupervisor(requestId);
    if (!(await this.#store.acquireLease(`supervisor:${requestId}`, this.#instanceId, leaseMs))) {
      // Another process supervises this request; look again in case it goes away.
      return this.#schedule(requestId, sup, leaseMs);
    }
    const now = Date.now();
    const s = record.snapshot;
    if (s.kind === 'payment' && s.transactionId !== undefined && !s.transaction) {
      void this.#fetchTransaction(requestId, s.transactionId);
    }

    const timeoutAt = record.lastProgressAt + t.requestTimeoutMs;
    if (now >= timeoutAt) return this.#finalCheck(requestId);

    // When to poll: polling mode after the initial delay; webhook mode only once webhooks go quiet.
    const quietSince = Math.max(record.createdAt, record.lastWebhookAt);
    const due =
      this.delivery === 'polling' ? record.createdAt + t.pollInitialDelayMs : quietSince + t.webhookSilenceMs;
    let pollAt = Math.max(due, sup.nextPollAt);
    if (sup.urgentPollAt !== undefined) pollAt = Math.max(Math.min(pollAt, sup.urgentPollAt), sup.nextPollAt);
    if (now >= pollAt) {
      sup.urgentPollAt = undefined;
      await this.#poll(requestId, sup);
      const after = await this.#store.getRequest(requestId);
      if (!after || after.snapshot.outcome !== null) return this.#stopSupervisor(requestId);
      pollAt = Math.max(sup.nextPollAt, this.delivery === 'polling' ? 0 : after.lastWebhookAt + t.webhookSilenceMs);
    }
    this.#schedule(requestId, sup, Math.min(pollAt, timeoutAt) - Date.now());
  }

  async #poll(requestId: string, sup: Supervisor): Promise<void> {
    try {
      const state = await this.#upstream.getRequest(requestId);
      sup.backoffMs = 0;
      await this.applyStatus({ ...state, requestId }, 'poll');
      sup.nextPollAt = Date.now() + this.timings.pollIntervalMs;
    } catch (err) {
      const limited = err instanceof PayJunctionError && err.kind === 'rate_limited';
      sup.backoffMs = Math.min(30_000, Math.max(this.timings.pollIntervalMs, sup.backoffMs * 2 || this.timings.pollIntervalMs * 2));
      const wait = limited && err.retryAfterMs ? Math.max(err.retryAfterMs, sup.backoffMs) : sup.backoffMs;
      sup.nextPollAt = Date.now() + wait;
      this.#log.warn({ requestId, err: describeError(err), retryInMs: wait }, 'status poll failed');
    }
  }

  /** The request stalled: one last look at PayJunction, then it ends as `timeout`. */
  async #finalCheck(requestId: string): Promise<void> {
    try {
      const state = await this.#upstream.getRequest(requestId);
      const after = await this.applyStatus({ ...state, requestId }, 'poll');
      if (after?.transactionId !== undefined && !after.transaction) {
        const transaction = await this.#upstream.getTransaction(after.transactionId);
        await this.#store.addOwned('transaction', after.transactionId, this.timings.retentionMs);
        await this.#apply(requestId, { type: 'transaction', transaction: toTransactionView(transaction) });
      }
    } catch (err) {
      this.#log.warn({ requestId, err: describeError(err) }, 'final status check failed');
    }
    const snapshot = await this.#apply(requestId, { type: 'timeout' });
    if (snapshot) this.#log.warn({ requestId, outcome: snapshot.outcome }, 'request timed out');
    this.#stopSupervisor(requestId);
  }

  /** How many requests this process supervises (tests prove one poller per request). */
  get supervisedCount(): number {
    return this.#supervisors.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const id of [...this.#supervisors.keys()]) this.#stopSupervisor(id);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** JSON with sorted keys, so the same body always has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A log-safe description of an error: kind, status and message, never a request or its headers. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof PayJunctionError) return { kind: err.kind, status: err.status, message: err.message };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { message: String(err) };
}
