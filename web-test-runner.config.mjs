// Browser tests in the system's Chromium (Debian's package): the test runner never downloads a browser.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { CHROMIUM_ARGS, findChromium } from './scripts/system-deps.mjs';
import { fieldsFrameCommands } from './scripts/wtr-fields-commands.mjs';
import { relayForTests } from './scripts/wtr-relay-plugin.mjs';
import { watchTestPage } from './scripts/wtr-page-watchdog.mjs';

const relay = relayForTests({ speed: 10 });

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // One file at a time: the files share one simulator and its Smart Terminals.
  concurrency: 1,
  // Generous: a test waits for states, and on two loaded cores a terminal's end can take more than 10 s.
  testFramework: { config: { timeout: 20000 } },
  browsers: [
    chromeLauncher({
      // Every test page behaves as the focused window: without it, focus and blur events fire only in
      // the page Chromium happens to treat as focused, and a test that focused an input inside an
      // iframe left the next file's pages without focus events (its blur-validation tests failed).
      async createPage({ context }) {
        const page = await context.newPage();
        const session = await page.createCDPSession();
        await session.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        // A file that hangs says where (the runner alone reports only that it did not finish).
        await watchTestPage(page);
        return page;
      },
      launchOptions: {
        executablePath: findChromium(),
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
    relay.plugin,
    // Typing into the payment fields frame (another origin: the page's scripts cannot).
    fieldsFrameCommands(),
  ],
  middleware: [relay.middleware],
  // nanostores reads process.env.NODE_ENV unguarded.
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script>window.process = { env: { NODE_ENV: 'development' } };</script>
  </head><body><script type="module" src="${testFramework}"></script></body></html>`,
};
