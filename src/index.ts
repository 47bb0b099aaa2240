/**
 * pj-elements: importing this module defines all four tags (`<pj-terminal-pay>`, `<pj-terminal-request>`,
 * `<pj-tx-status>`, `<pj-schedule-form>`) and exports everything a page needs around them. The plain-`<script>` bundle
 * (dist/pj-elements.iife.js) is built from this file and exposes the same exports as `window.PjElements`.
 *
 * To import one element only, use `pj-elements/terminal-pay` (defines the tag) or
 * `pj-elements/terminal-pay/class` (the class alone: no side effects, SSR-safe, your own tag name).
 */
export { PjTerminalPay } from './elements/terminal-pay/terminal-pay.js';
export { PjTerminalRequest } from './elements/terminal-request/terminal-request.js';
export { PjTxStatus } from './elements/tx-status/tx-status.js';
export { PjScheduleForm } from './elements/schedule-form/schedule-form.js';

export { $locale, setLocale } from './locales/locale.js';
export type { PjLocale, ValidationMessagesOverride } from './locales/locale.js';
export type { DeclineCatalogue, DeclineText, DeclineWords } from './locales/declines.js';
export type { RelayErrorWords } from './locales/relay-errors.js';
export type { TerminalPayStrings } from './locales/en/terminal-pay.js';
export type { TerminalRequestStrings } from './locales/en/terminal-request.js';
export type { TxStatusStrings } from './locales/en/tx-status.js';
export type { RequestStateStrings } from './locales/en/request-states.js';
export type { ScheduleFormStrings } from './locales/en/schedule-form.js';

export {
  RelayClientError,
  cancelRequest,
  createSchedule,
  getRequest,
  getTransaction,
  listSmartTerminals,
  newIdempotencyKey,
  relayCall,
  startPayment,
  startTerminalRequest,
} from './core/relay-client.js';
export type { SmartTerminalSummary, TerminalRequestBodies, TerminalRequestKind } from './core/relay-client.js';
export { liveRequest } from './core/live-request.js';
export type { LiveConnection, LiveRequestOptions, LiveRequestState } from './core/live-request.js';

export type * from './events/index.js';
export type { PjErrorDetail } from './events/pj-error.js';
export type { RelayErrorBody, RequestSnapshot, TransactionView } from './protocol/relay-contract.js';
