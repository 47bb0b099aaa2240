/** The PayJunction client's public face: what the relay and the server entry import from payjunction/. */
export { PayJunctionClient, PJ_BASE_URLS, PJ_SDK_URLS } from './client.js';
export { DEFAULT_PJ_VERSION } from './transport.js';
export type { PayJunctionClientOptions, PjLogger } from './transport.js';
export { PayJunctionError, parseRetryAfter } from './errors.js';
export type { PayJunctionDecline, PayJunctionErrorKind, PayJunctionErrorInit } from './errors.js';
export { Pacer } from './pace.js';
export type { PacerClock, PacerOptions, PacerPriority, TurnSource } from './pace.js';
export { encodeForm, FORM_CONTENT_TYPE } from './form.js';
export type { FormScalar, FormValue } from './form.js';
export type {
  PjCallOptions,
  PjCreateCustomerParams,
  PjCreateVaultParams,
  PjCreateWebhookParams,
  PjScheduleParams,
  PjUpdateWebhookParams,
} from './types.js';
