/**
 * Wire types of the PayJunction entities the relay uses (https://developer.payjunction.com/hc/en-us),
 * and of the relay's own HTTP contract (README.md). Pure types: imported by the browser, the relay
 * and the simulator alike, so that all three agree on one shape.
 */

/** A money amount as PayJunction writes it: a decimal string such as "12.50". Never a float. */
export type Money = string;

// ─── PayJunction: common ─────────────────────────────────────────────────────────────────────

/** One entry of PayJunction's error body (https://developer.payjunction.com/hc/en-us/articles/218165658). */
export interface PjErrorItem {
  message: string;
  parameter?: string;
  type?: 'required' | 'invalid' | (string & {});
}

/** PayJunction's error body, for every endpoint. */
export interface PjErrorBody {
  errors: PjErrorItem[];
  help?: string;
}

/** PayJunction's list envelope (https://developer.payjunction.com/hc/en-us/articles/360007566434). */
export interface PjList<T> {
  next?: string;
  prev?: string;
  results: T[];
}

// ─── PayJunction: Smart Terminals ────────────────────────────────────────────────────────────

export const PJ_REQUEST_STATUSES = ['CONNECTING', 'NO_CONNECTION', 'BUSY', 'IN_PROGRESS', 'COMPLETE'] as const;
export type PjRequestStatus = (typeof PJ_REQUEST_STATUSES)[number];

export interface PjSmartTerminal {
  smartTerminalId: string;
  serialNumber: string;
  nickName: string;
  created: string;
}

/** A merchant account ("terminal" in PayJunction's words) from GET /terminals. */
export interface PjTerminal {
  terminalId: number;
  nickName: string;
  type: 'CARD' | 'ACH';
  enabled: boolean;
  accountId: string;
  companyDba?: string;
  companyLegal?: string;
  merchantNumber?: string;
  surcharge?: { enabled: boolean; percentage?: number };
}

export type PjAction = 'CHARGE' | 'REFUND';

export interface PjRequestPaymentParams {
  /** Numeric merchant account id from GET /terminals (not the Smart Terminal's UUID). */
  terminalId: number | string;
  amountBase: Money;
  /**
   * No `amountTip`: no PayJunction page or client sends one here. The terminal asks the customer
   * when this is true and its device settings offer tips
   * (https://support.payjunction.com/hc/en-us/articles/212460318); the transaction reports the tip.
   */
  allowTips?: boolean;
  amountTax?: Money;
  amountShipping?: Money;
  amountSurcharge?: Money;
  action?: PjAction;
  invoiceNumber?: string;
  purchaseOrderNumber?: string;
  note?: string;
  showReceiptPrompt?: boolean;
  showSignaturePrompt?: boolean;
  keyed?: 'ALLOW';
  interruptBusyTerminal?: boolean;
}

export interface PjRequestSignatureParams {
  terminalId: number | string;
  terms: string;
}

export interface PjRequestPromptParams {
  terminalId: number | string;
  text: string;
  /** Up to 3 labels, each at most 8 characters; sent as `buttons[]`. */
  buttons: string[];
}

export interface PjRequestInputParams {
  terminalId: number | string;
  type: 'PHONE';
}

export interface PjRequestPaymentResponse {
  requestPaymentId: string;
}

export interface PjRequestIdResponse {
  requestId: string;
}

/** GET /smartterminals/requests/{requestId}: the polling view of a request. */
export interface PjSmartTerminalRequestState {
  status: PjRequestStatus | (string & {});
  transactionId?: number;
  signatureId?: string;
  promptButton?: string;
  inputValue?: string;
}

// ─── PayJunction: webhooks ───────────────────────────────────────────────────────────────────

export type PjWebhookEventType =
  | 'SMARTTERMINAL_REQUEST'
  | 'TRANSACTION'
  | 'TRANSACTION_SIGNATURE'
  | 'CUSTOMER'
  | 'DEPOSIT'
  | 'SETTLEMENT'
  | 'SMARTTERMINAL_TRANSACTION';

/** The envelope every webhook delivery shares (https://developer.payjunction.com/hc/en-us/articles/360002739934). */
export interface PjWebhookEvent<T = unknown> {
  id: string;
  created: string;
  type: PjWebhookEventType | (string & {});
  data: T;
}

/** `data` of a SMARTTERMINAL_REQUEST delivery. */
export interface PjSmartTerminalRequestData extends PjSmartTerminalRequestState {
  requestId: string;
}

export interface PjWebhook {
  webhookId: string;
  events: string[];
  url: string;
  created: string;
}

// ─── PayJunction: transactions ───────────────────────────────────────────────────────────────

