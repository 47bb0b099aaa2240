// Baseline for webhook intake: a bare Hono app on @hono/node-server (the relay's own stack) doing the
// same work as bare-webhook.mjs, so the gap between the two is Hono's, the rest is the relay's.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveBench } from '../lib/child-side.mjs';

const secret = process.env.BENCH_WEBHOOK_SECRET;
const app = new Hono();
app.post('/pj/webhooks/payjunction', async (c) => {
  const raw = new Uint8Array(await c.req.arrayBuffer());
  const signature = c.req.header('X-Pj-Signature') ?? '';
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : undefined;
  if (!given || !timingSafeEqual(given, expected)) return c.body(null, 401);
  try {
    JSON.parse(new TextDecoder().decode(raw));
  } catch {
    return c.body(null, 400);
  }
  return c.json({ received: true });
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  serveBench({ url: `http://127.0.0.1:${info.port}` }),
);
