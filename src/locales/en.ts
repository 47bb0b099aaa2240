/**
 * English, the built-in default: every element falls back to its own English strings (exported
 * here too, to start a translation from), and the relay words response codes and errors in
 * English, so this locale only names the language used for numbers, money and dates.
 * `setLocale(en)` switches back.
 */
import type { PjLocale } from './locale.js';

export const en: PjLocale = { lang: 'en-US' };

export { fieldsEn } from './en/fields.js';
export type { FieldsStrings } from './en/fields.js';
export { scheduleFormEn } from './en/schedule-form.js';
export type { ScheduleFormStrings } from './en/schedule-form.js';
export { requestStatesEn } from './en/request-states.js';
export type { RequestStateStrings } from './en/request-states.js';
export { terminalPayEn } from './en/terminal-pay.js';
export type { TerminalPayStrings } from './en/terminal-pay.js';
export { terminalRequestEn } from './en/terminal-request.js';
export type { TerminalRequestStrings } from './en/terminal-request.js';
export { txStatusEn } from './en/tx-status.js';
export type { TxStatusStrings } from './en/tx-status.js';
