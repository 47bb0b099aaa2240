/**
 * The relay's side of the payment fields (issue 11): the frame's config with one publishable key per
 * merchant, schedules from a card token (customer → vault → vaultId), bank accounts vaulted straight
 * from the fields origin, and raw card or account numbers refused unless the merchant opted in.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { localToday } from '../../src/protocol/card.js';
import { SCHEDULE_MESSAGES_EN, schedulePaymentSource, validateSchedule } from '../../src/protocol/schedule.js';
import { TOKEN_EXPIRED_MESSAGE } from '../../server-stub/relay/errors.js';
import { ACH_TICKET_MESSAGE, FIELDS_ORIGIN_ONLY_MESSAGE, RAW_NUMBERS_MESSAGE } from '../../server-stub/relay/fields.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import { createRelay } from '../../server-stub/relay-server.js';
import { postJson, startTestRelay, type TestRelay } from '../helpers/relay.js';

const FIELDS_ORIGIN = 'http://fields.shop.test:8443';
const CARD = '4444333322221111';
const ROUTING = '104000016';
const ACCOUNT = '918273645';
const nextYear = String(new Date().getFullYear() + 1);

let t: TestRelay;
before(async () => {
  t = await startTestRelay({ acceptRawPaymentNumbers: false, fieldsOrigin: FIELDS_ORIGIN });
});
after(() => t.close());

const monthly = (extra: Record<string, unknown>) => ({
  amountBase: '25.00',
  scheduleType: 'PERIODIC',
  interval: 'MONTH',
  intervalCount: '1',
  startDate: localToday(),
  ...extra,
});

/** Calls PayJunction answered (a 429 of its global rate limit, which the relay then retries, is not one). */
async function upstreamCalls(relay: TestRelay, method: string, path: RegExp): Promise<number> {
  return (await relay.calls()).filter((c) => c.method === method && path.test(c.path) && c.status !== 429).length;
}

async function fieldsConfig(relay: TestRelay) {
  const res = await fetch(`${relay.api}/fields/config`);
  assert.equal(res.status, 200);
  return (await res.json()) as { publishableKey: string; sdkUrl: string; fieldsOrigin?: string; achTicket: string };
}

/** A bank account as the frame posts it: with the ticket its page read from the config. */
async function withTicket(relay: TestRelay, body: Record<string, unknown>) {
  return { ...body, ticket: (await fieldsConfig(relay)).achTicket };
}

