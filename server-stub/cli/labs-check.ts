/**
 * `npm run labs:check`: checks this project's PayJunction calls against PayJunction labs (or any API
 * address) with the merchant's own credentials, moving no money unless --charge is given, and
 * reports where the simulator differs. Progress goes to stderr, the report to stdout (--json: JSON).
 * Exit code 0 when every check passed (or was skipped), 1 when one failed, 2 when it cannot run.
 * See docs/labs-check.md.
 */
import { parseConfig } from '../labs-check/config.js';
import { exitCode, formatJson, formatText, redactor } from '../labs-check/report.js';
import { runLabsCheck } from '../labs-check/run.js';

const parsed = parseConfig(process.argv.slice(2), process.env);
if (!parsed.ok) {
  if (parsed.help) {
    console.log(parsed.message);
    process.exit(0);
  }
  console.error(`Cannot run the labs check: ${parsed.message}`);
  process.exit(2);
}
const { config } = parsed;
const redact = redactor(config.credentials);

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  // The first Ctrl+C stops waiting and cleans up (terminal back to main, a charge voided); a second one quits.
  if (++interrupts > 1) process.exit(130);
  process.stderr.write('\nInterrupted: cleaning up what the check started (Ctrl+C again to quit at once)…\n');
  controller.abort(new Error('interrupted'));
});

try {
  const report = await runLabsCheck(config, {
    progress: (line) => process.stderr.write(`${redact(line)}\n`),
    signal: controller.signal,
  });
  process.stdout.write(`${redact(config.json ? formatJson(report) : formatText(report))}\n`);
  process.exitCode = controller.signal.aborted ? 1 : exitCode(report);
} catch (err) {
  process.stderr.write(`${redact(`The labs check stopped: ${(err as Error).message}`)}\n`);
  process.exitCode = 1;
}
