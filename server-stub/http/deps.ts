/** What every route group of the relay's HTTP layer is given. */
import type { Logger } from 'pino';
import type { PaymentRequestBody } from '../../src/protocol/relay-contract.js';
import type { PjList, PjSchedule, PjSmartTerminal, PjTransaction } from '../../src/protocol/wire.js';
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type { PjCallOptions } from '../payjunction/types.js';
import type { Relay, RelayUpstream } from '../relay/relay.js';
import type { RelayStore } from '../relay/store.js';
import type { ClientKeyFn } from './middleware/security.js';

/** The PayJunction calls the HTTP layer makes itself (PayJunctionClient satisfies it). */
export interface StubUpstream extends RelayUpstream {
  listSmartTerminals(): Promise<PjList<PjSmartTerminal>>;
  /** Pages' lookups pass `{ priority: 'low' }`: they wait behind payments and polls. */
  getTransaction(transactionId: number, options?: Pick<PjCallOptions, 'priority'>): Promise<PjTransaction>;
  createSchedule(params: ScheduleParams): Promise<PjSchedule>;
}

export type PreparePaymentHook = (request: Request, body: PaymentRequestBody) => PaymentRequestBody | Promise<PaymentRequestBody>;
export type AuthorizeTransactionHook = (request: Request, transactionId: number) => boolean | Promise<boolean>;
/** Whether this caller may schedule charges to a stored payment method (PayJunction's vaultId). */
export type AuthorizeVaultHook = (request: Request, vaultId: number) => boolean | Promise<boolean>;

export interface RouteDeps {
  relay: Relay;
  upstream: StubUpstream;
  store: RelayStore;
  logger: Logger;
  mode: 'simulator' | 'labs' | 'production';
  preparePayment?: PreparePaymentHook;
  authorizeTransaction?: AuthorizeTransactionHook;
  /** Without it, schedules from a vaultId are refused: vault ids are guessable and name a customer's card. */
  authorizeVault?: AuthorizeVaultHook;
  webhookSecret?: string;
  sse: { heartbeatMs: number; retryMs: number };
  clientKey: ClientKeyFn;
  /** Today's date (yyyy-MM-dd) for schedule date rules; the merchant's local day. */
  today: () => string;
}
