/** Defines `<pj-terminal-pay>` (once) and re-exports its class; import the .component file to choose another tag. */
import { PjTerminalPay } from './terminal-pay.component.js';

export * from './terminal-pay.component.js';

if (!customElements.get('pj-terminal-pay')) customElements.define('pj-terminal-pay', PjTerminalPay);

declare global {
  interface HTMLElementTagNameMap {
    'pj-terminal-pay': PjTerminalPay;
  }
}
