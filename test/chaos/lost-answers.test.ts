/**
 * Part 2, lost answers: the fault proxy between the relay and the simulator stalls, resets and cuts
 * the answers of request-payment calls at random, after the simulator acted on them. Every key is
 * retried with the same key (some by 3–5 callers at once): PayJunction must see exactly one
 * request-payment per key, and each key must end with its real outcome — the simulator's
 * transaction for that attempt, found by its amount, which is unique per key — or `in_doubt`.
 * Payments run one at a time per terminal, so the relay's reconciliation can find them; a last
 * phase drops every webhook, so nothing can be found and the relay must say `in_doubt`.
 * Then late results: a transaction that can only be read after the relay gave the payment an open
 * end (`error`, `in_doubt`) must still replace that end with its own outcome during the late watch.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromCents } from '../../src/protocol/money.js';
import { isFinalSnapshot, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
import type { FaultMode } from '../helpers/fault-proxy.js';
import {
  FRONT_COUNTER,
  Figures,
  ONLINE_TERMINALS,
  SEED,
  allTransactions,
  newKey,
  perSecond,
  postJson,
  rightFinals,
  seededRandom,
  sized,
  sleep,
  startWorld,
  truthOf,
  type World,
} from './harness.js';
import { follow, streamProblems } from './streams.js';
import { describeLeaks, scanAll } from './leaks.js';

const KEYS = sized(24, 300);
const BLIND_KEYS = sized(2, 10);
const DECLINE_CODES = ['05', '51', '54', '14', '61'];

interface KeyRun {
  key: string;
  lane: number;
  smartTerminalId: string;
  amountBase: string;
  fault?: FaultMode;
  declineCode?: string;
  copies: number;
  blind: boolean;
  requestIds: string[];
  statuses: number[];
  firstInDoubt: boolean;
  final?: RequestSnapshot;
  problems: string[];
}

const figures = new Figures('lost answers');
let world: World;

before(async () => {
  world = await startWorld({
    speed: 20,
    proxy: true,
    stub: {
      // A stalled answer is given up after 1.5 s; a lost attempt is looked for 4 s, then watched 2 s more.
      upstreamTimeoutMs: 1_500,
      timings: {
        doubtWindowMs: 4_000,
        lateWatchMs: 2_000,
        webhookSilenceMs: 2_000,
        requestTimeoutMs: 15_000,
        attemptLeaseMs: 3_000,
      },
    },
  });
});

after(async () => {
  figures.print();
  await world?.close();
});

/** One key on one terminal, start to end; the next key on this terminal waits for it. */
async function runKey(k: KeyRun): Promise<void> {
  const { t, proxy } = world;
  if (k.declineCode)
    await world.control('POST', `devices/${k.smartTerminalId}/next-outcome`, {
      outcome: 'decline',
      code: k.declineCode,
    });
  if (k.fault)
    proxy!.add({ method: 'POST', pathEndsWith: `/${k.smartTerminalId}/request-payment`, mode: k.fault, count: 1 });
  const body = { smartTerminalId: k.smartTerminalId, amountBase: k.amountBase, invoiceNumber: k.key.slice(-20) };
  const post = () => postJson(world.capture, `${t.api}/payments`, body, { 'Idempotency-Key': k.key });
  // The first try, by `copies` callers at once (a double click, two tabs, a retrying proxy).
  const first = await Promise.all(Array.from({ length: k.copies }, post));
  // Then "try again" twice with the same key, as a page does when it did not hear back.
  const retries = [await post(), await post()];
  for (const a of [...first, ...retries]) {
    k.statuses.push(a.status);
    if (a.status === 202) k.requestIds.push(a.json.requestId);
    else k.problems.push(`POST answered ${a.status}: ${a.text}`);
  }
  k.firstInDoubt = first.some((a) => a.json?.inDoubt === true);
  const id = k.requestIds[0];
  if (!id) return;
  if (new Set(k.requestIds).size !== 1) k.problems.push(`one key named ${new Set(k.requestIds).size} requests`);
  const followed = await follow(world.capture, () => `${t.api}/requests/${id}/events`, { timeoutMs: 60_000 });
  k.problems.push(...streamProblems(followed.snapshots));
  k.final = followed.snapshots.at(-1);
  const after = await post();
  if (after.json?.requestId !== id) k.problems.push(`after the end the key named ${after.json?.requestId}`);
}

