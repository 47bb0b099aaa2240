/**
 * Webhook subscriptions and deliveries, as PayJunction does them: one POST per event and
 * subscription, JSON in the `{id, created, type, data}` envelope
 * (https://developer.payjunction.com/hc/en-us/articles/360002739934),
 * `X-Pj-Signature` = lowercase hex HMAC-SHA256 of the exact body bytes when the subscription has a
 * secret (https://developer.payjunction.com/hc/en-us/articles/219594068); the body pretty-printed
 * as PayJunction's is (webhook-send.ts),
 * retried on a non-2xx answer or a timeout on PayJunction's schedule
 * (https://developer.payjunction.com/hc/en-us/articles/115000770787; scaled by the clock),
 * the same event id on every attempt. Test faults (duplicate, shuffle, drop, delay) act here.
 */
import { randomUUID } from 'node:crypto';
import type { ClientRequest } from 'node:http';
import type { PjWebhook, PjWebhookEvent } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { isoSeconds } from './clock.js';
import type { SimLogger } from './logger.js';
import type { SimSettings } from './state.js';
import { jacksonJson, postWebhook, WEBHOOK_TIMING } from './webhook-send.js';

/** Event types PayJunction documents for subscriptions. */
export const WEBHOOK_EVENT_TYPES = [
  'SMARTTERMINAL_REQUEST',
  'TRANSACTION',
  'TRANSACTION_SIGNATURE',
  'CUSTOMER',
  'DEPOSIT',
  'SETTLEMENT',
  'SMARTTERMINAL_TRANSACTION',
] as const;

export { WEBHOOK_TIMING };

/** Real milliseconds between the deliveries of a shuffled group. */
const SHUFFLE_SPACING_MS = 25;

/** Statuses after which a Smart Terminal request changes no more. */
const FINAL_REQUEST_STATUSES = new Set(['COMPLETE', 'BUSY', 'NO_CONNECTION']);

export interface Subscription {
  webhookId: string;
  event: string;
  url: string;
  secret?: string;
  created: string;
}

export interface WebhookFaults {
  /** Each delivery is sent twice (same event id). */
  duplicate?: boolean;
  /** A request's events are held until its final status and then sent newest first. */
  shuffle?: boolean;
  /** Events never sent: all of them, the next N, or those whose data.status is listed. */
  drop?: 'all' | number | string[];
  /** Real milliseconds added before each first attempt (not scaled by speed). */
  delayMs?: number;
}

export interface DeliveryRecord {
  eventId: string;
  webhookId: string;
  type: string;
  url: string;
  attempt: number;
  status?: number;
  error?: string;
  at: string;
  body: PjWebhookEvent;
}

interface EmitOptions {
  /** The merchant account the event belongs to (`Pj-Account`). */
  accountId: string;
  /** Events of one Smart Terminal request share a group (for the shuffle fault). */
  group?: string;
}

interface OutgoingEvent {
  event: PjWebhookEvent;
  /** Serialized once: every attempt sends these exact bytes. */
  body: string;
  accountId: string;
}

export class WebhookDispatcher {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly inFlight = new Set<ClientRequest>();
  private readonly held = new Map<string, OutgoingEvent[]>();
  private faults: WebhookFaults = {};
  /** The event id of each group (Smart Terminal request) while settings.reuseEventIds is on. */
  private readonly groupIds = new Map<string, string>();
  /** Bumped by reset(): results of deliveries started before it are ignored. */
  private generation = 0;
  readonly deliveries: DeliveryRecord[] = [];

  constructor(
    private readonly clock: SimClock,
    private readonly limit: number,
    private readonly settings: Pick<SimSettings, 'reuseEventIds'>,
    private readonly logger: SimLogger | undefined,
  ) {}

  // ─── subscriptions ──────────────────────────────────────────────────────────────────────

