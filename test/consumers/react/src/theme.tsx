// What the types must let through besides the README's example: the --pj-* custom properties in `style`
// (on the element or a wrapper, since they inherit), and a ref's methods.
import 'pj-elements';
import type {} from 'pj-elements/react';
import type { PjScheduleForm } from 'pj-elements';
import { useRef } from 'react';

export function Themed() {
  const form = useRef<PjScheduleForm>(null);
  return (
    <div style={{ '--pj-color-accent': '#0b6e4f', '--pj-radius': '4px' }}>
      <pj-schedule-form ref={form} methods="card ach" style={{ '--pj-space': '12px' }} />
      <button type="button" onClick={() => void form.current?.submit()}>
        Set up
      </button>
    </div>
  );
}