test(
  `${KEYS} keys with lost answers: one request-payment each, every final real or in_doubt`,
  { timeout: sized(240_000, 1_800_000) },
  async () => {
    const random = seededRandom(SEED + 2);
    figures.set('seed', SEED);
    const modes: FaultMode[] = ['stall', 'reset', 'truncate'];
    const runs: KeyRun[] = [];
    for (let i = 0; i < KEYS + BLIND_KEYS; i++) {
      const blind = i >= KEYS;
      const lane = i % ONLINE_TERMINALS.length;
      const r = random();
      runs.push({
        key: newKey(`lost${i}`),
        lane,
        smartTerminalId: ONLINE_TERMINALS[lane]!,
        // Unique per key (never a trigger amount): the simulator's transaction names its key.
        amountBase: fromCents(20_00 + i * 7),
        // Blind keys always lose their answer; the others two times in three.
        ...(blind || r < 0.67 ? { fault: blind ? 'reset' : modes[Math.floor(random() * modes.length)]! } : {}),
        ...(random() < 0.3 ? { declineCode: DECLINE_CODES[Math.floor(random() * DECLINE_CODES.length)]! } : {}),
        copies: random() < 0.3 ? 3 + Math.floor(random() * 3) : 1,
        blind,
        requestIds: [],
        statuses: [],
        firstInDoubt: false,
        problems: [],
      });
    }

    const started = performance.now();
    // Lanes: one terminal each, one key at a time.
    await Promise.all(
      ONLINE_TERMINALS.map(async (_, lane) => {
        for (const k of runs.filter((x) => !x.blind && x.lane === lane)) await runKey(k);
      }),
    );
    // Blind phase: no webhook reaches the relay, so a lost attempt can only end in doubt.
    await world.control('POST', 'webhooks/faults', { drop: 'all' });
    try {
      await Promise.all(
        ONLINE_TERMINALS.map(async (_, lane) => {
          for (const k of runs.filter((x) => x.blind && x.lane === lane)) await runKey(k);
        }),
      );
    } finally {
      await world.control('POST', 'webhooks/faults', {});
    }
    figures.set('keys (of which webhooks all dropped)', `${runs.length} (${BLIND_KEYS})`);
    figures.set('throughput', perSecond(runs.length, started));

    // The simulator's truth: every transaction it made, by amount (one amount per key).
    const byAmount = new Map<string, any[]>();
    for (const tx of await allTransactions(world))
      byAmount.set(tx.amountBase, [...(byAmount.get(tx.amountBase) ?? []), tx]);
    const calls = (await world.control('GET', 'calls')).calls as { method: string; path: string }[];
    const requestPayments = calls.filter((c) => c.method === 'POST' && c.path.endsWith('/request-payment')).length;

    const wrong: string[] = [];
    let reconciled = 0;
    let leftInDoubt = 0;
    let answeredInDoubt = 0;
    let real = 0;
    for (const k of runs) {
      const label = `${k.key} (${k.fault ?? 'no fault'}${k.blind ? ', blind' : ''})`;
      for (const p of k.problems) wrong.push(`${label}: ${p}`);
      const final = k.final;
      if (!final || !isFinalSnapshot(final)) {
        wrong.push(`${label}: no final`);
        continue;
      }
      if (k.firstInDoubt) answeredInDoubt += 1;
      const txs = byAmount.get(k.amountBase) ?? [];
      if (txs.length > 1) wrong.push(`${label}: ${txs.length} transactions for one key`);
      const tx = txs[0];
      if (final.outcome === 'in_doubt') {
        leftInDoubt += 1;
        continue;
      }
      if (final.outcome === 'approved' || final.outcome === 'declined') {
        const approved = tx ? tx.response?.approved === true && tx.status !== 'DECLINED' : undefined;
        if (
          !tx ||
          final.transaction?.transactionId !== Number(tx.transactionId) ||
          (final.outcome === 'approved') !== approved
        ) {
          wrong.push(
            `${label}: final ${final.outcome} ${final.transaction?.transactionId ?? ''}, PayJunction made ${tx ? `${tx.transactionId} ${tx.status}` : 'no transaction'}`,
          );
          continue;
        }
        if (k.declineCode && final.outcome !== 'declined')
          wrong.push(`${label}: the terminal declined (${k.declineCode}), the final says ${final.outcome}`);
        if (final.requestId.startsWith('doubt-')) reconciled += 1;
        else real += 1;
        continue;
      }
      // Any other end: right only if PayJunction made no transaction for this key and says so.
      if (tx) {
        wrong.push(
          `${label}: final ${final.outcome}, but PayJunction made transaction ${tx.transactionId} (${tx.status})`,
        );
        continue;
      }
      const truth = final.requestId.startsWith('doubt-') ? undefined : await truthOf(world, final.requestId);
      if (!truth || !rightFinals(truth).includes(final.outcome!))
        wrong.push(
          `${label}: final ${final.outcome}, PayJunction says ${JSON.stringify(truth ?? 'nothing it can be matched to')}`,
        );
    }

    const lost = world.proxy!.lost;
    figures.set('answers lost (stall / reset / truncate)', `${lost.stall} / ${lost.reset} / ${lost.truncate}`);
    figures.set('keys POSTed by 3–5 callers at once', runs.filter((k) => k.copies > 1).length);
    figures.set(
      'POSTs in all (every key at least 4)',
      runs.reduce((n, k) => n + k.statuses.length, 0),
    );
    figures.set('request-payment calls at PayJunction', requestPayments);
    figures.set('first answer in doubt (202, inDoubt)', answeredInDoubt);
    figures.set('finals: seen directly', real);
    figures.set('finals: in doubt, then reconciled', reconciled);
    figures.set('finals: left in_doubt', leftInDoubt);
    figures.set('wrong finals', wrong.length);

    const leaks = scanAll(
      [
        ['responses', world.capture.texts.join('\n')],
        ['relay log', world.t.logs()],
      ],
      { secrets: [world.secrets] },
    );
    figures.set('leaks', leaks.length);

    assert.equal(requestPayments, runs.length, 'exactly one request-payment per key reached PayJunction');
    assert.deepEqual(wrong, [], `wrong:\n${wrong.slice(0, 20).join('\n')}`);
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  },
);

