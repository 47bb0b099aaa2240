/** The protocol layer: pure rules shared by the browser elements, the relay and the simulator. */
export * from './money.js';
export * from './card.js';
export * from './schedule.js';
export * from './declines.js';
export type * from './wire.js';
export * from './payment.js';
export * from './relay-contract.js';
export * from './request-state.js';
export * from './text.js';
