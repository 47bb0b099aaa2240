/**
 * Status delivery: PayJunction's webhooks arrive late, twice, out of order or never; the relay's
 * final snapshot must be right whatever they do, and a forged delivery must change nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { newKey, startPayment, startTestRelay, type TestRelay } from '../helpers/relay.js';
import { isFinal, readSse, snapshots } from '../helpers/sse.js';

const SECRET = 'test-webhook-secret';

/** PayJunction's example deliveries, https://developer.payjunction.com/hc/en-us/articles/360002739934 */
const documented: { examples: { flow: string; step: string; body: string }[] } = JSON.parse(
  readFileSync(new URL('../fixtures/smartterminal-request-webhooks.json', import.meta.url), 'utf8'),
);

async function finalOf(t: TestRelay, requestId: string) {
  const stream = await readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 15_000 });
  return snapshots(stream).at(-1);
}

function sign(body: string, secret = SECRET) {
  return createHmac('sha256', secret).update(body).digest('hex');
}

async function deliver(t: TestRelay, body: string, signature?: string) {
  return fetch(`${t.api}/webhooks/payjunction`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'User-Agent': 'PayJunction WebHook',
      ...(signature === undefined ? {} : { 'X-Pj-Signature': signature }),
    },
    body,
  });
}

describe('webhook faults', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({
      speed: 20,
      webhookSecret: SECRET,
      timings: { webhookSilenceMs: 600, pollIntervalMs: 500 },
    });
  });
  after(() => t.close());

  const none = { duplicate: false, shuffle: false, drop: false, delayMs: 0 };
  for (const [name, faults] of [
    ['duplicated', { ...none, duplicate: true }],
    ['shuffled', { ...none, shuffle: true }],
    ['duplicated and shuffled', { ...none, duplicate: true, shuffle: true }],
    ['delayed', { ...none, delayMs: 400 }],
  ] as const) {
    test(`${name} webhooks still end at the right final snapshot`, async () => {
      await t.sim('webhooks/faults', faults);
      const approved = await startPayment(t, { amountBase: '15.00' });
      const declined = await startPayment(t, {
        amountBase: '0.08',
        smartTerminalId: (await import('../helpers/relay.js')).DRIVE_THRU,
      });
      const [a, d] = await Promise.all([finalOf(t, approved.json.requestId), finalOf(t, declined.json.requestId)]);
      assert.equal(a.outcome, 'approved');
      assert.equal(a.transaction.amountTotal, '15.00');
      assert.equal(d.outcome, 'declined');
      assert.equal(d.transaction.code, '51');
    });
  }

  test('dropped webhooks: the safety-net poller finishes the request', async () => {
    await t.sim('webhooks/faults', { duplicate: false, shuffle: false, drop: 'all', delayMs: 0 });
    try {
      const res = await startPayment(t, { amountBase: '16.00' });
      const final = await finalOf(t, res.json.requestId);
      assert.equal(final.outcome, 'approved');
      const polls = (await t.calls()).filter((c) => c.path === `/smartterminals/requests/${res.json.requestId}`);
      assert.ok(polls.length >= 1, 'the poller asked PayJunction');
    } finally {
      await t.sim('webhooks/faults', { drop: false });
    }
  });
});

