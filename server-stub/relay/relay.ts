/**
 * The relay: sends each Smart Terminal attempt to PayJunction at most once per idempotency key,
 * folds every status report (webhook or poll) through the protocol reducer, fetches the transaction
 * once its id appears (and attaches it only if it matches the request), and ends requests that stall.
 * Pages watch snapshots through `subscribe`.
 *
 * Money rules kept here (docs/reliability.md explains each):
 * - An attempt whose answer is lost (timeout after sending, reset, cut body, 5xx, a dead process) is
 *   *in doubt*: its key is never released, a relay-made request stands for it, and the relay adopts
 *   the PayJunction request it could not see from the first unknown SMARTTERMINAL_REQUEST report.
 *   Not found in time, it ends `in_doubt`, which the cashier is told to check on the terminal.
 * - A timeout sends the terminal back to its main screen (only if the request is still the
 *   terminal's live one) and keeps watching: a late transaction replaces `timeout`/`error`/`in_doubt`.
 * - Cancel touches the terminal only for the request that is live on it.
 *
 * Each live request has one supervisor (a timer chain) across all processes, held by a lease in the
 * store: it polls when webhooks cannot reach us (or have gone quiet), and times the request out.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { compareMoney } from '../../src/protocol/money.js';
import { createSnapshot, isEndStatus, isKnownStatus, reduceRequest, type RequestEvent } from '../../src/protocol/request-state.js';
import { isFinalSnapshot, isOpenOutcome, toTransactionView, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
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
import { PayJunctionError, sentNothing } from '../payjunction/errors.js';
import { AttemptLedger, type AttemptInfo } from './attempts.js';
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
  /** Polling mode: the first poll this long after the request starts (at least 10 s: https://developer.payjunction.com/hc/en-us/articles/115004644968). */
  pollInitialDelayMs: number;
  /** Between two polls of one request; PayJunction allows one per 500 ms. */
  pollIntervalMs: number;
  /** Webhook mode: a live request this long without a webhook gets the poller as a safety net. */
  webhookSilenceMs: number;
  /** No progress this long: one last status check, then the request ends as `timeout`. */
  requestTimeoutMs: number;
  /** How long request snapshots and idempotency keys are kept (at least 24 h). */
  retentionMs: number;
  /** After a timeout, error or in-doubt end: how long the relay still watches for a late transaction. */
  lateWatchMs: number;
  /** How long a lost attempt may still be matched to PayJunction's reports before it ends `in_doubt`. */
  doubtWindowMs: number;
  /** The lease on an attempt being sent; renewed while the call is in flight, taken over after a crash. */
  attemptLeaseMs: number;
}

export const DEFAULT_TIMINGS: RelayTimings = {
  pollInitialDelayMs: 10_000,
  pollIntervalMs: 1_000,
  webhookSilenceMs: 15_000,
  requestTimeoutMs: 90_000,
  retentionMs: 25 * 60 * 60 * 1000,
  lateWatchMs: 10 * 60_000,
  doubtWindowMs: 90_000,
  attemptLeaseMs: 10_000,
};

/** A lost attempt not yet matched to a PayJunction request. */
interface OpenDoubt {
  requestId: string;
  startedAt: number;
}

/** Which of our requests a terminal is running, and when it started (the later one wins). */
interface TerminalPointer {
  requestId: string;
  startedAt: number;
}

/** A SMARTTERMINAL_REQUEST report about a request this relay does not know (yet). */
interface Orphan {
  requestId: string;
  seenAt: number;
  reports: PjSmartTerminalRequestData[];
}

/** Our clock and PayJunction's may differ; a transaction created this much "before" an attempt still counts. */
const CLOCK_SKEW_MS = 120_000;
/**
 * Relay processes' clocks differ far less: an unknown request first reported more than this before a
 * lost attempt was claimed cannot be that attempt.
 */
