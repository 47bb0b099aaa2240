/** POST /pj/schedules: the browser's own rules first, then PayJunction's answers in the contract's shape. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSchedule } from '../../src/protocol/schedule.js';
import { localToday } from '../../src/protocol/card.js';
import { TERMINAL_NOT_FOUND_MESSAGE } from '../../server-stub/simulator/index.js';
import { postJson, startTestStub, type TestStub } from '../helpers/stub.js';

let t: TestStub;
before(async () => {
  t = await startTestStub();
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
  const input = { cardNumber: '4444333322221112', cardExpMonth: '13', amountBase: '12.345', scheduleType: 'PERIODIC', billingFirstName: 'A'.repeat(17) };
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
  assert.deepEqual(res.json.error.fields, [{ field: 'terminalId', message: TERMINAL_NOT_FOUND_MESSAGE, type: 'invalid' }]);
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
  const missing = await postJson(`${t.api}/schedules`, card({ scheduleType: 'SPECIFIC_DATES', interval: undefined, intervalCount: undefined, startDate: undefined }));
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.fields[0].field, 'specificDate1');
});
