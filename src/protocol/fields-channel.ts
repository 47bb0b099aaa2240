/**
 * The private channel between a page and the payment fields frame (issue 11): the frame, served from
 * another origin, holds the card and bank numbers; the page holds a MessagePort to it. Both sides
 * import these types and guards, and each guard drops any message it does not expect (a key too many,
 * a wrong type, an unknown value), so nothing rides along unnoticed.
 *
 * By construction no message has a field that can carry a number a person typed: the frame tells the
 * page each field's state (empty, complete, invalid + the localised sentence), the card brand, and the
 * result of a submit (a single-use card token or a vault id, the brand and the last four). Free text
 * (sentences, codes) may not hold a run of 5 or more digits, so even a sentence cannot smuggle one.
 *
 * The handshake: the page posts `{ type: FIELDS_CONNECT }` to the frame's window with a transferred
 * MessagePort, to the fields origin exactly; from then on both sides talk over that port only.
 */
import type { CardBrand } from './card.js';
import { SCHEDULE_MESSAGES_EN, type ScheduleMessages, type ScheduleMessagesOverride } from './schedule.js';

/** The `type` of the one window message that hands the frame its port. */
export const FIELDS_CONNECT = 'pj-fields-connect';

export type FieldsMethod = 'card' | 'ach';
export const FIELDS_METHODS: readonly FieldsMethod[] = ['card', 'ach'];

/** The inputs of each method, named as PayJunction's parameters (and in the frame's tab order). */
export const FRAME_FIELDS = {
  card: ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'],
  ach: ['achRoutingNumber', 'achAccountNumber', 'achAccountType'],
} as const;
export type FrameFieldName = (typeof FRAME_FIELDS)[FieldsMethod][number];
const ALL_FIELDS: readonly string[] = [...FRAME_FIELDS.card, ...FRAME_FIELDS.ach];

export type FieldState = 'empty' | 'complete' | 'invalid';
const FIELD_STATES: readonly string[] = ['empty', 'complete', 'invalid'];
const BRANDS: readonly CardBrand[] = ['VISA', 'MASTERCARD', 'AMEX', 'DISCOVER', 'JCB', 'DINERS', 'UNKNOWN'];
export const ACH_ACCOUNT_TYPE_VALUES = ['CHECKING', 'SAVINGS'] as const;
export type AchAccountType = (typeof ACH_ACCOUNT_TYPE_VALUES)[number];

/** The sentences of src/protocol/schedule.ts that the frame's fields can produce. */
export const FIELDS_MESSAGE_KEYS = [
  'required',
  'option',
  'cardNumber',
  'cardExpMonth',
  'cardExpYear',
  'cardCvv',
  'cardExpired',
  'achRoutingNumber',
  'achAccountNumber',
] as const;
type FieldsMessageKey = (typeof FIELDS_MESSAGE_KEYS)[number];
/** The frame's part of the schedule message table: its fields' words (its labels) and their sentences. */
export type FieldsMessages = Pick<ScheduleMessages, FieldsMessageKey> & { fields: Record<FrameFieldName, string> };

/** Words the frame shows besides labels and validation sentences (src/locales/en/fields.ts). */
export const FRAME_WORD_KEYS = [
  'title',
  'expiry',
  'checking',
  'savings',
  'brand',
  'fixFields',
  'tokenFailed',
  'achFailed',
] as const;
export type FrameWords = Record<(typeof FRAME_WORD_KEYS)[number], string>;

/**
 * The --pj-* tokens a page may pass to the frame, each with the kind of value it takes: the same
 * tokens as src/elements/common/theme.styles.ts (the focus ring, a box-shadow, is left to the frame).
 */
export const FRAME_THEME_TOKENS = {
  '--pj-color-accent': 'color',
  '--pj-color-accent-text': 'color',
  '--pj-color-text': 'color',
  '--pj-color-surface': 'color',
  '--pj-color-border': 'color',
  '--pj-color-danger': 'color',
  '--pj-color-danger-bg': 'color',
  '--pj-radius': 'length',
  '--pj-space': 'length',
  '--pj-font-family': 'font',
} as const;
export type FrameThemeToken = keyof typeof FRAME_THEME_TOKENS;
export type FrameTheme = Partial<Record<FrameThemeToken, string>>;

/**
 * Values the frame accepts per kind: colours (hex, a keyword, or a colour function of numbers),
 * lengths, font family lists. Nothing with url(), var(), quotes that do not pair, or any other function.
 */
