/**
 * /webhooks: the merchant's webhook subscriptions (create within the limit, list, get, update url
 * and/or secret, delete). The secret is never returned. Deliveries are webhooks.ts's job.
 */
import { Hono } from 'hono';
import { errorBody, invalid } from '../errors.js';
import type { SimulatorState } from '../state.js';
import { FieldChecker } from '../validate.js';
import { WEBHOOK_EVENT_TYPES, WebhookDispatcher } from '../webhooks.js';
import type { AppEnv } from './env.js';
import { notFound } from './env.js';

export function webhookRoutes(state: SimulatorState): Hono<AppEnv> {
  const { webhooks } = state;
  const routes = new Hono<AppEnv>();

  routes.post('/', (c) => {
    const check = new FieldChecker(c.get('form'));
    const event = check.oneOf('event', WEBHOOK_EVENT_TYPES, { required: true });
    const url = checkWebhookUrl(check, true, state.settings.allowHttpWebhooks);
    const secret = check.optionalText('secret', 255);
    check.throwIfAny();
    if (webhooks.isFull) {
      return c.json(
        errorBody({
          message: `Max webhook limit has been reached: at most ${webhooks.subscriptionLimit} subscriptions per merchant.`,
        }),
        403,
      );
    }
    return c.json(WebhookDispatcher.view(webhooks.add(event!, url!, secret)));
  });

  routes.get('/', (c) => c.json({ results: webhooks.list().map((s) => WebhookDispatcher.view(s)) }));

  routes.get('/:webhookId', (c) => {
    const sub = webhooks.get(c.req.param('webhookId'));
    return sub ? c.json(WebhookDispatcher.view(sub)) : notFound(c);
  });

  routes.put('/:webhookId', (c) => {
    const webhookId = c.req.param('webhookId');
    if (!webhooks.get(webhookId)) return notFound(c);
    const form = c.get('form');
    const check = new FieldChecker(form);
    const url = checkWebhookUrl(check, false, state.settings.allowHttpWebhooks);
    if (form.has('secret')) check.optionalText('secret', 255);
    check.throwIfAny();
    const sub = webhooks.update(webhookId, {
      ...(url !== undefined ? { url } : {}),
      ...(form.has('secret') ? { secret: form.get('secret')!.trim() } : {}),
    })!;
    return c.json(WebhookDispatcher.view(sub));
  });

  routes.delete('/:webhookId', (c) => (webhooks.remove(c.req.param('webhookId')) ? c.body(null, 204) : notFound(c)));

  return routes;
}

export const WEBHOOK_URL_MESSAGE = 'Url must be HTTPS, with no port, and at most 255 characters.';

/**
 * PayJunction's rule: "URL must be HTTPS with max length 255 and cannot contain a port"
 * (https://developer.payjunction.com/hc/en-us/articles/219594068,
 * https://developer.payjunction.com/hc/en-us/articles/219594268), except the http://requestcatcher.com
 * URLs those pages allow for testing. With `allowHttpWebhooks` (PJ_SIM_ALLOW_HTTP_WEBHOOKS=1) a
 * loopback URL may also be http:// and have a port, so a local relay can receive deliveries.
 */
function checkWebhookUrl(check: FieldChecker, isRequired: boolean, allowHttp: boolean): string | undefined {
  const url = isRequired ? check.requiredText('url', 255) : check.optionalText('url', 255);
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !webhookUrlAllowed(parsed, allowHttp, url)) {
    check.add(invalid('url', WEBHOOK_URL_MESSAGE));
    return undefined;
  }
  return url;
}

export function webhookUrlAllowed(url: URL, allowHttp: boolean, text = url.href): boolean {
  const host = url.hostname.toLowerCase();
  if (allowHttp && isLoopback(host)) return url.protocol === 'http:' || url.protocol === 'https:';
  // Any port written, the scheme's default too (URL drops ":443" from url.port).
  if (url.port !== '' || /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(?:\[[^\]]*\]|[^/?#:]*):/i.test(text.trim()))
    return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (host === 'requestcatcher.com' || host.endsWith('.requestcatcher.com'));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