export type PjTransactionStatus = 'CAPTURE' | 'HOLD' | 'VOID' | 'DECLINED' | (string & {});

export interface PjAddress {
  address?: string;
  city?: string;
  state?: string;
  country?: string;
  zip?: string;
}

export interface PjContact {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  phone2?: string;
  jobTitle?: string;
  identifier?: string;
  website?: string;
  address?: PjAddress;
}

export interface PjVault {
  type: 'CARD' | 'ACH';
  accountType: string;
  lastFour: string;
}

/** GET /transactions/{id} (https://developer.payjunction.com/hc/en-us/articles/216477437). Amounts are strings. */
export interface PjTransaction {
  transactionId: number;
  uri: string;
  terminalId: number;
  scheduleId?: number;
  action: PjAction;
  amountBase: Money;
  /**
   * The other amounts are left out when zero (https://developer.payjunction.com/hc/en-us/articles/218052587,
   * https://developer.payjunction.com/hc/en-us/articles/1260802694490): absent means 0.00.
   */
  amountTax?: Money;
  amountShipping?: Money;
  amountTip?: Money;
  amountSurcharge?: Money;
  amountTotal: Money;
  invoiceNumber?: string;
  purchaseOrderNumber?: string;
  method: string;
  service?: string;
  status: PjTransactionStatus;
  signatureStatus?: string;
  created: string;
  lastModified: string;
  response: {
    approved: boolean;
    code: string;
    message: string;
    processor?: {
      authorized: boolean;
      approvalCode?: string;
      /** Absent when AVS was not requested (nothing to report). */
      avs?: { status: string; requested?: string; match?: { ZIP?: boolean; ADDRESS?: boolean } };
      /** Absent when no CVV was checked. */
      cvv?: { status: string };
    };
  };
  /** settlementId is a number (https://developer.payjunction.com/hc/en-us/articles/360008504674). */
  settlement: { settled: boolean; settlementId?: number };
  vault?: PjVault;
  billing?: PjContact;
  shipping?: PjContact;
}

// ─── PayJunction: schedules ──────────────────────────────────────────────────────────────────

export type PjScheduleStatus = 'ACTIVE' | 'DELINQUENT' | 'DELETED' | 'COMPLETED' | 'PAUSED';

/** The schedule object (https://developer.payjunction.com/hc/en-us/articles/4405322684315). */
export interface PjSchedule {
  scheduleId: number;
  terminalId: number;
  scheduleType: 'PERIODIC' | 'SPECIFIC_DATES';
  interval?: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
  intervalCount?: number;
  intervalCap?: number;
  amountBase: Money;
  amountSurcharge?: Money;
  amountTotal: Money;
  surcharge?: { percentage: number; status: string };
  vault?: PjVault;
  billing?: PjContact;
  shipping?: PjContact;
  invoiceNumber?: string;
  purchaseOrderNumber?: string;
  status: PjScheduleStatus;
  startDate?: string;
  specificDate1?: string;
  created: string;
  lastModified: string;
  nextTransaction?: string;
}

/** POST /schedules' 400 when the pre-authorization is declined (https://developer.payjunction.com/hc/en-us/articles/4405322684315). */
export interface PjPreauthDeclineBody {
  response: { approved: false; code: string; message?: string };
}

// ─── Tokenization, customers and vaults ─────────────────────────────────────────────────────

/** POST /publishablekeys (https://developer.payjunction.com/hc/en-us/articles/4411884125979): safe in a browser. */
export interface PjPublishableKey {
  keyValue: string;
  created: string;
}

/**
 * What PayJunction's tokenization SDK resolves to
 * (https://developer.payjunction.com/hc/en-us/articles/4404002342555): a single-use `tokenId` that
 * expires within 30 minutes, or field errors. The SDK's call shape is known from third-party clients.
 */
export type PjTokenResult = { tokenId: string } | { errors: PjErrorItem[] };

/** POST /customers (https://developer.payjunction.com/hc/en-us/articles/215960998). */
export interface PjCustomer {
  customerId: number;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  created: string;
  lastModified: string;
}

/** POST /customers/{id}/vaults (https://developer.payjunction.com/hc/en-us/articles/216543557). */
export interface PjCustomerVault extends PjVault {
  vaultId: number;
  customerId: number;
  created: string;
  lastModified: string;
}

// ─── Shared by validation and the relay's error body ────────────────────────────────────────

/** One field's failure: the PayJunction parameter name and a sentence a person understands. */
export interface FieldError {
  field: string;
  message: string;
  /** PayJunction's error `type`: a missing field or a bad value. */
  type?: 'required' | 'invalid';
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
