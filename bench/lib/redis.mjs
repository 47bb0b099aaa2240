// Figure 5, across processes: webhook-to-viewer latency when the viewer is on one relay process and the
// webhook lands on another, both sharing a Redis (REDIS_URL), against one relay process with its
// memory store (the default). Also the one process on Redis, to split the cost between the Redis store
// and the hop between processes. Each round: a live request per setting, its four non-final changes.
// redis-server is spawned here on a free port without persistence, and stopped by its pid.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findRedisServer } from '../../scripts/system-deps.mjs';
import { startRelay } from './children.mjs';
import { QUIET_TIMINGS, deliver, endRequest, liveRequests, quiet, updates } from './relay-api.mjs';
import { paired, percentile, setting } from './stats.mjs';
import { closeViewers, collect, openViewers } from './viewers.mjs';

const ROUNDS = setting('BENCH_REDIS_ROUNDS', 5);
let rounds = 0;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRedis(bin) {
  const port = await freePort();
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready:\n${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A live request on `home`, one viewer there, its four changes sent to `entry`: p50 of the latencies. */
async function round(home, entry) {
  const [id] = await liveRequests(home.info.api, 1);
  const { viewers } = await openViewers(home.info.url, 1, () => `/pj/events?watch=${id}:0`, 'event: request');
  const latencies = [];
  try {
    for (const change of updates(`r${++rounds}`)) {
      viewers[0].expect([change.token]);
      const sentAt = performance.now();
      await deliver(entry.info.api, id, change.data);
      latencies.push(...(await collect(viewers, () => sentAt)).latencies);
    }
  } finally {
    closeViewers(viewers);
    await endRequest(home.info.api, id);
  }
  return percentile(latencies, 50);
}

export async function redis(log) {
  const bin = findRedisServer();
  const label = 'Webhook → viewer p50, two processes on Redis';
  if (!bin) {
    return {
      rows: [
        { label, unit: 'ms', skipped: 'redis-server not found (apt-get install redis-server, or REDIS_SERVER_PATH)' },
      ],
      notes: [],
    };
  }
  const server = await startRedis(bin);
  const relays = [];
  try {
    const a = await startRelay({ redisUrl: server.url, timings: QUIET_TIMINGS });
    relays.push(a);
    const b = await startRelay({ redisUrl: server.url, simulatorUrl: a.info.simUrl, timings: QUIET_TIMINGS });
    relays.push(b);
    const memory = await startRelay({ timings: QUIET_TIMINGS });
    relays.push(memory);
    await quiet(a.info.simUrl);
    await quiet(memory.info.simUrl);
    await round(a, b); // warm-up
    await round(memory, memory);
    const across = [];
    const onRedis = [];
    for (let r = 0; r < ROUNDS; r++) {
      const two = await round(a, b);
      const one = await round(memory, memory);
      const single = await round(a, a);
      across.push({ relay: two, baseline: one });
      onRedis.push({ relay: single, baseline: one });
    }
    const rows = [
      { label, unit: 'ms', ...paired(across) },
      { label: 'Webhook → viewer p50, one process on Redis', unit: 'ms', ...paired(onRedis) },
    ];
    log(`  redis: ${rows[0].relay.toFixed(2)} ms across processes, ${rows[0].baseline.toFixed(2)} ms in one (memory)`);
    return {
      rows,
      notes: [
        `Redis: baseline = one relay process with its memory store; ${ROUNDS} rounds of four changes to a live request, ` +
          'viewer on the page stream of the process that started it.',
      ],
    };
  } finally {
    await Promise.all(relays.map((r) => r.stop()));
    await server.stop();
  }
}
