/**
 * English, the built-in default: every element falls back to its own English strings, so this
 * locale only names the language used for numbers, money and dates. `setLocale(en)` switches back.
 */
import type { PjLocale } from './locale.js';

export const en: PjLocale = { lang: 'en-US' };
