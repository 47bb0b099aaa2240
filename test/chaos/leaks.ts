/**
 * The leak scan: looks through texts (response bodies, SSE streams, log lines, built files) for
 * the secrets and card data the suite itself used. Every chaos file scans what it captured; the
 * leak-scan file adds a workload with card numbers, CVVs and bank accounts, and dist/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { luhnValid } from '../../src/protocol/card.js';
import type { SuiteSecrets } from './harness.js';

export interface Leak {
  source: string;
  what: string;
  /** Where it was found, with a little context (masked: the report must not leak it either). */
  near: string;
}

export interface LeakTargets {
  secrets: SuiteSecrets[];
  /** Card numbers the suite sent (digits only). */
  cards?: string[];
  /** CVVs the suite sent. */
  cvvs?: string[];
  /** Bank account numbers the suite sent (digits only). */
  accounts?: string[];
  /** Luhn-valid runs allowed where documentation shows them (dist/ only: PayJunction's public labs card). */
  allowedCardRuns?: string[];
}

export { luhnValid };

/**
 * A card-number-like run: 13–19 digits, optionally grouped by single spaces or dashes, not glued to
 * other letters or digits (so no piece of a hex id or a longer number). Card networks' numbers start
 * with 2–6; epoch-millisecond timestamps (1…), ids and the digits of a decimal fraction
 * (0.4123…, as JSON writes a double) are not mistaken for one.
 */
const CARD_RUN = /(?<![0-9A-Za-z.])[2-6](?:[ -]?\d){12,18}(?![0-9A-Za-z]|\.\d)/g;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A CVV named as such, in JSON (`"cardCvv":"123"`), a form (`cardCvv=123`) or prose (`cvv 123`). */
const CVV_NAMED = /(?:card_?cvv|cvv2?|cvc|security_?code)["']?\s*[:=]?\s*["']?(\d{3,4})(?!\d)/gi;

function mask(s: string): string {
  return s.replace(/[0-9A-Za-z]/g, (c, i: number) => (i < 2 ? c : '•'));
}

function around(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 40);
  const end = Math.min(text.length, index + length + 40);
  return (text.slice(start, index) + mask(text.slice(index, index + length)) + text.slice(index + length, end)).replace(
    /\s+/g,
    ' ',
  );
}

export function scanText(source: string, text: string, targets: LeakTargets): Leak[] {
  const leaks: Leak[] = [];
  const exact: [string, string][] = [];
  for (const s of targets.secrets) {
    exact.push(
      ['API login', s.login],
      ['API password', s.password],
      ['application key', s.appKey],
      ['webhook secret', s.webhookSecret],
    );
    exact.push([
      'Basic credentials (base64 of login:password)',
      Buffer.from(`${s.login}:${s.password}`).toString('base64'),
    ]);
    // Also percent-encoded, as a log of a URL or a form would write it.
    if (encodeURIComponent(s.password) !== s.password)
      exact.push(['API password (URL-encoded)', encodeURIComponent(s.password)]);
  }
  for (const a of targets.accounts ?? []) exact.push(['bank account number', a]);
  for (const [what, value] of exact) {
    let at = text.indexOf(value);
    while (at >= 0) {
      leaks.push({ source, what, near: around(text, at, value.length) });
      at = text.indexOf(value, at + value.length);
    }
  }
  const sentCards = new Set(targets.cards ?? []);
  const allowed = new Set(targets.allowedCardRuns ?? []);
  // A UUID's first groups can read as a dashed 16-digit run: blank UUIDs out (same length, same offsets).
  const withoutIds = text.replace(UUID, (id) => 'u'.repeat(id.length));
  for (const m of withoutIds.matchAll(CARD_RUN)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19 || allowed.has(digits)) continue;
    if (sentCards.has(digits))
      leaks.push({ source, what: 'a card number the suite sent', near: around(text, m.index!, m[0].length) });
    else if (luhnValid(digits))
      leaks.push({ source, what: 'a Luhn-valid card-like number', near: around(text, m.index!, m[0].length) });
  }
  const cvvs = new Set(targets.cvvs ?? []);
  if (cvvs.size > 0) {
    for (const m of text.matchAll(CVV_NAMED)) {
      if (cvvs.has(m[1]!))
        leaks.push({ source, what: 'a CVV the suite sent', near: around(text, m.index!, m[0].length) });
    }
  }
  return leaks;
}

export function scanAll(sources: Iterable<[source: string, text: string]>, targets: LeakTargets): Leak[] {
  const leaks: Leak[] = [];
  for (const [source, text] of sources) leaks.push(...scanText(source, text, targets));
  return leaks;
}

/** Every file under `dir` (relative names), for the scan of the build output. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, join(prefix, name)));
    else out.push(join(prefix, name));
  }
  return out;
}

export function readText(path: string): string {
  return readFileSync(path).toString('latin1');
}

/** A short, masked report for an assertion message. */
export function describeLeaks(leaks: Leak[]): string {
  return leaks
    .slice(0, 10)
    .map((l) => `${l.source}: ${l.what} near "${l.near}"`)
    .join('\n');
}
