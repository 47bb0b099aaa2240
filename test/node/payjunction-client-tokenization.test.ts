/**
 * The PayJunction client's tokenization calls against the real simulator over real HTTP: publishable
 * keys, customers and their vaults (from a token or a bank account), and the creating calls never
 * repeated after a 5xx or a timeout. No mocks of PayJunction.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../server-stub/simulator/index.js';
import { PayJunctionClient } from '../../server-stub/payjunction/index.js';
import { CREDENTIALS, expectPjError, startSilentServer } from './support/pj-client.js';

let sim: RunningSimulator;
before(async () => {
  sim = await startSimulator({ port: 0, speed: 20, credentials: CREDENTIALS });
});
after(() => sim.close());
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
  await fetch(`${sim.url}/__sim/calls`, { method: 'DELETE' });
});

const client = () => new PayJunctionClient({ baseUrl: sim.url, ...CREDENTIALS, retryInitialDelayMs: 20 });

async function posts(path: RegExp): Promise<number> {
  const { calls } = (await (await fetch(`${sim.url}/__sim/calls`)).json()) as {
    calls: { method: string; path: string }[];
  };
  return calls.filter((c) => c.method === 'POST' && path.test(c.path)).length;
}

/** A token as the browser SDK makes it, from the simulator's web origin. */
async function token(publishableKey: string): Promise<string> {
  const res = await fetch(`${sim.webUrl}/trinity/api/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      publishableKey,
      cardNumber: '4444333322221111',
      cardExpMonth: '12',
      cardExpYear: String(new Date().getFullYear() + 1),
      cardCvv: '999',
    }),
  });
  return ((await res.json()) as { tokenId: string }).tokenId;
}

describe('PayJunctionClient: publishable keys, customers, vaults', () => {
  it('creates a publishable key, then finds it in the list', async () => {
    const pj = client();
    const created = await pj.createPublishableKey();
    assert.match(created.keyValue, /\S/);
    const listed = await pj.listPublishableKeys();
    assert.ok(listed.results.some((k) => k.keyValue === created.keyValue));
  });

  it('vaults a card token under a new customer; the token works once', async () => {
    const pj = client();
    const tokenId = await token((await pj.createPublishableKey()).keyValue);
    const customer = await pj.createCustomer({ firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com' });
    assert.equal(typeof customer.customerId, 'number');
    assert.equal(customer.firstName, 'Jane');
    const vault = await pj.createCustomerVault(customer.customerId, { tokenId });
    assert.equal(vault.type, 'CARD');
    assert.equal(vault.lastFour, '1111');
    assert.equal(vault.customerId, customer.customerId);

    const again = await expectPjError(pj.createCustomerVault(customer.customerId, { tokenId }));
    assert.equal(again.kind, 'validation');
    assert.equal(again.errors[0]?.parameter, 'tokenId');
  });

  it('vaults a bank account from its fields', async () => {
    const pj = client();
    const { customerId } = await pj.createCustomer({});
    const vault = await pj.createCustomerVault(customerId, {
      achRoutingNumber: '104000016',
      achAccountNumber: '123456789',
      achAccountType: 'CHECKING',
      achType: 'PPD',
    });
    assert.equal(vault.type, 'ACH');
    assert.equal(vault.accountType, 'CHECKING');
    assert.equal(vault.lastFour, '6789');
  });

  it('never repeats a create after a 500: exactly one upstream call each', async () => {
    const pj = client();
    await fetch(`${sim.url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 500, count: 3, path: '/' }),
    });
    for (const call of [
      () => pj.createPublishableKey(),
      () => pj.createCustomer({ firstName: 'Jane' }),
      () => pj.createCustomerVault(1, { tokenId: 'tok' }),
    ]) {
      assert.equal((await expectPjError(call())).kind, 'server');
    }
    assert.equal(await posts(/^\/publishablekeys$/), 1);
    assert.equal(await posts(/^\/customers$/), 1);
    assert.equal(await posts(/^\/customers\/1\/vaults$/), 1);
  });

  it('never repeats a create after a timeout', async () => {
    const silent = await startSilentServer();
    try {
      const pj = new PayJunctionClient({
        baseUrl: silent.url,
        ...CREDENTIALS,
        timeoutMs: 100,
        retryInitialDelayMs: 10,
      });
      assert.equal((await expectPjError(pj.createCustomer({}))).kind, 'timeout');
      assert.equal((await expectPjError(pj.createCustomerVault(7, { tokenId: 'tok' }))).kind, 'timeout');
      assert.equal(silent.requests, 2, 'each sent exactly once');
    } finally {
      await silent.close();
    }
  });
});
