/**
 * The labs check's report, for a person (text) or a machine (--json): each check ✓/✗/– with what was
 * seen, then "where the simulator differs", then how to send it to the project. Every line goes
 * through `redact` (credentials, card numbers) before it is printed.
 */
import { scrubText } from '../scrub.js';
import type { Credentials } from '../settings.js';
import type { CheckResult } from './context.js';
import type { JudgedExpectation } from './expectations.js';

export const ISSUES_URL = 'https://github.com/pj-elements/pj-elements/issues';

export interface LabsReport {
  tool: 'pj-elements labs:check';
  ok: boolean;
  target: { baseUrl: string; env: string; apiVersion: string };
  startedAt: string;
  finishedAt: string;
  checks: CheckResult[];
  expectations: JudgedExpectation[];
}

/** Replaces the credentials (and Basic's encoding of them) and card numbers in any text. */
export function redactor(credentials: Credentials): (text: string) => string {
  const { login, password, appKey } = credentials;
  const secrets = [Buffer.from(`${login}:${password}`).toString('base64'), password, appKey, login].filter(
    (s) => s.length >= 4,
  );
  return (text) => {
    // PayJunction's page addresses hold long article numbers that would pass for card numbers: kept whole.
    let out = '';
    let last = 0;
    for (const match of text.matchAll(PAGE_URL)) {
      out += scrubText(text.slice(last, match.index)) + match[0];
      last = match.index + match[0].length;
    }
    out += scrubText(text.slice(last));
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };
}

const PAGE_URL = /https:\/\/(?:developer|support)\.payjunction\.com\/hc\/en-us\/articles\/\d+/g;
const MARK = { pass: '✓', fail: '✗', skip: '–' } as const;
const VERDICT = { agrees: '=', differs: '≠', 'not-seen': '·' } as const;

export function exitCode(report: LabsReport): 0 | 1 {
  return report.ok ? 0 : 1;
}

export function formatText(report: LabsReport): string {
  const lines: string[] = [];
  const { target } = report;
  lines.push(
    `pj-elements labs check — ${target.baseUrl} (${target.env === 'custom' ? 'PJ_API_BASE_URL' : target.env}), PJ-Version ${target.apiVersion}, ${report.startedAt}`,
  );
  lines.push('');
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.title} — ${check.summary}`);
    for (const detail of check.details) lines.push(`    ${detail}`);
  }
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  lines.push('');
  lines.push(
    failed === 0
      ? `All green${skipped ? ` (${skipped} skipped)` : ''}.`
      : `${failed} check${failed === 1 ? '' : 's'} failed${skipped ? `, ${skipped} skipped` : ''}.`,
  );

  lines.push('');
  lines.push('Where the simulator differs (= agrees, ≠ differs, · not seen in this run)');
  const order = { differs: 0, agrees: 1, 'not-seen': 2 } as const;
  const who = target.env === 'custom' ? target.baseUrl : 'PayJunction';
  const sorted = [...report.expectations].sort((a, b) => order[a.verdict] - order[b.verdict]);
  for (const e of sorted) {
    lines.push(`${VERDICT[e.verdict]} ${e.id}`);
    lines.push(`    simulator assumes: ${e.assumes}`);
    lines.push(`    ${e.verdict === 'not-seen' ? 'not seen:' : `${who} answered:`} ${e.saw}`);
    lines.push(`    source: ${e.page}`);
  }
  const differs = report.expectations.filter((e) => e.verdict === 'differs').length;
  lines.push('');
  lines.push(
    differs
      ? `${differs} difference${differs === 1 ? '' : 's'} from the simulator: please send this report (npm run labs:check -- --json > labs-report.json) to ${ISSUES_URL} so the simulator can be corrected.`
      : `No difference from the simulator was seen. A report is still welcome at ${ISSUES_URL} (npm run labs:check -- --json > labs-report.json).`,
  );
  return lines.join('\n');
}

export function formatJson(report: LabsReport): string {
  return JSON.stringify(report, null, 2);
}
