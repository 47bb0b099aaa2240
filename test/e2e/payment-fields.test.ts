/**
 * The payment fields frame in the demo (issue 11), end to end: `npm start` on free ports at
 * LOG_LEVEL=debug (every call the relay answers is logged), Debian's Chromium typing into the real
 * cross-origin frame. A card schedule and a bank (PPD) schedule are created through it while every
 * request the browser sends is recorded; the card number goes only to the simulator's SDK origin, the
 * bank account number only from the frame to the relay's vaulting endpoint, and neither is in the
 * demo's log. The form stays compact on a phone, and the keyboard walks through the frame in order.
 * Scenario 9 of the demo (the form's errors, a pre-authorization decline, a duplicate) is here too.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { scheduleFormEn as S } from '../../src/locales/en/schedule-form.js';
import { describeDecline } from '../../src/protocol/declines.js';
import { SCHEDULE_MESSAGES_EN as M } from '../../src/protocol/schedule.js';
import { $, demoReady, fill, money, waitForLog } from './demo-page.js';
import {
  RESULTS,
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
import {
  FORM,
  chooseMethod,
  clickInView,
  formField,
  frameError,
  frameField,
  frameOf,
  frameReady,
  holdsDigitRun,
  holdsNumber,
  recordRequests,
  submitForm,
  typeBankAccount,
  typeCard,
  type SentRequest,
} from './payment-fields.js';

const CARD = { number: '4111 1111 1111 1111', month: '12', year: String(new Date().getFullYear() + 2), cvv: '7392' };
const CARD_DIGITS = CARD.number.replace(/\s/g, '');
const BANK = { routing: '104000016', account: '5647382910', type: 'CHECKING' as const };

let demo: DemoServer;
let browser: Browser;
/** The relay's fields origin (the frame's page) and the origin the frame loads PayJunction's SDK from. */
let fieldsOrigin: string;
let sdkOrigin: string;

