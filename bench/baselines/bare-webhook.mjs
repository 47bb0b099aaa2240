// Baseline for webhook intake: a bare node:http server doing only what any webhook receiver must:
// read the raw body, HMAC-SHA256 it, compare in constant time, parse the JSON, answer 200.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { serveBench } from '../lib/child-side.mjs';

const secret = process.env.BENCH_WEBHOOK_SECRET;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const signature = String(req.headers['x-pj-signature'] ?? '');
    const expected = createHmac('sha256', secret).update(raw).digest();
    const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : undefined;
    if (!given || !timingSafeEqual(given, expected)) return res.writeHead(401).end();
    try {
      JSON.parse(raw.toString('utf8'));
    } catch {
      return res.writeHead(400).end();
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => serveBench({ url: `http://127.0.0.1:${server.address().port}` }));
