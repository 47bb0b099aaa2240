/**
 * How the relay learns of a request's changes, settled at start from the options and the environment:
 * the webhook URL to subscribe (checked against PayJunction's rule), the delivery, and the secret that
 * verifies deliveries. Whatever would make PayJunction refuse the subscription, or make deliveries
 * unverifiable, stops the start with the fix, rather than a relay that quietly polls.
 */
import { randomBytes } from 'node:crypto';
import { WEBHOOK_URL_RULE, webhookUrlProblem } from '../src/protocol/webhook-url.js';
import type { Mode } from './settings.js';

/**
 * The webhook URL to subscribe (PJ_WEBHOOK_URL, or createRelay's `webhookUrl`), refused at start when
 * PayJunction would refuse it, instead of a subscription that fails and a relay that quietly polls.
 */
export function webhookUrlFrom(value: string | undefined, name: string, mode: Mode): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const problem = webhookUrlProblem(value.trim(), { loopbackHttp: mode === 'simulator' });
  if (problem) {
    const loopback = mode === 'simulator' ? ' (or, in simulator mode, http on localhost/127.0.0.1)' : '';
    throw new Error(
      `${name} must be ${WEBHOOK_URL_RULE}${loopback}, as PayJunction requires ` +
        `(https://developer.payjunction.com/hc/en-us/articles/219594068): ${problem}. ` +
        `Fix it, or unset ${name} to poll PayJunction instead.`,
    );
  }
  return value.trim();
}

export interface WebhookOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  delivery?: 'auto' | 'webhooks' | 'polling';
}

/** The relay's webhook URL, delivery and secret (see the module's comment). */
export function webhookSettings(mode: Mode, options: WebhookOptions, env: NodeJS.ProcessEnv) {
  const urlName = options.webhookUrl !== undefined ? 'webhookUrl' : 'PJ_WEBHOOK_URL';
  const webhookUrl = webhookUrlFrom(options.webhookUrl ?? env.PJ_WEBHOOK_URL, urlName, mode);
  const requested = options.delivery ?? ((env.PJ_DELIVERY as WebhookOptions['delivery']) || 'auto');
  // In simulator mode we can always receive webhooks (the simulator calls us on loopback).
  const delivery: 'webhooks' | 'polling' =
    requested === 'polling'
      ? 'polling'
      : mode === 'simulator' || webhookUrl || requested === 'webhooks'
        ? 'webhooks'
        : 'polling';
  let webhookSecret = (options.webhookSecret ?? env.PJ_WEBHOOK_SECRET) || undefined;
  if (mode === 'simulator') {
    webhookSecret ??= randomBytes(32).toString('hex');
  } else if (!webhookSecret && delivery === 'webhooks') {
    // Unsigned deliveries could be forged by anyone who can reach the URL: outside the simulator
    // the relay takes none, so subscribing would only silence status updates.
    const named = webhookUrl ? 'PJ_WEBHOOK_URL' : 'PJ_DELIVERY';
    throw new Error(
      `${mode} mode cannot take webhooks without PJ_WEBHOOK_SECRET: ${webhookUrl ? named : 'PJ_DELIVERY=webhooks'} is set, ` +
        'but without a secret a delivery cannot be told from a forged one. Set PJ_WEBHOOK_SECRET to a long random ' +
        `value (e.g. \`openssl rand -hex 32\`), or unset ${named} to poll PayJunction instead.`,
    );
  }
  return { webhookUrl, delivery, webhookSecret };
}
