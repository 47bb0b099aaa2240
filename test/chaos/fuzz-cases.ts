/**
 * The fuzz files' shared parts (fuzz-bodies.test.ts, fuzz-webhooks.test.ts): a world with two payments
 * held live and one ended, and one case sent and checked against what every endpoint owes.
 */
import assert from 'node:assert/strict';
import type { CallRecord } from '../../server-stub/simulator/index.js';
import {
  DRIVE_THRU,
  FRONT_COUNTER,
  SEED,
  newKey,
  postJson,
  sized,
  sleep,
  startWorld,
  type Figures,
  type World,
} from './harness.js';
import { follow } from './streams.js';

export const RUNS = sized(300, 10_000);
/** Cases per endpoint that also go over real HTTP (the rest in-process). */
export const HTTP_RUNS = Math.max(30, Math.floor(RUNS / 10));

export const fcOptions = (n: number, salt: number) => ({
  numRuns: n,
  seed: SEED + salt,
  endOnFailure: true,
  includeErrorInReport: true,
});

export interface FuzzWorld {
  world: World;
  /** Requests held live on both terminals for the whole file (cardholder never finishes). */
  live: string[];
  /** A request that has already ended. */
  ended: string;
}

/** A relay and simulator for one fuzz file, with two payments held live and one ended. */
export async function startFuzzWorld(): Promise<FuzzWorld> {
  const world = await startWorld({
    speed: 50,
    // Valid fuzz bodies start real requests; nothing may time out the held ones while the fuzz runs.
    stub: { timings: { requestTimeoutMs: 3_600_000, webhookSilenceMs: 5_000 }, minIntervalMs: 0 },
  });
  const { t } = world;
  const done = await postJson(
    world.capture,
    `${t.api}/payments`,
    { smartTerminalId: FRONT_COUNTER, amountBase: '3.21' },
    { 'Idempotency-Key': newKey('fuzz-ended') },
  );
  const ended: string = done.json.requestId;
  await follow(world.capture, () => `${t.api}/requests/${ended}/events`, {});
  const live: string[] = [];
  for (const terminal of [FRONT_COUNTER, DRIVE_THRU]) {
    await world.control('POST', `devices/${terminal}/next-outcome`, { outcome: 'never_finish' });
    const r = await postJson(
      world.capture,
      `${t.api}/payments`,
      { smartTerminalId: terminal, amountBase: '4.56' },
      { 'Idempotency-Key': newKey('fuzz-live') },
    );
    live.push(r.json.requestId);
  }
  for (const id of live) {
    for (let i = 0; (await world.control('GET', `requests/${id}`)).status !== 'IN_PROGRESS'; i++) {
      if (i > 400) throw new Error('the held request never started');
      await sleep(10);
    }
  }
  return { world, live, ended };
}

// ─── Sending a case, in-process or over HTTP ────────────────────────────────────────────────

export interface Case {
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export async function send(world: World, c: Case, overHttp: boolean): Promise<Answer> {
  const { t } = world;
  const url = `${t.origin}${c.path}`;
  const init: RequestInit = { method: 'POST', headers: c.headers, body: c.body as BodyInit };
  // In-process cases can resolve on microtasks alone; yield so timers and sockets keep running (a
  // starved loop lets keep-alive sockets expire unseen, and the next real fetch meets a closed one).
  if (!overHttp) await new Promise((resolve) => setImmediate(resolve));
  const res = overHttp ? await fetch(url, init) : await t.server.fetch(new Request(url, init));
  const text = await res.text();
  world.capture.add(text);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

const ERROR_KEYS = new Set(['code', 'message', 'fields', 'decline']);

/** The contract's error shape, exactly. */
export function errorShapeProblem(a: Answer): string | undefined {
  if (!/^application\/json/.test(a.contentType)) return `content-type ${a.contentType}`;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return 'not JSON';
  }
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error')
    return `top-level keys ${Object.keys(body ?? {}).join()}`;
  const e = body.error;
  if (!e || typeof e !== 'object') return 'error is not an object';
  for (const k of Object.keys(e)) if (!ERROR_KEYS.has(k)) return `unexpected key error.${k}`;
  if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code)) return `code ${JSON.stringify(e.code)}`;
  if (typeof e.message !== 'string' || e.message.trim() === '' || e.message.length > 2000) return 'message';
  if (e.fields !== undefined) {
    if (!Array.isArray(e.fields) || e.fields.length === 0) return 'fields is not a non-empty array';
    for (const f of e.fields) {
      if (
        !f ||
        typeof f.field !== 'string' ||
        typeof f.message !== 'string' ||
        !['required', 'invalid'].includes(f.type) ||
        Object.keys(f).length !== 3
      ) {
        return `field error ${JSON.stringify(f)}`;
      }
    }
  }
  return undefined;
}

