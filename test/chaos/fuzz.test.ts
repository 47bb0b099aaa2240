/**
 * Part 5, fuzz (fast-check): thousands of bodies per endpoint — near-valid bodies with one or more
 * fields broken, arbitrary JSON, broken JSON, wrong content types, bad Idempotency-Keys, oversized
 * bodies — and webhooks unsigned, wrongly signed, and signed but garbage. For every answer: no 5xx,
 * and every error in the contract's shape `{error:{code,message,fields?}}`. The simulator's call log
 * is read in-process after each case: a body the relay refused never started anything at
 * PayJunction, and an accepted one started exactly one thing. Webhooks that are unsigned, wrongly
 * signed or garbage change no snapshot. Cases go through `stub.fetch` (in-process Request/Response);
 * a share of each endpoint's cases goes over real HTTP too.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CallRecord } from '../../server-stub/simulator/index.js';
import { localToday } from '../../src/protocol/card.js';
import { fromCents } from '../../src/protocol/money.js';
import {
  BACK_OFFICE_OFFLINE,
  DRIVE_THRU,
  FRONT_COUNTER,
  Figures,
  SEED,
  follow,
  http,
  newKey,
  postJson,
  sized,
  sleep,
  startWorld,
  type World,
} from './harness.js';
import { describeLeaks, luhnValid, scanAll } from './leaks.js';

const RUNS = sized(300, 10_000);
/** Cases per endpoint that also go over real HTTP (the rest in-process). */
const HTTP_RUNS = Math.max(30, Math.floor(RUNS / 10));

const figures = new Figures('fuzz');
let world: World;
/** Requests held live on both terminals for the whole file (cardholder never finishes). */
const live: string[] = [];
let ended: string;
/** What the fuzz sent that must never come back: for the leak scan. */
const sentCards = new Set<string>();
const sentCvvs = new Set<string>();
const sentAccounts = new Set<string>();

before(async () => {
  world = await startWorld({
    speed: 50,
    // Valid fuzz bodies start real requests; nothing may time out the held ones while the fuzz runs.
    stub: { timings: { requestTimeoutMs: 3_600_000, webhookSilenceMs: 5_000 }, minIntervalMs: 0 },
  });
  figures.set('seed', SEED);
  const { t } = world;
  const done = await postJson(world.capture, `${t.api}/payments`, { smartTerminalId: FRONT_COUNTER, amountBase: '3.21' }, { 'Idempotency-Key': newKey('fuzz-ended') });
  ended = done.json.requestId;
  await follow(world.capture, () => `${t.api}/requests/${ended}/events`, {});
  for (const terminal of [FRONT_COUNTER, DRIVE_THRU]) {
    await world.control('POST', `devices/${terminal}/next-outcome`, { outcome: 'never_finish' });
    const r = await postJson(world.capture, `${t.api}/payments`, { smartTerminalId: terminal, amountBase: '4.56' }, { 'Idempotency-Key': newKey('fuzz-live') });
    live.push(r.json.requestId);
  }
  for (const id of live) {
    for (let i = 0; (await world.control('GET', `requests/${id}`)).status !== 'IN_PROGRESS'; i++) {
      if (i > 400) throw new Error('the held request never started');
      await sleep(10);
    }
  }
}, { timeout: 60_000 });

after(async () => {
  figures.print();
  await world?.close();
});

// ─── Sending a case, in-process or over HTTP ────────────────────────────────────────────────

