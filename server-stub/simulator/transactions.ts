/**
 * The transaction store: the transactions POST /transactions (keyed card, ACH, vault or transaction
 * re-bill, refund) and Smart Terminal payments make, in PayJunction's shape, and PUT's rules (void,
 * status and amounts before settlement; contact fields any time). Approve/decline comes from
 * triggers.ts; the request's fields were checked by routes/transactions.ts. Sequential numeric ids,
 * never reused within a process (also not after a reset).
 */
import { addMoney, compareMoney, fromCents, toCents } from '../../src/protocol/money.js';
import type { Money, PjAction, PjContact, PjTerminal, PjTransaction } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { isoSeconds } from './clock.js';
import { invalid, PjValidationError } from './errors.js';
import { SIM_PRESENTED_CARD_NUMBER, SIM_TERMINALS, terminalById } from './fixtures.js';
import type { PaymentSource } from './source.js';
import { cardSource } from './source.js';
import type { SimSettings } from './state.js';
import type { Decision } from './triggers.js';
import { decide, decisionForCode } from './triggers.js';

export const AMOUNT_FIELDS = ['amountBase', 'amountTax', 'amountShipping', 'amountTip', 'amountSurcharge'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];
export type Amounts = Record<AmountField, Money>;
/** Amounts PayJunction leaves out of a transaction when they are zero (https://developer.payjunction.com/hc/en-us/articles/218052587). */
const OPTIONAL_AMOUNTS = ['amountTax', 'amountShipping', 'amountTip', 'amountSurcharge'] as const;

export const AVS_VALUES = ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'] as const;
export const SETTLED_MESSAGE = 'Status can not be updated because the Transaction has been settled.';
/** PayJunction's duplicate window for DT (same card, amount and invoice number). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

interface TransactionMeta {
  fingerprint?: string;
  refundedCents: number;
  createdAtMs: number;
}

/** POST /transactions, its fields checked: what the store needs to make (or refuse) the transaction. */
export interface TransactionRequest {
  action: PjAction;
  requestedStatus: 'CAPTURE' | 'HOLD';
  source: PaymentSource;
  /** The transaction `transactionId` names: re-billed, or refunded with action=REFUND. */
  original?: PjTransaction | undefined;
  /** The amounts sent; the rest default to 0.00, or to the original's for a refund. */
  given: Partial<Amounts>;
  /** The terminalId sent; else the original's, else the merchant's account for the source's type. */
  terminal?: PjTerminal | undefined;
  avs?: string | undefined;
  cvv?: string | undefined;
  /** The trigger inputs labs decides on besides the amount. */
  cardCvv?: string | undefined;
  billingAddress?: string | undefined;
  billingZip?: string | undefined;
  invoiceNumber?: string | undefined;
  purchaseOrderNumber?: string | undefined;
  billing?: PjContact | undefined;
  shipping?: PjContact | undefined;
}

/** PUT /transactions/{id}, its fields checked: only what was sent. */
export interface TransactionUpdate {
  status?: 'CAPTURE' | 'HOLD' | 'VOID' | undefined;
  amounts: Partial<Amounts>;
  billing?: PjContact | undefined;
  shipping?: PjContact | undefined;
  invoiceNumber?: string | undefined;
  purchaseOrderNumber?: string | undefined;
}

/** A new transaction's inputs, whichever endpoint made it. */
interface NewTransaction {
  terminal: PjTerminal;
  action: PjAction;
  amounts: Amounts;
  requestedStatus: 'CAPTURE' | 'HOLD';
  decision: Decision;
  source: PaymentSource;
  method: string;
  avs?: string | undefined;
  cvv?: string | undefined;
  invoiceNumber?: string | undefined;
  purchaseOrderNumber?: string | undefined;
  billing?: PjContact | undefined;
  shipping?: PjContact | undefined;
}

