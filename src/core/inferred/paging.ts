/** Pages an inferred list the way its vendor does: Okta `Link` headers, Jira `startAt`/`maxResults`, Google page tokens. */
import type { JsonSchema } from '../digest.js';
import type { OpContext, Reply } from '../handler.js';
import type { Doc } from '../tenant.js';
import type { SchemaReader } from './schema.js';

export type PaginationStyle = 'okta-link' | 'jira-offset' | 'google-token' | 'none';

export function pageList(items: unknown[], ctx: OpContext, style: PaginationStyle, schema: JsonSchema | undefined, schemas: SchemaReader): Reply {
  const q = ctx.query as Record<string, unknown>;
  const arrayProp = schema && schema.type !== 'array' ? schemas.arrayProperty(schema) : undefined;
  const wrap = (page: unknown[], extra: Record<string, unknown>) => (arrayProp ? { ...schemas.defaults(schema), ...extra, [arrayProp]: page } : page);

  if (style === 'okta-link') {
    const limit = clampInt(q.limit, 200, 1, 200);
    const ids = items.map((d) => (d as Doc).id);
    const start = typeof q.after === 'string' ? ids.indexOf(q.after) + 1 : 0;
    const page = items.slice(start, start + limit);
    const self = new URL(ctx.baseUrl + new URL(ctx.req.url).pathname);
    const links = [`<${withQuery(self, { ...strings(q) })}>; rel="self"`];
    if (start + limit < items.length) links.push(`<${withQuery(self, { ...strings(q), limit: String(limit), after: ids[start + limit - 1] })}>; rel="next"`);
    return { body: page, headers: { link: links.join(', ') } };
  }
  if (style === 'jira-offset') {
    const startAt = clampInt(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = clampInt(q.maxResults, 50, 1, 1000);
    const page = items.slice(startAt, startAt + maxResults);
    if (!arrayProp) return { body: page };
    return { body: wrap(page, { startAt, maxResults, total: items.length, isLast: startAt + page.length >= items.length }) };
  }
  if (style === 'google-token') {
    const size = clampInt(q.pageSize ?? q.maxResults, 100, 1, 1000);
    const start = typeof q.pageToken === 'string' ? Number(Buffer.from(q.pageToken, 'base64url').toString()) || 0 : 0;
    const page = items.slice(start, start + size);
    const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
    return { body: wrap(page, next ? { nextPageToken: next } : {}) };
  }
  return { body: wrap(items, {}) };
}

function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : dflt;
}

function strings(q: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

export function withQuery(url: URL, q: Record<string, string>): string {
  const u = new URL(url);
  u.search = new URLSearchParams(q).toString();
  return u.toString();
}
