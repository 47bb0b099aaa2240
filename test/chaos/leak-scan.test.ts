/**
 * Part 6, leak scan: a workload that hands the relay what it must never give back — API
 * credentials, the webhook secret, card numbers (plain, spaced, dashed), CVVs, bank account and
 * routing numbers — through every kind of call (payments, terminal requests, schedules accepted,
 * refused and declined, transaction lookups, webhooks signed and not, errors). Then every response
 * body, every line the relay logged (debug level) and every file of dist/ (the build) are searched.
 * The other chaos files scan what they captured too.
 */
import { spawnSync } from 'node:child_process';
import { createHmac, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '../../server-stub/simulator/index.js';
import { localToday } from '../../src/protocol/card.js';
import {
  BACK_OFFICE_OFFLINE,
  DRIVE_THRU,
  FRONT_COUNTER,
  Figures,
  http,
  newKey,
  postJson,
  sized,
  startWorld,
  type World,
} from './harness.js';
import { follow } from './streams.js';
import { LUHN_VALID } from '../cases/card-cases.js';
import { describeLeaks, listFiles, luhnValid, readText, scanAll, type LeakTargets } from './leaks.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const SCHEDULES = sized(12, 60);
/**
 * The networks' public test numbers (test/cases/card-cases.ts): doc comments that ship in dist/
 * (src/protocol/card.ts, server-stub/log.ts) and the demo page show them on purpose.
 */
const PUBLIC_TEST_CARDS = [...new Set(LUHN_VALID.map((n) => n.replace(/[ -]/g, '')))];

const figures = new Figures('leak scan');
let world: World;
const cards: string[] = [];
const cvvs: string[] = [];
const accounts: string[] = [];

function randomCard(prefix: string, length: number): string {
  for (;;) {
    let n = prefix;
    while (n.length < length - 1) n += String(randomInt(10));
    for (let d = 0; d < 10; d++) if (luhnValid(n + d)) return n + d;
  }
}

/** A CVV no other number in the run is likely to contain by accident near the word "cvv". */
function randomCvv(): string {
  return String(randomInt(1000, 10_000));
}

before(async () => {
  world = await startWorld({ speed: 50, stub: { timings: { requestTimeoutMs: 5_000, lateWatchMs: 1_000 } } });
});

after(async () => {
  figures.print();
  await world?.close();
});

test(
  'the relay gives back no secret and no card data: responses and logs',
  { timeout: sized(120_000, 600_000) },
  async () => {
    const { t, capture } = world;
    const api = t.api;
    const pay = (body: Record<string, unknown>) =>
      postJson(capture, `${api}/payments`, body, { 'Idempotency-Key': newKey('leak') });

    // Payments: approved, declined (the decline guidance comes back), offline, busy, cancelled.
    const ids: string[] = [];
    for (const [terminal, amountBase] of [
      [FRONT_COUNTER, '17.25'],
      [DRIVE_THRU, '0.05'],
      [BACK_OFFICE_OFFLINE, '9.99'],
    ] as const) {
      const r = await pay({ smartTerminalId: terminal, amountBase, invoiceNumber: 'LEAK-1' });
      assert.equal(r.status, 202, r.text);
      ids.push(r.json.requestId);
    }
    const busy = await pay({ smartTerminalId: FRONT_COUNTER, amountBase: '1.50' });
    ids.push(busy.json.requestId);
    await Promise.all(ids.map((id) => follow(capture, () => `${api}/requests/${id}/events`, {})));
    await world.control('POST', `devices/${DRIVE_THRU}/next-outcome`, { outcome: 'never_finish' });
    const held = await pay({ smartTerminalId: DRIVE_THRU, amountBase: '2.50' });
    await http(capture, `${api}/requests/${held.json.requestId}/cancel`, { method: 'POST' });
    await follow(capture, () => `${api}/requests/${held.json.requestId}/events`, {});
    for (const kind of ['signature', 'prompt', 'input'] as const) {
      const body =
        kind === 'signature'
          ? { terms: 'I agree.' }
          : kind === 'prompt'
            ? { text: 'Receipt?', buttons: ['Yes', 'No'] }
            : { type: 'PHONE' };
      const r = await postJson(capture, `${api}/smart-terminals/${FRONT_COUNTER}/${kind}`, body);
      if (r.status === 202) await follow(capture, () => `${api}/requests/${r.json.requestId}/events`, {});
    }
    // Transaction lookups: the relay's own are shown (last four digits only); one another integration
    // made on the same merchant account, by keyed card, is not (ownership), nor ids that do not exist.
    let own = 0;
    for (const id of ids) {
      const s = (await http(capture, `${api}/requests/${id}`)).json;
      if (!s?.transactionId) continue;
      const view = await http(capture, `${api}/transactions/${s.transactionId}`);
      assert.equal(view.status, 200, `the relay's own transaction ${s.transactionId}: ${view.text}`);
      own += 1;
    }
    assert.ok(own >= 2, "the approval and the decline are the relay's own transactions");
    const foreignCard = randomCard('4', 16);
    cards.push(foreignCard);
    const foreign = await world.pjPost('/transactions', {
      cardNumber: foreignCard,
      cardExpMonth: '12',
      cardExpYear: String(new Date().getFullYear() + 1),
      amountBase: '8.88',
    });
    assert.equal(foreign.status, 201, JSON.stringify(foreign.json));
    for (const id of [String(foreign.json.transactionId), '1', '99999999']) {
      const r = await http(capture, `${api}/transactions/${id}`);
      assert.equal(r.status, 404, `transaction ${id} is not the relay's to show: ${r.status} ${r.text}`);
    }
    figures.set("transaction lookups: the relay's own shown / another integration's refused", `${own} / 1`);

    // Schedules: cards (plain, spaced, dashed; Visa, Mastercard, Amex, Discover), ACH, refused and declined.
    const today = localToday();
    const nextYear = String(Number(today.slice(0, 4)) + 1);
    const answered: number[] = [];
    const brands: [string, number][] = [
      ['4', 16],
      ['51', 16],
      ['37', 15],
      ['6011', 16],
      ['4', 19],
    ];
    for (let i = 0; i < SCHEDULES; i++) {
      const [prefix, length] = brands[i % brands.length]!;
      const card = randomCard(prefix, length);
      const cvv = randomCvv();
      cards.push(card);
      cvvs.push(cvv);
      const written =
        i % 3 === 0
          ? card
          : i % 3 === 1
            ? card.replace(/(\d{4})(?=\d)/g, '$1 ')
            : card.replace(/(\d{4})(?=\d)/g, '$1-');
      const base = {
        cardNumber: written,
        cardExpMonth: '12',
        cardExpYear: nextYear,
        cardCvv: cvv,
        scheduleType: 'PERIODIC',
        interval: 'MONTH',
        intervalCount: '1',
        startDate: today,
        billingFirstName: 'Jane',
        billingLastName: 'Doe',
      };
      const variant = i % 4;
      // 0: created; 1: the pre-authorization declines (over 4,999.00); 2: a field error beside the card; 3: created twice (duplicate).
      const body = {
        ...base,
        amountBase: variant === 1 ? '5000.00' : `${10 + i}.00`,
        ...(variant === 2 ? { cardExpMonth: '13' } : {}),
      };
      answered.push((await postJson(capture, `${api}/schedules`, body)).status);
      if (variant === 3) answered.push((await postJson(capture, `${api}/schedules`, body)).status);
      // A card number pasted where it does not belong is refused without being echoed.
      if (variant === 2) await postJson(capture, `${api}/schedules`, { ...body, cardNumber: `${card}9` });

      const account = `9${String(randomInt(10 ** 9, 10 ** 10))}${i}`;
      accounts.push(account);
      const ach = {
        achRoutingNumber: '104000016',
        achAccountNumber: account,
        achAccountType: 'CHECKING',
        achType: 'PPD',
        billingFirstName: 'Jane',
        billingLastName: 'Doe',
        amountBase: `${20 + i}.00`,
        scheduleType: 'PERIODIC',
        interval: 'MONTH',
        intervalCount: '1',
        startDate: today,
      };
      answered.push(
        (await postJson(capture, `${api}/schedules`, variant === 2 ? { ...ach, cardCvv: cvv } : ach)).status,
      );
    }

    // Webhooks: unsigned, wrongly signed, signed — with a card number in the body for good measure.
    const body = JSON.stringify({
      id: 'evt-leak',
      type: 'SMARTTERMINAL_REQUEST',
      data: { requestId: ids[0], status: 'COMPLETE', note: cards[0] },
    });
    const sign = (key: string) => createHmac('sha256', key).update(body).digest('hex');
    for (const signature of [undefined, sign('wrong'), sign(world.secrets.webhookSecret)]) {
      await http(capture, `${api}/webhooks/payjunction`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(signature ? { 'X-Pj-Signature': signature } : {}) },
        body,
      });
    }
    // Errors: wrong media type, broken JSON with a card in it, unknown paths.
    await http(capture, `${api}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': newKey('leak') },
      body: cards[0]!,
    });
    await http(capture, `${api}/schedules`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"cardNumber":"${cards[1]}","cardCvv":"${cvvs[1]}"`,
    });
    await http(capture, `${api}/nothing-here/${cards[2]}`);

    const byStatus = new Map<number, number>();
    for (const status of answered) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    figures.set(
      'schedule answers',
      [...byStatus]
        .sort((a, b) => a[0] - b[0])
        .map(([st, n]) => `${st}×${n}`)
        .join(', '),
    );
    // Created, refused, declined and duplicate schedules all happened: each answer was scanned.
    for (const status of [201, 400, 402, 409]) assert.ok(byStatus.has(status), `no schedule answered ${status}`);
    const targets: LeakTargets = { secrets: [world.secrets], cards, cvvs, accounts };
    const leaks = scanAll(
      [
        ['responses', capture.texts.join('\n')],
        ['relay log', t.logs()],
      ],
      targets,
    );
    figures.set('responses scanned', `${capture.texts.length} (${(capture.bytes / 1024).toFixed(0)} KiB)`);
    figures.set('log lines scanned', t.logs().split('\n').length);
    figures.set('card numbers / CVVs / bank accounts sent', `${cards.length} / ${cvvs.length} / ${accounts.length}`);
    figures.set('leaks in responses and logs', leaks.length);
    assert.equal(leaks.length, 0, describeLeaks(leaks));
  },
);

