/** What every route group of the relay's HTTP layer is given: the relay, its store, and the host's hooks. */
import type { Logger } from 'pino';
import type { PaymentRequestBody } from '../../src/protocol/relay-contract.js';
import type { Relay } from '../relay/relay.js';
import type { RelayStore } from '../relay/store.js';
import type { ClientKeyFn } from './middleware/security.js';

export type PreparePaymentHook = (
  request: Request,
  body: PaymentRequestBody,
) => PaymentRequestBody | Promise<PaymentRequestBody>;
export type AuthorizeTransactionHook = (request: Request, transactionId: number) => boolean | Promise<boolean>;
/** Whether this caller may schedule charges to a stored payment method (PayJunction's vaultId). */
export type AuthorizeVaultHook = (request: Request, vaultId: number) => boolean | Promise<boolean>;

export interface RouteDeps {
  /** Every PayJunction call goes through it. */
  relay: Relay;
  /** For what the HTTP layer keeps itself: seen webhook events and rate-limit counters. */
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