export class TransactionStore {
  private nextId = 10001;
  private readonly transactions = new Map<number, PjTransaction>();
  private readonly meta = new Map<number, TransactionMeta>();

  private nextSettlementId = 501;

  constructor(
    private readonly clock: SimClock,
    private readonly settings: Pick<SimSettings, 'duplicateCheck'>,
    /** Called after every creation or change (TRANSACTION webhooks). */
    private readonly onChange: (tx: PjTransaction) => void,
  ) {}

  get(id: string | number): PjTransaction | undefined {
    const text = String(id);
    if (!/^\d+$/.test(text)) return undefined;
    return this.transactions.get(Number(text));
  }

  reset(): void {
    this.transactions.clear();
    this.meta.clear();
  }

  // ─── POST /transactions ─────────────────────────────────────────────────────────────────

  /** A transaction from POST /transactions, whose fields routes/transactions.ts has checked. */
  create(request: TransactionRequest, baseUrl: string): PjTransaction {
    const { action, source, original, given } = request;
    const refundOfOriginal = action === 'REFUND' && original !== undefined;
    let terminal = request.terminal;
    terminal ??= original ? terminalById(original.terminalId) : undefined;
    terminal ??= SIM_TERMINALS.find((t) => t.type === source.vault.type)!;

    let amounts: Amounts;
    let decision: Decision;
    if (refundOfOriginal) {
      amounts = this.refundAmounts(original, given);
      decision = decisionForCode('00');
    } else {
      amounts = withDefaults(given);
      decision =
        action === 'REFUND'
          ? decisionForCode('00')
          : (this.duplicateDecision(source, amounts.amountBase, request.invoiceNumber) ??
            decide({
              amountBase: amounts.amountBase,
              cvv: request.cvv,
              cardCvv: request.cardCvv,
              avs: request.avs,
              billingAddress: request.billingAddress,
              billingZip: request.billingZip,
            }));
    }

    const tx = this.insert(
      {
        terminal,
        action,
        amounts,
        requestedStatus: request.requestedStatus,
        decision,
        source,
        method: source.kind === 'card' ? 'KEYED' : source.kind === 'ach' ? 'ACH' : 'INSTANT',
        avs: request.avs,
        cvv: request.cvv,
        invoiceNumber: request.invoiceNumber,
        purchaseOrderNumber: request.purchaseOrderNumber,
        billing: request.billing ?? (original ? original.billing : undefined),
        shipping: request.shipping,
      },
      baseUrl,
    );
    if (refundOfOriginal) this.meta.get(original.transactionId)!.refundedCents += toCents(tx.amountTotal);
    return tx;
  }

  /** A refund of an earlier charge: omitted amounts default to the original's (https://developer.payjunction.com/hc/en-us/articles/218052417). */
  private refundAmounts(original: PjTransaction, given: Partial<Amounts>): Amounts {
    const amounts: Amounts = { ...amountsOf(original), ...given };
    const available = toCents(original.amountTotal) - this.meta.get(original.transactionId)!.refundedCents;
    if (toCents(addMoney(...Object.values(amounts))) > available) {
      throw new PjValidationError([
        invalid(
          'amountBase',
          `The refund can not be more than the ${fromCents(available)} left to refund on this transaction.`,
        ),
      ]);
    }
    return amounts;
  }

  /**
   * DT: the same card, amount and invoice number within 10 minutes on the simulator's clock
   * (https://support.payjunction.com/hc/en-us/articles/211149697), whether keyed or read by a Smart
   * Terminal (third-party terminal code sets a unique invoice number "to bypass duplicate transaction").
   */
  duplicateDecision(source: PaymentSource, amountBase: Money, invoiceNumber: string | undefined): Decision | undefined {
    if (!this.settings.duplicateCheck || source.kind !== 'card' || invoiceNumber === undefined) return undefined;
    const since = this.clock.now() - this.clock.scale(DUPLICATE_WINDOW_MS);
    for (const tx of this.transactions.values()) {
      const meta = this.meta.get(tx.transactionId)!;
      if (
        meta.fingerprint === source.fingerprint &&
        meta.createdAtMs >= since &&
        tx.action === 'CHARGE' &&
        tx.response.approved &&
        tx.invoiceNumber === invoiceNumber &&
        compareMoney(tx.amountBase, amountBase) === 0
      ) {
        return decisionForCode('DT');
      }
    }
    return undefined;
  }

