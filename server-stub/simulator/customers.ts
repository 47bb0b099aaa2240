/**
 * Customers and the one vault registry (https://developer.payjunction.com/hc/en-us/articles/215960998,
 * https://developer.payjunction.com/hc/en-us/articles/216543557): the fixture's merchant vaults
 * (SIM_VAULTS, no customer) and the vaults made by POST /customers/{id}/vaults. Every `vaultId`
 * POST /transactions and POST /schedules accept is looked up here. A vault keeps what a payment
 * source keeps (brand or account type, last four), never a card or account number. Sequential
 * ids, never reused within a process (also not after a reset).
 */
import type { PjCustomer, PjCustomerVault, PjVault } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { isoSeconds } from './clock.js';
import { SIM_VAULTS } from './fixtures.js';
import type { PaymentSource } from './source.js';
import { vaultSource } from './source.js';

/** At most 50 vaults per customer (https://developer.payjunction.com/hc/en-us/articles/216543557). */
export const CUSTOMER_VAULT_LIMIT = 50;
/** PayJunction's 403 wording when the limit is reached (https://developer.payjunction.com/hc/en-us/articles/218165658). */
export const VAULT_LIMIT_MESSAGE = 'Max vault limit for customer has been reached.';

/** A customer as the simulator answers it: the documented fields plus any other contact field sent. */
export type SimCustomer = PjCustomer & Record<string, string | number | undefined>;

export class CustomerStore {
  private nextCustomerId = 3001;
  private nextVaultId = 6001;
  private readonly customers = new Map<number, SimCustomer>();
  private readonly vaults = new Map<number, PjCustomerVault>();
  /** Each customer vault's source fingerprint (an HMAC, never a number): see vaultSource(). */
  readonly #fingerprints = new Map<number, string>();

  constructor(private readonly clock: SimClock) {}

  reset(): void {
    this.customers.clear();
    this.vaults.clear();
    this.#fingerprints.clear();
  }

  createCustomer(fields: Record<string, string>): SimCustomer {
    const now = isoSeconds(this.clock.now());
    const customer: SimCustomer = { customerId: this.nextCustomerId++, ...fields, created: now, lastModified: now };
    this.customers.set(customer.customerId, customer);
    return customer;
  }

  getCustomer(id: string): SimCustomer | undefined {
    return /^\d+$/.test(id) ? this.customers.get(Number(id)) : undefined;
  }

  /** A new vault of the customer from a checked source, or 'limit' when it has 50 already. */
  addVault(customerId: number, source: PaymentSource): PjCustomerVault | 'limit' {
    if (this.listVaults(customerId).length >= CUSTOMER_VAULT_LIMIT) return 'limit';
    const now = isoSeconds(this.clock.now());
    const vault: PjCustomerVault = {
      vaultId: this.nextVaultId++,
      customerId,
      ...source.vault,
      created: now,
      lastModified: now,
    };
    this.vaults.set(vault.vaultId, vault);
    this.#fingerprints.set(vault.vaultId, source.fingerprint);
    return { ...vault };
  }

  listVaults(customerId: number): PjCustomerVault[] {
    return [...this.vaults.values()].filter((v) => v.customerId === customerId).map((v) => ({ ...v }));
  }

  getVault(customerId: number, vaultId: string): PjCustomerVault | undefined {
    const vault = /^\d+$/.test(vaultId) ? this.vaults.get(Number(vaultId)) : undefined;
    return vault?.customerId === customerId ? { ...vault } : undefined;
  }

  deleteVault(customerId: number, vaultId: string): boolean {
    if (!this.getVault(customerId, vaultId)) return false;
    return this.vaults.delete(Number(vaultId));
  }

  /** Any vault a `vaultId` may name: the fixture's or a customer's (deleted ones are gone). */
  findVault(vaultId: string): PjVault | undefined {
    const fixture = Object.hasOwn(SIM_VAULTS, vaultId) ? SIM_VAULTS[vaultId] : undefined;
    if (fixture) return { ...fixture };
    const vault = /^\d+$/.test(vaultId) ? this.vaults.get(Number(vaultId)) : undefined;
    return vault ? { type: vault.type, accountType: vault.accountType, lastFour: vault.lastFour } : undefined;
  }

  /**
   * The payment source a `vaultId` names, for POST /transactions and POST /schedules. A customer's
   * vault keeps the fingerprint of the card or account it was made from (a guess: PayJunction's pages
   * do not say), so the duplicate checks see the same card through two vaults made from two tokens.
   */
  vaultSource(vaultId: string): PaymentSource | undefined {
    const vault = this.findVault(vaultId);
    if (!vault) return undefined;
    const source = vaultSource(vaultId, vault);
    const made = /^\d+$/.test(vaultId) ? this.#fingerprints.get(Number(vaultId)) : undefined;
    return made ? { ...source, fingerprint: made } : source;
  }
}
