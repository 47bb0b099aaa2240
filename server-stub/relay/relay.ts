/**
 * The relay, as the HTTP layer and the server entry see it: one object that owns every PayJunction
 * call. It wires the parts (start.ts, intake.ts, doubts.ts, supervisor.ts, terminal-pointer.ts,
 * merchant-accounts.ts, ownership.ts) around one store and one PayJunction client, and answers pages'
 * calls with snapshots, views or RelayErrors.
 *
 * Money rules kept by the parts (docs/reliability.md explains each):
 * - An attempt whose answer is lost is *in doubt*: its key is never released, a relay-made request
 *   stands for it, and the relay adopts the PayJunction request it could not see from the first
 *   unknown SMARTTERMINAL_REQUEST report. Not found in time, it ends `in_doubt`.
 * - A timeout sends the terminal back to its main screen (only if the request is still the
 *   terminal's live one) and keeps watching: a late transaction replaces `timeout`/`error`/`in_doubt`.
 * - Cancel touches the terminal only for the request that is live on it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isFinalSnapshot, type RequestSnapshot, type TransactionView } from '../../src/protocol/relay-contract.js';
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type { PjSchedule, PjWebhookEvent } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';
import { Doubts } from './doubts.js';
import { PaymentFields, type BankVault, type FieldsConfig, type FieldsOptions } from './fields.js';
import { RelayError, fromUpstream, upstreamKind } from './errors.js';
import { StatusIntake, type StatusReport } from './intake.js';
import { MerchantAccounts, type SmartTerminalList } from './merchant-accounts.js';
import { Ownership, type HostAllowsTransaction, type HostAllowsVault } from './ownership.js';
import { RequestStarter, type TerminalRequestParams } from './start.js';
import type { RelayStore, Unsubscribe } from './store.js';
import { Supervisors } from './supervisor.js';
import { TerminalPointers } from './terminal-pointer.js';
import { resolveTimings, type Delivery, type RelayTimings } from './timings.js';
import type { RelayUpstream } from './upstream.js';
import { WebhookQueue } from './webhook-queue.js';

export { DEFAULT_TIMINGS, type Delivery, type RelayTimings } from './timings.js';
export type { RelayUpstream } from './upstream.js';
export type { PaymentParams, TerminalRequestParams } from './start.js';
export type { BankVault, FieldsConfig, FieldsOptions } from './fields.js';

export interface RelayOptions {
  upstream: RelayUpstream;
  store: RelayStore;
  delivery: Delivery;
  /** The merchant account (numeric terminalId) Smart Terminal requests run on; default: the first enabled CARD account. */
  terminalId?: number;
  timings?: Partial<RelayTimings>;
  logger: Logger;
  /** The payment fields: the SDK's URL, the fields frame's origin, and whether raw numbers are accepted. */
  fields?: FieldsOptions;
}

export class Relay {
  /** How status reaches us; falls back to 'polling' when a webhook subscription fails. */
  delivery: Delivery;
  readonly timings: RelayTimings;
  readonly #core: RelayCore;
  readonly #starter: RequestStarter;
  readonly #webhooks: WebhookQueue;
  #closed = false;

  constructor(options: RelayOptions) {
    this.delivery = options.delivery;
    this.timings = resolveTimings(options.timings);
    const delivery = () => this.delivery;
    const closed = () => this.#closed;
    const core = {
      upstream: options.upstream,
      store: options.store,
      log: options.logger,
      timings: this.timings,
      instanceId: randomUUID(),
      get delivery() {
        return delivery();
      },
      get closed() {
        return closed();
      },
    } as { -readonly [K in keyof RelayCore]: RelayCore[K] };
    // Each part keeps the core and reaches the others through it only when called, so all exist by then.
    core.accounts = new MerchantAccounts(options.upstream, options.terminalId);
    core.terminals = new TerminalPointers(core);
    core.ownership = new Ownership(core);
    core.intake = new StatusIntake(core);
    core.doubts = new Doubts(core);
    core.supervisors = new Supervisors(core);
    core.fields = new PaymentFields(core, options.fields ?? {});
    this.#core = core;
    this.#starter = new RequestStarter(core);
    this.#webhooks = new WebhookQueue(core);
  }

