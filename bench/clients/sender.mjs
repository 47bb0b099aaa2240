// The sender process (bench/lib/clients.mjs starts it): sends the webhook (or bare publish) that causes
// a fan-out and times its answer itself, so that ack time is not held up by a process that is also
// reading the N viewers' sockets. Reports when it sent (clock(), the epoch viewer processes share)
// and the ms from sending to having the whole answer.
import { clock } from '../lib/viewers.mjs';

process.on('message', async ({ id, url, headers, body }) => {
  try {
    const sentAt = clock();
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    const ackMs = performance.now() - started;
    process.send({ id, sentAt, ackMs, status: res.status });
  } catch (err) {
    process.send({ id, error: String(err?.message ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
