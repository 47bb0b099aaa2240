/** GET /smart-terminals and the non-payment Smart Terminal requests (signature, prompt, input). */
import { Hono } from 'hono';
import {
  validateInputRequest,
  validatePromptRequest,
  validateSignatureRequest,
} from '../../../src/protocol/payment.js';
import { RelayError } from '../../relay/errors.js';
import type { TerminalRequestParams } from '../../relay/relay.js';
import type { RouteDeps } from '../deps.js';
import { readJsonObject } from '../middleware/errors.js';
import { validated } from './validated.js';

export function terminalRoutes(deps: RouteDeps): Hono {
  const app = new Hono();

  app.get('/smart-terminals', async (c) => {
    const list = await deps.relay.listSmartTerminals();
    // Not cached by the browser: a terminal that just failed to connect is marked at the next look.
    c.header('Cache-Control', 'private, no-cache');
    return c.json(list);
  });

  const start = (params: TerminalRequestParams, key: string | undefined) => deps.relay.start(params, key);

  app.post('/smart-terminals/:id/signature', async (c) => {
    const input = { ...(await readJsonObject(c)), smartTerminalId: c.req.param('id') };
    const body = validated(validateSignatureRequest(input));
    const snapshot = await start(
      { kind: 'signature', smartTerminalId: body.smartTerminalId, terms: body.terms },
      c.req.header('Idempotency-Key'),
    );
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
    const snapshot = await start(
      { kind: 'input', smartTerminalId: body.smartTerminalId, type: body.type },
      c.req.header('Idempotency-Key'),
    );
    return c.json(snapshot, 202);
  });

  app.all('/smart-terminals/:id/:kind', () => {
    throw new RelayError(
      404,
      'not_found',
      'A Smart Terminal takes signature, prompt and input requests here; payments go to /payments.',
    );
  });

  return app;
}
