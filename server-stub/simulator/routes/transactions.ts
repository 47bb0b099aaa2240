/**
 * /transactions: POST (a keyed card, a tokenId, an ACH account, a vaultId, or a transactionId to
 * re-bill or refund), GET and PUT. Every field is checked here, every bad one reported at once; the store
 * (transactions.ts) then applies PayJunction's rules and makes the transaction.
 */
import { Hono } from 'hono';
import { abaRoutingValid, isExpiryPast, luhnValid, stripDigits } from '../../../src/protocol/card.js';
import type { PjTerminal } from '../../../src/protocol/wire.js';
import { utcToday } from '../clock.js';
import {
  invalid,
  required,
  TERMINAL_NOT_FOUND_MESSAGE,
  TRANSACTION_NOT_FOUND_MESSAGE,
  VAULT_NOT_FOUND_MESSAGE,
} from '../errors.js';
import { terminalById } from '../fixtures.js';
import type { FormParams } from '../form.js';
import type { PaymentSource } from '../source.js';
import { achSource, cardSource, transactionSource } from '../source.js';
import type { SimulatorState } from '../state.js';
import type { Amounts, TransactionRequest, TransactionUpdate } from '../transactions.js';
import { AMOUNT_FIELDS, AVS_VALUES, refundable } from '../transactions.js';
import { FieldChecker } from '../validate.js';
import type { AppEnv } from './env.js';
import { notFound } from './env.js';

export function transactionRoutes(state: SimulatorState): Hono<AppEnv> {
  const { transactions, tokens, clock } = state;
  const routes = new Hono<AppEnv>();

  routes.post('/', (c) => {
    const form = c.get('form');
    const request = readNewTransaction(form, state, utcToday(clock.now()));
    const tx = transactions.create(request, c.get('baseUrl'));
    // A token is used up by the transaction it made, approved or declined.
    const tokenId = form.text('tokenId');
    if (tokenId !== undefined) tokens.consume(tokenId, `transaction ${tx.transactionId}`);
    return c.json(tx, 201);
  });

  routes.get('/:transactionId', (c) => {
    const tx = transactions.get(c.req.param('transactionId'));
    return tx ? c.json(tx) : notFound(c);
  });

  routes.put('/:transactionId', (c) => {
    const tx = transactions.get(c.req.param('transactionId'));
    return tx ? c.json(transactions.update(tx, readUpdate(c.get('form')))) : notFound(c);
  });

  return routes;
}

/** POST /transactions' fields; throws every failure as one 400. `today`: for the card's expiry. */
function readNewTransaction(form: FormParams, state: SimulatorState, today: string): TransactionRequest {
  const { transactions } = state;
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

  const source = readSource(check, form, state, today);
  const original = source?.kind === 'transaction' ? transactions.get(form.text('transactionId')!) : undefined;
  const refundOfOriginal = action === 'REFUND' && original !== undefined;

  const given: Partial<Amounts> = {};
  for (const field of AMOUNT_FIELDS) {
    const value = check.money(field, {
      required: field === 'amountBase' && !refundOfOriginal,
      positive: field === 'amountBase',
    });
    if (value !== undefined) given[field] = value;
  }

  let terminal: PjTerminal | undefined;
  if (form.text('terminalId') !== undefined) {
    terminal = terminalById(form.text('terminalId'));
    if (!terminal) check.add(invalid('terminalId', TERMINAL_NOT_FOUND_MESSAGE));
  }
  check.throwIfAny();
  if (!source) throw new Error('unreachable: a missing source is a validation error');
  return {
    action,
    requestedStatus,
    source,
    original,
    given,
    terminal,
    avs,
    cvv,
    cardCvv: form.text('cardCvv'),
    billingAddress: form.text('billingAddress'),
    billingZip: form.text('billingZip'),
    invoiceNumber,
    purchaseOrderNumber,
    billing,
    shipping,
  };
}