const THEME_VALUE: Record<'color' | 'length' | 'font', RegExp> = {
  color:
    /^(?:#(?:[\da-f]{3,4}|[\da-f]{6}|[\da-f]{8})|[a-z]{3,20}|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\((?:[\d.\s,/%+-]|deg|turn|none)*\))$/i,
  length: /^(?:0|\d{1,4}(?:\.\d{1,4})?(?:px|rem|em|%))$/,
  font: /^(?:[a-z][\w-]*(?: [a-z][\w-]*)*|"[\w -]+"|'[\w -]+')(?:\s*,\s*(?:[a-z][\w-]*(?: [a-z][\w-]*)*|"[\w -]+"|'[\w -]+'))*$/i,
};

/** A relay-made bank-account ticket as the frame carries it (and the relay accepts it): 16–128 URL-safe characters. */
export const isAchTicket = (value: unknown): value is string =>
  typeof value === 'string' && /^[\w-]{16,128}$/.test(value);

/** Whether `value` is a value the frame takes for the theme token `name`. */
export function isThemeValue(name: string, value: unknown): boolean {
  const kind = Object.hasOwn(FRAME_THEME_TOKENS, name) ? FRAME_THEME_TOKENS[name as FrameThemeToken] : undefined;
  return !!kind && typeof value === 'string' && value.length <= 200 && THEME_VALUE[kind].test(value);
}

export interface FieldsConfig {
  /** PayJunction's publishable key (POST /publishablekeys), for the SDK. */
  publishableKey: string;
  /** PayJunction's tokenization SDK (https://developer.payjunction.com/hc/en-us/articles/4404002342555). */
  sdkUrl: string;
  /** The relay's endpoint that vaults a bank account at once (POST /pj/fields/ach-vault). */
  achVaultUrl: string;
  /** The relay's ticket for that endpoint (GET /pj/fields/config): the frame carries no session of the page. */
  achTicket: string;
}

// ─── Page → frame ───────────────────────────────────────────────────────────────────────────

export interface FieldsInit {
  type: 'init';
  methods: FieldsMethod[];
  method: FieldsMethod;
  /** BCP 47 language tag of the page. */
  lang: string;
  messages: FieldsMessages;
  words: FrameWords;
  theme: FrameTheme;
  config: FieldsConfig;
}
/** PPD (a person's account) or CCD (a business's): chosen in the page's form, sent with a bank account's submit. */
export type AchType = 'PPD' | 'CCD';
export type HostMessage =
  FieldsInit | { type: 'set-method'; method: FieldsMethod } | { type: 'submit'; achType?: AchType };

// ─── Frame → page ───────────────────────────────────────────────────────────────────────────

export interface FieldStateView {
  state: FieldState;
  message?: string;
}
export interface FieldsState {
  type: 'state';
  method: FieldsMethod;
  fields: Partial<Record<FrameFieldName, FieldStateView>>;
  brand?: CardBrand;
  /** Every field of the method is valid and the required ones are filled: a submit can go ahead. */
  complete: boolean;
}
export type FieldsResultErrorCode = 'invalid_fields' | 'tokenization_failed' | 'ach_vault_failed' | 'not_ready';
const ERROR_CODES: readonly string[] = ['invalid_fields', 'tokenization_failed', 'ach_vault_failed', 'not_ready'];
export type FieldsOutcome =
  | { method: 'card'; tokenId: string; brand: CardBrand; lastFour: string }
  | { method: 'ach'; vaultId: string; accountType: AchAccountType; lastFour: string }
  | {
      error: {
        code: FieldsResultErrorCode;
        message: string;
        fields: { field: FrameFieldName; message: string }[];
      };
    };
export type FieldsResult = { type: 'result' } & FieldsOutcome;
export type FrameMessage = { type: 'ready' } | FieldsState | FieldsResult | { type: 'resize'; height: number };

// ─── Guards ─────────────────────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
/** Exactly these keys (the optional ones may be absent), nothing more. */
const keysAre = (v: Obj, required: string[], optional: string[] = []) =>
  required.every((k) => Object.hasOwn(v, k)) &&
  Object.keys(v).every((k) => required.includes(k) || optional.includes(k));
/** A sentence or code: bounded, printable, and no run of 5 or more digits. */
const isText = (v: unknown, max = 500): v is string =>
  typeof v === 'string' && v.length <= max && !/\d{5}/.test(v) && !/\p{Cc}/u.test(v);
const isMethod = (v: unknown): v is FieldsMethod => v === 'card' || v === 'ach';
const oneOf = (v: unknown, values: readonly string[]) => typeof v === 'string' && values.includes(v);
const isUrl = (v: unknown) => typeof v === 'string' && v.length <= 2000 && /^https?:\/\/[^\s]+$/.test(v);
const isTable = (v: unknown, keys: readonly string[], max?: number) =>
  isObj(v) && keysAre(v, [...keys]) && keys.every((k) => isText(v[k], max));

function isInit(m: Obj): boolean {
  const { methods, method, lang, messages, words, theme, config } = m;
  const methodsOk =
    Array.isArray(methods) &&
    methods.length > 0 &&
    methods.length <= 2 &&
    methods.every(isMethod) &&
    new Set(methods).size === methods.length;
  return (
    keysAre(m, ['type', 'methods', 'method', 'lang', 'messages', 'words', 'theme', 'config']) &&
    methodsOk &&
    (methods as unknown[]).includes(method) &&
    typeof lang === 'string' &&
    /^[a-z]{2,3}(?:-[a-z\d]{2,8}){0,3}$/i.test(lang) &&
    isObj(messages) &&
    keysAre(messages, ['fields', ...FIELDS_MESSAGE_KEYS]) &&
    FIELDS_MESSAGE_KEYS.every((k) => isText(messages[k])) &&
    isTable(messages.fields, ALL_FIELDS, 100) &&
    isTable(words, FRAME_WORD_KEYS) &&
    isObj(theme) &&
    Object.entries(theme).every(([name, value]) => isThemeValue(name, value)) &&
    isObj(config) &&
    keysAre(config, ['publishableKey', 'sdkUrl', 'achVaultUrl', 'achTicket']) &&
    isAchTicket(config.achTicket) &&
    typeof config.publishableKey === 'string' &&
    /^[\w-]{1,200}$/.test(config.publishableKey) &&
    isUrl(config.sdkUrl) &&
    isUrl(config.achVaultUrl)
  );
}

/** The page's message as the frame may act on it, or undefined (dropped). */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isObj(data)) return undefined;
  const ok =
    data.type === 'init'
      ? isInit(data)
      : data.type === 'set-method'
        ? keysAre(data, ['type', 'method']) && isMethod(data.method)
        : data.type === 'submit' &&
          keysAre(data, ['type'], ['achType']) &&
          (data.achType === undefined || oneOf(data.achType, ['PPD', 'CCD']));
  return ok ? (data as unknown as HostMessage) : undefined;
}

