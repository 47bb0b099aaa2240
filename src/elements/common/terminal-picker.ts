/**
 * The terminal picker `<pj-terminal-pay>` and `<pj-terminal-request>` show when the page gives no
 * `smart-terminal-id`: one template, so both list, mark and label the terminals alike.
 */
import { html, nothing } from 'lit';
import type { TerminalList } from '../../core/terminal-list.js';
import { format } from '../../locales/locale.js';

/** The picker's words, from the element's own section. */
export interface TerminalPickerStrings {
  terminalLabel: string;
  chooseTerminal: string;
  loadingTerminals: string;
  /** {terminal}: the name of a terminal the relay could not reach at its last try. */
  terminalUnreachable: string;
}

/**
 * A labelled `<select>` of the relay's terminals (`part="terminal-select"`, its label `part="label"`),
 * `chosen` selected; `failed` is the sentence shown when the list could not be loaded.
 */
export function terminalPicker(
  list: TerminalList,
  chosen: string,
  disabled: boolean,
  s: TerminalPickerStrings,
  failed: string,
  onChoose: (smartTerminalId: string) => void,
) {
  const terminals = list.status === 'ready' ? list.terminals : [];
  const first = list.status === 'ready' ? s.chooseTerminal : list.status === 'loading' ? s.loadingTerminals : '';
  return html`<div class="field">
    <label part="label" for="terminal">${s.terminalLabel}</label>
    <select
      id="terminal"
      part="terminal-select"
      ?disabled=${disabled || list.status !== 'ready'}
      @change=${(e: Event) => onChoose((e.target as HTMLSelectElement).value)}
    >
      <option value="">${first}</option>
      ${terminals.map(({ smartTerminalId: id, nickName, unreachableSince }) => {
        const name = unreachableSince ? format(s.terminalUnreachable, { terminal: nickName }) : nickName;
        return html`<option value=${id} .selected=${id === chosen}>${name}</option>`;
      })}
    </select>
    ${list.status === 'failed' ? html`<p class="msg">${failed}</p>` : nothing}
  </div>`;
}
