/**
 * Smart Terminal signature, prompt and input requests in the simulator: what each yields while
 * IN_PROGRESS, and the controls that choose it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../helpers/simulator.js';
import {
  DRIVE,
  FRONT,
  receiver,
  sim,
  statuses,
  subscribe,
  useSimulator,
  waitForStatus,
} from '../helpers/simulator-suite.js';

useSimulator();

describe('signature, prompt and input requests', () => {
  it('request-signature yields a 32-hex signatureId while IN_PROGRESS, then COMPLETE', async () => {
    const hook = await receiver();
    await subscribe(hook.url);
    const res = await sim.pj('POST', `/smartterminals/${FRONT}/request-signature`, {
      terminalId: 1,
      terms: 'I agree to pay.',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['requestId']);
    const done = await waitForStatus(res.body.requestId, 'COMPLETE');
    assert.match(done.signatureId!, /^[0-9a-f]{32}$/);
    await waitFor(() => statuses(hook.received).includes('COMPLETE'));
    const data = hook.received.map((d) => d.body.data);
    assert.deepEqual(
      data.map((d) => d.status),
      ['CONNECTING', 'IN_PROGRESS', 'IN_PROGRESS', 'COMPLETE'],
    );
    assert.deepEqual(data[2], { requestId: res.body.requestId, status: 'IN_PROGRESS', signatureId: done.signatureId });
    assert.equal(data[3].transactionId, undefined);
  });

  it("request-prompt yields the pressed button (the first by default, or the control's)", async () => {
    const prompt = (device: string) =>
      sim.pj('POST', `/smartterminals/${device}/request-prompt`, {
        terminalId: 1,
        text: 'Email receipt?',
        buttons: ['Yes', 'No'],
      });
    const first = await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE');
    assert.equal(first.promptButton, 'Yes');
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'approve', button: 'No' });
    assert.equal((await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE')).promptButton, 'No');
    await sim.control('POST', `/devices/${FRONT}/next-outcome`, { outcome: 'cardholder_cancel' });
    assert.equal((await waitForStatus((await prompt(FRONT)).body.requestId, 'COMPLETE')).promptButton, undefined);
  });

  it('request-input (PHONE) yields the typed number', async () => {
    const input = () => sim.pj('POST', `/smartterminals/${DRIVE}/request-input`, { terminalId: 1, type: 'PHONE' });
    assert.equal((await waitForStatus((await input()).body.requestId, 'COMPLETE')).inputValue, '8006010230');
    await sim.control('POST', `/devices/${DRIVE}/next-outcome`, { outcome: 'approve', inputValue: '5125550123' });
    assert.equal((await waitForStatus((await input()).body.requestId, 'COMPLETE')).inputValue, '5125550123');
  });
});
