/**
 * pj-elements in React 19: the elements are ordinary JSX tags. React 19 sets props that are element
 * properties as properties (`amount`, `locale`, `requestId`, `transactionId`) and turns
 * `onpj-<event>` props into listeners for the pj-* events (see ./pj-elements-jsx.d.ts for the typing).
 * In your app: `import 'pj-elements'` instead of the sources.
 */
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type {
  PjErrorEvent,
  PjLocale,
  PjPaymentApprovedEvent,
  PjPaymentDeclinedEvent,
  PjRequestStatusEvent,
  PjScheduleCreatedEvent,
} from '../../src/index.js';
import '../../src/index.js'; // defines the three tags before React renders them
import { es } from '../../src/locales/es.js';

interface LogEntry {
  id: number;
  at: Date;
  event: string;
  text: string;
  tone?: 'ok' | 'bad' | 'warn';
}

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

let nextId = 1;

function App() {
  const [amount, setAmount] = useState('12.50');
  const [spanish, setSpanish] = useState(false);
  const [live, setLive] = useState<string>();
  const [transactionId, setTransactionId] = useState<string>();
  const [entries, setEntries] = useState<LogEntry[]>([]);

  const logEvent = useCallback((event: string, text: string, tone?: LogEntry['tone']) => {
    setEntries((list) => [{ id: nextId++, at: new Date(), event, text, tone }, ...list].slice(0, 100));
  }, []);

  // A property, not an attribute: React 19 assigns the object to the element's `locale`.
  const locale: PjLocale | undefined = spanish ? es : undefined;

  const onStatus = (e: PjRequestStatusEvent) => {
    const s = e.detail.snapshot;
    logEvent(e.type, s.outcome ? `${s.status} → ${s.outcome}` : s.status);
    if (!s.outcome) {
      setLive(s.requestId);
      setTransactionId(undefined);
    } else if (s.transactionId !== undefined) {
      setLive(undefined);
      setTransactionId(String(s.transactionId));
    }
  };
  const onApproved = (e: PjPaymentApprovedEvent) =>
    logEvent(
      e.type,
      `Approved $${e.detail.transaction.amountTotal}, transaction ${e.detail.transaction.transactionId}`,
      'ok',
    );
  const onDeclined = (e: PjPaymentDeclinedEvent) =>
    logEvent(e.type, `Declined ${e.detail.decline.code}: ${e.detail.decline.guidance}`, 'bad');
  const onCancelled = () => logEvent('pj-payment-cancelled', 'Cancelled: no money moved', 'warn');
  const onError = (e: PjErrorEvent) => logEvent(e.type, `${e.detail.code}: ${e.detail.message}`, 'bad');
  const onSchedule = (e: PjScheduleCreatedEvent) =>
    logEvent(e.type, `Schedule ${e.detail.schedule.scheduleId}, $${e.detail.schedule.amountTotal}`, 'ok');

  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="brand" href="/">
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="8" />
              <path d="M10 23V9h6.2c3.2 0 5.3 1.9 5.3 4.8s-2.1 4.8-5.3 4.8H13.4V23z M13.4 15.7h2.6c1.4 0 2.2-.7 2.2-1.9s-.8-1.9-2.2-1.9h-2.6z" />
            </svg>
            <span className="brand__name">pj-elements</span>
          </a>
          <nav className="site-nav" aria-label="Demo pages">
            <a href="/">Demo</a>
            <a href="/react/" aria-current="page">
              React 19
            </a>
            <a href="/plain.html">Plain &lt;script&gt;</a>
          </nav>
        </div>
      </header>

      <main id="main">
        <div className="intro">
          <h1>pj-elements in React 19</h1>
          <p>
            No wrapper library: React 19 passes props to custom elements as properties and listens to their events with{' '}
            <code>onpj-payment-approved=&#123;…&#125;</code>. The code is <code>demo/react/main.tsx</code>.
          </p>
        </div>

        <div className="layout layout--react">
          <section className="panel panel--cashier" aria-labelledby="react-cashier-title">
            <header className="panel__head">
              <h2 id="react-cashier-title">Cashier</h2>
              <p className="panel__caption">
                <code>amount</code> and <code>locale</code> are properties set from React state;{' '}
                <code>&lt;pj-tx-status&gt;</code> gets <code>requestId</code>, then <code>transactionId</code>.
              </p>
            </header>
            <div className="field">
              <label htmlFor="react-amount">Amount</label>
              <div className="money-input">
                <span className="money-input__prefix" aria-hidden="true">
                  $
                </span>
                <input
                  id="react-amount"
                  inputMode="decimal"
                  autoComplete="off"
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              </div>
            </div>
            <label className="check">
              <input type="checkbox" checked={spanish} onChange={(e) => setSpanish(e.target.checked)} /> Show the
              elements in Spanish
            </label>
            <pj-terminal-pay
              id="react-pay"
              amount={amount.trim()}
              locale={locale}
              onpj-request-status={onStatus}
              onpj-payment-approved={onApproved}
              onpj-payment-declined={onDeclined}
              onpj-payment-cancelled={onCancelled}
              onpj-error={onError}
            />
            <div className="result">
              <h3>Result</h3>
              {live || transactionId ? (
                <pj-tx-status id="react-result" requestId={live} transactionId={transactionId} locale={locale} />
              ) : (
                <p className="empty">The request's progress, then its transaction, appear here.</p>
              )}
            </div>
          </section>

          <section className="panel panel--log" aria-labelledby="react-log-title">
            <header className="panel__head">
              <h2 id="react-log-title">Events received by React</h2>
              <p className="panel__caption">
                One line per event handled by an <code>onpj-*</code> prop.
              </p>
            </header>
            <div id="react-log">
              <ol className="event-log" aria-label="Events, newest first" tabIndex={0}>
                {entries.map((entry) => (
                  <li key={entry.id} data-event={entry.event} data-tone={entry.tone}>
                    <div className="event-log__meta">
                      <span className="event-log__name">{entry.event}</span>
                      <time dateTime={entry.at.toISOString()}>{timeFormat.format(entry.at)}</time>
                    </div>
                    <p className="event-log__summary">{entry.text}</p>
                  </li>
                ))}
              </ol>
              {entries.length === 0 && <p className="empty">No events yet.</p>}
            </div>
          </section>

          <section className="panel panel--schedule" aria-labelledby="react-schedule-title">
            <header className="panel__head">
              <h2 id="react-schedule-title">Recurring billing</h2>
              <p className="panel__caption">
                <code>&lt;pj-schedule-form onpj-schedule-created=&#123;…&#125;&gt;</code>
              </p>
            </header>
            <pj-schedule-form locale={locale} onpj-schedule-created={onSchedule} onpj-error={onError} />
          </section>
        </div>
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