/** A token as the frame's SDK makes it: straight from the simulator's web origin, with the relay's key. */
async function cardToken(relay: TestRelay, cardNumber = CARD): Promise<string> {
  const { publishableKey } = await fieldsConfig(relay);
  const res = await fetch(`${relay.server.simulatorWebUrl}/trinity/api/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ publishableKey, cardNumber, cardExpMonth: '12', cardExpYear: nextYear, cardCvv: '999' }),
  });
  const body = (await res.json()) as { tokenId: string };
  assert.equal(res.status, 200, JSON.stringify(body));
  return body.tokenId;
}

const fromFrame = { Origin: FIELDS_ORIGIN };
const bankAccount = {
  achRoutingNumber: ROUTING,
  achAccountNumber: ACCOUNT,
  achAccountType: 'CHECKING',
  achType: 'PPD',
};

describe('GET /pj/fields/config', () => {
  test('one publishable key per merchant, created once and shared through the store', async () => {
    const store = new MemoryStore();
    const a = await startTestRelay({ store, fieldsOrigin: FIELDS_ORIGIN });
    const b = await startTestRelay({ store, simulator: { url: a.simUrl, webUrl: a.server.simulatorWebUrl! } });
    try {
      // Pages of one process at once, then another process (two processes' very first calls may race:
      // each may create a key, and the first one stored is the one every page gets).
      const configs = [
        ...(await Promise.all([fieldsConfig(a), fieldsConfig(a), fieldsConfig(a)])),
        await fieldsConfig(b),
      ];
      const key = configs[0]!.publishableKey;
      assert.match(key, /\S/);
      for (const config of configs) assert.equal(config.publishableKey, key);
      const tickets = configs.map(({ achTicket }) => achTicket);
      assert.equal(new Set(tickets).size, tickets.length, 'a new bank-account ticket for every page');
      for (const ticket of tickets) assert.match(ticket, /^[\w-]{32}$/);
      const { achTicket: _ticket, ...config } = configs[0]!;
      assert.deepEqual(config, {
        publishableKey: key,
        sdkUrl: `${a.server.simulatorWebUrl}/trinity/js/sdk.js`,
        fieldsOrigin: FIELDS_ORIGIN,
      });
      assert.equal(await upstreamCalls(a, 'POST', /^\/publishablekeys$/), 1, 'created once');
      await fieldsConfig(a);
      assert.equal(await upstreamCalls(a, 'GET', /^\/publishablekeys$/), 1, 'looked up once, then kept');
    } finally {
      await b.close();
      await a.close();
    }
  });

  test('a relay on a fresh store finds the existing key rather than creating another', async () => {
    const other = await startTestRelay({ simulator: { url: t.simUrl, webUrl: t.server.simulatorWebUrl! } });
    try {
      const key = (await fieldsConfig(t)).publishableKey;
      const created = await upstreamCalls(t, 'POST', /^\/publishablekeys$/);
      assert.equal((await fieldsConfig(other)).publishableKey, key);
      assert.equal(await upstreamCalls(t, 'POST', /^\/publishablekeys$/), created);
    } finally {
      await other.close();
    }
  });

  test('PJ_FIELDS_ORIGIN must be an origin', async () => {
    for (const bad of ['https://fields.shop.test/frame', 'fields.shop.test', 'ftp://fields.shop.test']) {
      await assert.rejects(
        createRelay({ mode: 'simulator', env: { PJ_FIELDS_ORIGIN: bad } }),
        /PJ_FIELDS_ORIGIN must be an origin/,
      );
    }
  });
});

describe('POST /pj/schedules from a card token', () => {
  test('customer, vault from the token, then the schedule with its vaultId; the relay never sees the number', async () => {
    const tokenId = await cardToken(t);
    const before = { customers: await upstreamCalls(t, 'POST', /^\/customers$/) };
    const body = monthly({
      tokenId,
      cardBrand: 'VISA',
      cardLastFour: '1111',
      billingFirstName: 'Jane',
      billingLastName: 'Doe',
    });
    const res = await postJson(`${t.api}/schedules`, body);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.vault.type, 'CARD');
    assert.equal(res.json.vault.lastFour, '1111');
    assert.equal(await upstreamCalls(t, 'POST', /^\/customers$/), before.customers + 1);
    const paths = (await t.calls()).filter((c) => c.method === 'POST').map((c) => c.path);
    const vaultAt = paths.findLastIndex((p) => /^\/customers\/\d+\/vaults$/.test(p));
    assert.ok(vaultAt >= 0 && paths.lastIndexOf('/schedules') > vaultAt, 'the vault before the schedule');
    assert.ok(!t.logs().includes(CARD));

    // The form resubmitting with the same token (after a duplicate warning) reuses the vault.
    const again = await postJson(`${t.api}/schedules`, { ...body, bypassDuplicate: true });
    assert.equal(again.status, 201, again.text);
    assert.equal(await upstreamCalls(t, 'POST', /^\/customers$/), before.customers + 1, 'no second customer');
  });

  test('the same card again, from a new token, at the same amount: the duplicate warning, as for the card itself', async () => {
    const body = (tokenId: string) => monthly({ tokenId, amountBase: '31.17' });
    assert.equal((await postJson(`${t.api}/schedules`, body(await cardToken(t, '5555555555554444')))).status, 201);
    const twice = await postJson(`${t.api}/schedules`, body(await cardToken(t, '5555555555554444')));
    assert.equal(twice.status, 409, twice.text);
    assert.equal(twice.json.error.code, 'duplicate_schedule');
    const other = await postJson(`${t.api}/schedules`, body(await cardToken(t, '4000056655665556')));
    assert.equal(other.status, 201, 'another card at the same amount is no duplicate');
  });

  test("a schedule that fails after the vault exists leaves the vault, the relay's and logged by id", async () => {
    const tokenId = await cardToken(t);
    const declined = await postJson(`${t.api}/schedules`, monthly({ tokenId, amountBase: '0.08' }));
    assert.equal(declined.status, 402, declined.text);
    const line = t
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as { msg: string; vaultId?: string })
      .findLast((entry) => /vault stays/.test(entry.msg));
    assert.ok(line?.vaultId, 'the vault is logged by id');
    // No authorizeVault hook: the vault is still this relay's to bill.
    const retried = await postJson(`${t.api}/schedules`, monthly({ vaultId: line.vaultId, amountBase: '28.00' }));
    assert.equal(retried.status, 201, retried.text);
  });

  for (const control of ['expire', 'reuse']) {
    test(`a token that was ${control === 'expire' ? 'expired' : 'used'}: 400 token_expired_or_used on tokenId`, async () => {
      const tokenId = await cardToken(t);
      await t.sim(`tokens/${tokenId}/${control}`, {});
      const schedules = await upstreamCalls(t, 'POST', /^\/schedules$/);
      const res = await postJson(`${t.api}/schedules`, monthly({ tokenId, amountBase: '26.00' }));
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(res.json.error, {
        code: 'token_expired_or_used',
        message: TOKEN_EXPIRED_MESSAGE,
        fields: [{ field: 'tokenId', message: TOKEN_EXPIRED_MESSAGE, type: 'invalid' }],
      });
      assert.equal(await upstreamCalls(t, 'POST', /^\/schedules$/), schedules, 'no schedule attempted');
    });
  }

  test('a token is one payment source among the others, checked like them', async () => {
    const both = await postJson(`${t.api}/schedules`, monthly({ tokenId: 'tok_1', vaultId: '5001' }));
    assert.equal(both.status, 400);
    assert.deepEqual(both.json.error.fields, [
      { field: 'paymentMethod', message: SCHEDULE_MESSAGES_EN.paymentMethodConflict, type: 'invalid' },
    ]);
    const malformed = await postJson(`${t.api}/schedules`, monthly({ tokenId: 'not a token', achType: 'PPD' }));
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.json.error.fields, [
      { field: 'tokenId', message: 'Card token is not valid.', type: 'invalid' },
      { field: 'achType', message: 'ACH type only applies to a bank account, not a card.', type: 'invalid' },
    ]);
  });
});

test('validateSchedule takes tokenId only with tokenSource (PayJunction itself takes none)', () => {
  const today = localToday();
  const body = monthly({ tokenId: 'tok_1', cardBrand: 'VISA', cardLastFour: '1111' });
  const strict = validateSchedule(body, { today });
  assert.deepEqual(strict.ok ? [] : strict.errors.map((e) => e.field), ['paymentMethod']);
  const relay = validateSchedule(body, { today, tokenSource: true });
  assert.ok(relay.ok);
  assert.deepEqual([relay.value.tokenId, relay.value.cardBrand, relay.value.cardLastFour], ['tok_1', 'VISA', '1111']);
  assert.equal(schedulePaymentSource(relay.value), 'card');
  // Display-only fields without a token mean nothing: dropped, never an error.
  const vault = validateSchedule(monthly({ vaultId: '5001', cardLastFour: 'x' }), { today, tokenSource: true });
  assert.ok(vault.ok);
  assert.equal(vault.value.cardLastFour, undefined);
});

describe('raw card and account numbers', () => {
  test('refused by default with raw_payment_numbers, before any PayJunction call', async () => {
    const schedules = await upstreamCalls(t, 'POST', /^\/schedules$/);
    const card = monthly({ cardNumber: CARD, cardExpMonth: '12', cardExpYear: nextYear });
    const ach = monthly({ ...bankAccount, billingFirstName: 'Jane', billingLastName: 'Doe' });
    for (const [body, field] of [
      [card, 'cardNumber'],
      [ach, 'achAccountNumber'],
      [{ cardNumber: '4444 3333' }, 'cardNumber'],
    ] as const) {
      const res = await postJson(`${t.api}/schedules`, body);
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(res.json.error, {
        code: 'raw_payment_numbers',
        message: RAW_NUMBERS_MESSAGE,
        fields: [{ field, message: RAW_NUMBERS_MESSAGE, type: 'invalid' }],
      });
    }
    assert.equal(await upstreamCalls(t, 'POST', /^\/schedules$/), schedules);
  });

  test('accepted with acceptRawPaymentNumbers (PJ_ACCEPT_RAW_PAYMENT_NUMBERS=true)', async () => {
    const card = monthly({ cardNumber: CARD, cardExpMonth: '12', cardExpYear: nextYear, amountBase: '27.00' });
    const optedIn = await startTestRelay({
      acceptRawPaymentNumbers: undefined,
      env: { PJ_ACCEPT_RAW_PAYMENT_NUMBERS: 'true' },
      simulator: { url: t.simUrl },
    });
    try {
      const res = await postJson(`${optedIn.api}/schedules`, card);
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.vault.lastFour, '1111');
    } finally {
      await optedIn.close();
    }
  });
});

describe('POST /pj/fields/ach-vault', () => {
  test('from the fields origin: vaulted at once, answered without the numbers, billable by this relay', async () => {
    const customers = await upstreamCalls(t, 'POST', /^\/customers$/);
    const res = await postJson(`${t.api}/fields/ach-vault`, await withTicket(t, bankAccount), fromFrame);
    assert.equal(res.status, 201, res.text);
    assert.deepEqual(Object.keys(res.json).sort(), ['accountType', 'lastFour', 'vaultId']);
    assert.equal(res.json.accountType, 'CHECKING');
    assert.equal(res.json.lastFour, ACCOUNT.slice(-4));
    assert.equal(res.headers.get('Access-Control-Allow-Origin'), FIELDS_ORIGIN);
    assert.equal(await upstreamCalls(t, 'POST', /^\/customers$/), customers + 1);

    // No authorizeVault hook: the vault is this relay's own, on the ACH account.
    const body = monthly({
      vaultId: res.json.vaultId,
      achType: 'PPD',
      billingFirstName: 'Jane',
      billingLastName: 'Doe',
    });
    const schedule = await postJson(`${t.api}/schedules`, body);
    assert.equal(schedule.status, 201, schedule.text);
    assert.equal(schedule.json.vault.type, 'ACH');

    const logs = t.logs();
    assert.ok(logs.includes(String(res.json.vaultId)), 'the vault is logged by id');
    assert.ok(!logs.includes(ACCOUNT), 'the account number is never logged');
    assert.ok(!logs.includes(ROUTING), 'nor the routing number');
  });

  test('from any other origin, or none: 403, and PayJunction is never asked', async () => {
    const customers = await upstreamCalls(t, 'POST', /^\/customers$/);
    const callers: Record<string, string>[] = [{}, { Origin: t.origin }, { Origin: 'https://evil.example' }];
    for (const headers of callers) {
      const res = await postJson(`${t.api}/fields/ach-vault`, bankAccount, headers);
      assert.equal(res.status, 403, res.text);
      assert.equal(res.json.error.code, 'origin_not_allowed');
    }
    const own = await postJson(`${t.api}/fields/ach-vault`, bankAccount, { Origin: t.origin });
    assert.equal(own.json.error.message, FIELDS_ORIGIN_ONLY_MESSAGE);
    assert.equal(await upstreamCalls(t, 'POST', /^\/customers$/), customers);
  });

  test("the protocol's ACH rules and messages, every field at once", async () => {
    const res = await postJson(
      `${t.api}/fields/ach-vault`,
      await withTicket(t, { achRoutingNumber: '123456789', achAccountNumber: '12a4', achAccountType: 'BROKERAGE' }),
      fromFrame,
    );
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.error.fields, [
      { field: 'achRoutingNumber', message: SCHEDULE_MESSAGES_EN.achRoutingNumber, type: 'invalid' },
      { field: 'achAccountNumber', message: SCHEDULE_MESSAGES_EN.achAccountNumber, type: 'invalid' },
      { field: 'achAccountType', message: 'Account type must be one of: SAVINGS, CHECKING.', type: 'invalid' },
      { field: 'achType', message: 'ACH type is required.', type: 'required' },
    ]);
    assert.ok(!res.text.includes('12a4'));
  });

  test('CORS preflight: the fields origin on the fields routes only', async () => {
    const preflight = (path: string) =>
      fetch(`${t.api}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: FIELDS_ORIGIN, 'Access-Control-Request-Method': 'POST' },
      });
    assert.equal((await preflight('/fields/ach-vault')).headers.get('Access-Control-Allow-Origin'), FIELDS_ORIGIN);
    assert.equal((await preflight('/schedules')).headers.get('Access-Control-Allow-Origin'), null);
  });
});

