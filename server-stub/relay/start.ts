/**
 * Starting Smart Terminal requests: each attempt reaches PayJunction at most once per idempotency
 * key, however many callers race on however many processes, and whatever happens to PayJunction's
 * answer. An attempt whose answer is lost (timeout after sending, reset, cut body, 5xx, a dead
 * process) is *in doubt*: its key is never released and a relay-made request stands for it until the
 * reconciliation (doubts.ts) finds it among PayJunction's reports, or its window ends.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createSnapshot } from '../../src/protocol/request-state.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { PjRequestPaymentParams } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import { AttemptLedger, type AttemptInfo } from './attempts.js';
import type { RelayCore } from './core.js';
import { RelayError, fromTerminalStart, sentNothing } from './errors.js';
import type { StoredRequest } from './store.js';

export interface PaymentParams {
  smartTerminalId: string;
  amountBase: string;
  /** The terminal asks the customer for a tip (no tip amount is ever sent: see src/protocol/payment.ts). */
  allowTips?: boolean;
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

/** How long a caller waits for another caller of the same key to finish sending it. */
const IDEMPOTENCY_WAIT_MS = 30_000;

/** JSON with sorted keys, so the same body always has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RequestStarter {
  readonly #core: RelayCore;
  readonly #attempts: AttemptLedger;

  constructor(core: RelayCore) {
    this.#core = core;
    this.#attempts = new AttemptLedger(core.store, {
      ttlMs: core.timings.retentionMs,
      leaseMs: core.timings.attemptLeaseMs,
    });
  }

  /**
   * Starts a Smart Terminal request. The same key and body return the same request; the same key with
   * another body is a 409. Without a key (signature, prompt and input requests may omit it) the call
   * is its own attempt.
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
      const claim = await this.#attempts.claim(key, fingerprint, this.#core.instanceId, attempt);
      if (claim.state !== 'claimed' && claim.fingerprint !== fingerprint) {
        throw new RelayError(
          409,
          'idempotency_conflict',
          'This Idempotency-Key was already used for a different request. Use a new key for a new payment.',
        );
      }
      switch (claim.state) {
        case 'done': {
          const record = await this.#core.store.getRequest(claim.requestId);
          if (record) return record.snapshot;
          throw new RelayError(410, 'request_expired', 'That request is too old to be shown any more.');
        }
        case 'claimed':
          return this.#send(key, fingerprint, params, attempt);
        case 'abandoned':
          // The process that was sending it died: PayJunction may have it. Never send it again.
          this.#core.log.warn(
            { key: idempotencyKey, smartTerminalId: claim.attempt.smartTerminalId },
            'attempt abandoned mid-call; now in doubt',
          );
          return this.#doubt(key, fingerprint, claim.attempt, 'sender_died');
        case 'pending':
          if (Date.now() > deadline) {
            throw new RelayError(
              409,
              'idempotency_in_progress',
              'The same request is still being started. Try again in a moment.',
            );
          }
          await sleep(25);
      }
    }
  }

  /** Sends a claimed attempt, renewing its lease while PayJunction answers. */
  async #send(
    key: string,
    fingerprint: string,
    params: TerminalRequestParams,
    attempt: AttemptInfo,
  ): Promise<RequestSnapshot> {
    const { store, timings, instanceId, log, doubts, terminals, supervisors, intake } = this.#core;
    const renew = setInterval(
      () => {
        void this.#attempts.renew(key, instanceId).catch(() => undefined);
      },
      Math.max(50, Math.floor(this.#attempts.leaseMs / 3)),
    );
    renew.unref?.();
    let requestId: string;
    try {
      requestId = await this.#startUpstream(params);
    } catch (err) {
      clearInterval(renew);
      if (err instanceof RelayError || sentNothing(err)) {
        // Certainly nothing happened at PayJunction: the same key may try again.
        await this.#attempts.release(key, instanceId);
        throw fromTerminalStart(err);
      }
      log.warn(
        { smartTerminalId: params.smartTerminalId, err: describeError(err) },
        'answer to a terminal request lost; attempt in doubt',
      );
      return this.#doubt(key, fingerprint, attempt, 'answer_lost');
    }
    clearInterval(renew);
    const record = newRecord(requestId, params.kind, attempt);
    await store.createRequest(record, timings.retentionMs);
    const named = await this.#attempts.complete(key, instanceId, fingerprint, requestId);
    if (named !== requestId) {
      // Our lease lapsed mid-call and another process already stands in for the attempt: it is this request.
      await doubts.adopt(named, { requestId, seenAt: Date.now(), reports: [] }, 'answer');
      return (await store.getRequest(named))?.snapshot ?? record.snapshot;
    }
    await terminals.claim(params.smartTerminalId, requestId, record.createdAt);
    log.info({ requestId, kind: params.kind, smartTerminalId: params.smartTerminalId }, 'terminal request started');
    supervisors.watchStarted(requestId);
    // A webhook may already have landed between PayJunction's answer and createRequest.
    const orphan = await doubts.takeOrphan(requestId);
    for (const report of orphan?.reports ?? []) await intake.applyStatus(report, 'webhook');
    return (await store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  /**
   * The attempt may or may not have reached PayJunction. A relay-made request stands for it (the key
   * names it from now on, so no caller ever sends the attempt again) until PayJunction's reports show
   * which request it was, or the doubt window ends and it ends `in_doubt`.
   */
  async #doubt(
    key: string,
    fingerprint: string,
    attempt: AttemptInfo,
    reason: 'answer_lost' | 'sender_died',
  ): Promise<RequestSnapshot> {
    const { store, timings, instanceId, doubts } = this.#core;
    const requestId = `doubt-${randomUUID()}`;
    const record = newRecord(requestId, attempt.kind, attempt, true);
    await store.createRequest(record, timings.retentionMs);
    const named = await this.#attempts.complete(key, instanceId, fingerprint, requestId);
    if (named !== requestId) return (await store.getRequest(named))?.snapshot ?? record.snapshot;
    await doubts.open(requestId, attempt, reason);
    return (await store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  /** Calls PayJunction; resolves to its request id. Throws what the call threw (see #send). */
  async #startUpstream(params: TerminalRequestParams): Promise<string> {
    const { accounts, upstream } = this.#core;
    const terminalId = await accounts.terminalId('CARD');
    const id = params.smartTerminalId;
    switch (params.kind) {
      case 'payment': {
        const p = params.payment;
        const body: PjRequestPaymentParams = { terminalId, amountBase: p.amountBase, action: p.action ?? 'CHARGE' };
        if (p.allowTips !== undefined) body.allowTips = p.allowTips;
        if (p.amountTax !== undefined) body.amountTax = p.amountTax;
        if (p.amountShipping !== undefined) body.amountShipping = p.amountShipping;
        if (p.invoiceNumber !== undefined) body.invoiceNumber = p.invoiceNumber;
        return (await upstream.requestPayment(id, body)).requestPaymentId;
      }
      case 'signature':
        return (await upstream.requestSignature(id, { terminalId, terms: params.terms })).requestId;
      case 'prompt':
        return (await upstream.requestPrompt(id, { terminalId, text: params.text, buttons: params.buttons })).requestId;
      case 'input':
        return (await upstream.requestInput(id, { terminalId, type: params.type })).requestId;
    }
  }
}

/** The stored record of a new request (`inDoubt`: one standing for a lost attempt, dated from the attempt). */
function newRecord(
  requestId: string,
  kind: TerminalRequestParams['kind'],
  attempt: AttemptInfo,
  inDoubt = false,
): StoredRequest {
  const now = Date.now();
  const snapshot = createSnapshot({
    requestId,
    kind,
    smartTerminalId: attempt.smartTerminalId,
    ...(attempt.action ? { action: attempt.action } : {}),
    now: new Date(now),
  });
  if (inDoubt) {
    snapshot.inDoubt = true;
    snapshot.createdAt = new Date(attempt.startedAt).toISOString();
  }
  const record: StoredRequest = {
    snapshot,
    createdAt: inDoubt ? attempt.startedAt : now,
    lastProgressAt: now,
    lastWebhookAt: 0,
  };
  if (attempt.amountBase !== undefined && attempt.action)
    record.expected = { amountBase: attempt.amountBase, action: attempt.action };
  return record;
}
