/**
 * Every word of the payment fields frame (src/fields/) and of the page's side of it
 * (src/core/fields-frame.ts), besides the field labels and validation sentences: those come from the
 * schedule message table (src/protocol/schedule.ts, a locale's `messages`), so a label and the
 * sentence that names it never disagree. The page sends the frame its words when it connects.
 */
import type { FrameWords } from '../../protocol/fields-channel.js';

export interface FieldsStrings extends FrameWords {
  /** The iframe's accessible name on the page. */
  frameTitle: string;
  /** The page refuses to put the fields on its own origin. {origin}: the page's origin. */
  sameOrigin: string;
}

export const fieldsEn: FieldsStrings = {
  title: 'Payment details',
  expiry: 'Expiration date',
  checking: 'Checking',
  savings: 'Savings',
  brand: 'Card brand: {brand}',
  fixFields: 'Check the payment details: {count} field(s) need attention.',
  tokenFailed: 'The card could not be checked with the payment processor. Try again in a moment.',
  achFailed: 'The bank account could not be saved. Try again in a moment.',
  frameTitle: 'Card or bank account details',
  sameOrigin:
    'The payment fields must come from another origin (PJ_FIELDS_ORIGIN) than this page ({origin}), so that this page never holds card or account numbers.',
};
