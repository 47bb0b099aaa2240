/**
 * Part 4, SSE: many viewers of live payments, each cut off mid-stream once or twice and resumed with
 * Last-Event-ID, as EventSource does — half the time on the other relay process (two relays share a
 * real redis-server, as behind a load balancer). Every viewer must end on the request's final
 * snapshot, never see a version twice or go backwards, and get 204 when it reconnects after the end.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCents } from '../../src/protocol/money.js';
import { isFinalSnapshot } from '../../src/protocol/relay-contract.js';
import { startSimulator, type RunningSimulator } from '../../server-stub/simulator/index.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import { startTestRelay, type TestRelay } from '../helpers/relay.js';
import {
  Capture,
  Figures,
  ONLINE_TERMINALS,
  SEED,
  http,
  makeSecrets,
  newKey,
  perSecond,
  postJson,
  seededRandom,
  sized,
} from './harness.js';
import { follow, streamProblems, type Followed } from './streams.js';
import { describeLeaks, scanAll } from './leaks.js';

const VIEWERS = sized(50, 240);
const VIEWERS_PER_PAYMENT = sized(10, 20);

const figures = new Figures('sse');
const capture = new Capture();
const secrets = makeSecrets();
let redis: RedisServer;
let sim: RunningSimulator;
let relays: TestRelay[] = [];

before(
  async () => {
    redis = await startRedisServer();
    const credentials = { login: secrets.login, password: secrets.password, appKey: secrets.appKey };
    // A payment takes about 1.3 s and changes five times: time enough to cut its viewers off mid-way.
    // Two relays pacing at 5 ms: PayJunction's global rate limit is off; their webhook URLs are http://127.0.0.1.
    sim = await startSimulator({ port: 0, speed: 4, credentials, allowHttpWebhooks: true, rateLimit: false });
    const options = {
      simulator: { url: sim.url },
      credentials,
      webhookSecret: secrets.webhookSecret,
      redisUrl: redis.url,
      minIntervalMs: 5,
      sse: { heartbeatMs: 2_000, retryMs: 100 },
    };
    relays = [await startTestRelay(options), await startTestRelay(options)];
  },
  { timeout: 60_000 },
);

after(async () => {
  figures.print();
  await Promise.allSettled(relays.map((r) => r.close()));
  await sim?.close();
  await redis?.stop();
});

test(
  `${VIEWERS} viewers cut off mid-stream and resumed with Last-Event-ID all end on the final snapshot`,
  { timeout: sized(180_000, 900_000) },
  async () => {
    const random = seededRandom(SEED + 4);
    figures.set('seed', SEED);
    const payments = Math.ceil(VIEWERS / VIEWERS_PER_PAYMENT);
    const results: { requestId: string; viewers: Followed[] }[] = [];
    const started = performance.now();
    let crossed = 0;
    let amount = 0;
    // Two payments at a time, one per terminal, each watched by its viewers from the moment it starts.
    for (let p = 0; p < payments; p += ONLINE_TERMINALS.length) {
      const round = ONLINE_TERMINALS.slice(0, Math.min(ONLINE_TERMINALS.length, payments - p)).map(async (terminal) => {
        const home = relays[Math.floor(random() * relays.length)]!;
        const answer = await postJson(
          capture,
          `${home.api}/payments`,
          { smartTerminalId: terminal, amountBase: fromCents(12_00 + ++amount) },
          { 'Idempotency-Key': newKey('sse') },
        );
        assert.equal(answer.status, 202, answer.text);
        const requestId: string = answer.json.requestId;
        const viewers = await Promise.all(
          Array.from({ length: VIEWERS_PER_PAYMENT }, () => {
            const first = Math.floor(random() * relays.length);
            const hop = random() < 0.5; // resumes on the other process
            if (hop) crossed += 1;
            return follow(
              capture,
              (attempt) => `${relays[(first + (hop ? attempt : 0)) % relays.length]!.api}/requests/${requestId}/events`,
              { kills: 1 + Math.floor(random() * 2), random, timeoutMs: 60_000, checkDone: true },
            );
          }),
        );
        results.push({ requestId, viewers });
      });
      await Promise.all(round);
    }
    figures.set(
      'throughput (viewers to the final)',
      perSecond(
        results.reduce((n, r) => n + r.viewers.length, 0),
        started,
      ),
    );

    const problems: string[] = [];
    let connections = 0;
    let kills = 0;
    let snapshots = 0;
    for (const { requestId, viewers } of results) {
      const final = (await http(capture, `${relays[0]!.api}/requests/${requestId}`)).json;
      if (!isFinalSnapshot(final)) problems.push(`${requestId}: the relay has no final`);
      if (final.outcome !== 'approved') problems.push(`${requestId}: ${final.outcome}`);
      viewers.forEach((v, i) => {
        connections += v.connections;
        kills += v.kills;
        snapshots += v.snapshots.length;
        for (const problem of streamProblems(v.snapshots)) problems.push(`${requestId} viewer ${i}: ${problem}`);
        if (JSON.stringify(v.snapshots.at(-1)) !== JSON.stringify(final))
          problems.push(
            `${requestId} viewer ${i}: ended on v${v.snapshots.at(-1)?.version}, the final is v${final.version}`,
          );
        if (v.other.length > 0) problems.push(`${requestId} viewer ${i}: ${v.other.map((e) => e.event).join(', ')}`);
        if (v.doneStatus !== 204)
          problems.push(`${requestId} viewer ${i}: reconnecting after the end answered ${v.doneStatus}`);
      });
    }
    const viewers = results.reduce((n, r) => n + r.viewers.length, 0);
    figures.set('payments watched', results.length);
    figures.set('viewers', viewers);
    figures.set('connections (kills mid-stream)', `${connections} (${kills})`);
    figures.set('viewers resumed on the other process', crossed);
    figures.set('snapshots delivered', snapshots);
    figures.set(
      'viewers with a problem (version twice/backwards, no final, not 204 after)',
      new Set(problems.map((p) => p.split(':')[0])).size,
    );

    const leaks = scanAll(
      [
        ['responses', capture.texts.join('\n')],
        ...relays.map((r, i): [string, string] => [`relay ${i + 1} log`, r.logs()]),
      ],
      { secrets: [secrets] },
    );
    figures.set('leaks', leaks.length);

    assert.ok(viewers >= VIEWERS, `${viewers} viewers`);
    assert.ok(kills >= viewers, 'every viewer was cut off at least once');
    assert.deepEqual(problems, [], problems.slice(0, 20).join('\n'));
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  },
);
