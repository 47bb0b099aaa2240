/**
 * The relay's own Node server (listen()) takes PayJunction's deliveries itself, before Hono: the Node
 * request listener reads `POST {basePath}/webhooks/payjunction` straight off the socket and answers
 * it, and hands every other request to @hono/node-server's listener. Hono's part of a delivery (a
 * web Request, routing, a Response written back) was most of what the relay spent beyond a bare
 * node:http server doing the same check (docs/architecture.md, "The relay under load").
 *
 * The rule is webhook-intake.ts's, shared with the Hono route (routes/webhooks.ts), which stays for
 * hosts that mount `relay.fetch`: same body limit, signature on the raw bytes in constant time, same
 * dedupe key, same queue, and the same status, headers and body for every answer
 * (test/node/relay-webhook-fast-path.test.ts).
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import {
  RECEIVED,
  RECEIVED_HEADERS,
  declaredTooLarge,
  refusal,
  refuseWhenOff,
  takeDelivery,
  tooLarge,
  type IntakeDeps,
} from './webhook-intake.js';

export interface NodeIntake {
  /** `{basePath}/webhooks/payjunction`. */
  path: string;
  deps: IntakeDeps;
  maxBodyBytes: number;
}

const intakes = new WeakMap<Hono, NodeIntake>();

/** Called by createRelayApp: where the app takes webhooks, so its Node server can take them first. */
export function registerNodeIntake(app: Hono, intake: NodeIntake): void {
  intakes.set(app, intake);
}

/** The 200's headers as Node's raw array (no object to walk per answer). */
const RECEIVED_RAW = [
  ...Object.entries(RECEIVED_HEADERS).flat(),
  'Content-Length',
  String(Buffer.byteLength(RECEIVED)),
];

/** What is read and thrown away after an early refusal before the connection is closed instead. */
const DISCARD_LIMIT = 1024 * 1024;

/** `listener`, with the app's webhook deliveries taken first. */
export function withWebhookFastPath(app: Hono, listener: RequestListener): RequestListener {
  const intake = intakes.get(app);
  if (!intake) return listener;
  const { path } = intake;
  const withQuery = `${path}?`;
  return (req, res) => {
    const url = req.url;
    if (req.method === 'POST' && url !== undefined && (url === path || url.startsWith(withQuery))) {
      receive(intake, req, res);
    } else {
      listener(req, res);
    }
  };
}

function receive(intake: NodeIntake, req: IncomingMessage, res: ServerResponse): void {
  const { deps, maxBodyBytes, path } = intake;
  const chunked = req.headers['transfer-encoding'] !== undefined;
  try {
    if (!chunked && declaredTooLarge(req.headers['content-length'], maxBodyBytes)) throw tooLarge();
    refuseWhenOff(deps);
  } catch (err) {
    refuse(intake, req, res, err);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size <= maxBodyBytes) {
      chunks.push(chunk);
      return;
    }
    req.off('data', onData);
    req.off('end', onEnd);
    chunks.length = 0;
    refuse(intake, req, res, tooLarge());
  };
  const onEnd = (): void => {
    const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    const signature = req.headers['x-pj-signature'];
    try {
      takeDelivery(deps, raw, typeof signature === 'string' ? signature : undefined, path);
    } catch (err) {
      refuse(intake, req, res, err);
      return;
    }
    res.writeHead(200, RECEIVED_RAW);
    res.end(RECEIVED);
  };
  req.on('data', onData);
  req.on('end', onEnd);
}

function refuse(intake: NodeIntake, req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const { status, headers, body } = refusal(intake.deps, err, intake.path);
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
  if (!req.complete) discard(req);
}

/**
 * The rest of a refused body is read and dropped so the connection can serve the next request, up
 * to a limit: past it the connection is closed once the answer is out (as @hono/node-server does).
 */
function discard(req: IncomingMessage): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_LIMIT) req.socket.destroySoon();
  });
  req.resume();
}

/** createRelay's listen(): @hono/node-server's listener behind the webhook fast path, on node:http. */
export function serveRelay(
  app: Hono,
  options: { port: number; hostname: string },
  listening: (info: AddressInfo) => void,
): Server {
  const listener = getRequestListener(app.fetch, { hostname: options.hostname });
  const server = createServer(withWebhookFastPath(app, listener as RequestListener));
  server.listen(options.port, options.hostname, () => listening(server.address() as AddressInfo));
  return server;
}
