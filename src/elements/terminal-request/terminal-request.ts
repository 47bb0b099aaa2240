/** Defines `<pj-terminal-request>` (once) and re-exports its class; import the .component file to choose another tag. */
import { PjTerminalRequest } from './terminal-request.component.js';

export * from './terminal-request.component.js';

if (!customElements.get('pj-terminal-request')) customElements.define('pj-terminal-request', PjTerminalRequest);

declare global {
  interface HTMLElementTagNameMap {
    'pj-terminal-request': PjTerminalRequest;
  }
}
