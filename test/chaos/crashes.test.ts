/**
 * Part 3, crashes: two relay processes (test/chaos/relay-process.ts: `npm run stub` with the rate
 * limit raised, every other setting from the environment) share a real redis-server and reach one
 * simulator through the fault proxy. One process is killed with SIGKILL
 * (a) while its request-payment call is in flight (the proxy holds PayJunction's answer), and
 * (b) while the payment runs on the terminal. The same Idempotency-Key then goes to the other
 * process: PayJunction must never get a second request-payment, and the key must end with the real
 * outcome or `in_doubt` — never a 404, never an `idempotency_in_progress` that lasts for the
 * retention period. Short leases (PJ_ATTEMPT_LEASE_MS=1000) let the survivor take over quickly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCents } from '../../src/protocol/money.js';
import { isFinalSnapshot, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { startSimulator, type RunningSimulator } from '../../server-stub/simulator/index.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { freePort } from '../helpers/free-port.js';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.js';
import {
  Capture,
  FRONT_COUNTER,
  DRIVE_THRU,
  Figures,
  makeSecrets,
  newKey,
  postJson,
  simControl,
  sized,
  sleep,
  type HttpAnswer,
} from './harness.js';
import { follow, streamProblems } from './streams.js';
import { describeLeaks, scanAll } from './leaks.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const ROUNDS = sized(1, 4);

/** One relay process, started as a person starts it. */
interface RelayProc {
  child: ChildProcess;
  api: string;
  webhookUrl: string;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const figures = new Figures('crashes');
const capture = new Capture();
const secrets = makeSecrets();
const outputs: string[] = [];
let redis: RedisServer;
let sim: RunningSimulator;
let proxy: FaultProxy;
let survivor: RelayProc;
const started: RelayProc[] = [];

async function startRelay(label: string): Promise<RelayProc> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of this process's own settings (or the test runner's) may leak into the relay's.
  for (const name of Object.keys(env))
    if (/^(PJ_|REDIS_URL$|PORT$|HOST$|NODE_TEST_CONTEXT$|LOG_LEVEL$)/.test(name)) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    PJ_ENV: 'simulator',
    PJ_SIMULATOR_URL: proxy.url,
    REDIS_URL: redis.url,
    PJ_API_LOGIN: secrets.login,
    PJ_API_PASSWORD: secrets.password,
    PJ_APP_KEY: secrets.appKey,
    PJ_WEBHOOK_SECRET: secrets.webhookSecret,
    PJ_ATTEMPT_LEASE_MS: '1000',
    PJ_DOUBT_WINDOW_MS: '5000',
    PJ_LATE_WATCH_MS: '3000',
    PJ_REQUEST_TIMEOUT_MS: '30000',
    PJ_WEBHOOK_SILENCE_MS: '2000',
    PJ_POLL_INTERVAL_MS: '500',
    PJ_POLL_INITIAL_DELAY_MS: '500',
    LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/chaos/relay-process.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const index = outputs.push('') - 1;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    outputs[index] = output;
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const deadline = Date.now() + 120_000;
  const printed = new RegExp(`pj-elements relay: (http://127\\.0\\.0\\.1:${port})/pj`);
  while (!printed.test(output)) {
    if (!running()) throw new Error(`${label} exited before it listened:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${label} did not start:\n${output}`);
    }
    await sleep(50);
  }
  const origin = printed.exec(output)![1]!;
  const proc: RelayProc = {
    child,
    api: `${origin}/pj`,
    webhookUrl: `${origin}/pj/webhooks/payjunction`,
    output: () => output,
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  started.push(proc);
  return proc;
}

const pjHeaders = () => ({
  Authorization: `Basic ${Buffer.from(`${secrets.login}:${secrets.password}`).toString('base64')}`,
  'X-PJ-Application-Key': secrets.appKey,
  Accept: 'application/json',
});

/** A dead process's webhook subscription is removed, as an operator would, so deliveries stop going nowhere. */
async function unsubscribe(proc: RelayProc): Promise<void> {
  const list = await (await fetch(`${sim.url}/webhooks`, { headers: pjHeaders() })).json();
  for (const w of list.results as { webhookId: string; url: string }[]) {
    if (w.url === proc.webhookUrl)
      await fetch(`${sim.url}/webhooks/${w.webhookId}`, { method: 'DELETE', headers: pjHeaders() });
  }
}

