/**
 * What the relay sends PayJunction for a tip: `allowTips` (the terminal asks the customer), never a
 * tip amount, which no PayJunction page documents for request-payment. Read from the form bodies a
 * proxy between the relay and the simulator forwarded, over real HTTP.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSimulator } from '../../server-stub/simulator/index.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startPayment, startRelaySimulator, startTestRelay, type TestRelay } from '../helpers/relay.js';

let sim: RunningSimulator;
let proxy: FaultProxy;
let t: TestRelay;
before(async () => {
  sim = await startRelaySimulator();
  proxy = await startFaultProxy(sim.url);
  t = await startTestRelay({ simulator: { url: proxy.url } });
});
after(async () => {
  await t?.close();
  await proxy?.close();
  await sim?.close();
});

const requestPayments = () =>
  proxy.sent
    .filter((c) => c.method === 'POST' && c.path.endsWith('/request-payment'))
    .map((c) => new URLSearchParams(c.body));

test('allowTips reaches request-payment as allowTips=true; without it nothing about tips is sent', async () => {
  assert.equal((await startPayment(t, { allowTips: true, amountBase: '5.00' })).status, 202);
  assert.equal((await startPayment(t, { amountBase: '6.00' })).status, 202);
  const [tipped, plain] = requestPayments();
  assert.equal(tipped?.get('allowTips'), 'true');
  assert.equal(plain?.get('allowTips'), null);
  for (const form of [tipped!, plain!]) assert.equal(form.get('amountTip'), null, 'no tip amount, ever');
});

test('a tip amount is refused before PayJunction is asked', async () => {
  const before = requestPayments().length;
  const res = await startPayment(t, { amountTip: '1.00' });
  assert.equal(res.status, 400);
  assert.equal(res.json.error.fields[0].field, 'amountTip');
  assert.equal(requestPayments().length, before);
});
