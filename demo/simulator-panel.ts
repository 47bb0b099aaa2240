/**
 * The simulator panel (part 6 of demo/main.ts; a real page never has it): the simulator's Smart Terminals,
 * each with its state (an unplugged one marked Offline), and the controls that choose how the next
 * payment on one ends, and how webhooks are delivered.
 *
 * The controls act on the terminal the cashier uses: the panel follows <pj-terminal-pay>'s picker
 * (`pj-terminal-change`) and each new request's terminal (`pj-request-status`, e.g. after a reload), so
 * "Decline" set up here is what the cashier's next payment meets. Choosing another terminal in the panel
 * sets that one up instead, until the cashier picks again.
 */
import { $, addLogLine } from './event-log.js';

const SIM = '/__sim';
const SIM_DEVICE_KEY = 'pj-demo:sim-device';

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
const deviceList = $<HTMLUListElement>('#sim-devices');
const declineCode = $<HTMLSelectElement>('#sim-decline-code');
let devices: SimDevice[] = [];
/** The terminal the cashier's element uses, as far as the panel knows. */
let cashierTerminal = '';
/** Requests already seen in a pj-request-status: only a new one moves the panel to its terminal. */
const seenRequests = new Set<string>();

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

/** What the device does now, and what its next payment will do. */
function activity(d: SimDevice): string {
  const doing = d.liveRequestId ? 'taking a payment' : d.busy ? 'busy (in use elsewhere)' : 'idle';
  const next = d.nextOutcome
    ? `next payment: ${OUTCOME_WORDS[d.nextOutcome.outcome] ?? d.nextOutcome.outcome}${d.nextOutcome.code ? ` ${d.nextOutcome.code}` : ''}`
    : 'next payment: by amount';
  return `${doing} · ${next}`;
}

function describeDevice(d: SimDevice): string {
  return `${d.online ? 'Online' : 'Offline: a payment here ends "no connection" after 10 s'} · ${activity(d)}`;
}

/** Online, offline or busy, as a badge's words and tone. */
function deviceBadge(d: SimDevice): [string, string] {
  if (!d.online) return ['Offline', 'bad'];
  // The simulator counts a device taking our payment as busy too: only "in use elsewhere" is Busy here.
  return d.busy && !d.liveRequestId ? ['Busy', 'sim'] : ['Online', 'ok'];
}

/** The list of every device, the select's options (offline ones say so), and the chosen device's line. */
function render(): void {
  if (devices.length === 0) return;
  const chosen = simDevice.value || sessionStorage.getItem(SIM_DEVICE_KEY) || devices[0]?.smartTerminalId || '';
  simDevice.replaceChildren(
    ...devices.map((d) => new Option(d.online ? d.nickName : `${d.nickName} (offline)`, d.smartTerminalId)),
  );
  if (devices.some((d) => d.smartTerminalId === chosen)) simDevice.value = chosen;
  deviceList.replaceChildren(
    ...devices.map((d) => {
      const li = document.createElement('li');
      li.dataset.device = d.smartTerminalId;
      li.dataset.online = String(d.online);
      const [label, tone] = deviceBadge(d);
      const badge = Object.assign(document.createElement('span'), { className: 'badge', textContent: label });
      badge.dataset.tone = tone;
      const name = Object.assign(document.createElement('strong'), { textContent: d.nickName });
      const state = Object.assign(document.createElement('span'), {
        className: 'sim-devices__state',
        textContent: d.online ? activity(d) : 'unplugged: a payment here ends "no connection" after 10 s',
      });
      // Spaces between the parts: the row reads as words, not "OfflineBack Office…".
      li.append(badge, ' ', name, ' ', state);
      if (d.smartTerminalId === cashierTerminal) {
        const tag = Object.assign(document.createElement('span'), {
          className: 'tag',
          textContent: "cashier's terminal",
        });
        li.append(' ', tag);
      }
      return li;
    }),
  );
  const d = devices.find((x) => x.smartTerminalId === simDevice.value);
  const name = d?.nickName ?? 'the terminal';
  for (const slot of simPanel.querySelectorAll('[data-sim-name]')) slot.textContent = name;
  $('#sim-device-state').textContent = d ? `${d.nickName}: ${describeDevice(d)}` : '';
}

export async function refreshSimulator(): Promise<void> {
  if (document.body.dataset.mode !== 'simulator') return;
  try {
    devices = (await sim<{ devices: SimDevice[] }>('/devices')).devices;
    render();
  } catch {
    // The panel keeps its last state; the next control will report the problem.
  }
}

/** Points the controls at the cashier's terminal ('' = none chosen: the panel stays where it is). */
function followCashier(smartTerminalId: string): void {
  cashierTerminal = smartTerminalId;
  if (smartTerminalId && devices.some((d) => d.smartTerminalId === smartTerminalId)) {
    simDevice.value = smartTerminalId;
    sessionStorage.setItem(SIM_DEVICE_KEY, smartTerminalId);
  }
  render();
}

type Control = (id: string, name: string) => { path: string; body: unknown; says: string };

