/** What every API route group shares: the request variables the gate sets, and PayJunction's 404. */
import type { Context } from 'hono';
import { errorBody, NOT_FOUND_MESSAGE } from '../errors.js';
import type { FormParams } from '../form.js';

/** Set by the gate (gate.ts) before any API route runs. */
export type AppEnv = { Variables: { form: FormParams; baseUrl: string } };

/** PayJunction's answer for an unknown path or id. */
export function notFound(c: Context): Response {
  return c.json(errorBody({ message: NOT_FOUND_MESSAGE }), 404);
}
