import type { PjSchedule } from '../protocol/wire.js';

/** A schedule was created; `schedule` is PayJunction's schedule object (card type and last four only). */
export type PjScheduleCreatedEvent = CustomEvent<{ schedule: PjSchedule }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'pj-schedule-created': PjScheduleCreatedEvent;
  }
}
