import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, scrubText, REDACTED } from '../../server-stub/log.js';

const PAN = '4444333322221111';
const CVV = '987';
const ACH_ACCOUNT = '123456789012';
const ROUTING = '104000016';
const PASSWORD = 'pj-ql-01p-very-secret';
const APP_KEY = '2489d40d-a74f-474f-9e8e-7b39507f3101';
const AUTHORIZATION = `Basic ${Buffer.from(`pj-ql-01:${PASSWORD}`).toString('base64')}`;

function capture(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const logger = createLogger({ level, destination });
  return { logger, lines, text: () => lines.join('\n') };
}

function assertNoSecret(text: string) {
  // A bare 3-digit CVV could occur inside the timestamp or pid: look for it as a logged value.
  assert.ok(!text.includes(`"${CVV}"`), `log output contains the CVV: ${text}`);
  for (const secret of [PAN, ACH_ACCOUNT, ROUTING, PASSWORD, APP_KEY, AUTHORIZATION, AUTHORIZATION.slice(6)]) {
    assert.ok(!text.includes(secret), `log output contains a secret (${secret.slice(0, 3)}…): ${text}`);
  }
}

describe('createLogger redaction', () => {
  it('redacts card, CVV, account numbers and credentials at the top level', () => {
    const { logger, lines, text } = capture();
    logger.info(
      {
        cardNumber: PAN,
        cardCvv: CVV,
        cvv: CVV,
        achAccountNumber: ACH_ACCOUNT,
        achRoutingNumber: ROUTING,
        password: PASSWORD,
        appKey: APP_KEY,
        authorization: AUTHORIZATION,
        amountBase: '12.50',
      },
      'payment params',
    );
    assert.equal(lines.length, 1);
    assertNoSecret(text());
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(line.cardNumber, REDACTED);
    assert.equal(line.cardCvv, REDACTED);
    assert.equal(line.password, REDACTED);
    // Non-secret fields survive: redaction is by key, not a blanket.
    assert.equal(line.amountBase, '12.50');
    assert.equal(line.msg, 'payment params');
  });

  it('redacts nested secrets: request headers in any usual case, params one and two levels down', () => {
    const { logger, lines, text } = capture();
    logger.info({
      req: { method: 'POST', headers: { authorization: AUTHORIZATION, 'x-pj-application-key': APP_KEY } },
      headers: { Authorization: AUTHORIZATION, 'X-PJ-Application-Key': APP_KEY },
      params: { cardNumber: PAN, cardCvv: CVV, accountNumber: ACH_ACCOUNT, routingNumber: ROUTING },
      upstream: { body: { achAccountNumber: ACH_ACCOUNT, apiPassword: PASSWORD, secret: 'whsec-abcdef' } },
    });
    assertNoSecret(text());
    assert.ok(!text().includes('whsec-abcdef'));
    const line = JSON.parse(lines[0]!) as { req: { method: string; headers: Record<string, string> } };
    assert.equal(line.req.headers.authorization, REDACTED);
    assert.equal(line.req.method, 'POST');
  });

  it('masks card numbers in messages, interpolation arguments, free-text fields and errors', () => {
    const { logger, text } = capture();
    logger.warn(`PayJunction said: card ${PAN} declined`);
    logger.warn('card %s declined', '4444 3333 2222 1111');
    logger.info({ note: `customer typed 4444-3333-2222-1111 in the note` }, 'note');
    const err = new Error(`Invalid card number ${PAN}`);
    logger.error({ err }, 'failed');
    logger.error(new Error(`bare error with ${PAN}`));
    const out = text();
    assertNoSecret(out);
    assert.ok(!out.includes('4444 3333 2222 1111') && !out.includes('4444-3333-2222-1111'));
    assert.ok(out.includes('1111'), 'the last four digits are kept for support');
  });

  it('keeps ids under id keys and UUIDs in messages whole, while masking PANs and redacting CVVs and account numbers', () => {
    const { logger, lines, text } = capture();
    const requestId = 'doubt-55512345-6789-4123-8123-900011122233';
    logger.info(
      {
        requestId,
        upstreamRequestId: '87654321-4321-4321-8321-210987654321',
        transactionId: '9876543210987',
        eventId: '5550001112223334',
        note: `customer read out ${PAN}`,
        params: { cvv: CVV, cardCvv: CVV, achAccountNumber: ACH_ACCOUNT },
      },
      `request ${requestId} approved as transaction 9876543210987`,
    );
    assertNoSecret(text());
    const line = JSON.parse(lines[0]!) as Record<string, any>;
    assert.equal(line.requestId, requestId);
    assert.equal(line.upstreamRequestId, '87654321-4321-4321-8321-210987654321');
    assert.equal(line.transactionId, '9876543210987');
    assert.equal(line.eventId, '5550001112223334');
    assert.equal(line.note, 'customer read out ************1111');
    assert.equal(line.params.cvv, REDACTED);
    assert.equal(line.params.achAccountNumber, REDACTED);
    // Free text is still scrubbed: the UUID stays, a bare long number does not.
    assert.equal(line.msg, `request ${requestId} approved as transaction *********0987`);
  });

  it('honours the level option', () => {
    const { logger, lines } = capture('warn');
    logger.info('not written');
    logger.warn('written');
    assert.equal(lines.length, 1);
  });
});

describe('scrubText', () => {
  it('keeps the last four digits of 12–19 digit runs, with or without separators', () => {
    assert.equal(scrubText(`card ${PAN} declined`), 'card ************1111 declined');
    assert.equal(scrubText('4444 3333 2222 1111'), '**** **** **** 1111');
    assert.equal(scrubText('4444-3333-2222-1111'), '****-****-****-1111');
    assert.equal(scrubText('1234567890123'), '*********0123');
    assert.equal(scrubText('6011000990139424123'), '***************4123');
  });

  it('never masks a UUID, even one holding a long digit run, but still masks a card number beside it', () => {
    const ids = [
      'a1234567-8901-4234-8567-890123456789',
      'doubt-12345678-1234-4123-8123-123456789012',
      '/pj/requests/doubt-12345678-1234-4123-8123-123456789012/events',
      'REQUEST 12345678-1234-4123-8123-123456789012.',
    ];
    for (const text of ids) assert.equal(scrubText(text), text);
    assert.equal(
      scrubText(`card ${PAN} on request 12345678-1234-4123-8123-123456789012`),
      'card ************1111 on request 12345678-1234-4123-8123-123456789012',
    );
    // A dashed card number is not UUID-shaped (4-4-4-4), and a run glued to a UUID-like token is no UUID.
    assert.equal(scrubText('4444-3333-2222-1111'), '****-****-****-1111');
    assert.notEqual(scrubText('x12345678-1234-4123-8123-123456789012'), 'x12345678-1234-4123-8123-123456789012');
    assert.notEqual(scrubText('12345678-1234-4123-8123-1234567890123'), '12345678-1234-4123-8123-1234567890123');
  });

  it('leaves shorter numbers, amounts and ids alone', () => {
    for (const text of [
      'transaction 10082 for 12.50',
      'terminalId 1, requestId 2489d40d-a74f-474f-9e8e-7b39507f3101',
      'phone 5551234567',
      'routing 104000016',
      '2024-05-16T20:30:07.935Z',
    ]) {
      assert.equal(scrubText(text), text);
    }
  });
});
