/**
 * A stateful PayJunction labs simulator over HTTP (see README.md beside this file). Shares only
 * src/protocol with the rest of pj-elements; never imports the relay or the PayJunction client.
 */
export { createSimulator } from './app.js';
export type { Simulator } from './app.js';
export {
  DEFAULT_RATE_LIMIT,
  resolveAllowHttpWebhooks,
  resolveCredentials,
  resolveRateLimit,
  resolveSpeed,
} from './options.js';
export type { CredentialsSource, RateLimitSetting, SimulatorOptions } from './options.js';
export type { CallRecord, ForcedFault, SimSettings, SimulatorState } from './state.js';
export { startSimulator } from './server.js';
export type { RunningSimulator } from './server.js';
export {
  DEFAULT_SIMULATOR_CREDENTIALS,
  SIM_DEVICES,
  SIM_MERCHANT_ID,
  SIM_PRESENTED_CARD,
  SIM_TERMINALS,
  SIM_VAULTS,
} from './fixtures.js';
export type { SimDevice, SimulatorCredentials } from './fixtures.js';
export { TERMINAL_TIMING } from './terminals.js';
export type { NextOutcome, RequestKind } from './terminals.js';
export { WEBHOOK_TIMING, WEBHOOK_EVENT_TYPES } from './webhooks.js';
export type { DeliveryRecord, WebhookFaults } from './webhooks.js';
export { decide, decisionForCode, RESPONSE_MESSAGES, TRIGGER_AMOUNTS, TRIGGER_ZIPS } from './triggers.js';
export type { Decision, TriggerInput } from './triggers.js';
export { AUTH_FAILED_MESSAGE, NOT_FOUND_MESSAGE, TERMINAL_NOT_FOUND_MESSAGE } from './errors.js';
export { DUPLICATE_SCHEDULE_MESSAGE, SCHEDULE_TOKEN_MESSAGE } from './schedules.js';
export {
  PUBLISHABLE_KEY_INVALID_MESSAGE,
  PUBLISHABLE_KEY_LIMIT,
  PUBLISHABLE_KEY_LIMIT_MESSAGE,
  TOKEN_EXPIRED_MESSAGE,
  TOKEN_LIFETIME_MS,
  TOKEN_UNKNOWN_MESSAGE,
  TOKEN_USED_MESSAGE,
} from './tokens.js';
export type { TokenView } from './tokens.js';
export { CUSTOMER_VAULT_LIMIT, VAULT_LIMIT_MESSAGE } from './customers.js';
export { SDK_PATH, TOKENS_PATH } from './web-origin.js';
export type { SimLogger } from './logger.js';
