/**
 * `npm run screenshots`: the README's pictures of the demo (docs/screenshots/demo-{light,dark}-{desktop,phone}.png),
 * taken the way the end-to-end suite drives it: `npm start` on free ports (simulator mode), Debian's
 * Chromium through playwright-core, one approved payment of $12.50 at the Front Counter, in light and
 * dark (the page follows prefers-color-scheme), at 1280 × 1560 and on a 375-pixel phone at 2×.
 * Nothing is asserted beyond what the suite's own helpers wait for; run it after a visible change.
 */
import { join } from 'node:path';
import { chooseTerminal, demoReady, expectApproved, pay, setAmount } from '../test/e2e/demo-page.js';
import { FRONT_COUNTER, ROOT, launchChromium, startDemo } from '../test/e2e/helpers.js';

const OUT = join(ROOT, 'docs/screenshots');
const SHOTS = [
  { name: 'desktop', viewport: { width: 1280, height: 1560 }, deviceScaleFactor: 1, clipHeight: 1560 },
  { name: 'phone', viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, clipHeight: 1500 },
] as const;

const demo = await startDemo({ speed: 10 });
const browser = await launchChromium();
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        viewport: shot.viewport,
        deviceScaleFactor: shot.deviceScaleFactor,
        colorScheme,
      });
      const page = await context.newPage();
      await page.goto(`${demo.origin}/`);
      await demoReady(page);
      await setAmount(page, '12.50');
      await chooseTerminal(page, FRONT_COUNTER);
      await pay(page);
      await expectApproved(page, '12.50');
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = join(OUT, `demo-${colorScheme}-${shot.name}.png`);
      await page.screenshot({
        path,
        fullPage: true,
        clip: { x: 0, y: 0, width: shot.viewport.width, height: shot.clipHeight },
      });
      console.log(`wrote ${path}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}
