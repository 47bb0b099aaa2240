/**
 * The payment fields frame on its own origin (issue 11): a relay in simulator mode with a fields port
 * serves a built frame (here a small one in a temporary folder) there, and nothing else: its strict
 * Content-Security-Policy built from the relay's settings, its meta tags naming the SDK's and the
 * relay's origins, ETag revalidation, GET and HEAD only, no /pj routes. Sharing the relay's origin is
 * refused at start.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../server-stub/log.js';
import { createRelay } from '../../server-stub/relay-server.js';
import { startTestRelay, type TestRelay } from '../helpers/relay.js';

const FRAME = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="pj-fields-sdk-origins" content="https://www.payjunction.com https://www.payjunctionlabs.com" />
    <meta name="pj-fields-relay-origins" content="'self'" />
    <title>Payment details</title>
    <script type="module" crossorigin src="./fields--4DFIhE2.js"></script>
  </head>
  <body><form id="pj-fields" hidden></form></body>
</html>
`;
const SCRIPT = 'document.getElementById("pj-fields").hidden = false;\n';
const ALLOWED = 'https://shop.example';

let dir: string;
let t: TestRelay;
let fields: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pj-fields-'));
  writeFileSync(join(dir, 'fields.html'), FRAME);
  writeFileSync(join(dir, 'fields--4DFIhE2.js'), SCRIPT);
  writeFileSync(join(dir, '.env'), 'SECRET=1\n');
  t = await startTestRelay({ fields: { port: 0, dir }, allowedOrigins: [ALLOWED] });
  fields = t.server.fieldsOrigin!;
});
after(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The CSP as a map from directive to its sources. */
function directives(csp: string | null): Map<string, string[]> {
  assert.ok(csp, 'a Content-Security-Policy');
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('the fields origin', () => {
  test('is another origin than the relay, told to pages by /pj/fields/config', async () => {
    assert.match(fields, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(fields, t.origin);
    const config = (await (await fetch(`${t.api}/fields/config`)).json()) as { fieldsOrigin?: string };
    assert.equal(config.fieldsOrigin, fields);
  });

  test('serves the frame with a strict CSP built from the relay, and no X-Frame-Options', async () => {
    const res = await fetch(`${fields}/fields.html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const sdk = new URL(t.server.simulatorWebUrl!).origin;
    const csp = directives(res.headers.get('content-security-policy'));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'self'", sdk]);
    const connect = csp.get('connect-src')!;
    assert.ok(connect.includes(t.origin) && connect.includes(sdk), connect.join(' '));
    assert.ok(!connect.includes("'self'") && !connect.includes('*'), 'the frame cannot call its own origin or any');
    assert.deepEqual(csp.get('style-src'), ["'self'"], 'a constructed style sheet needs no inline style');
    assert.deepEqual(csp.get('img-src'), ["'self'", 'data:']);
    assert.deepEqual(csp.get('base-uri'), ["'none'"]);
    assert.deepEqual(csp.get('form-action'), ["'none'"]);
    const ancestors = csp.get('frame-ancestors')!;
    assert.ok(ancestors.includes(t.origin) && ancestors.includes(ALLOWED), ancestors.join(' '));
    assert.ok(!ancestors.includes(fields), 'the frame is not framed by its own origin');
    assert.equal(res.headers.get('x-frame-options'), null);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    await res.arrayBuffer();
  });

  test("rewrites the frame's meta tags: the SDK's origin for this mode and the relay's", async () => {
    const html = await (await fetch(`${fields}/`)).text();
    const meta = (name: string) => new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(html)?.[1];
    assert.equal(meta('pj-fields-sdk-origins'), new URL(t.server.simulatorWebUrl!).origin);
    const relayOrigins = meta('pj-fields-relay-origins')!.split(' ');
    assert.ok(relayOrigins.includes(t.origin), relayOrigins.join(' '));
    assert.ok(!relayOrigins.includes("'self'"), 'the relay is not on the frame’s origin');
    assert.ok(html.includes('src="./fields--4DFIhE2.js"'), 'the rest of the page as built');
  });

  test('revalidates the page with an ETag (304), and caches hashed assets for a year', async () => {
    const first = await fetch(`${fields}/fields.html`);
    const tag = first.headers.get('etag');
    assert.ok(tag);
    await first.arrayBuffer();
    const again = await fetch(`${fields}/fields.html`, { headers: { 'If-None-Match': tag } });
    assert.equal(again.status, 304);
    const asset = await fetch(`${fields}/fields--4DFIhE2.js`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await asset.text(), SCRIPT);
    const assetTag = asset.headers.get('etag');
    assert.ok(assetTag);
    assert.equal((await fetch(`${fields}/fields--4DFIhE2.js`, { headers: { 'If-None-Match': assetTag } })).status, 304);
  });

  test('has no /pj routes, no dotfiles, nothing but the frame', async () => {
    for (const path of ['/pj/health', '/pj/fields/config', '/.env', '/assets/missing.js', '/__sim/calls']) {
      const res = await fetch(`${fields}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /SECRET|publishableKey/, path);
    }
  });

  test('answers GET and HEAD only', async () => {
    const head = await fetch(`${fields}/fields.html`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${fields}/fields.html`, { method });
      assert.ok(res.status === 405 || res.status === 404, `${method}: ${res.status}`);
      await res.arrayBuffer();
    }
    const post = await fetch(`${fields}/pj/fields/ach-vault`, { method: 'POST', body: '{}' });
    assert.equal(post.status, 405, 'no bank account is taken on the fields origin');
  });
});

describe('the fields origin must be its own', () => {
  const quiet = () => createLogger({ level: 'silent' });

  test('PJ_FIELDS_ORIGIN equal to PJ_PUBLIC_ORIGIN is refused at start', async () => {
    await assert.rejects(
      createRelay({
        mode: 'simulator',
        simulator: { port: 0 },
        logger: quiet(),
        env: { PJ_FIELDS_ORIGIN: 'https://shop.example', PJ_PUBLIC_ORIGIN: 'https://shop.example' },
      }),
      /both on https:\/\/shop\.example.*PJ_FIELDS_ORIGIN.*PJ_FIELDS_PORT/s,
    );
  });

  test("a fields port equal to the relay's is refused by listen(), naming PJ_FIELDS_PORT", async () => {
    const relay = await createRelay({
      mode: 'simulator',
      simulator: { port: 0 },
      logger: quiet(),
      env: { PJ_FIELDS_PORT: '18099' },
    });
    try {
      await assert.rejects(relay.listen({ port: 18099 }), /PJ_FIELDS_PORT/);
    } finally {
      await relay.close();
    }
  });

  test("PJ_FIELDS_ORIGIN naming the relay's own listening origin is refused by listen()", async () => {
    // Checked before either port is bound: these ports are never listened on.
    const relay = await createRelay({
      mode: 'simulator',
      simulator: { port: 0 },
      logger: quiet(),
      env: { PJ_FIELDS_ORIGIN: 'http://127.0.0.1:18098' },
    });
    try {
      await assert.rejects(relay.listen({ port: 18098 }), /both on http:\/\/127\.0\.0\.1:18098.*PJ_FIELDS_ORIGIN/s);
    } finally {
      await relay.close();
    }
  });

  test('serveFields() refuses the origin of the pages it serves', async () => {
    const relay = await createRelay({
      mode: 'simulator',
      simulator: { port: 0 },
      logger: quiet(),
      env: { PJ_FIELDS_ORIGIN: 'http://127.0.0.1:18097' },
    });
    try {
      await assert.rejects(relay.serveFields({ relayOrigin: 'http://127.0.0.1:18097' }), /PJ_FIELDS_ORIGIN/);
    } finally {
      await relay.close();
    }
  });
});

const built = fileURLToPath(new URL('../../dist/fields/fields.html', import.meta.url));
describe(
  'the built frame (dist/fields, when built)',
  { skip: !existsSync(built) && 'dist/fields is not built' },
  () => {
    test('loads on the fields origin with its scripts', async () => {
      const relay = await startTestRelay({ fields: { port: 0 } });
      try {
        const origin = relay.server.fieldsOrigin!;
        const html = await (await fetch(`${origin}/fields.html`)).text();
        assert.match(html, /<meta name="pj-fields-relay-origins" content="[^"]*127\.0\.0\.1/);
        for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
          const res = await fetch(new URL(src!, `${origin}/fields.html`));
          assert.equal(res.status, 200, src);
          assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', src);
          await res.arrayBuffer();
        }
        assert.doesNotMatch(html, /<style|style="/, "style-src 'self' suffices: no inline style");
      } finally {
        await relay.close();
      }
    });
  },
);
