/**
 * Card and bank-account fields judged by the one rule set of src/protocol (validateSchedule: Luhn,
 * month 1–12, 4-digit year, expiry, CVV, ABA routing, account digits, account type), for the
 * endpoints that take an account without a schedule: the SDK's tokens and POST
 * /customers/{id}/vaults. The sentences are the browser form's, so the fields frame can show the
 * simulator's answer as it is.
 */
import { SCHEDULE_MESSAGES_EN, validateSchedule } from '../../src/protocol/schedule.js';
import { format } from '../../src/protocol/text.js';
import type { PjErrorItem } from '../../src/protocol/wire.js';

export const CARD_FIELDS = ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'] as const;
export const ACH_FIELDS = ['achRoutingNumber', 'achAccountNumber', 'achAccountType', 'achType'] as const;

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

function requiredError(field: string): PjErrorItem {
  const words = SCHEDULE_MESSAGES_EN.fields[field as keyof typeof SCHEDULE_MESSAGES_EN.fields] ?? field;
  return { message: format(SCHEDULE_MESSAGES_EN.required, { field: words }), parameter: field, type: 'required' };
}

/** The shared rules' errors on `fields` only (the rest of a schedule is not asked for here). */
function errorsOn(input: Record<string, unknown>, fields: readonly string[], today: string): PjErrorItem[] {
  const result = validateSchedule(input, { today });
  if (result.ok) return [];
  return result.errors
    .filter((e) => fields.includes(e.field))
    .map((e) => ({ message: e.message, parameter: e.field, type: e.type ?? 'invalid' }));
}

/** A card's problems: number, expiry month and year required, CVV optional; `today` yyyy-MM-dd. */
export function cardProblems(input: Record<string, unknown>, today: string): PjErrorItem[] {
  const card = Object.fromEntries(CARD_FIELDS.map((f) => [f, input[f]]));
  if (!CARD_FIELDS.some((f) => present(card[f])))
    return ['cardNumber', 'cardExpMonth', 'cardExpYear'].map(requiredError);
  return errorsOn(card, CARD_FIELDS, today);
}

/**
 * A bank account's problems: routing, account number and account type required. achType is
 * optional here (a vault is an account; the SEC code goes with each debit) but checked when sent;
 * the billing names PPD or CCD want belong to the debit too, so they are not asked for.
 */
export function achProblems(input: Record<string, unknown>, today: string): PjErrorItem[] {
  const ach = Object.fromEntries(ACH_FIELDS.map((f) => [f, input[f]]));
  if (!present(ach.achType)) ach.achType = 'PPD';
  return errorsOn(ach, ACH_FIELDS, today);
}
