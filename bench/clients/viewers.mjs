// A viewer process (bench/lib/clients.mjs starts it): holds its share of a fan-out's viewers, so that
// reading N sockets runs neither in the process that sends the causing webhook nor in the one that
// runs the bench. Times are clock() (a shared epoch): the bench subtracts the webhook's send time,
// stamped in another process.
import { closeViewers, collect, openViewers } from '../lib/viewers.mjs';

let viewers = [];
const handlers = {
  async open({ url, n, path, readyToken, concurrency }) {
    const opened = await openViewers(url, n, () => path, readyToken, concurrency);
    viewers = opened.viewers;
    return { connectMs: opened.connectMs };
  },
  expect({ tokens }) {
    for (const v of viewers) v.expect(tokens);
    return {};
  },
  /** Each awaited token's arrival time (clock()), once all arrived or the timeout passed. */
  collect: () => collect(viewers, () => 0).then(({ latencies, missing }) => ({ seen: latencies, missing })),
  close() {
    closeViewers(viewers);
    viewers = [];
    return {};
  },
};

process.on('message', async ({ id, type, ...args }) => {
  try {
    process.send({ id, ...(await handlers[type](args)) });
  } catch (err) {
    process.send({ id, error: String(err?.message ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
