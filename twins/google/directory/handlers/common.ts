/** Shared by the Directory handlers: paging a list with Google's opaque page tokens. */
import type { OpContext } from '../../../../src/core/handler.js';
import { decodePageToken, encodePageToken, intParam } from '../../request.js';

/**
 * One page of `all` for `maxResults`/`pageToken`; the token remembers the query
 * (`key`) so a token replayed with other arguments is rejected as Google does.
 */
export function paginate<T>(ctx: OpContext, all: T[], opts: { dflt: number; max: number; key: unknown[] }): { items: T[]; next?: string } {
  const max = intParam(ctx, 'admin', 'maxResults', opts.dflt, 1, opts.max);
  const offset = decodePageToken(ctx.query.pageToken, opts.key, 'admin');
  const items = all.slice(offset, offset + max);
  return { items, next: offset + max < all.length ? encodePageToken(offset + max, opts.key) : undefined };
}
