/** GET /terminals: the merchant's accounts (CARD and ACH), paginated with limit ≤ 50 and offset. */
import { Hono } from 'hono';
import type { PjErrorItem } from '../../../src/protocol/wire.js';
import { invalid, PjValidationError } from '../errors.js';
import { SIM_TERMINALS } from '../fixtures.js';
import type { AppEnv } from './env.js';

const PAGE_MAX = 50;

export function terminalRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => {
    const query = new URL(c.req.url).searchParams;
    const errors: PjErrorItem[] = [];
    const limit = pageParam(query, 'limit', PAGE_MAX, 1, PAGE_MAX, errors);
    const offset = pageParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, errors);
    if (errors.length) throw new PjValidationError(errors);
    const page = (o: number) => `${c.get('baseUrl')}/terminals?limit=${limit}&offset=${o}`;
    return c.json({
      ...(offset + limit < SIM_TERMINALS.length ? { next: page(offset + limit) } : {}),
      ...(offset > 0 ? { prev: page(Math.max(0, offset - limit)) } : {}),
      results: SIM_TERMINALS.slice(offset, offset + limit),
    });
  });
  return routes;
}

function pageParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
  errors: PjErrorItem[],
): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    errors.push(
      invalid(
        name,
        `${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}.`,
      ),
    );
    return fallback;
  }
  return Number(raw);
}
