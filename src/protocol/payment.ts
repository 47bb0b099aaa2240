/**
 * Validation of the relay's Smart Terminal request bodies (POST /pj/payments and the signature,
 * prompt and input calls). The element checks the same rules before it sends, so a cashier sees
 * the same sentence whether the browser or the relay caught the mistake. Amounts are judged by the
 * one money rule (moneyProblem); every sentence comes from PAYMENT_MESSAGES_EN, which a locale
 * replaces through `options.messages` (the relay keeps English: it passes none).
 */
import { MONEY_MESSAGES_EN, moneyProblem, normalizeMoney } from './money.js';
import type { PaymentRequestBody } from './relay-contract.js';
import { format } from './text.js';
import type { FieldError, PjAction, ValidationResult } from './wire.js';

/** The most characters PayJunction accepts in an invoice number. */
export const INVOICE_NUMBER_MAX = 32;
/** Prompt buttons: at most 3 labels of at most 8 characters (https://developer.payjunction.com/hc/en-us/articles/1260800114009). */
export const PROMPT_BUTTONS_MAX = 3;
export const PROMPT_BUTTON_LABEL_MAX = 8;
export const TERMINAL_TEXT_MAX = 10_000;

export type PaymentFieldName =
  | 'smartTerminalId'
  | 'amountBase'
  /** Refused on a terminal payment (the terminal asks the customer): named so the error can point at it. */
  | 'amountTip'
  | 'allowTips'
  | 'amountTax'
  | 'amountShipping'
  | 'invoiceNumber'
  | 'action'
  /** The signature, prompt and input requests' own fields. */
  | 'terms'
  | 'text'
  | 'buttons'
  | 'type';

/**
 * Every sentence these validators can say. Placeholders: {field} (the field's words from `fields`)
 * and {max}. A key starting with "required" reports type 'required'; every other key 'invalid'.
 * `required`, `tooLong` and the money keys are worded as in the schedule rules, so one locale table
 * serves both (src/locales/locale.ts, `messages`).
 */
export interface PaymentMessages {
  /** The field names in words, written to start a sentence. */
  fields: Record<PaymentFieldName, string>;
  required: string;
  requiredSmartTerminal: string;
  requiredButtons: string;
  tooLong: string;
  money: string;
  moneyPositive: string;
  moneyMax: string;
  /** Worded as the schedule rules' `boolean`, so one locale table serves both. */
  boolean: string;
  /** `amountTip` sent with a terminal payment: the terminal asks the customer (`allowTips`). */
  tipOnTerminal: string;
  smartTerminalId: string;
  action: string;
  buttonsMax: string;
  buttonLabel: string;
  inputType: string;
}
type TerminalRequestKey = 'requiredButtons' | 'buttonsMax' | 'buttonLabel' | 'inputType';
type TerminalRequestField = 'terms' | 'text' | 'buttons' | 'type';
export type PaymentMessageKey = Exclude<keyof PaymentMessages, 'fields'>;
/** What options.messages takes: any subset; the rest stays English. */
export type PaymentMessagesOverride = Partial<Omit<PaymentMessages, 'fields'>> & {
  fields?: Partial<PaymentMessages['fields']>;
};

/**
 * The English message table of POST /pj/payments, the default of options.messages. Kept apart from
 * the terminal requests' words below, so a page that takes payments does not ship those.
 */
export const PAYMENT_MESSAGES_EN: Omit<PaymentMessages, TerminalRequestKey | 'fields'> & {
  fields: Omit<PaymentMessages['fields'], TerminalRequestField>;
} = {
  fields: {
    smartTerminalId: 'Smart Terminal',
    amountBase: 'Amount',
    amountTip: 'Tip',
    allowTips: 'Allow tips',
    amountTax: 'Tax',
    amountShipping: 'Shipping amount',
    invoiceNumber: 'Invoice number',
    action: 'Action',
  },
  ...MONEY_MESSAGES_EN,
  required: '{field} is required.',
  requiredSmartTerminal: 'Choose a Smart Terminal.',
  tooLong: '{field} must be {max} characters or fewer.',
  boolean: '{field} must be true or false.',
  tipOnTerminal: 'A Smart Terminal asks the customer for a tip: set allowTips instead of amountTip.',
  smartTerminalId: 'That Smart Terminal id is not valid.',
  action: 'Action must be CHARGE or REFUND.',
};