/** Exactly one payment source; its fields checked. Undefined when the checker has an error. */
function readSource(
  check: FieldChecker,
  form: FormParams,
  state: SimulatorState,
  today: string,
): PaymentSource | undefined {
  const { transactions, customers, tokens } = state;
  const present = [
    form.text('cardNumber') !== undefined && 'card',
    (form.text('achAccountNumber') !== undefined || form.text('achRoutingNumber') !== undefined) && 'ach',
    form.text('vaultId') !== undefined && 'vault',
    form.text('transactionId') !== undefined && 'transaction',
    form.text('tokenId') !== undefined && 'token',
  ].filter((k): k is string => k !== false);

  if (present.length === 0) {
    check.add(
      required(
        'cardNumber',
        'A payment method is required: a card, a tokenId, an ACH account, a vaultId or a transactionId.',
      ),
    );
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
      if (!/^\d{12,19}$/.test(number) || !luhnValid(number))
        check.add(invalid('cardNumber', 'Card Number is invalid.'));
      const month = form.text('cardExpMonth');
      const year = form.text('cardExpYear');
      const monthOk = month !== undefined && /^\d{1,2}$/.test(month) && Number(month) >= 1 && Number(month) <= 12;
      const yearOk = year !== undefined && /^\d{4}$/.test(year);
      if (month === undefined) check.add(required('cardExpMonth', 'Card Exp Month is required.'));
      else if (!monthOk) check.add(invalid('cardExpMonth', 'Card Exp Month must be 1-12.'));
      if (year === undefined) check.add(required('cardExpYear', 'Card Exp Year is required.'));
      else if (!yearOk) check.add(invalid('cardExpYear', 'Card Exp Year must have 4 digits.'));
      if (monthOk && yearOk && isExpiryPast(month, year, today)) {
        check.add(invalid('cardExpYear', 'The card has expired.'));
      }
      const cardCvv = form.text('cardCvv');
      if (cardCvv !== undefined && !/^\d{3,4}$/.test(cardCvv))
        check.add(invalid('cardCvv', 'Card Cvv must be 3 or 4 digits.'));
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
        if (form.text('billingFirstName') === undefined)
          check.add(required('billingFirstName', 'Billing First Name is required for ACH PPD.'));
        if (form.text('billingLastName') === undefined)
          check.add(required('billingLastName', 'Billing Last Name is required for ACH PPD.'));
      } else if (achType === 'CCD' && form.text('billingCompanyName') === undefined) {
        check.add(required('billingCompanyName', 'Billing Company Name is required for ACH CCD.'));
      }
      source = achSource(routing ?? '', account ?? '', accountType ?? 'CHECKING');
      break;
    }
    case 'vault': {
      const vaultId = form.text('vaultId')!;
      source = customers.vaultSource(vaultId);
      if (!source) check.add(invalid('vaultId', VAULT_NOT_FOUND_MESSAGE));
      check.oneOf('achType', ['PPD', 'CCD'] as const);
      break;
    }
    case 'transaction': {
      const original = transactions.get(form.text('transactionId')!);
      if (!original || !original.vault) check.add(invalid('transactionId', TRANSACTION_NOT_FOUND_MESSAGE));
      else {
        if (form.text('action')?.toUpperCase() === 'REFUND' && !refundable(original)) {
          check.add(
            invalid('transactionId', 'Transaction can not be refunded: it was not an approved, unvoided charge.'),
          );
        }
        source = transactionSource(original.transactionId, original.vault);
      }
      break;
    }
    default: {
      // A keyed card from the SDK's token (https://developer.payjunction.com/hc/en-us/articles/216477407);
      // the route consumes it once the transaction exists.
      const tokenId = form.text('tokenId')!;
      source = tokens.source(tokenId);
      if (!source) check.add(invalid('tokenId', tokens.problem(tokenId)!));
    }
  }
  return check.errors.length === before ? source : undefined;
}

function paramOf(kind: string): string {
  return (
    { card: 'cardNumber', ach: 'achAccountNumber', vault: 'vaultId', transaction: 'transactionId', token: 'tokenId' }[
      kind
    ] ?? kind
  );
}

/** PUT /transactions/{id}'s fields; throws every failure as one 400. */
function readUpdate(form: FormParams): TransactionUpdate {
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
  return { status, amounts, billing, shipping, invoiceNumber, purchaseOrderNumber };
}
