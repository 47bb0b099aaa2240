/**
 * Where the numbers go on submit, and nowhere else: a card to PayJunction's tokenization SDK
 * (https://developer.payjunction.com/hc/en-us/articles/4404002342555), loaded once from the configured
 * URL; a bank account to the relay's endpoint that vaults it at once (PayJunction's SDK is not known
 * to tokenize bank accounts). Each destination must be on an origin this frame's own page names
 * (its meta tags), so the page that sends the configuration cannot point the numbers elsewhere.
 * Nothing here logs a value, and what comes back is only a token or vault id, a brand and a last four.
 */
import { cardBrand, lastFour, stripDigits } from '../protocol/card.js';
import {
  FRAME_FIELDS,
  type AchType,
  type FieldsConfig,
  type FieldsMessages,
  type FieldsOutcome,
  type FieldsResultErrorCode,
  type FrameFieldName,
  type FrameWords,
} from '../protocol/fields-channel.js';
import type { FieldValues } from './fields-state.js';

interface PayJunctionSdk {
  createToken(fields: Record<string, string>): Promise<{ tokenId?: unknown; errors?: unknown }>;
}
declare global {
  interface Window {
    PayJunction?: (publishableKey: string) => PayJunctionSdk;
  }
}

/** The origins a meta tag of this page allows (`'self'` is this frame's own origin). */
export function allowedOrigins(metaName: string, doc: Document = document): string[] {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${metaName}"]`)?.content ?? '';
  return content
    .split(/\s+/)
    .filter(Boolean)
    .map((token) => (token === "'self'" ? location.origin : token));
}

function allowed(url: string, metaName: string): boolean {
  try {
    return allowedOrigins(metaName).includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/** A run of 5+ digits in someone else's sentence is dropped: it may be a number being echoed. */
const scrub = (text: unknown) =>
  typeof text === 'string'
    ? text
        .replace(/\d{5,}/g, '…')
        .replace(/\p{Cc}/gu, ' ')
        .slice(0, 300)
    : '';

const failure = (
  code: FieldsResultErrorCode,
  message: string,
  fields: { field: FrameFieldName; message: string }[] = [],
) => ({ error: { code, message, fields } }) as FieldsOutcome;

/**
 * The field errors of an answer, worded by the frame's own sentences when the field has one (they
 * are in the page's language; PayJunction's and the relay's are English).
 */
function fieldErrors(
  items: unknown,
  names: readonly string[],
  messages: FieldsMessages,
  key: 'parameter' | 'field',
): { fields: { field: FrameFieldName; message: string }[]; other: string[] } {
  const fields: { field: FrameFieldName; message: string }[] = [];
  const other: string[] = [];
  for (const item of Array.isArray(items) ? (items as Record<string, unknown>[]) : []) {
    const name = item?.[key];
    if (typeof name === 'string' && names.includes(name) && !fields.some((f) => f.field === name)) {
      const own = (messages as unknown as Record<string, unknown>)[name];
      fields.push({ field: name as FrameFieldName, message: typeof own === 'string' ? own : scrub(item.message) });
    } else if (item?.message) other.push(scrub(item.message));
  }
  return { fields, other };
}

const sdkLoads = new Map<string, Promise<void>>();

/** Loads the SDK script once per URL (a failed load may be tried again). */
function loadSdk(url: string): Promise<void> {
  let load = sdkLoads.get(url);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.referrerPolicy = 'no-referrer';
      script.onload = () =>
        typeof window.PayJunction === 'function' ? resolve() : reject(new Error('the SDK defined no PayJunction()'));
      script.onerror = () => reject(new Error('the SDK did not load'));
      document.head.append(script);
    });
    sdkLoads.set(url, load);
    load.catch(() => sdkLoads.delete(url));
  }
  return load;
}

/** Card → PayJunction's SDK → a single-use token, its brand and last four. */
export async function tokenizeCard(
  config: FieldsConfig,
  values: FieldValues,
  messages: FieldsMessages,
  words: FrameWords,
): Promise<FieldsOutcome> {
  if (!allowed(config.sdkUrl, 'pj-fields-sdk-origins')) return failure('tokenization_failed', words.tokenFailed);
  const number = stripDigits(values.cardNumber ?? '');
  let answer: { tokenId?: unknown; errors?: unknown };
  try {
    await loadSdk(config.sdkUrl);
    answer = await window.PayJunction!(config.publishableKey).createToken({
      cardNumber: number,
      cardExpMonth: (values.cardExpMonth ?? '').trim(),
      cardExpYear: (values.cardExpYear ?? '').trim(),
      cardCvv: stripDigits(values.cardCvv ?? ''),
    });
  } catch {
    return failure('tokenization_failed', words.tokenFailed);
  }
  if (typeof answer?.tokenId === 'string') {
    return { method: 'card', tokenId: answer.tokenId, brand: cardBrand(number), lastFour: lastFour(number) };
  }
  const { fields, other } = fieldErrors(answer?.errors, FRAME_FIELDS.card, messages, 'parameter');
  return fields.length
    ? failure('invalid_fields', other[0] ?? fields[0]!.message, fields)
    : failure('tokenization_failed', other[0] || words.tokenFailed);
}

/** Bank account → the relay's vaulting endpoint → a vault id, the account type and last four. */
export async function vaultAch(
  config: FieldsConfig,
  values: FieldValues,
  messages: FieldsMessages,
  words: FrameWords,
  achType: AchType | undefined,
): Promise<FieldsOutcome> {
  if (!allowed(config.achVaultUrl, 'pj-fields-relay-origins')) return failure('ach_vault_failed', words.achFailed);
  const account = stripDigits(values.achAccountNumber ?? '');
  const accountType = values.achAccountType === 'SAVINGS' ? 'SAVINGS' : 'CHECKING';
  let response: Response;
  let body: Record<string, unknown>;
  try {
    response = await fetch(config.achVaultUrl, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        achRoutingNumber: stripDigits(values.achRoutingNumber ?? ''),
        achAccountNumber: account,
        achAccountType: accountType,
        ...(achType ? { achType } : {}),
        ticket: config.achTicket,
      }),
    });
    body = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  } catch {
    return failure('ach_vault_failed', words.achFailed);
  }
  const vaultId = typeof body.vaultId === 'number' || typeof body.vaultId === 'string' ? String(body.vaultId) : '';
  if (response.ok && vaultId) {
    const type = body.accountType === 'SAVINGS' || body.accountType === 'CHECKING' ? body.accountType : accountType;
    return { method: 'ach', vaultId, accountType: type, lastFour: lastFour(account) };
  }
  const error = (body.error ?? {}) as Record<string, unknown>;
  const { fields } = fieldErrors(error.fields, FRAME_FIELDS.ach, messages, 'field');
  return fields.length
    ? failure('invalid_fields', fields[0]!.message, fields)
    : failure('ach_vault_failed', words.achFailed);
}
