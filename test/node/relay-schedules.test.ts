/** POST /pj/schedules: the browser's own rules first, then PayJunction's answers in the contract's shape. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSchedule } from '../../src/protocol/schedule.js';
import { localToday } from '../../src/protocol/card.js';
import {
  DEFAULT_SIMULATOR_CREDENTIALS,
  SIM_TERMINALS,
  SIM_VAULTS,
  TERMINAL_NOT_FOUND_MESSAGE,
} from '../../server-stub/simulator/index.js';
import { FOREIGN_TRANSACTION_MESSAGE, VAULT_NOT_ALLOWED_MESSAGE } from '../../server-stub/relay/ownership.js';
import { encodeForm } from '../helpers/simulator.js';
import { postJson, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

let t: TestRelay;
before(async () => {
  // These tests post card and bank numbers straight to the relay: the direct mode, which a merchant opts in to.
  t = await startTestRelay({ acceptRawPaymentNumbers: true });
});
after(() => t.close());

const nextYear = String(new Date().getFullYear() + 1);
const card = (extra: Record<string, unknown> = {}) => ({
  cardNumber: '4444333322221111',
  cardExpMonth: '12',
  cardExpYear: nextYear,
  cardCvv: '999',
  amountBase: '25.00',
  scheduleType: 'PERIODIC',
  interval: 'MONTH',
  intervalCount: '1',
  startDate: localToday(),
  billingFirstName: 'Jane',
  billingLastName: 'Doe',
  ...extra,
});

test('a valid card schedule is created: 201 with the schedule, no card number in it', async () => {
  const res = await postJson(`${t.api}/schedules`, card({ amountBase: '25.01' }));
  assert.equal(res.status, 201);
  assert.equal(res.json.status, 'ACTIVE');
  assert.equal(res.json.amountBase, '25.01');
  assert.equal(res.json.vault.lastFour, '1111');
  assert.ok(!res.text.includes('4444333322221111'));
});

test('field errors come back with exactly the messages the browser computes', async () => {
  const input = {
    cardNumber: '4444333322221112',
    cardExpMonth: '13',
    amountBase: '12.345',
    scheduleType: 'PERIODIC',
    billingFirstName: 'A'.repeat(17),
  };
  const res = await postJson(`${t.api}/schedules`, input);
  assert.equal(res.status, 400);
  assert.equal(res.json.error.code, 'invalid_request');
  const browser = validateSchedule(input, { today: localToday() });
  assert.equal(browser.ok, false);
  assert.deepEqual(res.json.error.fields, browser.ok ? [] : browser.errors);
  assert.ok(res.json.error.fields.length >= 5);
});

test("PayJunction's own field errors land on the same fields", async () => {
  const res = await postJson(`${t.api}/schedules`, card({ terminalId: '999', amountBase: '25.02' }));
  assert.equal(res.status, 400);
  assert.deepEqual(res.json.error.fields, [
    { field: 'terminalId', message: TERMINAL_NOT_FOUND_MESSAGE, type: 'invalid' },
  ]);
});

test('a declined pre-authorization is a 402 with the code and the guidance', async () => {
  const res = await postJson(`${t.api}/schedules`, card({ amountBase: '0.08' }));
  assert.equal(res.status, 402);
  assert.equal(res.json.error.code, 'preauth_declined');
  assert.equal(res.json.error.decline.code, '51');
  assert.match(res.json.error.decline.guidance, /funds/i);
  assert.ok(res.json.error.decline.retry);
});

test('a duplicate is a 409; bypassDuplicate then creates it', async () => {
  const body = card({ amountBase: '33.00' });
  assert.equal((await postJson(`${t.api}/schedules`, body)).status, 201);
  const dup = await postJson(`${t.api}/schedules`, body);
  assert.equal(dup.status, 409);
  assert.equal(dup.json.error.code, 'duplicate_schedule');
  const anyway = await postJson(`${t.api}/schedules`, { ...body, bypassDuplicate: true });
  assert.equal(anyway.status, 201);
});

test('ACH PPD schedules run on the ACH account; SPECIFIC_DATES needs its date', async () => {
  const ach = await postJson(`${t.api}/schedules`, {
    achRoutingNumber: '104000016',
    achAccountNumber: '123456789',
    achAccountType: 'CHECKING',
    achType: 'PPD',
    billingFirstName: 'Jane',
    billingLastName: 'Doe',
    amountBase: '40.00',
    scheduleType: 'SPECIFIC_DATES',
    specificDate1: localToday(),
  });
  assert.equal(ach.status, 201, ach.text);
  assert.equal(ach.json.vault.type, 'ACH');
  const missing = await postJson(
    `${t.api}/schedules`,
    card({ scheduleType: 'SPECIFIC_DATES', interval: undefined, intervalCount: undefined, startDate: undefined }),
  );
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.fields[0].field, 'specificDate1');
});

// ─── Re-billing a stored payment method: only what this relay made, or what the host allows ───

/** A schedule's fields without a payment source; the source comes from a transaction or the vault. */
const rebill = (source: Record<string, unknown>, amountBase: string) => ({
  ...source,
  amountBase,
  scheduleType: 'PERIODIC',
  interval: 'MONTH',
  intervalCount: '1',
  startDate: localToday(),
});

