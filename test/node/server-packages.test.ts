/**
 * The relay's packages (hono, @hono/node-server, pino; redis for a Redis store) are optional peer
 * dependencies: a browser-only install has none of them. Tested on an app of its own under the system's
 * temporary directory (nothing above it to resolve packages from), with the built package in its
 * node_modules (package.json and dist/server, copied) and, case by case, links to the relay's packages:
 *  - none: `pj-elements/server` still imports, and createRelay / createLogger say which packages to
 *    install, with the npm command;
 *  - hono, @hono/node-server and pino: a relay with the memory store serves, and never needs redis; a
 *    REDIS_URL says to install redis;
 *  - and redis: a REDIS_URL is tried (here a closed port), so the message above comes only when redis is missing.
 * `npm test` builds dist/ first; run alone, this file builds it when it is missing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RELAY_PACKAGES = ['hono', '@hono/node-server', 'pino'];
let app: string;

before(() => {
  if (!existsSync(join(root, 'dist/server/index.js'))) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run build failed:\n${r.stdout}${r.stderr}`);
  }
  app = mkdtempSync(join(tmpdir(), 'pj-app-'));
  const installed = join(app, 'node_modules/pj-elements');
  mkdirSync(join(installed, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  cpSync(join(root, 'dist/server'), join(installed, 'dist/server'), { recursive: true });
});

after(() => rmSync(app, { recursive: true, force: true }));

/** Links `names` from this repository's node_modules into the app's (their own dependencies resolve from there). */
function install(names: string[]): void {
  for (const name of names) {
    const link = join(app, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
}

/** Runs `code` as an ES module in the app, with a plain Node; resolves with the JSON of its last line. */
function inApp(code: string): Promise<any> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: app, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (exit) => {
      try {
        if (exit !== 0) throw new Error(`exit ${exit}`);
        resolve(JSON.parse(out.trim().split('\n').at(-1)!));
      } catch (err) {
        reject(new Error(`${(err as Error).message}:\n${out}`));
      }
    });
  });
}

const TRY = `const attempt = async (fn) => { try { await fn(); return 'no error'; } catch (err) { return err.message; } };`;

test('without the relay packages, pj-elements/server imports and createRelay and createLogger name what to install', async () => {
  const result = await inApp(`${TRY}
    const server = await import('pj-elements/server');
    console.log(JSON.stringify({
      exports: Object.keys(server).sort(),
      createRelay: await attempt(() => server.createRelay({ mode: 'simulator', env: {} })),
      createLogger: await attempt(() => server.createLogger()),
    }));
  `);
  assert.ok(result.exports.includes('createRelay') && result.exports.includes('DEFAULT_LIMITS'), result.exports);
  for (const message of [result.createRelay, result.createLogger]) {
    assert.match(
      message,
      /^The relay \(pj-elements\/server\) needs hono, @hono\/node-server and pino, which are not installed\. Install them next to pj-elements: npm install hono @hono\/node-server pino /,
    );
  }
});

test('with hono, @hono/node-server and pino, a memory-store relay serves; a REDIS_URL says to install redis', async () => {
  install(RELAY_PACKAGES);
  const result = await inApp(`${TRY}
    const { createRelay, createLogger } = await import('pj-elements/server');
    const options = { mode: 'simulator', simulator: { port: 0 }, logger: createLogger({ level: 'silent' }), env: {} };
    const relay = await createRelay(options);
    const { url } = await relay.listen({ port: 0 });
    const health = await (await fetch(url + '/pj/health')).json();
    await relay.close();
    const redis = await attempt(() => createRelay({ ...options, env: { REDIS_URL: 'redis://127.0.0.1:1' } }));
    console.log(JSON.stringify({ health, redis }));
  `);
  assert.equal(result.health.store, 'memory');
  assert.match(
    result.redis,
    /^A Redis store \(REDIS_URL\) needs redis, which is not installed\. Install it next to pj-elements: npm install redis /,
  );
});

test('with redis installed too, a REDIS_URL is tried: the message names redis only when it is missing', async () => {
  install([...RELAY_PACKAGES, 'redis']);
  const result = await inApp(`${TRY}
    const { createRelay, createLogger } = await import('pj-elements/server');
    const logger = createLogger({ level: 'silent' });
    console.log(JSON.stringify({
      redis: await attempt(() => createRelay({ mode: 'simulator', simulator: { port: 0 }, logger, env: { REDIS_URL: 'redis://127.0.0.1:1' } })),
    }));
  `);
  assert.doesNotMatch(result.redis, /not installed|no error/);
  assert.match(result.redis, /redis|ECONNREFUSED|connect/i);
});
