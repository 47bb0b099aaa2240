/**
 * The demo's event log (part 5 of demo/main.ts): every pj-* event bubbles out of the elements' shadow DOM,
 * so one document listener per name fills the log with a one-line summary.
 */
import type {
  PjErrorEvent,
  PjPaymentApprovedEvent,
  PjPaymentDeclinedEvent,
  PjRequestCompletedEvent,
  PjRequestStatusEvent,
  PjScheduleCreatedEvent,
  PjTerminalChangeEvent,
} from '../src/index.js';

const LOG_LIMIT = 200;

/** An element of the page, which must be there. */
export const $ = <T extends Element>(selector: string): T => {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing`);
  return el;
};

const log = $<HTMLOListElement>('#event-log');

export type Tone = '' | 'ok' | 'bad' | 'warn';

/** Defence in depth: no summary ever shows a run of digits as long as a card number. */
const scrub = (text: string) => text.replace(/\d(?:[ -]?\d){11,18}/g, '[redacted]');
const money = (value: string | undefined) => (value ? `$${value}` : '');
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function addLogLine(event: string, summary: string, tone: Tone = '', from?: string): void {
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
    return [
      ['Approved', money(t.amountTotal), card, approval, `transaction ${t.transactionId}`].filter(Boolean).join(' · '),
      'ok',
    ];
  },
  'pj-payment-declined': (e: PjPaymentDeclinedEvent): [string, Tone] => {
    const { transaction: t, decline } = e.detail;
    return [
      `Code ${decline.code}: ${decline.guidance} · ${money(t.amountTotal)} · transaction ${t.transactionId}`,
      'bad',
    ];
  },
  'pj-payment-cancelled': (): [string, Tone] => ['Cancelled: no money moved', 'warn'],
  'pj-request-completed': (e: PjRequestCompletedEvent): [string, Tone] => {
    const d = e.detail;
    const value =
      d.kind === 'signature'
        ? `signature ${d.signatureId.slice(0, 8)}…`
        : d.kind === 'prompt'
          ? `pressed "${d.promptButton}"`
          : `typed ${d.inputValue}`;
    return [`${d.kind[0]!.toUpperCase()}${d.kind.slice(1)} · ${value}`, 'ok'];
  },
  'pj-request-cancelled': (): [string, Tone] => ['Cancelled: the terminal is back on its main screen', 'warn'],
  'pj-error': (e: PjErrorEvent): [string, Tone] => [`${e.detail.code}: ${e.detail.message}`, 'bad'],
  'pj-terminal-change': (e: PjTerminalChangeEvent): [string, Tone] => [
    e.detail.smartTerminalId ? `Terminal chosen: ${e.detail.nickName}` : 'No terminal chosen',
    '',
  ],
  'pj-schedule-created': (e: PjScheduleCreatedEvent): [string, Tone] => {
    const s = e.detail.schedule;
    const every = s.interval ? `every ${s.intervalCount ?? 1} ${s.interval.toLowerCase()}` : 'on a date';
    const card = s.vault ? `${s.vault.accountType} ···${s.vault.lastFour}` : '';
    return [['Schedule', String(s.scheduleId), money(s.amountTotal), every, card].filter(Boolean).join(' · '), 'ok'];
  },
} satisfies {
  [K in keyof GlobalEventHandlersEventMap as K extends `pj-${string}` ? K : never]: (
    e: GlobalEventHandlersEventMap[K],
  ) => [string, Tone];
};

for (const [name, summarize] of Object.entries(SUMMARIES) as Array<
  [keyof typeof SUMMARIES, (e: Event) => [string, Tone]]
>) {
  document.addEventListener(name, (event) => {
    const [summary, tone] = summarize(event);
    const from = event.target instanceof Element ? event.target.localName : undefined;
    addLogLine(name, summary, tone, from);
  });
}