  // ─── Smart Terminal payments ────────────────────────────────────────────────────────────

  /**
   * A card read by a Smart Terminal: the device's test card, so the same card as keying that number.
   * `decision` is the test control's or the trigger table's; a duplicate (DT) wins over an approval.
   */
  createFromTerminal(input: {
    terminal: PjTerminal;
    action: PjAction;
    amounts: Amounts;
    decision: Decision;
    invoiceNumber?: string | undefined;
    purchaseOrderNumber?: string | undefined;
    baseUrl: string;
  }): PjTransaction {
    const source = cardSource(SIM_PRESENTED_CARD_NUMBER);
    const duplicate =
      input.action === 'CHARGE' && input.decision.approved
        ? this.duplicateDecision(source, input.amounts.amountBase, input.invoiceNumber)
        : undefined;
    return this.insert(
      {
        terminal: input.terminal,
        action: input.action,
        amounts: input.amounts,
        requestedStatus: 'CAPTURE',
        decision: duplicate ?? input.decision,
        source,
        method: 'CHIP',
        invoiceNumber: input.invoiceNumber,
        purchaseOrderNumber: input.purchaseOrderNumber,
      },
      input.baseUrl,
    );
  }

  private insert(input: NewTransaction, baseUrl: string): PjTransaction {
    const transactionId = this.nextId++;
    const nowMs = this.clock.now();
    const now = isoSeconds(nowMs);
    const { decision } = input;
    const avsRequested = input.avs !== undefined && input.avs !== 'OFF';
    const tx: PjTransaction = {
      transactionId,
      uri: `${baseUrl}/transactions/${transactionId}`,
      terminalId: input.terminal.terminalId,
      action: input.action,
      ...presentAmounts(input.amounts),
      amountTotal: addMoney(...AMOUNT_FIELDS.map((f) => input.amounts[f])),
      ...(input.invoiceNumber !== undefined ? { invoiceNumber: input.invoiceNumber } : {}),
      ...(input.purchaseOrderNumber !== undefined ? { purchaseOrderNumber: input.purchaseOrderNumber } : {}),
      method: input.method,
      status: decision.approved ? input.requestedStatus : 'DECLINED',
      created: now,
      lastModified: now,
      response: {
        approved: decision.approved,
        code: decision.code,
        message: decision.message,
        processor: {
          authorized: decision.authorized,
          ...(decision.approved ? { approvalCode: approvalCode() } : {}),
          ...(decision.level3Eligible !== undefined ? { level3Eligible: decision.level3Eligible } : {}),
          // Blocks with nothing to report are left out, as in PayJunction's examples
          // (https://developer.payjunction.com/hc/en-us/articles/1260802694490).
          ...(avsRequested
            ? {
                avs: {
                  status: 'REQUESTED',
                  requested: input.avs!,
                  match: { ZIP: true, ADDRESS: decision.code !== 'AA' },
                },
              }
            : {}),
          ...(input.cvv === 'ON' ? { cvv: { status: decision.code === '97' ? 'NOT_MATCHED' : 'MATCHED' } } : {}),
        },
      },
      settlement: { settled: false },
      vault: { ...input.source.vault },
      ...(input.billing ? { billing: input.billing } : {}),
      ...(input.shipping ? { shipping: input.shipping } : {}),
    };
    this.transactions.set(transactionId, tx);
    this.meta.set(transactionId, { fingerprint: input.source.fingerprint, refundedCents: 0, createdAtMs: nowMs });
    this.onChange(tx);
    return tx;
  }

