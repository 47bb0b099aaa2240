/**
 * The one way an element words an error from the relay. The relay writes its `message` in English
 * (README, "The relay's HTTP API"); an English page shows it as is. A page in another language
 * has the locale's `relayErrors`, a sentence per error `code`, and never shows the relay's words.
 */
import { format } from '../protocol/text.js';
import type { FieldError } from '../protocol/wire.js';

/** Sentences by the contract's error codes (`upstream_busy`, `not_live`…); `other` for any code not listed. */
export type RelayErrorWords = Record<string, string> & { other: string };

/** The relay's error in the page's language. */
export function relayErrorText(error: { code: string; message: string }, words?: RelayErrorWords): string {
  if (!words) return error.message;
  return Object.hasOwn(words, error.code) ? words[error.code]! : words.other;
}

/**
 * The relay's field errors in the page's language: an English page keeps the relay's sentences
 * (PayJunction's "Terminal does not exist"); a page with `relayErrors` gives them the error's own
 * sentence when the code has one (`token_expired_or_used`: what happened, not just "not valid"), else
 * says the field is not valid in its own words (`invalidValue`, `{field}` the field's words). The
 * browser checks required fields before it sends, so what the relay refuses is a value.
 */
export function relayFieldErrors(
  error: { code: string; fields: FieldError[] },
  words: RelayErrorWords | undefined,
  invalidValue: string,
  fieldWords: (name: string) => string | undefined,
): FieldError[] {
  if (!words) return error.fields;
  const own = error.code !== 'invalid_request' && Object.hasOwn(words, error.code) ? words[error.code] : undefined;
  return error.fields.map((field) => ({
    ...field,
    message: own ?? format(invalidValue, { field: fieldWords(field.field) ?? field.field }),
  }));
}
