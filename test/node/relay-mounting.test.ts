/**
 * The README's two mounting recipes, run for real: the relay's fetch handler inside an Express app
 * and inside a Hono app, each next to the host's own routes, taking a payment to approved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { getRequestListener, serve } from '@hono/node-server';
import { createRelay, createStub } from '../../server-stub/index.js';
import { createLogger } from '../../server-stub/log.js';
import { FRONT_COUNTER, newKey, postJson } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

const quiet = () => createLogger({ level: 'silent' });

async function payThrough(base: string) {
  const res = await postJson(
    `${base}/pj/payments`,
    { smartTerminalId: FRONT_COUNTER, amountBase: '10.00' },
    { 'Idempotency-Key': newKey() },
  );
  assert.equal(res.status, 202, res.text);
  const stream = await readSse(`${base}/pj/requests/${res.json.requestId}/events`, { until: isFinal });
  return snapshots(stream).at(-1);
}

test('Express: app.use the relay before any body parser', async () => {
  const relay = await createRelay({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger: quiet(), env: {} });
  const app = express();
  const listener = getRequestListener(relay.fetch);
  app.use((req, res, next) => (req.path.startsWith('/pj/') ? listener(req, res) : next()));
  app.use(express.json());
  app.post('/orders', (req, res) => {
    res.json({ got: req.body });
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal(await relay.subscribeWebhooks(`${base}/pj/webhooks/payjunction`), true);
    assert.deepEqual(await (await fetch(`${base}/pj/health`)).json(), {
      ok: true,
      mode: 'simulator',
      delivery: 'webhooks',
      store: 'memory',
    });
    const final = await payThrough(base);
    assert.equal(final.outcome, 'approved');
    assert.deepEqual((await postJson(`${base}/orders`, { id: 7 })).json, { got: { id: 7 } });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await relay.close();
  }
});

test('Hono: app.all the relay under its base path', async () => {
  const relay = await createRelay({ mode: 'simulator', simulator: { port: 0, speed: 20 }, logger: quiet(), env: {} });
  const app = new Hono();
  app.get('/', (c) => c.text('shop'));
  app.all('/pj/*', (c) => relay.fetch(c.req.raw));
  const server = serve({ fetch: app.fetch, port: 0 });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal(await relay.subscribeWebhooks(`${base}/pj/webhooks/payjunction`), true);
    const final = await payThrough(base);
    assert.equal(final.outcome, 'approved');
    assert.equal(await (await fetch(`${base}/`)).text(), 'shop');
  } finally {
    await new Promise((r) => server.close(r));
    await relay.close();
  }
});

test('createStub, the old name, is still exported and is createRelay (removed in 0.3)', () => {
  assert.equal(createStub, createRelay);
});
