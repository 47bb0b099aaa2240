/**
 * Customers and vaults in the simulator: POST/GET /customers, POST/GET/DELETE
 * /customers/{id}/vaults from a token or ACH fields, the 50-vault cap, the vaults usable as vaultId
 * by POST /schedules and POST /transactions, POST /schedules refusing tokenId, and reset.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CUSTOMER_VAULT_LIMIT,
  SCHEDULE_TOKEN_MESSAGE,
  TOKEN_USED_MESSAGE,
  VAULT_LIMIT_MESSAGE,
} from '../../server-stub/simulator/index.js';
import { SCHEDULE_MESSAGES_EN } from '../../src/protocol/schedule.js';
import {
  ACH_TERMINAL,
  CARD_TERMINAL,
  ISO_S,
  sim,
  TEST_CARD,
  tokenize,
  useSimulator,
} from '../helpers/simulator-suite.js';

useSimulator();

const ACH_ACCOUNT = {
  achRoutingNumber: '011000015',
  achAccountNumber: '123456789',
  achAccountType: 'CHECKING',
  achType: 'PPD',
};
const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const monthly = { scheduleType: 'PERIODIC', interval: 'MONTH', intervalCount: '1', startDate: tomorrow };

async function customer(fields: Record<string, string> = { firstName: 'Ana', lastName: 'Ruiz' }) {
  const res = await sim.pj('POST', '/customers', fields);
  assert.equal(res.status, 200, res.text);
  return res.body as { customerId: number };
}

async function vault(customerId: number, params: Record<string, string>) {
  return sim.pj('POST', `/customers/${customerId}/vaults`, params);
}

describe('customers', () => {
  it('POST /customers answers the customer; GET returns it; unknown ids are 404', async () => {
    const created = await customer({
      firstName: 'Ana',
      lastName: 'Ruiz',
      companyName: 'Ruiz SL',
      email: 'a@r.example',
    });
    assert.equal(typeof created.customerId, 'number');
    assert.deepEqual(created, {
      customerId: created.customerId,
      firstName: 'Ana',
      lastName: 'Ruiz',
      companyName: 'Ruiz SL',
      email: 'a@r.example',
      created: (created as any).created,
      lastModified: (created as any).created,
    });
    assert.match((created as any).created, ISO_S);
    assert.deepEqual((await sim.pj('GET', `/customers/${created.customerId}`)).body, created);
    assert.equal((await sim.pj('GET', '/customers/999999')).status, 404);
    const tooLong = await sim.pj('POST', '/customers', { firstName: 'x'.repeat(17) });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.errors[0].parameter, 'firstName');
    assert.equal((await sim.pj('POST', '/customers', undefined, { Authorization: 'Basic eDp5' })).status, 401);
  });

  it('POST /customers with a tokenId makes the customer with that card as its first vault', async () => {
    const tokenId = await tokenize();
    const created = await customer({ firstName: 'Ana', tokenId });
    const list = (await sim.pj('GET', `/customers/${created.customerId}/vaults`)).body.results;
    assert.deepEqual(
      list.map((v: any) => [v.type, v.accountType, v.lastFour]),
      [['CARD', 'VISA', '1111']],
    );
    assert.equal((await sim.control('GET', '/tokens')).tokens[0].usedFor, `vault ${list[0].vaultId}`);
  });
});

describe('vaults', () => {
  it('a card vault from a token: the documented vault; the token is used up', async () => {
    const { customerId } = await customer();
    const tokenId = await tokenize({ cardNumber: '5555 5555 5555 4444' });
    const res = await vault(customerId, { tokenId });
    assert.equal(res.status, 200, res.text);
    const v = res.body;
    assert.deepEqual(v, {
      vaultId: v.vaultId,
      customerId,
      type: 'CARD',
      accountType: 'MASTERCARD',
      lastFour: '4444',
      created: v.created,
      lastModified: v.created,
    });
    assert.equal(typeof v.vaultId, 'number');
    const again = await vault(customerId, { tokenId });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body.errors, [{ message: TOKEN_USED_MESSAGE, parameter: 'tokenId', type: 'invalid' }]);
  });

  it('an ACH vault from the account fields, checked by the shared rules; list, get, delete', async () => {
    const { customerId } = await customer();
    const bad = await vault(customerId, { ...ACH_ACCOUNT, achRoutingNumber: '123456789', achAccountType: 'BOND' });
    assert.equal(bad.status, 400);
    const m = SCHEDULE_MESSAGES_EN;
    assert.deepEqual(
      bad.body.errors.map((e: any) => [e.parameter, e.message]),
      [
        ['achRoutingNumber', m.achRoutingNumber],
        ['achAccountType', 'Account type must be one of: SAVINGS, CHECKING.'],
      ],
    );
    const { achType: _achType, ...withoutSecCode } = ACH_ACCOUNT;
    const ach = await vault(customerId, withoutSecCode);
    assert.equal(ach.status, 200, ach.text);
    assert.deepEqual([ach.body.type, ach.body.accountType, ach.body.lastFour], ['ACH', 'CHECKING', '6789']);
    const card = (await vault(customerId, { tokenId: await tokenize() })).body;

    const list = await sim.pj('GET', `/customers/${customerId}/vaults`);
    assert.deepEqual(list.body, { results: [ach.body, card] });
    assert.deepEqual((await sim.pj('GET', `/customers/${customerId}/vaults/${card.vaultId}`)).body, card);
    const other = await customer();
    assert.equal((await sim.pj('GET', `/customers/${other.customerId}/vaults/${card.vaultId}`)).status, 404);
    assert.equal((await sim.pj('DELETE', `/customers/${other.customerId}/vaults/${card.vaultId}`)).status, 404);

    const deleted = await sim.pj('DELETE', `/customers/${customerId}/vaults/${card.vaultId}`);
    assert.equal(deleted.status, 204);
    assert.equal((await sim.pj('GET', `/customers/${customerId}/vaults/${card.vaultId}`)).status, 404);
    assert.deepEqual((await sim.pj('GET', `/customers/${customerId}/vaults`)).body, { results: [ach.body] });
    assert.equal((await sim.pj('POST', `/customers/999999/vaults`, { tokenId: 'x' })).status, 404);
  });

  it('no source, or two, is a 400', async () => {
    const { customerId } = await customer();
    const none = await vault(customerId, {});
    assert.deepEqual(
      [none.status, none.body.errors[0].parameter, none.body.errors[0].type],
      [400, 'tokenId', 'required'],
    );
    const two = await vault(customerId, { tokenId: await tokenize(), ...ACH_ACCOUNT });
    assert.equal(two.status, 400);
    assert.equal((await sim.control('GET', '/tokens')).tokens[0].used, false);
  });

  it(`at most ${CUSTOMER_VAULT_LIMIT} vaults per customer: the next is a 403 and its token stays unused`, async () => {
    const { customerId } = await customer();
    for (let i = 0; i < CUSTOMER_VAULT_LIMIT; i++) {
      const account = String(100_000 + i);
      assert.equal((await vault(customerId, { ...ACH_ACCOUNT, achAccountNumber: account })).status, 200);
    }
    const tokenId = await tokenize();
    const refused = await vault(customerId, { tokenId });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { errors: [{ message: VAULT_LIMIT_MESSAGE }] });
    assert.equal((await sim.control('GET', '/tokens')).tokens[0].used, false);
    const list = (await sim.pj('GET', `/customers/${customerId}/vaults`)).body.results;
    assert.equal(list.length, CUSTOMER_VAULT_LIMIT);
    // Another customer is not limited by this one's vaults.
    assert.equal((await vault((await customer()).customerId, { tokenId })).status, 200);
  });
});

describe('vaults as vaultId, and tokens refused by schedules', () => {
  it('a card vault made from a token is a vaultId for POST /schedules and POST /transactions', async () => {
    const { customerId } = await customer();
    const card = (await vault(customerId, { tokenId: await tokenize() })).body;
    const schedule = await sim.pj('POST', '/schedules', { ...monthly, amountBase: '25.00', vaultId: card.vaultId });
    assert.equal(schedule.status, 200, schedule.text);
    assert.deepEqual(schedule.body.vault, { type: 'CARD', accountType: 'VISA', lastFour: '1111' });
    assert.equal(schedule.body.terminalId, CARD_TERMINAL.terminalId);
    const tx = await sim.pj('POST', '/transactions', { vaultId: card.vaultId, amountBase: '25.00' });
    assert.equal(tx.status, 201, tx.text);
    assert.deepEqual([tx.body.method, tx.body.vault], ['INSTANT', schedule.body.vault]);
  });

  it('an ACH vault is a vaultId for an ACH schedule; a deleted vault no longer is', async () => {
    const { customerId } = await customer();
    const ach = (await vault(customerId, ACH_ACCOUNT)).body;
    const schedule = await sim.pj('POST', '/schedules', {
      ...monthly,
      amountBase: '40.00',
      vaultId: ach.vaultId,
      achType: 'PPD',
      billingFirstName: 'Ana',
      billingLastName: 'Ruiz',
    });
    assert.equal(schedule.status, 200, schedule.text);
    assert.deepEqual(schedule.body.vault, { type: 'ACH', accountType: 'CHECKING', lastFour: '6789' });
    assert.equal(schedule.body.terminalId, ACH_TERMINAL.terminalId);

    assert.equal((await sim.pj('DELETE', `/customers/${customerId}/vaults/${ach.vaultId}`)).status, 204);
    const gone = await sim.pj('POST', '/transactions', { vaultId: ach.vaultId, amountBase: '1.00', achType: 'PPD' });
    assert.equal(gone.status, 400);
    assert.equal(gone.body.errors[0].parameter, 'vaultId');
    const goneSchedule = await sim.pj('POST', '/schedules', { ...monthly, amountBase: '41.00', vaultId: ach.vaultId });
    assert.deepEqual([goneSchedule.status, goneSchedule.body.errors[0].parameter], [400, 'vaultId']);
  });

  it('POST and PUT /schedules refuse a tokenId (400 on tokenId) and leave the token unused', async () => {
    const tokenId = await tokenize();
    const refused = await sim.pj('POST', '/schedules', { ...monthly, amountBase: '10.00', tokenId });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, {
      errors: [{ message: SCHEDULE_TOKEN_MESSAGE, parameter: 'tokenId', type: 'invalid' }],
    });
    const made = await sim.pj('POST', '/schedules', { ...monthly, amountBase: '10.00', ...TEST_CARD });
    assert.equal(made.status, 200, made.text);
    const put = await sim.pj('PUT', `/schedules/${made.body.scheduleId}`, { tokenId });
    assert.deepEqual([put.status, put.body.errors[0].parameter], [400, 'tokenId']);
    assert.equal((await sim.control('GET', '/tokens')).tokens[0].used, false);
  });
});

describe('reset', () => {
  it('clears tokens, customers and created vaults; the fixture vaults and the keys stay', async () => {
    const tokenId = await tokenize();
    const { customerId } = await customer();
    const card = (await vault(customerId, { tokenId: await tokenize() })).body;
    const keys = (await sim.pj('GET', '/publishablekeys')).body.results.length;
    await sim.control('POST', '/reset');

    assert.deepEqual((await sim.control('GET', '/tokens')).tokens, []);
    assert.equal((await sim.pj('POST', '/transactions', { tokenId, amountBase: '1.00' })).status, 400);
    assert.equal((await sim.pj('GET', `/customers/${customerId}`)).status, 404);
    const old = await sim.pj('POST', '/transactions', { vaultId: card.vaultId, amountBase: '1.00' });
    assert.deepEqual([old.status, old.body.errors[0].parameter], [400, 'vaultId']);
    assert.equal((await sim.pj('POST', '/transactions', { vaultId: '5001', amountBase: '1.00' })).status, 201);
    assert.equal((await sim.pj('GET', '/publishablekeys')).body.results.length, keys);
    // Ids are not reused after a reset.
    const next = (await vault((await customer()).customerId, { tokenId: await tokenize() })).body;
    assert.ok(next.vaultId > card.vaultId);
  });
});
