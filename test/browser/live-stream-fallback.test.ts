/**
 * When the page's one stream (src/core/request-stream.ts) cannot be had, in Chromium against the real
 * relay: refused by a proxy (`/pj-no-sse/`, the test server's, answers 502 to event streams), never
 * opening, or dropped. The page falls back to GET snapshots, one request at a time, and goes back to
 * the stream when it can.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { liveRequest, type LiveConnection, type LiveRequestState } from '../../src/core/live-request.js';
import type { RequestSnapshot } from '../../src/protocol/relay-contract.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const DRIVE = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52';

/** The test's own calls go around the counting of the page's GET snapshots (countPolls). */
const testFetch = window.fetch.bind(window);

interface Timeoutable {
  timeout(ms: number): void;
}

async function sim(path: string, body: unknown): Promise<void> {
  const res = await testFetch(`/__sim${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`/__sim${path}: ${res.status}`);
}

async function startPayment(smartTerminalId: string, amountBase: string, outcome?: 'never_finish'): Promise<string> {
  if (outcome) await sim(`/devices/${smartTerminalId}/next-outcome`, { outcome });
  const res = await testFetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `fallback-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId, amountBase }),
  });
  expect(res.status).to.equal(202);
  return ((await res.json()) as RequestSnapshot).requestId;
}

