/**
 * The supervisor: one timer chain per live request across all processes, held by a lease in the
 * store. It polls when webhooks cannot reach us (or have gone quiet), times a stalled request out
 * (one last status check, then `timeout`, and the terminal sent back to its main screen if the
 * request is still live on it), ends lost attempts `in_doubt` when their window closes, and watches
 * ends that may hide money for a late transaction.
 */
import { isFinalStatus, isKnownStatus } from '../../src/protocol/request-state.js';
import { isFinalSnapshot, isOpenOutcome } from '../../src/protocol/relay-contract.js';
import type { PjSmartTerminalRequestState } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';
import { rateLimitWaitMs } from './errors.js';
import { statusEvent } from './intake.js';
import type { StoredRequest } from './store.js';

interface Supervisor {
  timer?: ReturnType<typeof setTimeout>;
  /** Earliest next poll (the per-request interval, or a backoff). */
  nextPollAt: number;
  /** A poll asked for out of turn (after a cancel), whatever the mode. */
  urgentPollAt?: number;
  backoffMs: number;
  stopped: boolean;
}

/** PayJunction will report nothing more of the request (not NO_CONNECTION: see isFinalStatus). */
function isFinalStatusName(status: unknown): boolean {
  return typeof status === 'string' && isKnownStatus(status) && isFinalStatus(status);
}

export class Supervisors {
  readonly #core: RelayCore;
  readonly #byRequest = new Map<string, Supervisor>();
  /** Requests started by this process, until they end. */
  readonly #startedHere = new Set<string>();

  constructor(core: RelayCore) {
    this.#core = core;
  }

  /** How many requests this process supervises (tests prove one poller per request). */
  get count(): number {
    return this.#byRequest.size;
  }

  /** A request this process just started (or stands in for): supervised from now on. */
  watchStarted(requestId: string): void {
    this.#startedHere.add(requestId);
    this.supervise(requestId);
  }

