/**
 * Schedules (BETA in PayJunction; https://developer.payjunction.com/hc/en-us/articles/4405322684315):
 * POST /schedules validated by the shared rule set (src/protocol/schedule.ts), a duplicate check
 * (409), a pre-authorization that labs' trigger amounts can decline (400 {response}), and get /
 * list / partial update / activate / delete. The full card or account number is never kept: only
 * the vault view and a fingerprint.
 */
import { compareMoney } from '../../src/protocol/money.js';
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import { PAYMENT_METHOD_FIELD, schedulePaymentSource, validateSchedule } from '../../src/protocol/schedule.js';
import type { FieldError, PjErrorItem, PjSchedule, PjScheduleStatus } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { isoSeconds, utcToday } from './clock.js';
import {
  invalid,
  PjValidationError,
  TERMINAL_NOT_FOUND_MESSAGE,
  TRANSACTION_NOT_FOUND_MESSAGE,
  VAULT_NOT_FOUND_MESSAGE,
} from './errors.js';
import type { CustomerStore } from './customers.js';
import { SIM_TERMINALS, terminalById } from './fixtures.js';
import type { FormParams } from './form.js';
import { scheduleObject } from './schedule-object.js';
import type { PaymentSource } from './source.js';
import { achSource, cardSource, transactionSource } from './source.js';
import type { TransactionStore } from './transactions.js';
import type { Decision } from './triggers.js';
import { decide } from './triggers.js';

export const SCHEDULE_STATUSES: readonly PjScheduleStatus[] = [
  'ACTIVE',
  'DELINQUENT',
  'DELETED',
  'COMPLETED',
  'PAUSED',
];
export const DUPLICATE_SCHEDULE_MESSAGE =
  'A schedule with the same payment method and amount already exists. Send bypassDuplicate=true to create it anyway.';
export const SCHEDULE_LIST_MAX = 50;
/**
 * POST and PUT /schedules do not list `tokenId` among their payment sources
 * (https://developer.payjunction.com/hc/en-us/articles/4405322684315): a token becomes a vault first.
 * A guess: the real API may instead ignore the parameter and ask for a payment method.
 */
export const SCHEDULE_TOKEN_MESSAGE =
  'Token ID is not accepted for schedules: create a vault from the token (POST /customers/{customerId}/vaults) and send its vaultId.';

/** Parameters that identify the payment and are never stored. */
const SECRET_PARAMS = new Set(['cardNumber', 'cardCvv', 'achRoutingNumber', 'achAccountNumber']);
const PAYMENT_PARAMS = new Set([
  'cardNumber',
  'cardExpMonth',
  'cardExpYear',
  'cardCvv',
  'achRoutingNumber',
  'achAccountNumber',
  'achAccountType',
  'achType',
  'vaultId',
  'transactionId',
]);

interface StoredSchedule {
  schedule: PjSchedule;
  fingerprint: string;
  /** The validated params minus the card/account numbers: the base of a partial update. */
  params: Record<string, string>;
}

/** What POST /schedules answers besides 200: a pre-auth decline or a duplicate. */
export type ScheduleCreateResult =
  { kind: 'created'; schedule: PjSchedule } | { kind: 'declined'; decision: Decision } | { kind: 'duplicate' };

export class ScheduleStore {
  private nextId = 1001;
  private readonly schedules = new Map<number, StoredSchedule>();

  constructor(
    private readonly clock: SimClock,
    private readonly transactions: TransactionStore,
    private readonly customers: CustomerStore,
  ) {}

  reset(): void {
    this.schedules.clear();
  }

  get(id: string): PjSchedule | undefined {
    if (!/^\d+$/.test(id)) return undefined;
    return this.schedules.get(Number(id))?.schedule;
  }

  private today(): string {
    return utcToday(this.clock.now());
  }

