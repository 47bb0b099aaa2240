/**
 * Serving the payment fields frame on an origin of its own, next to the relay (createRelay's
 * `serveFields`, and `listen()` when a fields port is set): where the built frame is, which port,
 * the frame's policy from the relay's settings, and the refusal to share the relay's origin.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createFieldsFrameApp, type FieldsFramePolicy } from './http/fields-frame.js';
import { originFrom, portFrom } from './settings.js';

/** The package's built frame: dist/fields from the sources (server-stub/) or from the compiled dist/server/server-stub/. */
export function defaultFieldsDir(): string {
  const candidates = [new URL('../dist/fields', import.meta.url), new URL('../../fields', import.meta.url)];
  const found = candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!;
  return fileURLToPath(found);
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** The port of PJ_FIELDS_ORIGIN when it names this machine (so the relay can serve it), else undefined. */
export function localFieldsPort(fieldsOrigin: string | undefined): number | undefined {
  if (!fieldsOrigin) return undefined;
  const url = new URL(fieldsOrigin);
  if (!LOOPBACK.includes(url.hostname)) return undefined;
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/**
 * An origin on loopback, under each name a browser may reach it by (127.0.0.1 as localhost). Not
 * [::1]: CSP source expressions take no IPv6 literal (Chromium reports it as invalid and ignores it).
 */
function loopbackAliases(origin: string): string[] {
  const url = new URL(origin);
  if (!LOOPBACK.includes(url.hostname)) return [origin];
  return ['127.0.0.1', 'localhost'].map((name) => `${url.protocol}//${name}${url.port ? `:${url.port}` : ''}`);
}

/** The frame's destinations and embedders, from what the relay knows. */
export function fieldsFramePolicy(options: {
  relayOrigin: string;
  sdkUrl: string | undefined;
  allowedOrigins: readonly string[];
}): FieldsFramePolicy {
  const relayOrigins = loopbackAliases(options.relayOrigin);
  return {
    sdkOrigins: options.sdkUrl ? [new URL(options.sdkUrl).origin] : [],
    relayOrigins,
    frameAncestors: [...new Set([...relayOrigins, ...options.allowedOrigins])],
  };
}

/** The refusal when the frame would share an origin with the pages that embed it. */
export function sameOriginError(origin: string): Error {
  return new Error(
    `the payment fields frame and the relay are both on ${origin}: the frame needs an origin of its own, or ` +
      'the page that embeds it could read the card numbers. Set PJ_FIELDS_ORIGIN to another origin ' +
      '(e.g. https://fields.shop.example), or PJ_FIELDS_PORT to another port.',
  );
}

/** `http://host:port` as a browser would open it (a wildcard address is shown as localhost). */
export function originOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export interface FieldsListener {
  server: ServerType;
  port: number;
  close(): Promise<void>;
}

/** Serves the frame's files on `port` (0 = any free one). */
export function listenFieldsFrame(options: {
  dir: string;
  policy: FieldsFramePolicy;
  port: number;
  host: string;
}): Promise<FieldsListener> {
  const app = createFieldsFrameApp({ dir: options.dir, policy: options.policy });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) =>
      resolve({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      }),
    );
    server.once('error', reject);
  });
}

/**
 * The fields frame's origin for one relay: PJ_FIELDS_ORIGIN when given, else where serve() listens
 * (read through `origin`, which the relay's routes consult on every call).
 */
export class FieldsOrigin {
  readonly given: string | undefined;
  /** The port listen() serves the frame on: the `fields` option's, PJ_FIELDS_PORT, or PJ_FIELDS_ORIGIN's when local. */
  readonly port: number | undefined;
  readonly #dir: string | undefined;
  #origin: string | undefined;
  #listener: FieldsListener | undefined;

  constructor(options: { origin?: string; port?: number; dir?: string }, env: NodeJS.ProcessEnv) {
    this.given = originFrom(options.origin ?? env.PJ_FIELDS_ORIGIN, 'PJ_FIELDS_ORIGIN');
    this.#origin = this.given;
    this.port =
      options.port ?? (env.PJ_FIELDS_PORT?.trim() ? portFrom(env, 'PJ_FIELDS_PORT', 0) : localFieldsPort(this.given));
    this.#dir = options.dir;
  }

  get origin(): string | undefined {
    return this.#origin;
  }

  /** Refuses an origin the relay's pages are on. */
  check(relayOrigin: string | undefined): void {
    const own = relayOrigin && new URL(relayOrigin).origin;
    if (own && this.given === own) throw sameOriginError(own);
  }

  async serve(options: {
    relayOrigin: string;
    port?: number;
    host?: string;
    sdkUrl: string | undefined;
    allowedOrigins: readonly string[];
  }): Promise<{ url: string; port: number }> {
    const own = new URL(options.relayOrigin).origin;
    this.check(own);
    if (this.#listener) throw new Error('the payment fields frame is already served');
    const host = options.host ?? '127.0.0.1';
    const listening = await listenFieldsFrame({
      dir: this.#dir ?? defaultFieldsDir(),
      policy: fieldsFramePolicy({ relayOrigin: own, sdkUrl: options.sdkUrl, allowedOrigins: options.allowedOrigins }),
      port: options.port ?? this.port ?? 0,
      host,
    });
    const url = originOf(host, listening.port);
    if (!this.given && url === own) {
      await listening.close();
      throw sameOriginError(own);
    }
    this.#listener = listening;
    this.#origin = this.given ?? url;
    return { url, port: listening.port };
  }

  async close(): Promise<void> {
    await this.#listener?.close();
    this.#listener = undefined;
  }
}
