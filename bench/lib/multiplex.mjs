// Figure 3, the page's one multiplexed stream: one page watching 50 requests on one connection
// (GET /pj/events?watch=<id>:0,…) against the same relay serving the same page as 50 per-request streams
// (GET /pj/requests/<id>/events), which a browser could not even open (six connections per origin).
// Per round: 50 live requests, then three bursts of 50 webhooks (one change to each request, sent at once);
// delivery p99 from sending each webhook to the page having that request's event. Rounds alternate.
import { startRelay } from './children.mjs';
import { QUIET_TIMINGS, deliver, endRequest, liveRequests, quiet } from './relay-api.mjs';
import { paired, percentile, setting, sleep } from './stats.mjs';
import { closeViewers, collect, openViewers } from './viewers.mjs';

const ROUNDS = setting('BENCH_MUX_ROUNDS', 5);
const WATCHED = setting('BENCH_MUX_REQUESTS', 50);
const FIELDS = ['signatureId', 'promptButton', 'inputValue'];
let rounds = 0;

async function round(api, url, multiplexed) {
  const ids = await liveRequests(api, WATCHED);
  const tag = `m${++rounds}`;
  const { viewers } = multiplexed
    ? await openViewers(url, 1, () => `/pj/events?watch=${ids.map((id) => `${id}:0`).join(',')}`, 'event: request')
    : await openViewers(url, WATCHED, (i) => `/pj/requests/${ids[i]}/events`, 'data: ');
  const latencies = [];
  let missing = 0;
  try {
    await sleep(50); // the single stream's first event is only the first of its 50 current snapshots
    for (const field of FIELDS) {
      const token = (i) => `${tag}-${field}-${i}-`;
      if (multiplexed) viewers[0].expect(ids.map((_, i) => token(i)));
      else viewers.forEach((v, i) => v.expect([token(i)]));
      const sentAt = new Map();
      await Promise.all(
        ids.map((id, i) => {
          sentAt.set(token(i), performance.now());
          return deliver(api, id, { [field]: token(i) });
        }),
      );
      const got = await collect(viewers, (t) => sentAt.get(t));
      latencies.push(...got.latencies);
      missing += got.missing;
    }
  } finally {
    closeViewers(viewers);
    await Promise.all(ids.map((id) => endRequest(api, id)));
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), missing };
}

export async function multiplex(log) {
  const relay = await startRelay({ timings: QUIET_TIMINGS });
  try {
    const { api, url } = relay.info;
    await quiet(relay.info.simUrl);
    await round(api, url, true); // warm-up
    await round(api, url, false);
    const pairs = [];
    for (let r = 0; r < ROUNDS; r++)
      pairs.push({ relay: await round(api, url, true), baseline: await round(api, url, false) });
    const last = pairs.at(-1);
    log(`  multiplexed stream: last round p99 ${last.relay.p99.toFixed(1)} ms vs ${last.baseline.p99.toFixed(1)} ms`);
    const pick = (metric) => paired(pairs.map((p) => ({ relay: p.relay[metric], baseline: p.baseline[metric] })));
    const missing = pairs.reduce((m, p) => m + p.relay.missing + p.baseline.missing, 0);
    return {
      rows: [
        { label: `One stream × ${WATCHED} requests: delivery p50`, unit: 'ms', ...pick('p50') },
        { label: `One stream × ${WATCHED} requests: delivery p99`, unit: 'ms', ...pick('p99') },
      ],
      notes: [
        `One stream × ${WATCHED}: baseline = the same relay, the same ${WATCHED} requests watched as ${WATCHED} per-request ` +
          `streams (GET /pj/requests/<id>/events); ${ROUNDS} rounds of three bursts of ${WATCHED} webhooks sent at once.` +
          (missing ? ` ${missing} deliveries never arrived.` : ''),
      ],
    };
  } finally {
    await relay.stop();
  }
}
