// Mistakes the types must catch: each line under a @ts-expect-error is an error, or tsc fails
// ("Unused '@ts-expect-error' directive") because the types stopped catching it.
import 'pj-elements';
import type {} from 'pj-elements/react';

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error -- `action` is 'charge' | 'refund' */}
      <pj-terminal-pay action="sale" />
      {/* @ts-expect-error -- no such property (a typo of `amount`) */}
      <pj-terminal-pay amout="12.50" />
      {/* @ts-expect-error -- `transaction-id` is a string, not the number TransactionView carries */}
      <pj-tx-status transaction-id={10001} />
      <pj-terminal-pay
        // @ts-expect-error -- the approved event's detail has `transaction`, not `tx`
        onpj-payment-approved={(e) => console.log(e.detail.tx)}
      />
      {/* @ts-expect-error -- `kind` is 'signature' | 'prompt' | 'input' */}
      <pj-terminal-request kind="survey" />
      <pj-terminal-request
        // @ts-expect-error -- a prompt's answer is `promptButton`; `inputValue` only once the kind is 'input'
        onpj-request-completed={(e) => console.log(e.detail.kind === 'prompt' && e.detail.inputValue)}
      />
      <pj-schedule-form
        // @ts-expect-error -- pj-schedule-created's detail is `{ schedule }`
        onpj-schedule-created={(e) => console.log(e.detail.transaction)}
      />
    </>
  );
}

export function WrongTheme() {
  // @ts-expect-error -- not one of the elements' custom properties (a typo of --pj-color-accent)
  return <div style={{ '--pj-colour-accent': 'red' }} />;
}