const PROCESS_SKEW_MS = 1_000;
/** How many unknown requests' reports are remembered for matching, and for how long. */
const ORPHAN_LIMIT = 50;
const ORPHAN_MEMORY_MS = 10 * 60_000;

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
  readonly #attempts: AttemptLedger;
  #closed = false;

  constructor(options: RelayOptions) {
    this.#upstream = options.upstream;
    this.#store = options.store;
    this.delivery = options.delivery;
    this.#log = options.logger;
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.timings.pollIntervalMs = Math.max(MIN_POLL_INTERVAL_MS, this.timings.pollIntervalMs);
    if (options.terminalId !== undefined) this.#accounts.set('CARD', Promise.resolve(options.terminalId));
    this.#attempts = new AttemptLedger(this.#store, { ttlMs: this.timings.retentionMs, leaseMs: this.timings.attemptLeaseMs });
  }

  get store(): RelayStore {
    return this.#store;
  }

  // ─── Starting requests ────────────────────────────────────────────────────────────────────

  /**
   * Starts a Smart Terminal request. An attempt reaches PayJunction at most once per idempotency key,
   * however many callers race on however many processes, and whatever happens to PayJunction's
   * answer; the same key and body return the same request; the same key with another body is a 409.
   * Without a key (signature, prompt and input requests may omit it) the call is its own attempt.
   */
  async start(params: TerminalRequestParams, idempotencyKey?: string): Promise<RequestSnapshot> {
    const fingerprint = createHash('sha256').update(canonicalJson(params)).digest('hex');
    const key = `${params.kind}:${idempotencyKey ?? `once-${randomUUID()}`}`;
    const attempt: AttemptInfo = { kind: params.kind, smartTerminalId: params.smartTerminalId, startedAt: Date.now() };
    if (params.kind === 'payment') {
      attempt.amountBase = params.payment.amountBase;
      attempt.action = params.payment.action ?? 'CHARGE';
    }
    const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
    for (;;) {
      const claim = await this.#attempts.claim(key, fingerprint, this.#instanceId, attempt);
      if (claim.state !== 'claimed' && claim.fingerprint !== fingerprint) {
        throw new RelayError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was already used for a different request. Use a new key for a new payment.',
        );
      }
      switch (claim.state) {
        case 'done': {
          const record = await this.#store.getRequest(claim.requestId);
          if (record) return record.snapshot;
          throw new RelayError(410, 'request_expired', 'That request is too old to be shown any more.');
        }
        case 'claimed':
          return this.#send(key, fingerprint, params, attempt);
        case 'abandoned':
          // The process that was sending it died: PayJunction may have it. Never send it again.
          this.#log.warn({ key: idempotencyKey, smartTerminalId: claim.attempt.smartTerminalId }, 'attempt abandoned mid-call; now in doubt');
          return this.#doubt(key, fingerprint, claim.attempt, 'sender_died');
        case 'pending':
          if (Date.now() > deadline) {
            throw new RelayError(409, 'idempotency_in_progress', 'The same request is still being started. Try again in a moment.');
          }
          await sleep(25);
      }
    }
  }

  /** Sends a claimed attempt, renewing its lease while PayJunction answers. */
  async #send(key: string, fingerprint: string, params: TerminalRequestParams, attempt: AttemptInfo): Promise<RequestSnapshot> {
    const renew = setInterval(() => {
      void this.#attempts.renew(key, this.#instanceId).catch(() => undefined);
    }, Math.max(50, Math.floor(this.#attempts.leaseMs / 3)));
    renew.unref?.();
    let requestId: string;
    try {
      requestId = await this.#startUpstream(params);
    } catch (err) {
      clearInterval(renew);
      if (err instanceof RelayError || sentNothing(err)) {
        // Certainly nothing happened at PayJunction: the same key may try again.
        await this.#attempts.release(key, this.#instanceId);
        if (err instanceof PayJunctionError && err.kind === 'not_found') {
          throw new RelayError(404, 'unknown_terminal', 'That Smart Terminal was not found on this merchant account.');
        }
        throw fromUpstream(err, { action: 'reach the terminal' });
      }
      this.#log.warn({ smartTerminalId: params.smartTerminalId, err: describeError(err) }, 'answer to a terminal request lost; attempt in doubt');
      return this.#doubt(key, fingerprint, attempt, 'answer_lost');
    }
    clearInterval(renew);
    const record = this.#newRecord(requestId, params.kind, attempt);
    await this.#store.createRequest(record, this.timings.retentionMs);
    const named = await this.#attempts.complete(key, this.#instanceId, fingerprint, requestId);
    if (named !== requestId) {
      // Our lease lapsed mid-call and another process already stands in for the attempt: it is this request.
      await this.#adopt(named, { requestId, seenAt: Date.now(), reports: [] }, 'answer');
      return (await this.#store.getRequest(named))?.snapshot ?? record.snapshot;
    }
    await this.#claimTerminal(params.smartTerminalId, requestId, record.createdAt);
    this.#startedHere.add(requestId);
    this.#log.info({ requestId, kind: params.kind, smartTerminalId: params.smartTerminalId }, 'terminal request started');
    this.#supervise(requestId);
    // A webhook may already have landed between PayJunction's answer and createRequest.
    const orphan = await this.#takeOrphan(requestId);
    for (const report of orphan?.reports ?? []) await this.applyStatus(report, 'webhook');
    return (await this.#store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  #newRecord(requestId: string, kind: TerminalRequestParams['kind'], attempt: AttemptInfo, inDoubt = false): StoredRequest {
    const now = Date.now();
    const snapshot = createSnapshot({
      requestId,
      kind,
      smartTerminalId: attempt.smartTerminalId,
      ...(attempt.action ? { action: attempt.action } : {}),
      now: new Date(now),
    });
    if (inDoubt) snapshot.inDoubt = true;
    const record: StoredRequest = { snapshot, createdAt: inDoubt ? attempt.startedAt : now, lastProgressAt: now, lastWebhookAt: 0 };
    if (attempt.amountBase !== undefined && attempt.action) record.expected = { amountBase: attempt.amountBase, action: attempt.action };
    return record;
  }

  /**
   * The attempt may or may not have reached PayJunction. A relay-made request stands for it (the key
   * names it from now on, so no caller ever sends the attempt again) until PayJunction's reports show
   * which request it was, or the doubt window ends and it ends `in_doubt`.
   */
  async #doubt(key: string, fingerprint: string, attempt: AttemptInfo, reason: 'answer_lost' | 'sender_died'): Promise<RequestSnapshot> {
    const requestId = `doubt-${randomUUID()}`;
    const record = this.#newRecord(requestId, attempt.kind, attempt, true);
    await this.#store.createRequest(record, this.timings.retentionMs);
    const named = await this.#attempts.complete(key, this.#instanceId, fingerprint, requestId);
    if (named !== requestId) return (await this.#store.getRequest(named))?.snapshot ?? record.snapshot;
    await this.#store.updateValue<OpenDoubt[]>(
      'doubts',
      (list = []) => [...list.filter((d) => Date.now() - d.startedAt < this.#doubtMemoryMs()), { requestId, startedAt: attempt.startedAt }],
      this.timings.retentionMs,
    );
    await this.#claimTerminal(attempt.smartTerminalId, requestId, attempt.startedAt);
    this.#log.warn({ requestId, reason, smartTerminalId: attempt.smartTerminalId }, 'attempt in doubt; looking for it in PayJunction reports');
    this.#startedHere.add(requestId);
    this.#supervise(requestId);
    await this.#reconcile();
    return (await this.#store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  #doubtMemoryMs(): number {
    return this.timings.doubtWindowMs + this.timings.lateWatchMs;
  }

  /**
   * Matches lost attempts to requests PayJunction reported but this relay never saw start. An unknown
   * request that made a transaction is matched by that transaction (merchant account, amount, action,
   * time) to the one lost attempt it fits. Otherwise, with one open doubt and one unknown request
   * reported since it began, they are the same; with several of either and nothing to tell them
   * apart, the relay leaves them in doubt rather than guess.
   */
  async #reconcile(): Promise<void> {
    const now = Date.now();
    let doubts = ((await this.#store.getValue<OpenDoubt[]>('doubts')) ?? []).filter((d) => now - d.startedAt < this.#doubtMemoryMs());
    if (doubts.length === 0) return;
    let orphans = ((await this.#store.getValue<Orphan[]>('orphans')) ?? []).filter((o) => now - o.seenAt < ORPHAN_MEMORY_MS);
    const inWindow = (d: OpenDoubt, o: Orphan) => o.seenAt >= d.startedAt - PROCESS_SKEW_MS;

    // By transaction: each unknown request that made one fits at most one lost attempt.
    for (const orphan of orphans) {
      const transactionId = orphan.reports.map((r) => r.transactionId).find((id) => id !== undefined && id !== null);
      if (transactionId === undefined) continue;
      let transaction: PjTransaction;
      try {
        transaction = await this.#upstream.getTransaction(Number(transactionId));
      } catch {
        continue; // asked again with the next report
      }
      const fits: OpenDoubt[] = [];
      for (const d of doubts) {
        if (!inWindow(d, orphan)) continue;
        const record = await this.#store.getRequest(d.requestId);
        // Only a payment has a transaction to match (#mismatch accepts anything for the other kinds).
        if (record?.expected && !(await this.#mismatch(record, transaction))) fits.push(d);
      }
      if (fits.length !== 1) continue;
      await this.#adopt(fits[0]!.requestId, orphan, 'transaction');
      doubts = doubts.filter((d) => d !== fits[0]);
      orphans = orphans.filter((o) => o !== orphan);
    }

    if (doubts.length !== 1) return;
    const doubt = doubts[0]!;
    const candidates = orphans.filter((o) => inWindow(doubt, o));
    if (candidates.length !== 1) return;
    await this.#adopt(doubt.requestId, candidates[0]!, 'elimination');
  }

  /**
   * The in-doubt request `requestId` is PayJunction's `orphan.requestId`: link them and catch up.
   * Found by PayJunction's own answer or by a matching transaction, the request is no longer in doubt.
   * Found by elimination (the only unknown request), it is followed but stays in doubt: an end without
   * a transaction could be someone else's end, so only a matching transaction settles it.
   */
  async #adopt(requestId: string, orphan: Orphan, how: 'answer' | 'transaction' | 'elimination'): Promise<void> {
    const removed = await this.#store.updateValue<OpenDoubt[]>(
      'doubts',
      (list) => (list?.some((d) => d.requestId === requestId) ? list.filter((d) => d.requestId !== requestId) : undefined),
      this.timings.retentionMs,
    );
    const linked = await this.#store.updateValue<string>(`alias:${orphan.requestId}`, (current) => (current === undefined ? requestId : undefined), this.timings.retentionMs);
    if (linked.value !== requestId) return; // another process linked it to another attempt first
    if (!removed.changed) this.#log.info({ requestId }, 'attempt linked after its doubt was closed');
    const reports = (await this.#takeOrphan(orphan.requestId))?.reports ?? orphan.reports;
    await this.#store.updateRequest(requestId, (current) => ({ ...current, upstreamRequestId: orphan.requestId }), this.timings.retentionMs);
    if (how !== 'elimination') await this.#apply(requestId, { type: 'adopted' });
    this.#log.info({ requestId, upstreamRequestId: orphan.requestId, how }, 'attempt in doubt found in PayJunction reports');
    for (const report of reports) await this.#apply(requestId, statusEvent(report), true);
    this.#pollSoon(requestId, 0);
  }

  /** An adopted request proved not to be the lost attempt: back in doubt, and no longer followed. */
  async #disown(record: StoredRequest): Promise<void> {
    const requestId = record.snapshot.requestId;
    const upstream = record.upstreamRequestId!;
    await this.#store.updateValue<string>(`alias:${upstream}`, (current) => (current === requestId ? null : undefined), this.timings.retentionMs);
    await this.#store.updateRequest(
      requestId,
      (current) => {
        const next = { ...current };
        delete next.upstreamRequestId;
        return next;
      },
      this.timings.retentionMs,
    );
    await this.#apply(requestId, { type: 'in_doubt', watchUntil: new Date(Date.now() + this.timings.lateWatchMs).toISOString() });
    this.#log.warn({ requestId, upstreamRequestId: upstream }, 'adopted request was not the lost attempt; in doubt again');
  }

  /** Removes and returns what was remembered about an unknown request. */
  async #takeOrphan(upstreamRequestId: string): Promise<Orphan | undefined> {
    let taken: Orphan | undefined;
    await this.#store.updateValue<Orphan[]>(
      'orphans',
      (list) => {
        taken = list?.find((o) => o.requestId === upstreamRequestId);
        return taken ? list!.filter((o) => o !== taken) : undefined;
      },
      ORPHAN_MEMORY_MS,
    );
    return taken;
  }

  /**
   * The request now live on a terminal, so that timeouts and cancels never touch another sale. At
   * start a request takes the terminal unless a live request of ours holds it (then this one will be
   * refused as BUSY); once PayJunction reports it IN_PROGRESS the terminal is running it, whatever the
   * relay's possibly late view of the previous one says (#followTerminal).
   */
  async #claimTerminal(smartTerminalId: string, requestId: string, startedAt: number): Promise<void> {
    const name = `terminal:${smartTerminalId}`;
    const holder = await this.#store.getValue<TerminalPointer>(name);
    if (holder !== undefined && holder.requestId !== requestId) {
      const held = await this.#store.getRequest(holder.requestId);
      if (held && held.snapshot.outcome === null) return;
    }
    await this.#store.updateValue<TerminalPointer>(
      name,
      (current) => (current?.requestId === holder?.requestId ? { requestId, startedAt } : undefined),
      this.timings.retentionMs,
    );
  }

  /** PayJunction says the terminal runs this request: point at it, unless a later request already does. */
  async #followTerminal(smartTerminalId: string, requestId: string, startedAt: number): Promise<void> {
    await this.#store.updateValue<TerminalPointer>(
      `terminal:${smartTerminalId}`,
      (current) => (current === undefined || (current.requestId !== requestId && current.startedAt <= startedAt) ? { requestId, startedAt } : undefined),
      this.timings.retentionMs,
    );
  }

  async #isTerminalLive(smartTerminalId: string, requestId: string): Promise<boolean> {
    return (await this.#store.getValue<TerminalPointer>(`terminal:${smartTerminalId}`))?.requestId === requestId;
  }

  async #releaseTerminal(smartTerminalId: string, requestId: string): Promise<void> {
    await this.#store.updateValue<TerminalPointer>(
      `terminal:${smartTerminalId}`,
      (current) => (current?.requestId === requestId ? null : undefined),
      this.timings.retentionMs,
    );
  }

  /** Sends the terminal back to its main screen, only if `requestId` is still its live request. */
  async #freeTerminal(record: StoredRequest): Promise<void> {
    const { requestId, smartTerminalId } = record.snapshot;
    if (!(await this.#isTerminalLive(smartTerminalId, requestId))) {
      this.#log.info({ requestId, smartTerminalId }, 'terminal left alone: another request is live on it');
      return;
    }
    try {
      await this.#upstream.returnToMain(smartTerminalId);
      this.#log.info({ requestId, smartTerminalId }, 'terminal sent back to its main screen');
      await this.#releaseTerminal(smartTerminalId, requestId);
    } catch (err) {
      this.#log.warn({ requestId, smartTerminalId, err: describeError(err) }, 'could not send the terminal back to its main screen');
    }
  }

  /** Calls PayJunction; resolves to its request id. Throws what the call threw (see #send). */
  async #startUpstream(params: TerminalRequestParams): Promise<string> {
    const terminalId = await this.merchantTerminalId('CARD');
    const id = params.smartTerminalId;
    switch (params.kind) {
      case 'payment': {
        const p = params.payment;
        const body: PjRequestPaymentParams = { terminalId, amountBase: p.amountBase, action: p.action ?? 'CHARGE' };
        if (p.amountTip !== undefined) body.amountTip = p.amountTip;
        if (p.amountTax !== undefined) body.amountTax = p.amountTax;
        if (p.amountShipping !== undefined) body.amountShipping = p.amountShipping;
        if (p.invoiceNumber !== undefined) body.invoiceNumber = p.invoiceNumber;
        return (await this.#upstream.requestPayment(id, body)).requestPaymentId;
      }
      case 'signature':
        return (await this.#upstream.requestSignature(id, { terminalId, terms: params.terms })).requestId;
      case 'prompt':
        return (await this.#upstream.requestPrompt(id, { terminalId, text: params.text, buttons: params.buttons })).requestId;
      case 'input':
        return (await this.#upstream.requestInput(id, { terminalId, type: params.type })).requestId;
    }
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
      if (!record || isFinalSnapshot(record.snapshot)) return;
      // A request this process did not start (another process, or before a restart) may have missed
      // webhooks while nobody supervised it: ask PayJunction as soon as this process holds the lease.
      if (this.#startedHere.has(requestId) || record.snapshot.outcome !== null) this.#supervise(requestId);
      else this.#pollSoon(requestId, 0);
    }, () => undefined);
    return unsubscribe;
  }

  // ─── Cancel ───────────────────────────────────────────────────────────────────────────────

  /**
   * Sends the terminal back to its main screen. The request then ends as PayJunction reports it:
   * cancelled, or, if the card was already read, with its transaction (too late to cancel: void it).
   * An ended request, or one that is no longer the terminal's live request, never touches the
   * terminal: another sale may be running on it.
   */
  async cancel(requestId: string): Promise<RequestSnapshot> {
    const record = await this.#store.getRequest(requestId);
    if (!record) throw new RelayError(404, 'not_found', 'No such request.');
    if (record.snapshot.outcome !== null) return record.snapshot;
    if (!(await this.#isTerminalLive(record.snapshot.smartTerminalId, requestId))) {
      throw new RelayError(409, 'not_live', 'This request is no longer the one on the terminal, so nothing was sent to the terminal.');
    }
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

  /**
   * Applies one status report. A report about a request this relay does not know is remembered for a
   * while: it may be an attempt whose answer was lost (then it is adopted), or belong to another
   * integration on the same account (then it is forgotten).
   */
  async applyStatus(data: PjSmartTerminalRequestData | (PjSmartTerminalRequestState & { requestId: string }), source: 'webhook' | 'poll'): Promise<RequestSnapshot | undefined> {
    const event = statusEvent(data);
    const applied = await this.#apply(data.requestId, event, source === 'webhook');
    if (applied) return applied;
    const alias = await this.#store.getValue<string>(`alias:${data.requestId}`);
    if (alias !== undefined) return this.#apply(alias, event, source === 'webhook');
    if (source !== 'webhook') return undefined;
    const report: PjSmartTerminalRequestData = { ...(data as PjSmartTerminalRequestData) };
    await this.#store.updateValue<Orphan[]>(
      'orphans',
      (list = []) => {
        const now = Date.now();
        const kept = list.filter((o) => now - o.seenAt < ORPHAN_MEMORY_MS);
        const existing = kept.find((o) => o.requestId === data.requestId);
        if (existing) {
          if (existing.reports.length < 8) existing.reports.push(report);
          return kept;
        }
        return [...kept, { requestId: data.requestId, seenAt: now, reports: [report] }].slice(-ORPHAN_LIMIT);
      },
      ORPHAN_MEMORY_MS,
    );
    await this.#reconcile();
    const adopted = await this.#store.getValue<string>(`alias:${data.requestId}`);
    return adopted === undefined ? undefined : (await this.#store.getRequest(adopted))?.snapshot;
  }

  /** Folds one event into a request; a webhook also stamps when the last one arrived (the safety net's clock). */
  async #apply(requestId: string, event: RequestEvent, fromWebhook = false): Promise<RequestSnapshot | undefined> {
    const now = Date.now();
    let endedInDoubt = false;
    const result = await this.#store.updateRequest(
      requestId,
      (current) => {
        endedInDoubt = false;
        let e = event;
        // A transaction once found not to match this request is never attached again.
        if (e.type === 'status' && e.transactionId !== undefined && current.rejectedTransactions?.includes(Number(e.transactionId))) {
          const { transactionId: _dropped, ...rest } = e;
          e = rest;
        }
        const snapshot = reduceRequest(current.snapshot, e, new Date(now));
        if (snapshot === current.snapshot && !fromWebhook) return undefined;
        if (current.snapshot.outcome === null && snapshot.outcome === 'in_doubt' && snapshot.watchUntil === undefined) {
          // Followed by elimination and ended without a transaction: watch for a late one like any doubt.
          snapshot.watchUntil = new Date(now + this.timings.lateWatchMs).toISOString();
          endedInDoubt = true;
        }
        const next: StoredRequest = {
          ...current,
          snapshot,
          lastProgressAt: snapshot === current.snapshot ? current.lastProgressAt : now,
          lastWebhookAt: fromWebhook ? now : current.lastWebhookAt,
        };
        if (e.type === 'reject_transaction') next.rejectedTransactions = [...(current.rejectedTransactions ?? []), e.transactionId];
        return next;
      },
      this.timings.retentionMs,
    );
    if (!result) return undefined;
    await this.#afterUpdate(result.record, result.changed);
    if (result.changed && endedInDoubt) await this.#freeTerminal(result.record); // our attempt may still wait for a card there
    return result.record.snapshot;
  }

  #lastPublished = new Map<string, number>();

  async #afterUpdate(record: StoredRequest, changed: boolean): Promise<void> {
    const s = record.snapshot;
    const final = isFinalSnapshot(s);
    if (changed && (this.#lastPublished.get(s.requestId) ?? 0) < s.version) {
      this.#lastPublished.set(s.requestId, s.version);
      if (final) this.#lastPublished.delete(s.requestId);
      this.#log.info({ requestId: s.requestId, status: s.status, outcome: s.outcome, version: s.version }, 'request changed');
      await this.#store.publish(s);
    }
    if (s.kind === 'payment' && s.transactionId !== undefined && !s.transaction && (s.outcome === null || isOpenOutcome(s.outcome))) {
      void this.#fetchTransaction(s.requestId, s.transactionId);
    }
    if (changed && s.status === 'IN_PROGRESS' && s.outcome === null && !s.inDoubt) {
      await this.#followTerminal(s.smartTerminalId, s.requestId, record.createdAt);
    }
    // An end that hides no money frees the terminal pointer; open ends free it in #freeTerminal.
    if (s.outcome !== null && !isOpenOutcome(s.outcome)) await this.#releaseTerminal(s.smartTerminalId, s.requestId);
    if (final) this.#stopSupervisor(s.requestId);
    else this.#supervise(s.requestId);
  }

  /** Fetches the transaction once per request (one fetch in flight across processes). */
  async #fetchTransaction(requestId: string, transactionId: number): Promise<void> {
    if (this.#fetching.has(requestId) || this.#closed) return;
    this.#fetching.add(requestId);
    const lease = `tx:${requestId}`;
    try {
      if (!(await this.#store.acquireLease(lease, this.#instanceId, 30_000))) return;
      await this.#attachTransaction(requestId, transactionId);
    } catch (err) {
      // The supervisor tries again on its next tick; the timeout names the transaction if it never works.
      this.#log.warn({ requestId, transactionId, err: describeError(err) }, 'transaction fetch failed');
    } finally {
      this.#fetching.delete(requestId);
      await this.#store.releaseLease(lease, this.#instanceId).catch(() => undefined);
    }
  }

  /** Reads the transaction and attaches it if it is this request's; throws what the read threw. */
  async #attachTransaction(requestId: string, transactionId: number): Promise<void> {
    const transaction = await this.#upstream.getTransaction(transactionId);
    const record = await this.#store.getRequest(requestId);
    if (!record) return;
    const mismatch = await this.#mismatch(record, transaction);
    if (mismatch) {
      this.#log.warn({ requestId, transactionId, mismatch }, 'reported transaction does not match its request; not attached');
      await this.#apply(requestId, { type: 'reject_transaction', transactionId });
      if (record.upstreamRequestId !== undefined) {
        // The request adopted for a lost attempt made someone else's transaction: it was not ours.
        await this.#disown(record);
        return;
      }
      this.#pollSoon(requestId, this.timings.pollIntervalMs); // PayJunction's own status is the authority
      return;
    }
    await this.#store.addOwned('transaction', transactionId, this.timings.retentionMs);
    await this.#apply(requestId, { type: 'transaction', transaction: toTransactionView(transaction) });
  }

  /** Why a transaction cannot be this payment's (merchant account, amount, action, time), or undefined. */
  async #mismatch(record: StoredRequest, t: PjTransaction): Promise<string | undefined> {
    const expected = record.expected;
    if (!expected) return undefined;
    if (Number(t.terminalId) !== (await this.merchantTerminalId('CARD'))) return 'merchant account';
    if (typeof t.amountBase !== 'string' || compareMoney(t.amountBase, expected.amountBase) !== 0) return 'amount';
    if (t.action !== expected.action) return 'action';
    const created = Date.parse(t.created);
    if (!Number.isFinite(created) || created < record.createdAt - CLOCK_SKEW_MS) return 'created before the request';
    return undefined;
  }

  // ─── Supervision: polling, timeouts, doubts and late watches ──────────────────────────────

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
    if (!record || isFinalSnapshot(record.snapshot)) return this.#stopSupervisor(requestId);
    if (!(await this.#store.acquireLease(`supervisor:${requestId}`, this.#instanceId, leaseMs))) {
      // Another process supervises this request; look again in case it goes away.
      return this.#schedule(requestId, sup, leaseMs);
    }
    const now = Date.now();
    const s = record.snapshot;
    if (s.kind === 'payment' && s.transactionId !== undefined && !s.transaction) {
      void this.#fetchTransaction(requestId, s.transactionId);
    }

    if (s.outcome !== null) return this.#lateWatch(record, sup);

    if (s.inDoubt && record.upstreamRequestId === undefined) {
      // No PayJunction id to poll: wait for its reports (applyStatus adopts it) until the window ends.
      const doubtEndsAt = record.createdAt + t.doubtWindowMs;
      if (now < doubtEndsAt) return this.#schedule(requestId, sup, doubtEndsAt - now);
      const ended = await this.#apply(requestId, { type: 'in_doubt', watchUntil: new Date(now + t.lateWatchMs).toISOString() });
      if (ended?.outcome === 'in_doubt') {
        this.#log.warn({ requestId }, 'attempt still in doubt at the end of its window');
        await this.#freeTerminal(record);
      }
      return this.#schedule(requestId, sup, 0);
    }

    const timeoutAt = record.lastProgressAt + t.requestTimeoutMs;
    if (now >= timeoutAt) return this.#finalCheck(record, sup);

    // When to poll: polling mode after the initial delay; webhook mode only once webhooks go quiet.
    const quietSince = Math.max(record.createdAt, record.lastWebhookAt);
    const due =
      this.delivery === 'polling' ? record.createdAt + t.pollInitialDelayMs : quietSince + t.webhookSilenceMs;
    let pollAt = Math.max(due, sup.nextPollAt);
    if (sup.urgentPollAt !== undefined) pollAt = Math.max(Math.min(pollAt, sup.urgentPollAt), sup.nextPollAt);
    if (now >= pollAt) {
      sup.urgentPollAt = undefined;
      await this.#poll(record, sup);
      const after = await this.#store.getRequest(requestId);
      if (!after || isFinalSnapshot(after.snapshot)) return this.#stopSupervisor(requestId);
      if (after.snapshot.outcome !== null) return this.#schedule(requestId, sup, 0);
      pollAt = Math.max(sup.nextPollAt, this.delivery === 'polling' ? 0 : after.lastWebhookAt + t.webhookSilenceMs);
    }
    this.#schedule(requestId, sup, Math.min(pollAt, timeoutAt) - Date.now());
  }

  /**
   * After a timeout, error or in-doubt end: keep looking for a late transaction until `watchUntil`,
   * polling PayJunction every few seconds (webhooks may be what failed), then settle.
   */
  async #lateWatch(record: StoredRequest, sup: Supervisor): Promise<void> {
    const s = record.snapshot;
    const until = s.watchUntil === undefined ? 0 : Date.parse(s.watchUntil);
    const now = Date.now();
    if (!(now < until)) {
      await this.#apply(s.requestId, { type: 'settle' });
      return this.#stopSupervisor(s.requestId);
    }
    const pollable = !s.inDoubt || record.upstreamRequestId !== undefined;
    if (pollable && now >= sup.nextPollAt) {
      const state = await this.#poll(record, sup);
      if (!s.inDoubt && state && isEndStatusName(state.status) && (state.transactionId === undefined || state.transactionId === null)) {
        // PayJunction itself says the request ended without a transaction: nothing late can come.
        await this.#apply(s.requestId, { type: 'settle' });
        return this.#stopSupervisor(s.requestId);
      }
      sup.nextPollAt = Math.max(sup.nextPollAt, Date.now() + Math.max(5_000, this.timings.pollIntervalMs));
    }
    const wake = pollable ? Math.min(until, sup.nextPollAt) : until;
    this.#schedule(s.requestId, sup, wake - Date.now());
  }

  /** Asks PayJunction for the request's status and applies it; resolves to the answer (undefined on failure). */
  async #poll(record: StoredRequest, sup: Supervisor): Promise<PjSmartTerminalRequestState | undefined> {
    const requestId = record.snapshot.requestId;
    try {
      const state = await this.#upstream.getRequest(record.upstreamRequestId ?? requestId);
      sup.backoffMs = 0;
      await this.#apply(requestId, statusEvent(state));
      sup.nextPollAt = Date.now() + this.timings.pollIntervalMs;
      return state;
    } catch (err) {
      const limited = err instanceof PayJunctionError && err.kind === 'rate_limited';
      sup.backoffMs = Math.min(30_000, Math.max(this.timings.pollIntervalMs, sup.backoffMs * 2 || this.timings.pollIntervalMs * 2));
      const wait = limited && err.retryAfterMs ? Math.max(err.retryAfterMs, sup.backoffMs) : sup.backoffMs;
      sup.nextPollAt = Date.now() + wait;
      this.#log.warn({ requestId, err: describeError(err), retryInMs: wait }, 'status poll failed');
      return undefined;
    }
  }

  /**
   * The request stalled: one last look at PayJunction, then it ends as `timeout` (or with its
   * transaction). A request that timed out is sent back to the terminal's main screen, if it is still
   * the terminal's live request, and watched for a late result.
   */
  async #finalCheck(record: StoredRequest, sup: Supervisor): Promise<void> {
    const requestId = record.snapshot.requestId;
    try {
      const state = await this.#upstream.getRequest(record.upstreamRequestId ?? requestId);
      const after = await this.#apply(requestId, statusEvent(state));
      if (after?.transactionId !== undefined && !after.transaction) await this.#attachTransaction(requestId, after.transactionId);
    } catch (err) {
      this.#log.warn({ requestId, err: describeError(err) }, 'final status check failed');
    }
    const snapshot = await this.#apply(requestId, { type: 'timeout', watchUntil: new Date(Date.now() + this.timings.lateWatchMs).toISOString() });
    if (snapshot && isOpenOutcome(snapshot.outcome)) {
      this.#log.warn({ requestId, outcome: snapshot.outcome }, 'request timed out');
      await this.#freeTerminal(record);
    }
    sup.nextPollAt = Date.now() + Math.max(5_000, this.timings.pollIntervalMs);
    if (!sup.stopped) this.#schedule(requestId, sup, 0);
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

function isEndStatusName(status: unknown): boolean {
  return typeof status === 'string' && isKnownStatus(status) && isEndStatus(status);
}

/** A status report (webhook data or a poll answer) as a reducer event. */
function statusEvent(data: PjSmartTerminalRequestState | PjSmartTerminalRequestData): RequestEvent {
  const event: RequestEvent = { type: 'status', status: String(data.status) };
  if (data.transactionId !== undefined && data.transactionId !== null) event.transactionId = data.transactionId;
  if (typeof data.signatureId === 'string') event.signatureId = data.signatureId;
  if (typeof data.promptButton === 'string') event.promptButton = data.promptButton;
  if (typeof data.inputValue === 'string') event.inputValue = data.inputValue;
  return event;
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
