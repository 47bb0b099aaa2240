/**
 * The parts `<pj-terminal-pay>` and `<pj-terminal-request>` both draw around a request: its status box
 * (the state's name, its lines, while live a progress bar and the timer) and, under the primary button,
 * the cancel button while live, the message and the live region. Pure templates: each element keeps
 * its own primary button and words.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { PaymentState } from '../../core/payment-state.js';
import { format } from '../../locales/locale.js';
import { elapsed } from './elapsed.js';
import type { StatusView } from './request-states.js';

/** The status box: focused after an end (tabindex -1), busy while the request lives. */
export function statusBox(
  status: StatusView,
  state: PaymentState,
  live: boolean,
  words: { progress: string; elapsed: string },
): TemplateResult {
  const lines = status.lines.map((line) => html`<li>${line}</li>`);
  const timer =
    live && 'startedAt' in state
      ? html`<div class="progress">
          <progress part="progress" aria-label=${words.progress}></progress>
          <span part="timer" role="timer">${format(words.elapsed, { time: elapsed(state.startedAt) })}</span>
        </div>`
      : nothing;
  return html`<div part="status" class="status ${status.tone}" tabindex="-1" aria-busy=${live ? 'true' : 'false'}>
    <p class="head">${status.head}</p>
    ${lines.length ? html`<ul part="detail">${lines}</ul>` : nothing}
    ${timer}
  </div>`;
}

/** Cancel while the request lives (disabled once asked), the primary button's place being the element's. */
export function cancelButton(state: PaymentState, live: boolean, label: string, cancel: () => void) {
  if (!live) return nothing;
  const asked = 'cancel' in state && (state.cancel === 'asked' || state.cancel === 'sent');
  return html`<button part="cancel-button" ?disabled=${asked} @click=${cancel}>${label}</button>`;
}

/** The message under the buttons (what blocks the primary action, what a cancel did) and the live region. */
export function messageAndAnnouncement(notes: string[], announced: string): TemplateResult {
  return html`${notes.length ? html`<p id="message" part="message" class="msg">${notes.join(' ')}</p>` : nothing}
    <div class="visually-hidden" role="status" aria-live="polite">${announced}</div>`;
}
