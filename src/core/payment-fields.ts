/**
 * `<pj-schedule-form>`'s card and bank fields, as a reactive controller: the numbers are typed in the
 * payment fields frame (src/fields/, on the relay's fields origin), never in the page. The controller
 * asks the relay where the frame is (GET {endpoint}/fields/config), loads the frame's page-side code
 * only then (a dynamic import: a form without card or bank payments never downloads it), connects it
 * to the iframe the form renders, and keeps one status the form renders from.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FieldsStrings } from '../locales/en/fields.js';
import type { AchType, FieldsMethod, FieldsOutcome, FieldsState } from '../protocol/fields-channel.js';
import type { ScheduleMessagesOverride } from '../protocol/schedule.js';
import type { FieldsFrame, OpenFieldsFrameOptions, frameWording } from './fields-frame.js';
import { joinEndpoint, relayCall, RelayClientError } from './relay-client.js';

export type PaymentFieldsStatus =
  /** Not opened: no iframe rendered yet, or the element is not connected. */
  | { phase: 'closed' }
  /** Asking the relay, loading the frame, waiting for its answer. */
  | { phase: 'loading' }
  /** Connected; `state` is the frame's latest report of its fields (undefined until its first). */
  | { phase: 'ready'; state: FieldsState | undefined }
  /** The frame cannot be used; `code` says why (`fields_unavailable`, `fields_same_origin`, `network`, …). */
  | { phase: 'unavailable'; code: string; message: string };

/** What the form tells the frame when it opens it: the page's words, language and the method shown. */
export interface PaymentFieldsContext {
  endpoint: string;
  methods: FieldsMethod[];
  method: FieldsMethod;
  lang: string;
  messages: ScheduleMessagesOverride | undefined;
  words: Partial<FieldsStrings>;
}

/** How long the frame may take to answer before the form says it could not load (a frame that never loads). */
const READY_WITHIN_MS = 20_000;

export class PaymentFieldsController implements ReactiveController {
  status: PaymentFieldsStatus = { phase: 'closed' };
  #frame: FieldsFrame | undefined;
  #iframe: HTMLIFrameElement | undefined;
  #method: FieldsMethod | undefined;
  /** The page's language and words the frame was last told (a change of locale is passed on). */
  #wording = '';
  #reword: typeof frameWording | undefined;
  /** The form's latest context: the frame opens with it even if the locale changed while it loaded. */
  #latest: PaymentFieldsContext | undefined;
  #opening = 0;

  /**
   * `unavailableWords`: the page's words for a frame that cannot load; `onUnavailable`: told once per
   * frame that cannot be used, with the code and the words shown (the form fires `pj-error`).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly unavailableWords: () => string,
    private readonly onUnavailable: (code: string, message: string) => void,
  ) {
    host.addController(this);
  }

  /**
   * Opens the frame in `iframe` (from the form's `updated()`), once per iframe: a new iframe (the form
   * rendered after "Set up another") gets a fresh frame, with no value of the last one.
   */
  open(iframe: HTMLIFrameElement, context: PaymentFieldsContext): void {
    this.#latest = context;
    const wording = JSON.stringify([context.lang, context.messages, context.words]);
    if (iframe === this.#iframe) {
      if (wording !== this.#wording && this.#frame && this.#reword) {
        this.#frame.update(this.#reword({ ...context, themed: this.host }));
      }
      this.#wording = wording;
      return this.#show(context.method);
    }
    this.#close();
    this.#iframe = iframe;
    this.#method = context.method;
    this.#wording = wording;
    const opening = ++this.#opening;
    // No re-render for this (open() runs in the form's updated()): the form shows 'closed' as loading.
    this.status = { phase: 'loading' };
    void this.#connect(iframe, context, () => opening === this.#opening);
  }

  async #connect(iframe: HTMLIFrameElement, context: PaymentFieldsContext, current: () => boolean): Promise<void> {
    try {
      const [config, { openFieldsFrame, frameWording }] = await Promise.all([
        relayCall<OpenFieldsFrameOptions['config']>(context.endpoint, '/fields/config'),
        import('./fields-frame.js'),
      ]);
      if (!current()) return;
      this.#reword = frameWording;
      const frame = openFieldsFrame({
        ...(this.#latest ?? context),
        method: this.#method ?? context.method,
        iframe,
        themed: this.host,
        config,
        achVaultUrl: new URL(joinEndpoint(context.endpoint, '/fields/ach-vault'), location.href).href,
        onState: (state) => current() && this.#set({ phase: 'ready', state }),
      });
      this.#frame = frame;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READY_WITHIN_MS)));
      const answered = await Promise.race([frame.ready, late]);
      clearTimeout(timer);
      if (!current()) return;
      if (answered === 'late') throw new RelayClientError(0, 'fields_unavailable', this.unavailableWords());
      if (this.status.phase === 'loading') this.#set({ phase: 'ready', state: frame.state });
    } catch (err) {
      if (!current()) return;
      const { code, message } = err as { code?: string; message?: string };
      const known = err instanceof RelayClientError || (err as Error).name === 'FieldsFrameError';
      const status = {
        phase: 'unavailable' as const,
        code: known && code ? code : 'fields_unavailable',
        // The same-origin refusal's own words (already the page's language); anything else in the
        // page's words: the relay's message is for the merchant's developer, not the cashier.
        message: code === 'fields_same_origin' && message ? message : this.unavailableWords(),
      };
      this.#set(status);
      this.onUnavailable(status.code, status.message);
    }
  }

  #show(method: FieldsMethod): void {
    if (method === this.#method) return;
    this.#method = method;
    this.#frame?.setMethod(method);
  }

  /** Whether the frame's fields are all valid and filled as required: a submit can go ahead. */
  get complete(): boolean {
    return this.status.phase === 'ready' && !!this.status.state?.complete;
  }

  /** Tokenizes the card or vaults the bank account typed in the frame (the frame marks what is missing). */
  submit(achType?: AchType): Promise<FieldsOutcome> {
    const frame = this.#frame;
    if (!frame || this.status.phase !== 'ready') {
      const message = this.status.phase === 'unavailable' ? this.status.message : this.unavailableWords();
      return Promise.resolve({ error: { code: 'not_ready', message, fields: [] } });
    }
    return frame.submit(achType ? { achType } : {}).catch(() => ({
      error: { code: 'not_ready' as const, message: this.unavailableWords(), fields: [] },
    }));
  }

  #set(status: PaymentFieldsStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }

  #close(): void {
    this.#opening++;
    this.#frame?.dispose();
    this.#frame = this.#iframe = this.#method = undefined;
    this.status = { phase: 'closed' };
  }

  hostDisconnected(): void {
    this.#close();
  }
}
