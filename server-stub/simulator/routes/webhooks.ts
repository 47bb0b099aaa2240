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
    const url = checkWebhookUrl(check, true);
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
    const url = checkWebhookUrl(check, false);
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

/** PayJunction wants an HTTPS URL without a port; the simulator also takes http:// and ports. */
function checkWebhookUrl(check: FieldChecker, isRequired: boolean): string | undefined {
  const url = isRequired ? check.requiredText('url', 255) : check.optionalText('url', 255);
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
  } catch {
    check.add(invalid('url', 'Url must be a valid http(s) URL.'));
    return undefined;
  }
  return url;
}
