// What typed React wrappers (@lit/react's createComponent, one per element)
// would add to a React app's bundle, against the JSX types pj-elements ships instead (no code at all).
// The wrappers are bundled and minified as an app's bundler would, with react and pj-elements left out
// (the app has both either way): what remains is @lit/react and the four createComponent calls.
// The README's "React wrappers" paragraph quotes the figure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = new URL('../..', import.meta.url).pathname;
export async function reactWrappers() {
  // Inside the repository: the entry must resolve react and @lit/react from its node_modules. Removed at the end.
  const tmp = mkdtempSync(join(root, 'bench/.tmp-react-wrappers-'));
  const entry = join(tmp, 'wrappers.js');
  writeFileSync(
    entry,
    `import * as React from 'react';
import { createComponent } from '@lit/react';
import { PjTerminalPay, PjTerminalRequest, PjTxStatus, PjScheduleForm } from 'pj-elements';
export const TerminalPay = createComponent({ react: React, tagName: 'pj-terminal-pay', elementClass: PjTerminalPay,
  events: { onRequestStatus: 'pj-request-status', onPaymentApproved: 'pj-payment-approved',
    onPaymentDeclined: 'pj-payment-declined', onPaymentCancelled: 'pj-payment-cancelled', onError: 'pj-error' } });
export const TerminalRequest = createComponent({ react: React, tagName: 'pj-terminal-request', elementClass: PjTerminalRequest,
  events: { onRequestStatus: 'pj-request-status', onRequestCompleted: 'pj-request-completed', onRequestCancelled: 'pj-request-cancelled', onError: 'pj-error' } });
export const TxStatus = createComponent({ react: React, tagName: 'pj-tx-status', elementClass: PjTxStatus,
  events: { onRequestStatus: 'pj-request-status', onError: 'pj-error' } });
export const ScheduleForm = createComponent({ react: React, tagName: 'pj-schedule-form', elementClass: PjScheduleForm,
  events: { onScheduleCreated: 'pj-schedule-created', onError: 'pj-error' } });
`,
  );
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: tmp,
        emptyOutDir: false,
        minify: true,
        lib: { entry, formats: ['es'], fileName: () => 'out.js' },
        rolldownOptions: { external: (id) => /^(react|pj-elements)(\/|$)/.test(id) },
      },
    });
    const code = readFileSync(join(tmp, 'out.js'));
    const gzip = gzipSync(code, { level: 9 }).length;
    const pkg = JSON.parse(readFileSync(join(root, 'node_modules/@lit/react/package.json'), 'utf8'));
    return {
      rows: [{ label: 'React bindings, gzip (JSX types vs wrappers)', unit: 'B', relay: 0, baseline: gzip, ratio: 0 }],
      notes: [
        `React bindings: pj-elements/react is JSX types only (dist/frameworks.js is empty); baseline = @lit/react ` +
          `${pkg.version} createComponent wrappers for the four elements, ${code.length} B minified, react and pj-elements external.`,
      ],
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
