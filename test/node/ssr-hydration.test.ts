/**
 * A server-rendered page taken over in Chromium: the built elements render with @lit-labs/ssr here, then
 * Chromium loads that HTML with Lit's hydration support (@lit-labs/ssr-client, what an SSR framework
 * adds) and the published ES modules, served as they are with an import map. Hydration throws when the
 * browser's first render is not the server's (another template in a part), so every element must render
 * the same first view on both sides; once hydrated, each talks to the relay, from the browser only.
 * The relay here answers every call with 503 and records it: what matters is that the calls come from
 * the browser, and that the elements then show the answer in the one rendered tree.
 * `npm test` builds dist/ first; run alone, this file builds it when it is missing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/system-deps.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** The bare imports of the ES modules and Lit's hydration support, for a browser without a bundler. */
const IMPORT_MAP = {
  imports: Object.fromEntries(
    [
      ['pj-elements', 'dist/index.js'],
      ['lit', 'node_modules/lit/index.js'],
      ['lit-html', 'node_modules/lit-html/lit-html.js'],
      ['@lit/reactive-element', 'node_modules/@lit/reactive-element/reactive-element.js'],
      ['nanostores', 'node_modules/nanostores/index.js'],
      ...['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'nanostores', '@lit-labs/ssr-client'].map(
        (name) => [`${name}/`, `node_modules/${name}/`],
      ),
    ].map(([name, path]) => [name, `/${path}`]),
  ),
};

let server: Server;
let origin: string;
let browser: Browser;
const relayCalls: string[] = [];

before(async () => {
  if (!existsSync(join(root, 'dist/index.js'))) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
  }
  // This file's own process renders (node:test runs each file in its own): the package's ES modules by name.
  await import('pj-elements');
  const { render } = await import('@lit-labs/ssr');
  const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
  const { html } = await import('lit');
  const body = await collectResult(
    render(html`<pj-terminal-pay amount="3.00"></pj-terminal-pay>
      <pj-terminal-pay amount="12.50" smart-terminal-id="st-1" request-id="req-1"></pj-terminal-pay>
      <pj-tx-status request-id="req-2"></pj-tx-status><pj-tx-status transaction-id="1234"></pj-tx-status>
      <pj-schedule-form amount="20.00"></pj-schedule-form>`),
  );
  const shadowRoots = body.match(/<template shadowroot="open" shadowrootmode="open">/g) ?? [];
  assert.equal(shadowRoots.length, 5, 'each element is rendered on the server, in a declarative shadow root');
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>window.process = { env: { NODE_ENV: 'production' } }; /* what an app's bundler defines (nanostores reads it) */</script>
<script type="importmap">${JSON.stringify(IMPORT_MAP)}</script></head><body>${body}
<script type="module">import '@lit-labs/ssr-client/lit-element-hydrate-support.js'; await import('pj-elements'); window.hydrated = true;</script>
</body></html>`;
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    if (path.startsWith('/pj/')) {
      relayCalls.push(path);
      return void res.writeHead(503, { 'Content-Type': 'application/json' }).end('{}');
    }
    const file = normalize(join(root, path));
    const allowed = [join(root, 'dist/'), join(root, 'node_modules/')].some((dir) => file.startsWith(dir));
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    const type = extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = findChromium();
  assert.ok(executablePath, 'Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

test('server-rendered elements hydrate in Chromium without a mismatch, then call the relay from the browser', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  try {
    await page.goto(origin, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as { hydrated?: boolean }).hydrated);
    // Each element's answer from the relay, in its one rendered tree.
    const shown = (tag: string, index: number, re: RegExp) =>
      page.waitForFunction(
        ([t, i, source]) =>
          new RegExp(source!).test(document.querySelectorAll(t!)[Number(i)]?.shadowRoot?.textContent ?? ''),
        [tag, String(index), re.source],
      );
    await shown('pj-terminal-pay', 0, /Couldn't load the terminals/);
    await shown('pj-tx-status', 1, /Could not load the transaction/);
    const counts = await page.evaluate(() =>
      [...document.querySelectorAll('pj-terminal-pay, pj-tx-status, pj-schedule-form')].map(
        (el) => el.shadowRoot!.querySelectorAll('.box, form, [part~="base"]').length,
      ),
    );
    assert.deepEqual(counts, [1, 1, 1, 1, 1], 'one rendered tree per element, none rendered twice');
    const followed = await page.evaluate(
      () =>
        document.querySelectorAll('pj-terminal-pay')[1]!.shadowRoot!.querySelector('[part~="cancel-button"]') !== null,
    );
    assert.ok(followed, '<pj-terminal-pay request-id> follows its request (its cancel button), on both sides');
    assert.deepEqual(problems, []);
    for (const call of [
      '/pj/smart-terminals',
      '/pj/transactions/1234',
      '/pj/events', // the page's one stream (issue 12), watching req-2
      '/pj/fields/config',
    ]) {
      assert.ok(relayCalls.includes(call), `${call} was called by the browser (calls: ${relayCalls.join(', ')})`);
    }
  } finally {
    await page.close();
  }
});
