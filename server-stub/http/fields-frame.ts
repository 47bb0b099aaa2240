/**
 * The payment fields frame's own origin (issue 11): only the frame's built files (dist/fields), with
 * nothing of the relay on it, so a page that embeds the frame shares no origin with the numbers.
 *
 *   /, /fields.html   the frame, its two meta tags rewritten for this relay (where numbers may go)
 *   hashed files      the frame's scripts (Vite's `name-[hash].js`, or under /assets/), cached a year
 *   anything else     a file of the folder (revalidated), or 404; dotfiles refused; GET and HEAD only
 *
 * Static files are Hono's serveStatic and etag, as for the demo pages (cli/demo-server.ts). The frame's
 * Content-Security-Policy is built from what the relay knows: its script and PayJunction's SDK may run,
 * and it may connect only to the relay and the SDK's origin; it may be framed only by the host pages
 * the relay serves (frame-ancestors), so it sends no X-Frame-Options.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';

export interface FieldsFramePolicy {
  /** Where PayJunction's tokenization SDK is loaded from (the simulator's web origin in simulator mode). */
  sdkOrigins: readonly string[];
  /** Where the relay is for the frame (its public origin): the bank account goes there. */
  relayOrigins: readonly string[];
  /** The host pages that may embed the frame: the relay's origin and PJ_ALLOWED_ORIGINS. */
  frameAncestors: readonly string[];
}

export interface FieldsFrameOptions {
  /** The built frame (dist/fields): fields.html and its assets. */
  dir: string;
  policy: FieldsFramePolicy;
}

const PAGE = 'fields.html';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** Vite names a built file `name-[hash].ext`, the hash 8 URL-safe characters: its content never changes. */
const HASHED = /(?:^\/assets\/.+|-[\w-]{8}\.(?!html$)[a-z0-9]+)$/;

const orNone = (sources: readonly string[]) => (sources.length > 0 ? [...sources] : ["'none'"]);

/** The frame's policy: its own script and the SDK, connections to the relay and the SDK, no inline script. */
export function fieldsFrameCsp(policy: FieldsFramePolicy) {
  return {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'", ...policy.sdkOrigins],
    connectSrc: orNone([...new Set([...policy.relayOrigins, ...policy.sdkOrigins])]),
    // The frame adopts a constructed style sheet (src/fields/fields.styles.ts): no inline style needed.
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: orNone(policy.frameAncestors),
  };
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The frame's page with its meta tags naming this relay's destinations: the frame sends numbers only
 * to origins its own page names, and the page that embeds it cannot change them.
 */
export function rewriteFieldsMeta(html: string, policy: FieldsFramePolicy): string {
  const meta = (name: string, origins: readonly string[]) => (page: string) =>
    page.replace(
      new RegExp(`(<meta\\s+name="${name}"\\s+content=")[^"]*(")`, 'i'),
      (_all, start: string, end: string) => `${start}${escapeAttribute(origins.join(' '))}${end}`,
    );
  return meta('pj-fields-relay-origins', policy.relayOrigins)(meta('pj-fields-sdk-origins', policy.sdkOrigins)(html));
}

/** The fields origin's app: the frame's files and nothing else. */
export function createFieldsFrameApp({ dir, policy }: FieldsFrameOptions): Hono {
  const app = new Hono();
  app.use('*', methodNotAllowed({ app }));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: fieldsFrameCsp(policy),
      // Framed by design: frame-ancestors says by whom.
      xFrameOptions: false,
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      // Opened on its own, the frame keeps no handle to or from another window.
      crossOriginOpenerPolicy: 'same-origin',
      // The host page (another origin) loads the frame as a document; a proxy in front sets HSTS.
      crossOriginResourcePolicy: false,
      strictTransportSecurity: false,
    }),
  );
  app.use('*', etag());
  app.use('*', async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : REVALIDATE);
  });

  const page = async (c: Context) => {
    let html: string;
    try {
      html = await readFile(join(dir, PAGE), 'utf8');
    } catch {
      return notFound(c);
    }
    return c.html(rewriteFieldsMeta(html, policy));
  };
  app.on(['GET', 'HEAD'], '/', page);
  app.on(['GET', 'HEAD'], `/${PAGE}`, page);
  const noDotfiles: MiddlewareHandler = async (c, next) =>
    c.req.path.split('/').some((s) => s.startsWith('.')) ? notFound(c) : next();
  app.on(['GET', 'HEAD'], '*', noDotfiles, serveStatic({ root: dir }), notFound);
  app.notFound(notFound);
  return app;
}

function notFound(c: Context): Response {
  return c.text('Not found', 404, { 'Cache-Control': 'no-store' });
}
