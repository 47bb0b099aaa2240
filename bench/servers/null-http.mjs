// Not a baseline: the load generator's ceiling. Answers every request at once without looking at it,
// so the rate autocannon reaches against it is the most this machine's client can send.
import { createServer } from 'node:http';
import { serveBench } from '../lib/child-side.mjs';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}'));
});
server.listen(0, '127.0.0.1', () => serveBench({ url: `http://127.0.0.1:${server.address().port}` }));
