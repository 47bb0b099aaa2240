/**
 * pj-elements' relay server: mount `createRelay(...).fetch` in any web-standard framework, or run
 * it on its own with `listen()`. See README.md, "Running the relay for real".
 */
export { createRelay, createStub } from './relay-server.js';
export type { RelayServer, RelayServerOptions, Stub, StubOptions } from './relay-server.js';
export type { AuthorizeHook } from './http/middleware/security.js';
export type { AuthorizeTransactionHook, AuthorizeVaultHook, PreparePaymentHook } from './http/deps.js';
export { DEFAULT_LIMITS } from './http/limits.js';
export type { RelayLimits } from './http/limits.js';
export { DEFAULT_TIMINGS, Relay } from './relay/relay.js';
export type { Delivery, RelayTimings } from './relay/relay.js';
export { RelayError } from './relay/errors.js';
export { MemoryStore } from './relay/memory-store.js';
export type { RelayStore, StoredRequest } from './relay/store.js';
export { PayJunctionClient, PayJunctionError, PJ_BASE_URLS } from './payjunction/index.js';
export { createLogger } from './log.js';
export type { Credentials, Mode } from './settings.js';
