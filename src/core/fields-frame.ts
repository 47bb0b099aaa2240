/**
 * The page's side of the payment fields frame (src/fields/): connects to the frame over a private
 * MessageChannel, sends it the page's words, theme and configuration, keeps the latest state of its
 * fields, and submits it. The frame must come from another origin than the page (PJ_FIELDS_ORIGIN):
 * on the page's own origin every script of the page could read the numbers, which is what the frame
 * is for. Every message from the frame goes through the channel's guard; what it does not expect is
 * dropped and counted.
 */
import { fieldsEn, type FieldsStrings } from '../locales/en/fields.js';
import { format } from '../protocol/text.js';
import {
  FIELDS_CONNECT,
  FRAME_THEME_TOKENS,
  FRAME_WORD_KEYS,
  fieldsMessages,
  isThemeValue,
  parseFrameMessage,
  type AchType,
  type FieldsInit,
  type FieldsMethod,
  type FieldsOutcome,
  type FieldsState,
  type FrameTheme,
  type FrameWords,
  type HostMessage,
} from '../protocol/fields-channel.js';
import type { ScheduleMessagesOverride } from '../protocol/schedule.js';

export interface FieldsFrameOptions {
  /** The iframe to load the frame in; its `src` is set here. */
  iframe: HTMLIFrameElement;
  /** The frame's URL, on the fields origin (e.g. `${PJ_FIELDS_ORIGIN}/fields/`). */
  src: string;
  /** The fields origin, exactly: where the port is sent (never '*'). */
  fieldsOrigin: string;
  /** What the frame is told when it connects (and again after the frame reloads). */
  init: Omit<FieldsInit, 'type'>;
  /** The page's words for this side (the same-origin refusal). */
  words?: Partial<FieldsStrings>;
  onState?: (state: FieldsState) => void;
  /**
   * Tests only: lets the frame be on the page's own origin, which a test runner cannot avoid. Never
   * set it on a real page: there the page's scripts could read the numbers.
   */
  unsafeAllowSameOriginForTests?: boolean;
}

/** Raised when the frame cannot be used; `code` says why ('fields_same_origin', 'fields_disposed'). */
export class FieldsFrameError extends Error {
  constructor(
    readonly code: 'fields_same_origin' | 'fields_bad_origin' | 'fields_disposed',
    message: string,
  ) {
    super(message);
    this.name = 'FieldsFrameError';
  }
}

/** The --pj-* values an element has now, those of the fixed list the frame takes, checked as the frame checks them. */
export function readFrameTheme(element: Element): FrameTheme {
  const style = getComputedStyle(element);
  const theme: FrameTheme = {};
  for (const token of Object.keys(FRAME_THEME_TOKENS) as (keyof FrameTheme)[]) {
    const value = style.getPropertyValue(token).trim();
    if (value && isThemeValue(token, value)) theme[token] = value;
  }
  return theme;
}

export class FieldsFrame {
  /** The frame's latest report of its fields (undefined until its first). */
  state: FieldsState | undefined;
  /** Messages from the frame that the guard dropped. */
  dropped = 0;
  /** Resolves once the frame has answered the connection. */
  readonly ready: Promise<void>;
  private port: MessagePort | undefined;
  private pending: { resolve(outcome: FieldsOutcome): void; reject(error: Error): void } | undefined;
  private pendingResult: Promise<FieldsOutcome> | undefined;
  private disposed = false;
  private markReady!: () => void;
  private readonly onLoad = () => this.connect();

  constructor(private readonly options: FieldsFrameOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const words = { ...fieldsEn, ...options.words };
    const own = location.origin;
    let fieldsOrigin: string;
    try {
      fieldsOrigin = new URL(options.fieldsOrigin).origin;
    } catch {
      fieldsOrigin = 'null';
    }
    if (fieldsOrigin !== options.fieldsOrigin || new URL(options.src, location.href).origin !== fieldsOrigin) {
      throw new FieldsFrameError('fields_bad_origin', `The payment fields URL must be on ${options.fieldsOrigin}.`);
    }
    if (fieldsOrigin === own && !options.unsafeAllowSameOriginForTests) {
      throw new FieldsFrameError('fields_same_origin', format(words.sameOrigin, { origin: own }));
    }
    options.iframe.title ||= words.frameTitle;
    options.iframe.addEventListener('load', this.onLoad);
    options.iframe.src = options.src;
  }

  /** A new channel on each load of the frame: a reloaded frame has lost the old port and its values. */
  private connect(): void {
    const target = this.options.iframe.contentWindow;
    if (this.disposed || !target) return;
    this.port?.close();
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.onmessage = (event: MessageEvent) => this.receive(event.data);
    this.state = undefined;
    target.postMessage({ type: FIELDS_CONNECT }, this.options.fieldsOrigin, [channel.port2]);
    this.send({ type: 'init', ...this.options.init });
    this.failPending(new FieldsFrameError('fields_disposed', 'The payment fields reloaded; submit again.'));
  }

