/**
 * What createRelay needs of hono, @hono/node-server and pino, in one module it imports when it creates a
 * relay (relay-packages.ts): the HTTP app, the Node server, the fields origin, the logger. Nothing that
 * `pj-elements/server` imports up front may import these packages.
 */
export { FieldsOrigin, originOf, sameOriginError } from './fields-origin.js';
export { createRelayApp, openStreams } from './http/app.js';
export { serveRelay } from './http/node-webhooks.js';
export { clientKeyFrom, listenHosts, trustProxyFrom } from './http/middleware/security.js';
export { createLogger, loadPino } from './log.js';
