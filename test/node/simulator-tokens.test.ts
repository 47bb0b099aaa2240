/**
 * Tokenization in the simulator: publishable keys, the look-alike SDK on its own web origin (run as
 * a page runs it), single-use tokens that expire on the simulator's clock, tokenId on POST
 * /transactions, the token controls, and no card number in any log line or control answer.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PUBLISHABLE_KEY_INVALID_MESSAGE,
  PUBLISHABLE_KEY_LIMIT,
  PUBLISHABLE_KEY_LIMIT_MESSAGE,
  TOKEN_EXPIRED_MESSAGE,
  TOKEN_LIFETIME_MS,
  TOKEN_UNKNOWN_MESSAGE,
  TOKEN_USED_MESSAGE,
} from '../../server-stub/simulator/index.js';
import type { SimLogger } from '../../server-stub/simulator/index.js';
import { SCHEDULE_MESSAGES_EN } from '../../src/protocol/schedule.js';
import {
  ISO_S,
  loadSdk,
  publishableKey,
  SPEED,
  sim,
  TEST_CARD,
  tokenize,
  useSimulator,
  VIRTUAL_START,
} from '../helpers/simulator-suite.js';
import { startTestSimulator } from '../helpers/simulator.js';

useSimulator();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('publishable keys', () => {
  it('POST /publishablekeys makes a key, GET lists it; a plain reset keeps keys, {publishableKeys} removes them', async () => {
    await sim.control('POST', '/reset', { publishableKeys: true });
    const res = await sim.pj('POST', '/publishablekeys');
    assert.equal(res.status, 200, res.text);
    assert.match(res.body.keyValue, /^key_[0-9a-f]{32}$/);
    assert.match(res.body.created, ISO_S);
    assert.deepEqual((await sim.pj('GET', '/publishablekeys')).body, { results: [res.body] });
    assert.equal((await sim.pj('GET', '/publishablekeys', undefined, { Authorization: 'Basic eDp5' })).status, 401);

    await sim.control('POST', '/reset', {});
    assert.deepEqual((await sim.pj('GET', '/publishablekeys')).body, { results: [res.body] });
    await sim.control('POST', '/reset', { publishableKeys: true });
    assert.deepEqual((await sim.pj('GET', '/publishablekeys')).body, { results: [] });
  });

  it(`at most ${PUBLISHABLE_KEY_LIMIT} keys: the next is a 403`, async () => {
    await sim.control('POST', '/reset', { publishableKeys: true });
    for (let i = 0; i < PUBLISHABLE_KEY_LIMIT; i++) await publishableKey();
    const refused = await sim.pj('POST', '/publishablekeys');
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { errors: [{ message: PUBLISHABLE_KEY_LIMIT_MESSAGE }] });
    assert.equal((await sim.pj('GET', '/publishablekeys')).body.results.length, PUBLISHABLE_KEY_LIMIT);
    await sim.control('POST', '/reset', { publishableKeys: true });
  });
});

describe('the SDK on the web origin', () => {
  it('is served from its own origin as a script; PayJunction(key).createToken resolves a tokenId', async () => {
    assert.notEqual(new URL(sim.webUrl).origin, new URL(sim.url).origin);
    const res = await fetch(`${sim.webUrl}/trinity/js/sdk.js`, { headers: { Origin: 'https://shop.example' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.match(await res.text(), new RegExp(`${sim.webUrl}/trinity/api/tokens`));
    // The API origin serves no SDK.
    assert.equal((await sim.raw('GET', '/trinity/js/sdk.js')).status, 401);

    const PayJunction = await loadSdk();
    const result = await PayJunction(await publishableKey()).createToken({ ...TEST_CARD, cardCvv: '123' });
    assert.deepEqual(Object.keys(result), ['tokenId']);
    assert.match(result.tokenId, UUID);
    const { tokens } = await sim.control('GET', '/tokens');
    assert.deepEqual(tokens, [
      {
        tokenId: result.tokenId,
        created: tokens[0].created,
        expires: tokens[0].expires,
        used: false,
        expired: false,
        brand: 'VISA',
        lastFour: '1111',
      },
    ]);
    // 30 minutes of PayJunction time, divided by the clock's speed (timestamps have no milliseconds).
    const lifetime = Date.parse(tokens[0].expires) - Date.parse(tokens[0].created);
    assert.ok(Math.abs(lifetime - TOKEN_LIFETIME_MS / SPEED) <= 1000, `lifetime ${lifetime}`);
  });

  it('the tokens endpoint is open to any origin (CORS preflight and answer)', async () => {
    const preflight = await fetch(`${sim.webUrl}/trinity/api/tokens`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers')!, /content-type/i);
    const answer = await fetch(`${sim.webUrl}/trinity/api/tokens`, {
      method: 'POST',
      headers: { Origin: 'https://shop.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ publishableKey: await publishableKey(), ...TEST_CARD }),
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
  });

  it('bad card fields resolve {errors} per field with the shared rules’ sentences; it never rejects for them', async () => {
    const pj = (await loadSdk())(await publishableKey());
    const bad = await pj.createToken({
      cardNumber: '4444333322221112',
      cardExpMonth: '13',
      cardExpYear: '20',
      cardCvv: '12',
    });
    const m = SCHEDULE_MESSAGES_EN;
    assert.deepEqual(bad, {
      errors: [
        { parameter: 'cardNumber', message: m.cardNumber, type: 'invalid' },
        { parameter: 'cardExpMonth', message: m.cardExpMonth, type: 'invalid' },
        { parameter: 'cardExpYear', message: m.cardExpYear, type: 'invalid' },
        { parameter: 'cardCvv', message: m.cardCvv, type: 'invalid' },
      ],
    });
    const expired = await pj.createToken({ ...TEST_CARD, cardExpMonth: '1', cardExpYear: '2020' });
    assert.deepEqual(expired.errors, [{ parameter: 'cardExpYear', message: m.cardExpired, type: 'invalid' }]);
    const empty = await pj.createToken({});
    assert.deepEqual(
      empty.errors.map((e: { parameter: string; type: string }) => [e.parameter, e.type]),
      [
        ['cardNumber', 'required'],
        ['cardExpMonth', 'required'],
        ['cardExpYear', 'required'],
      ],
    );
    const noKey = await (await loadSdk())('key_unknown').createToken(TEST_CARD);
    assert.deepEqual(noKey, {
      errors: [{ parameter: 'publishableKey', message: PUBLISHABLE_KEY_INVALID_MESSAGE, type: 'invalid' }],
    });
    assert.deepEqual((await sim.control('GET', '/tokens')).tokens, []);
  });

  it('rejects only when the network fails', async () => {
    const other = await startTestSimulator();
    const pj = (await loadSdk(other.webUrl))(await publishableKey(other));
    await other.close();
    await assert.rejects(pj.createToken(TEST_CARD));
  });
});

describe('tokens', () => {
  it('POST /transactions {tokenId}: a keyed charge of the card; the token is single use', async () => {
    const tokenId = await tokenize();
    const res = await sim.pj('POST', '/transactions', { tokenId, amountBase: '10.00' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.method, 'KEYED');
    assert.deepEqual(res.body.vault, { type: 'CARD', accountType: 'VISA', lastFour: '1111' });
    const again = await sim.pj('POST', '/transactions', { tokenId, amountBase: '10.00' });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body.errors, [{ message: TOKEN_USED_MESSAGE, parameter: 'tokenId', type: 'invalid' }]);
    const [token] = (await sim.control('GET', '/tokens')).tokens;
    assert.equal(token.used, true);
    assert.equal(token.usedFor, `transaction ${res.body.transactionId}`);

    const unknown = await sim.pj('POST', '/transactions', { tokenId: 'not-a-token', amountBase: '1.00' });
    assert.deepEqual(unknown.body.errors, [{ message: TOKEN_UNKNOWN_MESSAGE, parameter: 'tokenId', type: 'invalid' }]);
    const twoSources = await sim.pj('POST', '/transactions', { tokenId, ...TEST_CARD, amountBase: '1.00' });
    assert.equal(twoSources.status, 400);
  });

  it('a request refused for another field leaves the token unused', async () => {
    const tokenId = await tokenize();
    const refused = await sim.pj('POST', '/transactions', { tokenId, amountBase: '1,00' });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      refused.body.errors.map((e: { parameter: string }) => e.parameter),
      ['amountBase'],
    );
    assert.equal((await sim.pj('POST', '/transactions', { tokenId, amountBase: '1.00' })).status, 201);
  });

  it('expires 30 minutes of simulator time after it was made, not before', async (t) => {
    // Only Date is virtual: the clock stands still unless the test moves it, real I/O goes on.
    t.mock.timers.enable({ apis: ['Date'], now: VIRTUAL_START });
    const early = await tokenize();
    const late = await tokenize();
    const realLifetime = TOKEN_LIFETIME_MS / SPEED;
    t.mock.timers.tick(realLifetime - 1);
    const states = (await sim.control('GET', '/tokens')).tokens.map((tk: { expired: boolean }) => tk.expired);
    assert.deepEqual(states, [false, false]);
    assert.equal((await sim.pj('POST', '/transactions', { tokenId: early, amountBase: '2.00' })).status, 201);
    t.mock.timers.tick(1);
    const expired = await sim.pj('POST', '/transactions', { tokenId: late, amountBase: '2.00' });
    assert.equal(expired.status, 400);
    assert.deepEqual(expired.body.errors, [{ message: TOKEN_EXPIRED_MESSAGE, parameter: 'tokenId', type: 'invalid' }]);
    const [, lateView] = (await sim.control('GET', '/tokens')).tokens;
    assert.equal(lateView.expired, true);
    assert.equal(lateView.used, false);
    assert.equal(Date.parse(lateView.expires) - Date.parse(lateView.created), realLifetime);
  });

  it('controls: expire and reuse make the next use fail; unknown ids are 404', async () => {
    const expireMe = await tokenize();
    const reuseMe = await tokenize();
    const expired = await sim.control('POST', `/tokens/${expireMe}/expire`);
    assert.equal(expired.token.expired, true);
    const reused = await sim.control('POST', `/tokens/${reuseMe}/reuse`);
    assert.deepEqual([reused.token.used, reused.token.usedFor], [true, 'control']);
    const a = await sim.pj('POST', '/transactions', { tokenId: expireMe, amountBase: '1.00' });
    assert.equal(a.body.errors[0].message, TOKEN_EXPIRED_MESSAGE);
    const b = await sim.pj('POST', '/transactions', { tokenId: reuseMe, amountBase: '1.00' });
    assert.equal(b.body.errors[0].message, TOKEN_USED_MESSAGE);
    for (const action of ['expire', 'reuse']) {
      assert.equal((await sim.raw('POST', `/__sim/tokens/nope/${action}`)).status, 404);
    }
  });
});

describe('no card number leaves the tokens endpoint', () => {
  it('appears in no log line, no control answer and no API answer', async () => {
    const lines: string[] = [];
    const record = (level: string) => (obj: object, msg?: string) => lines.push(JSON.stringify({ level, obj, msg }));
    const logger: SimLogger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const logged = await startTestSimulator({ logger });
    try {
      const number = '4111111111111111';
      const spaced = '4111 1111 1111 1111';
      const tokenId = await tokenize({ cardNumber: spaced, cardCvv: '987' }, logged);
      // A body the parser refuses: V8's error message quotes a short body whole.
      const broken = await fetch(`${logged.webUrl}/trinity/api/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: `x${number}`,
      });
      const brokenText = await broken.text();
      assert.equal(broken.status, 400);
      const tx = await logged.pj('POST', '/transactions', { tokenId, amountBase: '3.00' });
      assert.equal(tx.status, 201);
      const customer = await logged.pj('POST', '/customers', { firstName: 'Ana', tokenId: await tokenize({}, logged) });
      const answers = [
        brokenText,
        tx.text,
        customer.text,
        (await logged.pj('GET', `/customers/${customer.body.customerId}/vaults`)).text,
        ...(await Promise.all(['/tokens', '/calls', '/deliveries'].map((p) => logged.raw('GET', `/__sim${p}`)))).map(
          (r) => r.text,
        ),
      ];
      assert.ok(
        lines.some((l) => l.includes('/trinity/api/tokens')),
        'web calls are logged',
      );
      for (const text of [...lines, ...answers]) {
        for (const secret of [number, spaced, '"987"', 'cardCvv'])
          assert.ok(!text.includes(secret), `${secret} in ${text}`);
      }
    } finally {
      await logged.close();
    }
  });
});