const cancel = (id: string) =>
  testFetch(`/pj/requests/${id}/cancel`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
const relaySnapshot = async (id: string) => (await (await testFetch(`/pj/requests/${id}`)).json()) as RequestSnapshot;

/** Follows stores the way elements do; records each store's connection states and versions. */
function follow(ids: string[], options: Parameters<typeof liveRequest>[3], endpoint = '/pj') {
  const stores = ids.map((id) => liveRequest(endpoint, id, undefined, options));
  const connections = ids.map(() => [] as LiveConnection[]);
  const versions = ids.map(() => [] as number[]);
  const stops = stores.map(($s, i) =>
    $s.subscribe((s: LiveRequestState) => {
      if (connections[i]!.at(-1) !== s.connection) connections[i]!.push(s.connection);
      if (s.snapshot && versions[i]!.at(-1) !== s.snapshot.version) versions[i]!.push(s.snapshot.version);
    }),
  );
  return { stores, connections, versions, stop: () => stops.forEach((stop) => stop()) };
}

/** Replaces window.EventSource for the test: `make` builds each one the page asks for (its index given). */
function eventSources(make: (url: string, index: number, Real: typeof EventSource) => EventSource) {
  const Real = window.EventSource;
  const urls: string[] = [];
  const Wrapped = function (url: string | URL) {
    urls.push(String(url));
    return make(String(url), urls.length - 1, Real);
  } as unknown as typeof EventSource;
  Object.assign(Wrapped, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
  window.EventSource = Wrapped;
  return { urls, restore: () => (window.EventSource = Real) };
}

/** Counts the GET snapshots in flight at once. */
function countPolls() {
  const realFetch = window.fetch;
  const polls = { now: 0, most: 0, total: 0 };
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const poll = /\/pj\/requests\/[^/]+$/.test(String(input)) && (init?.method ?? 'GET') === 'GET';
    if (poll) {
      polls.total += 1;
      polls.now += 1;
      polls.most = Math.max(polls.most, polls.now);
    }
    try {
      return await realFetch(input, init);
    } finally {
      if (poll) polls.now -= 1;
    }
  };
  return { polls, restore: () => (window.fetch = realFetch) };
}

describe('the page’s stream, when it cannot be had', () => {
  it('refused: GET snapshots, one request at a time, then back to the stream once it opens', async function (this: unknown) {
    (this as Timeoutable).timeout(30000);
    // One request held until the test ends it, one that ends on its own while the page polls.
    const held = await startPayment(DRIVE, '5.02', 'never_finish');
    const quick = await startPayment(FRONT, '5.03');
    const ids = [held, quick];
    const sources = eventSources((url, index, Real) => new Real(index < 2 ? url.replace('/pj/', '/pj-no-sse/') : url));
    const { polls, restore } = countPolls();
    const watched = follow(ids, { pollIntervalMs: 200, streamRetryMs: 1500, openTimeoutMs: 5000 });
    try {
      await waitUntil(() => watched.stores[1]!.get().connection === 'closed', 'the quick one never ended', {
        timeout: 10000,
      });
      expect(watched.stores[1]!.get().snapshot).to.deep.equal(await relaySnapshot(quick), 'ended by GET snapshots');
      expect(watched.connections[1]).to.include('polling');
      expect(polls.total).to.be.greaterThan(1);
      expect(polls.most).to.equal(1, 'one GET at a time: polling never holds more than one connection');

      // The third stream goes through: the page is back on the stream and learns the end from it.
      await waitUntil(() => watched.stores[0]!.get().connection === 'open', 'never back on the stream', {
        timeout: 10000,
      });
      expect(sources.urls).to.have.length(3);
      const pollsWhenOpen = polls.total;
      await cancel(held);
      await waitUntil(() => watched.stores[0]!.get().connection === 'closed', 'the held one never ended', {
        timeout: 10000,
      });
      expect(watched.stores[0]!.get().snapshot!.outcome).to.equal('cancelled');
      expect(polls.total).to.equal(pollsWhenOpen, 'no GET snapshots once the stream is open');
      expect(watched.connections[0]!.slice(-3)).to.deep.equal(['polling', 'open', 'closed']);
      for (const v of watched.versions) expect(v).to.deep.equal([...new Set(v)].sort((x, y) => x - y));
    } finally {
      watched.stop();
      restore();
      sources.restore();
      await cancel(held);
    }
  });

  it('never opening: GET snapshots after openTimeoutMs instead of waiting for ever', async function (this: unknown) {
    (this as Timeoutable).timeout(20000);
    const id = await startPayment(DRIVE, '5.04');
    // A connection that neither opens nor fails (a proxy holding it, a full connection pool).
    const sources = eventSources(() => Object.assign(new EventTarget(), { readyState: 0, close() {} }) as never);
    // An endpoint of its own (the same relay, named another way): no other test's stores touch its stream.
    const watched = follow([id], { openTimeoutMs: 500, pollIntervalMs: 200, streamRetryMs: 60_000 }, '/pj/');
    try {
      await waitUntil(() => watched.stores[0]!.get().connection === 'closed', 'never ended', { timeout: 10000 });
      expect(watched.connections[0]).to.deep.equal(['connecting', 'polling', 'closed']);
      expect(watched.stores[0]!.get().snapshot!.outcome).to.equal('approved');
      expect(sources.urls).to.have.length(1);
    } finally {
      watched.stop();
      sources.restore();
    }
  });

  it('dropped: opened again at once with the versions the page has, and followed to the end', async function (this: unknown) {
    (this as Timeoutable).timeout(20000);
    const id = await startPayment(FRONT, '5.05', 'never_finish');
    const made: EventSource[] = [];
    const sources = eventSources((url, _index, Real) => {
      const source = new Real(url);
      made.push(source);
      return source;
    });
    // An endpoint of its own (the same relay): no other test's stores can touch this stream.
    const watched = follow([id], { openTimeoutMs: 5000, maxStreamFailures: 3 }, `${location.origin}/pj`);
    try {
      await waitUntil(() => watched.stores[0]!.get().snapshot?.status === 'IN_PROGRESS', 'never in progress', {
        timeout: 5000,
      });
      const version = watched.stores[0]!.get().snapshot!.version;
      made[0]!.dispatchEvent(new Event('error')); // the connection dropped (EventSource would be CONNECTING again)
      await waitUntil(() => watched.stores[0]!.get().connection === 'open' && made.length === 2, 'not reopened', {
        timeout: 5000,
      });
      expect(made[0]!.readyState).to.equal(EventSource.CLOSED);
      expect(new URL(made[1]!.url).searchParams.get('watch')).to.equal(`${id}:${version}`);
      await cancel(id);
      await waitUntil(() => watched.stores[0]!.get().connection === 'closed', 'never ended', { timeout: 10000 });
      expect(watched.connections[0]).to.deep.equal(['connecting', 'open', 'reconnecting', 'open', 'closed']);
      expect(watched.stores[0]!.get().snapshot).to.deep.equal(await relaySnapshot(id));
    } finally {
      watched.stop();
      sources.restore();
      await cancel(id);
    }
  });
});
