/**
 * README — end-to-end suite: the demo pages in Debian's Chromium (playwright-core) against `npm start`
 * (server-stub/cli/start.ts: relay + simulator, PJ_SIM_SPEED=10) started on free ports, as a cashier
 * and a customer use them. Run it with `node scripts/test.mjs e2e` (part of `npm test`); each scenario
 * saves test-results/e2e/<scenario>.png. The relay-restart scenario is in relay-restart.test.ts; the
 * schedule form (scenario 9) and its payment fields frame are in payment-fields.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeDecline } from '../../src/protocol/declines.js';
import {
  $,
  PAY,
  STATES,
  TX,
  chooseTerminal,
  demoReady,
  expectApproved,
  fill,
  liveRequestId,
  logCount,
  loggedEvents,
  money,
  pay,
  result,
  setAmount,
  simPanel,
  waitForBadge,
  waitForLog,
  waitForPayStatus,
  demoSuite,
} from './demo-page.js';
import { DRIVE_THRU, FRONT_COUNTER, restoreSimulator, scenario, until, waitForText, words } from './helpers.js';

const suite = demoSuite({ demo: { speed: 10 } });
const { onDemo } = suite;

type Device = {
  smartTerminalId: string;
  online: boolean;
  busy: boolean;
  nextOutcome: { outcome: string; code?: string } | null;
};
async function device(id: string): Promise<Device> {
  const { devices } = (await suite.demo.sim('devices')) as { devices: Device[] };
  return devices.find((d) => d.smartTerminalId === id)!;
}

const requestPayments = async (smartTerminalId: string) =>
  (await suite.demo.calls()).filter(
    (c) => c.method === 'POST' && c.path === `/smartterminals/${smartTerminalId}/request-payment`,
  ).length;

describe('the demo page (npm start, simulator mode)', { timeout: 120_000 }, () => {
  test('1. approved: choose a terminal, pay; the live status, the result and the event log agree', async () => {
    await onDemo('01-approved', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await waitForPayStatus(page, fill(PAY.idle, { amount: money('12.50'), terminal: 'Front Counter' }));
      await pay(page);
      await expectApproved(page, '12.50');
      const detail = await words(page.locator($.payDetail));
      assert.match(detail, /VISA ending in 1111/);
      assert.match(await words(page.locator('#result [part~="card"]')), /VISA ending in 1111/);
      const events = await loggedEvents(page);
      assert.ok(events.includes('pj-request-status'), `log: ${events.join(', ')}`);
      assert.ok(
        events.indexOf('pj-request-status') < events.indexOf('pj-payment-approved'),
        `log order: ${events.join(', ')}`,
      );
      assert.equal(await logCount(page, 'pj-payment-approved'), 1);
      assert.equal(await logCount(page, 'pj-error'), 0);
    });
  });

  test('2. declined 05 (amount 0.05) and 51 (the simulator panel) with the guidance shown', async () => {
    await onDemo('02-declined', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await setAmount(page, '0.05');
      await pay(page);
      const guidance05 = describeDecline('05').guidance;
      await waitForPayStatus(page, result(STATES.declined, '0.05'));
      await waitForText(page.locator($.payDetail), guidance05);
      await waitForBadge(page, STATES.declined);
      await waitForText(page.locator($.guidance), guidance05);
      await waitForLog(page, 'pj-payment-declined', 1);

      // 51 chosen in the simulator panel, at an amount that would otherwise be approved.
      await setAmount(page, '12.50');
      await simPanel(page, 'decline', { device: FRONT_COUNTER, code: '51' });
      assert.deepEqual((await device(FRONT_COUNTER)).nextOutcome, { outcome: 'decline', code: '51' });
      // 05 says "another card": the button starts a new payment, not the same card again.
      await waitForText(page.locator($.payButton), PAY.newPayment);
      await page.locator($.payButton).click();
      await waitForText(page.locator($.payButton), fill(PAY.pay, { amount: money('12.50') }));
      await pay(page);
      const guidance51 = describeDecline('51').guidance;
      await waitForPayStatus(page, result(STATES.declined, '12.50'));
      await waitForText(page.locator($.payDetail), guidance51);
      await waitForText(page.locator($.guidance), guidance51);
      await waitForBadge(page, STATES.declined);
      await waitForLog(page, 'pj-payment-declined', 2);
      assert.equal(await logCount(page, 'pj-payment-approved'), 0);
    });
  });

  test('3. busy, then retry once the terminal is free', async () => {
    await onDemo('03-busy-then-retry', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await simPanel(page, 'busy', { device: FRONT_COUNTER });
      assert.equal((await device(FRONT_COUNTER)).busy, true);
      await pay(page);
      await waitForPayStatus(page, STATES.busyMessage);
      await waitForBadge(page, STATES.busy);
      await waitForLog(page, 'pj-error');

      await simPanel(page, 'not-busy', { device: FRONT_COUNTER });
      assert.equal((await device(FRONT_COUNTER)).busy, false);
      await waitForText(page.locator($.payButton), fill(PAY.payAgain, { amount: money('12.50') }));
      await pay(page);
      await expectApproved(page, '12.50');
    });
  });

  test('4. no connection: the terminal is unplugged (simulator panel)', async () => {
    await onDemo('04-no-connection', async (page) => {
      await simPanel(page, 'offline', { device: DRIVE_THRU });
      assert.equal((await device(DRIVE_THRU)).online, false);
      await chooseTerminal(page, DRIVE_THRU);
      await pay(page);
      await waitForPayStatus(page, STATES.noConnectionMessage);
      await waitForBadge(page, STATES.noConnection);
      await waitForText(page.locator($.resultMessage), STATES.noConnectionMessage);
      await waitForLog(page, 'pj-error');
      await simPanel(page, 'online', { device: DRIVE_THRU });
      assert.equal((await device(DRIVE_THRU)).online, true);
    });
  });

  test('5. cancel from the page, and by the cardholder', async () => {
    await onDemo('05-cancel', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await simPanel(page, 'never-finish', { device: FRONT_COUNTER });
      await pay(page);
      await waitForPayStatus(page, STATES.waiting);
      await page.locator($.cancelButton).click();
      await waitForPayStatus(page, STATES.cancelledMessage);
      await waitForBadge(page, STATES.cancelled);
      await waitForLog(page, 'pj-payment-cancelled', 1);

      await simPanel(page, 'cardholder-cancel', { device: FRONT_COUNTER });
      await pay(page);
      await waitForPayStatus(page, PAY.cancelledOnTerminal);
      await waitForBadge(page, STATES.cancelled);
      await waitForLog(page, 'pj-payment-cancelled', 2);
      assert.equal(await logCount(page, 'pj-payment-approved'), 0);
    });
  });

  test('6. a double click makes ONE upstream request-payment', async () => {
    await onDemo('06-double-click', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      const before = await requestPayments(FRONT_COUNTER);
      await page.locator($.payButton).dblclick();
      await expectApproved(page, '12.50');
      assert.equal(
        await requestPayments(FRONT_COUNTER),
        before + 1,
        'a real double click: one request-payment upstream',
      );

      // Two clicks in the same task, before the element can re-render its button.
      await page.locator($.payButton).click(); // "New payment": back to idle
      await waitForText(page.locator($.payButton), fill(PAY.pay, { amount: money('12.50') }));
      await page.locator($.payButton).evaluate((button) => {
        (button as HTMLButtonElement).click();
        (button as HTMLButtonElement).click();
      });
      await waitForLog(page, 'pj-payment-approved', 2);
      await expectApproved(page, '12.50');
      assert.equal(
        await requestPayments(FRONT_COUNTER),
        before + 2,
        'two synchronous clicks: one more request-payment',
      );
    });
  });

  test('7. a reload in the middle of a payment resumes the live status', async () => {
    await onDemo('07-reload-resumes', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await simPanel(page, 'never-finish', { device: FRONT_COUNTER });
      const requestId = await pay(page);
      await waitForPayStatus(page, STATES.waiting);

      await page.reload();
      await demoReady(page);
      await until(async () => (await liveRequestId(page)) === requestId, `#pay to resume ${requestId}`);
      await waitForPayStatus(page, STATES.waiting);
      await waitForBadge(page, TX.pending);
      const followed = await page
        .locator($.result)
        .evaluate((el) => (el as HTMLElement & { requestId?: string }).requestId ?? el.getAttribute('request-id'));
      assert.equal(followed, requestId, '#result follows the same live request');
      assert.equal((await device(FRONT_COUNTER)).nextOutcome, null);

      // Let it finish from the resumed page: the final state shows, and a reload no longer resumes it.
      await page.locator($.cancelButton).click();
      await waitForPayStatus(page, STATES.cancelledMessage);
      await waitForBadge(page, STATES.cancelled);
      await waitForLog(page, 'pj-payment-cancelled');
      await page.reload();
      await demoReady(page);
      await waitForText(page.locator($.payButton), fill(PAY.pay, { amount: money('12.50') }));
      assert.notEqual(await liveRequestId(page), requestId, 'a final request is not resumed again');
    });
  });
});

describe('the other ways in', { timeout: 120_000 }, () => {
  test('10. the plain <script> page renders all three elements and takes a payment', async () => {
    try {
      await scenario(suite.browser, '10-plain-script', suite.demo.origin, '/plain.html', async ({ page }) => {
        await page.waitForFunction(() =>
          ['pj-terminal-pay', 'pj-tx-status', 'pj-schedule-form'].every((tag) => customElements.get(tag)),
        );
        const rendered = await page.evaluate(() =>
          ['pj-terminal-pay', 'pj-tx-status', 'pj-schedule-form'].map(
            (tag) => !!document.querySelector(tag)?.shadowRoot,
          ),
        );
        assert.deepEqual(rendered, [true, true, true], 'each element has its shadow root');
        await page.locator('pj-schedule-form [part~="submit-button"]').waitFor();
        const select = page.locator('pj-terminal-pay [part~="terminal-select"]');
        await page.locator('pj-terminal-pay [part~="terminal-select"]:enabled').waitFor();
        await select.selectOption(FRONT_COUNTER);
        await page.locator('pj-terminal-pay [part~="pay-button"]').click();
        await waitForText(page.locator('pj-terminal-pay [part~="status"]'), result(STATES.approved, '12.50'));
      });
    } finally {
      await restoreSimulator(suite.demo.origin);
    }
  });

  test('11. the React page renders and logs pj-* events received through React', async () => {
    try {
      await scenario(suite.browser, '11-react', suite.demo.origin, '/react/', async ({ page }) => {
        await page.waitForFunction(() =>
          ['pj-terminal-pay', 'pj-schedule-form'].every((tag) => document.querySelector(tag)?.shadowRoot),
        );
        const pay = page.locator('pj-terminal-pay');
        await page.locator('pj-schedule-form [part~="submit-button"]').waitFor();
        // The amount reaches the element as a property set from React state.
        await page.locator('#react-amount').fill('3.00');
        await waitForText(pay.locator('[part~="pay-button"]'), fill(PAY.pay, { amount: money('3.00') }));
        const select = pay.locator('[part~="terminal-select"]');
        if ((await select.count()) > 0) {
          await pay.locator('[part~="terminal-select"]:enabled').waitFor();
          await select.selectOption(FRONT_COUNTER);
        }
        await pay.locator('[part~="pay-button"]').click();
        await waitForText(pay.locator('[part~="status"]'), result(STATES.approved, '3.00'));
        // React rendered <pj-tx-status> with the request's transaction.
        await waitForText(page.locator('pj-tx-status [part~="badge"]'), STATES.approved);
        const logged = (event: string) => page.locator(`#react-log li[data-event="${event}"]`).count();
        await until(async () => (await logged('pj-payment-approved')) === 1, 'pj-payment-approved in #react-log');
        assert.ok((await logged('pj-request-status')) >= 2, 'the request status changes, received by React');
        assert.equal(await logged('pj-error'), 0);
      });
    } finally {
      await restoreSimulator(suite.demo.origin);
    }
  });
});
