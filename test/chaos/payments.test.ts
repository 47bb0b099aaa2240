/**
 * Part 1, chaos: many payments across the simulator's terminals (two online, one offline) while its
 * webhooks are duplicated, shuffled, delayed and dropped, with amounts that approve and decline,
 * cardholder cancels, terminals stuck until the relay's timeout, and retried POSTs. Every final is
 * checked against what the simulator (PayJunction) knows of that request and its transaction; every
 * SSE stream is checked for order; the request-payment calls are counted at the simulator.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TRIGGER_AMOUNTS } from '../../server-stub/simulator/index.js';
import { fromCents as formatCents } from '../../src/protocol/money.js';
import {
  BACK_OFFICE_OFFLINE,
  Figures,
  ONLINE_TERMINALS,
  SEED,
  newKey,
  perSecond,
  postJson,
  http,
  rightFinals,
  seededRandom,
  sized,
  sleep,
  startWorld,
  truthOf,
  type World,
} from './harness.js';
import { follow, streamProblems, type Followed } from './streams.js';
import { describeLeaks, scanAll } from './leaks.js';

const PAYMENTS = sized(100, 1000);
/** Payments started at once at most (each then runs on its own). */
const WORKERS = 2;

/** The simulator's webhook faults, cycled through the run (each applies to every delivery while on). */
const FAULT_PROFILES: { name: string; faults: Record<string, unknown> }[] = [
  { name: 'duplicated', faults: { duplicate: true } },
  { name: 'shuffled', faults: { shuffle: true } },
  { name: 'delayed + duplicated', faults: { delayMs: 120, duplicate: true } },
  { name: 'IN_PROGRESS and COMPLETE dropped', faults: { drop: ['IN_PROGRESS', 'COMPLETE'] } },
  { name: 'shuffled + duplicated + delayed', faults: { shuffle: true, duplicate: true, delayMs: 40 } },
  { name: 'all dropped (polling only)', faults: { drop: 'all' } },
  { name: 'clean', faults: {} },
];

const DECLINE_CENTS = Object.entries(TRIGGER_AMOUNTS)
  .filter(([, code]) => code !== '00')
  .map(([cents]) => Number(cents));
const TRIGGERS = new Set(Object.keys(TRIGGER_AMOUNTS).map(Number));

interface Plan {
  i: number;
  key: string;
  smartTerminalId: string;
  amountBase: string;
  action: 'CHARGE' | 'REFUND';
  control?: 'cardholder_cancel' | 'never_finish';
  /** POSTed this many times at once with the same key (a double click, a retry). */
  copies: number;
  /** POSTed again with the same key once it ended (a page reloaded). */
  againAfterEnd: boolean;
}

interface Ran {
  plan: Plan;
  requestIds: string[];
  followed?: Followed;
  again?: string;
  error?: string;
  /** A stuck terminal's request as PayJunction had it when the relay ended it (before anyone freed it by hand). */
  stuckAtEnd?: string;
}

const figures = new Figures('chaos payments');
let world: World;

before(async () => {
  world = await startWorld({
    speed: 100,
    stub: {
      // Quiet webhooks are covered by polling after 1 s; a stuck terminal times out after 5 s of no
      // progress and is watched 4 s more for a late transaction.
      timings: {
        pollInitialDelayMs: 300,
        pollIntervalMs: 500,
        webhookSilenceMs: 1_000,
        requestTimeoutMs: 5_000,
        lateWatchMs: 4_000,
      },
      sse: { heartbeatMs: 5_000 },
    },
  });
});

after(async () => {
  figures.print();
  await world?.close();
});

function plan(i: number, random: () => number): Plan {
  const r = random();
  const smartTerminalId = random() < 0.05 ? BACK_OFFICE_OFFLINE : ONLINE_TERMINALS[Math.floor(random() * 2)]!;
  let cents: number;
  let action: Plan['action'] = 'CHARGE';
  if (r < 0.55) {
    do cents = 100 + Math.floor(random() * 30_000);
    while (TRIGGERS.has(cents));
  } else if (r < 0.8) cents = DECLINE_CENTS[Math.floor(random() * DECLINE_CENTS.length)]!;
  else if (r < 0.85)
    cents = 500_000 + Math.floor(random() * 400_000); // over 4,999.00: declined 05
  else if (r < 0.9)
    cents = 99; // .99: approved, code 00
  else {
    cents = 100 + Math.floor(random() * 10_000);
    action = 'REFUND';
  }
  const p: Plan = {
    i,
    key: newKey(`pay${i}`),
    smartTerminalId,
    amountBase: formatCents(cents),
    action,
    copies: random() < 0.1 ? 2 + Math.floor(random() * 3) : 1,
    againAfterEnd: random() < 0.05,
  };
  if (i % 25 === 7) p.control = 'cardholder_cancel';
  // Two terminals stuck until the relay's timeout: it must end `timeout` and free the terminal.
  if (i === Math.floor(PAYMENTS / 4) || i === Math.floor((3 * PAYMENTS) / 4)) {
    p.control = 'never_finish';
    p.smartTerminalId = ONLINE_TERMINALS[i % 2]!;
  }
  return p;
}

