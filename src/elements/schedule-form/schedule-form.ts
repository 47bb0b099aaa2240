/** Defines `<pj-schedule-form>` (once) and re-exports its class and types; import the .component file to choose another tag. */
import { PjScheduleForm } from './schedule-form.component.js';

export * from './schedule-form.component.js';

if (!customElements.get('pj-schedule-form')) customElements.define('pj-schedule-form', PjScheduleForm);

declare global {
  interface HTMLElementTagNameMap {
    'pj-schedule-form': PjScheduleForm;
  }
}
