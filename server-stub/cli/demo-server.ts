/**
 * What `npm start` serves around the relay: the built demo pages (dist/demo, built by Vite from demo/
 * when missing or older than their sources), the no-build page (demo/plain.html and the IIFE it loads),
 * and, in simulator mode only, the simulator's /__sim/ controls on the same origin.
 *
 *   /pj/*                      the relay (createStub's fetch handler)
 *   /__sim/*                   the in-process simulator's test controls (simulator mode only)
 *   /plain.html                demo/plain.html as written; its <script> loads /dist/pj-elements.iife.js
 *   /favicon.ico               demo/favicon.svg
 *   /, /react/, /assets/*      dist/demo (Vite's output)
 *
 * Static files: correct Content-Type, ETag/Last-Modified revalidation (304), gzip for text, hashed
 * /assets/* cached for a year (immutable), pages revalidated on every load (no-cache), no directory
 * listings, paths confined to their folder, and a Content-Security-Policy on the pages that is what a
 * host page of pj-elements needs (no inline script or style).
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { getMimeType } from 'hono/utils/mime';
import type { Stub } from '../stub.js';

/** The pages' policy: everything from this origin, nothing inline, no framing. */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export interface DemoAppOptions {
  stub: Stub;
  /** The repository's root (where demo/ and dist/ are). */
  root: string;
}

/** The relay, the demo pages and (simulator mode) the simulator's controls, as one Hono app. */
export function createDemoApp({ stub, root }: DemoAppOptions): Hono {
  const app = new Hono();
  const base = stub.basePath;
  const relay = (c: Context) => stub.fetch(c.req.raw);
  app.all(base, relay);
  app.all(`${base}/*`, relay);

  if (stub.mode === 'simulator' && stub.simulatorUrl) {
    const simulatorUrl = stub.simulatorUrl;
    app.all('/__sim/*', (c) => proxySimulator(c, simulatorUrl));
  }

  const pages = new Hono();
  pages.use('*', compress());
  pages.on(['GET', 'HEAD'], '/plain.html', (c) => sendFile(c, join(root, 'demo/plain.html'), REVALIDATE));
  pages.on(['GET', 'HEAD'], '/dist/pj-elements.iife.js', (c) => sendFile(c, join(root, 'dist/pj-elements.iife.js'), REVALIDATE));
  pages.on(['GET', 'HEAD'], '/react', (c) => c.redirect('/react/', 301));
  // Browsers ask for /favicon.ico on pages that name no icon (plain.html).
  pages.on(['GET', 'HEAD'], '/favicon.ico', (c) => sendFile(c, join(root, 'demo/favicon.svg'), REVALIDATE));
  // `npm run build` empties dist/ (and rebuilds the demo last): a page asked for meanwhile is built again.
  let rebuilding: Promise<unknown> | undefined;
  pages.on(['GET', 'HEAD'], '*', async (c) => {
    const file = confine(join(root, 'dist/demo'), c.req.path);
    if (!file) return notFound(c);
    if (!existsSync(join(root, 'dist/demo/index.html'))) {
      rebuilding ??= ensureDemoBuilt(root).finally(() => (rebuilding = undefined));
      await rebuilding.catch(() => {});
    }
    return sendFile(c, file, c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
  });
  pages.all('*', (c) => c.text('Method not allowed', 405, { Allow: 'GET, HEAD' }));
  app.route('/', pages);
  return app;
}

/** The file a URL path names inside `dir` (its index.html for a path ending in /), or undefined. */
function confine(dir: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // No "..", no dotfiles (nor the build's temporary .demo-* folders), no NUL.
  if (path.includes('\0') || path.split('/').some((segment) => segment.startsWith('.'))) return undefined;
  if (path.endsWith('/')) path += 'index.html';
  const file = resolve(dir, `.${path}`);
  return file.startsWith(dir + sep) ? file : undefined;
}

async function sendFile(c: Context, file: string, cacheControl: string): Promise<Response> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound(c); // a directory is not listed
  const type = getMimeType(file) ?? 'application/octet-stream';
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': cacheControl,
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = DEMO_CSP;
    headers['X-Frame-Options'] = 'DENY';
  }
  const match = c.req.header('If-None-Match');
  if (match && match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl } });
  }
  headers['Content-Length'] = String(info.size);
  if (c.req.method === 'HEAD') return new Response(null, { status: 200, headers });
  return new Response(new Uint8Array(await readFile(file)), { status: 200, headers });
}

