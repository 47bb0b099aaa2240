// A web-test-runner plugin: starts a real relay (createRelay, simulator mode) for the browser tests
// and proxies /pj/* to it and /__sim/* to its simulator, so test pages call them same-origin,
// exactly as a merchant's page calls its own relay. The relay serves the payment fields frame (the
// built dist/fields) on a port of its own: another origin than the test pages, so the frame is
// isolated from them as it is from a merchant's page. Loaded with tsx (scripts/test.mjs).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';

const FIELDS_DIR = fileURLToPath(new URL('../dist/fields', import.meta.url));

function proxyTo(target) {
  return async (ctx) => {
    const controller = new AbortController();
    ctx.res.on('close', () => controller.abort()); // the page went away (req 'close' fires once its body is read)
    const headers = { ...ctx.req.headers };
    delete headers.host;
    delete headers['accept-encoding'];
    const chunks = [];
    if (!['GET', 'HEAD'].includes(ctx.method)) for await (const chunk of ctx.req) chunks.push(chunk);
    const res = await fetch(new URL(ctx.url, target), {
      method: ctx.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      signal: controller.signal,
      redirect: 'manual',
    }).catch(() => undefined);
    if (!res) {
      ctx.status = 502;
      return;
    }
    ctx.status = res.status;
    for (const [name, value] of res.headers) {
      if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name))
        ctx.set(name, value);
    }
    ctx.body = res.body ? Readable.fromWeb(res.body) : null;
  };
}

/**
 * Returns { plugin, middleware }: the plugin starts and stops the relay with the test server; the
 * middleware (registered in the config's `middleware`, which runs before static file serving)
 * proxies to it.
 */
export function relayForTests(options = {}) {
  let relay;
  let ready;
  let frameCopy;
  let toRelay;
  let toSimulator;
  const middleware = async (ctx, next) => {
    if (ctx.path.startsWith('/pj-no-sse/')) {
      // Behaves like a proxy that blocks event streams but passes other calls: the browser's live
      // store must fall back to GET snapshots.
      await ready;
      if (ctx.path.endsWith('/events')) {
        ctx.status = 502;
        return;
      }
      ctx.url = ctx.url.replace('/pj-no-sse/', '/pj/');
      return toRelay(ctx);
    }
    if (!ctx.path.startsWith('/pj/') && !ctx.path.startsWith('/__sim/')) return next();
    await ready;
    return ctx.path.startsWith('/pj/') ? toRelay(ctx) : toSimulator(ctx);
  };
  const plugin = {
    name: 'pj-relay',
    async serverStart({ config }) {
      let started;
      ready = new Promise((resolve) => (started = resolve));
      if (!existsSync(`${FIELDS_DIR}/fields.html`)) {
        throw new Error(
          'dist/fields is missing: run `node scripts/build.mjs --skip-types` (npm run test:browser does)',
        );
      }
      // Served from a copy: a build while the tests run (it empties dist/ first) must not take the frame away.
      frameCopy = mkdtempSync(join(tmpdir(), 'pj-fields-'));
      cpSync(FIELDS_DIR, frameCopy, { recursive: true });
      const { createRelay } = await import('../server-stub/relay-server.ts');
      const { createLogger } = await import('../server-stub/log.ts');
      relay = await createRelay({
        mode: 'simulator',
        simulator: { port: 0, speed: options.speed ?? 10 },
        logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
        env: {},
        // The relay sits behind this proxy: its public origin is the test pages' origin.
        publicOrigin: `http://${config.hostname ?? 'localhost'}:${config.port}`,
        limits: { postsPerMinute: 100_000, lookupsPerMinute: 100_000 },
        // The schedule-form tests bill the simulator's stored cards (vaultId 5001–5003, and an unknown one).
        authorizeVault: () => true,
        // The frame on 127.0.0.1:<any port>, the pages on localhost:<wtr's port>: two origins.
        fields: { port: 0, dir: frameCopy },
        timings: {
          pollInitialDelayMs: 300,
          pollIntervalMs: 500,
          webhookSilenceMs: 3_000,
          requestTimeoutMs: 8_000,
          doubtWindowMs: 2_000,
          lateWatchMs: 2_000,
        },
        sse: { heartbeatMs: 5_000, retryMs: 250 },
      });
      const { url } = await relay.listen({ port: 0 });
      toRelay = proxyTo(url);
      toSimulator = proxyTo(relay.simulatorUrl);
      started();
    },
    async serverStop() {
      await relay?.close();
      if (frameCopy) rmSync(frameCopy, { recursive: true, force: true });
    },
  };
  return { plugin, middleware };
}
