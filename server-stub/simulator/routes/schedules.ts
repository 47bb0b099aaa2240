/**
 * /schedules: create (200, a 409 duplicate, or a 400 pre-authorization decline), list, get,
 * partial update, activate and delete. The rules are the ScheduleStore's (schedules.ts).
 */
import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import { DUPLICATE_SCHEDULE_MESSAGE } from '../schedules.js';
import type { SimulatorState } from '../state.js';
import type { AppEnv } from './env.js';
import { notFound } from './env.js';

export function scheduleRoutes(state: SimulatorState): Hono<AppEnv> {
  const { schedules } = state;
  const routes = new Hono<AppEnv>();

  routes.post('/', (c) => {
    const result = schedules.create(c.get('form'));
    switch (result.kind) {
      case 'created':
        return c.json(result.schedule, 200);
      case 'declined':
        return c.json({ response: { approved: false, code: result.decision.code } }, 400);
      case 'duplicate':
        return c.json(errorBody({ message: DUPLICATE_SCHEDULE_MESSAGE }), 409);
    }
  });

  routes.get('/', (c) => c.json(schedules.list(new URL(c.req.url).searchParams, c.get('baseUrl'))));

  routes.get('/:scheduleId', (c) => {
    const schedule = schedules.get(c.req.param('scheduleId'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  routes.put('/:scheduleId', (c) => {
    const schedule = schedules.update(c.req.param('scheduleId'), c.get('form'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  routes.post('/:scheduleId/activate', (c) => {
    const schedule = schedules.activate(c.req.param('scheduleId'));
    return schedule ? c.json(schedule) : notFound(c);
  });

  routes.post('/:scheduleId/delete', (c) => {
    const schedule = schedules.setStatus(c.req.param('scheduleId'), 'DELETED');
    return schedule ? c.json(schedule) : notFound(c);
  });

  return routes;
}
