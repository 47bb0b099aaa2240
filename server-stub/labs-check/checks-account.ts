/**
 * The checks that move nothing: authentication (GET /terminals, which also names the card account
 * terminal requests run on), the Smart Terminal list, the publishable keys, and a webhook
 * subscription made, listed and deleted. Each through the project's PayJunction client.
 */
import { randomBytes } from 'node:crypto';
import { PayJunctionError } from '../payjunction/index.js';
import { WEBHOOK_URL_RULE, webhookUrlProblem } from '../../src/protocol/webhook-url.js';
import { result, type CheckContext, type CheckResult } from './context.js';
import { itemKeysOf, keysOf } from './seen.js';

/** One sentence for a failed call: what PayJunction said, and for a 401 what to check. */
export function describeFailure(err: unknown, ctx: CheckContext): string {
  if (!(err instanceof PayJunctionError)) return (err as Error)?.message ?? String(err);
  switch (err.kind) {
    case 'auth':
      return (
        `401: PayJunction refused the credentials. Check that PJ_API_LOGIN and PJ_API_PASSWORD are an API ` +
        `credential's (More → API Credentials), that PJ_APP_KEY is the application key for ` +
        `${ctx.config.target === 'production' ? 'production' : 'labs'} (labs and production keys differ), and that ` +
        `they belong to ${ctx.pj.baseUrl} (labs credentials fail on production and the other way round).`
      );
    case 'network':
    case 'timeout':
      return `${err.message} — is ${ctx.pj.baseUrl} reachable from this machine?`;
    case 'forbidden':
      return `${err.message} — this API credential may be restricted (More → API Credentials → its permissions).`;
    default:
      return err.message;
  }
}

export async function checkAuthentication(ctx: CheckContext): Promise<CheckResult> {
  const title = 'authentication';
  try {
    const accounts = await ctx.pj.listTerminals({ signal: ctx.signal });
    ctx.authenticated = true;
    const results = Array.isArray(accounts.results) ? accounts.results : [];
    const card = results.find((t) => t.enabled && t.type === 'CARD');
    if (card) ctx.cardTerminalId = Number(card.terminalId);
    const kinds = results.map((t) => `${t.terminalId} ${t.type}${t.enabled ? '' : ' (disabled)'}`);
    const summary =
      `GET /terminals answered: ${results.length} merchant account${results.length === 1 ? '' : 's'} (${kinds.join(', ') || 'none'})` +
      (card ? `; Smart Terminal requests run on card account ${card.terminalId}` : '');
    if (!card) {
      return result(
        'authentication',
        title,
        'fail',
        `${summary}; no enabled CARD account, which every Smart Terminal request needs.`,
      );
    }
    return result('authentication', title, 'pass', summary);
  } catch (err) {
    return result('authentication', title, 'fail', describeFailure(err, ctx));
  }
}

export async function checkSmartTerminals(ctx: CheckContext): Promise<CheckResult> {
  const title = 'Smart Terminal list';
  try {
    const list = await ctx.pj.listSmartTerminals({ signal: ctx.signal });
    const items: unknown[] = Array.isArray(list?.results) ? list.results : [];
    ctx.seen.smartTerminals = { topKeys: keysOf(list), itemKeys: itemKeysOf(items), count: items.length };
    // What the relay reads of each (server-stub/relay/merchant-accounts.ts): the id and the nickname.
    const bad = items.filter((t) => {
      const item = t as Record<string, unknown>;
      return typeof item.smartTerminalId !== 'string' || typeof item.nickName !== 'string';
    });
    if (!Array.isArray(list?.results) || bad.length > 0) {
      return result(
        'smart-terminals',
        title,
        'fail',
        `GET /smartterminals is not the shape the relay reads ({results:[{smartTerminalId, nickName}]}): ` +
          `top level ${keysOf(list).join(', ') || 'none'}, items ${itemKeysOf(items).join(', ') || 'none'}`,
      );
    }
    ctx.smartTerminals = list.results;
    const details = list.results.map((t) => `${t.smartTerminalId}  "${t.nickName}"`);
    const count = `${items.length} Smart Terminal${items.length === 1 ? '' : 's'}`;
    return result(
      'smart-terminals',
      title,
      'pass',
      items.length
        ? `${count}, each with the id and nickname the relay reads`
        : `${count}: pair one in PayJunction to take terminal payments`,
      details,
    );
  } catch (err) {
    return result('smart-terminals', title, 'fail', describeFailure(err, ctx));
  }
}

