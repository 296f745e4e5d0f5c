/** What every Directory resource and list carries: a content etag, and list bodies that leave out an empty list. */
import { etag } from '../../store.js';

export function withEtag(o: Record<string, unknown>): Record<string, unknown> {
  return { ...o, etag: etag(o) };
}

/** `{kind, <field>: [...], nextPageToken, etag}`; the Directory API omits the field when the list is empty. */
export function listBody(kind: string, field: string, items: unknown[], next?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { kind, ...(items.length ? { [field]: items } : {}) };
  if (next) body.nextPageToken = next;
  return withEtag(body);
}
