/**
 * Masks card numbers in free text. A leaf module (it imports nothing) so that both the logger and
 * the PayJunction client can use it without the client depending on the application around it.
 *
 * It masks any 12–19 digit run (a PAN) down to its last four digits, and leaves UUIDs whole: a
 * UUID (PayJunction's request ids, the relay's `doubt-<uuid>`) can hold a long digit run, a masked
 * id makes a log line useless for tracing a payment, and a UUID is never a card number.
 */

/**
 * A run of 12–19 digits, optionally separated by single spaces or dashes (`4444 3333 2222 1111`,
 * `4444-3333-2222-1111`), not glued to further digits on either side.
 */
const PAN_PATTERN = /(?<!\d)\d(?:[ -]?\d){11,18}(?!\d)/g;

/** A UUID not glued to further letters or digits; `doubt-<uuid>` and `/requests/<uuid>/events` qualify. */
const UUID_PATTERN = /(?<![0-9A-Za-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Za-z])/gi;

/** Either, in one left-to-right pass: a UUID is matched (and kept) before a digit run inside it can be. */
const UUID_OR_PAN = new RegExp(`(${UUID_PATTERN.source})|${PAN_PATTERN.source}`, 'gi');

/**
 * Masks card numbers in free text, keeping the last four digits and the separators:
 * `"card 4444333322221111 declined"` → `"card ************1111 declined"`.
 */
export function scrubText(text: string): string {
  return text.replace(UUID_OR_PAN, (run, uuid: string | undefined) => {
    if (uuid) return run;
    let digitsToKeep = 4;
    const masked: string[] = [];
    for (let i = run.length - 1; i >= 0; i--) {
      const ch = run[i]!;
      if (ch >= '0' && ch <= '9') {
        masked.push(digitsToKeep > 0 ? ch : '*');
        digitsToKeep--;
      } else {
        masked.push(ch);
      }
    }
    return masked.reverse().join('');
  });
}
