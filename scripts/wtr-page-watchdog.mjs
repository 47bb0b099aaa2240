// When a browser test file runs far longer than any file should, says what its page is doing, so a
// hang in CI names its cause instead of only "did not finish within 120000ms" (the test runner then
// reports no browser log and no test). Prints once per file, to the runner's stderr:
//   - the page answers: its address, which mocha test is running, the tests' states so far, where
//     focus is, whether the page is visible, and its requests with no end after 5 s (no test at all
//     and a module request unanswered: the test file's import is hanging);
//   - the page's main thread does not answer within 5 s: the script it is stuck in (the debugger
//     pauses it and prints the call stack), the sign of an endless loop;
//   - the page's renderer crashed: said the moment it happens.
// Test-runner plumbing only: it changes nothing a test sees.

const ANSWER_WITHIN_MS = 5_000;

/** What the page says of itself: run inside the test page. */
function describePage() {
  const tests = [];
  const walk = (suite) => {
    for (const test of suite.tests ?? []) tests.push(test);
    for (const child of suite.suites ?? []) walk(child);
  };
  if (window.mocha?.suite) walk(window.mocha.suite);
  const running = tests.find((test) => test.state === undefined && !test.pending);
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return {
    url: location.href,
    readyState: document.readyState,
    visibility: document.visibilityState,
    focused: document.hasFocus(),
    activeElement: active ? `${active.localName}${active.id ? `#${active.id}` : ''}` : null,
    tests: tests.map((test) => `${test.state ?? (test.pending ? 'pending' : 'not run')}: ${test.fullTitle()}`),
    running: running ? running.fullTitle() : null,
  };
}

const within = (promise, ms) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve('no answer'), ms).unref())]);

/**
 * The stack of the page's main thread, paused through the DevTools protocol. The debugger is enabled
 * when the page opens: a busy main thread never answers Debugger.enable, only Debugger.pause.
 */
async function stuckIn(cdp, scripts) {
  const paused = new Promise((resolve) => cdp.once('Debugger.paused', resolve));
  await within(cdp.send('Debugger.pause'), ANSWER_WITHIN_MS);
  const event = await within(paused, ANSWER_WITHIN_MS);
  if (event === 'no answer') return ['(the debugger could not pause the page either)'];
  await cdp.send('Debugger.resume').catch(() => {});
  return event.callFrames.map(
    (f) =>
      `  at ${f.functionName || '(anonymous)'} (${f.url || scripts.get(f.location.scriptId) || 'a script'}:${f.location.lineNumber + 1})`,
  );
}

/**
 * Watches `page` (a puppeteer page the runner reuses for one test file after another): when a test
 * file's page is still open `afterMs` after it loaded, prints what it is doing.
 */
export async function watchTestPage(
  page,
  { afterMs = 75_000, print = (text) => process.stderr.write(`${text}\n`) } = {},
) {
  const cdp = await page.createCDPSession();
  const scripts = new Map(); // script id → address, for the stack (the paused frames' own url is often empty)
  cdp.on('Debugger.scriptParsed', (script) => script.url && scripts.set(script.scriptId, script.url));
  await cdp.send('Debugger.enable');
  // Requests of this file's page not yet finished: a module that never arrives leaves the test file's
  // import hanging, and mocha never starts (so no test timeout fires).
  const open = new Map(); // request → { at, answered }
  page.on('request', (request) => open.set(request, { at: Date.now(), answered: false }));
  page.on('response', (response) => open.has(response.request()) && (open.get(response.request()).answered = true));
  page.on('requestfinished', (request) => open.delete(request));
  page.on('requestfailed', (request) => open.delete(request));
  const stalled = () =>
    [...open]
      .filter(([, { at }]) => Date.now() - at > ANSWER_WITHIN_MS)
      .map(
        ([request, { at, answered }]) =>
          `${request.method()} ${request.url()} (${answered ? 'answered, body still coming' : 'no answer'} after ${Math.round((Date.now() - at) / 1000)} s)`,
      );
  let since;
  let reported = false;
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    since = frame.url().includes('wtr-session-id=') ? Date.now() : undefined;
    if (since === undefined) {
      scripts.clear();
      open.clear();
    }
    reported = false;
  });
  page.on('error', (err) =>
    print(`\n[browser test watchdog] the test page's renderer crashed: ${err?.message ?? err}`),
  );
  const timer = setInterval(async () => {
    if (since === undefined || reported || Date.now() - since < afterMs || page.isClosed()) return;
    reported = true;
    const seconds = Math.round((Date.now() - since) / 1000);
    const state = await within(
      page.evaluate(describePage).catch((err) => `(${err.message})`),
      ANSWER_WITHIN_MS,
    );
    if (state !== 'no answer') {
      print(
        `\n[browser test watchdog] a test file is still running after ${seconds} s:\n${JSON.stringify({ ...state, requestsOpen: stalled() }, null, 2)}`,
      );
      return;
    }
    const stack = await stuckIn(cdp, scripts).catch((err) => [`(${err.message})`]);
    print(
      `\n[browser test watchdog] a test page stopped answering (its main thread is busy) ${seconds} s after it loaded (${page.url()}); it is in:\n${stack.join('\n')}`,
    );
  }, 5_000);
  timer.unref();
  page.on('close', () => clearInterval(timer));
}