export async function checkPublishableKeys(ctx: CheckContext): Promise<CheckResult> {
  const title = 'publishable keys';
  try {
    const list = await ctx.pj.listPublishableKeys({ signal: ctx.signal });
    const items: unknown[] = Array.isArray(list?.results) ? list.results : [];
    const values = items.map((k) => (k as { keyValue?: unknown }).keyValue);
    const allPrefixed = values.every((v) => typeof v === 'string' && v.startsWith('key_'));
    ctx.seen.publishableKeys = { topKeys: keysOf(list), itemKeys: itemKeysOf(items), count: items.length, allPrefixed };
    if (!Array.isArray(list?.results) || values.some((v) => typeof v !== 'string' || v === '')) {
      return result(
        'publishable-keys',
        title,
        'fail',
        `GET /publishablekeys is not {results:[{keyValue}]}: top level ${keysOf(list).join(', ') || 'none'}`,
      );
    }
    // The key is public (pages carry it) but still not printed: its length says enough.
    const summary = items.length
      ? `GET /publishablekeys: ${items.length} key${items.length === 1 ? '' : 's'}; the payment fields frame reuses the first (key_…, ${String(values[0]).length} characters)`
      : 'GET /publishablekeys: none yet; the relay makes one (POST /publishablekeys, at most 100 per merchant) for the first payment fields frame';
    return result('publishable-keys', title, 'pass', summary);
  } catch (err) {
    return result('publishable-keys', title, 'fail', describeFailure(err, ctx));
  }
}

/** The parameters a failed call's errors name. */
const parametersOf = (err: unknown) =>
  err instanceof PayJunctionError ? err.errors.flatMap((e) => (e.parameter ? [e.parameter] : [])) : [];

export async function checkWebhooks(ctx: CheckContext): Promise<CheckResult> {
  const title = 'webhook subscription';
  const url = ctx.config.webhookUrl;
  if (!url) {
    return result(
      'webhooks',
      title,
      'skip',
      'set PJ_WEBHOOK_URL (the relay’s public https URL of /pj/webhooks/payjunction) to check a subscription round trip',
    );
  }
  const problem = webhookUrlProblem(url);
  if (problem) {
    return result(
      'webhooks',
      title,
      'fail',
      `PJ_WEBHOOK_URL must be ${WEBHOOK_URL_RULE}, as PayJunction requires: ${problem}. Not sent.`,
    );
  }
  const { pj, seen, signal } = ctx;
  const details: string[] = [];
  let webhookId: string | undefined;
  try {
    // A secret as the relay always sets one; thrown away with the subscription.
    const created = await pj.createWebhook(
      { event: 'SMARTTERMINAL_REQUEST', url, secret: randomBytes(24).toString('hex') },
      { signal },
    );
    webhookId = created.webhookId;
    seen.webhookCreateKeys = keysOf(created);
    seen.webhookCreateEvents = created.events;
    details.push(`POST /webhooks: subscription ${webhookId} for ${JSON.stringify(created.events)}`);
    const listed = await pj.listWebhooks({ signal });
    seen.webhookListTopKeys = keysOf(listed);
    seen.webhookListed = Array.isArray(listed?.results) && listed.results.some((w) => w.webhookId === webhookId);
    const count = Array.isArray(listed?.results) ? listed.results.length : '?';
    details.push(
      `GET /webhooks: ${count} subscription${count === 1 ? '' : 's'}, the new one ${seen.webhookListed ? 'among them' : 'MISSING'}`,
    );
    await pj.deleteWebhook(webhookId, { signal });
    const deletion = seen.responses.findLast((r) => r.method === 'DELETE');
    seen.webhookDeleteStatus = deletion?.status;
    webhookId = undefined;
    details.push(`DELETE /webhooks/{id}: ${deletion?.status ?? '?'}`);
    await probeHttpWebhook(ctx, url, details);
    if (!seen.webhookListed)
      return result('webhooks', title, 'fail', 'the new subscription was not in GET /webhooks', details);
    return result(
      'webhooks',
      title,
      'pass',
      `created, listed and deleted a SMARTTERMINAL_REQUEST subscription for ${url}`,
      details,
    );
  } catch (err) {
    const limit =
      err instanceof PayJunctionError && err.kind === 'forbidden'
        ? ' (at most 5 subscriptions per merchant: delete an unused one)'
        : '';
    return result('webhooks', title, 'fail', `${describeFailure(err, ctx)}${limit}`, details);
  } finally {
    // Never leave the check's subscription behind, even after a failure half way.
    if (webhookId) await pj.deleteWebhook(webhookId).catch(() => undefined);
  }
}

/**
 * The same URL over http:// — documented as refused, though the page also mentions http test URLs.
 * If PayJunction takes it, the subscription is deleted at once.
 */
async function probeHttpWebhook(ctx: CheckContext, url: string, details: string[]): Promise<void> {
  const httpUrl = url.replace(/^https:/i, 'http:');
  try {
    const created = await ctx.pj.createWebhook(
      { event: 'SMARTTERMINAL_REQUEST', url: httpUrl },
      { signal: ctx.signal },
    );
    ctx.seen.httpWebhookProbe = { status: 200, parameters: [] };
    details.push('POST /webhooks with the http:// URL was ACCEPTED (deleted again)');
    await ctx.pj.deleteWebhook(created.webhookId).catch(() => undefined);
  } catch (err) {
    if (!(err instanceof PayJunctionError) || err.status === 0) throw err;
    ctx.seen.httpWebhookProbe = { status: err.status, parameters: parametersOf(err) };
    details.push(`POST /webhooks with the http:// URL: refused, ${err.status}`);
  }
}

export { parametersOf };
