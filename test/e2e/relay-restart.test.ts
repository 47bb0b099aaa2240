/**
 * A relay restart in the middle of a payment: the simulator runs as its own process
 * (server-stub/simulator/cli.ts), the relay + demo as another, sharing state through a real
 * redis-server and a fixed webhook secret. The relay is killed while the terminal waits for the
 * card and started again on the same port; the page (its EventSource reconnecting) must still end
 * on the approval. Screenshot: test-results/e2e/08-relay-restart.png.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import {
  STATES,
  chooseTerminal,
  demoReady,
  expectApproved,
  liveRequestId,
  pay,
  waitForPayStatus,
} from './demo-page.js';
import {
  FRONT_COUNTER,
  freePort,
  launchChromium,
  printedOrigin,
  scenario,
  simControl,
  spawnNode,
  waitForHealth,
  type Proc,
} from './helpers.js';

/** `npm start` in front of a simulator of its own process (PJ_SIMULATOR_URL), with its state in Redis. */
const RELAY_START = 'server-stub/cli/start.ts';

/**
 * Slow enough that the relay is surely down before the request completes (IN_PROGRESS ≈0.23 s, card
 * read ≈1.2 s, COMPLETE ≈1.7 s); fast enough that the simulator's first webhook retry (30 s / speed)
 * comes 10 s later.
 */
const SPEED = 3;
const WEBHOOK_SECRET = 'e2e-relay-restart-webhook-secret';

let redis: RedisServer;
let simulator: Proc;
let simUrl: string;
let relay: Proc | undefined;
let port: number;
let origin: string;
let browser: Browser;

async function startRelay(): Promise<Proc> {
  const proc = spawnNode('the relay + demo', RELAY_START, [], {
    PORT: String(port),
    PJ_SIM_SPEED: String(SPEED),
    REDIS_URL: redis.url,
    PJ_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PJ_SIMULATOR_URL: simUrl,
  });
  try {
    origin = (await proc.waitFor(printedOrigin(port), 240_000))[1]!;
    await waitForHealth(origin);
    return proc;
  } catch (err) {
    await proc.stop('SIGKILL');
    throw err;
  }
}

before(
  async () => {
    redis = await startRedisServer();
    const simPort = await freePort();
    simulator = spawnNode('the simulator', 'server-stub/simulator/cli.ts', ['--port', String(simPort)], {
      PJ_SIM_SPEED: String(SPEED),
      // The relay's webhook URL is http://127.0.0.1:<port>, which PayJunction would refuse.
      PJ_SIM_ALLOW_HTTP_WEBHOOKS: '1',
    });
    simUrl = (await simulator.waitFor(/listening on (http:\/\/\S+)/, 60_000))[1]!;
    assert.match((await simulator.waitFor(/Clock speed: ×(\S+)/))[1]!, new RegExp(`^${SPEED}$`));
    port = await freePort();
    const [started, chromium] = await Promise.allSettled([startRelay(), launchChromium()]);
    if (started.status === 'fulfilled') relay = started.value;
    if (chromium.status === 'fulfilled') browser = chromium.value;
    for (const result of [started, chromium]) if (result.status === 'rejected') throw result.reason;
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  await relay?.stop();
  await simulator?.stop();
  await redis?.stop();
});

/** Resolves once the simulator has recorded a failed webhook delivery about `requestId` (the relay is down). */
async function missedDelivery(requestId: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const { deliveries } = (await simControl(simUrl, 'deliveries')) as {
      deliveries: { body: unknown; error?: string }[];
    };
    const about = (d: { body: unknown }) =>
      (typeof d.body === 'string' ? d.body : JSON.stringify(d.body)).includes(requestId);
    if (deliveries.some((d) => about(d) && d.error)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`no delivery about ${requestId} failed while the relay was down`);
}

test('8. a relay restart in the middle of a payment is survived', { timeout: 120_000 }, async () => {
  await scenario(browser, '08-relay-restart', origin, '/', async ({ page }) => {
    await demoReady(page, { panel: false });
    await chooseTerminal(page, FRONT_COUNTER);
    const requestId = await pay(page);
    await waitForPayStatus(page, STATES.waiting);

    // Down while the terminal waits for the card: PayJunction's next changes find no relay.
    await relay!.stop('SIGKILL');
    const atKill = await simControl(simUrl, `requests/${requestId}`);
    assert.notEqual(atKill.status, 'COMPLETE', 'the payment was still live when the relay died');

    // The relay stays down until PayJunction has tried to tell it something and failed: the restart must
    // recover a change it missed (by a retried webhook or its poller), whatever the machine's speed.
    await missedDelivery(requestId);

    relay = await startRelay(); // the same port: the page's EventSource reconnects to it
    await expectApproved(page, '12.50', 60_000);
    assert.equal(await liveRequestId(page), requestId, 'the same request, followed to its end');
  });
});
