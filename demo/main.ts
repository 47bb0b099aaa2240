/**
 * The demo page's code: everything a merchant's page needs around the three elements, plus the
 * simulator panel (which a real page never has). Read top to bottom:
 *
 *  1. Import pj-elements: this defines <pj-terminal-pay>, <pj-tx-status> and <pj-schedule-form>.
 *     (In your app: `import 'pj-elements'`; without a bundler: <script src="pj-elements.iife.js">.)
 *  2. The amount input drives the payment element's `amount` attribute.
 *  3. <pj-tx-status> follows the payment: `request-id` while it is live, then `transaction-id`.
 *  4. A reload in the middle of a payment resumes it: the live requestId is kept in sessionStorage
 *     and given back to <pj-terminal-pay> as `request-id`.
 *  5. Every pj-* event bubbles out of the elements' shadow DOM: one document listener per name fills the log.
 *  6. GET /pj/health says which mode the relay runs in; only the simulator gets the simulator panel.
 */
import { setLocale, type PjErrorEvent, type PjPaymentApprovedEvent, type PjPaymentDeclinedEvent, type PjRequestStatusEvent, type PjScheduleCreatedEvent } from '../src/index.js';
import { en } from '../src/locales/en.js';
import { es } from '../src/locales/es.js';

const RELAY = '/pj';
const SIM = '/__sim';
const LIVE_REQUEST_KEY = 'pj-demo:live-request';
const AMOUNT_KEY = 'pj-demo:amount';
const LANGUAGE_KEY = 'pj-demo:language';
const SIM_DEVICE_KEY = 'pj-demo:sim-device';
const LOG_LIMIT = 200;

