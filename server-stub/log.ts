/**
 * The relay's logger: pino, with every secret the relay handles redacted before a line is written.
 *
 * Why pino's own redaction: it runs inside the serializer on the exact object being written, by key
 * path, without copying the whole object, so a forgotten field in a log call cannot leak as long as
 * its key is one we know (Authorization, password, card number, CVV, account numbers …).
 *
 * What the scrubber adds: key paths cannot see inside free text. A card number quoted in an error
 * message, an upstream body echoed into `msg`, or a stack trace would pass untouched, so every string
 * argument, every string value in a logged object and the `err` serializer's message and stack also
 * go through `scrubText` (./scrub.ts), which masks any 12–19 digit run (a PAN) down to its last four digits.
 *
 * What the scrubber leaves alone: ids. A UUID (PayJunction's request ids, the relay's `doubt-<uuid>`)
 * can hold a long digit run, and a masked id makes a log line useless for tracing a payment; a UUID
 * is never a card number (32 hex digits, 8-4-4-4-12). Values under id keys (requestId, transactionId …)
 * are not scrubbed either.
 */
import type Pino from 'pino';
import type { DestinationStream, Logger, LoggerOptions as PinoOptions } from 'pino';
import { RELAY_PACKAGES, requireNeeding } from './relay-packages.js';
import { scrubText } from './scrub.js';

let loadedPino: typeof Pino | undefined;

/**
 * pino, required on first use rather than imported: an optional peer dependency (relay-packages.ts),
 * which `pj-elements/server` must import without. A CommonJS package, so a synchronous require can
 * serve the synchronous createLogger.
 */
export function loadPino(): typeof Pino {
  return (loadedPino ??= requireNeeding<typeof Pino>('pino', RELAY_PACKAGES, 'The relay (pj-elements/server)'));
}

export { scrubText };

/** What every redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values are secrets wherever they appear. pino's paths are case-sensitive, so header
 * names are listed in the spellings that occur in practice (Node lower-cases incoming headers;
 * our own code and fetch's Headers objects may use either).
 */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'AUTHORIZATION',
  'password',
  'apiPassword',
  'secret',
  'appKey',
  'X-PJ-Application-Key',
  'x-pj-application-key',
  'X-Pj-Application-Key',
  'cardNumber',
  'cardCvv',
  'cvv',
  'cvv2',
  'cvc',
  'cardTrack',
  'achAccountNumber',
  'achRoutingNumber',
  'accountNumber',
  'routingNumber',
] as const;

function pathSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
}

function join(prefix: string, key: string): string {
  const segment = pathSegment(key);
  if (prefix === '') return segment;
  return segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`;
}

/**
 * Redaction paths: each secret key at the top level and one, two or three levels down
 * (`req.headers.authorization` is two levels down; `err.request.headers.authorization` three).
 * Intermediate wildcards also match array indices.
 */
export const REDACT_PATHS: readonly string[] = ['', '*', '*.*', '*.*.*'].flatMap((prefix) =>
  SECRET_KEYS.map((key) => join(prefix, key)),
);

/** Keys whose values are ids the relay and PayJunction make, kept whole so a payment can be traced. */
const ID_KEYS = new Set([
  'requestId',
  'upstreamRequestId',
  'requestPaymentId',
  'transactionId',
  'scheduleId',
  'eventId',
  'webhookId',
  'smartTerminalId',
  'terminalId',
]);

/** Scrubs the strings of a logged object, depth-limited; other values are kept by reference. */
function scrubValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1, seen));
  // Only plain data is rebuilt; class instances (Errors are handled by the serializer, Dates,
  // Buffers, …) keep their own serialization.
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      ID_KEYS.has(key) && (typeof item === 'string' || typeof item === 'number')
        ? item
        : scrubValue(item, depth + 1, seen);
  }
  return out;
}

function scrubbedErrorSerializer(err: unknown): unknown {
  if (!(err instanceof Error)) return scrubValue(err, 0, new WeakSet());
  const serialized = loadPino().stdSerializers.err(err) as unknown as Record<string, unknown>;
  return scrubValue({ ...serialized }, 0, new WeakSet());
}

export interface CreateLoggerOptions {
  /** Minimum level; default env LOG_LEVEL, else 'info'. */
  level?: string;
  /** Where lines go (default stdout). Tests pass a stream to capture the output. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** Extra pino options (name, base, …). Redaction and the scrubber are always applied. */
  pino?: Omit<PinoOptions, 'level' | 'redact' | 'hooks' | 'formatters' | 'serializers'>;
}

export type { Logger } from 'pino';

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const pinoOptions: PinoOptions = {
    ...options.pino,
    level,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { err: scrubbedErrorSerializer, error: scrubbedErrorSerializer },
    formatters: {
      log: (object) => scrubValue(object, 0, new WeakSet()) as Record<string, unknown>,
    },
    hooks: {
      // Message strings and printf-style arguments are free text: scrub them too.
      logMethod(args, method) {
        const scrubbed: unknown[] = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
        // `logger.error(err)` alone makes pino use err.message as the message, unscrubbed: supply it.
        const [first] = args as unknown[];
        if (scrubbed.length === 1 && first instanceof Error) scrubbed.push(scrubText(first.message));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  const pino = loadPino();
  return options.destination ? pino(pinoOptions, options.destination as DestinationStream) : pino(pinoOptions);
}

/**
 * A log-safe description of an error: its kind and status when it says what kind of failure it is
 * (a PayJunctionError), else its name; and its message. Never a request, its headers or a stack.
 * Read by shape, so this module needs nothing from the PayJunction client.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const { kind, status } = err as { kind?: unknown; status?: unknown };
  if (typeof kind === 'string' && typeof status === 'number') return { kind, status, message: err.message };
  return { name: err.name, message: err.message };
}
