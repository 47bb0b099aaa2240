/**
 * What `<pj-schedule-form>` holds and sends, as pure functions: a new form's values, what a
 * submission would send, and the one check of it (src/protocol/schedule.ts), with the payment fields
 * frame's part stood in for until the frame answers.
 */
import { localToday } from '../../protocol/card.js';
import type { FieldsOutcome } from '../../protocol/fields-channel.js';
import {
  SCHEDULE_FIELDS,
  validateSchedule,
  type PaymentSource,
  type ScheduleMessagesOverride,
  type ScheduleParams,
} from '../../protocol/schedule.js';
import type { FieldError, ValidationResult } from '../../protocol/wire.js';
import { METHODS, inFrame, methodFields } from './schedule-form.view.js';

/** Field name → its value (the form's values) or its error message (the errors shown). */
export type ByField = Record<string, string>;

export const errorsByField = (errors: FieldError[]): ByField =>
  Object.fromEntries(errors.map((e) => [e.field, e.message]));

/** A new form: a monthly schedule starting today, every 1 month (and the host's price, if set). */
export const newValues = (amount: string | undefined): ByField => ({
  scheduleType: 'PERIODIC',
  interval: 'MONTH',
  intervalCount: '1',
  startDate: localToday(),
  ...(amount ? { amountBase: amount } : {}),
});

/**
 * The values after a switch of schedule type: to one date, the repeating schedule's fields the person
 * never edited (the defaults) go, so the rule that refuses them on a one-date schedule has nothing to
 * say; back to repeating, the defaults return where those fields are empty.
 */
export function switchScheduleType(values: ByField, type: string, touched: ReadonlySet<string>): ByField {
  const next: ByField = { ...values, scheduleType: type };
  const defaults = newValues(undefined);
  for (const name of ['interval', 'intervalCount', 'startDate']) {
    if (type === 'PERIODIC') next[name] ||= defaults[name]!;
    else if (!touched.has(name)) delete next[name];
  }
  return next;
}

/** What would be sent: the chosen method's own fields and every other field with a value. */
export function payloadOf(values: ByField, method: PaymentSource, terminalId: string | undefined): ByField {
  const out: ByField = {};
  const own = methodFields(method);
  for (const { name, group } of SCHEDULE_FIELDS) {
    const value = values[name];
    if (value && (!METHODS.includes(group as PaymentSource) || own.includes(name))) out[name] = value;
  }
  if (terminalId) out.terminalId = terminalId;
  return out;
}

/**
 * What the frame will send for each of its methods, so the rules judge the rest of the form as they
 * will judge the real thing: a card token is a source like any other, and a bank account's PPD/CCD
 * rules need the account's fields present. Never sent: replaced by the frame's answer.
 */
const FRAME_STAND_INS = {
  card: { tokenId: 'frame-token' },
  ach: { achRoutingNumber: '011000015', achAccountNumber: '0000', achAccountType: 'CHECKING' },
};

/** validateSchedule on what would be sent, the frame's part stood in for: every field's error in one pass. */
export function validateForm(
  payload: ByField,
  method: PaymentSource,
  messages: ScheduleMessagesOverride | undefined,
): ValidationResult<ScheduleParams> {
  const standIn = inFrame(method) ? FRAME_STAND_INS[method] : {};
  const result = validateSchedule({ ...payload, ...standIn }, { messages, tokenSource: true });
  if (result.ok) for (const name of Object.keys(standIn)) delete result.value[name as keyof ScheduleParams];
  return result;
}

/** How many of the frame's fields its answer says need attention (at least 1 when it could not submit). */
export const countFrameErrors = (outcome: FieldsOutcome): number =>
  'error' in outcome ? outcome.error.fields.length || 1 : 0;

/** The payment source the frame answered with, as POST /schedules fields (never a number but the last four). */
export const frameSource = (outcome: Exclude<FieldsOutcome, { error: unknown }>): Partial<ScheduleParams> =>
  outcome.method === 'card'
    ? { tokenId: outcome.tokenId, cardBrand: outcome.brand, cardLastFour: outcome.lastFour }
    : { vaultId: outcome.vaultId };

/**
 * The errors shown after `name` loses focus: that field judged again once it was edited, and every
 * field already in error judged again; a relay's error stays until its field is edited.
 */
export function errorsOnBlur(
  name: string,
  result: ValidationResult<ScheduleParams>,
  shown: ByField,
  fromRelay: ReadonlySet<string>,
  touched: ReadonlySet<string>,
): ByField {
  const now = result.ok ? {} : errorsByField(result.errors);
  const next: ByField = {};
  for (const key of new Set([name, ...Object.keys(shown)])) {
    const message = now[key] ?? (fromRelay.has(key) ? shown[key] : undefined);
    if (message && (key !== name || touched.has(key) || shown[key])) next[key] = message;
  }
  return next;
}

/**
 * The errors shown after an edit of `name`: its error goes as soon as the value is right, not on blur
 * (a blur between a button's mousedown and mouseup would move the button and lose the click).
 */
export function errorsOnInput(name: string, result: ValidationResult<ScheduleParams>, shown: ByField): ByField {
  if (!result.ok && result.errors.some((e) => e.field === name)) return shown;
  const { [name]: _fixed, ...rest } = shown;
  return rest;
}