function notFound(c: Context): Response {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Not found · pj-elements demo</title><main><h1>Not found</h1><p><a href="/">Back to the demo</a></p></main></html>';
  return c.html(html, 404, {
    'Cache-Control': 'no-store',
    'Content-Security-Policy': DEMO_CSP,
    'X-Content-Type-Options': 'nosniff',
  });
}

/**
 * Forwards /__sim/* to the simulator. A state-changing call must come from this origin (the demo page):
 * another site cannot drive the simulator through a visitor's browser.
 */
async function proxySimulator(c: Context, simulatorUrl: string): Promise<Response> {
  const method = c.req.method;
  const site = c.req.header('Sec-Fetch-Site');
  if (method !== 'GET' && method !== 'HEAD' && site && site !== 'same-origin' && site !== 'none') {
    return c.json({ error: 'simulator controls accept calls from this origin only' }, 403);
  }
  const url = new URL(c.req.url);
  const target = new URL(url.pathname + url.search, simulatorUrl);
  try {
    const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    const upstream = await fetch(target, {
      method,
      headers: { Accept: 'application/json', 'Content-Type': c.req.header('Content-Type') ?? 'application/json' },
      ...(body && body.byteLength > 0 ? { body } : {}),
    });
    return new Response(upstream.body, {
      status: upstream.status,
      headers: {
        'Content-Type': upstream.headers.get('Content-Type') ?? 'application/json',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (err) {
    return c.json({ error: `the simulator did not answer: ${(err as Error).message}` }, 502);
  }
}

// ─── building the demo when needed ─────────────────────────────────────────────────────────────

/** The newest modification time of any file under these paths (files or folders). */
function newest(paths: string[]): number {
  let latest = 0;
  const walk = (path: string) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    else latest = Math.max(latest, info.mtimeMs);
  };
  paths.forEach(walk);
  return latest;
}

/** The oldest of these files' modification times; 0 when one is missing. */
function oldest(files: string[]): number {
  let earliest = Infinity;
  for (const file of files) {
    const info = statSync(file, { throwIfNoEntry: false });
    if (!info) return 0;
    earliest = Math.min(earliest, info.mtimeMs);
  }
  return earliest;
}

/**
 * Builds dist/demo with Vite (vite.config.ts) when it is missing or older than demo/, src/ or the config,
 * and dist/pj-elements.iife.js (for demo/plain.html) when it is missing or older than src/.
 * Builds go to a temporary folder first, so a server never sees half a build. Returns what it built.
 */
export async function ensureDemoBuilt(root: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const built: string[] = [];
  const dist = join(root, 'dist');
  const demoOut = join(dist, 'demo');
  const pages = [join(demoOut, 'index.html'), join(demoOut, 'react/index.html')];
  const sources = newest([join(root, 'demo'), join(root, 'src'), join(root, 'vite.config.ts')]);
  const { build } = await import('vite');

  if (oldest(pages) < sources) {
    log('Building the demo pages (dist/demo) …');
    const tmp = join(dist, `.demo-${process.pid}`);
    try {
      await build({
        configFile: join(root, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
        build: { outDir: tmp, emptyOutDir: true },
      });
      rmSync(demoOut, { recursive: true, force: true });
      renameSync(tmp, demoOut);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    built.push('dist/demo');
  }

  const iife = join(dist, 'pj-elements.iife.js');
  if (oldest([iife]) < newest([join(root, 'src')])) {
    log('Building the <script> bundle for demo/plain.html (dist/pj-elements.iife.js) …');
    // The same build as scripts/build.mjs's IIFE (templates squeezed, everything bundled and minified).
    const pluginModule = join(root, 'scripts/minify-templates.mjs');
    const plugins = existsSync(pluginModule)
      ? [((await import(pathToFileURL(pluginModule).href)) as { minifyTemplates: () => import('vite').Plugin }).minifyTemplates()]
      : [];
    const tmp = join(dist, `.iife-${process.pid}`);
    try {
      await build({
        configFile: false,
        root,
        logLevel: 'warn',
        publicDir: false,
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
        plugins,
        build: {
          outDir: tmp,
          emptyOutDir: true,
          target: 'es2022',
          minify: true,
          reportCompressedSize: false,
          lib: { entry: join(root, 'src/index.ts'), formats: ['iife'], name: 'PjElements', fileName: () => 'pj-elements.iife.js' },
        },
      });
      renameSync(join(tmp, 'pj-elements.iife.js'), iife);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    built.push('dist/pj-elements.iife.js');
  }
  return built;
}