const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing`);
  return el;
};

const pay = $<HTMLElementTagNameMap['pj-terminal-pay']>('#pay');
const result = $<HTMLElementTagNameMap['pj-tx-status']>('#result');
const amount = $<HTMLInputElement>('#amount');
const log = $<HTMLOListElement>('#event-log');

// ─── 1. the event log ──────────────────────────────────────────────────────────────────────────

type Tone = '' | 'ok' | 'bad' | 'warn';

/** Defence in depth: no summary ever shows a run of digits as long as a card number. */
const scrub = (text: string) => text.replace(/\d(?:[ -]?\d){11,18}/g, '[redacted]');
const money = (value: string | undefined) => (value ? `$${value}` : '');
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function addLogLine(event: string, summary: string, tone: Tone = '', from?: string): void {
  const li = document.createElement('li');
  li.dataset.event = event;
  if (tone) li.dataset.tone = tone;
  const meta = document.createElement('div');
  meta.className = 'event-log__meta';
  const name = document.createElement('span');
  name.className = 'event-log__name';
  name.textContent = event === 'sim' ? 'simulator' : event;
  meta.append(name);
  if (from) {
    const source = document.createElement('span');
    source.className = 'event-log__from';
    source.textContent = `from ${from}`;
    meta.append(source);
  }
  const now = new Date();
  const time = document.createElement('time');
  time.dateTime = now.toISOString();
  time.textContent = timeFormat.format(now);
  meta.append(time);
  const text = document.createElement('p');
  text.className = 'event-log__summary';
  text.textContent = scrub(summary);
  li.append(meta, text);
  log.prepend(li);
  while (log.children.length > LOG_LIMIT) log.lastElementChild!.remove();
  $('#event-log-empty').toggleAttribute('hidden', true);
}

$('#log-clear').addEventListener('click', () => {
  log.replaceChildren();
  $('#event-log-empty').toggleAttribute('hidden', false);
});

const OUTCOME_TONE: Record<string, Tone> = {
  approved: 'ok',
  completed: 'ok',
  declined: 'bad',
  error: 'bad',
  timeout: 'bad',
  cancelled: 'warn',
  busy: 'warn',
  no_connection: 'warn',
};

/** One short line per event: what happened, never a card number (the elements never put one in an event). */
const SUMMARIES = {
  'pj-request-status': (e: PjRequestStatusEvent): [string, Tone] => {
    const s = e.detail.snapshot;
    const parts = [s.outcome ? `${s.status} → ${s.outcome}` : s.status];
    if (s.transactionId !== undefined) parts.push(`transaction ${s.transactionId}`);
    parts.push(`request ${s.requestId.slice(0, 8)}…`);
    return [parts.join(' · '), s.outcome ? (OUTCOME_TONE[s.outcome] ?? '') : ''];
  },
  'pj-payment-approved': (e: PjPaymentApprovedEvent): [string, Tone] => {
    const t = e.detail.transaction;
    const card = t.cardType && t.lastFour ? `${t.cardType} ···${t.lastFour}` : '';
    const approval = t.approvalCode ? `approval ${t.approvalCode}` : '';
    return [['Approved', money(t.amountTotal), card, approval, `transaction ${t.transactionId}`].filter(Boolean).join(' · '), 'ok'];
  },
  'pj-payment-declined': (e: PjPaymentDeclinedEvent): [string, Tone] => {
    const { transaction: t, decline } = e.detail;
    return [`Code ${decline.code}: ${decline.merchantGuidance} · ${money(t.amountTotal)} · transaction ${t.transactionId}`, 'bad'];
  },
  'pj-payment-cancelled': (): [string, Tone] => ['Cancelled: no money moved', 'warn'],
  'pj-error': (e: PjErrorEvent): [string, Tone] => [`${e.detail.code}: ${e.detail.message}`, 'bad'],
  'pj-schedule-created': (e: PjScheduleCreatedEvent): [string, Tone] => {
    const s = e.detail.schedule;
    const every = s.interval ? `every ${s.intervalCount ?? 1} ${s.interval.toLowerCase()}` : 'on a date';
    const card = s.vault ? `${s.vault.accountType} ···${s.vault.lastFour}` : '';
    return [['Schedule', String(s.scheduleId), money(s.amountTotal), every, card].filter(Boolean).join(' · '), 'ok'];
  },
} satisfies { [K in keyof GlobalEventHandlersEventMap as K extends `pj-${string}` ? K : never]: (e: GlobalEventHandlersEventMap[K]) => [string, Tone] };

for (const [name, summarize] of Object.entries(SUMMARIES) as Array<[keyof typeof SUMMARIES, (e: Event) => [string, Tone]]>) {
  document.addEventListener(name, (event) => {
    const [summary, tone] = summarize(event);
    const from = event.target instanceof Element ? event.target.localName : undefined;
    addLogLine(name, summary, tone, from);
  });
}

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

interface SimDevice {
  smartTerminalId: string;
  nickName: string;
  online: boolean;
  busy: boolean;
  liveRequestId: string | null;
  nextOutcome: { outcome: string; code?: string } | null;
}

const simPanel = $<HTMLElement>('#simulator-panel');
const simDevice = $<HTMLSelectElement>('#sim-device');
const declineCode = $<HTMLSelectElement>('#sim-decline-code');
let devices: SimDevice[] = [];

async function sim<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${SIM}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

const OUTCOME_WORDS: Record<string, string> = {
  approve: 'approve',
  decline: 'decline',
  cardholder_cancel: 'cardholder cancels',
  never_finish: 'never finish',
};

function describeDevice(d: SimDevice): string {
  const state = [d.online ? 'Online' : 'Offline', d.liveRequestId ? 'taking a payment' : d.busy ? 'busy (in use elsewhere)' : 'idle'];
  const next = d.nextOutcome
    ? `next payment: ${OUTCOME_WORDS[d.nextOutcome.outcome] ?? d.nextOutcome.outcome}${d.nextOutcome.code ? ` ${d.nextOutcome.code}` : ''}`
    : 'next payment: by amount';
  return `${state.join(' · ')} · ${next}`;
}

function showDevice(): void {
  const d = devices.find((x) => x.smartTerminalId === simDevice.value);
  $('#sim-device-state').textContent = d ? describeDevice(d) : '';
}

async function refreshSimulator(): Promise<void> {
  if (document.body.dataset.mode !== 'simulator') return;
  try {
    devices = (await sim<{ devices: SimDevice[] }>('/devices')).devices;
    showDevice();
  } catch {
    // The panel keeps its last state; the next control will report the problem.
  }
}

type Control = (id: string, name: string) => { path: string; body: unknown; says: string };

const CONTROLS: Record<string, Control> = {
  approve: (id, name) => ({ path: `/devices/${id}/next-outcome`, body: { outcome: 'approve' }, says: `the next payment on ${name} is approved, whatever the amount` }),
  decline: (id, name) => {
    const label = declineCode.selectedOptions[0]?.textContent ?? declineCode.value;
    return { path: `/devices/${id}/next-outcome`, body: { outcome: 'decline', code: declineCode.value }, says: `the next payment on ${name} is declined: ${label}` };
  },
  'cardholder-cancel': (id, name) => ({ path: `/devices/${id}/next-outcome`, body: { outcome: 'cardholder_cancel' }, says: `the cardholder cancels the next payment on ${name}` }),
  'never-finish': (id, name) => ({ path: `/devices/${id}/next-outcome`, body: { outcome: 'never_finish' }, says: `the next payment on ${name} never finishes (cancel it, or wait for the relay's timeout)` }),
  offline: (id, name) => ({ path: `/devices/${id}/online`, body: { online: false }, says: `${name} is unplugged: payments end "no connection"` }),
  online: (id, name) => ({ path: `/devices/${id}/online`, body: { online: true }, says: `${name} is back online` }),
  busy: (id, name) => ({ path: `/devices/${id}/busy`, body: { busy: true }, says: `${name} is in use elsewhere: payments end "busy"` }),
  'not-busy': (id, name) => ({ path: `/devices/${id}/busy`, body: { busy: false }, says: `${name} is free again` }),
  'webhooks-duplicate': () => ({ path: '/webhooks/faults', body: { duplicate: true }, says: 'each webhook is now delivered twice: the relay ignores the repeats' }),
  'webhooks-shuffle': () => ({ path: '/webhooks/faults', body: { shuffle: true }, says: "webhooks now arrive newest first: the relay's reducer never goes backwards" }),
  'webhooks-drop': () => ({ path: '/webhooks/faults', body: { drop: 'all' }, says: 'webhooks are now dropped: the relay polls once they have been quiet for a while (15 s by default)' }),
  'webhooks-normal': () => ({ path: '/webhooks/faults', body: {}, says: 'webhooks are delivered normally again' }),
};

