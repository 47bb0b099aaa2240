/**
 * The tokens of the secondary and warning colours, for the elements that show them (terminal-pay,
 * tx-status): kept out of theme.styles.ts so an element that never uses them does not carry them.
 */
import { css } from './css.js';

export const statusStyles = css`
  :host {
    --_muted: var(--pj-color-muted, #4b5563);
    --_warning: var(--pj-color-warning, #92400e);
    --_warning-bg: var(--pj-color-warning-bg, #fef3c7);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_muted: var(--pj-color-muted, #cbd5e1);
      --_warning: var(--pj-color-warning, #fcd34d);
      --_warning-bg: var(--pj-color-warning-bg, #78350f);
    }
  }
`;
