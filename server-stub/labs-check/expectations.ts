/**
 * What the simulator assumes of PayJunction, one named expectation each, with the PayJunction page it
 * comes from, judged against what the labs check saw. The report's "where the simulator differs" is
 * this list: the first merchant who runs the check against labs tells the project which are wrong.
 *
 * Each is written as PayJunction documents it, and the simulator models each: run against the simulator
 * every one agrees or is not seen (test/node/labs-check.test.ts); against labs a difference is news.
 */
import { sequenceOf } from './follow.js';
import type { Seen, SeenState } from './seen.js';

export type Verdict = 'agrees' | 'differs' | 'not-seen';

export interface Judgement {
  verdict: Verdict;
  /** What PayJunction answered, in a line. */
  saw: string;
}

export interface Expectation {
  id: string;
  /** What the simulator assumes PayJunction does. */
  assumes: string;
  page: string;
  judge(seen: Seen): Judgement;
}

const PAGE = (article: string) => `https://developer.payjunction.com/hc/en-us/articles/${article}`;
const list = (keys: readonly string[]) => (keys.length ? keys.join(', ') : 'none');
const notSeen = (why: string): Judgement => ({ verdict: 'not-seen', saw: why });
const verdict = (ok: boolean, saw: string): Judgement => ({ verdict: ok ? 'agrees' : 'differs', saw });
const includesAll = (keys: readonly string[], wanted: readonly string[]) => wanted.every((k) => keys.includes(k));

const REQUEST_STATE_FIELDS = ['status', 'transactionId', 'signatureId', 'promptButton', 'inputValue'];
const ORDER: Record<string, number> = { CONNECTING: 0, IN_PROGRESS: 1, COMPLETE: 2, BUSY: 2, NO_CONNECTION: 2 };
const ZERO_AMOUNTS = ['amountTax', 'amountShipping', 'amountTip', 'amountSurcharge'];

function allStates(seen: Seen): SeenState[] {
  return [...(seen.promptStates ?? []), ...(seen.paymentStates ?? [])];
}

