/**
 * src/core/live-request.ts in Chromium against the real relay: the store every element watches.
 * `/pj-no-sse` is the same relay behind a proxy that blocks event streams (the test server's).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { liveRequest, type LiveRequestState } from '../../src/core/live-request.js';

async function startPayment(amountBase: string): Promise<string> {
  const terminals = (await (await fetch('/pj/smart-terminals')).json()).results;
  const res = await fetch('/pj/payments', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `live-${crypto.randomUUID()}` },
    body: JSON.stringify({ smartTerminalId: terminals[0].smartTerminalId, amountBase }),
  });
  expect(res.status).to.equal(202);
  return (await res.json()).requestId;
}

describe('live request stores', () => {
  it('follow a request over the page’s stream to the final snapshot, then close it', async () => {
    const requestId = await startPayment('3.10');
    const seen: LiveRequestState[] = [];
    const $request = liveRequest('/pj', requestId);
    const unsubscribe = $request.subscribe((state) => seen.push(state));
    try {
      await waitUntil(() => $request.get().snapshot?.outcome != null, 'no final snapshot', { timeout: 8000 });
      expect($request.get().snapshot?.outcome).to.equal('approved');
      expect($request.get().connection).to.equal('closed');
      const versions = seen.map((s) => s.snapshot?.version ?? 0);
      expect(versions).to.deep.equal(
        [...versions].sort((a, b) => a - b),
        'versions never move backwards',
      );
    } finally {
      unsubscribe();
    }
  });

  it('fall back to GET snapshots when the stream keeps failing, and still reach the end', async () => {
    const requestId = await startPayment('3.20');
    const connections = new Set<string>();
    const $request = liveRequest('/pj-no-sse', requestId, undefined, { maxStreamFailures: 2, pollIntervalMs: 300 });
    const unsubscribe = $request.subscribe((state) => connections.add(state.connection));
    try {
      await waitUntil(() => $request.get().snapshot?.outcome != null, 'no final snapshot', { timeout: 10000 });
      expect(connections.has('polling')).to.equal(true);
      expect($request.get().snapshot?.outcome).to.equal('approved');
      expect($request.get().snapshot?.transaction?.amountTotal).to.equal('3.20');
    } finally {
      unsubscribe();
    }
  });

  it('is one store per request, shared by every watcher', async () => {
    const requestId = await startPayment('3.30');
    expect(liveRequest('/pj', requestId)).to.equal(liveRequest('/pj', requestId));
    const $request = liveRequest('/pj', requestId);
    const stop = $request.listen(() => {});
    await waitUntil(() => $request.get().snapshot?.outcome != null, 'no final snapshot', { timeout: 8000 });
    stop();
  });

  for (const [endpoint, how] of [
    ['/pj', 'told by the stream (`lost`)'],
    ['/pj-no-sse', 'told by a GET snapshot (404)'],
  ] as const) {
    it(`end in an error state for a request the relay does not know, ${how}`, async () => {
      const $request = liveRequest(endpoint, '00000000-0000-4000-8000-000000000000');
      const connections = new Set<string>();
      const stop = $request.subscribe((state) => connections.add(state.connection));
      try {
        await waitUntil(() => $request.get().error !== undefined, 'no error', { timeout: 5000 });
        expect($request.get().error?.status).to.equal(404);
        expect($request.get().error?.code).to.equal('not_found');
        expect($request.get().connection).to.equal('closed');
        expect(connections.has('polling')).to.equal(endpoint === '/pj-no-sse');
      } finally {
        stop();
      }
    });
  }
});