  // ─── PUT /transactions/{id} ─────────────────────────────────────────────────────────────

  /** PUT /transactions/{id}: money changes only before settlement, on a live charge; the rest any time. */
  update(tx: PjTransaction, changes: TransactionUpdate): PjTransaction {
    const { status, amounts, billing, shipping, invoiceNumber, purchaseOrderNumber } = changes;
    const changesMoney = status !== undefined || Object.keys(amounts).length > 0;
    if (changesMoney) {
      const param = status !== undefined ? 'status' : Object.keys(amounts)[0]!;
      if (tx.settlement.settled) throw new PjValidationError([invalid(param, SETTLED_MESSAGE)]);
      if (tx.status === 'DECLINED') {
        throw new PjValidationError([
          invalid(param, 'Status can not be updated because the Transaction was declined.'),
        ]);
      }
      if (tx.status === 'VOID' && status !== 'VOID') {
        throw new PjValidationError([
          invalid(param, 'Status can not be updated because the Transaction has been voided.'),
        ]);
      }
    }
    if (status !== undefined) tx.status = status; // a void keeps response.approved true
    if (Object.keys(amounts).length > 0) {
      const merged = { ...amountsOf(tx), ...amounts };
      for (const field of OPTIONAL_AMOUNTS) delete tx[field];
      Object.assign(tx, presentAmounts(merged));
      tx.amountTotal = addMoney(...Object.values(merged));
    }
    if (billing) tx.billing = { ...tx.billing, ...billing, address: { ...tx.billing?.address, ...billing.address } };
    if (shipping)
      tx.shipping = { ...tx.shipping, ...shipping, address: { ...tx.shipping?.address, ...shipping.address } };
    if (invoiceNumber !== undefined) tx.invoiceNumber = invoiceNumber;
    if (purchaseOrderNumber !== undefined) tx.purchaseOrderNumber = purchaseOrderNumber;
    tx.lastModified = isoSeconds(this.clock.now());
    this.onChange(tx);
    return tx;
  }

  /**
   * Test control: the batch closed (void is then refused, as in PayJunction). Settlement ids are
   * numbers (https://developer.payjunction.com/hc/en-us/articles/360008504674), sequential here.
   */
  settle(tx: PjTransaction): void {
    tx.settlement = { settled: true, settlementId: this.nextSettlementId++ };
    tx.lastModified = isoSeconds(this.clock.now());
  }
}

/** Whether a refund may name this transaction: an approved charge, neither voided nor declined. */
export function refundable(tx: PjTransaction): boolean {
  return tx.action === 'CHARGE' && tx.response.approved && tx.status !== 'VOID' && tx.status !== 'DECLINED';
}

/** A transaction's five amounts, the ones PayJunction left out as 0.00. */
export function amountsOf(tx: PjTransaction): Amounts {
  return withDefaults(tx);
}

/** The amounts as a transaction shows them: amountBase always, the others only when not zero. */
function presentAmounts(amounts: Amounts): Partial<Amounts> & { amountBase: Money } {
  const shown: Partial<Amounts> & { amountBase: Money } = { amountBase: amounts.amountBase };
  for (const field of OPTIONAL_AMOUNTS) if (toCents(amounts[field]) !== 0) shown[field] = amounts[field];
  return shown;
}

export function withDefaults(given: Partial<Amounts>): Amounts {
  return {
    amountBase: given.amountBase ?? '0.00',
    amountTax: given.amountTax ?? '0.00',
    amountShipping: given.amountShipping ?? '0.00',
    amountTip: given.amountTip ?? '0.00',
    amountSurcharge: given.amountSurcharge ?? '0.00',
  };
}

/** An authorization code such as PayJunction's example "PJ20AP". */
function approvalCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let code = 'PJ';
  for (let i = 0; i < 4; i++) code += alphabet[Math.floor(Math.random() * alphabet.length)];
  return code;
}
