/**
 * The relay's side of the isolated payment fields (issue 11): card and bank numbers are typed in a
 * frame on another origin and never pass through the host page.
 *
 * - Cards: the frame tokenizes them with PayJunction's SDK straight to PayJunction; the relay gets a
 *   single-use tokenId and makes it a customer and a vault (POST /schedules takes no tokenId:
 *   https://developer.payjunction.com/hc/en-us/articles/4405322684315).
 * - Bank accounts: whether the SDK tokenizes them is unknown, so the frame posts them here, from its
 *   own origin only, and they are vaulted at once: never logged, never stored, only the vault's id,
 *   account type and last four go back.
 * - The SDK needs a publishable key. PayJunction allows 100 per merchant
 *   (https://developer.payjunction.com/hc/en-us/articles/4411884125979): one is found or created once
 *   and kept in the store, which several processes share.
 * - Raw card or account numbers on POST /pj/schedules are refused unless the merchant opted in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isAchTicket } from '../../src/protocol/fields-channel.js';
import { validateAchAccount } from '../../src/protocol/schedule.js';
import type { FieldError, PjCustomerVault } from '../../src/protocol/wire.js';
import type { PjCreateCustomerParams, PjCreateVaultParams } from '../payjunction/types.js';
import type { RelayCore } from './core.js';
import { RelayError, fromUpstream, fromVaultCreation } from './errors.js';

export interface FieldsOptions {
  /** Where pages load PayJunction's tokenization SDK (labs, production, or the simulator's web origin). */
  sdkUrl?: string;
  /** The origin that serves the fields frame; the only one that may post bank numbers. */
  fieldsOrigin?: string;
  /** Accept card and account numbers on POST /pj/schedules (the direct mode, in the merchant's PCI scope). */
  acceptRawPaymentNumbers?: boolean;
}

/**
 * GET /pj/fields/config: no secret in it (a publishable key is meant for browsers). `achTicket` lets the
 * frame vault a bank account: the frame cannot carry the page's session (it is on another origin), so
 * the page, which the host's `authorize` hook let read this, hands the frame this relay-made ticket.
 */
export interface FieldsConfig {
  publishableKey: string;
  sdkUrl: string;
  fieldsOrigin?: string;
  achTicket: string;
}

/** What the frame gets back for a bank account: never a number but the last four. */
export interface BankVault {
  vaultId: number;
  accountType: string;
  lastFour: string;
}

/** The names of the customer a card token or bank account is vaulted under, from a schedule's billing contact. */
export type VaultHolder = Partial<
  Record<'billingFirstName' | 'billingLastName' | 'billingCompanyName' | 'billingEmail', string>
>;

const PUBLISHABLE_KEY = 'publishable-key';
/** Kept a day: a key revoked at PayJunction is looked up again by tomorrow. */
const PUBLISHABLE_KEY_MS = 24 * 60 * 60 * 1000;
/** A token lives at most 30 minutes; a resubmission with it (bypassDuplicate) reuses its vault. */
const TOKEN_VAULT_MS = 30 * 60 * 1000;

