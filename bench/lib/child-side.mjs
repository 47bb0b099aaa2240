// The bench's side of a server under test, run in its own process (bench/lib/children.mjs starts it with
// --expose-gc): says where it listens over IPC, and on request reports its memory after a full GC, so
// "memory per connection" is the server's own, not the load generator's; and its CPU time, so the
// bench can wait until it is idle before measuring the next server. With BENCH_SERVER_TIMING (a regular
// expression of request paths), it also times each such request from the server's 'request' event to
// the return of its response's end(), without touching the server's code. end() hands the answer to the
// kernel (node:http uncorks the socket there); 'finish' would come later, once the callbacks of writes
// queued before it ran: after a bare fan-out's N viewer writes, 10 ms or so after the sender had its answer.
import { Server } from 'node:http';

const timed = [];
const pattern = process.env.BENCH_SERVER_TIMING ? new RegExp(process.env.BENCH_SERVER_TIMING) : undefined;
if (pattern) {
  // Every node:http server (Hono's adapter makes one) emits 'request' through its prototype's emit.
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && pattern.test(req.url)) {
      const start = performance.now();
      const end = res.end;
      res.end = function (...args) {
        const result = end.apply(this, args);
        timed.push(performance.now() - start);
        return result;
      };
    }
    return emit.apply(this, arguments);
  };
}

export function serveBench(info) {
  process.on('message', (message) => {
    if (message?.type === 'timings') {
      // The requests timed since the last ask, in the order they finished.
      return process.send({ type: 'timings', id: message.id, ms: timed.splice(0) });
    }
    if (message?.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      return process.send({ type: 'cpu', id: message.id, micros: user + system });
    }
    if (message?.type !== 'mem') return;
    // Twice: the first collection can leave finalizer-held objects for the second.
    globalThis.gc?.();
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ type: 'mem', id: message.id, rss, heapUsed });
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', ...info });
}