  /**
   * A page watches a live request. A request this process did not start (another process, or before
   * a restart) may have missed webhooks while nobody supervised it: PayJunction is asked as soon as
   * this process holds the lease.
   */
  watched(record: StoredRequest): void {
    const { requestId, outcome } = record.snapshot;
    if (this.#startedHere.has(requestId) || outcome !== null) this.supervise(requestId);
    else this.pollSoon(requestId, 0);
  }

  supervise(requestId: string): void {
    if (this.#core.closed || this.#byRequest.has(requestId)) return;
    const sup: Supervisor = { nextPollAt: 0, backoffMs: 0, stopped: false };
    this.#byRequest.set(requestId, sup);
    this.#schedule(requestId, sup, 0);
  }

  pollSoon(requestId: string, delayMs: number): void {
    this.supervise(requestId);
    const sup = this.#byRequest.get(requestId);
    if (!sup) return;
    sup.urgentPollAt = Date.now() + delayMs;
    this.#schedule(requestId, sup, delayMs);
  }

  stop(requestId: string): void {
    this.#startedHere.delete(requestId);
    const sup = this.#byRequest.get(requestId);
    if (!sup) return;
    sup.stopped = true;
    clearTimeout(sup.timer);
    this.#byRequest.delete(requestId);
    void this.#core.store.releaseLease(`supervisor:${requestId}`, this.#core.instanceId).catch(() => undefined);
  }

  stopAll(): void {
    for (const id of [...this.#byRequest.keys()]) this.stop(id);
  }

  #schedule(requestId: string, sup: Supervisor, delayMs: number): void {
    clearTimeout(sup.timer);
    sup.timer = setTimeout(
      () => {
        this.#tick(requestId, sup).catch((err) => {
          this.#core.log.error({ requestId, err: describeError(err) }, 'supervisor tick failed');
          if (!sup.stopped) this.#schedule(requestId, sup, this.#core.timings.pollIntervalMs);
        });
      },
      Math.max(0, delayMs),
    );
    sup.timer.unref?.();
  }

  async #tick(requestId: string, sup: Supervisor): Promise<void> {
    const { store, timings: t, instanceId, intake, terminals, log } = this.#core;
    if (sup.stopped || this.#core.closed) return;
    const leaseMs = Math.max(5_000, t.pollIntervalMs * 4);
    const record = await store.getRequest(requestId);
    if (!record || isFinalSnapshot(record.snapshot)) return this.stop(requestId);
    if (!(await store.acquireLease(`supervisor:${requestId}`, instanceId, leaseMs))) {
      // Another process supervises this request; look again in case it goes away.
      return this.#schedule(requestId, sup, leaseMs);
    }
    const now = Date.now();
    const s = record.snapshot;
    if (s.kind === 'payment' && s.transactionId !== undefined && !s.transaction) {
      void intake.fetchTransaction(requestId, s.transactionId);
    }

    if (s.outcome !== null) return this.#lateWatch(record, sup);

    if (s.inDoubt && record.upstreamRequestId === undefined) {
      // No PayJunction id to poll: wait for its reports (the intake adopts it) until the window ends.
      const doubtEndsAt = record.createdAt + t.doubtWindowMs;
      if (now < doubtEndsAt) return this.#schedule(requestId, sup, doubtEndsAt - now);
      const ended = await intake.apply(requestId, {
        type: 'in_doubt',
        watchUntil: new Date(now + t.lateWatchMs).toISOString(),
      });
      if (ended?.outcome === 'in_doubt') {
        log.warn({ requestId }, 'attempt still in doubt at the end of its window');
        await terminals.free(record);
      }
      return this.#schedule(requestId, sup, 0);
    }

    const timeoutAt = record.lastProgressAt + t.requestTimeoutMs;
    if (now >= timeoutAt) return this.#finalCheck(record, sup);

    let pollAt = Math.max(this.#pollDue(record), sup.nextPollAt);
    if (sup.urgentPollAt !== undefined) pollAt = Math.max(Math.min(pollAt, sup.urgentPollAt), sup.nextPollAt);
    if (now >= pollAt) {
      sup.urgentPollAt = undefined;
      await this.#poll(record, sup);
      const after = await store.getRequest(requestId);
      if (!after || isFinalSnapshot(after.snapshot)) return this.stop(requestId);
      if (after.snapshot.outcome !== null) return this.#schedule(requestId, sup, 0);
      pollAt = Math.max(sup.nextPollAt, this.#core.delivery === 'polling' ? 0 : this.#pollDue(after));
    }
    this.#schedule(requestId, sup, Math.min(pollAt, timeoutAt) - Date.now());
  }

  /**
   * When a live request is due a poll. Polling mode: after the initial delay. Webhook mode: once its
   * webhooks are late. PayJunction reports CONNECTING as soon as it has a request, so a request with
   * no news by webhook `webhookFirstMs` after it started has late or lost webhooks; after news, once
   * they have been quiet `webhookSilenceMs` (a customer may take that long at the terminal). Only a
   * webhook that told the relay something new counts (intake.ts): one that repeats what a poll
   * already found is late itself.
   */
  #pollDue(record: StoredRequest): number {
    const t = this.#core.timings;
    if (this.#core.delivery === 'polling') return record.createdAt + t.pollInitialDelayMs;
    if (record.lastWebhookAt === 0) return record.createdAt + Math.min(t.webhookFirstMs, t.webhookSilenceMs);
    return record.lastWebhookAt + t.webhookSilenceMs;
  }

  /**
   * After a timeout, error, in-doubt or no-connection end: keep looking for a late transaction until
   * `watchUntil`, polling PayJunction every few seconds (webhooks may be what failed), then settle.
   * A poll that still says NO_CONNECTION settles nothing: the request may yet reach its terminal.
   */
  async #lateWatch(record: StoredRequest, sup: Supervisor): Promise<void> {
    const { intake, timings } = this.#core;
    const s = record.snapshot;
    const until = s.watchUntil === undefined ? 0 : Date.parse(s.watchUntil);
    const now = Date.now();
    if (!(now < until)) {
      await intake.apply(s.requestId, { type: 'settle' });
      return this.stop(s.requestId);
    }
    const pollable = !s.inDoubt || record.upstreamRequestId !== undefined;
    if (pollable && now >= sup.nextPollAt) {
      const state = await this.#poll(record, sup);
      if (
        !s.inDoubt &&
        state &&
        isFinalStatusName(state.status) &&
        (state.transactionId === undefined || state.transactionId === null)
      ) {
        // PayJunction itself says the request ended without a transaction: nothing late can come.
        await intake.apply(s.requestId, { type: 'settle' });
        return this.stop(s.requestId);
      }
      sup.nextPollAt = Math.max(sup.nextPollAt, Date.now() + Math.max(5_000, timings.pollIntervalMs));
    }
    const wake = pollable ? Math.min(until, sup.nextPollAt) : until;
    this.#schedule(s.requestId, sup, wake - Date.now());
  }

  /** Asks PayJunction for the request's status and applies it; resolves to the answer (undefined on failure). */
  async #poll(record: StoredRequest, sup: Supervisor): Promise<PjSmartTerminalRequestState | undefined> {
    const { upstream, intake, timings, log } = this.#core;
    const requestId = record.snapshot.requestId;
    try {
      const state = await upstream.getRequest(record.upstreamRequestId ?? requestId);
      sup.backoffMs = 0;
      await intake.apply(requestId, statusEvent(state));
      sup.nextPollAt = Date.now() + timings.pollIntervalMs;
      return state;
    } catch (err) {
      sup.backoffMs = Math.min(
        30_000,
        Math.max(timings.pollIntervalMs, sup.backoffMs * 2 || timings.pollIntervalMs * 2),
      );
      const retryAfterMs = rateLimitWaitMs(err);
      const wait = retryAfterMs ? Math.max(retryAfterMs, sup.backoffMs) : sup.backoffMs;
      sup.nextPollAt = Date.now() + wait;
      log.warn({ requestId, err: describeError(err), retryInMs: wait }, 'status poll failed');
      return undefined;
    }
  }

  /**
   * The request stalled: one last look at PayJunction, then it ends as `timeout` (or with its
   * transaction). A request that timed out is sent back to the terminal's main screen, if it is still
   * the terminal's live request, and watched for a late result.
   */
  async #finalCheck(record: StoredRequest, sup: Supervisor): Promise<void> {
    const { upstream, intake, terminals, timings, log } = this.#core;
    const requestId = record.snapshot.requestId;
    try {
      const state = await upstream.getRequest(record.upstreamRequestId ?? requestId);
      const after = await intake.apply(requestId, statusEvent(state));
      if (after?.transactionId !== undefined && !after.transaction)
        await intake.attachTransaction(requestId, after.transactionId);
    } catch (err) {
      log.warn({ requestId, err: describeError(err) }, 'final status check failed');
    }
    const snapshot = await intake.apply(requestId, {
      type: 'timeout',
      watchUntil: new Date(Date.now() + timings.lateWatchMs).toISOString(),
    });
    if (snapshot && isOpenOutcome(snapshot.outcome)) {
      log.warn({ requestId, outcome: snapshot.outcome }, 'request timed out');
      await terminals.free(record);
    }
    sup.nextPollAt = Date.now() + Math.max(5_000, timings.pollIntervalMs);
    if (!sup.stopped) this.#schedule(requestId, sup, 0);
  }
}