interface Case {
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

async function send(c: Case, overHttp: boolean): Promise<Answer> {
  const { t } = world;
  const url = `${t.origin}${c.path}`;
  const init: RequestInit = { method: 'POST', headers: c.headers, body: c.body as BodyInit };
  // In-process cases can resolve on microtasks alone; yield so timers and sockets keep running (a
  // starved loop lets keep-alive sockets expire unseen, and the next real fetch meets a closed one).
  if (!overHttp) await new Promise((resolve) => setImmediate(resolve));
  const res = overHttp ? await fetch(url, init) : await t.stub.fetch(new Request(url, init));
  const text = await res.text();
  world.capture.add(text);
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

const ERROR_KEYS = new Set(['code', 'message', 'fields', 'decline']);

/** The contract's error shape, exactly. */
function errorShapeProblem(a: Answer): string | undefined {
  if (!/^application\/json/.test(a.contentType)) return `content-type ${a.contentType}`;
  let body: any;
  try {
    body = JSON.parse(a.text);
  } catch {
    return 'not JSON';
  }
  if (!body || typeof body !== 'object' || Object.keys(body).join() !== 'error') return `top-level keys ${Object.keys(body ?? {}).join()}`;
  const e = body.error;
  if (!e || typeof e !== 'object') return 'error is not an object';
  for (const k of Object.keys(e)) if (!ERROR_KEYS.has(k)) return `unexpected key error.${k}`;
  if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code)) return `code ${JSON.stringify(e.code)}`;
  if (typeof e.message !== 'string' || e.message.trim() === '' || e.message.length > 2000) return 'message';
  if (e.fields !== undefined) {
    if (!Array.isArray(e.fields) || e.fields.length === 0) return 'fields is not a non-empty array';
    for (const f of e.fields) {
      if (!f || typeof f.field !== 'string' || typeof f.message !== 'string' || !['required', 'invalid'].includes(f.type) || Object.keys(f).length !== 3) {
        return `field error ${JSON.stringify(f)}`;
      }
    }
  }
  return undefined;
}

/** The simulator's calls since `from` that create something (a request on a terminal, a schedule). */
function creatingCalls(from: number, path: RegExp): CallRecord[] {
  return world.sim.simulator.state.calls.slice(from).filter((c) => c.method === 'POST' && path.test(c.path));
}

interface Tally {
  cases: number;
  accepted: number;
  refused: Map<string, number>;
  overHttp: number;
  refusedUpstream: number;
}

function tally(): Tally {
  return { cases: 0, accepted: 0, refused: new Map(), overHttp: 0, refusedUpstream: 0 };
}

function report(name: string, t: Tally): void {
  figures.set(`${name}: cases (over real HTTP)`, `${t.cases} (${t.overHttp})`);
  figures.set(`${name}: accepted / refused`, `${t.accepted} / ${[...t.refused.values()].reduce((a, b) => a + b, 0)}`);
  figures.set(`${name}: refusals by code`, [...t.refused].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', '));
  if (t.refusedUpstream > 0) figures.set(`${name}: let through, then refused by PayJunction`, t.refusedUpstream);
}

/**
 * Runs one case and checks what every endpoint owes: no 5xx; errors in the contract's shape; a
 * refusal started nothing at PayJunction; an acceptance started exactly one thing.
 */
async function check(
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
  const a = await send(c, overHttp);
  t.cases += 1;
  if (overHttp) t.overHttp += 1;
  assert.ok(a.status < 500, `5xx: ${a.status} ${a.text}`);
  const made = creates ? creatingCalls(from, creates) : [];
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
  for (const call of made) assert.ok(call.status >= 400, `refused (${a.status} ${code}) but PayJunction started ${call.path} (${call.status})`);
  if (made.length > 0) {
    // Only what PayJunction alone can judge may reach it: a Smart Terminal that does not exist, a card it declines.
    assert.ok(upstreamRefusals.includes(code), `PayJunction was asked (${made.map((m) => `${m.path} ${m.status}`).join()}) for a body the relay refused: ${a.text}`);
    t.refusedUpstream += 1;
  }
  return a;
}

// ─── Arbitraries ────────────────────────────────────────────────────────────────────────────

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\n', '../../', '%2e%2e', '<script>', "' OR 1=1 --", '\u202e', '🙂', 'null', 'undefined', '__proto__', 'constructor'),
  fc.string({ minLength: 200, maxLength: 2_000 }),
);
const anyValue = fc.oneof(fc.anything(), weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
/** Amounts PayJunction takes (any of them may approve or decline). */
const goodMoney = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000 }).map((c) => fromCents(c)),
  fc.constantFrom('12.5', '.05', '1000000.00', '00012.50', ' 7.00 ', '7'),
);
const badMoney = fc.oneof(
  fc.constantFrom('0', '0.00', '-1.00', '1e3', '1,000.00', '$5', '1000000.01', '7.000', 'NaN', 'Infinity', '0x10', '1_000', '١٢'),
  fc.double().map(String),
  fc.integer({ min: -1_000, max: 0 }),
  weirdString,
);
const goodTerminal = fc.constantFrom(FRONT_COUNTER, DRIVE_THRU, BACK_OFFICE_OFFLINE);
const badTerminal = fc.oneof(
  // Well-formed ids of terminals that do not exist: only PayJunction can tell (404).
  fc.uuid(),
  fc.constantFrom('x'.repeat(65), 'a/b', '', '..', '%2F'),
  weirdString,
);