/**
 * The English table of the signature, prompt and input requests: PAYMENT_MESSAGES_EN's sentences and their own.
 * Made by a pure call: a bundle keeps a spread at module level even when nothing reads the result.
 */
export const TERMINAL_REQUEST_MESSAGES_EN: PaymentMessages = /* @__PURE__ */ terminalRequestMessages();

function terminalRequestMessages(): PaymentMessages {
  return {
    ...PAYMENT_MESSAGES_EN,
    fields: {
      ...PAYMENT_MESSAGES_EN.fields,
      terms: 'Terms',
      text: 'Prompt text',
      buttons: 'Buttons',
      type: 'Input type',
    },
    requiredButtons: 'Give at least one button.',
    buttonsMax: 'A prompt can have at most {max} buttons.',
    buttonLabel: 'Each button label must be 1 to {max} characters.',
    inputType: 'The only input type a terminal offers is PHONE.',
  };
}

export interface PaymentValidationOptions {
  /** Replaces any of the English sentences (PAYMENT_MESSAGES_EN, TERMINAL_REQUEST_MESSAGES_EN), e.g. with a Spanish table. */
  messages?: PaymentMessagesOverride;
}

/** Collects field errors worded from an English table (`english`) or the override in `options`. */
function errorList(options: PaymentValidationOptions, english: PaymentMessagesOverride = PAYMENT_MESSAGES_EN) {
  const errors: FieldError[] = [];
  const override = options.messages;
  const add = (field: PaymentFieldName, key: PaymentMessageKey, max: number | string = '') => {
    const words = { field: override?.fields?.[field] ?? english.fields?.[field] ?? field, max };
    const message = format(override?.[key] ?? english[key]!, words);
    errors.push({ field, message, type: key.startsWith('required') ? 'required' : 'invalid' });
  };
  return { errors, add };
}
type Add = ReturnType<typeof errorList>['add'];

function text(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  return s === '' ? undefined : (s ?? `\u0000${typeof value}`); // a non-text value fails every format check
}

function checkAmount(
  input: Record<string, unknown>,
  name: PaymentFieldName,
  required: boolean,
  add: Add,
): string | undefined {
  const value = text(input, name);
  if (value === undefined) {
    if (required) add(name, 'required');
    return undefined;
  }
  // The base amount must be more than zero; a tax or shipping amount may be 0.00.
  const problem = moneyProblem(value, { positive: required });
  if (problem) add(name, problem);
  return problem ? undefined : normalizeMoney(value);
}

function checkSmartTerminalId(input: Record<string, unknown>, add: Add): string | undefined {
  const id = text(input, 'smartTerminalId');
  if (id === undefined) add('smartTerminalId', 'requiredSmartTerminal');
  else if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) add('smartTerminalId', 'smartTerminalId');
  else return id;
  return undefined;
}

/**
 * A terminal payment takes no tip amount: PayJunction's request-payment documents none, and the
 * SDKs send `allowTips`, which lets the terminal ask the customer (whether it does is a device
 * setting: https://support.payjunction.com/hc/en-us/articles/212460318). So `amountTip` is refused
 * by name rather than dropped, lest a page believe a tip was charged; `allowTips` is a boolean.
 */
function checkTips(input: Record<string, unknown>, add: Add): boolean | undefined {
  if (text(input, 'amountTip') !== undefined) add('amountTip', 'tipOnTerminal');
  const allow = input.allowTips;
  if (allow === undefined || allow === null) return undefined;
  if (typeof allow !== 'boolean') add('allowTips', 'boolean');
  return allow === true;
}

/**
 * POST /pj/payments. Unknown fields are dropped; amounts come back normalized ("12.5" → "12.50");
 * `amountTip` is refused (see checkTips).
 */