  get store(): RelayStore {
    return this.#core.store;
  }

  /** How many requests this process supervises (tests prove one poller per request). */
  get supervisedCount(): number {
    return this.#core.supervisors.count;
  }

  // ─── Smart Terminal requests ──────────────────────────────────────────────────────────────

  /** Starts a Smart Terminal request, at most once per idempotency key (start.ts). */
  start(params: TerminalRequestParams, idempotencyKey?: string): Promise<RequestSnapshot> {
    return this.#starter.start(params, idempotencyKey);
  }

  async getSnapshot(requestId: string): Promise<RequestSnapshot | undefined> {
    return (await this.#core.store.getRequest(requestId))?.snapshot;
  }

  /**
   * Watches a request. A watched live request always has a supervisor somewhere: if the process
   * that started it died (several processes, or a restart with a shared store), this one takes
   * over once the lease lapses.
   */
  subscribe(requestId: string, listener: (snapshot: RequestSnapshot) => void): Unsubscribe {
    const { store, supervisors } = this.#core;
    const unsubscribe = store.subscribe(requestId, listener);
    void store.getRequest(requestId).then(
      (record) => {
        if (record && !isFinalSnapshot(record.snapshot)) supervisors.watched(record);
      },
      () => undefined,
    );
    return unsubscribe;
  }

  /**
   * Sends the terminal back to its main screen. The request then ends as PayJunction reports it:
   * cancelled, or, if the card was already read, with its transaction (too late to cancel: void it).
   * An ended request, or one that is no longer the terminal's live request, never touches the
   * terminal: another sale may be running on it.
   */
  async cancel(requestId: string): Promise<RequestSnapshot> {
    const { store, terminals, upstream, log, supervisors } = this.#core;
    const record = await store.getRequest(requestId);
    if (!record) throw new RelayError(404, 'not_found', 'No such request.');
    if (record.snapshot.outcome !== null) return record.snapshot;
    if (!(await terminals.isLive(record.snapshot.smartTerminalId, requestId))) {
      throw new RelayError(
        409,
        'not_live',
        'This request is no longer the one on the terminal, so nothing was sent to the terminal.',
      );
    }
    try {
      await upstream.returnToMain(record.snapshot.smartTerminalId);
    } catch (err) {
      throw fromUpstream(err, { action: 'cancel the request on the terminal' });
    }
    log.info({ requestId }, 'cancel sent to terminal');
    // Ask PayJunction soon, whatever the delivery mode, so the cancel shows without waiting.
    supervisors.pollSoon(requestId, 750);
    return (await store.getRequest(requestId))?.snapshot ?? record.snapshot;
  }

  /** Applies one status report (a webhook's data, or a poll's answer); see intake.ts. */
  applyStatus(data: StatusReport, source: 'webhook' | 'poll'): Promise<RequestSnapshot | undefined> {
    return this.#core.intake.applyStatus(data, source);
  }

  // ─── Pages' lookups ───────────────────────────────────────────────────────────────────────

  /**
   * The Smart Terminals a page may offer (id and nickname, PayJunction's list cached for 30 s), each
   * marked `unreachableSince` when the last request sent to it ended NO_CONNECTION.
   */
  async listSmartTerminals(): Promise<SmartTerminalList> {
    const [list, unreachable] = await Promise.all([
      this.#core.accounts.smartTerminals(),
      this.#core.terminals.unreachable(),
    ]);
    return {
      results: list.results.map((t) => {
        const since = unreachable[t.smartTerminalId];
        return since === undefined ? t : { ...t, unreachableSince: since };
      }),
    };
  }

  /** A transaction's merchant-safe view, if this relay owns it or `hostAllows`; else the 404 of a missing id (ownership.ts). */
  readTransaction(transactionId: number, hostAllows?: HostAllowsTransaction): Promise<TransactionView> {
    return this.#core.ownership.readTransaction(transactionId, hostAllows);
  }

  /** Creates a validated schedule, re-billing only payment methods this caller may use (ownership.ts). */
  createSchedule(params: ScheduleParams, hostAllowsVault?: HostAllowsVault): Promise<PjSchedule> {
    return this.#core.ownership.createSchedule(params, hostAllowsVault);
  }

  // ─── Payment fields (fields.ts) ───────────────────────────────────────────────────────────

  /** The origin of the fields frame, if one is set. */
  get fieldsOrigin(): string | undefined {
    return this.#core.fields.fieldsOrigin;
  }

  /** What the fields frame needs: the merchant's one publishable key, the SDK's URL, the frame's origin. */
  fieldsConfig(): Promise<FieldsConfig> {
    return this.#core.fields.config();
  }

  /** Refuses a schedule body with a card or account number unless the merchant opted in (raw_payment_numbers). */
  refuseRawPaymentNumbers(body: Record<string, unknown>): void {
    this.#core.fields.refuseRawNumbers(body);
  }

  /** Vaults a bank account posted by the fields frame (its origin only); answers no number but the last four. */
  vaultBankAccount(origin: string | undefined, body: Record<string, unknown>): Promise<BankVault> {
    return this.#core.fields.vaultBankAccount(origin, body);
  }

  // ─── Webhooks ─────────────────────────────────────────────────────────────────────────────

  /**
   * Takes a verified delivery (`key`: event id and body digest) to apply after its answer is written
   * (webhook-queue.ts). False when closing or when too many wait: answer 503 so PayJunction retries.
   */
  acceptWebhook(event: PjWebhookEvent, key: string): boolean {
    return this.#webhooks.accept(event, key);
  }

  /** Resolves once every delivery taken so far is applied (tests; close waits for it too). */
  webhooksApplied(): Promise<void> {
    return this.#webhooks.idle();
  }

  /**
   * Subscribes PayJunction's SMARTTERMINAL_REQUEST webhook to `url` with `secret` (updating a
   * subscription to the same URL). True when webhooks now carry status; false (polling from now on)
   * without a secret, at PayJunction's subscription limit, or on any other failure.
   */
  async subscribeWebhooks(url: string, secret: string | undefined): Promise<boolean> {
    const { upstream, log } = this.#core;
    if (!secret) {
      log.warn(
        { url },
        'not subscribing to webhooks: PJ_WEBHOOK_SECRET is not set, so deliveries would be refused; polling instead',
      );
      this.delivery = 'polling';
      return false;
    }
    try {
      const existing = (await upstream.listWebhooks()).results.find(
        (w) => w.url === url && w.events.includes('SMARTTERMINAL_REQUEST'),
      );
      if (existing) await upstream.updateWebhook(existing.webhookId, { url, secret });
      else await upstream.createWebhook({ event: 'SMARTTERMINAL_REQUEST', url, secret });
      log.info({ url }, 'subscribed to SMARTTERMINAL_REQUEST webhooks');
      this.delivery = 'webhooks';
      return true;
    } catch (err) {
      const limit = upstreamKind(err) === 'forbidden';
      log.warn(
        { url, err: describeError(err) },
        limit ? 'webhook subscription limit reached; polling instead' : 'webhook subscription failed; polling instead',
      );
      this.delivery = 'polling';
      return false;
    }
  }

  /** Stops taking webhooks, applies those already acknowledged, then stops every supervisor. */
  async close(): Promise<void> {
    await this.#webhooks.close();
    this.#closed = true;
    this.#core.supervisors.stopAll();
  }
}