describe('the bank-account ticket', () => {
  test('none, made up, or used up: 401 fields_expired, and PayJunction is never asked', async () => {
    const customers = await upstreamCalls(t, 'POST', /^\/customers$/);
    for (const ticket of [undefined, 'made-up-ticket-0123456789abcdef']) {
      const res = await postJson(`${t.api}/fields/ach-vault`, { ...bankAccount, ticket }, fromFrame);
      assert.equal(res.status, 401, res.text);
      assert.equal(res.json.error.code, 'fields_expired');
      assert.equal(res.json.error.message, ACH_TICKET_MESSAGE);
    }
    assert.equal(await upstreamCalls(t, 'POST', /^\/customers$/), customers);

    // A ticket is good for 10 tries (corrections, resubmissions), then it is spent.
    const body = await withTicket(t, { ...bankAccount, achAccountNumber: '12a4' });
    for (let i = 0; i < 10; i++)
      assert.equal((await postJson(`${t.api}/fields/ach-vault`, body, fromFrame)).status, 400);
    const spent = await postJson(`${t.api}/fields/ach-vault`, body, fromFrame);
    assert.equal(spent.status, 401, spent.text);
  });

  test("the host's authorize hook guards the config; the frame, without the page's session, gets in with the ticket", async () => {
    const signedIn = (request: Request) => request.headers.get('Cookie') === 'session=ok';
    const guarded = await startTestRelay({ fieldsOrigin: FIELDS_ORIGIN, authorize: signedIn });
    try {
      assert.equal((await fetch(`${guarded.api}/fields/config`)).status, 401);
      const config = await fetch(`${guarded.api}/fields/config`, { headers: { Cookie: 'session=ok' } });
      const { achTicket } = (await config.json()) as { achTicket: string };
      const res = await postJson(`${guarded.api}/fields/ach-vault`, { ...bankAccount, ticket: achTicket }, fromFrame);
      assert.equal(res.status, 201, res.text);
      const noTicket = await postJson(`${guarded.api}/fields/ach-vault`, bankAccount, fromFrame);
      assert.equal(noTicket.status, 401);
      // Only the frame's call skips the hook: the same route from the page's own origin still needs a session.
      const fromPage = await postJson(
        `${guarded.api}/fields/ach-vault`,
        { ...bankAccount, ticket: achTicket },
        {
          Origin: guarded.origin,
        },
      );
      assert.equal(fromPage.json.error.code, 'unauthorized');
    } finally {
      await guarded.close();
    }
  });
});
