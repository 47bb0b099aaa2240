/**
 * Server rendering with @lit-labs/ssr, as a server-rendering app does it: plain Node (no tsx) imports
 * every entry of the built package by name, then renders the three elements with the attributes that
 * start network in a browser (`request-id`, `transaction-id`, `endpoint`). Before anything is imported,
 * fetch, EventSource, XMLHttpRequest, WebSocket and the timers are replaced on globalThis by stand-ins
 * that record each call, and reading window, document or location from the package's own code
 * (dist/) is recorded too (Lit itself checks `document` to know it is on a server; that read is not
 * ours). The page's HTML must hold each element's declarative shadow root with its first view, and
 * nothing may be recorded: the network starts in the browser, once an element is connected.
 * `npm test` builds dist/ first; run alone, this file builds it when it is missing.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

before(() => {
  if (existsSync(join(root, 'dist/locales/index.js')) && existsSync(join(root, 'dist/tx-status.component.js'))) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--skip-types'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
});

/** The child: stand-ins first, then the entries, then one render; prints `{ used, html }` as JSON. */
const RENDER = (pageCode: string) => `
const used = [];
const ours = (stack) => stack.split('\\n').slice(2).some((line) => line.includes(${JSON.stringify(join(root, 'dist/'))}));
const record = (what) => used.push(what + '\\n' + new Error().stack.split('\\n').slice(2, 6).join('\\n'));
const wait = setImmediate.bind(globalThis);
globalThis.fetch = (url) => (record('fetch ' + url), new Promise(() => {}));
for (const name of ['EventSource', 'XMLHttpRequest', 'WebSocket']) {
  globalThis[name] = class {
    constructor(url) { record(name + ' ' + url); }
    addEventListener() {}
    close() {}
  };
}
for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'requestAnimationFrame', 'requestIdleCallback']) {
  globalThis[name] = () => (record(name), 0);
}
for (const name of ['window', 'document', 'location', 'localStorage', 'sessionStorage']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      if (ours(new Error().stack)) record('read of ' + name);
      return undefined;
    },
  });
}
for (const entry of [
  'pj-elements', 'pj-elements/terminal-pay', 'pj-elements/terminal-pay/class', 'pj-elements/tx-status',
  'pj-elements/tx-status/class', 'pj-elements/schedule-form', 'pj-elements/schedule-form/class',
  'pj-elements/terminal-request', 'pj-elements/terminal-request/class',
  'pj-elements/locales', 'pj-elements/locales/en', 'pj-elements/locales/es',
]) await import(entry);
const { render } = await import('@lit-labs/ssr');
const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
const { html } = await import('lit');
${pageCode}
// Whatever a render chained on promises has run by now (setImmediate comes after every microtask).
for (let i = 0; i < 5; i++) await new Promise((resolve) => wait(resolve));
console.log(JSON.stringify({ used, html: page }));
`;

function renderInNode(pageCode: string): Promise<{ used: string[]; html: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // no loader: what a server-rendering app's Node does
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RENDER(pageCode)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the render exited ${code}:\n${err}${out}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

/** The shadow root Lit SSR wrote for the element that opens with `openTag`, with the text of its view. */
function shadowOf(page: string, openTag: RegExp): string {
  const at = page.search(openTag);
  assert.ok(at >= 0, `${openTag} is in the page`);
  const rest = page.slice(at);
  const open = /^<[^>]*>(<!--[^>]*-->)*<template shadowroot="open" shadowrootmode="open">/.exec(rest);
  assert.ok(open, `${openTag} is followed by its declarative shadow root:\n${rest.slice(0, 200)}`);
  const body = rest.slice(open[0].length, rest.indexOf('</template>'));
  return body
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+/g, ' ');
}

test('@lit-labs/ssr renders all three elements in Node: declarative shadow roots, and no network, timer or DOM global used', async () => {
  const { used, html: page } = await renderInNode(`
    const page = await collectResult(render(html\`
      <pj-terminal-pay endpoint="https://relay.example/pj" amount="12.50" request-id="req-1"></pj-terminal-pay>
      <pj-terminal-pay endpoint="https://relay.example/pj" amount="3.00"></pj-terminal-pay>
      <pj-tx-status endpoint="https://relay.example/pj" request-id="req-2"></pj-tx-status>
      <pj-tx-status endpoint="https://relay.example/pj" transaction-id="1234"></pj-tx-status>
      <pj-schedule-form endpoint="https://relay.example/pj" amount="20.00"></pj-schedule-form>\`));
  `);
  assert.deepEqual(used, [], 'calls and reads made while importing and rendering');

  // request-id: the request followed, as the browser's first render shows it (hydration needs the same view).
  const following = shadowOf(page, /<pj-terminal-pay\b[^>]*request-id="req-1"/);
  assert.match(following, /Checking the payment…/);
  assert.match(following, /part="cancel-button"/);
  assert.match(following, /Elapsed 0:00/);
  const picker = shadowOf(page, /<pj-terminal-pay\b[^>]*amount="3\.00"/);
  assert.match(picker, /Ready: \$3\.00/);
  assert.match(picker, /part="terminal-select"/, 'the picker, its list to be loaded in the browser');
  const live = shadowOf(page, /<pj-tx-status\b[^>]*request-id="req-2"/);
  assert.match(live, /In progress/);
  assert.match(live, /Connecting to the terminal…/);
  assert.match(shadowOf(page, /<pj-tx-status\b[^>]*transaction-id="1234"/), /Loading transaction…/);
  const form = shadowOf(page, /<pj-schedule-form\b/);
  assert.match(form, /part="form"/);
  assert.match(form, /part="submit-button"/);
  assert.match(
    form,
    /<iframe part="payment-fields"/,
    'the payment fields frame, without its address until the browser opens it',
  );
  assert.doesNotMatch(form, /<iframe[^>]* src=/);
});

test('setLocale from pj-elements/locales reaches an element of pj-elements/tx-status: one language store', async () => {
  const { used, html: page } = await renderInNode(`
    const { setLocale, es } = await import('pj-elements/locales');
    setLocale(es);
    const page = await collectResult(render(html\`<pj-tx-status request-id="req-3"></pj-tx-status>\`));
  `);
  assert.deepEqual(used, []);
  assert.match(shadowOf(page, /<pj-tx-status\b/), /En curso/);
});

test('@lit-labs/ssr renders <pj-terminal-request> as the browser first does, starting nothing', async () => {
  const { used, html: page } = await renderInNode(`
    const page = await collectResult(render(html\`
      <pj-terminal-request kind="prompt" text="Join our rewards?" buttons="Yes,No" smart-terminal-id="st-1"></pj-terminal-request>
      <pj-terminal-request endpoint="https://relay.example/pj" request-id="req-4"></pj-terminal-request>\`));
  `);
  assert.deepEqual(used, [], 'calls and reads made while importing and rendering');
  const ready = shadowOf(page, /<pj-terminal-request\b[^>]*kind="prompt"/);
  assert.match(ready, /Ready to ask a question on the terminal/);
  assert.match(ready, /Answers: Yes · No/);
  assert.match(ready, /part="start-button"/);
  const following = shadowOf(page, /<pj-terminal-request\b[^>]*request-id="req-4"/);
  assert.match(following, /Checking the request…/);
  assert.match(following, /part="cancel-button"/);
  assert.match(following, /Elapsed 0:00/);
});
