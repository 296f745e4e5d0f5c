// Okta's cursor pagination: `limit` + `after`, answered with `Link` rel="self"/rel="next" on the caller's own origin.
import type { OpContext, Reply } from '../../../src/core/handler.js';
import type { Collection, Doc } from '../../../src/core/tenant.js';
import { oktaErrorWith } from '../errors.js';

export interface PageOptions {
  /** Okta's documented default page size for this list. */
  defaultLimit: number;
  /** Okta's documented maximum; larger values are clamped, as Okta does. */
  maxLimit: number;
  /** Shapes one item for the reply. */
  present?: (doc: any) => unknown;
  /** What a page's `after` cursor names, where Okta's list is ordered by it (default: the item's id). */
  cursor?: (doc: any) => string;
}

/** The `limit` query parameter as Okta reads it: absent or non-numeric → default, too large → clamped. */
export function limitOf(q: Record<string, unknown>, opts: PageOptions): number {
  const raw = q.limit;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return opts.defaultLimit;
  if (n < 1) return opts.defaultLimit;
  return Math.min(Math.trunc(n), opts.maxLimit);
}

/**
 * Where a page starts. Cursors are item ids; twin ids sort in creation order
 * (see `oktaId`), so a cursor whose item has since been deleted still finds its place.
 */
export function startAfter(items: Doc[], after: unknown, key: (doc: Doc) => string = (d) => d.id): number {
  if (typeof after !== 'string' || after === '') return 0;
  const i = items.findIndex((d) => key(d) === after);
  if (i >= 0) return i + 1;
  const next = items.findIndex((d) => key(d) > after);
  return next < 0 ? items.length : next;
}

/** The request URL re-based on the caller's origin and tenant prefix, with new query values. */
export function selfUrl(ctx: OpContext, query: Record<string, string | undefined>): string {
  const url = new URL(ctx.req.url);
  const out = new URL(ctx.baseUrl + url.pathname);
  for (const [k, v] of url.searchParams) if (!(k in query)) out.searchParams.append(k, v);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out.searchParams.set(k, v);
  return out.toString();
}

/** One page of `items` with Okta's Link header. */
export function page(ctx: OpContext, items: Doc[], opts: PageOptions): Reply {
  const { limit, after } = cursorOf(ctx, opts);
  const start = startAfter(items, after, opts.cursor);
  return reply(ctx, items.slice(start, start + limit), start + limit < items.length, limit, opts);
}

/**
 * The same page of a collection's documents that pass `pred`, read lazily in collection order: only
 * as far as the cursor and one document past the page, so a first page costs the page, not the org.
 * (Equal to `page(ctx, col.filter(pred), opts)`: the cursor's own document, when it still passes,
 * is found by id; otherwise the page starts at the first passing id after it.) `col` may be a narrower
 * source of the same documents in the same order (`source` in lookup.ts).
 */
export function pageOf<T extends Doc>(ctx: OpContext, col: Pick<Collection<T>, 'get'> & { iterate(): Iterable<T> }, pred: (doc: T) => boolean, opts: PageOptions): Reply {
  const { limit, after } = cursorOf(ctx, opts);
  const cursorDoc = typeof after === 'string' && after !== '' ? col.get(after) : undefined;
  const exact = cursorDoc !== undefined && pred(cursorDoc);
  let started = typeof after !== 'string' || after === '';
  const out: T[] = [];
  for (const doc of col.iterate()) {
    if (!started) {
      if (exact) {
        started = doc.id === after;
        continue;
      }
      if (!(doc.id > after!) || !pred(doc)) continue;
      started = true;
      out.push(doc);
      continue;
    }
    if (pred(doc)) out.push(doc);
    if (out.length > limit) break;
  }
  return reply(ctx, out.slice(0, limit), out.length > limit, limit, opts);
}

function cursorOf(ctx: OpContext, opts: PageOptions): { limit: number; after: string | undefined } {
  const q = ctx.query as Record<string, unknown>;
  if (q.after !== undefined && typeof q.after !== 'string') throw oktaErrorWith('E0000029', [], { causes: ['Invalid cursor.'] });
  return { limit: limitOf(q, opts), after: q.after as string | undefined };
}

function reply(ctx: OpContext, slice: Doc[], more: boolean, limit: number, opts: PageOptions): Reply {
  const links = [`<${selfUrl(ctx, {})}>; rel="self"`];
  const last = slice[slice.length - 1];
  if (more && last) links.push(`<${selfUrl(ctx, { after: opts.cursor ? opts.cursor(last) : last.id, limit: String(limit) })}>; rel="next"`);
  const present = opts.present ?? ((d: Doc) => d);
  return { status: 200, body: slice.map(present), headers: { link: links.join(', ') } };
}
