/**
 * Every user-visible string of pj-elements can be replaced. A locale is a partial object per
 * element; what it leaves out stays English. `setLocale()` changes it for every element on the
 * page at once (a nanostores atom the elements watch); an element's `locale` property overrides
 * it for that element alone.
 */
import { atom } from 'nanostores';
import type { ScheduleMessagesOverride } from '../protocol/schedule.js';

/** Sections are typed by each element's own strings file; kept loose here so this file stays tiny. */
export interface PjLocale {
  /** BCP 47 language tag for numbers, money and dates, e.g. "en-US", "es-US". */
  lang?: string;
  terminalPay?: Record<string, unknown>;
  txStatus?: Record<string, unknown>;
  scheduleForm?: Record<string, unknown>;
  /** Replaces the field validation sentences of src/protocol/schedule.ts. */
  scheduleMessages?: ScheduleMessagesOverride;
}

export const $locale = atom<PjLocale>({});

/** Sets the locale of every pj-element on the page (pass `{}` for English). */
export function setLocale(locale: PjLocale): void {
  $locale.set(locale);
}

/** An element's strings: its English defaults, then the page locale, then its own override. */
export function resolveStrings<T extends object>(
  english: T,
  section: keyof Omit<PjLocale, 'lang' | 'scheduleMessages'>,
  pageLocale: PjLocale,
  own: PjLocale | undefined,
): T {
  return { ...english, ...(pageLocale[section] as Partial<T>), ...(own?.[section] as Partial<T>) };
}

export function resolveLang(pageLocale: PjLocale, own: PjLocale | undefined): string | undefined {
  return own?.lang ?? pageLocale.lang;
}

/** Fills `{name}` placeholders: format('Approved {amount}', { amount: '$1.00' }). */
export { format } from '../protocol/text.js';
