/**
 * Part 5, fuzz (fast-check), the webhooks: thousands of deliveries unsigned, wrongly signed, and signed
 * but garbage. Every answer is below 500, every error in the contract's shape, and none of them changes
 * a snapshot (two payments are held live, one has ended). Cases go through `stub.fetch` (in-process
 * Request/Response); a share goes over real HTTP too. The bodies are fuzzed in fuzz-bodies.test.ts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyValue, weirdString } from './fuzz-arbitraries.js';
import {
  HTTP_RUNS,
  RUNS,
  errorShapeProblem,
  fcOptions,
  send,
  startFuzzWorld,
  tally,
  type FuzzWorld,
} from './fuzz-cases.js';
import { Figures, SEED, http, sized, sleep } from './harness.js';
import { describeLeaks, scanAll } from './leaks.js';

const figures = new Figures('fuzz: webhooks');

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

describe('fuzzed webhooks', () => {
  test(
    `POST /pj/webhooks/payjunction: ${RUNS} unsigned, wrongly signed and signed-garbage deliveries change nothing`,
    { timeout: sized(120_000, 1_800_000) },
    async () => {
      const { world, live, ended } = fuzz;
      const { t } = world;
      const secret = world.secrets.webhookSecret;
      const watched = [...live, ended];
      const snapshotsNow = async () =>
        Promise.all(watched.map(async (id) => (await http(world.capture, `${t.api}/requests/${id}`)).json));
      const beforeAll = await snapshotsNow();
      const sign = (raw: Uint8Array | string, key = secret) => createHmac('sha256', key).update(raw).digest('hex');

      /** A delivery that WOULD end a held payment as approved, if the relay believed it. */
      const harmful = fc
        .record({
          requestId: fc.constantFrom(...watched),
          status: fc.constantFrom('COMPLETE', 'BUSY', 'NO_CONNECTION', 'IN_PROGRESS'),
          transactionId: fc.option(fc.integer({ min: 10_001, max: 10_100 }), { nil: undefined }),
        })
        .map((data) =>
          JSON.stringify({
            id: `evt-${randomBytes(8).toString('hex')}`,
            created: new Date().toISOString(),
            type: 'SMARTTERMINAL_REQUEST',
            data,
          }),
        );

      /** Signed, but nothing a real delivery about these requests could be. */
      const garbage = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        weirdString,
        fc.json(),
        fc.constantFrom(
          '',
          '{}',
          '[]',
          'null',
          '{"id":1,"type":"SMARTTERMINAL_REQUEST"}',
          '{"id":"e","type":"SMARTTERMINAL_REQUEST","data":null}',
          '{"id":"e","type":"SMARTTERMINAL_REQUEST","data":[]}',
        ),
        fc
          .record({
            id: fc.oneof(fc.string(), anyValue),
            type: fc.oneof(fc.constantFrom('SMARTTERMINAL_REQUEST', 'TRANSACTION', 'smartterminal_request'), anyValue),
            data: fc.oneof(
              anyValue,
              // About the held requests, with statuses PayJunction never sends: ignored whole.
              fc.record({
                requestId: fc.constantFrom(...watched),
                status: fc.oneof(
                  fc.constantFrom('complete', 'DONE', '', 'APPROVED', 'COMPLETE ', 'toString'),
                  anyValue,
                ),
                transactionId: fc.option(anyValue, { nil: undefined }),
              }),
              // About requests nobody started (another integration's): remembered, never applied.
              fc.record({
                requestId: fc.uuid(),
                status: fc.constantFrom('COMPLETE', 'IN_PROGRESS', 'BUSY'),
                transactionId: fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: undefined }),
              }),
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
          how: fc.constantFrom(
            'other secret',
            'random hex',
            'other body',
            'one byte off',
            'truncated',
            'empty',
            'sha1 length',
            'spaces',
          ),
        }),
        fc.record({ kind: fc.constant('signed garbage' as const), raw: garbage }),
      );

      const t2 = tally();
      const statuses = new Map<string, Map<number, number>>();
      for (const overHttp of [false, true]) {
        await fc.assert(
          fc.asyncProperty(delivery, async (d) => {
            const raw = Buffer.from(d.raw, 'utf8');
            const headers: Record<string, string> = {
              'Content-Type': 'application/json',
              'User-Agent': 'PayJunction WebHook',
            };
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
            const a = await send(world, { path: '/pj/webhooks/payjunction', headers, body: raw }, overHttp);
            t2.cases += 1;
            if (overHttp) t2.overHttp += 1;
            const byKind = statuses.get(d.kind) ?? new Map<number, number>();
            byKind.set(a.status, (byKind.get(a.status) ?? 0) + 1);
            statuses.set(d.kind, byKind);
            assert.ok(a.status < 500, `5xx: ${a.status} ${a.text}`);
            if (a.status >= 400) assert.equal(errorShapeProblem(a), undefined, a.text);
            if (d.kind !== 'signed garbage')
              assert.ok(a.status === 401 || a.status === 413, `${d.kind} delivery answered ${a.status}: ${a.text}`);
          }),
          fcOptions(overHttp ? HTTP_RUNS : RUNS, 40),
        );
      }
      // Deliveries are handled after the answer: give the relay a moment, then nothing may have moved.
      await sleep(500);
      const afterAll = await snapshotsNow();
      for (const [kind, byStatus] of statuses)
        figures.set(
          `webhooks ${kind}: answers`,
          [...byStatus]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${s}×${n}`)
            .join(', '),
        );
      figures.set('webhooks: cases (over real HTTP)', `${t2.cases} (${t2.overHttp})`);
      const changed = afterAll.filter((s, i) => JSON.stringify(s) !== JSON.stringify(beforeAll[i])).length;
      figures.set('webhooks: snapshots changed by them', changed);
      assert.deepEqual(afterAll, beforeAll, 'no unsigned, wrongly signed or garbage webhook changed a request');
      for (const id of live) assert.equal((await world.control('GET', `requests/${id}`)).status, 'IN_PROGRESS');
    },
  );

  test('what the fuzz got back and what the relay logged leaks nothing', () => {
    const leaks = scanAll(
      [
        ['responses', fuzz.world.capture.texts.join('\n')],
        ['relay log', fuzz.world.t.logs()],
      ],
      {
        secrets: [fuzz.world.secrets],
        cards: [],
        cvvs: [],
        accounts: [],
      },
    );
    figures.set('leaks', leaks.length);
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  });
});
