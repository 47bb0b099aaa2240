export { PayJunctionClient, PJ_BASE_URLS, DEFAULT_PJ_VERSION } from './client.js';
export type { PayJunctionClientOptions, PjLogger } from './client.js';
export {
  PayJunctionError,
  isPayJunctionError,
  isRateLimitMessage,
  kindForStatus,
  parseRetryAfter,
} from './errors.js';
export type { PayJunctionDecline, PayJunctionErrorKind, PayJunctionErrorInit } from './errors.js';
export { Pacer } from './pace.js';
export type { PacerClock, PacerOptions, PacerPriority } from './pace.js';
export { encodeForm, FORM_CONTENT_TYPE } from './form.js';
export type { FormScalar, FormValue } from './form.js';
export type {
  PjCallOptions,
  PjCreateTransactionParams,
  PjCreateWebhookParams,
  PjPageQuery,
  PjScheduleListQuery,
  PjScheduleParams,
  PjScheduleUpdateParams,
  PjUpdateWebhookParams,
} from './types.js';