  list(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  get(webhookId: string): Subscription | undefined {
    return this.subscriptions.get(webhookId);
  }

  get isFull(): boolean {
    return this.subscriptions.size >= this.limit;
  }

  get subscriptionLimit(): number {
    return this.limit;
  }

  add(event: string, url: string, secret: string | undefined): Subscription {
    const sub: Subscription = {
      webhookId: randomUUID(),
      event,
      url,
      created: isoSeconds(this.clock.now()),
      ...(secret ? { secret } : {}),
    };
    this.subscriptions.set(sub.webhookId, sub);
    return sub;
  }

  update(webhookId: string, changes: { url?: string; secret?: string }): Subscription | undefined {
    const sub = this.subscriptions.get(webhookId);
    if (!sub) return undefined;
    if (changes.url !== undefined) sub.url = changes.url;
    if (changes.secret !== undefined) {
      // An empty secret clears it: later deliveries are unsigned (https://developer.payjunction.com/hc/en-us/articles/219594268).
      if (changes.secret === '') delete sub.secret;
      else sub.secret = changes.secret;
    }
    return sub;
  }

  remove(webhookId: string): boolean {
    return this.subscriptions.delete(webhookId);
  }

  /** The public view: never the secret. */
  static view(sub: Subscription): PjWebhook {
    return { webhookId: sub.webhookId, events: [sub.event], url: sub.url, created: sub.created };
  }

  // ─── faults ─────────────────────────────────────────────────────────────────────────────

  setFaults(faults: WebhookFaults): void {
    const wasShuffling = this.faults.shuffle === true;
    this.faults = { ...faults };
    // Turning shuffle off releases what it was holding.
    if (wasShuffling && !this.faults.shuffle) for (const group of [...this.held.keys()]) this.flush(group);
  }

  getFaults(): WebhookFaults {
    return { ...this.faults };
  }

  // ─── events ─────────────────────────────────────────────────────────────────────────────

  /** Publishes one event to every subscription of its type. */
  emit(type: string, data: Record<string, unknown>, options: EmitOptions): void {
    if (![...this.subscriptions.values()].some((s) => s.event === type)) return;
    const event: PjWebhookEvent = {
      id: this.eventId(options.group),
      created: new Date(this.clock.now()).toISOString(),
      type,
      data,
    };
    const outgoing: OutgoingEvent = { event, body: jacksonJson(event), accountId: options.accountId };

    if (this.shouldDrop(data)) {
      for (const sub of this.subscriptions.values()) {
        if (sub.event === type) this.record(outgoing, sub, 1, { error: 'dropped (test fault)' });
      }
      return;
    }

    if (this.faults.shuffle && options.group !== undefined) {
      const list = this.held.get(options.group) ?? [];
      list.push(outgoing);
      this.held.set(options.group, list);
      if (FINAL_REQUEST_STATUSES.has(String(data.status))) this.flush(options.group);
      return;
    }
    this.fanOut(outgoing);
  }

  /**
   * A new id, or with reuseEventIds the group's first one: PayJunction's own SMARTTERMINAL_REQUEST
   * examples show one id with two statuses (https://developer.payjunction.com/hc/en-us/articles/360002739934),
   * so an event id alone does not name one delivery.
   */
  private eventId(group: string | undefined): string {
    if (!this.settings.reuseEventIds || group === undefined) return randomUUID();
    const id = this.groupIds.get(group) ?? randomUUID();
    this.groupIds.set(group, id);
    return id;
  }

  private shouldDrop(data: Record<string, unknown>): boolean {
    const drop = this.faults.drop;
    if (drop === undefined) return false;
    if (drop === 'all') return true;
    if (typeof drop === 'number') {
      if (drop <= 0) return false;
      this.faults.drop = drop - 1;
      return true;
    }
    return drop.includes(String(data.status));
  }

  /**
   * Sends a shuffled group newest first, a few real milliseconds apart so that the reversed order
   * is also the order of arrival (concurrent connections could otherwise land in any order).
   */
  private flush(group: string): void {
    const list = this.held.get(group);
    this.held.delete(group);
    if (!list) return;
    list.reverse().forEach((outgoing, index) => {
      if (index === 0) this.fanOut(outgoing);
      else this.clock.afterReal(index * SHUFFLE_SPACING_MS, () => this.fanOut(outgoing));
    });
  }

  private fanOut(outgoing: OutgoingEvent): void {
    const copies = this.faults.duplicate ? 2 : 1;
    const delay = this.faults.delayMs ?? 0;
    for (const sub of this.subscriptions.values()) {
      if (sub.event !== outgoing.event.type) continue;
      for (let i = 0; i < copies; i++) {
        const firstAttemptAt = this.clock.now() + delay;
        if (delay > 0) this.clock.afterReal(delay, () => this.attempt(outgoing, sub.webhookId, 1, firstAttemptAt));
        else this.attempt(outgoing, sub.webhookId, 1, firstAttemptAt);
      }
    }
  }

  private attempt(outgoing: OutgoingEvent, webhookId: string, attempt: number, firstAttemptAt: number): void {
    // A subscription deleted meanwhile gets nothing more; a changed URL or secret applies from now on.
    const sub = this.subscriptions.get(webhookId);
    if (!sub) return;
    const generation = this.generation;
    void this.send(outgoing, sub).then((result) => {
      // A delivery aborted by reset() belongs to a world that no longer exists.
      if (generation !== this.generation) return;
      this.record(outgoing, sub, attempt, result);
      if (result.status !== undefined && result.status >= 200 && result.status < 300) return;
      const next = attempt + 1;
      const delayMs = WEBHOOK_TIMING.retryDelayMs(next);
      const elapsedSimulated = (this.clock.now() - firstAttemptAt) * this.clock.speed;
      if (elapsedSimulated + delayMs > WEBHOOK_TIMING.giveUpAfterMs) {
        this.logger?.warn({ eventId: outgoing.event.id, attempts: attempt }, 'webhook delivery given up');
        return;
      }
      this.clock.after(delayMs, () => this.attempt(outgoing, webhookId, next, firstAttemptAt));
    });
  }

  private record(
    outgoing: OutgoingEvent,
    sub: Subscription,
    attempt: number,
    result: { status?: number; error?: string },
  ): void {
    const entry: DeliveryRecord = {
      eventId: outgoing.event.id,
      webhookId: sub.webhookId,
      type: outgoing.event.type,
      url: sub.url,
      attempt,
      ...result,
      at: new Date(this.clock.now()).toISOString(),
      body: outgoing.event,
    };
    this.deliveries.push(entry);
    this.logger?.debug(
      { eventId: entry.eventId, type: entry.type, attempt, status: entry.status, error: entry.error },
      'webhook delivery',
    );
  }

  /** One HTTP POST; resolves with the status or the failure, never rejects. */
  private send(outgoing: OutgoingEvent, sub: Subscription): Promise<{ status?: number; error?: string }> {
    return postWebhook(this.clock, this.inFlight, { body: outgoing.body, accountId: outgoing.accountId }, sub);
  }

  /**
   * Forgets deliveries, faults and held events. Subscriptions are the merchant's configuration, not
   * the day's state, so they stay unless `subscriptions` is set: a relay subscribed before a reset
   * keeps receiving webhooks (else its payments would silently wait for the safety-net poller).
   * Deliveries in flight are aborted.
   */
  reset(options: { subscriptions?: boolean } = {}): void {
    this.generation++;
    if (options.subscriptions) this.subscriptions.clear();
    this.held.clear();
    this.groupIds.clear();
    this.faults = {};
    this.deliveries.length = 0;
    this.abortInFlight();
  }

  abortInFlight(): void {
    for (const req of this.inFlight) req.destroy();
    this.inFlight.clear();
  }
}
