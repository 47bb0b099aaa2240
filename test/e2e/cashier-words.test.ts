/**
 * A cashier's words (issue 13, "Contradicting guidance", "Raw input echoed" and its small frictions):
 * the demo page in Debian's Chromium (playwright-core) against `npm start` in simulator mode, one
 * scenario per complaint, each showing the fixed behaviour and saving
 * test-results/e2e/cashier-words-<scenario>.png. The relay's request timeout is 4 s here, so a
 * terminal that never finishes times out within the scenario.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { describeDecline } from '../../src/protocol/declines.js';
import {
  $,
  PAY,
  STATES,
  TX,
  chooseTerminal,
  expectApproved,
  fill,
  money,
  pay,
  result,
  setAmount,
  simPanel,
  waitForBadge,
  waitForPayStatus,
  demoSuite,
} from './demo-page.js';
import { BACK_OFFICE, FRONT_COUNTER, until, waitForText, words } from './helpers.js';

const suite = demoSuite({ demo: { speed: 10, env: { PJ_REQUEST_TIMEOUT_MS: '4000' } }, prefix: 'cashier-words-' });
const { onDemo } = suite;

/** Everything an element's shadow root shows, white space collapsed. */
const shown = (locator: Locator) =>
  locator.evaluate((el) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim());

/** <pj-terminal-pay>'s headline and its first line; <pj-tx-status>'s badge and message. */
async function bothSay(page: Page) {
  return {
    head: await words(page.locator('#pay .head')),
    detail: await words(page.locator('#pay [part~="detail"] li')),
    badge: await words(page.locator($.badge)),
    message: await words(page.locator($.resultMessage)),
  };
}

/** The status box's border and background against the badge's text and background. */
const colours = (page: Page) =>
  page.evaluate(() => {
    const box = getComputedStyle(document.querySelector('#pay')!.shadowRoot!.querySelector('[part~="status"]')!);
    const tag = getComputedStyle(document.querySelector('#result')!.shadowRoot!.querySelector('[part~="badge"]')!);
    return { box: [box.borderTopColor, box.backgroundColor], badge: [tag.color, tag.backgroundColor] };
  });