const WEBHOOK_STATE: Record<string, string> = {
  'webhooks-duplicate': 'Each webhook is delivered twice.',
  'webhooks-shuffle': "A request's webhooks arrive at the end, newest first.",
  'webhooks-drop': 'Webhooks are dropped; the relay falls back to polling.',
  'webhooks-normal': 'Webhooks are delivered normally.',
};

async function runControl(button: HTMLButtonElement): Promise<void> {
  const key = button.dataset.sim!;
  const id = simDevice.value;
  const name = simDevice.selectedOptions[0]?.textContent ?? 'the terminal';
  const control = CONTROLS[key]!(id, name);
  button.disabled = true;
  try {
    await sim(control.path, control.body);
    addLogLine('sim', control.says[0]!.toUpperCase() + control.says.slice(1) + '.');
    if (WEBHOOK_STATE[key]) $('#sim-webhooks-state').textContent = WEBHOOK_STATE[key];
    for (const b of document.querySelectorAll<HTMLButtonElement>('[data-sim^="webhooks-"]')) {
      if (key.startsWith('webhooks-')) b.setAttribute('aria-pressed', String(b === button && key !== 'webhooks-normal'));
    }
  } catch (err) {
    addLogLine('sim', `The simulator refused "${button.textContent?.trim()}": ${(err as Error).message}`, 'bad');
  } finally {
    button.disabled = false;
    await refreshSimulator();
  }
}

async function startSimulatorPanel(): Promise<void> {
  simPanel.hidden = false;
  try {
    devices = (await sim<{ devices: SimDevice[] }>('/devices')).devices;
  } catch (err) {
    addLogLine('sim', `The simulator's controls are unreachable: ${(err as Error).message}`, 'bad');
    return;
  }
  simDevice.replaceChildren(...devices.map((d) => new Option(d.nickName, d.smartTerminalId)));
  const remembered = sessionStorage.getItem(SIM_DEVICE_KEY);
  if (remembered && devices.some((d) => d.smartTerminalId === remembered)) simDevice.value = remembered;
  showDevice();
  simDevice.addEventListener('change', () => {
    sessionStorage.setItem(SIM_DEVICE_KEY, simDevice.value);
    showDevice();
  });
  for (const button of simPanel.querySelectorAll<HTMLButtonElement>('button[data-sim]')) {
    button.addEventListener('click', () => void runControl(button));
  }
  try {
    const { faults } = await sim<{ faults: { duplicate?: boolean; shuffle?: boolean; drop?: unknown } }>('/webhooks/faults');
    const key = faults.drop ? 'webhooks-drop' : faults.shuffle ? 'webhooks-shuffle' : faults.duplicate ? 'webhooks-duplicate' : 'webhooks-normal';
    $('#sim-webhooks-state').textContent = WEBHOOK_STATE[key]!;
  } catch {
    // shown as "normally" until a control is used
  }
}

void readHealth();