const requestPayments = async () =>
  ((await simControl(sim.url, 'GET', 'calls')).calls as { method: string; path: string }[]).filter(
    (c) => c.method === 'POST' && c.path.endsWith('/request-payment'),
  ).length;

const simRequest = async (id: string) => simControl(sim.url, 'GET', `requests/${id}`).catch(() => undefined);

let amountSeq = 0;
/** Unique per attempt (never a trigger amount), so the simulator's transaction names its key. */
const nextAmount = () => fromCents(30_00 + 11 * ++amountSeq);

/** Every transaction the simulator made with this amount. */
async function transactionsFor(amountBase: string): Promise<any[]> {
  const out: any[] = [];
  for (let id = 10001; ; id++) {
    const res = await fetch(`${sim.url}/transactions/${id}`, { headers: pjHeaders() });
    if (res.status === 404) return out.filter((t) => t.amountBase === amountBase);
    out.push(await res.json());
  }
}

interface Verdict {
  final: RequestSnapshot;
  outcome: string;
}

/** The key's final on the survivor, checked against the simulator's transaction for it. */
async function verdict(answer: HttpAnswer, amountBase: string, what: string): Promise<Verdict> {
  assert.equal(answer.status, 202, `${what}: the survivor answered ${answer.status} ${answer.text}`);
  const id: string = answer.json.requestId;
  const followed = await follow(capture, () => `${survivor.api}/requests/${id}/events`, { timeoutMs: 60_000 });
  assert.deepEqual(streamProblems(followed.snapshots), [], `${what}: stream`);
  const final = followed.snapshots.at(-1)!;
  assert.ok(final && isFinalSnapshot(final), `${what}: no final`);
  const txs = await transactionsFor(amountBase);
  assert.ok(txs.length <= 1, `${what}: ${txs.length} transactions for one key`);
  if (final.outcome === 'approved' || final.outcome === 'declined') {
    assert.equal(txs.length, 1, `${what}: ${final.outcome} without a PayJunction transaction`);
    assert.equal(
      final.transaction?.transactionId,
      Number(txs[0].transactionId),
      `${what}: not PayJunction's transaction`,
    );
    assert.equal(
      final.outcome === 'approved',
      txs[0].response?.approved === true && txs[0].status !== 'DECLINED',
      `${what}: approval differs`,
    );
  } else {
    assert.equal(
      final.outcome,
      'in_doubt',
      `${what}: final ${final.outcome} (PayJunction made ${txs.length} transaction(s))`,
    );
  }
  figures.add(`finals ${final.outcome}`);
  return { final, outcome: final.outcome! };
}

before(
  async () => {
    redis = await startRedisServer();
    // Slow enough (a payment takes about 1.3 s) that a process can be killed while one runs.
    sim = await startSimulator({
      port: 0,
      speed: 4,
      credentials: { login: secrets.login, password: secrets.password, appKey: secrets.appKey },
      // The relays' webhook URLs are http://127.0.0.1:<port>, which PayJunction would refuse.
      allowHttpWebhooks: true,
      // The test's truth reads (every transaction, one GET each, with the relays' credentials) are
      // unpaced: PayJunction's global rate limit is off so that they never read a 429 as an answer.
      rateLimit: false,
    });
    proxy = await startFaultProxy(sim.url);
    survivor = await startRelay('the surviving relay');
  },
  { timeout: 180_000 },
);

after(async () => {
  figures.print();
  await Promise.allSettled(started.map((p) => p.stop()));
  await proxy?.close();
  await sim?.close();
  await redis?.stop();
});

