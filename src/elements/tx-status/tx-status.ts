import { PjTxStatus } from './tx-status.component.js';

export { PjTxStatus };
export type { TxStatusStrings } from '../../locales/en/tx-status.js';

if (!customElements.get('pj-tx-status')) customElements.define('pj-tx-status', PjTxStatus);

declare global {
  interface HTMLElementTagNameMap {
    'pj-tx-status': PjTxStatus;
  }
}