/** A field: mostly a good value, else a bad one, anything at all, or absent. */
const field = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown> = weirdString) =>
  fc.oneof({ weight: 24, arbitrary: good }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: anyValue }, { weight: 1, arbitrary: fc.constant(undefined) });
/** An optional field: absent half the time. */
const optional = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown> = weirdString) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: anyValue });

/** A near-valid object: each field mostly good; now and then extra fields, prototype keys among them. */
function mutated(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(weirdString, fc.constantFrom('__proto__', 'constructor', 'prototype')), anyValue, { maxKeys: 3 }) },
  );
  return fc.tuple(fc.record(fields), extra).map(([base, more]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(more)) out[k] = v;
    for (const [k, v] of Object.entries(base)) if (v !== undefined) out[k] = v;
    return out;
  });
}

/** A body: mostly JSON of a (mutated) object, else arbitrary JSON, broken JSON, or too big. */
function bodyOf(object: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: object.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: fc.json() },
    { weight: 1, arbitrary: weirdString },
    { weight: 1, arbitrary: object.map((o) => JSON.stringify(o).slice(0, -1)) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '"x"', '{"a":', '\uFEFF{}', `{"pad":"${'x'.repeat(20_000)}"}`) },
  );
}

const contentType = fc.oneof(
  { weight: 10, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonp', 'APPLICATION/JSON') },
);

const idempotencyKey = fc.oneof(
  { weight: 10, arbitrary: fc.constant('fresh') },
  { weight: 2, arbitrary: fc.constantFrom('none', 'short', 'bad chars', 'too long', 'reused') },
);
/** One key used with many bodies: the first valid one starts a payment, the same body again answers it, another body is a conflict. */
const reusedKey = newKey('fuzz-reused');

function keyHeader(kind: string): Record<string, string> {
  switch (kind) {
    case 'fresh':
      return { 'Idempotency-Key': newKey('fuzz') };
    case 'none':
      return {};
    case 'short':
      return { 'Idempotency-Key': 'abc' };
    case 'bad chars':
      return { 'Idempotency-Key': 'key with spaces/and/slashes' };
    case 'too long':
      return { 'Idempotency-Key': 'k'.repeat(129) };
    default:
      return { 'Idempotency-Key': reusedKey };
  }
}

/** Luhn-valid random card numbers: found later anywhere, they can only be this run's. */
function cardNumber(random: () => number): string {
  const digits = ['4', ...Array.from({ length: 14 }, () => String(Math.floor(random() * 10)))];
  for (let check = 0; check < 10; check++) {
    if (luhnValid(digits.join('') + check)) return digits.join('') + check;
  }
  throw new Error('no check digit');
}

// ─── The endpoints ─────────────────────────────────────────────────────────────────────────

const fcOptions = (n: number, salt: number) => ({ numRuns: n, seed: SEED + salt, endOnFailure: true, includeErrorInReport: true });

describe('fuzzed bodies', () => {
  test(`POST /pj/payments: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const payment = mutated({
      smartTerminalId: field(goodTerminal, badTerminal),
      amountBase: field(goodMoney, badMoney),
      amountTip: optional(goodMoney, badMoney),
      amountTax: optional(goodMoney, badMoney),
      amountShipping: optional(goodMoney, badMoney),
      invoiceNumber: optional(fc.string({ minLength: 1, maxLength: 32 })),
      action: optional(fc.constantFrom('CHARGE', 'REFUND', 'charge'), fc.constantFrom('VOID', 'AUTH', '')),
    });
    const arb = fc.record({ body: bodyOf(payment), type: contentType, key: idempotencyKey });
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arb, async ({ body, type, key }) => {
          await check({ path: '/pj/payments', headers: { ...(type ? { 'Content-Type': type } : {}), ...keyHeader(key) }, body }, /\/request-payment$/, [202], t, overHttp, key === 'reused');
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 1),
      );
    }
    report('payments', t);
  });

  for (const kind of ['signature', 'prompt', 'input'] as const) {
    test(`POST /pj/smart-terminals/:id/${kind}: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
      const t = tally();
      const fields: Record<string, fc.Arbitrary<unknown>> =
        kind === 'signature'
          ? { terms: field(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('', '   ', 'x'.repeat(10_001))) }
          : kind === 'prompt'
            ? {
                text: field(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('', '   ', 'x'.repeat(10_001))),
                buttons: field(
                  fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
                  fc.oneof(fc.constant([]), fc.array(fc.oneof(fc.string({ maxLength: 12 }), anyValue), { minLength: 1, maxLength: 5 })),
                ),
              }
            : { type: optional(fc.constantFrom('PHONE', 'phone'), fc.constantFrom('EMAIL', 'ZIP')) };
      const arb = fc.record({
        id: fc.oneof({ weight: 6, arbitrary: goodTerminal }, { weight: 1, arbitrary: badTerminal }),
        body: bodyOf(mutated(fields)),
        type: contentType,
        key: fc.constantFrom('none', 'fresh'),
      });
      for (const overHttp of [false, true]) {
        await fc.assert(
          fc.asyncProperty(arb, async ({ id, body, type, key }) => {
            await check(
              { path: `/pj/smart-terminals/${encodeURIComponent(id)}/${kind}`, headers: { ...(type ? { 'Content-Type': type } : {}), ...keyHeader(key) }, body },
              new RegExp(`/request-${kind}$`),
              [202],
              t,
              overHttp,
            );
          }),
          fcOptions(overHttp ? HTTP_RUNS : RUNS, 2 + kind.length),
        );
      }
      report(kind, t);
    });
  }

  test(`POST /pj/schedules: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const today = localToday();
    const nextYear = String(Number(today.slice(0, 4)) + 1);
    const card = fc.integer({ min: 0, max: 2 ** 31 }).map((seed) => {
      let s = seed;
      const n = cardNumber(() => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31));
      sentCards.add(n);
      return n;
    });
    const cvv = fc.integer({ min: 100, max: 9999 }).map((n) => {
      sentCvvs.add(String(n));
      return String(n);
    });
    const account = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => {
      const a = `7${n}${String(n).slice(0, 4)}`; // 13 digits starting with 7: never card-like
      sentAccounts.add(a);
      return a;
    });
    // Amounts up to 4,999.00: above, labs declines the pre-authorization.
    const scheduleMoney = fc.integer({ min: 17, max: 4_999_00 }).map((c) => fromCents(c));
    const cardSchedule = mutated({
      cardNumber: field(card, fc.constantFrom('4444333322221112', '1234', '4444-3333')),
      cardExpMonth: field(fc.constantFrom('12', '1', '06', 7), fc.constantFrom('13', '0')),
      cardExpYear: field(fc.constant(nextYear), fc.constantFrom('2020', '99')),
      cardCvv: optional(cvv, fc.constantFrom('12', '12345', 'abc')),
      amountBase: field(scheduleMoney, badMoney),
      scheduleType: fc.constant('PERIODIC'),
      interval: field(fc.constantFrom('DAY', 'WEEK', 'MONTH', 'YEAR'), fc.constantFrom('FORTNIGHT', 'month')),
      intervalCount: field(fc.integer({ min: 1, max: 12 }).map(String), fc.constantFrom('0', '-1', '1.5')),
      intervalCap: optional(fc.integer({ min: 1, max: 99 })),
      startDate: field(fc.constant(today), fc.constantFrom('2020-01-01', '2030-02-30', 'tomorrow')),
      billingFirstName: optional(fc.constant('Jane'), fc.constant('J'.repeat(17))),
      billingLastName: optional(fc.constant('Doe')),
      billingEmail: optional(fc.emailAddress(), fc.constantFrom('not-an-email', 'a@b')),
    });
    const achSchedule = mutated({
      achRoutingNumber: field(fc.constantFrom('104000016', '121000358', '021000021'), fc.constantFrom('123456789', '10400001')),
      achAccountNumber: field(account, fc.constantFrom('12a4', '1'.repeat(18))),
      achAccountType: field(fc.constantFrom('CHECKING', 'SAVINGS')),
      achType: field(fc.constant('PPD'), fc.constant('CCD')),
      billingFirstName: field(fc.constant('Jane')),
      billingLastName: field(fc.constant('Doe')),
      billingCompanyName: optional(fc.constant('Acme Widgets LLC')),
      amountBase: field(scheduleMoney, badMoney),
      scheduleType: field(fc.constant('PERIODIC'), fc.constant('SPECIFIC_DATES')),
      interval: fc.constant('MONTH'),
      intervalCount: fc.constant('1'),
      startDate: fc.constant(today),
      bypassDuplicate: optional(fc.boolean()),
    });
    const arb = fc.record({ body: bodyOf(fc.oneof(cardSchedule, achSchedule)), type: contentType });
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arb, async ({ body, type }) => {
          await check({ path: '/pj/schedules', headers: type ? { 'Content-Type': type } : {}, body }, /^\/schedules$/, [201], t, overHttp, false, ['preauth_declined', 'duplicate_schedule']);
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 20),
      );
    }
    report('schedules', t);
  });

  test(`POST /pj/requests/:id/cancel: ${RUNS} cases`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const arb = fc.record({
      // Not the held requests: cancelling them is a real, allowed change (the webhook test needs them live).
      id: fc.oneof(fc.constant(ended), fc.uuid(), fc.constantFrom('doubt-x', '..', '%00', 'a'.repeat(65)), weirdString),
      body: fc.oneof(fc.constant(''), fc.json(), weirdString),
      type: contentType,
    });
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arb, async ({ id, body, type }) => {
          const from = world.sim.simulator.state.calls.length;
          const a = await check({ path: `/pj/requests/${encodeURIComponent(id)}/cancel`, headers: type ? { 'Content-Type': type } : {}, body }, undefined, [202], t, overHttp);
          // Only an ended request or none at all: the terminal is never touched.
          assert.equal(creatingCalls(from, /\/main$/).length, 0, 'a cancel of no live request reached the terminal');
          if (a.status === 202) assert.equal(JSON.parse(a.text).requestId, ended);
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 30),
      );
    }
    report('cancel', t);
  });
});

// ─── Webhooks ──────────────────────────────────────────────────────────────────────────────

describe('fuzzed webhooks', () => {
  test(`POST /pj/webhooks/payjunction: ${RUNS} unsigned, wrongly signed and signed-garbage deliveries change nothing`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const { t } = world;
    const secret = world.secrets.webhookSecret;
    const watched = [...live, ended];
    const snapshotsNow = async () => Promise.all(watched.map(async (id) => (await http(world.capture, `${t.api}/requests/${id}`)).json));
    const beforeAll = await snapshotsNow();
    const sign = (raw: Uint8Array | string, key = secret) => createHmac('sha256', key).update(raw).digest('hex');

    /** A delivery that WOULD end a held payment as approved, if the relay believed it. */
    const harmful = fc.record({
      requestId: fc.constantFrom(...watched),
      status: fc.constantFrom('COMPLETE', 'BUSY', 'NO_CONNECTION', 'IN_PROGRESS'),
      transactionId: fc.option(fc.integer({ min: 10_001, max: 10_100 }), { nil: undefined }),
    }).map((data) => JSON.stringify({ id: `evt-${randomBytes(8).toString('hex')}`, created: new Date().toISOString(), type: 'SMARTTERMINAL_REQUEST', data }));

    /** Signed, but nothing a real delivery about these requests could be. */
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      weirdString,
      fc.json(),
      fc.constantFrom('', '{}', '[]', 'null', '{"id":1,"type":"SMARTTERMINAL_REQUEST"}', '{"id":"e","type":"SMARTTERMINAL_REQUEST","data":null}', '{"id":"e","type":"SMARTTERMINAL_REQUEST","data":[]}'),
      fc
        .record({
          id: fc.oneof(fc.string(), anyValue),
          type: fc.oneof(fc.constantFrom('SMARTTERMINAL_REQUEST', 'TRANSACTION', 'smartterminal_request'), anyValue),
          data: fc.oneof(
            anyValue,
            // About the held requests, with statuses PayJunction never sends: ignored whole.
            fc.record({ requestId: fc.constantFrom(...watched), status: fc.oneof(fc.constantFrom('complete', 'DONE', '', 'APPROVED', 'COMPLETE ', 'toString'), anyValue), transactionId: fc.option(anyValue, { nil: undefined }) }),
            // About requests nobody started (another integration's): remembered, never applied.
            fc.record({ requestId: fc.uuid(), status: fc.constantFrom('COMPLETE', 'IN_PROGRESS', 'BUSY'), transactionId: fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: undefined }) }),
          ),
        })
        .map((e) => JSON.stringify(e)),
      fc.constant(JSON.stringify({ id: 'big', type: 'SMARTTERMINAL_REQUEST', data: { pad: 'x'.repeat(70_000) } })),
    );

    const delivery = fc.oneof(
      fc.record({ kind: fc.constant('unsigned' as const), raw: fc.oneof(harmful, garbage) }),
      fc.record({
        kind: fc.constant('wrongly signed' as const),
        raw: fc.oneof(harmful, garbage),
        how: fc.constantFrom('other secret', 'random hex', 'other body', 'one byte off', 'truncated', 'empty', 'sha1 length', 'spaces'),
      }),
      fc.record({ kind: fc.constant('signed garbage' as const), raw: garbage }),
    );

    const t2 = tally();
    const statuses = new Map<string, Map<number, number>>();
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(delivery, async (d) => {
          const raw = Buffer.from(d.raw, 'utf8');
          const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'PayJunction WebHook' };
          if (d.kind === 'signed garbage') headers['X-Pj-Signature'] = sign(raw);
          if (d.kind === 'wrongly signed') {
            const right = sign(raw);
            headers['X-Pj-Signature'] = {
              'other secret': sign(raw, `${secret}x`),
              'random hex': randomBytes(32).toString('hex'),
              'other body': sign(Buffer.concat([raw, Buffer.from(' ')])),
              'one byte off': right.slice(0, -1) + (right.endsWith('0') ? '1' : '0'),
              truncated: right.slice(0, 63),
              empty: '',
              'sha1 length': right.slice(0, 40),
              spaces: right.split('').join(' '),
            }[(d as { how: string }).how]!;
          }
          const a = await send({ path: '/pj/webhooks/payjunction', headers, body: raw }, overHttp);
          t2.cases += 1;
          if (overHttp) t2.overHttp += 1;
          const byKind = statuses.get(d.kind) ?? new Map<number, number>();
          byKind.set(a.status, (byKind.get(a.status) ?? 0) + 1);
          statuses.set(d.kind, byKind);
          assert.ok(a.status < 500, `5xx: ${a.status} ${a.text}`);
          if (a.status >= 400) assert.equal(errorShapeProblem(a), undefined, a.text);
          if (d.kind !== 'signed garbage') assert.ok(a.status === 401 || a.status === 413, `${d.kind} delivery answered ${a.status}: ${a.text}`);
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 40),
      );
    }
    // Deliveries are handled after the answer: give the relay a moment, then nothing may have moved.
    await sleep(500);
    const afterAll = await snapshotsNow();
    for (const [kind, byStatus] of statuses) figures.set(`webhooks ${kind}: answers`, [...byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(', '));
    figures.set('webhooks: cases (over real HTTP)', `${t2.cases} (${t2.overHttp})`);
    const changed = afterAll.filter((s, i) => JSON.stringify(s) !== JSON.stringify(beforeAll[i])).length;
    figures.set('webhooks: snapshots changed by them', changed);
    assert.deepEqual(afterAll, beforeAll, 'no unsigned, wrongly signed or garbage webhook changed a request');
    for (const id of live) assert.equal((await world.control('GET', `requests/${id}`)).status, 'IN_PROGRESS');
  });

  test('what the fuzz got back and what the relay logged leaks nothing', () => {
    const leaks = scanAll([['responses', world.capture.texts.join('\n')], ['relay log', world.t.logs()]], {
      secrets: [world.secrets],
      cards: [...sentCards],
      cvvs: [...sentCvvs],
      accounts: [...sentAccounts],
    });
    figures.set('card numbers / CVVs / bank accounts sent', `${sentCards.size} / ${sentCvvs.size} / ${sentAccounts.size}`);
    figures.set('leaks', leaks.length);
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  });
});
