/**
 * Spanish (US) for every pj-element: `setLocale(es)` for the whole page, or `el.locale = es` for
 * one element. Assembled from the files under ./es/, which can also be used alone.
 */
import type { PjLocale } from './locale.js';
import { declinesEs } from './es/declines.js';
import { fieldsEs } from './es/fields.js';
import { messagesEs, scheduleMessagesEs } from './es/messages.js';
import { relayErrorsEs } from './es/relay-errors.js';
import { requestStatesEs } from './es/request-states.js';
import { scheduleFormEs } from './es/schedule-form.js';
import { terminalPayEs } from './es/terminal-pay.js';
import { terminalRequestEs } from './es/terminal-request.js';
import { txStatusEs } from './es/tx-status.js';

export const es: PjLocale = {
  lang: 'es-US',
  terminalPay: terminalPayEs,
  terminalRequest: terminalRequestEs,
  txStatus: txStatusEs,
  requestStates: requestStatesEs,
  scheduleForm: scheduleFormEs,
  fields: fieldsEs,
  messages: messagesEs,
  declines: declinesEs,
  relayErrors: relayErrorsEs,
};

export {
  declinesEs,
  fieldsEs,
  messagesEs,
  relayErrorsEs,
  requestStatesEs,
  scheduleFormEs,
  scheduleMessagesEs,
  terminalPayEs,
  terminalRequestEs,
  txStatusEs,
};
