/**
 * Part 5, fuzz (fast-check), the bodies: thousands per endpoint — near-valid bodies with one or more
 * fields broken, arbitrary JSON, broken JSON, wrong content types, bad Idempotency-Keys, oversized
 * bodies. For every answer: no 5xx, and every error in the contract's shape
 * `{error:{code,message,fields?}}`. The simulator's call log is read in-process after each case: a body
 * the relay refused never started anything at PayJunction, and an accepted one started exactly one
 * thing. Cases go through `stub.fetch` (in-process Request/Response); a share of each endpoint's cases
 * goes over real HTTP too. The webhooks are fuzzed in fuzz-webhooks.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localToday } from '../../src/protocol/card.js';
import { fromCents } from '../../src/protocol/money.js';
import {
  anyValue,
  badMoney,
  badTerminal,
  bodyOf,
  cardNumber,
  contentType,
  field,
  goodMoney,
  goodTerminal,
  idempotencyKey,
  keyHeader,
  mutated,
  optional,
  weirdString,
} from './fuzz-arbitraries.js';
import {
  HTTP_RUNS,
  RUNS,
  check,
  creatingCalls,
  fcOptions,
  report,
  startFuzzWorld,
  tally,
  type FuzzWorld,
} from './fuzz-cases.js';
import { Figures, SEED, sized } from './harness.js';
import { describeLeaks, scanAll } from './leaks.js';

const figures = new Figures('fuzz: bodies');
/** What the fuzz sent that must never come back: for the leak scan. */
const sentCards = new Set<string>();
const sentCvvs = new Set<string>();
const sentAccounts = new Set<string>();

let fuzz: FuzzWorld;

before(
  async () => {
    fuzz = await startFuzzWorld();
    figures.set('seed', SEED);
  },
  { timeout: 60_000 },
);

after(async () => {
  figures.print();
  await fuzz?.world.close();
});

describe('fuzzed bodies', () => {
  test(`POST /pj/payments: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const payment = mutated({
      smartTerminalId: field(goodTerminal, badTerminal),
      amountBase: field(goodMoney, badMoney),
      // A tip amount is refused by name (the terminal asks the customer); allowTips is a boolean.
      amountTip: optional(goodMoney, badMoney),
      allowTips: optional(fc.boolean(), fc.constantFrom('yes', 1, 'true', null)),
      amountTax: optional(goodMoney, badMoney),
      amountShipping: optional(goodMoney, badMoney),
      invoiceNumber: optional(fc.string({ minLength: 1, maxLength: 32 })),
      action: optional(fc.constantFrom('CHARGE', 'REFUND', 'charge'), fc.constantFrom('VOID', 'AUTH', '')),
    });
    const arb = fc.record({ body: bodyOf(payment), type: contentType, key: idempotencyKey });
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arb, async ({ body, type, key }) => {
          await check(
            fuzz.world,
            { path: '/pj/payments', headers: { ...(type ? { 'Content-Type': type } : {}), ...keyHeader(key) }, body },
            /\/request-payment$/,
            [202],
            t,
            overHttp,
            key === 'reused',
          );
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 1),
      );
    }
    report(figures, 'payments', t);
  });

  for (const kind of ['signature', 'prompt', 'input'] as const) {
    test(`POST /pj/smart-terminals/:id/${kind}: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
      const t = tally();
      const fields: Record<string, fc.Arbitrary<unknown>> = kind === 'signature'
        ? { terms: field(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('', '   ', 'x'.repeat(10_001))) }
        : kind === 'prompt'
          ? {
              text: field(fc.string({ minLength: 1, maxLength: 300 }), fc.constantFrom('', '   ', 'x'.repeat(10_001))),
              buttons: field(
                fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
                fc.oneof(
                  fc.constant([]),
                  fc.array(fc.oneof(fc.string({ maxLength: 12 }), anyValue), { minLength: 1, maxLength: 5 }),
                ),
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
              fuzz.world,
              {
                path: `/pj/smart-terminals/${encodeURIComponent(id)}/${kind}`,
                headers: { ...(type ? { 'Content-Type': type } : {}), ...keyHeader(key) },
                body,
              },
              new RegExp(`/request-${kind}$`),
              [202],
              t,
              overHttp,
            );
          }),
          fcOptions(overHttp ? HTTP_RUNS : RUNS, 2 + kind.length),
        );
      }
      report(figures, kind, t);
    });
  }

  test(`POST /pj/schedules: ${RUNS} bodies`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const today = localToday();
    const nextYear = String(Number(today.slice(0, 4)) + 1);
    const card = fc.integer({ min: 0, max: 2 ** 31 }).map((seed) => {
      let s = seed;
      const n = cardNumber(() => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
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
      achRoutingNumber: field(
        fc.constantFrom('104000016', '121000358', '021000021'),
        fc.constantFrom('123456789', '10400001'),
      ),
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
          await check(
            fuzz.world,
            { path: '/pj/schedules', headers: type ? { 'Content-Type': type } : {}, body },
            /^\/schedules$/,
            [201],
            t,
            overHttp,
            false,
            ['preauth_declined', 'duplicate_schedule'],
          );
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 20),
      );
    }
    report(figures, 'schedules', t);
  });

  test(`POST /pj/requests/:id/cancel: ${RUNS} cases`, { timeout: sized(120_000, 1_800_000) }, async () => {
    const t = tally();
    const arb = fc.record({
      // Not the held requests: cancelling them is a real, allowed change (the webhook test needs them live).
      id: fc.oneof(
        fc.constant(fuzz.ended),
        fc.uuid(),
        fc.constantFrom('doubt-x', '..', '%00', 'a'.repeat(65)),
        weirdString,
      ),
      body: fc.oneof(fc.constant(''), fc.json(), weirdString),
      type: contentType,
    });
    for (const overHttp of [false, true]) {
      await fc.assert(
        fc.asyncProperty(arb, async ({ id, body, type }) => {
          const from = fuzz.world.sim.simulator.state.calls.length;
          const a = await check(
            fuzz.world,
            {
              path: `/pj/requests/${encodeURIComponent(id)}/cancel`,
              headers: type ? { 'Content-Type': type } : {},
              body,
            },
            undefined,
            [202],
            t,
            overHttp,
          );
          // Only an ended request or none at all: the terminal is never touched.
          assert.equal(
            creatingCalls(fuzz.world, from, /\/main$/).length,
            0,
            'a cancel of no live request reached the terminal',
          );
          if (a.status === 202) assert.equal(JSON.parse(a.text).requestId, fuzz.ended);
        }),
        fcOptions(overHttp ? HTTP_RUNS : RUNS, 30),
      );
    }
    report(figures, 'cancel', t);
  });

  test('what the fuzz got back and what the relay logged leaks nothing', () => {
    const leaks = scanAll(
      [
        ['responses', fuzz.world.capture.texts.join('\n')],
        ['relay log', fuzz.world.t.logs()],
      ],
      {
        secrets: [fuzz.world.secrets],
        cards: [...sentCards],
        cvvs: [...sentCvvs],
        accounts: [...sentAccounts],
      },
    );
    figures.set(
      'card numbers / CVVs / bank accounts sent',
      `${sentCards.size} / ${sentCvvs.size} / ${sentAccounts.size}`,
    );
    figures.set('leaks', leaks.length);
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  });
});
