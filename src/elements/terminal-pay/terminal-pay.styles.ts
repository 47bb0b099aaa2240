/** `<pj-terminal-pay>`'s own rules; colours, radius, spacing and focus come from the shared --pj-* tokens. */
import { css } from '../common/css.js';

export const terminalPayStyles = css`
  /*
   * A double click on pay lands its second click on a disabled button, and the browser selected the
   * nearest text (the status) instead: nothing is selectable but the status and the message, which a
   * cashier may copy (a transaction number).
   */
  .box {
    display: grid;
    gap: var(--_space);
    max-width: 32rem;
    user-select: none;
  }
  .status,
  .msg {
    user-select: text;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
  }
  .status {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .ok {
    background: var(--_success-bg);
    border-color: var(--_success);
  }
  .bad {
    background: var(--_danger-bg);
    border-color: var(--_danger);
  }
  .warn {
    background: var(--_warning-bg);
    border-color: var(--_warning);
  }
  .head {
    margin: 0;
    font-weight: 600;
    font-size: 1.05em;
  }
  ul {
    margin: 0.4rem 0 0;
    padding: 0;
    list-style: none;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin-top: 0.5rem;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  progress {
    flex: 1;
    accent-color: var(--_accent);
    height: 0.5rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .msg {
    margin: 0;
    color: var(--_danger);
  }
`;
