/**
 * The demo page's DOM contract (/work/contracts-issue5.md, "The demo's DOM contract") as small
 * actions and waits. Selectors reach into the elements' open shadow roots: Playwright's CSS
 * engine pierces them (`#pay [part~="status"]`).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { requestStatesEn } from '../../src/locales/en/request-states.js';
import { terminalPayEn } from '../../src/locales/en/terminal-pay.js';
import { txStatusEn } from '../../src/locales/en/tx-status.js';
import { formatMoney } from '../../src/protocol/money.js';
import {
  FRONT_COUNTER,
  STATE_TIMEOUT,
  escapeRegExp,
  launchChromium,
  restoreSimulator,
  scenario,
  startDemo,
  until,
  waitForText,
  words,
  type DemoServer,
} from './helpers.js';

export { terminalPayEn as PAY, txStatusEn as TX, requestStatesEn as STATES };

export const $ = {
  amount: '#amount',
  pay: '#pay',
  payStatus: '#pay [part~="status"]',
  payDetail: '#pay [part~="detail"]',
  payButton: '#pay [part~="pay-button"]',
  cancelButton: '#pay [part~="cancel-button"]',
  terminalSelect: '#pay [part~="terminal-select"]',
  result: '#result',
  badge: '#result [part~="badge"]',
  resultMessage: '#result [part~="message"]',
  guidance: '#result [part~="guidance"]',
  log: '#event-log',
  simPanel: '#simulator-panel',
  simDevice: '#sim-device',
  simDeclineCode: '#sim-decline-code',
  schedule: '#schedule',
} as const;

/** "{amount}" and friends, as the elements fill them (format() of src/locales). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The element's words for an amount: "$12.50" in en-US. */
export const money = (amount: string) => formatMoney(amount, 'en-US');

/** <pj-terminal-pay>'s headline for a transaction's result: "Approved: $12.50", "Declined: $0.05". */
export const result = (status: string, amount: string) =>
  fill(requestStatesEn.result, { status, amount: money(amount) });

/**
 * The index page has read /pj/health (simulator mode) and lists the terminals; with `panel` (the
 * default) its simulator panel is shown and lists the devices too.
 */
export async function demoReady(page: Page, options: { panel?: boolean } = {}): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.mode === 'simulator', undefined, { timeout: STATE_TIMEOUT });
  // The picker lists the terminals once they arrived (it stays disabled while a resumed payment lives).
  await page.locator(`${$.terminalSelect} option[value="${FRONT_COUNTER}"]`).waitFor({ state: 'attached' });
  if (options.panel === false) return;
  await page.locator($.simPanel).waitFor({ state: 'visible' });
  await page.locator(`${$.simDevice} option[value="${FRONT_COUNTER}"]`).waitFor({ state: 'attached' });
}

export async function chooseTerminal(page: Page, smartTerminalId = FRONT_COUNTER): Promise<void> {
  await page.locator($.terminalSelect).selectOption(smartTerminalId);
}

/** Types the amount in the cashier panel and waits for it to reach <pj-terminal-pay amount>. */
export async function setAmount(page: Page, amount: string): Promise<void> {
  await page.locator($.amount).fill(amount);
  await until(async () => (await page.locator($.pay).getAttribute('amount')) === amount, `#pay amount="${amount}"`);
}

/** The number of event-log lines for one event name (`sim` for the simulator panel's own lines). */
export async function logCount(page: Page, event: string): Promise<number> {
  return page.locator(`${$.log} > li[data-event="${event}"]`).count();
}

export async function waitForLog(page: Page, event: string, atLeast = 1): Promise<void> {
  await until(async () => (await logCount(page, event)) >= atLeast, `${atLeast} × ${event} in #event-log`);
}

/** The event names in the log, oldest first. */
export async function loggedEvents(page: Page): Promise<string[]> {
  const names = await page
    .locator(`${$.log} > li`)
    .evaluateAll((items) => items.map((li) => li.getAttribute('data-event') ?? ''));
  return names.reverse();
}

/**
 * Presses a simulator-panel button for a device (chosen in #sim-device first) and waits for the
 * panel's line in the event log, which it writes once the /__sim/ control answered.
 */