  create(form: FormParams): ScheduleCreateResult {
    refuseToken(form);
    const params = this.validate(form.toRecord());
    const source = this.resolveSource(params);
    const terminal = this.resolveTerminal(params, source);

    if (!params.bypassDuplicate) {
      for (const stored of this.schedules.values()) {
        if (
          stored.schedule.status !== 'DELETED' &&
          stored.fingerprint === source.fingerprint &&
          compareMoney(stored.schedule.amountBase, params.amountBase) === 0
        ) {
          return { kind: 'duplicate' };
        }
      }
    }

    const decision = preauthorize(params);
    if (!decision.approved) return { kind: 'declined', decision };

    const now = isoSeconds(this.clock.now());
    const schedule = scheduleObject(
      {
        scheduleId: this.nextId++,
        terminalId: terminal,
        vault: { ...source.vault },
        status: 'ACTIVE',
        created: now,
        lastModified: now,
      },
      params,
    );
    this.schedules.set(schedule.scheduleId, { schedule, fingerprint: source.fingerprint, params: storable(params) });
    return { kind: 'created', schedule };
  }

  /**
   * PUT /schedules/{id}: a partial update. The stored fields and the update are validated together
   * by the shared rules; only failures about what the update sends (or what the merge now lacks)
   * count, so a start date that has since passed does not block changing the amount.
   */
  update(id: string, form: FormParams): PjSchedule | undefined {
    const stored = /^\d+$/.test(id) ? this.schedules.get(Number(id)) : undefined;
    if (!stored) return undefined;
    refuseToken(form);
    const update = form.toRecord();
    const updatesPayment = Object.keys(update).some((k) => PAYMENT_PARAMS.has(k) && update[k]!.trim() !== '');
    const base = { ...stored.params };
    for (const key of PAYMENT_PARAMS) delete base[key];
    // The simulator does not keep card or account numbers: a placeholder vault stands in for the
    // stored payment when the update does not replace it.
    if (!updatesPayment) base.vaultId = '1';
    // Switching the schedule type drops the other type's fields.
    if (update.scheduleType !== undefined) {
      for (const key of ['interval', 'intervalCount', 'intervalCap', 'startDate', 'specificDate1']) delete base[key];
    }
    const merged: Record<string, string> = { ...base, ...update };
    const result = validateSchedule(merged, { today: this.today() });
    if (!result.ok) {
      const relevant = result.errors.filter(
        (e) =>
          e.field in update ||
          (e.field === PAYMENT_METHOD_FIELD ? updatesPayment : e.type === 'required' && !(e.field in merged)),
      );
      if (relevant.length > 0) throw new PjValidationError(relevant.map(toPjError));
    }
    // What is left are stale dates the update does not touch (a start date now in the past): take
    // the normalized values without the "not in the past" rule.
    const lenient = result.ok ? result : validateSchedule(merged, { today: '1970-01-01' });
    if (!lenient.ok) throw new PjValidationError(lenient.errors.map(toPjError));
    const params = lenient.value;

    if (updatesPayment) {
      const source = this.resolveSource(params);
      stored.fingerprint = source.fingerprint;
      stored.schedule.vault = { ...source.vault };
    }
    if (update.terminalId !== undefined) stored.schedule.terminalId = this.resolveTerminal(params, undefined);
    // Re-derive the schedule's fields from the merged params, keeping identity and status.
    const { scheduleId, terminalId, vault, status, created } = stored.schedule;
    const lastModified = isoSeconds(this.clock.now());
    stored.schedule = scheduleObject({ scheduleId, terminalId, vault, status, created, lastModified }, params);
    const kept = storable(params);
    if (!updatesPayment) {
      for (const key of PAYMENT_PARAMS) delete kept[key];
      for (const key of PAYMENT_PARAMS) if (stored.params[key] !== undefined) kept[key] = stored.params[key]!;
    }
    stored.params = kept;
    return stored.schedule;
  }

  setStatus(id: string, status: PjScheduleStatus): PjSchedule | undefined {
    const stored = /^\d+$/.test(id) ? this.schedules.get(Number(id)) : undefined;
    if (!stored) return undefined;
    stored.schedule.status = status;
    stored.schedule.lastModified = isoSeconds(this.clock.now());
    return stored.schedule;
  }

  activate(id: string): PjSchedule | undefined {
    const schedule = this.get(id);
    if (!schedule) return undefined;
    if (schedule.status === 'DELETED') {
      throw new PjValidationError([invalid('status', 'A deleted schedule can not be activated.')]);
    }
    return this.setStatus(id, 'ACTIVE');
  }

