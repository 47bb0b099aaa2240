/**
 * What the frame's fields are worth: each field's state and sentence, judged by the schedule rules of
 * src/protocol/schedule.ts (validateSchedule, the same rules and sentences as the relay and the
 * schedule form), given the chosen method's fields alone. No rule is written here.
 */
import { cardBrand } from '../protocol/card.js';
import {
  FRAME_FIELDS,
  type FieldsMessages,
  type FieldsMethod,
  type FieldsState,
  type FieldStateView,
  type FrameFieldName,
} from '../protocol/fields-channel.js';
import { validateSchedule } from '../protocol/schedule.js';

export type FieldValues = Partial<Record<FrameFieldName, string>>;

/** The rules' sentence per field of `method`, for these values (the other fields of a schedule are ignored). */
function ruleErrors(method: FieldsMethod, values: FieldValues, messages: FieldsMessages): Map<string, string> {
  const names: readonly string[] = FRAME_FIELDS[method];
  const input = Object.fromEntries(names.map((name) => [name, values[name as FrameFieldName] ?? '']));
  const result = validateSchedule(input, { messages });
  const errors = result.ok ? [] : result.errors.filter((error) => names.includes(error.field));
  return new Map(errors.map((error) => [error.field, error.message]));
}

const requiredCache = new WeakMap<FieldsMessages, Map<FieldsMethod, Map<string, string>>>();

/**
 * The fields the rules require once the method is chosen, with their sentence. The rules require a
 * card's fields only when one of them is given (that names the payment source), so each field is
 * asked about with another of the method's fields given.
 */
function requiredErrors(method: FieldsMethod, messages: FieldsMessages): Map<string, string> {
  let byMethod = requiredCache.get(messages);
  if (!byMethod) requiredCache.set(messages, (byMethod = new Map()));
  let required = byMethod.get(method);
  if (required) return required;
  required = new Map();
  const names: readonly string[] = FRAME_FIELDS[method];
  for (const given of FRAME_FIELDS[method]) {
    const input = Object.fromEntries(FRAME_FIELDS[method].map((name) => [name, name === given ? '0' : '']));
    const result = validateSchedule(input, { messages });
    for (const error of result.ok ? [] : result.errors) {
      if (error.type === 'required' && error.field !== given && names.includes(error.field))
        required.set(error.field, error.message);
    }
  }
  byMethod.set(method, required);
  return required;
}

/**
 * The state the frame reports: a field is empty until something is typed (or, once a submit was
 * tried, invalid when the rules require it), invalid with the rules' sentence, or complete.
 */
export function fieldsState(
  method: FieldsMethod,
  values: FieldValues,
  messages: FieldsMessages,
  submitted: boolean,
): FieldsState {
  const errors = ruleErrors(method, values, messages);
  const required = requiredErrors(method, messages);
  const fields: FieldsState['fields'] = {};
  let complete = true;
  for (const name of FRAME_FIELDS[method]) {
    const empty = !values[name]?.trim();
    const message = empty ? (errors.get(name) ?? required.get(name)) : errors.get(name);
    let view: FieldStateView = { state: empty ? 'empty' : 'complete' };
    if (message && (!empty || submitted)) view = { state: 'invalid', message };
    if (message) complete = false;
    fields[name] = view;
  }
  const state: FieldsState = { type: 'state', method, fields, complete };
  if (method === 'card' && values.cardNumber?.trim()) state.brand = cardBrand(values.cardNumber);
  return state;
}
