/**
 * The page's one event stream (src/core/request-stream.ts) in Chromium against the real relay, over
 * HTTP/1.1 (the test server's): six connections per origin, so a stream per watched request would
 * leave a page watching eight with none to start a payment. EventSource is wrapped to count and watch
 * the streams the page opens.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/tx-status/tx-status.js';
import '../../src/elements/terminal-pay/terminal-pay.js';
import type { PjTxStatus } from '../../src/elements/tx-status/tx-status.js';
import type { PjTerminalPay } from '../../src/elements/terminal-pay/terminal-pay.js';
import { liveRequest, type LiveRequestState } from '../../src/core/live-request.js';
import { isFinalSnapshot, type RequestSnapshot } from '../../src/protocol/relay-contract.js';

const FRONT = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e51';
const DRIVE = '7c2b9a4e-31f0-4c55-8d0e-0a1b2c3d4e52';

interface Timeoutable {
  timeout(ms: number): void;
}

async function sim(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<any> {
  const res = await fetch(`/__sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} /__sim${path}: ${res.status}`);
  return res.json();
}

async function startPayment(smartTerminalId: string, amountBase: string, endpoint = '/pj'): Promise<string> {
  const res = await fetch(`${endpoint}/payments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `streams-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId, amountBase }),
  });
  expect(res.status).to.equal(202);
  return ((await res.json()) as RequestSnapshot).requestId;
}

const relaySnapshot = async (id: string) => (await (await fetch(`/pj/requests/${id}`)).json()) as RequestSnapshot;

/** Until the relay has the request's final snapshot. */
const relayFinal = (id: string, timeout = 15000) =>
  waitUntil(async () => isFinalSnapshot(await relaySnapshot(id)), `request ${id} never ended`, { timeout });

/** Until the simulated terminal has finished the request (the relay may not know yet), so it takes the next one. */
const terminalDone = (id: string) =>
  waitUntil(async () => ['COMPLETE', 'BUSY'].includes((await sim(`/requests/${id}`)).status), `terminal kept ${id}`, {
    timeout: 5000,
    interval: 50,
  });

/** Every EventSource the page makes, and each `request` event each one delivered. */
interface Streams {
  sources: EventSource[];
  /** Per source: [requestId, version] of each `request` event, in order. */
  delivered: Map<EventSource, [string, number][]>;
  /** The most streams open (not CLOSED) at once, counted each time one is made. */
  mostOpen: number;
  restore(): void;
}

function watchStreams(rewrite: (url: string, index: number) => string = (url) => url): Streams {
  const Real = window.EventSource;
  const streams: Streams = {
    sources: [],
    delivered: new Map(),
    mostOpen: 0,
    restore: () => (window.EventSource = Real),
  };
  window.EventSource = class extends Real {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(rewrite(String(url), streams.sources.length), init);
      streams.sources.push(this);
      const open = streams.sources.filter((s) => s.readyState !== Real.CLOSED).length;
      streams.mostOpen = Math.max(streams.mostOpen, open);
      const log: [string, number][] = [];
      streams.delivered.set(this, log);
      this.addEventListener('request', (e) => {
        const s = JSON.parse((e as MessageEvent<string>).data) as RequestSnapshot;
        log.push([s.requestId, s.version]);
      });
    }
  };
  return streams;
}

/** The requests a stream's URL names, with the version the page said it had. */
const watchedBy = (source: EventSource) =>
  new Map(
    new URL(source.url).searchParams
      .get('watch')!
      .split(',')
      .map((w) => [w.split(':')[0]!, Number(w.split(':')[1])] as const),
  );

const badge = (el: PjTxStatus) => el.shadowRoot!.querySelector('[part~="badge"]')?.textContent?.trim() ?? '';

