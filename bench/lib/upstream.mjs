// Figure 4, upstream economy: PayJunction calls, counted at the simulator (its /__sim/calls log of every
// API call it answered), for approved payments.
// - With webhooks: all calls from the payment's start to its final snapshot (and a moment after), per
//   payment, against the minimum of 2 (request-payment, then one read of the transaction).
// - With polling: polls of the request (GET /smartterminals/requests/<id>) with 1 and with 50 viewers on
//   the page stream, against what one poller at the relay's pace needs between its first poll and the one
//   that saw the end (1 + ⌊(last − first) / interval⌋): more viewers must not mean more polls.
import { startRelay } from './children.mjs';
import { DRIVE_THRU, FRONT_COUNTER, sim, startPayment } from './relay-api.mjs';
import { median, paired, setting, sleep } from './stats.mjs';
import { closeViewers, collect, openViewers } from './viewers.mjs';

const PAYMENTS = setting('BENCH_UPSTREAM_PAYMENTS', 4);
const POLL_ROUNDS = setting('BENCH_POLL_ROUNDS', 3);
const POLL_SPEED = setting('BENCH_POLL_SPEED', 4);
const POLL_MS = 500; // PayJunction's limit, and the relay's floor

/** One approved payment watched by `n` page streams until its end; resolves with its request id. */
async function pay(relay, n, smartTerminalId = FRONT_COUNTER) {
  const { api, url } = relay.info;
  const id = await startPayment(api, { smartTerminalId });
  const { viewers } = await openViewers(url, n, () => `/pj/events?watch=${id}:0`, 'event: request');
  for (const v of viewers) v.expect(['"outcome":"']);
  const got = await collect(viewers, () => 0);
  closeViewers(viewers);
  if (got.missing) throw new Error(`payment ${id} did not end within the bench's timeout`);
  return id;
}

async function withWebhooks() {
  const relay = await startRelay({ speed: 20 });
  try {
    await pay(relay, 1); // warm-up: the merchant account list, the webhook subscription
    await sleep(300);
    const counts = [];
    for (let i = 0; i < PAYMENTS; i++) {
      await sim(relay.info.simUrl, 'calls', null);
      await pay(relay, 1, i % 2 ? DRIVE_THRU : FRONT_COUNTER);
      await sleep(300); // calls the end may still cause
      counts.push((await sim(relay.info.simUrl, 'calls')).calls.length);
    }
    return median(counts);
  } finally {
    await relay.stop();
  }
}

async function polls(relay, n) {
  const id = await pay(relay, n);
  const at = (await sim(relay.info.simUrl, 'calls')).calls
    .filter((c) => c.method === 'GET' && c.path === `/smartterminals/requests/${id}`)
    .map((c) => Date.parse(c.at));
  const fewest = at.length === 0 ? 0 : 1 + Math.floor((Math.max(...at) - Math.min(...at)) / POLL_MS);
  return { relay: at.length, baseline: fewest };
}

async function withPolling() {
  const relay = await startRelay({
    speed: POLL_SPEED,
    delivery: 'polling',
    timings: { pollInitialDelayMs: POLL_MS, pollIntervalMs: POLL_MS },
  });
  try {
    await pay(relay, 1); // warm-up
    const one = [];
    const fifty = [];
    for (let r = 0; r < POLL_ROUNDS; r++) {
      one.push(await polls(relay, 1));
      fifty.push(await polls(relay, 50));
    }
    return { one: paired(one), fifty: paired(fifty) };
  } finally {
    await relay.stop();
  }
}

export async function upstream(log) {
  const calls = await withWebhooks();
  const { one, fifty } = await withPolling();
  log(`  upstream: ${calls} calls per approved payment; polls ${one.relay} (1 viewer), ${fifty.relay} (50 viewers)`);
  return {
    rows: [
      {
        label: 'PayJunction calls per approved payment (webhooks)',
        unit: '',
        relay: calls,
        baseline: 2,
        ratio: calls / 2,
        rounds: PAYMENTS,
      },
      { label: 'Polls per request, 1 viewer (polling)', unit: '', ...one },
      { label: 'Polls per request, 50 viewers (polling)', unit: '', ...fifty },
    ],
    notes: [
      `Upstream: calls counted at the simulator; webhooks: median of ${PAYMENTS} approved payments against the minimum ` +
        `of 2; polling (simulator at speed ${POLL_SPEED}, first poll after ${POLL_MS} ms, then every ${POLL_MS} ms): ` +
        `${POLL_ROUNDS} payments each, against one poller at that pace between its first and last poll.`,
    ],
  };
}
