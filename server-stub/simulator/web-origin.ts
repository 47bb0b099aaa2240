/**
 * The simulated PayJunction web origin, served on its own port as PayJunction serves its SDK from
 * www.payjunctionlabs.com, not from the API host: `GET /trinity/js/sdk.js`, a look-alike of the
 * tokenization SDK with the same call shape (the path and the call are known from third-party
 * clients, e.g. https://github.com/theaamgroup/PayJunction; see
 * https://developer.payjunction.com/hc/en-us/articles/4404002342555), and `POST /trinity/api/tokens`,
 * where it sends the card. The tokens endpoint is the simulator's own design: which host and path
 * the real SDK posts to is not known. CORS is open, as the SDK runs on merchants' pages.
 * Nothing here logs a body: a call is logged as origin, method, path and status.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { PjErrorItem } from '../../src/protocol/wire.js';
import { cardProblems } from './account-checks.js';
import { utcToday } from './clock.js';
import { errorBody, invalid, NOT_FOUND_MESSAGE } from './errors.js';
import type { SimLogger } from './logger.js';
import { cardSource } from './source.js';
import type { SimulatorState } from './state.js';
import { PUBLISHABLE_KEY_INVALID_MESSAGE } from './tokens.js';

export const SDK_PATH = '/trinity/js/sdk.js';
export const TOKENS_PATH = '/trinity/api/tokens';

/**
 * A classic script: `PayJunction(publishableKey).createToken(fields)` resolves `{tokenId}` or
 * `{errors}` (never rejects for a bad field), and rejects only when the network fails.
 */
export function sdkScript(tokensUrl: string): string {
  return `/* PayJunction simulator (pj-elements): a look-alike of PayJunction's tokenization SDK. */
(function (root) {
  'use strict';
  var TOKENS_URL = ${JSON.stringify(tokensUrl)};
  var FIELDS = ['cardNumber', 'cardExpMonth', 'cardExpYear', 'cardCvv'];
  function unexpected(status) {
    return { errors: [{ message: 'The card could not be tokenized (HTTP ' + status + ').', type: 'invalid' }] };
  }
  root.PayJunction = function PayJunction(publishableKey) {
    return {
      createToken: function createToken(fields) {
        var body = { publishableKey: publishableKey };
        FIELDS.forEach(function (name) {
          if (fields && fields[name] !== undefined && fields[name] !== null) body[name] = fields[name];
        });
        return fetch(TOKENS_URL, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          credentials: 'omit'
        }).then(function (response) {
          return response.json().then(
            function (result) {
              if (result && (typeof result.tokenId === 'string' || Array.isArray(result.errors))) return result;
              return unexpected(response.status);
            },
            function () {
              return unexpected(response.status);
            }
          );
        });
      }
    };
  };
})(typeof window !== 'undefined' ? window : globalThis);
`;
}

/** The web origin's app. `state.tokens` holds the keys it accepts and the tokens it makes. */
export function createWebOrigin(state: SimulatorState, logger: SimLogger | undefined): Hono {
  const { tokens, clock } = state;
  const web = new Hono();

  web.use('*', async (c, next) => {
    await next();
    logger?.info({ origin: 'web', method: c.req.method, path: c.req.path, status: c.res.status }, 'simulator web call');
  });
  web.use('*', cors({ origin: '*', allowMethods: ['GET', 'POST'], allowHeaders: ['Content-Type'], maxAge: 600 }));

  web.get(SDK_PATH, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(sdkScript(`${new URL(c.req.url).origin}${TOKENS_PATH}`));
  });

  web.post(TOKENS_PATH, async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      // Never echo the parser's message: it quotes the body, which holds the card number.
      body = undefined;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return c.json(errorBody({ message: 'The request body must be a JSON object.', type: 'invalid' }), 400);
    }
    const fields = body as Record<string, unknown>;
    if (!tokens.hasKey(fields.publishableKey)) {
      return c.json(errorBody(invalid('publishableKey', PUBLISHABLE_KEY_INVALID_MESSAGE)), 401);
    }
    const problems: PjErrorItem[] = cardProblems(fields, utcToday(clock.now()));
    if (problems.length > 0) return c.json(errorBody(...problems), 400);
    return c.json({ tokenId: tokens.create(cardSource(String(fields.cardNumber))) }, 200);
  });

  web.notFound((c) => c.json(errorBody({ message: NOT_FOUND_MESSAGE }), 404));
  web.onError((err, c) => {
    logger?.error({ origin: 'web', err: { name: err.name } }, 'simulator web error');
    return c.json(errorBody({ message: 'Internal Server Error' }), 500);
  });
  return web;
}
