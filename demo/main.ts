/**
 * The demo page's code: everything a merchant's page needs around the four elements, plus the
 * simulator panel (which a real page never has). Read top to bottom:
 *
 *  1. Import pj-elements: this defines <pj-terminal-pay>, <pj-terminal-request>, <pj-tx-status> and
 *     <pj-schedule-form> (the "Ask the customer" panel's code is demo/requests-panel.ts).
 *     (In your app: `import 'pj-elements'`; without a bundler: <script src="pj-elements.iife.js">.)
 *  2. The amount input drives the payment element's `amount` attribute, the Charge / Refund choice its
 *     `action` (a refund runs on the terminal too: the customer presents the card to refund), the tip
 *     box its `allow-tips` (the terminal asks the customer; no tip amount is ever sent).
 *  3. <pj-tx-status> follows the payment: `request-id` while it is live, then `transaction-id`.
 *  4. A reload in the middle of a payment resumes it: the live requestId is kept in sessionStorage
 *     and given back to <pj-terminal-pay> as `request-id`.
 *  5. Every pj-* event bubbles out of the elements' shadow DOM: one document listener per name fills the log
 *     (demo/event-log.ts).
 *  6. GET /pj/health says which mode the relay runs in; only the simulator gets the simulator panel
 *     (demo/simulator-panel.ts).
 */
import { setLocale } from '../src/index.js';
import { en } from '../src/locales/en.js';
import { es } from '../src/locales/es.js';
import { $ } from './event-log.js';
import { startRequestsPanel } from './requests-panel.js';
import { refreshSimulator, startSimulatorPanel } from './simulator-panel.js';

const RELAY = '/pj';
const LIVE_REQUEST_KEY = 'pj-demo:live-request';
const AMOUNT_KEY = 'pj-demo:amount';
const ACTION_KEY = 'pj-demo:action';
const TIPS_KEY = 'pj-demo:allow-tips';
const LANGUAGE_KEY = 'pj-demo:language';

const pay = $<HTMLElementTagNameMap['pj-terminal-pay']>('#pay');
const result = $<HTMLElementTagNameMap['pj-tx-status']>('#result');
const amount = $<HTMLInputElement>('#amount');

// ─── 2. the amount ─────────────────────────────────────────────────────────────────────────────

function setAmount(value: string): void {
  pay.setAttribute('amount', value.trim());
  sessionStorage.setItem(AMOUNT_KEY, value);
}
amount.value = sessionStorage.getItem(AMOUNT_KEY) ?? amount.value;
setAmount(amount.value);
amount.addEventListener('input', () => setAmount(amount.value));
for (const chip of document.querySelectorAll<HTMLButtonElement>('[data-amount]')) {
  chip.addEventListener('click', () => {
    amount.value = chip.dataset.amount!;
    setAmount(amount.value);
    amount.focus();
  });
}

const actions = document.querySelectorAll<HTMLInputElement>('input[name="action"]');
function setAction(value: string): void {
  pay.setAttribute('action', value === 'refund' ? 'refund' : 'charge');
  sessionStorage.setItem(ACTION_KEY, value);
}
for (const radio of actions) {
  radio.checked = radio.value === (sessionStorage.getItem(ACTION_KEY) ?? 'charge');
  if (radio.checked) setAction(radio.value);
  radio.addEventListener('change', () => radio.checked && setAction(radio.value));
}

const allowTips = $<HTMLInputElement>('#allow-tips');
function setTips(on: boolean): void {
  pay.toggleAttribute('allow-tips', on);
  sessionStorage.setItem(TIPS_KEY, on ? 'yes' : '');
}
allowTips.checked = sessionStorage.getItem(TIPS_KEY) === 'yes';
setTips(allowTips.checked);
allowTips.addEventListener('change', () => setTips(allowTips.checked));

// ─── 3 + 4. the result follows the payment; a reload resumes it ────────────────────────────────

function follow(attribute: 'request-id' | 'transaction-id', id: string): void {
  // Set the new id before removing the other, so the element updates once.
  result.setAttribute(attribute, id);
  result.removeAttribute(attribute === 'request-id' ? 'transaction-id' : 'request-id');
  $('#result-empty').toggleAttribute('hidden', true);
}

pay.addEventListener('pj-request-status', (event) => {
  const s = event.detail.snapshot;
  if (!s.outcome) {
    sessionStorage.setItem(LIVE_REQUEST_KEY, s.requestId);
    if (result.getAttribute('request-id') !== s.requestId) follow('request-id', s.requestId);
    return;
  }
  sessionStorage.removeItem(LIVE_REQUEST_KEY);
  if (s.transactionId !== undefined) follow('transaction-id', String(s.transactionId));
  else follow('request-id', s.requestId); // cancelled, busy, offline: shown by the request itself
  void refreshSimulator();
});

pay.addEventListener('pj-error', (event) => {
  // The relay no longer knows the request we were resuming (e.g. it restarted without Redis).
  if (event.detail.requestId && event.detail.requestId === sessionStorage.getItem(LIVE_REQUEST_KEY)) {
    sessionStorage.removeItem(LIVE_REQUEST_KEY);
  }
});

const resumed = sessionStorage.getItem(LIVE_REQUEST_KEY);
if (resumed) {
  pay.setAttribute('request-id', resumed);
  follow('request-id', resumed);
}

// ─── asking the customer: a signature, a question, a phone number (demo/requests-panel.ts) ──────

startRequestsPanel();

// ─── the elements' language ────────────────────────────────────────────────────────────────────

const language = $<HTMLSelectElement>('#language');
function applyLanguage(value: string): void {
  setLocale(value === 'es' ? es : en);
  localStorage.setItem(LANGUAGE_KEY, value);
}
language.value = localStorage.getItem(LANGUAGE_KEY) === 'es' ? 'es' : 'en';
applyLanguage(language.value);
language.addEventListener('change', () => applyLanguage(language.value));

// ─── 6. the relay's mode, and the simulator panel ──────────────────────────────────────────────

interface Health {
  ok: boolean;
  mode: 'simulator' | 'labs' | 'production';
  delivery: 'webhooks' | 'polling';
}

const MODE_LABEL: Record<Health['mode'], string> = {
  simulator: 'Simulator',
  labs: 'PayJunction labs',
  production: 'Production',
};

async function readHealth(): Promise<void> {
  const badge = $<HTMLElement>('#mode-badge');
  try {
    const response = await fetch(`${RELAY}/health`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const health = (await response.json()) as Health;
    document.body.dataset.mode = health.mode;
    badge.textContent = `${MODE_LABEL[health.mode] ?? health.mode} · ${health.delivery}`;
    badge.title = `The relay runs in ${health.mode} mode; request status arrives by ${health.delivery}.`;
    badge.dataset.tone = health.mode === 'simulator' ? 'sim' : 'ok';
    if (health.mode === 'simulator') await startSimulatorPanel();
  } catch (err) {
    badge.textContent = 'Relay unreachable';
    badge.title = `GET ${RELAY}/health failed: ${(err as Error).message}. Is npm start running?`;
    badge.dataset.tone = 'bad';
  }
}

void readHealth();
