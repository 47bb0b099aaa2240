/**
 * The simulator's logger: what it calls (SimLogger, which a pino logger or any look-alike fits) and
 * the pino logger the command line gives it. The simulator logs no request body, header or
 * credential (a call is method, path and status; a delivery is its event id, type and outcome), so
 * it needs no redaction of its own.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';

/** The subset of a pino logger the simulator calls. */
export interface SimLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A pino logger named pj-simulator, writing to stdout; level from env LOG_LEVEL, else info. */
export function createSimLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name: 'pj-simulator', level });
}