/** A terminal held by a never-finishing payment: cashiers use the other one until the relay frees it. */
const stuck = new Set<string>();

async function run(p: Plan, random: () => number): Promise<Ran> {
  const ran: Ran = { plan: p, requestIds: [] };
  if (p.control === 'never_finish') {
    stuck.add(p.smartTerminalId);
    // Wait for the terminal to be idle, so that the stuck request is this one, not the next.
    for (let i = 0; i < 200; i++) {
      const { devices } = await world.control('GET', 'devices');
      if (
        devices.find((d: { smartTerminalId: string }) => d.smartTerminalId === p.smartTerminalId)?.liveRequestId ===
        null
      )
        break;
      await sleep(25);
    }
  } else if (stuck.has(p.smartTerminalId))
    p.smartTerminalId = ONLINE_TERMINALS.find((id) => !stuck.has(id)) ?? p.smartTerminalId;
  try {
    return await runOn(p, ran, random);
  } finally {
    if (p.control === 'never_finish') stuck.delete(p.smartTerminalId);
  }
}

async function runOn(p: Plan, ran: Ran, random: () => number): Promise<Ran> {
  const { t } = world;
  if (p.control) await world.control('POST', `devices/${p.smartTerminalId}/next-outcome`, { outcome: p.control });
  const body = {
    smartTerminalId: p.smartTerminalId,
    amountBase: p.amountBase,
    action: p.action,
    invoiceNumber: `CH-${p.i}`,
  };
  const answers = await Promise.all(
    Array.from({ length: p.copies }, () =>
      postJson(world.capture, `${t.api}/payments`, body, { 'Idempotency-Key': p.key }),
    ),
  );
  for (const a of answers) {
    if (a.status !== 202) {
      ran.error = `POST answered ${a.status}: ${a.text}`;
      return ran;
    }
    ran.requestIds.push(a.json.requestId);
  }
  const id = ran.requestIds[0]!;
  ran.followed = await follow(world.capture, () => `${t.api}/requests/${id}/events`, { random, timeoutMs: 120_000 });
  if (p.control === 'never_finish') {
    const status = (await world.control('GET', `requests/${id}`)).status;
    if (status === 'BUSY' || status === 'NO_CONNECTION') {
      // Another payment got there first: the control must not strand the next one.
      await world.control('POST', `devices/${p.smartTerminalId}/next-outcome`, { outcome: 'approve' });
    } else {
      ran.stuckAtEnd = status;
      // Had the relay not freed it, the cashier presses the red X, so one failure does not make every later payment BUSY.
      if (status !== 'COMPLETE') await world.pjPost(`/smartterminals/${p.smartTerminalId}/main`);
    }
  }
  if (p.againAfterEnd) {
    const again = await postJson(world.capture, `${t.api}/payments`, body, { 'Idempotency-Key': p.key });
    ran.again = again.json?.requestId;
  }
  return ran;
}

