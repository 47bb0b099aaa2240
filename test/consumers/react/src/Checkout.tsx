import 'pj-elements'; // defines <pj-terminal-pay>, <pj-tx-status> and <pj-schedule-form>
import type {} from 'pj-elements/react'; // their props and events in React's JSX
import type { PjTerminalPay, TransactionView } from 'pj-elements';
import { useRef, useState } from 'react';

export function Checkout({ total }: { total: string }) {
  const terminal = useRef<PjTerminalPay>(null);
  const [paid, setPaid] = useState<TransactionView>();
  const [problem, setProblem] = useState('');
  return (
    <>
      <pj-terminal-pay
        ref={terminal}
        amount={total}
        invoice-number="A-1001"
        onpj-payment-approved={(e) => setPaid(e.detail.transaction)}
        onpj-payment-declined={(e) => setProblem(e.detail.decline.guidance)}
        onpj-error={(e) => setProblem(`${e.detail.code}: ${e.detail.message}`)}
      />
      <button type="button" onClick={() => void terminal.current?.cancel()}>
        Cancel
      </button>
      {paid && <pj-tx-status transaction-id={String(paid.transactionId)} />}
      {problem && <p role="alert">{problem}</p>}
    </>
  );
}
