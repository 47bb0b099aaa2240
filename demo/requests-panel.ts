/**
 * The "Ask the customer" panel (demo/index.html): what to ask drives <pj-terminal-request>'s `kind`,
 * `terms`, `text` and `buttons`, and the answer a host page gets from `pj-request-completed` is shown
 * under it, as a merchant's page would store it.
 */
import type { TerminalRequestKind } from '../src/index.js';
import { $ } from './event-log.js';

const request = $<HTMLElementTagNameMap['pj-terminal-request']>('#request');
const terms = $<HTMLTextAreaElement>('#request-terms');
const text = $<HTMLInputElement>('#request-text');
const buttons = $<HTMLInputElement>('#request-buttons');
const answer = $<HTMLElement>('#request-answer');

/** The panel's inputs, as the element's attributes (the buttons as typed: the element checks them). */
function apply(): void {
  const kind = document.querySelector<HTMLInputElement>('input[name="request-kind"]:checked')!.value;
  request.kind = kind as TerminalRequestKind;
  request.terms = terms.value;
  request.text = text.value;
  request.setAttribute('buttons', buttons.value);
  for (const field of document.querySelectorAll<HTMLElement>('[data-request-kind]')) {
    field.hidden = field.dataset.requestKind !== kind;
  }
}

/** Wires the panel (a function main.ts calls: package.json "sideEffects" lets a bundler drop a bare import). */
export function startRequestsPanel(): void {
  const inputs = 'input[name="request-kind"], #request-terms, #request-text, #request-buttons';
  for (const input of document.querySelectorAll(inputs)) input.addEventListener('input', apply);
  apply();

  request.addEventListener('pj-request-completed', (event) => {
    const detail = event.detail;
    const value =
      detail.kind === 'signature'
        ? `signatureId ${detail.signatureId}`
        : detail.kind === 'prompt'
          ? `promptButton "${detail.promptButton}"`
          : `inputValue ${detail.inputValue}`;
    answer.textContent = `Last answer: ${value}`;
    answer.hidden = false;
  });
}
