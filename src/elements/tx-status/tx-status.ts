/** Defines `<pj-tx-status>` (once) and re-exports its class and types; import the .component file to choose another tag. */
import { PjTxStatus } from './tx-status.component.js';

export * from './tx-status.component.js';

if (!customElements.get('pj-tx-status')) customElements.define('pj-tx-status', PjTxStatus);

declare global {
  interface HTMLElementTagNameMap {
    'pj-tx-status': PjTxStatus;
  }
}
