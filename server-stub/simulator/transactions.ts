/**
 * Transactions: POST /transactions (keyed card, ACH, vault re-bill, transaction re-bill, refund),
 * the ones Smart Terminal payments make, GET /transactions/{id} and PUT /transactions/{id} (void,
 * status, amounts before settlement; contact fields any time). Approve/decline comes from
 * triggers.ts. Sequential numeric ids, never reused within a process (also not after a reset).
 */
import { abaRoutingValid, isExpiryPast, luhnValid, stripDigits } from '../../src/protocol/card.js';
import { addMoney, compareMoney, fromCents, toCents } from '../../src/protocol/money.js';
import type { Money, PjAction, PjContact, PjTerminal, PjTransaction } from '../../src/protocol/wire.js';
import type { SimClock } from './clock.js';
import { invalid, PjValidationError, required, TERMINAL_NOT_FOUND_MESSAGE } from './errors.js';
import { SIM_PRESENTED_CARD, SIM_TERMINALS, SIM_VAULTS, terminalById } from './fixtures.js';
import type { FormParams } from './form.js';
import type { PaymentSource } from './source.js';
import { achSource, cardSource, isoSeconds, transactionSource, utcToday, vaultSource } from './source.js';
import type { Decision } from './triggers.js';
import { decide, decisionForCode } from './triggers.js';
import { FieldChecker } from './validate.js';

export const AMOUNT_FIELDS = ['amountBase', 'amountTax', 'amountShipping', 'amountTip', 'amountSurcharge'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];
export type Amounts = Record<AmountField, Money>;

