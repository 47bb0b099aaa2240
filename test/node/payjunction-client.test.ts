/**
 * The PayJunction client against the real simulator over real HTTP: each call the relay makes, and
 * how PayJunction's errors come back. Pace, retries and transport are in payjunction-client-pace and
 * payjunction-client-transport. No mocks of PayJunction.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { SIM_DEVICES, SIM_TERMINALS } from '../../server-stub/simulator/index.js';
import {
  BASIC_VALUE,
  CARD_TERMINAL,
  CREDENTIALS,
  DRIVE_THRU,
  FRONT_COUNTER,
  captureLogger,
  cardSchedule,
  client,
  control,
  expectPjError,
  pollUntilComplete,
  simCalls,
  useSimulator,
} from './support/pj-client.js';

useSimulator();

describe('PayJunctionClient against the simulator: every endpoint', () => {
  it('lists the Smart Terminals and the merchant terminals', async () => {
    const pj = client();
    const devices = await pj.listSmartTerminals();
    assert.deepEqual(
      devices.results.map((d) => d.smartTerminalId).sort(),
      SIM_DEVICES.map((d) => d.smartTerminalId).sort(),
    );
    assert.ok(devices.results.some((d) => d.nickName === 'Back Office'));
    const terminals = await pj.listTerminals();
    assert.deepEqual(
      terminals.results.map((t) => [t.terminalId, t.type]),
      SIM_TERMINALS.map((t) => [t.terminalId, t.type]),
    );
  });

  it('sends Basic auth up front: one client call is one upstream call', async () => {
    await client().listTerminals();
    const calls = await simCalls();
    assert.deepEqual(
      calls.map((c) => [c.method, c.path.split('?')[0], c.status]),
      [['GET', '/terminals', 200]],
    );
  });

  it('runs a payment: request-payment, poll until COMPLETE with a transactionId, then the transaction', async () => {
    const pj = client();
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, {
      terminalId: CARD_TERMINAL,
      amountBase: '12.50',
      invoiceNumber: 'INV-1001',
      showReceiptPrompt: false,
    });
    assert.match(requestPaymentId, /^[0-9a-f-]{36}$/);
    const state = await pollUntilComplete(pj, requestPaymentId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(typeof state.transactionId, 'number');

    const tx = await pj.getTransaction(state.transactionId!);
    assert.equal(tx.transactionId, state.transactionId);
    assert.equal(tx.terminalId, CARD_TERMINAL);
    assert.equal(tx.action, 'CHARGE');
    assert.equal(tx.amountBase, '12.50');
    assert.equal(typeof tx.amountTotal, 'string');
    assert.equal(tx.invoiceNumber, 'INV-1001');
    assert.equal(tx.response.approved, true);
    assert.equal(tx.response.code, '00');
    assert.equal(tx.status, 'CAPTURE');
    assert.equal(typeof tx.created, 'string');
    assert.equal(tx.settlement.settled, false);
  });

  it('runs a signature request to a signatureId', async () => {
    const pj = client();
    const { requestId } = await pj.requestSignature(FRONT_COUNTER, { terminalId: CARD_TERMINAL, terms: 'I agree.' });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    assert.match(state.signatureId ?? '', /^[0-9a-f]{32}$/);
  });

  it('sends prompt buttons as buttons[]: the terminal offers the labels we sent', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${DRIVE_THRU}/next-outcome`, { outcome: 'approve', button: 'Maybe' });
    const { requestId } = await pj.requestPrompt(DRIVE_THRU, {
      terminalId: CARD_TERMINAL,
      text: 'Join our list?\nWe never spam.',
      buttons: ['Yes', 'No', 'Maybe'],
    });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    // "Maybe" is the third label: it can only be pressed if all three arrived as buttons[].
    assert.equal(state.promptButton, 'Maybe');
  });

  it('runs an input request to the typed phone number', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${FRONT_COUNTER}/next-outcome`, {
      outcome: 'approve',
      inputValue: '5551234567',
    });
    const { requestId } = await pj.requestInput(FRONT_COUNTER, { terminalId: CARD_TERMINAL, type: 'PHONE' });
    const state = await pollUntilComplete(pj, requestId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(state.inputValue, '5551234567');
  });

  it('cancels with main: the request completes without a transaction', async () => {
    const pj = client();
    await control('POST', `/__sim/devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, {
      terminalId: CARD_TERMINAL,
      amountBase: '3.00',
    });
    await pj.returnToMain(FRONT_COUNTER);
    const state = await pollUntilComplete(pj, requestPaymentId);
    assert.equal(state.status, 'COMPLETE');
    assert.equal(state.transactionId, undefined);
  });

  it('creates a schedule: ACTIVE, with the card vaulted', async () => {
    const created = await client().createSchedule(cardSchedule('10.00'));
    assert.equal(typeof created.scheduleId, 'number');
    assert.equal(created.amountBase, '10.00');
    assert.equal(created.status, 'ACTIVE');
    assert.equal(created.vault?.lastFour, '1111');
    const calls = await simCalls();
    assert.deepEqual(
      calls.map((c) => [c.method, c.path, c.status]),
      [['POST', '/schedules', 200]],
      'one call, not retried',
    );
  });

  it('turns a declined pre-authorization into kind preauth_declined with the decline code', async () => {
    const err = await expectPjError(client().createSchedule(cardSchedule('.05')));
    assert.equal(err.kind, 'preauth_declined');
    assert.equal(err.status, 400);
    assert.equal(err.decline?.code, '05');
  });

  it('reports a duplicate schedule as conflict, then creates it with bypassDuplicate', async () => {
    const pj = client();
    const first = await pj.createSchedule(cardSchedule('20.00'));
    const err = await expectPjError(pj.createSchedule(cardSchedule('20.00')));
    assert.equal(err.kind, 'conflict');
    assert.equal(err.status, 409);
    const second = await pj.createSchedule(cardSchedule('20.00', { bypassDuplicate: true }));
    assert.notEqual(second.scheduleId, first.scheduleId);
  });

  it('creates, lists and updates a webhook', async () => {
    const pj = client();
    const created = await pj.createWebhook({
      event: 'SMARTTERMINAL_REQUEST',
      url: 'https://hooks.example.com/pj',
      secret: 'whsec-1',
    });
    assert.ok(created.webhookId);
    assert.deepEqual(created.events, ['SMARTTERMINAL_REQUEST']);
    assert.ok((await pj.listWebhooks()).results.some((w) => w.webhookId === created.webhookId));

    const updated = await pj.updateWebhook(created.webhookId, { url: 'https://hooks.example.com/pj2' });
    assert.equal(updated.url, 'https://hooks.example.com/pj2');
    assert.deepEqual(
      (await pj.listWebhooks()).results.map((w) => w.url),
      ['https://hooks.example.com/pj2'],
      'updated in place, not a second subscription',
    );
  });

  it('deletes a webhook: 204, then it is gone from the list and a second delete is a 404', async () => {
    const pj = client();
    const created = await pj.createWebhook({ event: 'SMARTTERMINAL_REQUEST', url: 'https://hooks.example.com/gone' });
    assert.equal(await pj.deleteWebhook(created.webhookId), undefined);
    assert.ok(!(await pj.listWebhooks()).results.some((w) => w.webhookId === created.webhookId));
    const err = await expectPjError(pj.deleteWebhook(created.webhookId));
    assert.equal(err.kind, 'not_found');
    const deletes = (await simCalls()).filter((c) => c.method === 'DELETE');
    assert.deepEqual(
      deletes.map((c) => c.status),
      [204, 404],
    );
  });

  it('voids a Smart Terminal payment: PUT status=VOID answers the transaction with status VOID', async () => {
    const pj = client();
    const { requestPaymentId } = await pj.requestPayment(FRONT_COUNTER, {
      terminalId: CARD_TERMINAL,
      amountBase: '2.00',
      showReceiptPrompt: false,
    });
    const state = await pollUntilComplete(pj, requestPaymentId);
    assert.equal((await pj.getTransaction(state.transactionId!)).status, 'CAPTURE');
    const voided = await pj.voidTransaction(state.transactionId!);
    assert.equal(voided.status, 'VOID');
    assert.equal((await pj.getTransaction(state.transactionId!)).status, 'VOID');
    const put = (await simCalls()).find((c) => c.method === 'PUT');
    assert.equal(put?.path, `/transactions/${state.transactionId}`);
  });
});

describe('PayJunctionClient errors', () => {
  it('401: kind auth, and no credential in message, JSON, string, stack, inspect or logs', async () => {
    const log = captureLogger();
    const pj = client({ password: `${CREDENTIALS.password}-wrong`, logger: log.logger });
    const err = await expectPjError(pj.listSmartTerminals());
    assert.equal(err.kind, 'auth');
    assert.equal(err.status, 401);
    assert.equal(err.attempts, 1, '401 is not retried');
    const wrongBasic = Buffer.from(`${CREDENTIALS.login}:${CREDENTIALS.password}-wrong`).toString('base64');
    const views = [
      err.message,
      String(err),
      err.stack ?? '',
      JSON.stringify(err),
      inspect(err, { showHidden: true, depth: 10 }),
      JSON.stringify(pj),
      inspect(pj, { showHidden: true, depth: 10 }),
      log.raw(),
    ];
    for (const view of views) {
      for (const secret of [CREDENTIALS.password, wrongBasic, BASIC_VALUE, CREDENTIALS.appKey]) {
        assert.ok(!view.includes(secret), `a credential leaked into: ${view.slice(0, 200)}`);
      }
    }
    assert.ok(log.lines.length >= 1, 'the failed call was logged');
  });

  it('401 for a wrong application key too', async () => {
    const err = await expectPjError(client({ appKey: '00000000-0000-4000-8000-000000000000' }).listTerminals());
    assert.equal(err.kind, 'auth');
  });

  it('parses validation errors with parameter and type', async () => {
    const pj = client();
    const err = await expectPjError(
      pj.requestPayment(FRONT_COUNTER, { terminalId: CARD_TERMINAL, amountBase: '1,000.00' }),
    );
    assert.equal(err.kind, 'validation');
    assert.equal(err.status, 400);
    const amount = err.errors.filter((e) => e.parameter === 'amountBase');
    assert.equal(amount.length, 1);
    assert.equal(amount[0]!.type, 'invalid');
    assert.ok(amount[0]!.message.length > 0);

    const missing = await expectPjError(pj.requestSignature(FRONT_COUNTER, { terminalId: CARD_TERMINAL } as never));
    assert.equal(missing.kind, 'validation');
    assert.deepEqual(
      missing.errors.map((e) => [e.parameter, e.type]),
      [['terms', 'required']],
    );
  });

  it('404 is kind not_found', async () => {
    const err = await expectPjError(client().getTransaction(987654321));
    assert.equal(err.kind, 'not_found');
    assert.equal(err.status, 404);
  });

  it('encodes ids as one path segment: "../webhooks" cannot reach another endpoint', async () => {
    const pj = client();
    const err = await expectPjError(pj.getTransaction('../webhooks'));
    assert.equal(err.kind, 'not_found');
    const calls = await simCalls();
    assert.equal(calls.length, 1);
    assert.match(calls[0]!.path, /^\/transactions\/\.\.(%2F|\/)webhooks/i);
    assert.equal(calls[0]!.status, 404);

    await expectPjError(pj.getTransaction('1?status=ACTIVE'));
    const queryCall = (await simCalls())[1]!;
    assert.equal(queryCall.status, 404, 'the query was part of the id, not a query');
    assert.ok(!queryCall.query, 'no query string reached PayJunction');

    // Dot segments would be resolved by the URL parser even when encoded: refused before sending.
    for (const id of ['..', '.', '']) {
      const refused = await expectPjError(pj.getTransaction(id));
      assert.equal(refused.kind, 'validation');
      assert.equal(refused.status, 0);
    }
    assert.equal((await simCalls()).length, 2);
  });
});