/** The simulator's calls since `from` that create something (a request on a terminal, a schedule). */
export function creatingCalls(world: World, from: number, path: RegExp): CallRecord[] {
  return world.sim.simulator.state.calls.slice(from).filter((c) => c.method === 'POST' && path.test(c.path));
}

export interface Tally {
  cases: number;
  accepted: number;
  refused: Map<string, number>;
  overHttp: number;
  refusedUpstream: number;
}

export function tally(): Tally {
  return { cases: 0, accepted: 0, refused: new Map(), overHttp: 0, refusedUpstream: 0 };
}

export function report(figures: Figures, name: string, t: Tally): void {
  figures.set(`${name}: cases (over real HTTP)`, `${t.cases} (${t.overHttp})`);
  figures.set(`${name}: accepted / refused`, `${t.accepted} / ${[...t.refused.values()].reduce((a, b) => a + b, 0)}`);
  figures.set(
    `${name}: refusals by code`,
    [...t.refused]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
  if (t.refusedUpstream > 0) figures.set(`${name}: let through, then refused by PayJunction`, t.refusedUpstream);
}

/**
 * Runs one case and checks what every endpoint owes: no 5xx; errors in the contract's shape; a
 * refusal started nothing at PayJunction; an acceptance started exactly one thing.
 */
export async function check(
  world: World,
  c: Case,
  creates: RegExp | undefined,
  accepted: number[],
  t: Tally,
  overHttp: boolean,
  mayRepeat = false,
  /** Refusals that only PayJunction can make, after it was asked (a terminal that does not exist, a declined card). */
  upstreamRefusals: string[] = ['unknown_terminal'],
): Promise<Answer> {
  const from = world.sim.simulator.state.calls.length;
  const a = await send(world, c, overHttp);
  t.cases += 1;
  if (overHttp) t.overHttp += 1;
  assert.ok(a.status < 500, `5xx: ${a.status} ${a.text}`);
  const made = creates ? creatingCalls(world, from, creates) : [];
  if (accepted.includes(a.status)) {
    t.accepted += 1;
    if (creates && !(mayRepeat && made.length === 0)) {
      // (A key used before with the same body answers with its request and sends nothing.)
      assert.equal(made.length, 1, `accepted (${a.status}) but PayJunction got ${made.length} creating calls`);
      assert.ok(made[0]!.status < 300, `accepted, but PayJunction refused it (${made[0]!.status})`);
    }
    return a;
  }
  const problem = errorShapeProblem(a);
  assert.equal(problem, undefined, `error shape (${problem}): ${a.status} ${a.text}`);
  const code = JSON.parse(a.text).error.code as string;
  t.refused.set(code, (t.refused.get(code) ?? 0) + 1);
  for (const call of made)
    assert.ok(
      call.status >= 400,
      `refused (${a.status} ${code}) but PayJunction started ${call.path} (${call.status})`,
    );
  if (made.length > 0) {
    // Only what PayJunction alone can judge may reach it: a Smart Terminal that does not exist, a card it declines.
    assert.ok(
      upstreamRefusals.includes(code),
      `PayJunction was asked (${made.map((m) => `${m.path} ${m.status}`).join()}) for a body the relay refused: ${a.text}`,
    );
    t.refusedUpstream += 1;
  }
  return a;
}
