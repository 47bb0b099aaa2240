/** The PayJunction calls the relay makes: PayJunctionClient satisfies it, and tests may stand in for it. */
import type { ScheduleParams } from '../../src/protocol/schedule.js';
import type {
  PjCustomer,
  PjCustomerVault,
  PjList,
  PjPublishableKey,
  PjRequestIdResponse,
  PjRequestInputParams,
  PjRequestPaymentParams,
  PjRequestPaymentResponse,
  PjRequestPromptParams,
  PjRequestSignatureParams,
  PjSchedule,
  PjSmartTerminal,
  PjSmartTerminalRequestState,
  PjTerminal,
  PjTransaction,
  PjWebhook,
} from '../../src/protocol/wire.js';
import type {
  PjCallOptions,
  PjCreateCustomerParams,
  PjCreateVaultParams,
  PjCreateWebhookParams,
  PjUpdateWebhookParams,
} from '../payjunction/types.js';

export interface RelayUpstream {
  /** The merchant accounts (numeric terminalIds). */
  listTerminals(): Promise<PjList<PjTerminal>>;
  listSmartTerminals(): Promise<PjList<PjSmartTerminal>>;
  requestPayment(smartTerminalId: string, params: PjRequestPaymentParams): Promise<PjRequestPaymentResponse>;
  requestSignature(smartTerminalId: string, params: PjRequestSignatureParams): Promise<PjRequestIdResponse>;
  requestPrompt(smartTerminalId: string, params: PjRequestPromptParams): Promise<PjRequestIdResponse>;
  requestInput(smartTerminalId: string, params: PjRequestInputParams): Promise<PjRequestIdResponse>;
  returnToMain(smartTerminalId: string): Promise<void>;
  getRequest(requestId: string): Promise<PjSmartTerminalRequestState>;
  /** Pages' lookups pass `{ priority: 'low' }`: they wait behind payments and polls. */
  getTransaction(transactionId: number, options?: Pick<PjCallOptions, 'priority'>): Promise<PjTransaction>;
  createSchedule(params: ScheduleParams): Promise<PjSchedule>;
  listPublishableKeys(): Promise<PjList<PjPublishableKey>>;
  createPublishableKey(): Promise<PjPublishableKey>;
  createCustomer(params: PjCreateCustomerParams): Promise<PjCustomer>;
  createCustomerVault(customerId: number, params: PjCreateVaultParams): Promise<PjCustomerVault>;
  listWebhooks(): Promise<PjList<PjWebhook>>;
  createWebhook(params: PjCreateWebhookParams): Promise<PjWebhook>;
  updateWebhook(webhookId: string, params: PjUpdateWebhookParams): Promise<PjWebhook>;
}
