/**
 * The simulator panel (part 6 of demo/main.ts; a real page never has it): the simulator's Smart Terminals
 * and the controls that choose how the next payment on one ends, and how webhooks are delivered.
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
  const state = [
    d.online ? 'Online' : 'Offline',
    d.liveRequestId ? 'taking a payment' : d.busy ? 'busy (in use elsewhere)' : 'idle',
  ];
  const next = d.nextOutcome
    ? `next payment: ${OUTCOME_WORDS[d.nextOutcome.outcome] ?? d.nextOutcome.outcome}${d.nextOutcome.code ? ` ${d.nextOutcome.code}` : ''}`
    : 'next payment: by amount';
  return `${state.join(' · ')} · ${next}`;
}

function showDevice(): void {
  const d = devices.find((x) => x.smartTerminalId === simDevice.value);
  $('#sim-device-state').textContent = d ? describeDevice(d) : '';
}

export async function refreshSimulator(): Promise<void> {
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
    says: 'webhooks are now dropped: the relay polls once they have been quiet for a while (15 s by default)',
  }),
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

export async function startSimulatorPanel(): Promise<void> {
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
