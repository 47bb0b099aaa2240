// Baseline for SSE fan-out: a bare node:http server holding a Set of open responses; GET /events joins
// it, POST /publish writes its body as one event to every response, then answers.
import { createServer } from 'node:http';
import { serveBench } from '../lib/child-side.mjs';

const viewers = new Set();
const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    res.write('retry: 2000\n\n');
    viewers.add(res);
    req.on('close', () => viewers.delete(res));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const event = `event: request\ndata: ${Buffer.concat(chunks).toString('utf8')}\n\n`;
    for (const viewer of viewers) viewer.write(event);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"sent":${viewers.size}}`);
  });
});
server.listen(0, '127.0.0.1', () => serveBench({ url: `http://127.0.0.1:${server.address().port}` }));
