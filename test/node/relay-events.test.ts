/** GET /pj/events?watch=…: one stream for every request a page watches (src/core/request-stream.ts reads it). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_WATCHED_PER_STREAM, type RequestSnapshot } from '../../src/protocol/relay-contract.js';
import { MemoryStore } from '../../server-stub/relay/memory-store.js';
import {
  BACK_OFFICE_OFFLINE,
  DRIVE_THRU,
  FRONT_COUNTER,
  postJson,
  startPayment,
  startTestRelay,
  type TestRelay,
} from '../helpers/relay.js';
import { readSse, snapshots, type SseEvent } from '../helpers/sse.js';
import { waitFor } from '../helpers/simulator.js';

let t: TestRelay;
const store = new MemoryStore();
before(async () => {
  // NO_CONNECTION is an open end (watched for a late transaction): a short watch lets the offline request settle.
  t = await startTestRelay({ store, sse: { heartbeatMs: 100, retryMs: 1500 }, timings: { lateWatchMs: 1_500 } });
});
after(() => t.close());

const watchUrl = (relay: TestRelay, entries: string[]) => `${relay.api}/events?watch=${entries.join(',')}`;
/** The snapshots of one request, in the order the stream sent them. */
const of = (all: RequestSnapshot[], id: string) => all.filter((s) => s.requestId === id);
const lostEvents = (events: SseEvent[]) => events.filter((e) => e.event === 'lost').map((e) => JSON.parse(e.data));

/** Three requests at once, one per terminal: approved, approved, and no_connection (the offline one). */
async function threePayments(): Promise<string[]> {
  const bodies = [FRONT_COUNTER, DRIVE_THRU, BACK_OFFICE_OFFLINE].map((smartTerminalId) => ({ smartTerminalId }));
  const answers = await Promise.all(bodies.map((body) => startPayment(t, body)));
  for (const a of answers) assert.equal(a.status, 202, a.text);
  return answers.map((a) => a.json.requestId as string);
}

test('one stream carries every watched request to its final snapshot, each version once and in order, then ends', async () => {
  const ids = await threePayments();
  const stream = await readSse(watchUrl(t, ids), { timeoutMs: 15_000 });
  assert.equal(stream.status, 200);
  assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
  assert.match(stream.headers.get('cache-control') ?? '', /no-transform/);
  assert.equal(stream.retry, 1500);
  assert.equal(stream.ended, true, 'the relay ended the stream once every request had its final snapshot');
  const all = snapshots(stream) as RequestSnapshot[];
  for (const e of stream.events) {
    assert.equal(e.event, 'request');
    assert.equal(e.id, undefined, 'no id: a page resumes by naming the versions it has');
  }
  for (const id of ids) {
    const versions = of(all, id).map((s) => s.version);
    assert.ok(versions.length > 0, `snapshots of ${id}`);
    assert.deepEqual(
      versions,
      [...new Set(versions)].sort((a, b) => a - b),
      `${id}: each version once, in order`,
    );
    assert.equal(of(all, id).filter((s) => s.outcome !== null && s.watchUntil === undefined).length, 1);
    const truth = (await (await fetch(`${t.api}/requests/${id}`)).json()) as RequestSnapshot;
    assert.deepEqual(of(all, id).at(-1), truth, 'the last one is the final snapshot GET shows');
  }
  assert.deepEqual(
    ids.map((id) => of(all, id).at(-1)!.outcome),
    ['approved', 'approved', 'no_connection'],
  );
});

