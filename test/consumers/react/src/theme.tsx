// What the types must let through besides the README's example: the --pj-* custom properties in `style`
// (on the element or a wrapper, since they inherit), a ref's methods, and an event detail narrowed by kind.
import 'pj-elements';
import type {} from 'pj-elements/react';
import type { PjScheduleForm, PjTerminalRequest } from 'pj-elements';
import { useRef, useState } from 'react';

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

export function AskForPhone() {
  const ask = useRef<PjTerminalRequest>(null);
  const [phone, setPhone] = useState('');
  return (
    <>
      <pj-terminal-request
        ref={ask}
        kind="prompt"
        text="Text me the receipt?"
        buttons={['Yes', 'No']}
        onpj-request-completed={(e) => setPhone(e.detail.kind === 'input' ? e.detail.inputValue : phone)}
      />
      <button type="button" onClick={() => ask.current?.start()}>
        Ask
      </button>
    </>
  );
}
