/**
 * @deprecated The relay server's old module name: use createRelay from './relay-server.js' (or
 * 'pj-elements/server'). Kept so that imports of createStub from here keep working; removed in 0.3.
 */
export { createStub } from './relay-server.js';
export type { Stub, StubOptions } from './relay-server.js';