/** A bank-account ticket: valid 30 minutes (a token's life), for a few tries (a corrected number, a resubmission). */
const ACH_TICKET_MS = 30 * 60 * 1000;
const ACH_TICKET_USES = 10;
const ticketKey = (ticket: string) => `ach-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
export const ACH_TICKET_MESSAGE = 'The payment fields have expired. Reload the page and enter the bank account again.';

/** The fields that carry a number the merchant's server should never see. */
const RAW_NUMBER_FIELDS = ['cardNumber', 'achAccountNumber'] as const;

export const RAW_NUMBERS_MESSAGE =
  'Card and bank numbers must be entered in the payment fields frame; this relay does not accept them directly ' +
  '(the merchant can allow it with PJ_ACCEPT_RAW_PAYMENT_NUMBERS=true).';
export const FIELDS_ORIGIN_ONLY_MESSAGE = 'Bank account numbers are accepted only from the payment fields frame.';

export class PaymentFields {
  readonly #core: RelayCore;
  readonly #options: FieldsOptions;
  #key?: Promise<string>;

  constructor(core: RelayCore, options: FieldsOptions) {
    this.#core = core;
    this.#options = options;
  }

  get fieldsOrigin(): string | undefined {
    return this.#options.fieldsOrigin;
  }

  async config(): Promise<FieldsConfig> {
    const { sdkUrl, fieldsOrigin } = this.#options;
    if (!sdkUrl) {
      throw new RelayError(
        503,
        'fields_unavailable',
        'The payment fields are not set up: the relay does not know where the simulator serves its SDK (set PJ_SIMULATOR_WEB_URL).',
      );
    }
    const publishableKey = await this.#publishableKey();
    // Only its hash is kept: the store never holds a usable ticket.
    const achTicket = randomBytes(24).toString('base64url');
    await this.#core.store.updateValue<number>(ticketKey(achTicket), () => 0, ACH_TICKET_MS);
    return { publishableKey, sdkUrl, ...(fieldsOrigin ? { fieldsOrigin } : {}), achTicket };
  }

  /** Spends one use of a bank-account ticket; refuses one this relay did not make, expired or used up. */
  async #spendTicket(ticket: unknown): Promise<void> {
    const spent = isAchTicket(ticket)
      ? await this.#core.store.updateValue<number>(
          ticketKey(ticket),
          (uses) => (uses === undefined ? undefined : uses + 1),
          ACH_TICKET_MS,
        )
      : undefined;
    if (!spent?.changed || (spent.value ?? Infinity) > ACH_TICKET_USES)
      throw new RelayError(401, 'fields_expired', ACH_TICKET_MESSAGE);
  }

  /** Refuses a schedule body that carries a card or account number, unless the merchant opted in. */
  refuseRawNumbers(body: Record<string, unknown>): void {
    if (this.#options.acceptRawPaymentNumbers) return;
    const given = RAW_NUMBER_FIELDS.filter(
      (name) => body[name] !== undefined && body[name] !== null && body[name] !== '',
    );
    if (given.length === 0) return;
    const fields: FieldError[] = given.map((field) => ({ field, message: RAW_NUMBERS_MESSAGE, type: 'invalid' }));
    throw new RelayError(400, 'raw_payment_numbers', RAW_NUMBERS_MESSAGE, { fields });
  }

  /**
   * A card token's vault, made once per token: customer, then vault, owned by this relay. A repeat with
   * the same token (the form resubmitting after a duplicate warning) gets the same vault back.
   */
  async vaultFromToken(tokenId: string, holder: VaultHolder): Promise<PjCustomerVault | { vaultId: number }> {
    const { store } = this.#core;
    // Only a hash: PayJunction says tokens must not be stored.
    const name = `token-vault:${createHash('sha256').update(tokenId).digest('hex')}`;
    const earlier = await store.getValue<number>(name);
    if (earlier !== undefined) return { vaultId: earlier };
    const vault = await this.#vault(holder, { tokenId });
    await store.updateValue<number>(name, () => vault.vaultId, TOKEN_VAULT_MS);
    return vault;
  }

  /** POST /pj/fields/ach-vault: from the fields origin only; the numbers go to PayJunction and nowhere else. */
  async vaultBankAccount(origin: string | undefined, body: Record<string, unknown>): Promise<BankVault> {
    const { fieldsOrigin } = this.#options;
    if (!fieldsOrigin || origin !== fieldsOrigin)
      throw new RelayError(403, 'origin_not_allowed', FIELDS_ORIGIN_ONLY_MESSAGE);
    await this.#spendTicket(body.ticket);
    const account = validateAchAccount(body);
    if (!account.ok) {
      const first = account.errors[0]!.message;
      throw new RelayError(400, 'invalid_request', account.errors.length > 1 ? 'Some fields need attention.' : first, {
        fields: account.errors,
      });
    }
    const vault = await this.#vault({}, account.value);
    return { vaultId: vault.vaultId, accountType: vault.accountType, lastFour: vault.lastFour };
  }

  /**
   * A new customer and its vault, recorded as this relay's. Never retried: a lost answer could mean
   * a customer or vault exists; an orphan costs nothing, a second one would.
   */
  async #vault(holder: VaultHolder, source: PjCreateVaultParams): Promise<PjCustomerVault> {
    const { upstream, ownership, log } = this.#core;
    let customerId: number;
    try {
      customerId = (await upstream.createCustomer(customerOf(holder))).customerId;
    } catch (err) {
      throw fromUpstream(err, { action: 'save the payment method' });
    }
    let vault: PjCustomerVault;
    try {
      vault = await upstream.createCustomerVault(customerId, source);
    } catch (err) {
      log.warn({ customerId }, 'vault not created; the customer stays empty');
      throw fromVaultCreation(err);
    }
    await ownership.recordVault(vault.vaultId, vault.type);
    log.info({ customerId, vaultId: vault.vaultId, type: vault.type }, 'vault created');
    return vault;
  }

  /** The merchant's one publishable key: from the store, else PayJunction's list, else created once. */
  #publishableKey(): Promise<string> {
    this.#key ??= this.#findKey().finally(() => (this.#key = undefined));
    return this.#key;
  }

  async #findKey(): Promise<string> {
    const { store, upstream, log } = this.#core;
    const kept = await store.getValue<string>(PUBLISHABLE_KEY);
    if (kept) return kept;
    let key: string;
    try {
      key =
        (await upstream.listPublishableKeys()).results[0]?.keyValue ?? (await upstream.createPublishableKey()).keyValue;
    } catch (err) {
      throw fromUpstream(err, { action: 'prepare the payment fields' });
    }
    // The first process to store one wins, so every page of every process gets the same key.
    const { value } = await store.updateValue<string>(PUBLISHABLE_KEY, (current) => current ?? key, PUBLISHABLE_KEY_MS);
    log.info('publishable key ready for the payment fields');
    return value ?? key;
  }
}

function customerOf(holder: VaultHolder): PjCreateCustomerParams {
  const customer: PjCreateCustomerParams = {};
  if (holder.billingFirstName) customer.firstName = holder.billingFirstName;
  if (holder.billingLastName) customer.lastName = holder.billingLastName;
  if (holder.billingCompanyName) customer.companyName = holder.billingCompanyName;
  if (holder.billingEmail) customer.email = holder.billingEmail;
  return customer;
}
