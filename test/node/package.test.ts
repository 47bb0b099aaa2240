/**
 * What `npm run build` ships, tested as a user gets it:
 *  - demo/plain.html (ONE classic <script src=".../dist/pj-elements.iife.js"> and the four tags) renders
 *    all four elements in Chromium, served by a tiny static server that also mounts a real relay
 *    (pj-elements/server, simulator mode) at /pj on the same origin, and takes a payment through it;
 *  - dist/custom-elements.json lists the four tags with their attributes, events, parts and CSS properties;
 *  - `pj-elements/server` and the class entries import in plain Node (no tsx), through the exports map;
 *  - the declarations type-check a consumer that imports the package by name;
 *  - only the declared side-effect entries define tags.
 * `npm test` builds dist/ first; run alone, this file builds it when it is missing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/system-deps.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** A child `node` WITHOUT tsx: what an npm user's plain Node does. Resolves with its output. */
function plainNode(code: string, timeoutMs = 20_000): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // no loader may sneak in
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit, out });
    });
  });
}

before(() => {
  if (
    existsSync(join(dist, 'pj-elements.iife.js')) &&
    existsSync(join(dist, 'custom-elements.json')) &&
    existsSync(join(dist, 'server/index.js'))
  )
    return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
});

describe('the plain page: one <script> tag, four elements, a real relay on the same origin', () => {
  const TAGS = ['pj-terminal-pay', 'pj-terminal-request', 'pj-tx-status', 'pj-schedule-form'];
  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
  };
  let stub: any;
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    // The relay as npm users import it: the compiled dist/server, not the TypeScript sources.
    const relay = await import(pathToFileURL(join(dist, 'server/index.js')).href);
    stub = await relay.createRelay({
      mode: 'simulator',
      simulator: { port: 0, speed: 20 },
      logger: relay.createLogger({ level: 'silent' }),
      env: {},
    });
    const relayListener = getRequestListener(stub.fetch);
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (path.startsWith('/pj/')) return void relayListener(req, res);
      // Static files: demo/ and dist/ only.
      const file = normalize(join(root, path));
      const allowed = [join(root, 'demo/'), join(root, 'dist/')].some((dir) => file.startsWith(dir));
      if (req.method !== 'GET' || !allowed || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res
        .writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Mounted rather than listen()ed: subscribe the simulator's webhooks to our origin (README recipe).
    assert.equal(await stub.subscribeWebhooks(`${origin}/pj/webhooks/payjunction`), true);
    const executablePath = findChromium();
    assert.ok(executablePath, 'Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await stub?.close();
  });

  test('demo/plain.html has only the IIFE script and the four tags', () => {
    const page = readFileSync(join(root, 'demo/plain.html'), 'utf8');
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1, 'exactly one <script>');
    assert.match(scripts[0]![1]!, /src="[^"]*dist\/pj-elements\.iife\.js"/);
    assert.doesNotMatch(scripts[0]![1]!, /type=/, 'a classic script, not a module');
    assert.equal(scripts[0]![2]!.trim(), '', 'no inline code');
    assert.doesNotMatch(page, /<link\b|<style\b|importmap/);
    const tags = [...page.matchAll(/<(pj-[\w-]+)([^>]*)>/g)].map((m) => m[1]);
    assert.deepEqual(tags, TAGS);
    assert.match(page, /<pj-terminal-pay amount="12\.50">/);
  });

  test('Chromium renders all four from the IIFE and pays through the same-origin relay', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
        problems.push(`console.error: ${msg.text()}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problems.push(`${res.status()} ${res.url()}`);
    });
    try {
      await page.goto(`${origin}/demo/plain.html`, { waitUntil: 'load' });
      const defined = await page.evaluate((tags) => tags.map((tag) => typeof customElements.get(tag)), TAGS);
      assert.deepEqual(defined, ['function', 'function', 'function', 'function']);
      const globals = await page.evaluate(() => Object.keys((window as any).PjElements ?? {}).sort());
      for (const name of [
        'PjScheduleForm',
        'PjTerminalPay',
        'PjTerminalRequest',
        'PjTxStatus',
        'startPayment',
        'liveRequest',
        'setLocale',
      ]) {
        assert.ok(globals.includes(name), `window.PjElements.${name} (has ${globals.join(', ')})`);
      }

      // Each has a shadow root with rendered content.
      await page.waitForFunction(
        (tags) => tags.every((tag) => (document.querySelector(tag)?.shadowRoot?.children.length ?? 0) > 0),
        TAGS,
      );
      const text = (tag: string) =>
        page.evaluate((t) => document.querySelector(t)!.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim(), tag);
      assert.match(await text('pj-terminal-pay'), /\$12\.50/);
      assert.match(await text('pj-terminal-request'), /Ready to ask a question/);
      assert.ok(await page.locator('pj-schedule-form [part~="form"]').count(), 'the schedule form renders its form');
      assert.ok(await page.locator('pj-schedule-form [part~="submit-button"]').count(), 'and its submit button');

      // The terminal picker is filled from GET /pj/smart-terminals: the relay answers on the same origin.
      const select = page.locator('pj-terminal-pay [part~="terminal-select"]');
      await page.waitForFunction(() =>
        /Front Counter/.test(
          document.querySelector('pj-terminal-pay')!.shadowRoot!.querySelector('[part~="terminal-select"]')
            ?.textContent ?? '',
        ),
      );
      await select.selectOption({ label: 'Front Counter' });

      // A payment, start to finish, through the bundled elements; tx-status follows it live.
      const approved = page.evaluate(
        () =>
          new Promise<{ requestId: string; detail: string }>((resolve) => {
            document.addEventListener('pj-request-status', (e: any) => {
              const tx = document.querySelector('pj-tx-status')!;
              if (!tx.getAttribute('request-id')) tx.setAttribute('request-id', e.detail.snapshot.requestId);
            });
            document.addEventListener('pj-payment-approved', (e: any) =>
              resolve({
                requestId: document.querySelector('pj-tx-status')!.getAttribute('request-id')!,
                detail: JSON.stringify(e.detail),
              }),
            );
          }),
      );
      await page.locator('pj-terminal-pay [part~="pay-button"]').click();
      const result = await approved;
      assert.match(result.requestId, /\S/);
      assert.match(result.detail, /12\.5/);
      await page.waitForFunction(() =>
        /approved/i.test(
          document.querySelector('pj-tx-status')!.shadowRoot!.querySelector('[part~="badge"]')?.textContent ?? '',
        ),
      );
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});

describe('custom-elements.json', () => {
  const design: Record<string, { attributes: string[]; events: string[]; parts: string[] }> = {
    'pj-terminal-pay': {
      attributes: ['endpoint', 'amount', 'smart-terminal-id', 'invoice-number', 'allow-tips', 'tax', 'action'],
      events: ['pj-request-status', 'pj-payment-approved', 'pj-payment-declined', 'pj-payment-cancelled', 'pj-error'],
      parts: ['pay-button', 'cancel-button', 'status', 'terminal-select'],
    },
    'pj-terminal-request': {
      attributes: ['endpoint', 'kind', 'smart-terminal-id', 'terms', 'text', 'buttons', 'request-id'],
      events: ['pj-request-status', 'pj-request-completed', 'pj-request-cancelled', 'pj-error'],
      parts: ['start-button', 'cancel-button', 'status', 'terminal-select', 'message'],
    },
    'pj-tx-status': {
      attributes: ['endpoint', 'transaction-id', 'request-id'],
      events: ['pj-request-status', 'pj-error'],
      parts: ['badge', 'amount', 'code', 'message'],
    },
    'pj-schedule-form': {
      attributes: ['endpoint', 'terminal-id', 'methods', 'amount'],
      events: ['pj-schedule-created', 'pj-error'],
      parts: ['form', 'submit-button', 'error'],
    },
  };

  test('package.json `customElements` names it and it lists the four tags with their attributes, events and parts', () => {
    assert.equal(pkg.customElements, './dist/custom-elements.json');
    assert.equal(pkg.exports['./custom-elements.json'], './dist/custom-elements.json');
    const manifest = JSON.parse(readFileSync(join(root, pkg.customElements), 'utf8'));
    const elements = new Map<string, any>();
    for (const mod of manifest.modules) {
      assert.ok(existsSync(join(root, mod.path)), `module path ${mod.path} is a published file`);
      for (const decl of mod.declarations ?? []) if (decl.customElement) elements.set(decl.tagName, decl);
    }
    assert.deepEqual([...elements.keys()].sort(), Object.keys(design).sort());
    for (const [tag, want] of Object.entries(design)) {
      const el = elements.get(tag);
      const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);
      for (const a of want.attributes) assert.ok(names(el.attributes).includes(a), `${tag} attribute ${a}`);
      for (const e of want.events) assert.ok(names(el.events).includes(e), `${tag} event ${e}`);
      for (const p of want.parts) assert.ok(names(el.cssParts).includes(p), `${tag} part ${p}`);
      for (const c of ['--pj-color-accent', '--pj-color-text', '--pj-font-family', '--pj-radius', '--pj-focus-ring']) {
        assert.ok(names(el.cssProperties).includes(c), `${tag} CSS property ${c}`);
      }
      for (const list of [el.attributes, el.events, el.cssParts, el.cssProperties]) {
        for (const item of list) assert.ok(item.description, `${tag}: ${item.name} is documented`);
      }
      assert.ok(el.summary, `${tag} has a @summary`);
      // Each tag is defined by its defining module, which re-exports the class from the side-effect-free one.
      const definition = manifest.modules
        .flatMap((m: any) => (m.exports ?? []).map((x: any) => ({ ...x, path: m.path })))
        .find((x: any) => x.kind === 'custom-element-definition' && x.name === tag);
      assert.equal(definition?.path, `dist/${tag.slice(3)}.js`);
      assert.equal(definition?.declaration.module, `dist/${tag.slice(3)}.component.js`);
    }
  });
});

describe('the package for npm users', () => {
  test('every `exports` target exists, and only the declared side-effect modules define tags', () => {
    const targets: string[] = [];
    const walk = (t: unknown) => (typeof t === 'string' ? targets.push(t) : Object.values(t as object).forEach(walk));
    walk(pkg.exports);
    for (const t of targets) assert.ok(existsSync(join(root, t)), `exports target ${t}`);
    // (sideEffects also names the defining sources, src/**: Vite would tree-shake their define() away.)
    const sideEffects = new Set<string>(
      pkg.sideEffects.map((p: string) => p.replace(/^\.\//, '')).filter((p: string) => p.startsWith('dist/')),
    );
    const scripts = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const p = `${dir}/${name}`;
        return statSync(join(root, p)).isDirectory()
          ? ['size', 'server', 'types', 'demo'].includes(name)
            ? []
            : scripts(p)
          : p.endsWith('.js')
            ? [p]
            : [];
      });
    const defining = scripts('dist').filter((p) =>
      /customElements\.define\(/.test(readFileSync(join(root, p), 'utf8')),
    );
    assert.deepEqual(defining.sort(), [...sideEffects].filter((p) => p !== 'dist/index.js').sort());
    for (const name of ['terminal-pay', 'terminal-request', 'tx-status', 'schedule-form'])
      assert.ok(sideEffects.has(`dist/${name}.js`));
  });

  test("`import { createRelay } from 'pj-elements/server'` works in plain Node, without tsx", async () => {
    const { code, out } = await plainNode(`
      const { createRelay, createLogger } = await import('pj-elements/server');
      const stub = await createRelay({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger: createLogger({ level: 'silent' }), env: {} });
      const { url } = await stub.listen({ port: 0 });
      const health = await (await fetch(url + '/pj/health')).json();
      const terminals = await (await fetch(url + '/pj/smart-terminals')).json();
      await stub.close();
      console.log(JSON.stringify({ health, terminals: terminals.results.map((t) => t.nickName) }));
    `);
    assert.equal(code, 0, out);
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.deepEqual(result.health, { ok: true, mode: 'simulator', delivery: 'webhooks', store: 'memory' });
    assert.ok(result.terminals.includes('Front Counter'));
  });

  test('the class entries import in Node (SSR) without defining anything', async () => {
    const { code, out } = await plainNode(`
      const classes = [
        (await import('pj-elements/terminal-pay/class')).PjTerminalPay,
        (await import('pj-elements/terminal-request/class')).PjTerminalRequest,
        (await import('pj-elements/tx-status/class')).PjTxStatus,
        (await import('pj-elements/schedule-form/class')).PjScheduleForm,
      ];
      const { es } = await import('pj-elements/locales/es');
      const { en } = await import('pj-elements/locales/en');
      console.log(JSON.stringify({
        classes: classes.map((c) => typeof c),
        defined: ['pj-terminal-pay', 'pj-terminal-request', 'pj-tx-status', 'pj-schedule-form'].map((t) => globalThis.customElements?.get(t) ?? null),
        es: es.lang, sections: Object.keys(es).sort(), en: en.lang,
      }));
    `);
    assert.equal(code, 0, out);
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    assert.deepEqual(result.classes, ['function', 'function', 'function', 'function']);
    assert.deepEqual(result.defined, [null, null, null, null]);
    assert.equal(result.es, 'es-US');
    assert.deepEqual(result.sections, [
      'declines',
      'fields',
      'lang',
      'messages',
      'relayErrors',
      'requestStates',
      'scheduleForm',
      'terminalPay',
      'terminalRequest',
      'txStatus',
    ]);
    assert.equal(result.en, 'en-US');
  });

  test('the declarations type-check a consumer importing the package by name', () => {
    // Written at test time under node_modules/.cache (inside the package, so `pj-elements` resolves to
    // itself through `exports`; outside tsconfig.json, which runs before dist/ exists).
    const dir = join(root, 'node_modules/.cache/pj-elements-consumer');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'consumer.ts'),
      `import { PjTerminalPay, setLocale, startPayment, type PjLocale, type PjPaymentApprovedEvent } from 'pj-elements';
import { PjTxStatus } from 'pj-elements/tx-status/class';
import { PjScheduleForm } from 'pj-elements/schedule-form';
import { es } from 'pj-elements/locales/es';
import { createRelay, createStub, type RelayServerOptions, type StubOptions } from 'pj-elements/server';
const locale: PjLocale = es;
setLocale(locale);
const pay: PjTerminalPay = document.createElement('pj-terminal-pay');
pay.amount = '12.50';
pay.addEventListener('pj-payment-approved', (e: PjPaymentApprovedEvent) => void e.detail);
document.addEventListener('pj-schedule-created', (e) => void e.detail);
class MyStatus extends PjTxStatus {}
customElements.define('my-status', MyStatus);
const form: PjScheduleForm | null = document.querySelector('pj-schedule-form');
void form; void startPayment('/pj', { smartTerminalId: 'x', amountBase: '1.00' }, 'key-00000001').catch(() => undefined);
const options: RelayServerOptions = { mode: 'simulator' };
void createRelay(options);
// The names before 0.2, deprecated: still the same types and function.
const old: StubOptions = options;
void createStub(old);
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `tsc on a consumer of the built types:\n${r.stdout}${r.stderr}`);
    rmSync(dir, { recursive: true, force: true });
  });
});
