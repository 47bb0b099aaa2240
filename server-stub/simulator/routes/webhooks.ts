/**
 * /webhooks: the merchant's webhook subscriptions (create within the limit, list, get, update url
 * and/or secret, delete). The secret is never returned. Deliveries are webhooks.ts's job.
 */
import { Hono } from 'hono';
import { WEBHOOK_URL_MAX, webhookUrlProblem } from '../../../src/protocol/webhook-url.js';
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

/** PayJunction's rule for the URL (src/protocol/webhook-url.ts); `allowHttp`: PJ_SIM_ALLOW_HTTP_WEBHOOKS=1. */
function checkWebhookUrl(check: FieldChecker, isRequired: boolean, allowHttp: boolean): string | undefined {
  const url = isRequired ? check.requiredText('url', WEBHOOK_URL_MAX) : check.optionalText('url', WEBHOOK_URL_MAX);
  if (url === undefined) return undefined;
  if (webhookUrlProblem(url, { loopbackHttp: allowHttp })) {
    check.add(invalid('url', WEBHOOK_URL_MESSAGE));
    return undefined;
  }
  return url;
}
