/**
 * Validation of the relay's Smart Terminal request bodies (POST /pj/payments and the signature,
 * prompt and input calls). The element checks the same rules before it sends, so a cashier sees
 * the same sentence whether the browser or the relay caught the mistake.
 */
import { MONEY_MAX, compareMoney, isMoney, normalizeMoney } from './money.js';
import type { FieldError, PjAction, ValidationResult } from './wire.js';
import type { PaymentRequestBody } from './relay-contract.js';

const AMOUNT_LABELS = {
  amountBase: 'Amount',
  amountTip: 'Tip',
  amountTax: 'Tax',
  amountShipping: 'Shipping',
} as const;

/** The most characters PayJunction accepts in an invoice number. */
export const INVOICE_NUMBER_MAX = 32;
/** Prompt buttons: at most 3 labels of at most 8 characters (https://developer.payjunction.com/hc/en-us/articles/1260800114009). */
export const PROMPT_BUTTONS_MAX = 3;
export const PROMPT_BUTTON_LABEL_MAX = 8;
export const TERMINAL_TEXT_MAX = 10_000;

function text(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return s === '' ? undefined : s ?? `\u0000${typeof value}`; // a non-text value fails every format check
}

function checkAmount(
  input: Record<string, unknown>,
  name: keyof typeof AMOUNT_LABELS,
  required: boolean,
  errors: FieldError[],
): string | undefined {
  const label = AMOUNT_LABELS[name];
  const value = text(input, name);
  if (value === undefined) {
    if (required) errors.push({ field: name, message: `${label} is required.`, type: 'required' });
    return undefined;
  }
  if (!isMoney(value)) {
    errors.push({ field: name, message: `${label} must be an amount in dollars, like 12.50.`, type: 'invalid' });
    return undefined;
  }
  if (compareMoney(value, MONEY_MAX) > 0) {
    errors.push({ field: name, message: `${label} can't be more than 1,000,000.00.`, type: 'invalid' });
    return undefined;
  }
  if (name === 'amountBase' && compareMoney(value, '0') <= 0) {
    errors.push({ field: name, message: `${label} must be more than 0.00.`, type: 'invalid' });
    return undefined;
  }
  return normalizeMoney(value);
}

function checkSmartTerminalId(input: Record<string, unknown>, errors: FieldError[]): string | undefined {
  const id = text(input, 'smartTerminalId');
  if (id === undefined) {
    errors.push({ field: 'smartTerminalId', message: 'Choose a Smart Terminal.', type: 'required' });
    return undefined;
  }
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
    errors.push({ field: 'smartTerminalId', message: 'That Smart Terminal id is not valid.', type: 'invalid' });
    return undefined;
  }
  return id;
}

/** POST /pj/payments. Unknown fields are dropped; amounts come back normalized ("12.5" → "12.50"). */
export function validatePaymentRequest(input: Record<string, unknown>): ValidationResult<PaymentRequestBody> {
  const errors: FieldError[] = [];
  const smartTerminalId = checkSmartTerminalId(input, errors);
  const amountBase = checkAmount(input, 'amountBase', true, errors);
  const optional = (['amountTip', 'amountTax', 'amountShipping'] as const).map(
    (name) => [name, checkAmount(input, name, false, errors)] as const,
  );
  const invoiceNumber = text(input, 'invoiceNumber');
  if (invoiceNumber !== undefined && invoiceNumber.length > INVOICE_NUMBER_MAX) {
    errors.push({ field: 'invoiceNumber', message: `Invoice number must be ${INVOICE_NUMBER_MAX} characters or fewer.`, type: 'invalid' });
  }
  const actionText = text(input, 'action')?.toUpperCase();
  let action: PjAction = 'CHARGE';
  if (actionText !== undefined) {
    if (actionText === 'CHARGE' || actionText === 'REFUND') action = actionText;
    else errors.push({ field: 'action', message: 'Action must be CHARGE or REFUND.', type: 'invalid' });
  }
  if (errors.length > 0 || smartTerminalId === undefined || amountBase === undefined) {
    return { ok: false, errors };
  }
  const value: PaymentRequestBody = { smartTerminalId, amountBase, action };
  for (const [name, amount] of optional) if (amount !== undefined) value[name] = amount;
  if (invoiceNumber !== undefined) value.invoiceNumber = invoiceNumber;
  return { ok: true, value };
}

export interface SignatureRequestBody {
  smartTerminalId: string;
  terms: string;
}
export interface PromptRequestBody {
  smartTerminalId: string;
  text: string;
  buttons: string[];
}
export interface InputRequestBody {
  smartTerminalId: string;
  type: 'PHONE';
}

function checkTerminalText(input: Record<string, unknown>, name: 'terms' | 'text', label: string, errors: FieldError[]) {
  const value = typeof input[name] === 'string' ? (input[name] as string) : undefined;
  if (value === undefined || value.trim() === '') {
    errors.push({ field: name, message: `${label} is required.`, type: 'required' });
    return undefined;
  }
  if (value.length > TERMINAL_TEXT_MAX) {
    errors.push({ field: name, message: `${label} must be ${TERMINAL_TEXT_MAX.toLocaleString('en-US')} characters or fewer.`, type: 'invalid' });
    return undefined;
  }
  return value;
}

export function validateSignatureRequest(input: Record<string, unknown>): ValidationResult<SignatureRequestBody> {
  const errors: FieldError[] = [];
  const smartTerminalId = checkSmartTerminalId(input, errors);
  const terms = checkTerminalText(input, 'terms', 'Terms', errors);
  if (errors.length > 0 || !smartTerminalId || terms === undefined) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, terms } };
}

export function validatePromptRequest(input: Record<string, unknown>): ValidationResult<PromptRequestBody> {
  const errors: FieldError[] = [];
  const smartTerminalId = checkSmartTerminalId(input, errors);
  const promptText = checkTerminalText(input, 'text', 'Prompt text', errors);
  const raw = input.buttons;
  const buttons = Array.isArray(raw) ? raw.map((b) => (typeof b === 'string' ? b.trim() : '')) : [];
  if (buttons.length === 0) {
    errors.push({ field: 'buttons', message: 'Give at least one button.', type: 'required' });
  } else if (buttons.length > PROMPT_BUTTONS_MAX) {
    errors.push({ field: 'buttons', message: `A prompt can have at most ${PROMPT_BUTTONS_MAX} buttons.`, type: 'invalid' });
  } else if (buttons.some((b) => b === '' || b.length > PROMPT_BUTTON_LABEL_MAX)) {
    errors.push({ field: 'buttons', message: `Each button label must be 1 to ${PROMPT_BUTTON_LABEL_MAX} characters.`, type: 'invalid' });
  }
  if (errors.length > 0 || !smartTerminalId || promptText === undefined) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, text: promptText, buttons } };
}

export function validateInputRequest(input: Record<string, unknown>): ValidationResult<InputRequestBody> {
  const errors: FieldError[] = [];
  const smartTerminalId = checkSmartTerminalId(input, errors);
  const type = text(input, 'type')?.toUpperCase() ?? 'PHONE';
  if (type !== 'PHONE') errors.push({ field: 'type', message: 'The only input type a terminal offers is PHONE.', type: 'invalid' });
  if (errors.length > 0 || !smartTerminalId) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, type: 'PHONE' } };
}