describe('one stream per page', () => {
  afterEach(async () => {
    await sim('/faults', undefined, 'DELETE');
    await sim('/webhooks/faults', {});
  });

  it('8 live <pj-tx-status> and a payment started from the same page: one stream, every request to its end', async function (this: unknown) {
    (this as Timeoutable).timeout(40000);
    // The relay learns nothing until the test says so: webhooks are dropped and its status polls fail.
    // So the eight stay live while the page starts its payment.
    await sim('/webhooks/faults', { drop: 'all' });
    await sim('/faults', { status: 500, count: 100000, path: '/smartterminals/requests/' });
    const chain = async (terminal: string, amounts: string[]) => {
      const ids: string[] = [];
      for (const amount of amounts) {
        const id = await startPayment(terminal, amount);
        await terminalDone(id);
        ids.push(id);
      }
      return ids;
    };
    const held = (
      await Promise.all([
        chain(FRONT, ['1.01', '1.02', '1.03', '1.04']),
        chain(DRIVE, ['2.01', '2.02', '2.03', '2.04']),
      ])
    ).flat();

    const streams = watchStreams();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        ${held.map((id) => html`<pj-tx-status request-id=${id}></pj-tx-status>`)}
        <pj-terminal-pay amount="3.33" smart-terminal-id=${FRONT}></pj-terminal-pay>
      </div>`);
      const watchers = [...page.querySelectorAll('pj-tx-status')] as PjTxStatus[];
      const pay = page.querySelector('pj-terminal-pay') as PjTerminalPay;

      // Every element is served while all eight are live: none waits for a connection.
      await waitUntil(() => watchers.every((el) => el.snapshot !== undefined), 'an element got no snapshot', {
        timeout: 5000,
      });
      expect(streams.sources).to.have.length(1, 'eight elements mounting at once open one stream');
      expect([...watchedBy(streams.sources[0]!).keys()].sort()).to.deep.equal([...held].sort());

      // The page can still talk to its relay: the terminal's name, then the payment itself.
      await waitUntil(() => pay.shadowRoot!.textContent!.includes('Front Counter'), 'no terminal list');
      pay.pay();
      await waitUntil(() => pay.requestId !== undefined, 'the payment never started', { timeout: 5000 });
      for (const id of held) expect((await relaySnapshot(id)).outcome, `${id} still live`).to.equal(null);
      expect(watchers.every((el) => badge(el) === 'In progress')).to.equal(true);

      // Let the relay learn: all nine end approved, on the page's one stream.
      await sim('/faults', undefined, 'DELETE');
      await sim('/webhooks/faults', {});
      await waitUntil(() => watchers.every((el) => badge(el) === 'Approved'), 'not every element ended Approved', {
        timeout: 25000,
      });
      for (const el of watchers) {
        expect(el.snapshot).to.deep.equal(await relaySnapshot(el.requestId!), 'the final snapshot the relay has');
      }
      await waitUntil(() => pay.shadowRoot!.textContent!.includes('Approved: $3.33'), 'the payment never ended', {
        timeout: 15000,
      });
      expect(streams.mostOpen).to.equal(1, 'never more than one stream open');
      expect(streams.sources.every((s) => new URL(s.url).pathname === '/pj/events')).to.equal(true);
    } finally {
      streams.restore();
    }
  });

  it('adding and removing a watched request reopens the stream with the versions the page has: none lost, none repeated', async function (this: unknown) {
    (this as Timeoutable).timeout(30000);
    await sim(`/devices/${FRONT}/next-outcome`, { outcome: 'never_finish' });
    await sim(`/devices/${DRIVE}/next-outcome`, { outcome: 'never_finish' });
    const a = await startPayment(FRONT, '4.01');
    const b = await startPayment(DRIVE, '4.02');
    const streams = watchStreams();
    const seenA: number[] = [];
    const $a = liveRequest('/pj', a);
    const stopA = $a.subscribe((s: LiveRequestState) => {
      if (s.snapshot && seenA.at(-1) !== s.snapshot.version) seenA.push(s.snapshot.version);
    });
    let stopB: (() => void) | undefined;
    try {
      await waitUntil(() => $a.get().snapshot?.status === 'IN_PROGRESS', 'a never in progress', { timeout: 5000 });
      expect(streams.sources).to.have.length(1);

      // Added: the stream is opened again, naming the version of a the page has.
      const $b = liveRequest('/pj', b);
      stopB = $b.listen(() => {});
      await waitUntil(() => streams.sources.length === 2 && $b.get().snapshot !== undefined, 'b never came');
      expect(watchedBy(streams.sources[1]!)).to.deep.equal(
        new Map([
          [a, $a.get().snapshot!.version],
          [b, 0],
        ]),
      );
      expect(streams.sources[0]!.readyState).to.equal(EventSource.CLOSED);

      // Removed (nanostores lets a store go a second after its last listener): opened again without b.
      const versionAtRemoval = () => $a.get().snapshot!.version;
      stopB();
      stopB = undefined;
      await waitUntil(() => streams.sources.length === 3, 'no stream without b', { timeout: 5000 });
      expect(watchedBy(streams.sources[2]!)).to.deep.equal(new Map([[a, versionAtRemoval()]]));
      // a changes at once, while the streams change hands: the page must still get every change.
      await fetch(`/pj/requests/${a}/cancel`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      await waitUntil(() => $a.get().connection === 'closed', 'a never ended', { timeout: 10000 });

      expect($a.get().snapshot).to.deep.equal(await relaySnapshot(a), 'the final snapshot the relay has');
      expect($a.get().snapshot!.outcome).to.equal('cancelled');
      expect(seenA).to.deep.equal(
        [...new Set(seenA)].sort((x, y) => x - y),
        'versions only grow',
      );
      // On the wire: each stream sends a only versions newer than the one its URL named.
      for (const source of streams.sources) {
        const named = watchedBy(source).get(a) ?? 0;
        const versions = streams.delivered
          .get(source)!
          .filter(([id]) => id === a)
          .map(([, v]) => v);
        expect(
          versions.every((v) => v > named),
          `${source.url} repeated a version`,
        ).to.equal(true);
        expect(versions).to.deep.equal([...new Set(versions)].sort((x, y) => x - y));
      }
      expect(streams.mostOpen).to.equal(1);
    } finally {
      stopA();
      stopB?.();
      streams.restore();
      await fetch(`/pj/requests/${b}/cancel`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      await relayFinal(b);
    }
  });
});
