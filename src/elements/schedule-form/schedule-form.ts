/** Defines `<pj-schedule-form>` (once) and re-exports its class. */
import { PjScheduleForm } from './schedule-form.component.js';

if (!customElements.get('pj-schedule-form')) customElements.define('pj-schedule-form', PjScheduleForm);

export { PjScheduleForm };

declare global {
  interface HTMLElementTagNameMap {
    'pj-schedule-form': PjScheduleForm;
  }
}
