/**
 * POST /schedules and the rest of /schedules in the simulator: the documented object, the shared
 * rule set's errors, pre-authorization declines, duplicates, list/get/update/activate/delete.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TERMINAL_NOT_FOUND_MESSAGE } from '../../server-stub/simulator/index.js';
import { validateSchedule } from '../../src/protocol/schedule.js';
import { ACH_TERMINAL, CARD_TERMINAL, ISO_S, sim, TEST_CARD, useSimulator } from '../helpers/simulator-suite.js';

useSimulator();

// ─── schedules ─────────────────────────────────────────────────────────────────────────────

describe('schedules', () => {
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cardSchedule = {
    scheduleType: 'PERIODIC',
    interval: 'MONTH',
    intervalCount: '1',
    startDate: tomorrow,
    amountBase: '10.00',
    ...TEST_CARD,
    billingFirstName: 'Jane',
    billingLastName: 'Doe',
  };

  it('POST /schedules: 200 with the documented schedule object', async () => {
    const res = await sim.pj('POST', '/schedules', cardSchedule);
    assert.equal(res.status, 200, res.text);
    const s = res.body;
    assert.equal(typeof s.scheduleId, 'number');
    assert.deepEqual(
      { ...s, scheduleId: 0, created: '', lastModified: '' },
      {
        scheduleId: 0,
        terminalId: CARD_TERMINAL.terminalId,
        scheduleType: 'PERIODIC',
        interval: 'MONTH',
        intervalCount: 1,
        amountBase: '10.00',
        amountTotal: '10.00',
        vault: { accountType: 'VISA', lastFour: '1111', type: 'CARD' },
        billing: { firstName: 'Jane', lastName: 'Doe' },
        status: 'ACTIVE',
        startDate: tomorrow,
        created: '',
        lastModified: '',
        nextTransaction: tomorrow,
      },
    );
    assert.match(s.created, ISO_S);
    assert.match(s.lastModified, ISO_S);
    assert.ok(!res.text.includes('4444333322221111'));
    assert.deepEqual((await sim.pj('GET', `/schedules/${s.scheduleId}`)).body, s);
  });

  it("400 with field errors: the shared rules, in PayJunction's error shape", async () => {
    const input = {
      ...cardSchedule,
      scheduleType: '',
      cardNumber: '4444333322221112',
      billingFirstName: 'x'.repeat(17),
    };
    const res = await sim.pj('POST', '/schedules', input);
    assert.equal(res.status, 400);
    const expected = validateSchedule(input, { today: new Date().toISOString().slice(0, 10) });
    assert.equal(expected.ok, false);
    assert.deepEqual(
      res.body.errors,
      (expected as { errors: Array<{ field: string; message: string; type: string }> }).errors.map((e) => ({
        message: e.message,
        parameter: e.field,
        type: e.type,
      })),
    );
    assert.deepEqual(
      res.body.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
      [
        ['cardNumber', 'invalid'],
        ['scheduleType', 'required'],
        ['billingFirstName', 'invalid'],
      ],
    );
    const noSource = await sim.pj('POST', '/schedules', {
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: tomorrow,
      amountBase: '5.00',
    });
    assert.deepEqual(
      noSource.body.errors.map((e: { parameter: string }) => e.parameter),
      ['paymentMethod'],
    );
    const unknownTerminal = await sim.pj('POST', '/schedules', { ...cardSchedule, terminalId: '77' });
    assert.deepEqual(unknownTerminal.body.errors, [
      { message: TERMINAL_NOT_FOUND_MESSAGE, parameter: 'terminalId', type: 'invalid' },
    ]);
  });

  it('400 {response:{approved:false, code}} when the pre-authorization is declined', async () => {
    const res = await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '0.05' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { response: { approved: false, code: '05' } });
    const cvv = await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '1.00', cvv: 'ON', cardCvv: '555' });
    assert.deepEqual(cvv.body, { response: { approved: false, code: '97' } });
    assert.deepEqual((await sim.pj('GET', '/schedules')).body.results, [], 'nothing was created');
  });

  it('409 for the same payment source and amount, then 200 with bypassDuplicate=true', async () => {
    assert.equal((await sim.pj('POST', '/schedules', cardSchedule)).status, 200);
    const duplicate = await sim.pj('POST', '/schedules', { ...cardSchedule, intervalCount: '2' });
    assert.equal(duplicate.status, 409);
    assert.ok(duplicate.body.errors[0].message.length > 0);
    assert.equal((await sim.pj('POST', '/schedules', { ...cardSchedule, bypassDuplicate: 'true' })).status, 200);
    assert.equal(
      (await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '10.01' })).status,
      200,
      'another amount',
    );
    assert.equal(
      (await sim.pj('POST', '/schedules', { ...cardSchedule, cardNumber: '5105105105105100' })).status,
      200,
      'another card',
    );

    const vault = {
      scheduleType: 'SPECIFIC_DATES',
      specificDate1: tomorrow,
      amountBase: '20.00',
      vaultId: '5003',
      achType: 'PPD',
    };
    const first = await sim.pj('POST', '/schedules', vault);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.body.vault, { accountType: 'CHECKING', lastFour: '6789', type: 'ACH' });
    assert.equal(first.body.terminalId, ACH_TERMINAL.terminalId);
    assert.equal((await sim.pj('POST', '/schedules', vault)).status, 409);
    await sim.pj('POST', `/schedules/${first.body.scheduleId}/delete`);
    assert.equal((await sim.pj('POST', '/schedules', vault)).status, 200, 'a deleted schedule is no duplicate');
  });

  it('get, list (status filter, limit ≤ 50, offset, next), update, activate, delete', async () => {
    const a = (await sim.pj('POST', '/schedules', cardSchedule)).body;
    const b = (await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '11.00' })).body;
    const c = (await sim.pj('POST', '/schedules', { ...cardSchedule, amountBase: '12.00' })).body;

    const all = await sim.pj('GET', '/schedules');
    assert.deepEqual(
      all.body.results.map((s: { scheduleId: number }) => s.scheduleId),
      [a.scheduleId, b.scheduleId, c.scheduleId],
    );
    assert.equal(all.body.next, undefined);
    const page = await sim.pj('GET', '/schedules', { limit: 2 });
    assert.equal(page.body.results.length, 2);
    const next = new URL(page.body.next);
    assert.equal(next.searchParams.get('offset'), '2');
    assert.deepEqual(
      (await sim.pj('GET', `/schedules?${next.searchParams}`)).body.results.map(
        (s: { scheduleId: number }) => s.scheduleId,
      ),
      [c.scheduleId],
    );
    assert.equal((await sim.pj('GET', '/schedules', { limit: 51 })).status, 400);
    assert.equal((await sim.pj('GET', '/schedules', { status: 'SLEEPING' })).status, 400);

    const updated = await sim.pj('PUT', `/schedules/${a.scheduleId}`, { amountBase: '15.5', intervalCount: '3' });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual(
      [updated.body.amountBase, updated.body.amountTotal, updated.body.intervalCount],
      ['15.50', '15.50', 3],
    );
    assert.deepEqual(updated.body.vault, a.vault, 'the payment is kept');
    const badUpdate = await sim.pj('PUT', `/schedules/${a.scheduleId}`, { intervalCount: '0', amountBase: '1,00' });
    assert.equal(badUpdate.status, 400);
    assert.deepEqual(badUpdate.body.errors.map((e: { parameter: string }) => e.parameter).sort(), [
      'amountBase',
      'intervalCount',
    ]);
    const newCard = await sim.pj('PUT', `/schedules/${a.scheduleId}`, {
      cardNumber: '5105105105105100',
      cardExpMonth: '1',
      cardExpYear: '2099',
    });
    assert.deepEqual(newCard.body.vault, { accountType: 'MASTERCARD', lastFour: '5100', type: 'CARD' });
    assert.equal((await sim.pj('PUT', '/schedules/999999', { amountBase: '1.00' })).status, 404);

    await sim.control('POST', `/schedules/${b.scheduleId}/status`, { status: 'PAUSED' });
    await sim.control('POST', `/schedules/${c.scheduleId}/status`, { status: 'DELINQUENT' });
    const active = await sim.pj('GET', '/schedules', { status: 'ACTIVE' });
    assert.deepEqual(
      active.body.results.map((s: { scheduleId: number }) => s.scheduleId),
      [a.scheduleId, c.scheduleId],
      'DELINQUENT is listed under ACTIVE',
    );
    const activated = await sim.pj('POST', `/schedules/${b.scheduleId}/activate`);
    assert.equal(activated.status, 200);
    assert.equal(activated.body.status, 'ACTIVE');

    const deleted = await sim.pj('POST', `/schedules/${b.scheduleId}/delete`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.status, 'DELETED');
    assert.deepEqual(
      (await sim.pj('GET', '/schedules', { status: 'DELETED' })).body.results.map(
        (s: { scheduleId: number }) => s.scheduleId,
      ),
      [b.scheduleId],
    );
    assert.equal((await sim.pj('POST', `/schedules/${b.scheduleId}/activate`)).status, 400);
    assert.equal((await sim.pj('POST', '/schedules/999999/delete')).status, 404);
  });
});
