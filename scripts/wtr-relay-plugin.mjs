// A web-test-runner plugin: starts a real relay (createRelay, simulator mode) for the browser tests
// and proxies /pj/* to it and /__sim/* to its simulator, so test pages call them same-origin,
// exactly as a merchant's page calls its own relay. Loaded with tsx (scripts/test.mjs).
import { Readable } from 'node:stream';

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
        // Until <pj-schedule-form> uses the fields frame (issue 11), its tests post raw numbers.
        acceptRawPaymentNumbers: true,
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
    },
  };
  return { plugin, middleware };
}
