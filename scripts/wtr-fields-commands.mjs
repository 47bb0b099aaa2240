// Web-test-runner server commands that let a browser test use the payment fields frame like a person.
// The frame is on another origin than the test page, so the page's scripts cannot reach its inputs
// (that is the point of it); these commands drive it from outside, through the browser (puppeteer,
// as @web/test-runner-commands' sendKeys does), with real clicks and key presses. None of them
// reads anything back from the frame: a test learns what the frame did only as the page does, from
// the frame's messages. Keys after a command (Tab, Enter) go through sendKeys, to whatever has focus.
//
//   pj-fields-type   { frame, id, text, leave? }  clicks the frame's input `id`, selects what it holds,
//                                                 types `text` key by key; `leave` presses Tab after.
//                                                 For the select (achAccountType) `text` is the option's value.
//   pj-fields-click  { frame, id }                clicks the frame's input `id` (focus, as a person would).
//
// `frame` is a puppeteer selector of the iframe element, `>>>` piercing shadow roots, e.g.
// `#form-1 >>> iframe[part="payment-fields"]`.

const COMMANDS = new Set(['pj-fields-type', 'pj-fields-click']);
const ID = /^[A-Za-z][\w-]*$/;

function check(payload) {
  if (!payload || typeof payload.frame !== 'string' || typeof payload.id !== 'string' || !ID.test(payload.id)) {
    throw new Error('pj-fields commands take { frame: <iframe selector>, id: <input id> }');
  }
}

/** The frame's document behind the iframe `selector`, once its input `id` is shown. */
async function fieldOf(page, selector, id) {
  const iframe = await page.waitForSelector(selector, { timeout: 10_000 });
  const frame = await iframe.contentFrame();
  await iframe.dispose();
  if (!frame) throw new Error(`${selector} is not a loaded iframe`);
  const field = await frame.waitForSelector(`#${id}`, { visible: true, timeout: 10_000 });
  return { frame, field };
}

/** Clicks, or types `text` into, the input `id` of the frame behind `selector`. */
async function act(page, command, payload) {
  const { frame, field } = await fieldOf(page, payload.frame, payload.id);
  try {
    if (command === 'pj-fields-click') return await field.click();
    if ((await field.evaluate((el) => el.localName)) === 'select') {
      // A select is chosen from its list, not typed: puppeteer picks the option and fires input and change.
      await field.focus();
      await frame.select(`#${payload.id}`, payload.text);
    } else {
      await field.click({ count: 3 });
      await field.evaluate((el) => el.select()); // what the input holds is replaced by what is typed
      if (payload.text === '') await page.keyboard.press('Backspace');
      else await page.keyboard.type(payload.text);
    }
    if (payload.leave) await page.keyboard.press('Tab');
  } finally {
    await field.dispose().catch(() => {});
  }
}

/** A frame that was still the iframe's first, blank document is replaced once the fields origin's page commits. */
const REPLACED = /detached|Execution context was destroyed|Target closed/i;

export function fieldsFrameCommands() {
  return {
    name: 'pj-fields-commands',
    async executeCommand({ command, payload, session }) {
      if (!COMMANDS.has(command)) return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs Chromium through puppeteer`);
      check(payload);
      if (command === 'pj-fields-type' && typeof payload.text !== 'string')
        throw new Error('pj-fields-type takes { text }');
      const page = session.browser.getPage(session.id);
      for (let attempt = 1; ; attempt++) {
        try {
          await act(page, command, payload);
          return true;
        } catch (err) {
          if (attempt >= 3 || !REPLACED.test(String(err?.message))) throw err;
        }
      }
    },
  };
}
