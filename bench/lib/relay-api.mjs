// What the bench does to a relay over HTTP, as PayJunction and pages would: signed webhooks in
// PayJunction's form, payments started through the relay, and the simulator's test controls.
import { createHmac, randomUUID } from 'node:crypto';
import { WEBHOOK_SECRET } from './children.mjs';

export const FRONT_COUNTER = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
export const DRIVE_THRU = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52';

export const sign = (body, secret = WEBHOOK_SECRET) => createHmac('sha256', secret).update(body).digest('hex');

let events = 0;
/** A SMARTTERMINAL_REQUEST delivery as PayJunction sends it: pretty-printed, its own event id. */
export function statusWebhook(requestId, data = {}) {
  const body = JSON.stringify(
    {
      id: `evt-bench-${process.pid}-${++events}-${randomUUID()}`,
      created: new Date().toISOString(),
      type: 'SMARTTERMINAL_REQUEST',
      data: { requestId, status: 'IN_PROGRESS', ...data },
    },
    null,
    2,
  );
  return { body, signature: sign(body) };
}

/** POSTs a signed webhook; resolves with the time its 200 took, in ms. */
export async function deliver(api, requestId, data) {
  const { body, signature } = statusWebhook(requestId, data);
  const started = performance.now();
  const res = await fetch(`${api}/webhooks/payjunction`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pj-Signature': signature, 'User-Agent': 'PayJunction WebHook' },
    body,
  });
  await res.arrayBuffer();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  return ms;
}

/** A /__sim/ control of the simulator. */
export async function sim(simUrl, path, body) {
  const res = await fetch(`${simUrl}/__sim/${path}`, {
    method: body === undefined ? 'GET' : body === null ? 'DELETE' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`/__sim/${path} answered ${res.status}`);
  return res.json();
}

let keys = 0;
/** Starts a payment through the relay; resolves with its request id. */
export async function startPayment(api, { smartTerminalId = FRONT_COUNTER, amountBase = '12.50' } = {}) {
  const res = await fetch(`${api}/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${process.pid}-${++keys}` },
    body: JSON.stringify({ smartTerminalId, amountBase }),
  });
  const body = await res.json();
  if (res.status !== 202) throw new Error(`POST /payments answered ${res.status}: ${JSON.stringify(body)}`);
  return body.requestId;
}

/**
 * Relay settings for requests that only the bench's own webhooks move: the simulator's webhooks are
 * dropped (quiet()) and the relay's safety-net poller and timeout are far beyond the run.
 */
export const QUIET_TIMINGS = {
  webhookFirstMs: 3_600_000,
  webhookSilenceMs: 3_600_000,
  pollInitialDelayMs: 3_600_000,
  requestTimeoutMs: 3_600_000,
};
export const quiet = (simUrl) => sim(simUrl, 'webhooks/faults', { drop: 'all' });

/**
 * `n` live requests of the relay's (CONNECTING, outcome null): the simulator's terminal refuses all but
 * the first, but its answers are dropped and nothing polls, so the relay holds each as live.
 */
export async function liveRequests(api, n) {
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(await startPayment(api));
  return ids;
}

/**
 * The non-final changes a live payment can take, in order (the reducer counts each once): a status
 * step, then the three fields PayJunction reports during a request. `token` is what marks the event.
 */
export function updates(tag) {
  return [
    { data: { status: 'IN_PROGRESS' }, token: '"IN_PROGRESS"' },
    { data: { signatureId: `sig-${tag}` }, token: `sig-${tag}` },
    { data: { promptButton: `btn-${tag}` }, token: `btn-${tag}` },
    { data: { inputValue: `in-${tag}` }, token: `in-${tag}` },
  ];
}

/** Ends a live request (COMPLETE without a transaction: cancelled), freeing its streams. */
export const endRequest = (api, requestId) => deliver(api, requestId, { status: 'COMPLETE' });
