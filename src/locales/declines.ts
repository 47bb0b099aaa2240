/**
 * The one way an element words a PayJunction response code: what it means and what the cashier
 * should do, in the page's language.
 *
 * English needs no catalogue in the browser: the relay attaches describeDecline()'s words to every
 * declined transaction and to a schedule's pre-authorization decline (src/protocol/declines.ts),
 * so the English catalogue ships to no page. Another language brings its own catalogue (the
 * locale's `declines`, e.g. src/locales/es/declines.ts) and then PayJunction's English text
 * ("Approved", "Declined Do Not Honor") is never shown: a code the catalogue lacks gets its
 * generic words for approvals, gateway declines (letters) or issuer declines (digits).
 */
import type { DeclineRetry } from '../protocol/declines.js';

/** What a response code means and what to do next, in one language. */
export interface DeclineText {
  meaning: string;
  guidance: string;
}

/** A language's words for every response code (keys as describeDecline writes them: "05", "DT"). */
export interface DeclineCatalogue {
  codes: Record<string, DeclineText>;
  /** An approval code outside `codes`. */
  approval: DeclineText;
  /** A decline code with a letter in it (PayJunction's own) outside `codes`. */
  gateway: DeclineText;
  /** Any other decline code outside `codes` (the card's bank). */
  issuer: DeclineText;
}

/** What an element shows for a response code. */
export interface DeclineWords extends DeclineText {
  code: string;
  retry: DeclineRetry | (string & {});
}

/**
 * What it reads: a transaction view (code, message, approved, and the relay's `decline`), or the
 * relay's 402 `decline` body ({code, message, guidance, retry}).
 */
export interface DeclineSource {
  code: string;
  message?: string;
  guidance?: string;
  retry?: string;
  approved?: boolean;
  decline?: { code: string; message?: string; guidance?: string; retry?: string };
}

/** The words for a response code: the catalogue's when the page has one, else the relay's English. */
export function declineWords(source: DeclineSource, catalogue?: DeclineCatalogue): DeclineWords {
  const info = source.decline ?? source;
  const code = info.code;
  const retry = info.retry ?? (source.approved ? 'not_applicable' : 'no');
  const local =
    catalogue &&
    (Object.hasOwn(catalogue.codes, code)
      ? catalogue.codes[code]
      : retry === 'not_applicable'
        ? catalogue.approval
        : /[A-Z]/i.test(code)
          ? catalogue.gateway
          : catalogue.issuer);
  return {
    code,
    retry,
    // English: PayJunction's own text for this transaction first, else the relay's catalogue.
    meaning: local?.meaning ?? (source.message || info.message || ''),
    guidance: local?.guidance ?? info.guidance ?? '',
  };
}