  list(query: URLSearchParams, baseUrl: string): { next?: string; prev?: string; results: PjSchedule[] } {
    const errors: PjErrorItem[] = [];
    const statusText = query.get('status')?.trim().toUpperCase();
    if (statusText && !SCHEDULE_STATUSES.includes(statusText as PjScheduleStatus)) {
      errors.push(invalid('status', `Status must be one of ${SCHEDULE_STATUSES.join(', ')}.`));
    }
    const limit = intParam(query, 'limit', SCHEDULE_LIST_MAX, 1, SCHEDULE_LIST_MAX, errors);
    const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, errors);
    if (errors.length > 0) throw new PjValidationError(errors);
    const all = [...this.schedules.values()]
      .map((s) => s.schedule)
      .filter((s) => {
        if (!statusText) return true;
        // DELINQUENT schedules also appear under ACTIVE (https://developer.payjunction.com/hc/en-us/articles/4405321198491).
        if (statusText === 'ACTIVE') return s.status === 'ACTIVE' || s.status === 'DELINQUENT';
        return s.status === statusText;
      });
    const results = all.slice(offset, offset + limit);
    const page = (o: number) => {
      const q = new URLSearchParams();
      if (statusText) q.set('status', statusText);
      q.set('limit', String(limit));
      q.set('offset', String(o));
      return `${baseUrl}/schedules?${q}`;
    };
    return {
      ...(offset + limit < all.length ? { next: page(offset + limit) } : {}),
      ...(offset > 0 ? { prev: page(Math.max(0, offset - limit)) } : {}),
      results,
    };
  }

  private validate(input: Record<string, string>): ScheduleParams {
    const result = validateSchedule(input, { today: this.today() });
    if (!result.ok) throw new PjValidationError(result.errors.map(toPjError));
    return result.value;
  }

  /** The payment source named by validated params; unknown vault or transaction ids are 400s. */
  private resolveSource(params: ScheduleParams): PaymentSource {
    switch (schedulePaymentSource(params)) {
      case 'card':
        return cardSource(params.cardNumber!);
      case 'ach':
        return achSource(params.achRoutingNumber!, params.achAccountNumber!, params.achAccountType!);
      case 'vault': {
        const source = this.customers.vaultSource(params.vaultId!);
        if (!source) throw new PjValidationError([invalid('vaultId', VAULT_NOT_FOUND_MESSAGE)]);
        return source;
      }
      case 'transaction': {
        const tx = this.transactions.get(params.transactionId!);
        if (!tx?.vault) throw new PjValidationError([invalid('transactionId', TRANSACTION_NOT_FOUND_MESSAGE)]);
        return transactionSource(tx.transactionId, tx.vault);
      }
    }
  }

  /** The named terminal, else the merchant's first account of the payment's type. */
  private resolveTerminal(params: ScheduleParams, source: PaymentSource | undefined): number {
    if (params.terminalId !== undefined) {
      const terminal = terminalById(params.terminalId);
      if (!terminal) throw new PjValidationError([invalid('terminalId', TERMINAL_NOT_FOUND_MESSAGE)]);
      return terminal.terminalId;
    }
    return SIM_TERMINALS.find((t) => t.type === (source?.vault.type ?? 'CARD'))!.terminalId;
  }
}

function refuseToken(form: FormParams): void {
  if (form.text('tokenId') !== undefined) throw new PjValidationError([invalid('tokenId', SCHEDULE_TOKEN_MESSAGE)]);
}

/** The pre-authorization PayJunction runs before it creates a schedule: labs' triggers decide. */
function preauthorize(params: ScheduleParams): Decision {
  return decide({
    amountBase: params.amountBase,
    cvv: params.cvv,
    cardCvv: params.cardCvv,
    avs: params.avs,
    billingAddress: params.billingAddress,
    billingZip: params.billingZip,
  });
}

function toPjError(error: FieldError): PjErrorItem {
  return { message: error.message, parameter: error.field, type: error.type ?? 'invalid' };
}

function storable(params: ScheduleParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && !SECRET_PARAMS.has(key)) out[key] = value;
  }
  return out;
}

function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: PjErrorItem[],
): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    errors.push(
      invalid(
        name,
        `${name.charAt(0).toUpperCase() + name.slice(1)} must be a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'up' : max}.`,
      ),
    );
    return fallback;
  }
  return Number(raw);
}