function isState(m: Obj): boolean {
  const { method, fields, brand } = m;
  if (!keysAre(m, ['type', 'method', 'fields', 'complete'], ['brand']) || !isMethod(method)) return false;
  if (typeof m.complete !== 'boolean' || (brand !== undefined && (method !== 'card' || !oneOf(brand, BRANDS))))
    return false;
  const names: readonly string[] = FRAME_FIELDS[method];
  return (
    isObj(fields) &&
    Object.entries(fields).every(
      ([name, view]) =>
        names.includes(name) &&
        isObj(view) &&
        keysAre(view, ['state'], ['message']) &&
        oneOf(view.state, FIELD_STATES) &&
        (view.message === undefined ? true : view.state === 'invalid' && isText(view.message)),
    )
  );
}

const isLastFour = (v: unknown) => typeof v === 'string' && /^\d{4}$/.test(v);
/** A single-use token: letters, digits, - and _; never a run of 12+ digits (the shortest card number). */
const isTokenId = (v: unknown) => typeof v === 'string' && /^[\w-]{8,128}$/.test(v) && !/\d{12}/.test(v);

function isResult(m: Obj): boolean {
  if (m.method === 'card') {
    return (
      keysAre(m, ['type', 'method', 'tokenId', 'brand', 'lastFour']) &&
      isTokenId(m.tokenId) &&
      oneOf(m.brand, BRANDS) &&
      isLastFour(m.lastFour)
    );
  }
  if (m.method === 'ach') {
    return (
      keysAre(m, ['type', 'method', 'vaultId', 'accountType', 'lastFour']) &&
      typeof m.vaultId === 'string' &&
      /^[1-9]\d{0,11}$/.test(m.vaultId) &&
      oneOf(m.accountType, ACH_ACCOUNT_TYPE_VALUES) &&
      isLastFour(m.lastFour)
    );
  }
  const error = m.error;
  return (
    keysAre(m, ['type', 'error']) &&
    isObj(error) &&
    keysAre(error, ['code', 'message', 'fields']) &&
    oneOf(error.code, ERROR_CODES) &&
    isText(error.message) &&
    Array.isArray(error.fields) &&
    error.fields.length <= ALL_FIELDS.length &&
    error.fields.every(
      (f: unknown) => isObj(f) && keysAre(f, ['field', 'message']) && oneOf(f.field, ALL_FIELDS) && isText(f.message),
    )
  );
}

/** The frame's message as the page may act on it, or undefined (dropped). */
export function parseFrameMessage(data: unknown): FrameMessage | undefined {
  if (!isObj(data)) return undefined;
  const ok =
    data.type === 'ready'
      ? keysAre(data, ['type'])
      : data.type === 'state'
        ? isState(data)
        : data.type === 'result'
          ? isResult(data)
          : data.type === 'resize' &&
            keysAre(data, ['type', 'height']) &&
            Number.isFinite(data.height) &&
            (data.height as number) >= 0 &&
            (data.height as number) <= 10_000;
  return ok ? (data as unknown as FrameMessage) : undefined;
}

/** The frame's sentences from a locale's validation table (any part of it; the rest stays English). */
export function fieldsMessages(override: ScheduleMessagesOverride = {}): FieldsMessages {
  const fields = Object.fromEntries(
    ALL_FIELDS.map((name) => [
      name,
      override.fields?.[name as FrameFieldName] ?? SCHEDULE_MESSAGES_EN.fields[name as FrameFieldName],
    ]),
  );
  const sentences = Object.fromEntries(FIELDS_MESSAGE_KEYS.map((k) => [k, override[k] ?? SCHEDULE_MESSAGES_EN[k]]));
  return { ...sentences, fields } as FieldsMessages;
}