test('the versions named are resumed from: only newer snapshots; a page that has every final one gets 204', async () => {
  const ids = await threePayments();
  const full = snapshots(await readSse(watchUrl(t, ids), { timeoutMs: 15_000 })) as RequestSnapshot[];
  const finals = ids.map((id) => of(full, id).at(-1)!);
  // The first request: the page has the version before its final one; the second: its final one; the third: none.
  const resumed = await readSse(
    watchUrl(t, [`${ids[0]}:${finals[0]!.version - 1}`, `${ids[1]}:${finals[1]!.version}`, ids[2]!]),
  );
  const got = snapshots(resumed) as RequestSnapshot[];
  assert.deepEqual(
    of(got, ids[0]!).map((s) => s.version),
    [finals[0]!.version],
  );
  assert.deepEqual(of(got, ids[1]!), [], 'nothing for the request the page has the final snapshot of');
  assert.deepEqual(of(got, ids[2]!), [finals[2]]);
  assert.equal(resumed.ended, true);

  const done = await readSse(
    watchUrl(
      t,
      ids.map((id, i) => `${id}:${finals[i]!.version}`),
    ),
  );
  assert.equal(done.status, 204, 'EventSource stops reconnecting on 204');
  // A version above the current one (another relay's history, or forged) counts as none seen.
  const above = snapshots(await readSse(watchUrl(t, [`${ids[0]}:9999`]))) as RequestSnapshot[];
  assert.deepEqual(above, [finals[0]]);
});

test('live updates of a request added later arrive on its own stream while the first one still runs', async () => {
  await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
  const held = (await startPayment(t, { smartTerminalId: FRONT_COUNTER })).json.requestId as string;
  const first = (await readSse(watchUrl(t, [held]), { until: () => true })).events;
  const heldVersion = JSON.parse(first[0]!.data).version as number;
  const later = (await startPayment(t, { smartTerminalId: DRIVE_THRU })).json.requestId as string;
  // The page reopens with both: the held request at the version it has (nothing new), the new one from none.
  const reading = readSse(watchUrl(t, [`${held}:${heldVersion}`, `${later}:0`]), { timeoutMs: 15_000 });
  await waitFor(() => store.listenerCount(held) > 0 && store.listenerCount(later) > 0, 10_000, 'both followed');
  await postJson(`${t.api}/requests/${held}/cancel`, {});
  const all = snapshots(await reading) as RequestSnapshot[];
  assert.equal(of(all, later).at(-1)?.outcome, 'approved');
  assert.ok(
    of(all, held).every((s) => s.version > heldVersion),
    'no version the page already had',
  );
  assert.equal(of(all, held).at(-1)?.outcome, 'cancelled');
});

test('a request this relay did not create is `lost` (not_found) on the stream; the others carry on', async () => {
  const other = await startTestRelay();
  try {
    const foreign = (await startPayment(other, {})).json.requestId as string;
    const ours = (await startPayment(t, {})).json.requestId as string;
    const unknown = '3f1e2d4c-0000-4000-8000-000000000000';
    const stream = await readSse(watchUrl(t, [foreign, ours, unknown]), { timeoutMs: 15_000 });
    assert.equal(stream.status, 200);
    assert.deepEqual(
      lostEvents(stream.events).map((e) => [e.requestId, e.error.code]),
      [
        [foreign, 'not_found'],
        [unknown, 'not_found'],
      ],
    );
    const all = snapshots(stream) as RequestSnapshot[];
    assert.deepEqual([...new Set(all.map((s) => s.requestId))], [ours], 'nothing about another relay’s request');
    assert.equal(all.at(-1)?.outcome, 'approved');
    assert.equal(stream.ended, true);
  } finally {
    await other.close();
  }
});

