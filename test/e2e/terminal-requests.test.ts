/**
 * End-to-end: the demo's "Ask the customer" panel (<pj-terminal-request>) in Debian's Chromium against
 * `npm start` (simulator mode, PJ_SIM_SPEED=10), as a cashier uses it: a signature, a question answered
 * with the button the customer pressed, a phone number request cancelled from the page, an offline
 * terminal, and the same panel in Spanish. The page shows what its listener of pj-request-completed got,
 * and the event log every event. Screenshot: test-results/e2e/13-1-ask-the-customer.png.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { requestStatesEn as STATES_EN } from '../../src/locales/en/request-states.js';
import { terminalRequestEn as EN } from '../../src/locales/en/terminal-request.js';
import { requestStatesEs as STATES_ES } from '../../src/locales/es/request-states.js';
import { terminalRequestEs as ES } from '../../src/locales/es/terminal-request.js';
import { demoReady, fill, logCount, waitForLog, demoSuite } from './demo-page.js';
import { BACK_OFFICE, FRONT_COUNTER, restoreSimulator, scenario, until, waitForText, words } from './helpers.js';

const suite = demoSuite({ demo: { speed: 10 } });

const $ = {
  panel: '#requests-panel',
  picker: '#request [part~="terminal-select"]',
  status: '#request [part~="status"]',
  start: '#request [part~="start-button"]',
  cancel: '#request [part~="cancel-button"]',
  answer: '#request-answer',
  buttons: '#request-buttons',
  kind: (kind: string) => `#requests-panel input[name="request-kind"][value="${kind}"]`,
} as const;

/** The request calls of one kind the simulator received (`request-signature`…). */
const upstream = async (kind: string) =>
  (await suite.demo.calls()).filter((c) => c.method === 'POST' && c.path.endsWith(`/request-${kind}`)).length;

async function ask(page: Page): Promise<void> {
  await page.locator(`${$.start}:enabled`).click();
}

describe('the demo: asking the customer on the terminal', { timeout: 120_000 }, () => {
  test('13-1. a signature, a question, a phone number cancelled, an offline terminal; then in Spanish', async () => {
    try {
      await scenario(suite.browser, '13-1-ask-the-customer', suite.demo.origin, '/', async ({ page }) => {
        await demoReady(page, { panel: false });
        await page.locator(`${$.picker} option[value="${FRONT_COUNTER}"]`).waitFor({ state: 'attached' });
        await page.locator($.picker).selectOption(FRONT_COUNTER);
        await waitForText(page.locator($.status), fill(EN.idleSignature, { terminal: 'Front Counter' }));

        // A signature: the live prompt for the cashier, then the answer the page's listener got.
        await ask(page);
        await waitForText(page.locator($.status), EN.waitingSignature);
        await waitForText(page.locator($.status), EN.signed);
        await waitForText(page.locator($.answer), /^Last answer: signatureId [0-9a-f]{32}$/);
        await waitForLog(page, 'pj-request-completed', 1);
        assert.equal(await upstream('signature'), 1);

        // A question: the customer presses the second answer (set on the simulator).
        await page.locator($.kind('prompt')).check();
        await page.locator($.buttons).fill('Yes,No,Later');
        // The signature's answer stays on screen; the button says what it will ask now.
        await waitForText(page.locator($.start), EN.startPrompt);
        await suite.demo.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'approve', button: 'No' });
        await ask(page);
        await waitForText(page.locator($.status), fill(EN.answered, { button: 'No' }));
        await waitForText(page.locator($.answer), 'Last answer: promptButton "No"');
        await waitForLog(page, 'pj-request-completed', 2);

        // A phone number the customer never types: cancelled from the page.
        await page.locator($.kind('input')).check();
        await suite.demo.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
        await ask(page);
        await waitForText(page.locator($.status), EN.waitingInput);
        await page.locator($.cancel).click();
        await waitForText(page.locator($.status), STATES_EN.cancelledRequestMessage);
        await waitForLog(page, 'pj-request-cancelled', 1);

        // Back Office is offline: no connection, in a request's words (no money at stake).
        await page.locator($.picker).selectOption(BACK_OFFICE);
        await ask(page);
        await waitForText(page.locator($.status), STATES_EN.noConnectionRequestMessage);
        await waitForLog(page, 'pj-error', 1);
        const from = await page
          .locator('#event-log > li[data-event="pj-error"] .event-log__from')
          .first()
          .textContent();
        assert.equal(from, 'from pj-terminal-request');

        // The page in Spanish: the same panel, in the cashier's words.
        await page.locator('#language').selectOption('es');
        await waitForText(page.locator($.status), STATES_ES.noConnectionRequestMessage);
        assert.equal(await words(page.locator($.start)), ES.askAgain);
        await page.locator($.picker).selectOption(FRONT_COUNTER);
        await ask(page);
        await waitForText(page.locator($.status), fill(ES.entered, { value: '8006010230' }));
        await waitForText(page.locator($.answer), 'Last answer: inputValue 8006010230');
        assert.equal(await logCount(page, 'pj-request-completed'), 3);
        await until(async () => (await upstream('input')) === 3, 'one input request upstream per press');
        await page.locator($.panel).scrollIntoViewIfNeeded();
      });
    } finally {
      await restoreSimulator(suite.demo.origin);
    }
  });
});