/** How many POST /schedules have reached the simulator so far. */
async function schedulesAtSimulator(stub: TestRelay): Promise<number> {
  return (await stub.calls()).filter((c) => c.method === 'POST' && c.path === '/schedules').length;
}

/** A keyed charge made straight at the simulator, as another integration (or a guessed id) would be. */
async function foreignTransactionId(stub: TestRelay): Promise<number> {
  const { login, password, appKey } = DEFAULT_SIMULATOR_CREDENTIALS;
  const year = new Date().getFullYear() + 1;
  const res = await fetch(`${stub.simUrl}/transactions`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
      'X-PJ-Application-Key': appKey,
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: encodeForm({
      terminalId: SIM_TERMINALS[0]!.terminalId,
      cardNumber: '4444333322221111',
      cardExpMonth: 12,
      cardExpYear: year,
      amountBase: '5.00',
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return Number(((await res.json()) as { transactionId: number }).transactionId);
}

test('a schedule from a transaction this relay made (a terminal payment) is created', async () => {
  const pay = await startPayment(t, { amountBase: '14.00' });
  assert.equal(pay.status, 202, pay.text);
  const final = snapshots(await readSse(`${t.api}/requests/${pay.json.requestId}/events`, { until: isFinal })).at(-1);
  assert.equal(typeof final.transactionId, 'number', JSON.stringify(final));
  const res = await postJson(`${t.api}/schedules`, rebill({ transactionId: final.transactionId }, '14.01'));
  assert.equal(res.status, 201, res.text);
  assert.equal(res.json.amountBase, '14.01');
});

test('a transaction this relay did not make is refused on transactionId, and PayJunction is never asked', async () => {
  const foreign = await foreignTransactionId(t);
  const before = await schedulesAtSimulator(t);
  for (const transactionId of [foreign, foreign + 1000]) {
    const res = await postJson(`${t.api}/schedules`, rebill({ transactionId }, '15.00'));
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(res.json, {
      error: {
        code: 'invalid_request',
        message: FOREIGN_TRANSACTION_MESSAGE,
        fields: [{ field: 'transactionId', message: FOREIGN_TRANSACTION_MESSAGE, type: 'invalid' }],
      },
    });
  }
  assert.equal(await schedulesAtSimulator(t), before, 'no POST /schedules reached the simulator');
});

test('a vaultId is refused without the authorizeVault hook, and PayJunction is never asked', async () => {
  const vaultId = Object.keys(SIM_VAULTS)[0]!;
  const before = await schedulesAtSimulator(t);
  const res = await postJson(`${t.api}/schedules`, rebill({ vaultId }, '16.00'));
  assert.equal(res.status, 400, res.text);
  assert.deepEqual(res.json.error.fields, [{ field: 'vaultId', message: VAULT_NOT_ALLOWED_MESSAGE, type: 'invalid' }]);
  assert.equal(res.json.error.code, 'invalid_request');
  assert.equal(await schedulesAtSimulator(t), before);
});

test('the authorizeVault hook decides per call: allowed, the schedule goes to PayJunction', async () => {
  const vaultId = Object.keys(SIM_VAULTS)[0]!;
  const asked: number[] = [];
  const open = await startTestRelay({
    simulator: { url: t.simUrl },
    authorizeVault: (request, id) => {
      asked.push(id);
      return request.headers.get('X-Back-Office') === 'yes';
    },
  });
  try {
    const before = await schedulesAtSimulator(open);
    const refused = await postJson(`${open.api}/schedules`, rebill({ vaultId }, '17.00'));
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.fields[0].field, 'vaultId');
    assert.equal(await schedulesAtSimulator(open), before);
    const allowed = await postJson(`${open.api}/schedules`, rebill({ vaultId }, '17.00'), { 'X-Back-Office': 'yes' });
    assert.equal(allowed.status, 201, allowed.text);
    assert.equal(allowed.json.vault.lastFour, SIM_VAULTS[vaultId]!.lastFour);
    assert.equal(await schedulesAtSimulator(open), before + 1);
    assert.deepEqual(asked, [Number(vaultId), Number(vaultId)], 'the hook is given the vaultId as a number');
  } finally {
    await open.close();
  }
});