test(
  `${PAYMENTS} payments under webhook chaos: every final is PayJunction's truth, every stream in order`,
  { timeout: sized(240_000, 1_800_000) },
  async () => {
    const random = seededRandom(SEED);
    figures.set('seed', SEED);
    figures.set('payments', PAYMENTS);
    const plans = Array.from({ length: PAYMENTS }, (_, i) => plan(i, random));
    const profileEvery = Math.max(5, Math.ceil(PAYMENTS / (FAULT_PROFILES.length * 2)));

    const started = performance.now();
    const running: Promise<Ran>[] = [];
    let next = 0;
    let profile = -1;
    const workers = Array.from({ length: WORKERS }, async () => {
      while (next < plans.length) {
        const p = plans[next++]!;
        const wanted = Math.floor(p.i / profileEvery) % FAULT_PROFILES.length;
        if (wanted !== profile) {
          profile = wanted;
          await world.control('POST', 'webhooks/faults', FAULT_PROFILES[wanted]!.faults);
        }
        const ran = run(p, random);
        running.push(ran);
        // Let the POST land before the next one; the payment then runs on its own.
        await Promise.race([ran, sleep(40)]);
        await sleep(30 + Math.floor(random() * 170));
      }
    });
    await Promise.all(workers);
    const results = await Promise.all(running);
    await world.control('POST', 'webhooks/faults', {});
    figures.set('throughput (payments to their final)', perSecond(PAYMENTS, started));

    const wrong: string[] = [];
    const streamIssues: string[] = [];
    const outcomes = new Map<string, number>();
    let duplicatePosts = 0;
    let viewers = 0;
    for (const r of results) {
      const { plan: p } = r;
      if (r.error || !r.followed) {
        wrong.push(`#${p.i}: ${r.error ?? 'no stream'}`);
        continue;
      }
      if (new Set(r.requestIds).size !== 1)
        wrong.push(`#${p.i}: one key, requests ${[...new Set(r.requestIds)].join(', ')}`);
      duplicatePosts += r.requestIds.length - 1;
      viewers += 1;
      const id = r.requestIds[0]!;
      const snaps = r.followed.snapshots;
      for (const problem of streamProblems(snaps)) streamIssues.push(`#${p.i} ${id}: ${problem}`);
      const final = snaps.at(-1);
      if (!final || final.outcome === null) {
        wrong.push(`#${p.i} ${id}: no final`);
        continue;
      }
      outcomes.set(final.outcome, (outcomes.get(final.outcome) ?? 0) + 1);
      const now = await http(world.capture, `${world.t.api}/requests/${id}`);
      if (JSON.stringify(now.json) !== JSON.stringify(final))
        wrong.push(`#${p.i} ${id}: GET differs from the stream's final`);
      if (p.againAfterEnd && r.again !== id) wrong.push(`#${p.i}: the same key after the end named ${r.again}`);

      const truth = await truthOf(world, id);
      if (!truth) {
        wrong.push(`#${p.i} ${id}: the simulator does not know the request`);
        continue;
      }
      const right = rightFinals(truth);
      if (r.stuckAtEnd === undefined && !right.includes(final.outcome)) {
        wrong.push(`#${p.i} ${id}: final ${final.outcome}, PayJunction says ${JSON.stringify(truth)}`);
        continue;
      }
      if (truth.transactionId !== undefined) {
        const tx = final.transaction;
        if (tx?.transactionId !== truth.transactionId || tx.amountBase !== p.amountBase || tx.action !== p.action) {
          wrong.push(`#${p.i} ${id}: transaction ${JSON.stringify(tx)} is not PayJunction's ${JSON.stringify(truth)}`);
        }
      }
      if (r.stuckAtEnd !== undefined && r.stuckAtEnd !== 'COMPLETE') {
        wrong.push(
          `#${p.i} ${id}: final ${final.outcome}, but the terminal was still ${r.stuckAtEnd}: the relay did not send it back`,
        );
      }
    }

    const calls = await world.control('GET', 'calls');
    const requestPayments = (calls.calls as { method: string; path: string }[]).filter(
      (c) => c.method === 'POST' && c.path.endsWith('/request-payment'),
    ).length;
    const polls = (calls.calls as { method: string; path: string }[]).filter(
      (c) => c.method === 'GET' && c.path.startsWith('/smartterminals/requests/'),
    ).length;
    const { deliveries } = await world.control('GET', 'deliveries');
    const dropped = (deliveries as { error?: string }[]).filter((d) => d.error === 'dropped (test fault)').length;

    for (const name of ['approved', 'declined', 'busy', 'no_connection', 'cancelled', 'timeout', 'error', 'in_doubt'])
      figures.set(`final ${name}`, outcomes.get(name) ?? 0);
    figures.set('wrong finals', wrong.length);
    figures.set('stream problems (version backwards/twice, finals ≠ 1)', streamIssues.length);
    figures.set('SSE viewers', viewers);
    figures.set('duplicate POSTs (same key)', duplicatePosts);
    figures.set(
      'cardholder cancels / stuck terminals asked',
      `${plans.filter((p) => p.control === 'cardholder_cancel').length} / ${plans.filter((p) => p.control === 'never_finish').length}`,
    );
    figures.set('request-payment calls at PayJunction', requestPayments);
    figures.set('status polls at PayJunction', polls);
    figures.set('webhook deliveries (dropped)', `${deliveries.length} (${dropped})`);

    const leaks = scanAll(
      [
        ['responses', world.capture.texts.join('\n')],
        ['relay log', world.t.logs()],
      ],
      { secrets: [world.secrets] },
    );
    figures.set('leaks', leaks.length);

    assert.deepEqual(wrong, [], `wrong finals:\n${wrong.slice(0, 20).join('\n')}`);
    assert.deepEqual(streamIssues, [], `stream problems:\n${streamIssues.slice(0, 20).join('\n')}`);
    assert.equal(requestPayments, PAYMENTS, 'one request-payment per key, however often it was POSTed');
    assert.ok(
      (outcomes.get('approved') ?? 0) > 0 && (outcomes.get('declined') ?? 0) > 0,
      'both approvals and declines happened',
    );
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  },
);