describe("a cashier's words on the demo page (npm start, simulator mode)", { timeout: 120_000 }, () => {
  test('contradicting guidance: a decline that says "another card" offers a new payment, not "Try again"', async () => {
    await onDemo('01-decline-new-payment', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await setAmount(page, '12.50');
      await simPanel(page, 'decline', { device: FRONT_COUNTER, code: '05' });
      await pay(page);
      await waitForPayStatus(page, describeDecline('05').guidance);
      await waitForBadge(page, STATES.declined);
      assert.equal(await words(page.locator($.payButton)), PAY.newPayment);
      assert.doesNotMatch(await shown(page.locator($.pay)), /Try again/);
      // (What "New payment" does, back to ready without charging, is in test/browser/terminal-pay-actions.test.ts.)
    });
  });

  test('raw input echoed: "abc" or nothing as the amount is never shown; the status asks for an amount', async () => {
    await onDemo('02-amount-never-echoed', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      for (const typed of ['abc', '']) {
        await setAmount(page, typed);
        await waitForPayStatus(page, fill(PAY.enterAmount, { terminal: 'Front Counter' }));
        assert.equal(await words(page.locator($.payButton)), fill(PAY.pay, { amount: '' }).trim());
        assert.equal(await page.locator($.payButton).isDisabled(), true);
        if (typed) assert.ok(!(await shown(page.locator($.pay))).includes(typed), `"${typed}" is shown`);
        assert.doesNotMatch(await shown(page.locator($.pay)), /Ready: on/);
      }
      await setAmount(page, 'abc'); // the screenshot shows it
      await waitForText(page.locator('#pay [part~="message"]'), 'must be written like 12.50');
    });
  });

  test('a double click on Charge leaves no text selected', async () => {
    await onDemo('03-double-click-no-selection', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await page.locator($.payButton).dblclick();
      const selection = await page.evaluate(() => {
        const s = document.getSelection();
        return { type: s?.type, text: s?.toString() ?? '' };
      });
      assert.notEqual(selection.type, 'Range', `text was selected: ${JSON.stringify(selection.text)}`);
      await expectApproved(page, '12.50');
    });
  });

  test('a refund says "Refunded" in the badge and in the heading, never "Approved"', async () => {
    await onDemo('04-refund-words', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await setAmount(page, '3.00');
      // The demo has no refund control yet: a host page sets `action` as it would.
      await page.locator($.pay).evaluate((el) => el.setAttribute('action', 'refund'));
      await waitForText(page.locator($.payButton), fill(PAY.payRefund, { amount: money('3.00') }));
      await pay(page);
      await waitForPayStatus(page, result(STATES.refunded, '3.00'));
      await waitForBadge(page, STATES.refunded);
      for (const element of [$.pay, $.result])
        assert.doesNotMatch(await shown(page.locator(element)), /Approved/, `${element} says Approved`);
    });
  });

  test('the result card says "Approved" once, with no blank gap between its lines', async () => {
    await onDemo('05-result-card', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await pay(page);
      await expectApproved(page, '12.50');
      assert.equal(await page.locator($.resultMessage).count(), 0, 'a line under the badge repeats it');
      const gaps = await page.locator(`${$.result} [part~="base"]`).evaluate((base) => {
        const boxes = [...base.children].map((child) => child.getBoundingClientRect());
        const rowGap = parseFloat(getComputedStyle(base).rowGap);
        return { rowGap, gaps: boxes.slice(1).map((box, i) => Math.round(box.top - boxes[i]!.bottom)) };
      });
      for (const gap of gaps.gaps) assert.ok(gap <= gaps.rowGap, `a ${gap}px gap (rows are ${gaps.rowGap}px apart)`);
    });
  });

  test('a timeout has the same words and the same amber in both elements', async () => {
    await onDemo('06-timeout-one-colour', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await simPanel(page, 'never-finish', { device: FRONT_COUNTER });
      await pay(page);
      await waitForBadge(page, STATES.timeout);
      await waitForPayStatus(page, STATES.timeoutMessage);
      const said = await bothSay(page);
      assert.equal(said.head, STATES.timeout);
      assert.equal(said.badge, STATES.timeout);
      assert.equal(said.detail, STATES.timeoutMessage);
      assert.equal(said.message, STATES.timeoutMessage);
      const { box, badge } = await colours(page);
      assert.deepEqual(box, badge);
      assert.deepEqual(badge, ['rgb(146, 64, 14)', 'rgb(254, 243, 199)'], 'the warning tokens (amber)');
    });
  });

  test('busy and offline are worded the same in both elements', async () => {
    await onDemo('07-busy-offline-same-words', async (page) => {
      await chooseTerminal(page, FRONT_COUNTER);
      await simPanel(page, 'busy', { device: FRONT_COUNTER });
      await pay(page);
      await waitForBadge(page, STATES.busy);
      await waitForPayStatus(page, STATES.busyMessage);
      assert.deepEqual(await bothSay(page), {
        head: STATES.busy,
        detail: STATES.busyMessage,
        badge: STATES.busy,
        message: STATES.busyMessage,
      });
      assert.deepEqual((await colours(page)).box, (await colours(page)).badge);

      await chooseTerminal(page, BACK_OFFICE); // offline in the simulator's fixture
      await pay(page);
      await waitForBadge(page, STATES.noConnection);
      await waitForPayStatus(page, STATES.noConnectionMessage);
      assert.deepEqual(await bothSay(page), {
        head: STATES.noConnection,
        detail: STATES.noConnectionMessage,
        badge: STATES.noConnection,
        message: STATES.noConnectionMessage,
      });
      const { box, badge } = await colours(page);
      assert.deepEqual(box, badge);
    });
  });

  test('tx-status names the id it looked up, and offers no Retry for one that does not exist', async () => {
    await onDemo('08-tx-status-names-the-id', async (page) => {
      await page.locator($.result).evaluate((el) => el.setAttribute('transaction-id', '99999999'));
      await waitForText(page.locator($.resultMessage), fill(TX.notFound, { id: '99999999' }));
      assert.match(await words(page.locator($.resultMessage)), /\b99999999\b/, 'the id looked up is named');
      assert.equal(await page.locator(`${$.result} [part~="retry-button"]`).count(), 0);
    });
  });

  test('tx-status refuses a transaction id that is not a number, in the browser', async () => {
    await onDemo('09-tx-status-refuses-non-numeric', async (page) => {
      const lookups: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/pj/transactions/')) lookups.push(request.url());
      });
      await page.locator($.result).evaluate((el) => el.setAttribute('transaction-id', 'abc'));
      await waitForText(page.locator($.resultMessage), TX.invalidId);
      assert.doesNotMatch(await shown(page.locator($.result)), /abc/);
      await until(async () => (await page.locator('#event-log li[data-event="pj-error"]').count()) > 0, 'pj-error');
      assert.deepEqual(lookups, [], 'nothing was sent to the relay');
    });
  });
});
