/**
 * The payment fields frame (issue 11) as the e2e suite drives it: `<pj-schedule-form>` renders
 * `<iframe part="payment-fields">` from the relay's fields origin; Playwright's frameLocator pierces
 * the form's open shadow root and the frame's cross-origin boundary, so the card and bank numbers are
 * typed into the real frame as a person would. Also: a recorder of every request the browser sends
 * (with the frame that sent it and its body), to prove where the numbers went.
 */
import type { BrowserContext, Frame, FrameLocator, Locator, Page, Request } from 'playwright-core';
import { until } from './helpers.js';

export const FORM = 'pj-schedule-form';
export const FRAME = `${FORM} iframe[part="payment-fields"]`;

export const paymentFrame = (page: Page, form = FORM): FrameLocator =>
  page.frameLocator(`${form} iframe[part="payment-fields"]`);

/** A field of the frame, by its id (cardNumber, cardExpMonth, …, achAccountType). */
export const frameField = (page: Page, id: string, form = FORM): Locator => paymentFrame(page, form).locator(`#${id}`);

/** A control of the form itself (in its shadow root), by name. */
export const formField = (page: Page, name: string, form = FORM): Locator => page.locator(`${form} [name="${name}"]`);

/** The frame's own Frame (for evaluate: its document.activeElement, its body's height). */
export async function frameOf(page: Page, form = FORM): Promise<Frame> {
  const handle = await page.locator(`${form} iframe[part="payment-fields"]`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`${form} has no payment fields frame`);
  return frame;
}

/**
 * The frame is connected and shows `field`, and has sized its iframe to its own content (the
 * iframe's height is the height the frame reported, not the default 150 px).
 */
export async function frameReady(page: Page, field = 'cardNumber', form = FORM): Promise<Frame> {
  await frameField(page, field, form).waitFor({ state: 'visible' });
  const frame = await frameOf(page, form);
  await until(async () => {
    const inner = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const outer = await page.locator(`${form} iframe[part="payment-fields"]`).evaluate((el) => el.style.height);
    return outer === `${inner}px`;
  }, 'the payment fields frame to size its iframe to its content');
  return frame;
}

export interface Card {
  number: string;
  month: string;
  year: string;
  cvv: string;
}

export async function typeCard(page: Page, card: Card, form = FORM): Promise<void> {
  await frameField(page, 'cardNumber', form).fill(card.number);
  await frameField(page, 'cardExpMonth', form).fill(card.month);
  await frameField(page, 'cardExpYear', form).fill(card.year);
  await frameField(page, 'cardCvv', form).fill(card.cvv);
}

export interface BankAccount {
  routing: string;
  account: string;
  type: 'CHECKING' | 'SAVINGS';
}

export async function typeBankAccount(page: Page, bank: BankAccount, form = FORM): Promise<void> {
  await frameField(page, 'achRoutingNumber', form).fill(bank.routing);
  await frameField(page, 'achAccountNumber', form).fill(bank.account);
  await frameField(page, 'achAccountType', form).selectOption(bank.type);
}

/**
 * Clicks a control of the page once it is scrolled into view. With the cross-origin frame on the page,
 * the scroll a plain click() does first can leave a control below the fold untouched (the click lands
 * outside the viewport and nothing happens); scrolling it into view first avoids that.
 */
export async function clickInView(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await locator.click();
}

/**
 * Presses the form's submit button. The focused field is left first: the form judges a field again
 * when it loses focus, and an error it then removes would move the button between mouse down and
 * mouse up, so the click would be lost (reported as a finding; this test is not about it).
 */
export async function submitForm(page: Page, form = FORM): Promise<void> {
  await page.locator(form).evaluate(async (el) => {
    (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  });
  await clickInView(page.locator(`${form} [part~="submit-button"]`));
}

/** Chooses a payment method by its radio's label (the radios' values are properties, not attributes). */
export async function chooseMethod(page: Page, label: string, form = FORM): Promise<void> {
  const radio = page.locator(form).getByRole('radio', { name: label, exact: true });
  await radio.scrollIntoViewIfNeeded();
  await radio.check();
}

/** A visible error of the frame beside `field` (its `<field>-error` paragraph), "" when none. */
export async function frameError(page: Page, field: string, form = FORM): Promise<string> {
  const error = frameField(page, `${field}-error`, form);
  return (await error.isVisible()) ? ((await error.textContent()) ?? '').trim() : '';
}

/** One request the browser sent, with where from: the frame's URL, and whether it is the page's main frame. */
export interface SentRequest {
  method: string;
  url: string;
  origin: string;
  frameUrl: string;
  mainFrame: boolean;
  /** URL and body together: what left the browser. */
  text: string;
}

/** Records every request of every page and frame of `context` (including the cross-origin frame's own). */
export function recordRequests(context: BrowserContext): SentRequest[] {
  const sent: SentRequest[] = [];
  context.on('request', (request: Request) => {
    let frameUrl = '';
    let mainFrame = false;
    try {
      const frame = request.frame();
      frameUrl = frame.url();
      mainFrame = frame === frame.page().mainFrame();
    } catch {
      // A service worker's request has no frame; none of the demo's has.
    }
    const url = request.url();
    sent.push({
      method: request.method(),
      url,
      origin: new URL(url).origin,
      frameUrl,
      mainFrame,
      text: `${url}\n${request.postData() ?? ''}`,
    });
  });
  return sent;
}

/** Whether `text` holds `digits`, typed with or without spaces, dashes or separators (a card number as "4111 1111 …"). */
export function holdsNumber(text: string, digits: string): boolean {
  return decodeURIComponent(text.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'))
    .replace(/[\s-]/g, '')
    .includes(digits);
}

/** Whether `text` holds `digits` as a run of its own (a CVV: not part of a longer number, a date or a UUID). */
export function holdsDigitRun(text: string, digits: string): boolean {
  const withoutIds = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '');
  return new RegExp(`(?<![0-9A-Za-z])${digits}(?![0-9A-Za-z])`).test(withoutIds);
}
