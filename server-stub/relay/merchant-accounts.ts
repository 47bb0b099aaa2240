/** Merchant lookups: the account (numeric terminalId) requests run on, and the Smart Terminal list, each cached. */
import { RelayError, fromUpstream } from './errors.js';
import type { RelayUpstream } from './upstream.js';

/** What a page may know of a Smart Terminal. */
export interface SmartTerminalList {
  results: {
    smartTerminalId: string;
    nickName: string;
    /** The last request sent to it could not reach it (NO_CONNECTION), at this time; gone once one does. */
    unreachableSince?: string;
  }[];
}

/** How long the Smart Terminal list is served from memory (pages ask on every load). */
const LIST_CACHE_MS = 30_000;

export class MerchantAccounts {
  readonly #upstream: RelayUpstream;
  readonly #accounts = new Map<'CARD' | 'ACH', Promise<number>>();
  #terminalList: { at: number; body: SmartTerminalList } | undefined;

  /** `cardTerminalId`: the account for Smart Terminal requests, when the host names it. */
  constructor(upstream: RelayUpstream, cardTerminalId?: number) {
    this.#upstream = upstream;
    if (cardTerminalId !== undefined) this.#accounts.set('CARD', Promise.resolve(cardTerminalId));
  }

  /** The merchant account (PayJunction's numeric terminalId) of a type: the first enabled one. */
  terminalId(type: 'CARD' | 'ACH'): Promise<number> {
    let account = this.#accounts.get(type);
    if (!account) {
      account = this.#upstream.listTerminals().then(
        (list) => {
          const found = list.results.find((t) => t.enabled && t.type === type);
          if (!found) {
            this.#accounts.delete(type);
            const what = type === 'CARD' ? 'card' : 'bank (ACH)';
            throw new RelayError(
              502,
              'no_merchant_account',
              `This PayJunction account has no enabled ${what} account to use.`,
            );
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

  /** The Smart Terminals, by id and nickname only, at most LIST_CACHE_MS old. */
  async smartTerminals(): Promise<SmartTerminalList> {
    if (!this.#terminalList || Date.now() - this.#terminalList.at > LIST_CACHE_MS) {
      try {
        const list = await this.#upstream.listSmartTerminals();
        this.#terminalList = {
          at: Date.now(),
          body: { results: list.results.map((t) => ({ smartTerminalId: t.smartTerminalId, nickName: t.nickName })) },
        };
      } catch (err) {
        throw fromUpstream(err, { action: 'list the Smart Terminals' });
      }
    }
    return this.#terminalList.body;
  }
}
