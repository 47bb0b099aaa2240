/** GET /smart-terminals and the non-payment Smart Terminal requests (signature, prompt, input). */
import { Hono } from 'hono';
import {
  validateInputRequest,
  validatePromptRequest,
  validateSignatureRequest,
} from '../../../src/protocol/payment.js';
import { RelayError, fromUpstream } from '../../relay/errors.js';
import type { TerminalRequestParams } from '../../relay/relay.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

const LIST_CACHE_MS = 30_000;

export function terminalRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  let cache: { at: number; body: { results: { smartTerminalId: string; nickName: string }[] } } | undefined;

  app.get('/smart-terminals', async (c) => {
    if (!cache || Date.now() - cache.at > LIST_CACHE_MS) {
      try {
        const list = await deps.upstream.listSmartTerminals();
        cache = {
          at: Date.now(),
          body: { results: list.results.map((t) => ({ smartTerminalId: t.smartTerminalId, nickName: t.nickName })) },
        };
      } catch (err) {
        throw fromUpstream(err, { action: 'list the Smart Terminals' });
      }
    }
    c.header('Cache-Control', 'private, max-age=30');
    return c.json(cache.body);
  });

  const start = (params: TerminalRequestParams, key: string | undefined) => deps.relay.start(params, key);

  app.post('/smart-terminals/:id/signature', async (c) => {
    const input = { ...(await readJsonObject(c)), smartTerminalId: c.req.param('id') };
    const body = validated(validateSignatureRequest(input));
    const snapshot = await start({ kind: 'signature', smartTerminalId: body.smartTerminalId, terms: body.terms }, c.req.header('Idempotency-Key'));
    return c.json(snapshot, 202);
  });

  app.post('/smart-terminals/:id/prompt', async (c) => {
    const input = { ...(await readJsonObject(c)), smartTerminalId: c.req.param('id') };
    const body = validated(validatePromptRequest(input));
    const snapshot = await start(
      { kind: 'prompt', smartTerminalId: body.smartTerminalId, text: body.text, buttons: body.buttons },
      c.req.header('Idempotency-Key'),
    );
    return c.json(snapshot, 202);
  });

  app.post('/smart-terminals/:id/input', async (c) => {
    const input = { ...(await readJsonObject(c)), smartTerminalId: c.req.param('id') };
    const body = validated(validateInputRequest(input));
    const snapshot = await start({ kind: 'input', smartTerminalId: body.smartTerminalId, type: body.type }, c.req.header('Idempotency-Key'));
    return c.json(snapshot, 202);
  });

  app.all('/smart-terminals/:id/:kind', () => {
    throw new RelayError(404, 'not_found', 'A Smart Terminal takes signature, prompt and input requests here; payments go to /payments.');
  });

  return app;
}