export const EXPECTATIONS: readonly Expectation[] = [
  {
    id: 'smartterminals-list',
    assumes: 'GET /smartterminals is {results:[{smartTerminalId, serialNumber, nickName, created}]}',
    // No page documents GET /smartterminals itself; the Smart Terminal pages use these ids.
    page: PAGE('218162118'),
    judge: ({ smartTerminals: t }) => {
      if (!t) return notSeen('the list was not read');
      const saw = `top level: ${list(t.topKeys)}; items (${t.count}): ${list(t.itemKeys)}`;
      if (t.count === 0) return { verdict: t.topKeys.includes('results') ? 'not-seen' : 'differs', saw };
      return verdict(
        t.topKeys.includes('results') &&
          includesAll(t.itemKeys, ['smartTerminalId', 'serialNumber', 'nickName', 'created']),
        saw,
      );
    },
  },
  {
    id: 'publishablekeys-list',
    assumes:
      'GET /publishablekeys is {results:[{keyValue: "key_…", created}]} (the list shape is from a third-party client)',
    page: PAGE('4411884125979'),
    judge: ({ publishableKeys: k }) => {
      if (!k) return notSeen('the keys were not read');
      const saw = `top level: ${list(k.topKeys)}; items (${k.count}): ${list(k.itemKeys)}${k.count ? `; every keyValue starts "key_": ${k.allPrefixed}` : ''}`;
      if (k.count === 0) return { verdict: k.topKeys.includes('results') ? 'not-seen' : 'differs', saw };
      return verdict(
        k.topKeys.includes('results') && includesAll(k.itemKeys, ['keyValue', 'created']) && k.allPrefixed,
        saw,
      );
    },
  },
  {
    id: 'request-prompt-answer',
    assumes: 'POST /smartterminals/{id}/request-prompt answers {requestId}',
    page: PAGE('1260800114009'),
    judge: ({ promptAnswerKeys: keys }) =>
      keys ? verdict(keys.includes('requestId'), `fields: ${list(keys)}`) : notSeen('no prompt was sent'),
  },
  {
    id: 'request-status-sequence',
    assumes: 'a request moves CONNECTING → IN_PROGRESS → COMPLETE (or ends BUSY / NO_CONNECTION), never back',
    page: PAGE('360002739934'),
    judge: (seen) => {
      const runs = [seen.promptStates, seen.paymentStates].filter((s): s is SeenState[] => !!s?.length);
      if (runs.length === 0) return notSeen('no request was followed');
      const forward = runs.every((run) =>
        run.every((s, i) => i === 0 || (ORDER[s.status] ?? 9) >= (ORDER[run[i - 1]!.status] ?? 9)),
      );
      const known = runs.every((run) => run.every((s) => s.status in ORDER));
      return verdict(forward && known, runs.map((run) => sequenceOf(run)).join('; '));
    },
  },
  {
    id: 'request-state-fields',
    assumes: `a polled request answers only ${REQUEST_STATE_FIELDS.join(', ')} (as they apply)`,
    page: PAGE('115002306833'),
    judge: (seen) => {
      const states = allStates(seen);
      if (states.length === 0) return notSeen('no request was polled');
      const keys = [...new Set(states.flatMap((s) => s.keys))].sort();
      const extra = keys.filter((k) => !REQUEST_STATE_FIELDS.includes(k));
      return verdict(
        extra.length === 0,
        `fields: ${list(keys)}${extra.length ? ` (not modelled: ${extra.join(', ')})` : ''}`,
      );
    },
  },
  {
    id: 'request-payment-answer',
    assumes: 'POST /smartterminals/{id}/request-payment answers {requestPaymentId}',
    page: PAGE('218162118'),
    judge: ({ paymentAnswerKeys: keys }) =>
      keys
        ? verdict(keys.includes('requestPaymentId'), `fields: ${list(keys)}`)
        : notSeen('no payment was requested (--charge)'),
  },
  {
    id: 'poll-transaction-id-number',
    assumes: 'a polled payment’s transactionId is a number',
    page: PAGE('115002306833'),
    judge: (seen) => {
      const types = [
        ...new Set((seen.paymentStates ?? []).flatMap((s) => (s.transactionIdType ? [s.transactionIdType] : []))),
      ];
      return types.length
        ? verdict(
            types.every((t) => t === 'number'),
            `type: ${types.join(', ')}`,
          )
        : notSeen('no payment reached a transaction');
    },
  },
  {
    id: 'request-payment-refuses-amount-tip',
    assumes: 'request-payment takes no amountTip (the terminal asks for tips): a 400 naming amountTip',
    page: PAGE('218162118'),
    judge: ({ amountTipProbe: p }) => {
      if (!p) return notSeen('no terminal was chosen, so request-payment was not probed');
      return verdict(
        p.status === 400 && p.parameters.includes('amountTip'),
        `${p.status}, errors on: ${list(p.parameters)}`,
      );
    },
  },
  {
    id: 'transaction-zero-amounts-omitted',
    assumes: `GET /transactions/{id} leaves out amounts that are zero (${ZERO_AMOUNTS.join(', ')})`,
    page: PAGE('216477437'),
    judge: ({ transaction: t }) => {
      if (!t) return notSeen('no transaction was read (--charge)');
      const shown = ZERO_AMOUNTS.map(
        (f) => `${f} ${t.amountFields[f] === undefined ? 'absent' : `"${t.amountFields[f]}"`}`,
      );
      const zeroShown = ZERO_AMOUNTS.some((f) => /^0*\.?0*$/.test(t.amountFields[f] ?? 'x'));
      return verdict(!zeroShown, shown.join(', '));
    },
  },
  {
    id: 'transaction-settlement-id-number',
    assumes: 'a settled transaction’s settlement.settlementId is a number',
    page: PAGE('216477437'),
    judge: ({ transaction: t }) => {
      if (!t) return notSeen('no transaction was read (--charge)');
      if (!t.settlementIdType)
        return notSeen(`a fresh charge is not settled yet (settlement: ${list(t.settlementKeys)})`);
      return verdict(t.settlementIdType === 'number', `settlementId is a ${t.settlementIdType}`);
    },
  },
  {
    id: 'transaction-void',
    assumes: 'PUT /transactions/{id} status=VOID answers the transaction with status VOID, approved still true',
    page: PAGE('218052417'),
    judge: ({ voided: v }) =>
      v
        ? verdict(v.status === 'VOID' && v.approved !== false, `status ${v.status}, approved ${String(v.approved)}`)
        : notSeen('nothing was voided (--charge)'),
  },
  {
    id: 'webhook-create',
    assumes: 'POST /webhooks answers {webhookId, events:[event], url, created}',
    page: PAGE('219594068'),
    judge: ({ webhookCreateKeys: keys, webhookCreateEvents: events }) =>
      keys
        ? verdict(
            includesAll(keys, ['webhookId', 'events', 'url', 'created']) && Array.isArray(events),
            `fields: ${list(keys)}; events ${JSON.stringify(events)}`,
          )
        : notSeen('no subscription was made (PJ_WEBHOOK_URL)'),
  },
  {
    id: 'webhook-list',
    assumes: 'GET /webhooks is {results:[…]} and lists a new subscription at once (the list shape is a guess)',
    page: PAGE('219594268'),
    judge: ({ webhookListTopKeys: keys, webhookListed }) =>
      keys
        ? verdict(
            keys.includes('results') && webhookListed === true,
            `top level: ${list(keys)}; new subscription listed: ${String(webhookListed)}`,
          )
        : notSeen('the subscriptions were not listed (PJ_WEBHOOK_URL)'),
  },
  {
    id: 'webhook-delete',
    assumes: 'DELETE /webhooks/{id} answers 204 No Content',
    page: PAGE('218707477'),
    judge: ({ webhookDeleteStatus: status }) =>
      status === undefined
        ? notSeen('no subscription was deleted (PJ_WEBHOOK_URL)')
        : verdict(status === 204, `${status}`),
  },
  {
    id: 'webhook-url-https-only',
    assumes:
      'POST /webhooks refuses a URL that is not HTTPS (a 400 on url); the page also mentions http requestcatcher URLs for testing',
    page: PAGE('219594068'),
    judge: ({ httpWebhookProbe: p }) =>
      p
        ? verdict(
            p.status === 400 && p.parameters.includes('url'),
            `${p.status}${p.parameters.length ? `, errors on: ${list(p.parameters)}` : ''}`,
          )
        : notSeen('no http:// URL was tried (PJ_WEBHOOK_URL)'),
  },
  {
    id: 'pace-accepted',
    assumes: 'the relay’s pace (1 call per 100 ms per integration, 1 poll per 0.5 s per request) draws no 429',
    page: PAGE('115004486847'),
    judge: ({ responses }) => {
      const limited = responses.filter((r) => r.status === 429);
      return verdict(limited.length === 0, `${responses.length} answers, ${limited.length} of them 429`);
    },
  },
  {
    id: 'retry-after-on-429',
    assumes: 'a 429 says how long to wait in Retry-After',
    page: PAGE('115004486847'),
    judge: ({ responses }) => {
      const limited = responses.filter((r) => r.status === 429);
      if (limited.length === 0) return notSeen('no 429 was met');
      const withHeader = limited.filter((r) => r.retryAfter !== undefined);
      return verdict(
        withHeader.length === limited.length,
        `${withHeader.length} of ${limited.length} 429s had Retry-After`,
      );
    },
  },
  {
    id: 'error-body',
    assumes: 'a 4xx body is {errors:[{message, parameter, type}]}',
    page: PAGE('218165658'),
    judge: ({ responses }) => {
      const errors = responses.filter((r) => r.errorKeys !== undefined);
      if (errors.length === 0) return notSeen('no 4xx was met');
      const shapes = [...new Set(errors.map((r) => `${r.status}: ${list(r.errorKeys!)}`))];
      return verdict(
        errors.every((r) => r.errorKeys!.includes('errors')),
        shapes.join('; '),
      );
    },
  },
  {
    id: 'webhook-body-pretty-printed',
    assumes: 'a webhook delivery’s body is pretty-printed JSON ("id" : "…", two-space indents), signed as sent',
    page: PAGE('360007196134'),
    judge: () => notSeen('the check does not receive deliveries'),
  },
];

export interface JudgedExpectation extends Judgement {
  id: string;
  assumes: string;
  page: string;
}

export function judgeAll(seen: Seen): JudgedExpectation[] {
  return EXPECTATIONS.map(({ id, assumes, page, judge }) => ({
    id,
    assumes,
    page,
    ...judge(seen),
  }));
}
