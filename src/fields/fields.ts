/**
 * The payment fields frame (fields.html): waits for its port, then shows the card or bank inputs the
 * page asks for, in the page's words and theme, reports each field's state and its own height, and on
 * submit hands the numbers to PayJunction's SDK (card) or the relay's vaulting endpoint (bank) and
 * answers with a token or vault id. The numbers stay in this document: no message, log or attribute
 * holds them (src/protocol/fields-channel.ts defines what may be said).
 */
import {
  FIELDS_CONNECT,
  type AchType,
  FRAME_FIELDS,
  FRAME_THEME_TOKENS,
  parseFrameMessage,
  parseHostMessage,
  type FieldsInit,
  type FieldsMethod,
  type FieldsOutcome,
  type FieldsState,
  type FrameFieldName,
  type FrameMessage,
} from '../protocol/fields-channel.js';
import { format } from '../protocol/text.js';
import { fieldsState, type FieldValues } from './fields-state.js';
import { frameStyleSheet } from './fields.styles.js';
import { tokenizeCard, vaultAch } from './fields-submit.js';

const BRAND_NAMES: Record<string, string> = {
  VISA: 'Visa',
  MASTERCARD: 'Mastercard',
  AMEX: 'American Express',
  DISCOVER: 'Discover',
  JCB: 'JCB',
  DINERS: 'Diners Club',
};

const form = document.getElementById('pj-fields') as HTMLFormElement;
const control = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
const byId = (id: string) => document.getElementById(id)!;

let port: MessagePort | undefined;
let init: FieldsInit | undefined;
let method: FieldsMethod = 'card';
/** A submit was tried with this method: empty required fields show as invalid. */
let submitted = false;
let busy = false;
/** Fields whose sentence is shown: left once (blur) or any, after a submit. */
const touched = new Set<string>();
/** Sentences PayJunction's SDK or the relay gave a field, kept until the field changes. */
const answerErrors = new Map<string, string>();
let lastState = '';
let lastHeight = -1;

/** Sends a message to the page, only if the page's own guard would take it (never anything else). */
function post(message: FrameMessage): void {
  if (port && parseFrameMessage(message)) port.postMessage(message);
}

const values = (): FieldValues =>
  Object.fromEntries(FRAME_FIELDS[method].map((name) => [name, control(name).value])) as FieldValues;

/** Recomputes every field's state, shows it, and tells the page when it changed. */
function render(): FieldsState {
  const state = fieldsState(method, values(), init!.messages, submitted);
  for (const [name, message] of answerErrors) {
    state.fields[name as FrameFieldName] = { state: 'invalid', message };
    state.complete = false;
  }
  for (const name of FRAME_FIELDS[method]) {
    const view = state.fields[name]!;
    const shown = view.state === 'invalid' && (submitted || touched.has(name) || answerErrors.has(name));
    const input = control(name);
    const error = byId(`${name}-error`);
    error.textContent = shown ? view.message! : '';
    error.hidden = !shown;
    if (shown) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    const described = [name === 'cardNumber' && state.brand ? 'brand' : '', shown ? error.id : ''].filter(Boolean);
    if (described.length) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  }
  const brand = state.brand && BRAND_NAMES[state.brand];
  byId('brand').textContent = brand ? format(init!.words.brand, { brand }) : '';
  const text = JSON.stringify(state);
  if (text !== lastState) {
    lastState = text;
    post(state);
  }
  return state;
}

function showMethod(next: FieldsMethod): void {
  method = next;
  submitted = false;
  touched.clear();
  answerErrors.clear();
  for (const name of ['card', 'ach'] as const) byId(`method-${name}`).hidden = name !== next;
  render();
}

/** The page's words, language and theme. Theme values were checked by the guard (no url(), no functions but colours). */
function apply(message: FieldsInit): void {
  init = message;
  document.documentElement.lang = message.lang;
  document.title = message.words.title;
  for (const name of [...FRAME_FIELDS.card, ...FRAME_FIELDS.ach]) {
    document.querySelector(`label[for="${name}"]`)!.textContent = message.messages.fields[name];
  }
  byId('expiry').textContent = message.words.expiry;
  const type = control('achAccountType') as HTMLSelectElement;
  type.options[0]!.textContent = message.words.checking;
  type.options[1]!.textContent = message.words.savings;
  const style = document.documentElement.style;
  for (const token of Object.keys(FRAME_THEME_TOKENS)) style.removeProperty(token);
  for (const [token, value] of Object.entries(message.theme)) style.setProperty(token, value);
  form.hidden = false;
  lastState = '';
  showMethod(message.method);
}

async function submit(achType: AchType | undefined): Promise<void> {
  if (!init) {
    post({ type: 'result', error: { code: 'not_ready', message: '', fields: [] } });
    return;
  }
  if (busy) return; // the submit under way answers
  submitted = true;
  const state = render();
  const invalid = FRAME_FIELDS[method].filter((name) => state.fields[name]?.state === 'invalid');
  if (!state.complete) {
    control(invalid[0] ?? FRAME_FIELDS[method][0]).focus();
    const fields = invalid.map((field) => ({ field, message: state.fields[field]!.message! }));
    const message = format(init.words.fixFields, { count: fields.length });
    post({ type: 'result', error: { code: 'invalid_fields', message, fields } });
    return;
  }
  busy = true;
  const { config, messages, words } = init;
  const submittedMethod = method;
  let outcome: FieldsOutcome;
  try {
    outcome =
      method === 'card'
        ? await tokenizeCard(config, values(), messages, words)
        : await vaultAch(config, values(), messages, words, achType);
  } finally {
    busy = false;
  }
  if (method !== submittedMethod) return; // the page switched methods meanwhile: this answer is moot
  if ('error' in outcome) for (const { field, message } of outcome.error.fields) answerErrors.set(field, message);
  render();
  const result: FrameMessage = { type: 'result', ...outcome };
  if (parseFrameMessage(result)) post(result);
  else post({ type: 'result', error: { code: 'tokenization_failed', message: words.tokenFailed, fields: [] } });
}

function onHostMessage(data: unknown): void {
  const message = parseHostMessage(data);
  if (!message) return;
  if (message.type === 'init') apply(message);
  else if (!init) return;
  else if (message.type === 'set-method') {
    if (init.methods.includes(message.method) && message.method !== method) showMethod(message.method);
  } else void submit(message.achType);
}

function onConnect(event: MessageEvent): void {
  const data: unknown = event.data;
  const connect = typeof data === 'object' && data !== null && Object.keys(data).join() === 'type' && 'type' in data;
  if (port || window.parent === window || event.source !== window.parent || !connect) return;
  if (data.type !== FIELDS_CONNECT || event.ports.length !== 1) return;
  removeEventListener('message', onConnect);
  port = event.ports[0]!;
  port.onmessage = (e: MessageEvent) => onHostMessage(e.data);
  post({ type: 'ready' });
  new ResizeObserver(() => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== lastHeight) post({ type: 'resize', height: (lastHeight = height) });
  }).observe(document.body);
}

document.adoptedStyleSheets = [frameStyleSheet()];
addEventListener('message', onConnect);
form.addEventListener('submit', (event) => event.preventDefault()); // the numbers never go by a form post
form.addEventListener('input', (event) => {
  answerErrors.delete((event.target as HTMLInputElement).name);
  if (init) render();
});
form.addEventListener('change', () => init && render());
form.addEventListener('focusout', (event) => {
  touched.add((event.target as HTMLInputElement).name);
  if (init) render();
});
