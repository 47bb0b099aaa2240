/**
 * What this relay owns and who may use it: the transactions it made, the schedules it created and the
 * vaults it made from the payment fields (a card token, a bank account from the fields frame).
 * Transaction ids are sequential and vault ids guessable, so without these rules any page could read
 * any transaction, or bill any stored card (and read its brand and last four).
 *
 * - A page reads a transaction only if this relay created it (its payments, and the charges of the
 *   schedules it created) or the host's authorizeTransaction hook allows it. Every other id is the
 *   same 404 as an id that does not exist, so ids cannot be probed. Ownership is decided before
 *   PayJunction is asked: an id that cannot be ours costs no upstream call. Only a schedule's charge
 *   needs the fetch to be recognised (by its scheduleId), so unknown ids are fetched only once this
 *   relay has created a schedule. Lookups go to PayJunction at low priority, after payments and polls.
 * - A schedule re-bills a payment method PayJunction already holds only if this relay may use it: a
 *   transactionId must be one this relay created; a vaultId one this relay made (kept as long as
 *   transactions) or one the host's authorizeVault hook allows. Refused before any PayJunction call.
 * - A schedule from a card token gets its vault first (fields.ts), then is created with the vaultId.
 */
import { toTransactionView, type TransactionView } from '../../src/protocol/relay-contract.js';
import { TOKEN_FIELDS, schedulePaymentSource, type ScheduleParams } from '../../src/protocol/schedule.js';
import type { FieldError, PjSchedule, PjVault } from '../../src/protocol/wire.js';
import { describeError } from '../log.js';
import type { RelayCore } from './core.js';
import { RelayError, fromScheduleCreation, fromTransactionLookup, transactionNotFound } from './errors.js';

/** How long a schedule this relay created makes its charges readable. */
const SCHEDULE_OWNED_MS = 400 * 24 * 60 * 60 * 1000;

/** Set once this relay has created a schedule: only then can an unknown transaction be one of its charges. */
const SCHEDULES_CREATED = 'schedules-created';

export const FOREIGN_TRANSACTION_MESSAGE = 'Use a transaction made by this terminal relay.';
export const VAULT_NOT_ALLOWED_MESSAGE = "Stored payment methods need the merchant's permission (authorizeVault).";

/** The host's say (its hooks, bound to the page's call); asked only when ownership alone does not decide. */
export type HostAllowsTransaction = () => boolean | Promise<boolean>;
export type HostAllowsVault = (vaultId: number) => boolean | Promise<boolean>;

export class Ownership {
  readonly #core: RelayCore;

  constructor(core: RelayCore) {
    this.#core = core;
  }

  /** A transaction this relay's payment made: pages may read it, and schedules may re-bill it. */
  async recordTransaction(transactionId: number): Promise<void> {
    await this.#core.store.addOwned('transaction', transactionId, this.#core.timings.retentionMs);
  }

  /** A vault this relay made: schedules may bill it, on the merchant account of its type. */
  async recordVault(vaultId: number, type: PjVault['type']): Promise<void> {
    await this.#core.store.updateValue<PjVault['type']>(`vault:${vaultId}`, () => type, this.#core.timings.retentionMs);
  }

  /** The type of a vault this relay made; undefined for any other. */
  ownedVaultType(vaultId: number): Promise<PjVault['type'] | undefined> {
    return this.#core.store.getValue<PjVault['type']>(`vault:${vaultId}`);
  }

  /** A page's lookup: the merchant-safe view, or the 404 of an id that does not exist. */
  async readTransaction(transactionId: number, hostAllows?: HostAllowsTransaction): Promise<TransactionView> {
    const { store, upstream } = this.#core;
    const owned = (await store.isOwned('transaction', transactionId)) || (hostAllows ? await hostAllows() : false);
    if (!owned && !(await store.getValue<true>(SCHEDULES_CREATED))) throw transactionNotFound();
    let transaction;
    try {
      transaction = await upstream.getTransaction(transactionId, { priority: 'low' });
    } catch (err) {
      throw fromTransactionLookup(err, owned);
    }
    // A schedule this relay created charges on its own; its transactions carry the scheduleId.
    const allowed =
      owned ||
      (transaction.scheduleId !== undefined && (await store.isOwned('schedule', Number(transaction.scheduleId))));
    if (!allowed) throw transactionNotFound();
    return toTransactionView(transaction);
  }

  /**
   * Creates a validated schedule at PayJunction, on the first enabled merchant account of its kind
   * unless it names one, and records it as this relay's.
   */
  async createSchedule(params: ScheduleParams, hostAllowsVault?: HostAllowsVault): Promise<PjSchedule> {
    const refused = await this.#refusedSource(params, hostAllowsVault);
    if (refused) throw new RelayError(400, 'invalid_request', refused.message, { fields: [refused] });
    const { store, upstream, accounts, log, fields } = this.#core;
    // A card token becomes a vault first; the token fields never reach PayJunction's POST /schedules.
    const { tokenId } = params;
    for (const { name } of TOKEN_FIELDS) delete params[name];
    if (tokenId !== undefined) params.vaultId = String((await fields.vaultFromToken(tokenId, params)).vaultId);
    if (params.terminalId === undefined) {
      const ach =
        schedulePaymentSource(params) === 'ach' ||
        (params.vaultId !== undefined && (await this.ownedVaultType(Number(params.vaultId))) === 'ACH');
      params.terminalId = String(await accounts.terminalId(ach ? 'ACH' : 'CARD'));
    }
    try {
      const schedule = await upstream.createSchedule(params);
      await store.addOwned('schedule', Number(schedule.scheduleId), SCHEDULE_OWNED_MS);
      await store.updateValue<true>(SCHEDULES_CREATED, () => true, SCHEDULE_OWNED_MS);
      log.info({ scheduleId: schedule.scheduleId, scheduleType: schedule.scheduleType }, 'schedule created');
      return schedule;
    } catch (err) {
      // The vault stays (and stays ours): no retry here could tell whether a schedule was created.
      if (tokenId !== undefined)
        log.warn(
          { vaultId: params.vaultId, err: describeError(err) },
          'schedule from a card token not created; its vault stays',
        );
      throw fromScheduleCreation(err);
    }
  }

  /** The field error for a stored payment method this caller may not bill, if it names one. */
  async #refusedSource(
    params: ScheduleParams,
    hostAllowsVault: HostAllowsVault | undefined,
  ): Promise<FieldError | undefined> {
    if (
      params.transactionId !== undefined &&
      !(await this.#core.store.isOwned('transaction', Number(params.transactionId)))
    ) {
      return { field: 'transactionId', message: FOREIGN_TRANSACTION_MESSAGE, type: 'invalid' };
    }
    const vaultId = params.vaultId === undefined ? undefined : Number(params.vaultId);
    if (
      vaultId !== undefined &&
      (await this.ownedVaultType(vaultId)) === undefined &&
      !(hostAllowsVault && (await hostAllowsVault(vaultId)))
    ) {
      return { field: 'vaultId', message: VAULT_NOT_ALLOWED_MESSAGE, type: 'invalid' };
    }
    return undefined;
  }
}
