/**
 * The relay's HTTP contract (DESIGN.md, "The relay's HTTP contract"): what the elements send and
 * receive. One definition, imported by the browser client and by the relay's routes.
 */
import { describeDecline, type DeclineInfo } from './declines.js';
import type { FieldError, Money, PjAction, PjRequestStatus, PjTransaction } from './wire.js';

export type RequestKind = 'payment' | 'signature' | 'prompt' | 'input';

/**
 * How a request ended. `completed` is for signature, prompt and input requests that returned their
 * value (DESIGN.md lists only payment outcomes; a signature is neither approved nor declined).
 */
export type RequestOutcome =
  | 'approved'
  | 'declined'
  | 'cancelled'
  | 'completed'
  | 'busy'
  | 'no_connection'
  | 'timeout'
  | 'error';

/** What a browser may see of a transaction: no full card number, no billing address, no vault id. */
export interface TransactionView {
  transactionId: number;
  action: PjAction;
  status: string;
  approved: boolean;
  code: string;
  message: string;
  approvalCode?: string;
  amountBase: Money;
  amountTip: Money;
  amountTax: Money;
  amountShipping: Money;
  amountSurcharge: Money;
  amountTotal: Money;
  cardType?: string;
  lastFour?: string;
  paymentType?: 'CARD' | 'ACH';
  invoiceNumber?: string;
  scheduleId?: number;
  created: string;
  /**
   * For a declined transaction: what the code means and what the merchant should do. The relay
   * attaches it from the catalogue, so pages show the guidance without shipping the catalogue.
   */
  decline?: DeclineInfo;
}

/** The request snapshot every page sees, over GET and over SSE. `version` only ever grows. */
export interface RequestSnapshot {
  requestId: string;
  kind: RequestKind;
  smartTerminalId: string;
  action?: PjAction;
  status: PjRequestStatus;
  outcome: RequestOutcome | null;
  transactionId?: number;
  transaction?: TransactionView;
  signatureId?: string;
  promptButton?: string;
  inputValue?: string;
  /** Set with outcome `error` or `timeout`: what went wrong, in words a cashier understands. */
  error?: { code: string; message: string };
  version: number;
  updatedAt: string;
}

/** POST /pj/payments body. Money is a decimal string. */
export interface PaymentRequestBody {
  smartTerminalId: string;
  amountBase: Money;
  amountTip?: Money;
  amountTax?: Money;
  amountShipping?: Money;
  invoiceNumber?: string;
  action?: PjAction;
}

export interface RelayErrorBody {
  error: {
    code: string;
    message: string;
    fields?: FieldError[];
    decline?: { code: string; message: string; guidance?: string; retry?: string };
  };
}

export interface RelayHealth {
  ok: boolean;
  mode: 'simulator' | 'labs' | 'production';
  delivery: 'webhooks' | 'polling';
}

export function isFinalSnapshot(s: Pick<RequestSnapshot, 'outcome'>): boolean {
  return s.outcome !== null;
}

/** The merchant-safe view of a PayJunction transaction. */
export function toTransactionView(t: PjTransaction): TransactionView {
  const view: TransactionView = {
    transactionId: Number(t.transactionId),
    action: t.action,
    status: t.status,
    approved: t.response?.approved === true,
    code: t.response?.code ?? '',
    message: t.response?.message ?? '',
    amountBase: t.amountBase,
    amountTip: t.amountTip ?? '0.00',
    amountTax: t.amountTax ?? '0.00',
    amountShipping: t.amountShipping ?? '0.00',
    amountSurcharge: t.amountSurcharge ?? '0.00',
    amountTotal: t.amountTotal,
    created: t.created,
  };
  if (t.response?.processor?.approvalCode) view.approvalCode = t.response.processor.approvalCode;
  if (t.vault?.accountType) view.cardType = t.vault.accountType;
  if (t.vault?.lastFour) view.lastFour = t.vault.lastFour;
  if (t.vault?.type) view.paymentType = t.vault.type;
  if (t.invoiceNumber) view.invoiceNumber = t.invoiceNumber;
  if (t.scheduleId !== undefined) view.scheduleId = Number(t.scheduleId);
  if (!view.approved || t.status === 'DECLINED') view.decline = describeDecline(view.code);
  return view;
}
