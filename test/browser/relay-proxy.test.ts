/** The browser tests' relay is real: the page reaches it same-origin, and its stream works in Chromium. */
import { expect } from '@open-wc/testing';

describe('the relay behind the test pages', () => {
  it('answers health and lists the simulator’s terminals', async () => {
    expect(await (await fetch('/pj/health')).json()).to.deep.equal({
      ok: true,
      mode: 'simulator',
      delivery: 'webhooks',
      store: 'memory',
    });
    const terminals = (await (await fetch('/pj/smart-terminals')).json()).results;
    expect(terminals.length).to.be.greaterThan(1);
  });

  it('streams a payment to approved through EventSource', async () => {
    const terminals = (await (await fetch('/pj/smart-terminals')).json()).results;
    const res = await fetch('/pj/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `browser-${crypto.randomUUID()}` },
      body: JSON.stringify({ smartTerminalId: terminals[0].smartTerminalId, amountBase: '4.20' }),
    });
    expect(res.status).to.equal(202);
    const { requestId } = await res.json();
    const final = await new Promise<{ outcome: string; transaction: { amountTotal: string } }>((resolve, reject) => {
      const source = new EventSource(`/pj/requests/${requestId}/events`);
      source.addEventListener('request', (e) => {
        const s = JSON.parse((e as MessageEvent).data);
        if (s.outcome) {
          source.close();
          resolve(s);
        }
      });
      setTimeout(() => reject(new Error('no final snapshot')), 8000);
    });
    expect(final.outcome).to.equal('approved');
    expect(final.transaction.amountTotal).to.equal('4.20');
  });
});