test('a clear 400 for too many requests, a malformed list or none', async () => {
  const many = Array.from(
    { length: MAX_WATCHED_PER_STREAM + 1 },
    (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  const tooMany = await fetch(watchUrl(t, many));
  assert.equal(tooMany.status, 400);
  const body = await tooMany.json();
  assert.equal(body.error.code, 'too_many_watched');
  assert.match(body.error.message, new RegExp(`at most ${MAX_WATCHED_PER_STREAM} requests`));
  const atCap = await readSse(watchUrl(t, many.slice(0, MAX_WATCHED_PER_STREAM)));
  assert.equal(atCap.status, 200, `${MAX_WATCHED_PER_STREAM} are allowed`);
  assert.equal(lostEvents(atCap.events).length, MAX_WATCHED_PER_STREAM);

  for (const watch of ['', ',', 'abc:x', 'abc:1:2', 'abc:-1', 'abc:1.5', '%E0%A4%A:1']) {
    const res = await fetch(`${t.api}/events?watch=${watch}`);
    assert.equal(res.status, 400, `watch=${watch}`);
    const error = (await res.json()).error;
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /\?watch=<requestId>:<version>/);
  }
  assert.equal((await fetch(`${t.api}/events`)).status, 400);
});

test('an id that is not a request id is unknown, like any other: `lost`, never a stream spoiled for the rest', async () => {
  const ours = (await startPayment(t, {})).json.requestId as string;
  const odd = ['a b', 'x,y', 'a'.repeat(65), 'doubt-1:2'];
  const stream = await readSse(watchUrl(t, [...odd.map(encodeURIComponent), ours]), { timeoutMs: 15_000 });
  assert.equal(stream.status, 200);
  assert.deepEqual(
    lostEvents(stream.events).map((e) => [e.requestId, e.error.code]),
    odd.map((id) => [id, 'not_found']),
  );
  assert.equal((snapshots(stream) as RequestSnapshot[]).at(-1)?.outcome, 'approved');
});

test('heartbeats keep a quiet stream alive; a closed connection leaves no listener behind', async () => {
  await t.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
  await t.sim(`devices/${DRIVE_THRU}/next-outcome`, { outcome: 'never_finish' });
  const ids = [
    (await startPayment(t, { smartTerminalId: FRONT_COUNTER })).json.requestId as string,
    (await startPayment(t, { smartTerminalId: DRIVE_THRU })).json.requestId as string,
  ];
  const heartbeats = (comments: string[]) => comments.filter((c) => c === 'heartbeat').length;
  const quiet = await readSse(watchUrl(t, ids), { untilComments: (c) => heartbeats(c) >= 3, timeoutMs: 15_000 });
  assert.ok(heartbeats(quiet.comments) >= 3);
  assert.equal(quiet.ended, false);

  const controllers = Array.from({ length: 3 }, () => new AbortController());
  const readers = controllers.map((c) => readSse(watchUrl(t, ids), { signal: c.signal, timeoutMs: 30_000 }));
  await waitFor(() => t.server.openStreams === 3, 15_000, 'three open streams');
  // One store subscription per request, whatever the number of streams following it.
  assert.equal(store.listenerCount(ids[0]), 1);
  assert.equal(store.listenerCount(ids[1]), 1);
  for (const c of controllers) c.abort();
  await Promise.all(readers.map((r) => r.catch((err: Error) => assert.equal(err.name, 'AbortError'))));
  await waitFor(() => t.server.openStreams === 0, 15_000, 'every stream to be closed');
  await waitFor(() => store.listenerCount() === 0, 15_000, 'every listener to be removed');
  for (const id of ids) await postJson(`${t.api}/requests/${id}/cancel`, {});
  await readSse(watchUrl(t, ids), { timeoutMs: 15_000 });
  assert.equal(store.listenerCount(), 0);
});

test('a record that vanishes ends its part of the stream with `lost`, and the stream once nothing is left', async () => {
  let later = 0;
  const forgetful = new MemoryStore({ now: () => Date.now() + later });
  const r = await startTestRelay({ store: forgetful, sse: { heartbeatMs: 100, retryMs: 1500 } });
  try {
    await r.sim(`devices/${FRONT_COUNTER}/next-outcome`, { outcome: 'never_finish' });
    const id = (await startPayment(r, {})).json.requestId as string;
    const reading = readSse(watchUrl(r, [id]), { timeoutMs: 15_000 });
    await waitFor(() => forgetful.listenerCount(id) > 0, 10_000, 'the stream is open');
    later = 400 * 24 * 60 * 60 * 1000; // every record expires: what a store without persistence does on a restart
    const stream = await reading;
    assert.equal(stream.ended, true);
    assert.deepEqual(
      lostEvents(stream.events).map((e) => [e.requestId, e.error.code]),
      [[id, 'request_lost']],
    );
  } finally {
    later = 0;
    await r.close();
  }
});