test('the scan finds what it looks for (planted leaks)', () => {
  const secrets = world.secrets;
  const card = randomCard('5', 16);
  const planted: [string, string][] = [
    ['login', `user=${secrets.login}`],
    ['password', `{"password":"${secrets.password}"}`],
    ['app key', `X-PJ-Application-Key: ${secrets.appKey}`],
    ['basic', `Authorization: Basic ${Buffer.from(`${secrets.login}:${secrets.password}`).toString('base64')}`],
    ['webhook secret', `secret=${secrets.webhookSecret}`],
    ['card spaced', `card ${card.replace(/(\d{4})(?=\d)/g, '$1 ')} declined`],
    ['card dashed', `"n":"${card.replace(/(\d{4})(?=\d)/g, '$1-')}"`],
    ['unknown Luhn card', `pan=${randomCard('4', 16)}`],
    ['Luhn card grouped like a UUID, but no UUID', 'ref 40123456-7890-1239 end'],
    ['cvv', `{"cardCvv":"4821"}`],
    ['cvv form', 'cvv=4821&x=1'],
    ['account', 'achAccountNumber=91234567890123'],
  ];
  const targets: LeakTargets = { secrets: [secrets], cards: [card], cvvs: ['4821'], accounts: ['91234567890123'] };
  for (const [name, text] of planted)
    assert.ok(scanAll([[name, text]], targets).length > 0, `the scan missed: ${name}`);
  const clean: [string, string][] = [
    ['masked', `card ************${card.slice(-4)}`],
    ['timestamp', '{"time":1796107163220}'],
    ['uuid', 'requestId 5ee02a4c-441f-4ba9-b6b3-dd3a03d47445'],
    ['digit-heavy uuid', '"requestId":"40123456-7890-1239-bec9-b83e0b4086bf"'],
    ['double', '{"x":0.4111111111111111}'],
  ];
  for (const [name, text] of clean) assert.deepEqual(scanAll([[name, text]], targets), [], `a false alarm: ${name}`);
});

