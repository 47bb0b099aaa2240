/**
 * Spanish (US) for every pj-element: `setLocale(es)` for the whole page, or `el.locale = es` for
 * one element. Assembled from the per-element files under ./es/, which can also be used alone.
 */
import type { PjLocale } from './locale.js';
import { terminalPayEs } from './es/terminal-pay.js';
import { txStatusEs } from './es/tx-status.js';
import { scheduleFormEs, scheduleMessagesEs } from './es/schedule-form.js';

export const es: PjLocale = {
  lang: 'es-US',
  terminalPay: terminalPayEs,
  txStatus: txStatusEs,
  scheduleForm: scheduleFormEs,
  scheduleMessages: scheduleMessagesEs,
};

export { terminalPayEs, txStatusEs, scheduleFormEs, scheduleMessagesEs };