export const AVS_VALUES = ['ADDRESS', 'ZIP', 'ADDRESS_AND_ZIP', 'ADDRESS_OR_ZIP', 'BYPASS', 'OFF'] as const;
export const TRANSACTION_NOT_FOUND_MESSAGE = 'Transaction does not exist or you do not have permission to access it.';
export const VAULT_NOT_FOUND_MESSAGE = 'Vault does not exist or you do not have permission to access it.';
export const SETTLED_MESSAGE = 'Status can not be updated because the Transaction has been settled.';
/** PayJunction's duplicate window for DT (same card, amount and invoice number). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

interface TransactionMeta {
  fingerprint?: string;
  refundedCents: number;
  createdAtMs: number;
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
  scheduleId?: number | undefined;
}

export class TransactionStore {
  private nextId = 10001;
  private readonly transactions = new Map<number, PjTransaction>();
  private readonly meta = new Map<number, TransactionMeta>();

  constructor(
    private readonly clock: SimClock,
    /** Called after every creation or change (TRANSACTION webhooks). */
    private readonly onChange: (tx: PjTransaction) => void,
  ) {}

  get(id: string | number): PjTransaction | undefined {
    const text = String(id);
    if (!/^\d+$/.test(text)) return undefined;
    return this.transactions.get(Number(text));
  }

  all(): PjTransaction[] {
    return [...this.transactions.values()];
  }

  reset(): void {
    this.transactions.clear();
    this.meta.clear();
  }

  // ─── POST /transactions ─────────────────────────────────────────────────────────────────

  createFromForm(form: FormParams, baseUrl: string): PjTransaction {
    const check = new FieldChecker(form);
    const action = check.oneOf('action', ['CHARGE', 'REFUND'] as const) ?? 'CHARGE';
    const requestedStatus = check.oneOf('status', ['CAPTURE', 'HOLD'] as const) ?? 'CAPTURE';
    const avs = check.oneOf('avs', AVS_VALUES);
    const cvv = check.oneOf('cvv', ['ON', 'OFF'] as const);
    const billing = check.contact('billing');
    const shipping = check.contact('shipping');
    const invoiceNumber = check.optionalText('invoiceNumber', 32);
    const purchaseOrderNumber = check.optionalText('purchaseOrderNumber', 32);
    check.optionalText('note', 2048);

    const source = this.readSource(check, form);
    const original = source?.kind === 'transaction' ? this.get(form.text('transactionId')!) : undefined;
    const refundOfOriginal = action === 'REFUND' && original !== undefined;

    const given: Partial<Amounts> = {};
    for (const field of AMOUNT_FIELDS) {
      const value = check.money(field, { required: field === 'amountBase' && !refundOfOriginal, positive: field === 'amountBase' });
      if (value !== undefined) given[field] = value;
    }

    let terminal: PjTerminal | undefined;
    if (form.text('terminalId') !== undefined) {
      terminal = terminalById(form.text('terminalId'));
      if (!terminal) check.add(invalid('terminalId', TERMINAL_NOT_FOUND_MESSAGE));
    }
    check.throwIfAny();
    if (!source) throw new Error('unreachable: a missing source is a validation error');

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
          : this.duplicateDecision(source, amounts.amountBase, invoiceNumber) ??
            decide({
              amountBase: amounts.amountBase,
              cvv,
              cardCvv: form.text('cardCvv'),
              avs,
              billingAddress: form.text('billingAddress'),
              billingZip: form.text('billingZip'),
            });
    }

    const tx = this.insert(
      {
        terminal,
        action,
        amounts,
        requestedStatus,
        decision,
        source,
        method: source.kind === 'card' ? 'KEYED' : source.kind === 'ach' ? 'ACH' : 'INSTANT',
        avs,
        cvv,
        invoiceNumber,
        purchaseOrderNumber,
        billing: billing ?? (original ? original.billing : undefined),
        shipping,
      },
      baseUrl,
    );
    if (refundOfOriginal) this.meta.get(original.transactionId)!.refundedCents += toCents(tx.amountTotal);
    return tx;
  }

  /** Exactly one payment source; its fields checked. Undefined when the checker has an error. */
  private readSource(check: FieldChecker, form: FormParams): PaymentSource | undefined {
    const present = [
      form.text('cardNumber') !== undefined && 'card',
      (form.text('achAccountNumber') !== undefined || form.text('achRoutingNumber') !== undefined) && 'ach',
      form.text('vaultId') !== undefined && 'vault',
      form.text('transactionId') !== undefined && 'transaction',
      form.text('tokenId') !== undefined && 'token',
    ].filter((k): k is string => k !== false);

    if (present.length === 0) {
      check.add(required('cardNumber', 'A payment method is required: a card, an ACH account, a vaultId or a transactionId.'));
      return undefined;
    }
    if (present.length > 1) {
      check.add(invalid(paramOf(present[1]!), 'Only one payment method may be sent.'));
      return undefined;
    }
    const before = check.errors.length;
    let source: PaymentSource | undefined;
    switch (present[0]) {
      case 'card': {
        const number = stripDigits(form.text('cardNumber')!);
        if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) check.add(invalid('cardNumber', 'Card Number is invalid.'));
        const month = form.text('cardExpMonth');
        const year = form.text('cardExpYear');
        const monthOk = month !== undefined && /^\d{1,2}$/.test(month) && Number(month) >= 1 && Number(month) <= 12;
        const yearOk = year !== undefined && /^\d{4}$/.test(year);
        if (month === undefined) check.add(required('cardExpMonth', 'Card Exp Month is required.'));
        else if (!monthOk) check.add(invalid('cardExpMonth', 'Card Exp Month must be 1-12.'));
        if (year === undefined) check.add(required('cardExpYear', 'Card Exp Year is required.'));
        else if (!yearOk) check.add(invalid('cardExpYear', 'Card Exp Year must have 4 digits.'));
        if (monthOk && yearOk && isExpiryPast(month, year, utcToday(this.clock.now()))) {
          check.add(invalid('cardExpYear', 'The card has expired.'));
        }
        const cardCvv = form.text('cardCvv');
        if (cardCvv !== undefined && !/^\d{3,4}$/.test(cardCvv)) check.add(invalid('cardCvv', 'Card Cvv must be 3 or 4 digits.'));
        source = cardSource(number);
        break;
      }
      case 'ach': {
        const routing = form.text('achRoutingNumber');
        const account = form.text('achAccountNumber');
        if (routing === undefined) check.add(required('achRoutingNumber', 'Ach Routing Number is required.'));
        else if (!abaRoutingValid(routing)) check.add(invalid('achRoutingNumber', 'Ach Routing Number is invalid.'));
        if (account === undefined) check.add(required('achAccountNumber', 'Ach Account Number is required.'));
        else if (!/^\d{1,17}$/.test(stripDigits(account))) {
          check.add(invalid('achAccountNumber', 'Ach Account Number must be at most 17 digits.'));
        }
        const accountType = check.oneOf('achAccountType', ['SAVINGS', 'CHECKING'] as const, { required: true });
        const achType = check.oneOf('achType', ['PPD', 'CCD'] as const, { required: true });
        if (achType === 'PPD') {
          if (form.text('billingFirstName') === undefined) check.add(required('billingFirstName', 'Billing First Name is required for ACH PPD.'));
          if (form.text('billingLastName') === undefined) check.add(required('billingLastName', 'Billing Last Name is required for ACH PPD.'));
        } else if (achType === 'CCD' && form.text('billingCompanyName') === undefined) {
          check.add(required('billingCompanyName', 'Billing Company Name is required for ACH CCD.'));
        }
        source = achSource(routing ?? '', account ?? '', accountType ?? 'CHECKING');
        break;
      }
      case 'vault': {
        const vaultId = form.text('vaultId')!;
        const vault = SIM_VAULTS[vaultId];
        if (!vault) check.add(invalid('vaultId', VAULT_NOT_FOUND_MESSAGE));
        else source = vaultSource(vaultId, vault);
        check.oneOf('achType', ['PPD', 'CCD'] as const);
        break;
      }
      case 'transaction': {
        const original = this.get(form.text('transactionId')!);
        if (!original || !original.vault) check.add(invalid('transactionId', TRANSACTION_NOT_FOUND_MESSAGE));
        else {
          if (form.text('action')?.toUpperCase() === 'REFUND' && !refundable(original)) {
            check.add(invalid('transactionId', 'Transaction can not be refunded: it was not an approved, unvoided charge.'));
          }
          source = transactionSource(original.transactionId, original.vault);
        }
        break;
      }
      default:
        // The simulator has no hosted tokenization, so no tokenId can exist.
        check.add(invalid('tokenId', 'Token does not exist or has expired.'));
    }
    return check.errors.length === before ? source : undefined;
  }

  /** A refund of an earlier charge: omitted amounts default to the original's (https://developer.payjunction.com/hc/en-us/articles/218052417). */
  private refundAmounts(original: PjTransaction, given: Partial<Amounts>): Amounts {
    const amounts: Amounts = {
      amountBase: given.amountBase ?? original.amountBase,
      amountTax: given.amountTax ?? original.amountTax,
      amountShipping: given.amountShipping ?? original.amountShipping,
      amountTip: given.amountTip ?? original.amountTip,
      amountSurcharge: given.amountSurcharge ?? original.amountSurcharge,
    };
    const available = toCents(original.amountTotal) - this.meta.get(original.transactionId)!.refundedCents;
    if (toCents(addMoney(...Object.values(amounts))) > available) {
      throw new PjValidationError([
        invalid('amountBase', `The refund can not be more than the ${fromCents(available)} left to refund on this transaction.`),
      ]);
    }
    return amounts;
  }

  /** DT: the same card, amount and invoice number within 10 minutes (https://support.payjunction.com/hc/en-us/articles/211149697). */
  private duplicateDecision(source: PaymentSource, amountBase: Money, invoiceNumber: string | undefined): Decision | undefined {
    if (source.kind !== 'card' || invoiceNumber === undefined) return undefined;
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

  createFromTerminal(input: {
    terminal: PjTerminal;
    action: PjAction;
    amounts: Amounts;
    decision: Decision;
    invoiceNumber?: string | undefined;
    purchaseOrderNumber?: string | undefined;
    baseUrl: string;
  }): PjTransaction {
    return this.insert(
      {
        terminal: input.terminal,
        action: input.action,
        amounts: input.amounts,
        requestedStatus: 'CAPTURE',
        decision: input.decision,
        source: { kind: 'card', vault: { ...SIM_PRESENTED_CARD }, fingerprint: 'terminal' },
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
      ...(input.scheduleId !== undefined ? { scheduleId: input.scheduleId } : {}),
      action: input.action,
      ...input.amounts,
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
          avs: avsRequested
            ? { status: 'REQUESTED', requested: input.avs!, match: { ZIP: true, ADDRESS: decision.code !== 'AA' } }
            : { status: 'NOT_REQUESTED' },
          cvv: { status: input.cvv === 'ON' ? (decision.code === '97' ? 'NOT_MATCHED' : 'MATCHED') : 'NOT_REQUESTED' },
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

  update(tx: PjTransaction, form: FormParams): PjTransaction {
    const check = new FieldChecker(form);
    const status = check.oneOf('status', ['CAPTURE', 'HOLD', 'VOID'] as const);
    const amounts: Partial<Amounts> = {};
    for (const field of AMOUNT_FIELDS) {
      const value = check.money(field, { positive: field === 'amountBase' });
      if (value !== undefined) amounts[field] = value;
    }
    const billing = check.contact('billing');
    const shipping = check.contact('shipping');
    const invoiceNumber = check.optionalText('invoiceNumber', 32);
    const purchaseOrderNumber = check.optionalText('purchaseOrderNumber', 32);
    check.throwIfAny();

    const changesMoney = status !== undefined || Object.keys(amounts).length > 0;
    if (changesMoney) {
      const param = status !== undefined ? 'status' : Object.keys(amounts)[0]!;
      if (tx.settlement.settled) throw new PjValidationError([invalid(param, SETTLED_MESSAGE)]);
      if (tx.status === 'DECLINED') {
        throw new PjValidationError([invalid(param, 'Status can not be updated because the Transaction was declined.')]);
      }
      if (tx.status === 'VOID' && status !== 'VOID') {
        throw new PjValidationError([invalid(param, 'Status can not be updated because the Transaction has been voided.')]);
      }
    }
    if (status !== undefined) tx.status = status; // a void keeps response.approved true
    if (Object.keys(amounts).length > 0) {
      Object.assign(tx, amounts);
      tx.amountTotal = addMoney(...AMOUNT_FIELDS.map((f) => tx[f]));
    }
    if (billing) tx.billing = { ...tx.billing, ...billing, address: { ...tx.billing?.address, ...billing.address } };
    if (shipping) tx.shipping = { ...tx.shipping, ...shipping, address: { ...tx.shipping?.address, ...shipping.address } };
    if (invoiceNumber !== undefined) tx.invoiceNumber = invoiceNumber;
    if (purchaseOrderNumber !== undefined) tx.purchaseOrderNumber = purchaseOrderNumber;
    tx.lastModified = isoSeconds(this.clock.now());
    this.onChange(tx);
    return tx;
  }

  /** Test control: the batch closed (void is then refused, as in PayJunction). */
  settle(tx: PjTransaction, settlementId: string): void {
    tx.settlement = { settled: true, settlementId };
    tx.lastModified = isoSeconds(this.clock.now());
  }
}

function refundable(tx: PjTransaction): boolean {
  return tx.action === 'CHARGE' && tx.response.approved && tx.status !== 'VOID' && tx.status !== 'DECLINED';
}

function paramOf(kind: string): string {
  return { card: 'cardNumber', ach: 'achAccountNumber', vault: 'vaultId', transaction: 'transactionId', token: 'tokenId' }[kind] ?? kind;
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