  private send(message: HostMessage): void {
    this.port?.postMessage(message);
  }

  private receive(data: unknown): void {
    const message = parseFrameMessage(data);
    if (!message) {
      this.dropped++;
      return;
    }
    if (message.type === 'ready') this.markReady();
    else if (message.type === 'state') {
      this.state = message;
      this.options.onState?.(message);
    } else if (message.type === 'resize') this.options.iframe.style.height = `${message.height}px`;
    else {
      const { type: _type, ...outcome } = message;
      const pending = this.pending;
      this.pending = this.pendingResult = undefined;
      pending?.resolve(outcome as FieldsOutcome);
    }
  }

  private failPending(error: Error): void {
    const pending = this.pending;
    this.pending = this.pendingResult = undefined;
    pending?.reject(error);
  }

  /** Tells the frame new words, language or theme (the page's locale changed); what was typed stays. */
  update(changes: Partial<Omit<FieldsInit, 'type' | 'config' | 'methods'>>): void {
    Object.assign(this.options.init, changes);
    this.send({ type: 'init', ...this.options.init });
  }

  /** Shows the other method's fields (one of `init.methods`). */
  setMethod(method: FieldsMethod): void {
    this.send({ type: 'set-method', method });
  }

  /**
   * Asks the frame to tokenize or vault what was typed; resolves with its answer (a second call shares
   * it). A bank account needs `achType` (PPD or CCD), which the page's form asks.
   */
  submit(options: { achType?: AchType } = {}): Promise<FieldsOutcome> {
    if (this.disposed) return Promise.reject(new FieldsFrameError('fields_disposed', 'The payment fields are gone.'));
    this.pendingResult ??= new Promise<FieldsOutcome>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.send({ type: 'submit', ...(options.achType ? { achType: options.achType } : {}) });
    });
    return this.pendingResult;
  }

  /** Closes the channel and stops listening; a submit under way is rejected. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.options.iframe.removeEventListener('load', this.onLoad);
    this.port?.close();
    this.port = undefined;
    this.failPending(new FieldsFrameError('fields_disposed', 'The payment fields are gone.'));
  }
}

/** The frame's language, sentences, words and theme, from the page's locale and the element's --pj-* values. */
export function frameWording(options: Pick<OpenFieldsFrameOptions, 'lang' | 'messages' | 'words' | 'themed'>) {
  const { words } = options;
  return {
    lang: options.lang,
    messages: fieldsMessages(options.messages),
    // Exactly the frame's words: its guard drops a message with a key too many.
    words: Object.fromEntries(FRAME_WORD_KEYS.map((key) => [key, words[key] ?? fieldsEn[key]])) as FrameWords,
    theme: readFrameTheme(options.themed),
  };
}

/** What `<pj-schedule-form>` knows when it opens the frame (the relay's GET /fields/config, the page's locale). */
export interface OpenFieldsFrameOptions {
  iframe: HTMLIFrameElement;
  /** The element whose --pj-* values theme the frame. */
  themed: Element;
  /** GET {endpoint}/fields/config. */
  config: { publishableKey: string; sdkUrl: string; fieldsOrigin?: string; achTicket: string };
  /** The relay's POST /fields/ach-vault, as an absolute URL (the frame is on another origin). */
  achVaultUrl: string;
  methods: FieldsMethod[];
  method: FieldsMethod;
  lang: string;
  messages: ScheduleMessagesOverride | undefined;
  words: Partial<FieldsStrings>;
  onState(state: FieldsState): void;
}

/**
 * The frame for one form, from the relay's configuration: loaded from the fields origin's page,
 * told the page's words and theme. Throws a FieldsFrameError when the relay names no fields origin
 * or names the page's own. Kept in this module, which the form imports only once it needs the frame,
 * so a page without card or bank payments never downloads it.
 */
export function openFieldsFrame(options: OpenFieldsFrameOptions): FieldsFrame {
  const { config, words } = options;
  const fieldsOrigin = config.fieldsOrigin;
  if (!fieldsOrigin)
    throw new FieldsFrameError('fields_bad_origin', 'The relay serves no payment fields (PJ_FIELDS_ORIGIN).');
  return new FieldsFrame({
    iframe: options.iframe,
    src: `${fieldsOrigin}/`,
    fieldsOrigin,
    words,
    onState: options.onState,
    init: {
      methods: options.methods,
      method: options.method,
      ...frameWording(options),
      config: {
        publishableKey: config.publishableKey,
        sdkUrl: config.sdkUrl,
        achVaultUrl: options.achVaultUrl,
        achTicket: config.achTicket,
      },
    },
  });
}
