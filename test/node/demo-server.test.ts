/**
 * What `npm start` serves around the relay (server-stub/cli/demo-server.ts), from a demo build laid
 * out in a temporary folder: the pages with their Content-Security-Policy, caching and revalidation
 * (ETag, 304), hashed assets cached for a year, dotfiles and unknown paths as the demo's 404 page,
 * other methods as 405, and the relay mounted at /pj.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import { createDemoApp } from '../../server-stub/cli/demo-server.js';
import { createLogger } from '../../server-stub/log.js';
import { createRelay, type RelayServer } from '../../server-stub/relay-server.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const PAGE = `<!doctype html><title>demo</title>${'<p>pj-elements</p>'.repeat(100)}`;

let root: string;
let relay: RelayServer;
let app: Hono;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'pj-demo-'));
  const files: Record<string, string> = {
    'demo/plain.html': '<!doctype html><title>plain</title>',
    'demo/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'dist/pj-elements.iife.js': 'var PjElements;',
    'dist/demo/index.html': PAGE,
    'dist/demo/react/index.html': '<!doctype html><title>react</title>',
    'dist/demo/assets/main-3f2a1b.js': `export const x = ${JSON.stringify('x'.repeat(4096))};`,
    'dist/demo/.demo-123/index.html': 'a half-written build',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  relay = await createRelay({
    mode: 'labs',
    credentials: { login: 'demo', password: 'demo-password', appKey: 'demo-key' },
    logger: createLogger({ level: 'silent' }),
    env: {},
  });
  app = createDemoApp({ relay, root });
});

after(async () => {
  await relay?.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(path, { method, headers });

describe('the demo pages', () => {
  test('a page: its policy, no framing, no sniffing, no referrer, revalidated on every load', async () => {
    const res = await get('/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), CSP);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal(res.headers.get('strict-transport-security'), null, 'no HSTS on a local http demo');
    assert.equal(await res.text(), PAGE);
  });

  test('revalidation: the same ETag answers 304 with no body; HEAD carries the same ETag', async () => {
    const first = await get('/');
    const tag = first.headers.get('etag');
    assert.match(tag ?? '', /^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    await first.arrayBuffer();
    const again = await get('/', { 'If-None-Match': tag! });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('etag'), tag);
    assert.equal(again.headers.get('cache-control'), 'no-cache');
    assert.equal(await again.text(), '');
    const head = await get('/', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), tag);
    assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(PAGE)));
  });

  test('hashed assets are cached for a year, and text is gzipped for a browser that takes it', async () => {
    const res = await get('/assets/main-3f2a1b.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    await res.arrayBuffer();
  });

  test('the no-build page, its script, the icon and the React page', async () => {
    assert.equal(await (await get('/plain.html')).text(), '<!doctype html><title>plain</title>');
    const script = await get('/dist/pj-elements.iife.js');
    assert.equal(script.headers.get('cache-control'), 'no-cache');
    assert.equal(await script.text(), 'var PjElements;');
    const icon = await get('/favicon.ico');
    assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    await icon.arrayBuffer();
    const redirect = await get('/react');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/react/');
    assert.equal(await (await get('/react/')).text(), '<!doctype html><title>react</title>');
  });
});

describe('what the demo does not serve', () => {
  test('unknown paths, folders, dotfiles and escapes are the 404 page, with the policy and no caching', async () => {
    for (const path of [
      '/nope.html',
      '/assets',
      '/.demo-123/index.html',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fpackage.json',
      '/assets//main-3f2a1b.js',
    ]) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers.get('cache-control'), 'no-store', path);
      assert.equal(res.headers.get('content-security-policy'), CSP, path);
      assert.match(await res.text(), /<h1>Not found<\/h1>/, path);
    }
  });

  test('another method is a 405 that names GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get('/', {}, method);
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get('allow'), 'GET, HEAD');
      await res.arrayBuffer();
    }
  });

  test('the relay answers under its base path, without the pages’ policy', async () => {
    const res = await get('/pj/health');
    assert.deepEqual(await res.json(), { ok: true, mode: 'labs', delivery: 'polling', store: 'memory' });
    assert.equal(res.headers.get('content-security-policy'), null);
    assert.equal((await get('/__sim/state')).status, 404, 'no simulator controls outside simulator mode');
  });
});
