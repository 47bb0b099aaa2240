/**
 * A fault proxy between the relay and the simulator, over real HTTP: every call is forwarded, so
 * PayJunction (the simulator) really acts on it; then the answer can be lost on the way back:
 * - `stall`: the answer is held until the caller gives up (its timeout);
 * - `reset`: the connection is destroyed after PayJunction answered;
 * - `truncate`: status and headers arrive, the body is cut off half way.
 * A rule applies to calls whose method and path match, `count` times.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultMode = 'stall' | 'reset' | 'truncate';

export interface FaultRule {
  method?: string;
  /** The path ends with this (e.g. '/request-payment'). */
  pathEndsWith: string;
  mode: FaultMode;
  count: number;
}

export interface FaultProxy {
  url: string;
  /** Adds a rule; rules are tried in order. */
  add(rule: FaultRule): void;
  clear(): void;
  /** How many answers each mode has lost so far. */
  lost: Record<FaultMode, number>;
  /** Every call forwarded, with its form body: what PayJunction was sent (tests read the fields, never log them). */
  sent: { method: string; path: string; body: string }[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const rules: FaultRule[] = [];
  const lost: Record<FaultMode, number> = { stall: 0, reset: 0, truncate: 0 };
  const sent: FaultProxy['sent'] = [];
  const held = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // An upstream answer cut while it is read ends the caller's connection too (never an unhandled rejection).
    req.on('end', () => void forward().catch(() => res.destroy()));
    const forward = async () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const rule = rules.find(
        (r) => r.count > 0 && (!r.method || r.method === req.method) && path.endsWith(r.pathEndsWith),
      );
      if (rule) rule.count -= 1;
      sent.push({ method: req.method ?? '', path, body: Buffer.concat(chunks).toString('utf8') });
      let upstream: Response;
      try {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k))
            headers.set(k, v);
        }
        upstream = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers,
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
          redirect: 'manual',
        });
      } catch {
        res.destroy();
        return;
      }
      const body = Buffer.from(await upstream.arrayBuffer());
      if (rule?.mode === 'stall') {
        lost.stall += 1;
        held.add(res);
        res.on('close', () => held.delete(res));
        return; // never answered: the caller's timeout decides
      }
      if (rule?.mode === 'reset') {
        lost.reset += 1;
        req.socket.destroy();
        return;
      }
      const outHeaders: Record<string, string> = {};
      upstream.headers.forEach((v, k) => {
        if (!['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(k)) outHeaders[k] = v;
      });
      outHeaders['content-length'] = String(body.length);
      if (rule?.mode === 'truncate') {
        lost.truncate += 1;
        res.writeHead(upstream.status, outHeaders);
        res.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      res.writeHead(upstream.status, outHeaders);
      res.end(body);
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    add: (rule) => rules.push({ ...rule }),
    clear: () => {
      rules.length = 0;
    },
    lost,
    sent,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
