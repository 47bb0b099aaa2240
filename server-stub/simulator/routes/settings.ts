/**
 * GET / POST /__sim/settings: what a test switches at run time, starting from the simulator's
 * options (a reset puts them back): the global rate limit (`rateLimit`: `{intervalMs, burst}` or
 * false), DT (`duplicateCheck`), http:// loopback webhook URLs (`allowHttpWebhooks`) and one event
 * id per Smart Terminal request (`reuseEventIds`). A POST changes only the settings it names.
 */
import { Hono } from 'hono';
import type { SimSettings, SimulatorState } from '../state.js';

export function settingsRoutes(state: SimulatorState): Hono {
  const routes = new Hono();
  routes.get('/', (c) => c.json({ settings: state.settings }));
  routes.post('/', async (c) => {
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return c.json({ error: 'body must be a JSON object' }, 400);
    }
    const parsed = parseSettings(body);
    if (typeof parsed === 'string') return c.json({ error: parsed }, 400);
    Object.assign(state.settings, parsed);
    // A new limit starts with full buckets, whatever the old one had used.
    if (parsed.rateLimit !== undefined) state.rateLimiter.reset();
    return c.json({ settings: state.settings });
  });
  return routes;
}

/** The settings named in `body`, or why they are refused (all or nothing). */
function parseSettings(body: unknown): Partial<SimSettings> | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const out: Partial<SimSettings> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    switch (name) {
      case 'allowHttpWebhooks':
      case 'duplicateCheck':
      case 'reuseEventIds':
        if (typeof value !== 'boolean') return `${name} must be true or false`;
        out[name] = value;
        break;
      case 'rateLimit': {
        if (value === false) {
          out.rateLimit = false;
          break;
        }
        const { intervalMs, burst = 2 } = (value ?? {}) as { intervalMs?: unknown; burst?: unknown };
        if (typeof intervalMs !== 'number' || !(intervalMs > 0))
          return 'rateLimit must be false or {intervalMs > 0, burst ≥ 1}';
        if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1)
          return 'rateLimit.burst must be a whole number ≥ 1';
        out.rateLimit = { intervalMs, burst };
        break;
      }
      default:
        return `unknown setting ${name}`;
    }
  }
  return out;
}