before(
  async () => {
    const [server, chromium] = await Promise.allSettled([
      startDemo({ speed: 10, env: { LOG_LEVEL: 'debug' } }),
      launchChromium(),
    ]);
    if (server.status === 'fulfilled') demo = server.value;
    if (chromium.status === 'fulfilled') browser = chromium.value;
    for (const started of [server, chromium]) if (started.status === 'rejected') throw started.reason;
    fieldsOrigin = (await demo.proc.waitFor(/payment fields: (https?:\/\/\S+)/))[1]!.replace(/\/+$/, '');
    const config = (await (await fetch(`${demo.origin}/pj/fields/config`)).json()) as { sdkUrl: string };
    sdkOrigin = new URL(config.sdkUrl).origin;
    assert.notEqual(sdkOrigin, demo.origin, "the SDK is not on the relay's origin");
    assert.notEqual(fieldsOrigin, demo.origin, 'the frame is on an origin of its own');
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The demo's index page, the simulator put back afterwards whatever happened. */
async function onDemo(
  name: string,
  run: (page: Page, sent: SentRequest[]) => Promise<void>,
  viewport?: { width: number; height: number },
): Promise<void> {
  try {
    await scenario(
      browser,
      name,
      demo.origin,
      '/',
      async ({ context, page }) => {
        // Recorded from the start: the frame and its requests come after the page loaded.
        const sent = recordRequests(context);
        await demoReady(page);
        await run(page, sent);
      },
      viewport ? { viewport } : {},
    );
  } finally {
    await restoreSimulator(demo.origin);
  }
}

/** An amount no other run has used (duplicates are judged on the payment method and the amount). */
const freshAmount = () => `${200 + Math.floor(Math.random() * 3000)}.${String(20 + Math.floor(Math.random() * 70))}`;

const summary = (page: Page) => page.locator(`${FORM} [part~="summary"]`);

/** Which control of the form has focus (in its shadow root): "TAG name value". */
const hostFocus = (page: Page) =>
  page.locator(FORM).evaluate((el) => {
    const active = el.shadowRoot!.activeElement as HTMLInputElement | null;
    return active
      ? `${active.tagName} ${active.getAttribute('name') ?? active.getAttribute('part')} ${active.value ?? ''}`.trim()
      : '';
  });

describe('the schedule form and its payment fields frame in the demo (npm start)', { timeout: 120_000 }, () => {
  test('9. a schedule: validation errors, a pre-auth decline, a duplicate created anyway, success', async () => {
    const year = new Date().getFullYear();
    const start = new Date(Date.now() + 30 * 86_400_000);
    const startDate = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
    // Duplicates are judged on payment method + amount: a fresh amount per run (never a decline trigger's cents).
    const amount = `${200 + Math.floor(Math.random() * 3000)}.${String(20 + Math.floor(Math.random() * 70)).padStart(2, '0')}`;
    const schedulePosts = async () =>
      (await demo.calls()).filter((c) => c.method === 'POST' && c.path === '/schedules').length;

    await onDemo('09-schedule', async (page) => {
      const form = $.schedule;
      const field = (name: string) => page.locator(`${form} [name="${name}"]`);
      const errorBeside = async (name: string) => {
        assert.equal(await field(name).getAttribute('aria-invalid'), 'true', `${name} is marked invalid`);
        const id = await field(name).getAttribute('aria-describedby');
        assert.ok(id, `${name} is described by its message`);
        // Beside: the message is in the same field row as the control.
        const row = page.locator(`${form} [part~="field"]`).filter({ has: page.locator(`[name="${name}"]`) });
        return words(row.locator(`[id="${id}"]`));
      };
      const fillValid = async (amountBase: string) => {
        await frameReady(page);
        await typeCard(page, { number: '4111 1111 1111 1111', month: '12', year: String(year + 2), cvv: '123' });
        await field('interval').selectOption('MONTH');
        await field('intervalCount').fill('1');
        await field('startDate').fill(startDate);
        await field('amountBase').fill(amountBase);
      };
      const submit = () => submitForm(page, form);
      const posts = await schedulePosts();

      // 1. Errors beside their fields, the frame's in the frame, nothing sent.
      await frameReady(page);
      await frameField(page, 'cardNumber').fill('4111 1111 1111 1112');
      await frameField(page, 'cardExpMonth').fill('13');
      await submit();
      await until(async () => (await frameError(page, 'cardNumber')) !== '', 'the card number error in the frame');
      assert.equal(await frameError(page, 'cardNumber'), fill(M.cardNumber, { field: M.fields.cardNumber }));
      assert.equal(await frameError(page, 'cardExpMonth'), fill(M.cardExpMonth, { field: M.fields.cardExpMonth }));
      assert.equal(await frameField(page, 'cardNumber').getAttribute('aria-invalid'), 'true');
      await until(async () => (await field('amountBase').getAttribute('aria-invalid')) === 'true', 'the amount error');
      assert.equal(await errorBeside('amountBase'), fill(M.required, { field: M.fields.amountBase }));
      assert.equal(await schedulePosts(), posts, 'invalid fields are never sent');
      await page.locator(form).screenshot({ path: join(RESULTS, '09-schedule-1-validation.png') });

      // 2. The pre-authorization declines 0.08 with 51, and the guidance shows.
      await fillValid('0.08');
      await submit();
      const error = page.locator(`${form} [part~="error"]`);
      await waitForText(error, describeDecline('51').guidance);
      assert.match(await words(error), /51/);
      await waitForLog(page, 'pj-error');
      for (const name of ['cardNumber', 'cardExpMonth'])
        assert.equal(await frameField(page, name).getAttribute('aria-invalid'), null, `${name} is valid now`);
      assert.equal(await field('amountBase').getAttribute('aria-invalid'), null, 'amountBase is valid now');

      // 3. Created from the card typed in the frame.
      await field('amountBase').fill(amount);
      await submit();
      await waitForText(summary(page), S.created);
      assert.match(await words(summary(page)), new RegExp(`${escapeRegExp(money(amount))}.*VISA •••• 1111`));
      await waitForLog(page, 'pj-schedule-created', 1);

      // 4. A stored account billed twice at one amount: the duplicate prompt, created anyway. (Each card
      // typed in the frame becomes a vault of its own, which PayJunction does not judge a duplicate.)
      for (const attempt of [1, 2]) {
        await clickInView(page.locator(`${form} [part~="reset-button"]`));
        await chooseMethod(page, S.vault);
        await field('vaultId').fill('5002');
        await field('amountBase').fill(amount);
        await submit();
        if (attempt === 1) await waitForText(summary(page), S.created);
      }
      await waitForText(error, S.duplicate);
      await clickInView(page.locator(`${form} [part~="duplicate-confirm"]`));

      // 5. Success.
      await waitForText(summary(page), S.created);
      assert.match(await words(summary(page)), new RegExp(`${escapeRegExp(money(amount))}.*MASTERCARD •••• 5100`));
      await waitForLog(page, 'pj-schedule-created', 3);
      const log = await words(page.locator($.log));
      assert.doesNotMatch(log.replace(/\s/g, ''), /4111111111111111/, 'the event log never shows a card number');
    });
  });

  test('a card and a bank account schedule through the frame; the numbers never reach the relay, the page or the log', async () => {
    const cardAmount = freshAmount();
    const bankAmount = freshAmount();
    await onDemo('payment-fields-card-and-bank', async (page, sent) => {
      // The card: typed in the frame, tokenized by the SDK, the schedule made from the token.
      await frameReady(page);
      await typeCard(page, CARD);
      await formField(page, 'amountBase').fill(cardAmount);
      await submitForm(page);
      await waitForText(summary(page), S.created);
      await waitForText(summary(page), `•••• ${CARD_DIGITS.slice(-4)}`);
      await waitForText(summary(page), new RegExp(escapeRegExp(money(cardAmount))));

      // The bank account (PPD: the payer's first and last name are required, and shown).
      await clickInView(page.locator(`${FORM} [part~="reset-button"]`));
      await chooseMethod(page, S.ach);
      await frameReady(page, 'achRoutingNumber');
      await formField(page, 'achType').selectOption('PPD');
      await formField(page, 'billingFirstName').fill('Jane');
      await formField(page, 'billingLastName').fill('Doe');
      await typeBankAccount(page, BANK);
      await formField(page, 'amountBase').fill(bankAmount);
      await submitForm(page);
      await waitForText(summary(page), S.created);
      await waitForText(summary(page), `•••• ${BANK.account.slice(-4)}`);
      await waitForText(summary(page), new RegExp(escapeRegExp(money(bankAmount))));

      // What the page sent the relay: a token for the card, a vault id for the bank account.
      const schedulePosts = sent.filter((r) => r.method === 'POST' && r.url === `${demo.origin}/pj/schedules`);
      assert.equal(schedulePosts.length, 2, 'two schedules posted');
      const [card, bank] = schedulePosts.map((r) => JSON.parse(r.text.slice(r.text.indexOf('\n') + 1)));
      assert.ok(
        schedulePosts.every((r) => r.mainFrame),
        'the page posts the schedules',
      );
      assert.match(card.tokenId, /\S/);
      assert.deepEqual([card.cardBrand, card.cardLastFour, card.cardNumber], ['VISA', '1111', undefined]);
      assert.match(String(bank.vaultId), /^\d+$/);
      assert.deepEqual([bank.achType, bank.billingFirstName, bank.billingLastName], ['PPD', 'Jane', 'Doe']);
      assert.equal(bank.achAccountNumber, undefined);

      // The only request with the bank account number: the frame's own, to the relay's vaulting endpoint.
      const achVault = (r: SentRequest) => r.method === 'POST' && r.url === `${demo.origin}/pj/fields/ach-vault`;
      const vaulting = sent.filter(achVault);
      assert.equal(vaulting.length, 1, 'one bank account vaulted');
      assert.equal(new URL(vaulting[0]!.frameUrl).origin, fieldsOrigin, 'posted by the frame');
      assert.ok(holdsNumber(vaulting[0]!.text, BANK.account), 'the recorder sees request bodies');

      // The card number and CVV: only from the frame, only to the SDK's origin.
      const withCard = sent.filter((r) => holdsNumber(r.text, CARD_DIGITS) || holdsDigitRun(r.text, CARD.cvv));
      assert.ok(withCard.length > 0, 'the card was tokenized');
      for (const r of withCard) {
        assert.equal(r.origin, sdkOrigin, `the card went to ${r.method} ${r.url}`);
        assert.equal(new URL(r.frameUrl).origin, fieldsOrigin, `the card was sent by ${r.frameUrl}`);
      }
      for (const r of sent.filter((r) => r.origin === demo.origin || r.origin === fieldsOrigin)) {
        const where = `${r.method} ${r.url} (from ${r.frameUrl})`;
        assert.ok(!holdsNumber(r.text, CARD_DIGITS), `the relay got the card number: ${where}`);
        assert.ok(!holdsDigitRun(r.text, CARD.cvv), `the relay got the CVV: ${where}`);
        if (!achVault(r)) assert.ok(!holdsNumber(r.text, BANK.account), `the relay got the account number: ${where}`);
      }
      for (const r of sent.filter((r) => r.mainFrame)) {
        for (const digits of [CARD_DIGITS, BANK.account, BANK.routing])
          assert.ok(!holdsNumber(r.text, digits), `the page sent ${digits.slice(0, 4)}…: ${r.method} ${r.url}`);
        assert.ok(!holdsDigitRun(r.text, CARD.cvv), `the page sent the CVV: ${r.method} ${r.url}`);
      }
    });

    // The demo's whole output, every call it answered logged (LOG_LEVEL=debug): none of the numbers.
    const log = demo.proc.output();
    for (const call of ['"method":"POST","path":"/pj/fields/ach-vault"', '"method":"POST","path":"/pj/schedules"'])
      assert.ok(log.includes(call), `the log has ${call}`);
    for (const digits of [CARD_DIGITS, BANK.account, BANK.routing])
      assert.ok(!holdsNumber(log, digits), `the demo's log has ${digits.slice(0, 4)}…`);
    assert.ok(!holdsDigitRun(log, CARD.cvv), "the demo's log has the CVV");
  });

  test('the demo refuses a card number posted by the page itself (raw_payment_numbers)', async () => {
    await onDemo('payment-fields-raw-refused', async (page) => {
      const answer = await page.evaluate(async (year) => {
        const res = await fetch('/pj/schedules', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            cardNumber: '4444333322221111',
            cardExpMonth: '12',
            cardExpYear: year,
            amountBase: '31.00',
            scheduleType: 'PERIODIC',
            interval: 'MONTH',
            intervalCount: '1',
            startDate: new Date().toISOString().slice(0, 10),
          }),
        });
        return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
      }, CARD.year);
      assert.deepEqual(answer, { status: 400, code: 'raw_payment_numbers' });
    });
  });

  test('on a 390 × 844 phone the card form is under 1,400 px tall, the frame within its width', async () => {
    await onDemo(
      'payment-fields-phone',
      async (page) => {
        const frame = await frameReady(page);
        const form = page.locator(FORM);
        const details = await form.evaluate((el) => [...el.shadowRoot!.querySelectorAll('details')].map((d) => d.open));
        assert.ok(details.length > 0 && details.every((open) => !open), 'the optional sections are closed');
        assert.ok(
          await frame.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
          'the frame has no horizontal scroll',
        );
        await form.scrollIntoViewIfNeeded();
        await form.screenshot({ path: join(RESULTS, 'payment-fields-phone-form.png'), animations: 'disabled' });
        const box = await form.boundingBox();
        assert.ok(box, 'the form is laid out');
        assert.ok(box.width <= 390, `the form is ${box.width} px wide`);
        assert.ok(box.height < 1400, `the card schedule form is ${Math.round(box.height)} px tall on a phone`);
      },
      { width: 390, height: 844 },
    );
  });

  test('Tab goes from the last payment method into the frame, through its fields, and on to the schedule', async () => {
    await onDemo('payment-fields-keyboard', async (page) => {
      const frame = await frameReady(page);
      const frameFocus = () => frame.evaluate(() => (document.hasFocus() ? document.activeElement?.id || 'body' : ''));
      const radios = page.locator(FORM).getByRole('radio');
      const last = radios.nth((await radios.count()) - 1);
      await last.focus();
      assert.equal(await hostFocus(page), 'INPUT paymentMethod transaction');

      for (const id of ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv']) {
        await page.keyboard.press('Tab');
        await until(async () => (await frameFocus()) === id, `Tab to reach the frame's ${id}`, 5_000).catch(async () =>
          assert.fail(`Tab reached ${(await frameFocus()) || 'nothing in the frame'}, not ${id}`),
        );
        assert.equal(await hostFocus(page), 'IFRAME payment-fields', 'the page sees its iframe focused');
      }
      await page.keyboard.press('Tab');
      await until(
        async () => (await hostFocus(page)).startsWith('SELECT scheduleType'),
        'Tab out of the frame',
        5_000,
      ).catch(async () => assert.fail(`after the CVV, Tab reached "${await hostFocus(page)}", not the schedule type`));
      assert.equal(await frameFocus(), '', 'the frame no longer has focus');

      // And back: Shift+Tab returns to the CVV.
      await page.keyboard.press('Shift+Tab');
      await until(async () => (await frameFocus()) === 'cardCvv', 'Shift+Tab back to the CVV', 5_000);
      // The frame is reached by the keyboard alone: nothing was typed or clicked.
      assert.equal(
        await (await frameOf(page)).evaluate(() => (document.getElementById('cardNumber') as HTMLInputElement).value),
        '',
      );
    });
  });
});