describe('late results replace open ends', () => {
  const LATE = sized(2, 5);
  let late: World;
  before(async () => {
    late = await startWorld({
      speed: 20,
      proxy: true,
      stub: {
        upstreamTimeoutMs: 1_500,
        timings: { requestTimeoutMs: 1_500, doubtWindowMs: 1_500, lateWatchMs: 20_000, webhookSilenceMs: 60_000 },
      },
    });
  });
  after(() => late?.close());

  /** Waits until the relay shows an open end (an outcome a late transaction may still replace). */
  async function openEnd(id: string): Promise<RequestSnapshot> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const s = (await snapshotOf(late, id)) as RequestSnapshot;
      if (s.outcome !== null && s.watchUntil !== undefined) return s;
      assert.ok(Date.now() < deadline, `no open end for ${id}: ${JSON.stringify(s)}`);
      await sleep(50);
    }
  }

  test(
    `${LATE} unreadable transactions end \`error\`, then approved once they can be read`,
    { timeout: sized(120_000, 300_000) },
    async () => {
      for (let i = 0; i < LATE; i++) {
        // PayJunction answers 500 to every transaction read until the relay has given up on it.
        await late.control('POST', 'faults', { status: 500, count: 100_000, path: '/transactions/' });
        const amountBase = fromCents(60_00 + i);
        const r = await postJson(
          late.capture,
          `${late.t.api}/payments`,
          { smartTerminalId: FRONT_COUNTER, amountBase },
          { 'Idempotency-Key': newKey(`late-error${i}`) },
        );
        assert.equal(r.status, 202, r.text);
        const ended = await openEnd(r.json.requestId);
        assert.equal(ended.outcome, 'error');
        await late.control('DELETE', 'faults');
        const followed = await follow(late.capture, () => `${late.t.api}/requests/${r.json.requestId}/events`, {
          timeoutMs: 60_000,
        });
        assert.deepEqual(streamProblems(followed.snapshots), []);
        const final = followed.snapshots.at(-1)!;
        const truth = await truthOf(late, r.json.requestId);
        assert.equal(final.outcome, 'approved', `final ${final.outcome} after the open end`);
        assert.equal(final.transaction?.transactionId, truth?.transactionId);
        assert.equal(final.transaction?.amountBase, amountBase);
        figures.add('late: error → approved');
      }
    },
  );

  test(
    `${LATE} lost attempts end \`in_doubt\`, then are found by webhooks that come late`,
    { timeout: sized(120_000, 300_000) },
    async () => {
      for (let i = 0; i < LATE; i++) {
        // Every webhook comes 3 s late: after the 1.5 s doubt window, inside the 20 s late watch.
        await late.control('POST', 'webhooks/faults', { delayMs: 3_000 });
        late.proxy!.add({ method: 'POST', pathEndsWith: `/${FRONT_COUNTER}/request-payment`, mode: 'reset', count: 1 });
        const amountBase = fromCents(70_00 + i);
        const r = await postJson(
          late.capture,
          `${late.t.api}/payments`,
          { smartTerminalId: FRONT_COUNTER, amountBase },
          { 'Idempotency-Key': newKey(`late-doubt${i}`) },
        );
        assert.equal(r.status, 202, r.text);
        assert.equal(r.json.inDoubt, true);
        const ended = await openEnd(r.json.requestId);
        assert.equal(ended.outcome, 'in_doubt');
        const followed = await follow(late.capture, () => `${late.t.api}/requests/${r.json.requestId}/events`, {
          timeoutMs: 60_000,
        });
        await late.control('POST', 'webhooks/faults', {});
        assert.deepEqual(streamProblems(followed.snapshots), []);
        const final = followed.snapshots.at(-1)!;
        const tx = (await allTransactions(late)).find((t) => t.amountBase === amountBase);
        assert.ok(tx, 'PayJunction charged it');
        assert.equal(final.outcome, 'approved', `final ${final.outcome} after in_doubt`);
        assert.equal(final.transaction?.transactionId, Number(tx.transactionId));
        figures.add('late: in_doubt → approved');
      }
    },
  );
});

async function snapshotOf(w: World, id: string): Promise<unknown> {
  const res = await fetch(`${w.t.api}/requests/${id}`);
  const text = await res.text();
  w.capture.add(text);
  return JSON.parse(text);
}
