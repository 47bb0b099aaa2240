export type { PjRequestStatusEvent } from './pj-request-status.js';
export type { PjPaymentApprovedEvent } from './pj-payment-approved.js';
export type { PjPaymentDeclinedEvent } from './pj-payment-declined.js';
export type { PjPaymentCancelledEvent } from './pj-payment-cancelled.js';
export type { PjRequestCompletedEvent, PjRequestCompletedDetail } from './pj-request-completed.js';
export type { PjRequestCancelledEvent } from './pj-request-cancelled.js';
export type { PjErrorEvent } from './pj-error.js';
export type { PjTerminalChangeEvent } from './pj-terminal-change.js';
export type { PjScheduleCreatedEvent } from './pj-schedule-created.js';