export function validatePaymentRequest(
  input: Record<string, unknown>,
  options: PaymentValidationOptions = {},
): ValidationResult<PaymentRequestBody> {
  const { errors, add } = errorList(options);
  const smartTerminalId = checkSmartTerminalId(input, add);
  const amountBase = checkAmount(input, 'amountBase', true, add);
  const optional = (['amountTax', 'amountShipping'] as const).map(
    (name) => [name, checkAmount(input, name, false, add)] as const,
  );
  const allowTips = checkTips(input, add);
  const invoiceNumber = text(input, 'invoiceNumber');
  if (invoiceNumber !== undefined && invoiceNumber.length > INVOICE_NUMBER_MAX)
    add('invoiceNumber', 'tooLong', INVOICE_NUMBER_MAX);
  const actionText = text(input, 'action')?.toUpperCase();
  let action: PjAction = 'CHARGE';
  if (actionText !== undefined) {
    if (actionText === 'CHARGE' || actionText === 'REFUND') action = actionText;
    else add('action', 'action');
  }
  if (errors.length > 0 || smartTerminalId === undefined || amountBase === undefined) {
    return { ok: false, errors };
  }
  const value: PaymentRequestBody = { smartTerminalId, amountBase, action };
  for (const [name, amount] of optional) if (amount !== undefined) value[name] = amount;
  if (invoiceNumber !== undefined) value.invoiceNumber = invoiceNumber;
  if (allowTips !== undefined) value.allowTips = allowTips;
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

function checkTerminalText(input: Record<string, unknown>, name: 'terms' | 'text', add: Add): string | undefined {
  const value = typeof input[name] === 'string' ? (input[name] as string) : undefined;
  if (value === undefined || value.trim() === '') add(name, 'required');
  else if (value.length > TERMINAL_TEXT_MAX) add(name, 'tooLong', TERMINAL_TEXT_MAX.toLocaleString('en-US'));
  else return value;
  return undefined;
}

export function validateSignatureRequest(
  input: Record<string, unknown>,
  options: PaymentValidationOptions = {},
): ValidationResult<SignatureRequestBody> {
  const { errors, add } = errorList(options, TERMINAL_REQUEST_MESSAGES_EN);
  const smartTerminalId = checkSmartTerminalId(input, add);
  const terms = checkTerminalText(input, 'terms', add);
  if (errors.length > 0 || !smartTerminalId || terms === undefined) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, terms } };
}

export function validatePromptRequest(
  input: Record<string, unknown>,
  options: PaymentValidationOptions = {},
): ValidationResult<PromptRequestBody> {
  const { errors, add } = errorList(options, TERMINAL_REQUEST_MESSAGES_EN);
  const smartTerminalId = checkSmartTerminalId(input, add);
  const promptText = checkTerminalText(input, 'text', add);
  const raw = input.buttons;
  const buttons = Array.isArray(raw) ? raw.map((b) => (typeof b === 'string' ? b.trim() : '')) : [];
  if (buttons.length === 0) add('buttons', 'requiredButtons');
  else if (buttons.length > PROMPT_BUTTONS_MAX) add('buttons', 'buttonsMax', PROMPT_BUTTONS_MAX);
  else if (buttons.some((b) => b === '' || b.length > PROMPT_BUTTON_LABEL_MAX))
    add('buttons', 'buttonLabel', PROMPT_BUTTON_LABEL_MAX);
  if (errors.length > 0 || !smartTerminalId || promptText === undefined) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, text: promptText, buttons } };
}

export function validateInputRequest(
  input: Record<string, unknown>,
  options: PaymentValidationOptions = {},
): ValidationResult<InputRequestBody> {
  const { errors, add } = errorList(options, TERMINAL_REQUEST_MESSAGES_EN);
  const smartTerminalId = checkSmartTerminalId(input, add);
  const type = text(input, 'type')?.toUpperCase() ?? 'PHONE';
  if (type !== 'PHONE') add('type', 'inputType');
  if (errors.length > 0 || !smartTerminalId) return { ok: false, errors };
  return { ok: true, value: { smartTerminalId, type: 'PHONE' } };
}
