/**
 * What `npm start` serves around the relay: the built demo pages (dist/demo, built by Vite from demo/
 * when missing or older than their sources), the no-build page (demo/plain.html and the IIFE it loads),
 * and, in simulator mode only, the simulator's /__sim/ controls on the same origin.
 *
 *   /pj/*                      the relay (createRelay's fetch handler)
 *   /__sim/*                   the in-process simulator's test controls (simulator mode only)
 *   /plain.html                demo/plain.html as written; its <script> loads /dist/pj-elements.iife.js
 *   /favicon.ico               demo/favicon.svg
 *   /, /react/, /assets/*      dist/demo (Vite's output)
 *
 * Static files are Hono's: serveStatic (Content-Type, Last-Modified, HEAD, ranges, no ".." or
 * encoded paths), etag (304 on If-None-Match), compress (gzip for text) and secureHeaders (nosniff,
 * no referrer, no framing, and a Content-Security-Policy that is what a host page of pj-elements
 * needs: no inline script or style, and `frame-src` the payment fields frame's origin when it is
 * served). What is added here: hashed /assets/* cached for a year
 * (immutable), everything else revalidated on every load (no-cache), dotfiles refused, and a weak
 * ETag from each file's size and modification time.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { etag } from 'hono/etag';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import type { RelayServer } from '../relay-server.js';

/** The pages' policy: everything from this origin, nothing inline, no framing. */
const DEMO_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export interface DemoAppOptions {
  relay: RelayServer;
  /** The repository's root (where demo/ and dist/ are). */
  root: string;
}

/** What serveStatic found for this call (its onFound), for the ETag. */
type DemoEnv = { Variables: { servedFile?: string } };

/** The relay, the demo pages and (simulator mode) the simulator's controls, as one Hono app. */
export function createDemoApp({ relay, root }: DemoAppOptions): Hono {
  const app = new Hono();
  const base = relay.basePath;
  const toRelay = (c: Context) => relay.fetch(c.req.raw);
  app.all(base, toRelay);
  app.all(`${base}/*`, toRelay);

  if (relay.mode === 'simulator' && relay.simulatorUrl) {
    const simulatorUrl = relay.simulatorUrl;
    app.all('/__sim/*', (c) => proxySimulator(c, simulatorUrl));
  }

  const pages = new Hono<DemoEnv>();
  pages.use('*', methodNotAllowed({ app: pages }));
  pages.use('*', compress());
  // The pages may embed the payment fields frame from its own origin, and nothing else (issue 11).
  pages.use('*', async (c, next) => {
    await next();
    const csp = c.res.headers.get('Content-Security-Policy');
    if (relay.fieldsOrigin && csp)
      c.res.headers.set('Content-Security-Policy', `${csp}; frame-src ${relay.fieldsOrigin}`);
  });
  pages.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: DEMO_CSP,
      xFrameOptions: 'DENY',
      // A local demo over http: no HSTS, and no cross-origin isolation headers it does not need.
      strictTransportSecurity: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
    }),
  );
  pages.use('*', etag());
  pages.use('*', cacheHeaders);
  const onFound = (path: string, c: Context<DemoEnv>) => c.set('servedFile', path);
  const file = (path: string) => [serveStatic<DemoEnv>({ path: join(root, path), onFound }), notFound] as const;
  pages.on(['GET', 'HEAD'], '/plain.html', ...file('demo/plain.html'));
  pages.on(['GET', 'HEAD'], '/dist/pj-elements.iife.js', ...file('dist/pj-elements.iife.js'));
  pages.on(['GET', 'HEAD'], '/react', (c) => c.redirect('/react/', 301));
  // Browsers ask for /favicon.ico on pages that name no icon (plain.html).
  pages.on(['GET', 'HEAD'], '/favicon.ico', ...file('demo/favicon.svg'));
  // `npm run build` empties dist/ (and rebuilds the demo last): a page asked for meanwhile is built again.
  let rebuilding: Promise<unknown> | undefined;
  const built: MiddlewareHandler = async (_c, next) => {
    if (!existsSync(join(root, 'dist/demo/index.html'))) {
      rebuilding ??= ensureDemoBuilt(root).finally(() => (rebuilding = undefined));
      await rebuilding.catch(() => {});
    }
    await next();
  };
  // serveStatic refuses "." and ".." segments; dotfiles (and the build's temporary .demo-* folders) are refused here.
  const noDotfiles: MiddlewareHandler = async (c, next) =>
    c.req.path.split('/').some((s) => s.startsWith('.')) ? notFound(c) : next();
  pages.on(
    ['GET', 'HEAD'],
    '*',
    noDotfiles,
    built,
    serveStatic<DemoEnv>({ root: join(root, 'dist/demo'), onFound }),
    notFound,
  );
  app.route('/', pages);
  return app;
}

/** Caching for what serveStatic served: a year for hashed /assets/*, revalidation for the rest, and a weak ETag (size, mtime). */
const cacheHeaders: MiddlewareHandler<DemoEnv> = async (c, next) => {
  await next();
  const served = c.get('servedFile');
  if (!served || !c.res.ok) return;
  const info = await stat(served);
  c.res.headers.set('ETag', `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`);
  c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
};

function notFound(c: Context): Response {
  const html =
    '<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Not found · pj-elements demo</title><main><h1>Not found</h1><p><a href="/">Back to the demo</a></p></main></html>';
  return c.html(html, 404, { 'Cache-Control': 'no-store' });
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
 * dist/pj-elements.iife.js (for demo/plain.html) and dist/fields (the payment fields frame) when missing or
 * older than src/.
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
      ? [
          (
            (await import(pathToFileURL(pluginModule).href)) as { minifyTemplates: () => import('vite').Plugin }
          ).minifyTemplates(),
        ]
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
          lib: {
            entry: join(root, 'src/index.ts'),
            formats: ['iife'],
            name: 'PjElements',
            fileName: () => 'pj-elements.iife.js',
          },
        },
      });
      renameSync(join(tmp, 'pj-elements.iife.js'), iife);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    built.push('dist/pj-elements.iife.js');
  }

  // The payment fields frame, which the relay serves on its own origin (scripts/build-fields.mjs).
  const fields = join(dist, 'fields');
  if (oldest([join(fields, 'fields.html')]) < newest([join(root, 'src')])) {
    log('Building the payment fields frame (dist/fields) …');
    const tmp = join(dist, `.fields-${process.pid}`);
    try {
      const buildModule = pathToFileURL(join(root, 'scripts/build-fields.mjs')).href;
      const { buildFieldsFrame } = (await import(buildModule)) as {
        buildFieldsFrame: (root: string, outDir: string) => Promise<void>;
      };
      await buildFieldsFrame(root, tmp);
      rmSync(fields, { recursive: true, force: true });
      renameSync(tmp, fields);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    built.push('dist/fields');
  }
  return built;
}
