/**
 * PayJunction's webhook URL rule, written once (src/protocol/webhook-url.ts) for the relay's start, the
 * labs check and the simulator: HTTPS, no port (":443" written out included), at most 255 characters;
 * http only for requestcatcher.com, and on loopback only when asked (a relay receiving the simulator).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webhookUrlProblem } from '../../src/protocol/webhook-url.js';

test('PayJunction takes an https URL without a port, and its test catcher over http', () => {
  for (const url of ['https://shop.example/pj/webhooks/payjunction', 'http://mine.requestcatcher.com/test'])
    assert.equal(webhookUrlProblem(url), undefined, url);
});

test('anything else is refused with why, never repeating the URL', () => {
  const cases: [string, RegExp][] = [
    ['http://shop.example/hook', /starts with http:\/\/, not https:\/\//],
    ['https://shop.example:8443/hook', /names port 8443/],
    ['https://shop.example:443/hook', /names port 443/],
    ['https://shop.example:/hook', /names a port/],
    ['shop.example/hook?t0ken', /not a URL/],
    [`https://shop.example/${'a'.repeat(240)}`, /is 261 characters long/],
    ['http://127.0.0.1:9000/hook', /starts with http:\/\/, not https/],
  ];
  for (const [url, why] of cases) {
    const problem = webhookUrlProblem(url);
    assert.match(problem ?? 'accepted', why, url);
    assert.ok(!problem!.includes('shop.example'), `${url}: the reason repeats the URL`);
  }
});

test('loopback http or https on any port only when asked', () => {
  for (const url of ['http://127.0.0.1:9000/hook', 'http://localhost:1/h', 'https://[::1]:8443/h'])
    assert.equal(webhookUrlProblem(url, { loopbackHttp: true }), undefined, url);
  assert.match(webhookUrlProblem('https://10.0.0.2:9000/h', { loopbackHttp: true })!, /names port 9000/);
  assert.match(webhookUrlProblem('ftp://127.0.0.1/h', { loopbackHttp: true })!, /not https/);
});