const CONTROLS: Record<string, Control> = {
  approve: (id, name) => ({
    path: `/devices/${id}/next-outcome`,
    body: { outcome: 'approve' },
    says: `the next payment on ${name} is approved, whatever the amount`,
  }),
  decline: (id, name) => {
    const label = declineCode.selectedOptions[0]?.textContent ?? declineCode.value;
    return {
      path: `/devices/${id}/next-outcome`,
      body: { outcome: 'decline', code: declineCode.value },
      says: `the next payment on ${name} is declined: ${label}`,
    };
  },
  'cardholder-cancel': (id, name) => ({
    path: `/devices/${id}/next-outcome`,
    body: { outcome: 'cardholder_cancel' },
    says: `the cardholder cancels the next payment on ${name}`,
  }),
  'never-finish': (id, name) => ({
    path: `/devices/${id}/next-outcome`,
    body: { outcome: 'never_finish' },
    says: `the next payment on ${name} never finishes (cancel it, or wait for the relay's timeout)`,
  }),
  offline: (id, name) => ({
    path: `/devices/${id}/online`,
    body: { online: false },
    says: `${name} is unplugged: payments end "no connection"`,
  }),
  online: (id, name) => ({ path: `/devices/${id}/online`, body: { online: true }, says: `${name} is back online` }),
  busy: (id, name) => ({
    path: `/devices/${id}/busy`,
    body: { busy: true },
    says: `${name} is in use elsewhere: payments end "busy"`,
  }),
  'not-busy': (id, name) => ({ path: `/devices/${id}/busy`, body: { busy: false }, says: `${name} is free again` }),
  'webhooks-duplicate': () => ({
    path: '/webhooks/faults',
    body: { duplicate: true },
    says: 'each webhook is now delivered twice: the relay ignores the repeats',
  }),
  'webhooks-shuffle': () => ({
    path: '/webhooks/faults',
    body: { shuffle: true },
    says: "webhooks now arrive newest first: the relay's reducer never goes backwards",
  }),
  'webhooks-drop': () => ({
    path: '/webhooks/faults',
    body: { drop: 'all' },
    says:
      'webhooks are now dropped: the relay polls PayJunction for a request with no news by webhook 3 s after it started ' +
      '(or 15 s after the last), and the cashier still sees each stage',
  }),
  'webhooks-normal': () => ({ path: '/webhooks/faults', body: {}, says: 'webhooks are delivered normally again' }),
};

const WEBHOOK_STATE: Record<string, string> = {
  'webhooks-duplicate': 'Each webhook is delivered twice.',
  'webhooks-shuffle': "A request's webhooks arrive at the end, newest first.",
  'webhooks-drop': 'Webhooks are dropped; the relay polls instead.',
  'webhooks-normal': 'Webhooks are delivered normally.',
};

async function runControl(button: HTMLButtonElement): Promise<void> {
  const key = button.dataset.sim!;
  const id = simDevice.value;
  const name = devices.find((d) => d.smartTerminalId === id)?.nickName ?? 'the terminal';
  const control = CONTROLS[key]!(id, name);
  button.disabled = true;
  try {
    await sim(control.path, control.body);
    addLogLine('sim', control.says[0]!.toUpperCase() + control.says.slice(1) + '.');
    if (WEBHOOK_STATE[key]) $('#sim-webhooks-state').textContent = WEBHOOK_STATE[key];
    for (const b of document.querySelectorAll<HTMLButtonElement>('[data-sim^="webhooks-"]')) {
      if (key.startsWith('webhooks-'))
        b.setAttribute('aria-pressed', String(b === button && key !== 'webhooks-normal'));
    }
  } catch (err) {
    addLogLine('sim', `The simulator refused "${button.textContent?.trim()}": ${(err as Error).message}`, 'bad');
  } finally {
    button.disabled = false;
    await refreshSimulator();
  }
}

// Listening from the start: a resumed payment's first snapshot may come before the panel has its devices.
document.addEventListener('pj-terminal-change', (event) => followCashier(event.detail.smartTerminalId));
document.addEventListener('pj-request-status', (event) => {
  const { requestId, smartTerminalId } = event.detail.snapshot;
  if (!seenRequests.has(requestId)) {
    seenRequests.add(requestId);
    followCashier(smartTerminalId);
  }
  void refreshSimulator();
});

export async function startSimulatorPanel(): Promise<void> {
  simPanel.hidden = false;
  try {
    devices = (await sim<{ devices: SimDevice[] }>('/devices')).devices;
  } catch (err) {
    addLogLine('sim', `The simulator's controls are unreachable: ${(err as Error).message}`, 'bad');
    return;
  }
  followCashier(cashierTerminal); // chosen (or resumed) while the panel was loading
  simDevice.addEventListener('change', () => {
    sessionStorage.setItem(SIM_DEVICE_KEY, simDevice.value);
    render();
  });
  for (const button of simPanel.querySelectorAll<HTMLButtonElement>('button[data-sim]')) {
    button.addEventListener('click', () => void runControl(button));
  }
  try {
    const { faults } = await sim<{ faults: { duplicate?: boolean; shuffle?: boolean; drop?: unknown } }>(
      '/webhooks/faults',
    );
    const key = faults.drop
      ? 'webhooks-drop'
      : faults.shuffle
        ? 'webhooks-shuffle'
        : faults.duplicate
          ? 'webhooks-duplicate'
          : 'webhooks-normal';
    $('#sim-webhooks-state').textContent = WEBHOOK_STATE[key]!;
  } catch {
    // shown as "normally" until a control is used
  }
}