test(
  'kill -9 while request-payment is in flight: the survivor takes the key over in doubt, PayJunction gets one call',
  { timeout: sized(180_000, 600_000) },
  async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const what = `start crash ${round + 1}`;
      const victim = await startRelay(`victim ${round + 1}`);
      const terminal = round % 2 === 0 ? FRONT_COUNTER : DRIVE_THRU;
      const amountBase = nextAmount();
      const key = newKey(`crash-start${round}`);
      const body = { smartTerminalId: terminal, amountBase };
      const before = await requestPayments();
      const stalls = proxy.lost.stall;
      proxy.add({ method: 'POST', pathEndsWith: `/${terminal}/request-payment`, mode: 'stall', count: 1 });
      const cut = postJson(capture, `${victim.api}/payments`, body, { 'Idempotency-Key': key }).catch(
        (err: Error) => err,
      );
      // PayJunction has the request and answered; the proxy holds the answer: the call is in flight.
      const deadline = Date.now() + 30_000;
      while (proxy.lost.stall === stalls) {
        assert.ok(Date.now() < deadline, `${what}: the request-payment never reached PayJunction`);
        await sleep(10);
      }
      await victim.kill9();
      assert.ok((await cut) instanceof Error, `${what}: the killed process answered`);
      await unsubscribe(victim);

      // The page tries again on the other process — four times at once, as impatient pages do.
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          postJson(capture, `${survivor.api}/payments`, body, { 'Idempotency-Key': key }),
        ),
      );
      for (const a of answers) {
        assert.notEqual(a.status, 404, `${what}: 404 ${a.text}`);
        assert.notEqual(
          a.json?.error?.code,
          'idempotency_in_progress',
          `${what}: the dead process's claim was never taken over`,
        );
        assert.equal(a.status, 202, `${what}: ${a.status} ${a.text}`);
      }
      assert.equal(new Set(answers.map((a) => a.json.requestId)).size, 1, `${what}: one key, one request`);
      assert.match(
        answers[0]!.json.requestId,
        /^doubt-/,
        `${what}: the survivor cannot know what PayJunction did: it stands in, in doubt`,
      );
      await verdict(answers[0]!, amountBase, what);
      const again = await postJson(capture, `${survivor.api}/payments`, body, { 'Idempotency-Key': key });
      assert.equal(
        again.json?.requestId,
        answers[0]!.json.requestId,
        `${what}: the key names the same request after its end`,
      );
      assert.equal((await requestPayments()) - before, 1, `${what}: PayJunction got exactly one request-payment`);
      figures.add('kills during start');
    }
  },
);

test(
  'kill -9 while the payment runs on the terminal: the survivor finishes it, with or without webhooks',
  { timeout: sized(180_000, 600_000) },
  async () => {
    for (let round = 0; round < ROUNDS * 2; round++) {
      // Odd rounds: every webhook is dropped after the kill, so the survivor must take the polling over.
      const blind = round % 2 === 1;
      const what = `mid-request crash ${round + 1}${blind ? ' (no webhooks after it)' : ''}`;
      const victim = await startRelay(`victim ${round + 1}`);
      const terminal = round % 2 === 0 ? DRIVE_THRU : FRONT_COUNTER;
      const amountBase = nextAmount();
      const key = newKey(`crash-mid${round}`);
      const body = { smartTerminalId: terminal, amountBase };
      const before = await requestPayments();
      const first = await postJson(capture, `${victim.api}/payments`, body, { 'Idempotency-Key': key });
      assert.equal(first.status, 202, `${what}: ${first.text}`);
      const id: string = first.json.requestId;
      // Killed while the terminal waits for the card.
      const deadline = Date.now() + 30_000;
      while ((await simRequest(id))?.status !== 'IN_PROGRESS') {
        assert.ok(Date.now() < deadline, `${what}: the payment never started on the terminal`);
        await sleep(10);
      }
      await victim.kill9();
      await unsubscribe(victim);
      if (blind) await simControl(sim.url, 'POST', 'webhooks/faults', { drop: 'all' });
      try {
        const answers = await Promise.all(
          Array.from({ length: 3 }, () =>
            postJson(capture, `${survivor.api}/payments`, body, { 'Idempotency-Key': key }),
          ),
        );
        for (const a of answers) assert.equal(a.json?.requestId, id, `${what}: ${a.status} ${a.text}`);
        const { outcome } = await verdict(answers[0]!, amountBase, what);
        assert.ok(
          outcome === 'approved' || outcome === 'declined',
          `${what}: the card was read before the crash's consequences; final ${outcome}`,
        );
      } finally {
        if (blind) await simControl(sim.url, 'POST', 'webhooks/faults', {});
      }
      assert.equal((await requestPayments()) - before, 1, `${what}: PayJunction got exactly one request-payment`);
      figures.add('kills mid-request');
    }
  },
);

test('what the processes printed and answered leaks nothing', () => {
  const leaks = scanAll(
    [
      ['responses', capture.texts.join('\n')],
      ...outputs.map((o, i): [string, string] => [`relay process ${i + 1} output`, o]),
    ],
    { secrets: [secrets] },
  );
  figures.set('relay processes started', started.length);
  figures.set('leaks', leaks.length);
  assert.equal(leaks.length, 0, describeLeaks(leaks));
});