describe('webhook intake', () => {
  let t: TestRelay;
  before(async () => {
    t = await startTestRelay({
      speed: 20,
      webhookSecret: SECRET,
      timings: { webhookSilenceMs: 60_000, webhookFirstMs: 60_000 },
    });
    await t.sim('webhooks/faults', { drop: 'all' }); // only our hand-made deliveries reach the relay
  });
  after(() => t.close());

  test('a forged signature is refused with 401 and changes nothing', async () => {
    await t.sim(`devices/${(await import('../helpers/relay.js')).FRONT_COUNTER}/next-outcome`, {
      outcome: 'never_finish',
    });
    const res = await startPayment(t, {});
    const requestId = res.json.requestId;
    const body = JSON.stringify({
      id: 'evt-forged-1',
      created: new Date().toISOString(),
      type: 'SMARTTERMINAL_REQUEST',
      data: { requestId, status: 'COMPLETE' },
    });
    for (const signature of [sign(body, 'wrong-secret'), undefined, 'zz', sign(body).slice(0, 62), sign(body + ' ')]) {
      const r = await deliver(t, body, signature);
      assert.equal(r.status, 401, `signature ${signature} must be refused`);
      assert.equal((await r.json()).error.code, 'bad_signature');
    }
    const snapshot = await (await fetch(`${t.api}/requests/${requestId}`)).json();
    assert.equal(snapshot.outcome, null);
    assert.equal(snapshot.status, 'CONNECTING');
    // The genuine delivery, signed over the exact same bytes, is applied.
    assert.equal((await deliver(t, body, sign(body))).status, 200);
    const final = await finalOf(t, requestId);
    assert.equal(final.outcome, 'cancelled');
    await fetch(`${t.api}/requests/${requestId}/cancel`, { method: 'POST' });
  });

  test('the signature is checked on the raw bytes, not on re-serialized JSON', async () => {
    const res = await startPayment(t, { smartTerminalId: (await import('../helpers/relay.js')).DRIVE_THRU }, newKey());
    const requestId = res.json.requestId;
    // Same JSON meaning, different bytes: whitespace and key order as PayJunction might send them.
    const body = `{\n  "type" : "SMARTTERMINAL_REQUEST",\n  "id" : "evt-raw-1",\n  "created" : "2026-01-01T00:00:00.000Z",\n  "data" : { "status" : "BUSY", "requestId" : "${requestId}" }\n}`;
    assert.equal((await deliver(t, body, sign(body))).status, 200);
    const final = await finalOf(t, requestId);
    assert.equal(final.outcome, 'busy');
  });

  test("PayJunction's documented example bodies are accepted, and unknown requests are acknowledged and ignored", async () => {
    const bodies = documented.examples.map((e) => e.body);
    assert.equal(bodies.length, 18, 'every complete example body of the page');
    for (const { flow, step, body } of documented.examples) {
      const parsed = JSON.parse(body);
      assert.equal(parsed.type, 'SMARTTERMINAL_REQUEST');
      const r = await deliver(t, body, sign(body));
      assert.equal(r.status, 200, `accepted: ${flow} / ${step}`);
    }
    // Their requestIds are not this relay's: nothing was created for them.
    const r = await fetch(`${t.api}/requests/${JSON.parse(bodies[0]!).data.requestId}`);
    assert.equal(r.status, 404);
  });

  test('the documented cancel flow, aimed at a request of ours, ends it as cancelled', async () => {
    const res = await startPayment(t, { smartTerminalId: (await import('../helpers/relay.js')).DRIVE_THRU }, newKey());
    const requestId = res.json.requestId;
    // That flow reuses one event id for IN_PROGRESS and COMPLETE; both must count.
    const flow = documented.examples
      .filter((e) => e.flow === 'Example Flow of Canceled transaction')
      .map((e) => JSON.parse(e.body));
    assert.deepEqual(
      flow.map((e) => e.data.status),
      ['IN_PROGRESS', 'COMPLETE'],
    );
    assert.equal(flow[0].id, flow[1].id);
    for (const example of flow) {
      const body = JSON.stringify({ ...example, data: { ...example.data, requestId } }, null, 2);
      assert.equal((await deliver(t, body, sign(body))).status, 200);
    }
    const final = await finalOf(t, requestId);
    assert.equal(final.outcome, 'cancelled');
  });

  test('other event types and malformed bodies', async () => {
    const tx = JSON.stringify({
      id: 'evt-tx',
      created: new Date().toISOString(),
      type: 'TRANSACTION',
      data: { transactionId: 1 },
    });
    assert.equal((await deliver(t, tx, sign(tx))).status, 200);
    const bad = 'not json';
    const r = await deliver(t, bad, sign(bad));
    assert.equal(r.status, 400);
    assert.equal((await r.json()).error.code, 'invalid_json');
  });
});

describe('polling mode', () => {
  let t: TestRelay;
  before(async () => {
    // 600 ms between polls at the sender leaves room for arrival jitter under PayJunction's 500 ms limit.
    t = await startTestRelay({
      speed: 4,
      delivery: 'polling',
      timings: { pollInitialDelayMs: 200, pollIntervalMs: 600 },
    });
  });
  after(() => t.close());

  // The poller's pace and its one-per-request rule are tested on virtual time (relay-poller.test.ts),
  // not from the gaps between arrivals here, which a loaded machine changes.
  test('health says polling; five viewers all see the payment end, found by polling; the poller stops there', async () => {
    const health = await (await fetch(`${t.api}/health`)).json();
    assert.deepEqual(health, { ok: true, mode: 'simulator', delivery: 'polling', store: 'memory' });
    const res = await startPayment(t, { amountBase: '21.00' });
    const requestId = res.json.requestId;
    const viewers = await Promise.all(
      Array.from({ length: 5 }, () =>
        readSse(`${t.api}/requests/${requestId}/events`, { until: isFinal, timeoutMs: 20_000 }),
      ),
    );
    for (const v of viewers) assert.equal(snapshots(v).at(-1).outcome, 'approved');
    const polls = (await t.calls()).filter((c) => c.path === `/smartterminals/requests/${requestId}`);
    assert.ok(polls.length >= 2, `polled ${polls.length} times`);
    assert.equal(t.server.relay.supervisedCount, 0, 'the poller stopped at the end state');
  });

  test('a 429 from PayJunction backs the poller off, and the request still finishes', async () => {
    const res = await startPayment(t, { amountBase: '22.00' });
    await t.sim('faults', { status: 429, count: 2, path: '/smartterminals/requests/' });
    const final = await finalOf(t, res.json.requestId);
    assert.equal(final.outcome, 'approved');
  });
});

describe('simulator reset', () => {
  let t: TestRelay;
  before(async () => {
    // No safety-net poll within the test: only webhooks can finish the payment.
    t = await startTestRelay({
      speed: 20,
      timings: { webhookSilenceMs: 120_000, webhookFirstMs: 120_000, pollInitialDelayMs: 120_000 },
    });
  });
  after(() => t.close());

  test('POST /__sim/reset keeps the relay subscribed: the next payment still finishes by webhook', async () => {
    await t.sim('reset', {});
    const res = await startPayment(t, { amountBase: '17.00' });
    const final = await finalOf(t, res.json.requestId);
    assert.equal(final.outcome, 'approved');
    const health = (await (await fetch(`${t.api}/health`)).json()) as { delivery: string };
    assert.equal(health.delivery, 'webhooks');
    const polls = (await t.calls()).filter((c) => c.path === `/smartterminals/requests/${res.json.requestId}`);
    assert.equal(polls.length, 0, 'finished by webhooks, not by polling');
  });
});