export async function simPanel(
  page: Page,
  action: string,
  options: { device?: string; code?: string } = {},
): Promise<void> {
  await page.locator($.simDevice).selectOption(options.device ?? FRONT_COUNTER);
  if (options.code) await page.locator($.simDeclineCode).selectOption(options.code);
  const before = await logCount(page, 'sim');
  await page.locator(`${$.simPanel} button[data-sim="${action}"]`).click();
  await until(async () => (await logCount(page, 'sim')) > before, `the simulator panel's log line for ${action}`);
  const line = page.locator(`${$.log} > li[data-event="sim"]`).first();
  assert.notEqual(await line.getAttribute('data-tone'), 'bad', `the simulator refused ${action}: ${await words(line)}`);
}

export async function payStatus(page: Page): Promise<string> {
  return words(page.locator($.payStatus));
}

export function waitForPayStatus(page: Page, text: string | RegExp, timeoutMs = STATE_TIMEOUT): Promise<string> {
  return waitForText(page.locator($.payStatus), text, timeoutMs);
}

export function waitForBadge(page: Page, text: string, timeoutMs = STATE_TIMEOUT): Promise<string> {
  return waitForText(page.locator($.badge), new RegExp(`^${escapeRegExp(text)}$`), timeoutMs);
}

/** Presses pay and waits for the request id <pj-terminal-pay> got from the relay. */
export async function pay(page: Page): Promise<string> {
  const before = await liveRequestId(page);
  await page.locator($.payButton).click();
  return until(async () => {
    const id = await liveRequestId(page);
    return id && id !== before ? id : undefined;
  }, 'the payment to be accepted by the relay (#pay requestId)');
}

export function liveRequestId(page: Page): Promise<string | undefined> {
  return page.locator($.pay).evaluate((el) => (el as HTMLElement & { requestId?: string }).requestId);
}

/** The cashier sees the approval, <pj-tx-status> shows it, and the log has pj-payment-approved. */
export async function expectApproved(page: Page, amount: string, timeoutMs = STATE_TIMEOUT): Promise<void> {
  await waitForPayStatus(page, result(requestStatesEn.approved, amount), timeoutMs);
  await waitForBadge(page, requestStatesEn.approved, timeoutMs);
  assert.match(await words(page.locator('#result [part~="amount"]')), new RegExp(escapeRegExp(money(amount))));
  await waitForLog(page, 'pj-payment-approved');
  // The result follows the transaction once the request is final.
  await until(
    () =>
      page
        .locator($.result)
        .evaluate(
          (el) => (el as HTMLElement & { transactionId?: string }).transactionId || el.getAttribute('transaction-id'),
        ),
    '#result to show the transaction (transaction-id)',
  );
}

/** One e2e file's demo server and Chromium (demoSuite). */
export interface DemoSuite {
  readonly demo: DemoServer;
  readonly browser: Browser;
  /** One scenario on the index page (its screenshot named `prefix + name`), the simulator put back afterwards. */
  onDemo(name: string, run: (page: Page) => Promise<void>): Promise<void>;
}

/**
 * Starts the demo (`npm start`, as startDemo does) and Chromium side by side before the file's tests and
 * stops whichever started after them, even if the other failed. `cleanup` runs after each scenario,
 * before the simulator is restored.
 */
export function demoSuite(
  options: {
    demo?: Parameters<typeof startDemo>[0];
    prefix?: string;
    cleanup?: (demo: DemoServer) => Promise<unknown>;
  } = {},
): DemoSuite {
  let demo: DemoServer | undefined;
  let browser: Browser | undefined;
  before(
    async () => {
      const [server, chromium] = await Promise.allSettled([startDemo(options.demo), launchChromium()]);
      if (server.status === 'fulfilled') demo = server.value;
      if (chromium.status === 'fulfilled') browser = chromium.value;
      for (const started of [server, chromium]) if (started.status === 'rejected') throw started.reason;
    },
    { timeout: 300_000 },
  );
  after(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return {
    get demo() {
      return demo!;
    },
    get browser() {
      return browser!;
    },
    async onDemo(name, run) {
      try {
        await scenario(browser!, `${options.prefix ?? ''}${name}`, demo!.origin, '/', async ({ page }) => {
          await demoReady(page);
          await run(page);
        });
      } finally {
        await options.cleanup?.(demo!);
        await restoreSimulator(demo!.origin);
      }
    },
  };
}
