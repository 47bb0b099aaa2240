/**
 * pj-elements/locales: the page's language, without any element. Importing it defines no tag, so a page
 * that imports one element (`pj-elements/tx-status`) sets the language from here and loads that element
 * alone; `setLocale` from `pj-elements` would bring all four. `$locale` is the same store either way.
 */
export { $locale, setLocale } from './locale.js';
export type { PjLocale, ValidationMessagesOverride } from './locale.js';
export { en } from './en.js';
export { es } from './es.js';
export type { DeclineCatalogue, DeclineText, DeclineWords } from './declines.js';
export type { RelayErrorWords } from './relay-errors.js';
export type { FieldsStrings } from './en/fields.js';
export type { RequestStateStrings } from './en/request-states.js';
export type { ScheduleFormStrings } from './en/schedule-form.js';
export type { TerminalPayStrings } from './en/terminal-pay.js';
export type { TerminalRequestStrings } from './en/terminal-request.js';
export type { TxStatusStrings } from './en/tx-status.js';
