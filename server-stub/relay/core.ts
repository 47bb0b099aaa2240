/** What every part of the relay shares: its PayJunction, its store, its timings, and each other. */
import type { Logger } from 'pino';
import type { Doubts } from './doubts.js';
import type { PaymentFields } from './fields.js';
import type { StatusIntake } from './intake.js';
import type { MerchantAccounts } from './merchant-accounts.js';
import type { Ownership } from './ownership.js';
import type { RelayStore } from './store.js';
import type { Supervisors } from './supervisor.js';
import type { TerminalPointers } from './terminal-pointer.js';
import type { Delivery, RelayTimings } from './timings.js';
import type { RelayUpstream } from './upstream.js';

export interface RelayCore {
  readonly upstream: RelayUpstream;
  readonly store: RelayStore;
  readonly log: Logger;
  readonly timings: RelayTimings;
  /** This process, as owner of leases and attempts in the shared store. */
  readonly instanceId: string;
  /** How status reaches the relay now. */
  readonly delivery: Delivery;
  /** Set once the relay is closing: no new work starts. */
  readonly closed: boolean;
  readonly accounts: MerchantAccounts;
  readonly terminals: TerminalPointers;
  readonly ownership: Ownership;
  readonly intake: StatusIntake;
  readonly doubts: Doubts;
  readonly supervisors: Supervisors;
  readonly fields: PaymentFields;
}
