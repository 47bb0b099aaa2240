/**
 * Every user-visible string of pj-elements can be replaced. A locale is a partial object per
 * element and one for the request states two elements show (`requestStates`), plus tables every
 * element shares: the validation sentences (`messages`), the words for
 * PayJunction's response codes (`declines`) and for the relay's errors (`relayErrors`). What a
 * locale leaves out stays English. `setLocale()` changes it for every element on the page at once
 * (a nanostores atom the elements watch); an element's `locale` property overrides it for that
 * element alone.
 *
 * Layers: src/locales imports only src/protocol and itself; the elements import from here.
 */
import { atom } from 'nanostores';
import type { PaymentMessagesOverride } from '../protocol/payment.js';
import type { ScheduleMessagesOverride } from '../protocol/schedule.js';
import type { DeclineCatalogue } from './declines.js';
import type { FieldsStrings } from './en/fields.js';
import type { RequestStateStrings } from './en/request-states.js';
import type { ScheduleFormStrings } from './en/schedule-form.js';
import type { TerminalPayStrings } from './en/terminal-pay.js';
import type { TerminalRequestStrings } from './en/terminal-request.js';
import type { TxStatusStrings } from './en/tx-status.js';
import type { RelayErrorWords } from './relay-errors.js';

/** One table for the sentences of the payment and the schedule rules (they share `required`, `tooLong` and the money rule). */
export type ValidationMessagesOverride = PaymentMessagesOverride & ScheduleMessagesOverride;

export interface PjLocale {
  /** BCP 47 language tag for numbers, money and dates, e.g. "en-US", "es-US". */
  lang?: string;
  terminalPay?: Partial<TerminalPayStrings>;
  terminalRequest?: Partial<TerminalRequestStrings>;
  txStatus?: Partial<TxStatusStrings>;
  /** The states both `<pj-terminal-pay>` and `<pj-tx-status>` show (approved, terminal busy, timed out…), worded once. */
  requestStates?: Partial<RequestStateStrings>;
  scheduleForm?: Partial<ScheduleFormStrings>;
  /** The payment fields frame's words (src/fields/) and the page's side of it. */
  fields?: Partial<FieldsStrings>;
  /** Replaces the field names and validation sentences of src/protocol/payment.ts and schedule.ts. */
  messages?: ValidationMessagesOverride;
  /** @deprecated The earlier name of `messages` (its schedule part), still read when `messages` is absent. */
  scheduleMessages?: ScheduleMessagesOverride;
  /** What each response code means and what to do next. Absent: the relay's English words. */
  declines?: DeclineCatalogue;
  /** A sentence per relay error code. Absent: the relay's own (English) message. */
  relayErrors?: RelayErrorWords;
}

/** The element sections of a locale. */
export type PjLocaleSection =
  'terminalPay' | 'terminalRequest' | 'txStatus' | 'requestStates' | 'scheduleForm' | 'fields';

export const $locale = atom<PjLocale>({});

/** Sets the locale of every pj-element on the page (pass `{}` for English). */
export function setLocale(locale: PjLocale): void {
  $locale.set(locale);
}

/** An element's strings: its English defaults, then the page locale, then its own override. */
export function resolveStrings<T extends object>(
  english: T,
  section: PjLocaleSection,
  pageLocale: PjLocale,
  own: PjLocale | undefined,
): T {
  return { ...english, ...(pageLocale[section] as Partial<T>), ...(own?.[section] as Partial<T>) };
}

/**
 * The shared tables an element uses (`messages`, `declines`, `relayErrors`) and its language: each
 * taken whole from the element's own locale when it has one, else from the page's.
 */
export function resolveShared(pageLocale: PjLocale, own: PjLocale | undefined) {
  const pick = <K extends keyof PjLocale>(key: K): PjLocale[K] => own?.[key] ?? pageLocale[key];
  const messages = (locale?: PjLocale) =>
    (locale?.messages ?? locale?.scheduleMessages) as ValidationMessagesOverride | undefined;
  return {
    lang: pick('lang'),
    messages: messages(own) ?? messages(pageLocale),
    declines: pick('declines'),
    relayErrors: pick('relayErrors'),
  };
}

export function resolveLang(pageLocale: PjLocale, own: PjLocale | undefined): string | undefined {
  return own?.lang ?? pageLocale.lang;
}

/** Fills `{name}` placeholders: format('Approved {amount}', { amount: '$1.00' }). */
export { format } from '../protocol/text.js';
