// The bench's side of a server under test, run in its own process (bench/lib/children.mjs starts it with
// --expose-gc): says where it listens over IPC, and on request reports its memory after a full GC, so
// "memory per connection" is the server's own, not the load generator's; and its CPU time, so the
// bench can wait until it is idle before measuring the next server.
export function serveBench(info) {
  process.on('message', (message) => {
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