test('dist/ holds no secret and no card number', { timeout: 600_000 }, () => {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.js'))) {
    // The build output is what is published; build it if this checkout has none yet.
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(r.status, 0, `the build failed:\n${r.stdout}${r.stderr}`);
  }
  // Secrets of this environment too: a build that inlined process.env would carry them.
  const envSecrets = Object.entries(process.env)
    .filter(([name, value]) => /PASSWORD|SECRET|TOKEN|APP_KEY|API_LOGIN/i.test(name) && value && value.length >= 8)
    .map(([, value]) => value!);
  const files = listFiles(dist);
  const texts: [string, string][] = files.map((f) => [`dist/${f}`, readText(join(dist, f))]);
  const targets: LeakTargets = { secrets: [world.secrets], cards, cvvs, accounts, allowedCardRuns: PUBLIC_TEST_CARDS };
  const leaks = scanAll(texts, targets);
  for (const value of envSecrets) {
    for (const [source, text] of texts)
      if (text.includes(value)) leaks.push({ source, what: 'a secret of the build environment', near: '' });
  }
  const documented = texts.filter(([, text]) =>
    PUBLIC_TEST_CARDS.some((n) => text.replace(/[ -]/g, '').includes(n)),
  ).length;
  const demo = texts.filter(([, text]) => text.includes(DEFAULT_SIMULATOR_CREDENTIALS.password)).map(([s]) => s);
  figures.set(
    'dist files scanned',
    `${files.length} (${(texts.reduce((n, [, t]) => n + t.length, 0) / 1024 / 1024).toFixed(1)} MiB)`,
  );
  figures.set("dist files showing a network's public test card (allowed)", documented);
  figures.set("dist files with the simulator's public labs demo login (allowed)", demo.length);
  figures.set('leaks in dist', leaks.length);
  assert.equal(leaks.length, 0, describeLeaks(leaks));
  // The simulator's public demo login may ship (it is the simulator's default), never in the browser bundles.
  assert.deepEqual(
    demo.filter((s) => !s.startsWith('dist/server/')),
    [],
    'the labs demo login is in a browser bundle',
  );
});
