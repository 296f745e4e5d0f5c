// The System Log (/api/v1/logs): time window, filter, keyword search, ordering, and Okta's polling-style paging.
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError } from '../errors.js';
import { limitOf, selfUrl } from '../present/paging.js';
import { evaluate, parseOrReject } from '../model/query.js';
import { logs, type LogEvent } from '../store.js';
import type { Handlers } from '../generated/operations.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

function parseTime(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(t)) throw oktaError('E0000030');
  return t;
}

/** `q`: every space-separated keyword must appear in the event (message, type, actor or targets). */
function keywordMatch(q: string, e: LogEvent): boolean {
  const hay = [e.displayMessage, e.eventType, e.actor.displayName, e.actor.alternateId, e.actor.id, ...e.target.flatMap((t) => [t.displayName, t.alternateId, t.id])]
    .filter((s): s is string => typeof s === 'string')
    .join(' ')
    .toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((k) => hay.includes(k));
}

/**
 * Without `until`, an ascending query is a poll: Okta always answers with a
 * `next` link, even on the last page, so a client can keep following it for new
 * events (developer.okta.com System Log API, "Polling requests").
 */
const getLogs = (ctx: OpContext) => {
  const q = ctx.query as Record<string, unknown>;
  const now = ctx.now().getTime();
  const since = parseTime(q.since) ?? now - WEEK_MS;
  const until = parseTime(q.until);
  const order = String(q.sortOrder ?? 'ASCENDING').toUpperCase();
  if (order !== 'ASCENDING' && order !== 'DESCENDING') throw oktaError('E0000001', 'sortOrder');
  const limit = limitOf(q, { defaultLimit: 100, maxLimit: 1000 });

  let events = logs(ctx.tenant).values().filter((e) => {
    const t = Date.parse(e.published);
    return t >= since && (until === undefined || t < until);
  });
  if (typeof q.filter === 'string' && q.filter.trim()) {
    const expr = parseOrReject(q.filter);
    events = events.filter((e) => evaluate(expr, e));
  }
  if (typeof q.q === 'string' && q.q.trim()) {
    const needle = q.q;
    events = events.filter((e) => keywordMatch(needle, e));
  }
  if (order === 'DESCENDING') events.reverse();

  let start = 0;
  if (typeof q.after === 'string' && q.after) {
    const i = events.findIndex((e) => e.uuid === q.after);
    if (i >= 0) start = i + 1;
    else {
      // A cursor whose event has aged out of the window still marks a position in time.
      const cursor = logs(ctx.tenant).get(q.after);
      if (!cursor) throw oktaError('E0000029');
      const t = Date.parse(cursor.published);
      start = events.findIndex((e) => (order === 'ASCENDING' ? Date.parse(e.published) > t : Date.parse(e.published) < t));
      if (start < 0) start = events.length;
    }
  }
  const slice = events.slice(start, start + limit);
  const polling = order === 'ASCENDING' && until === undefined;
  const links = [`<${selfUrl(ctx, {})}>; rel="self"`];
  const more = start + limit < events.length;
  if (more || polling) {
    const last = slice[slice.length - 1];
    // On an empty poll the cursor stays where the caller already was.
    const after = last?.uuid ?? (typeof q.after === 'string' ? q.after : undefined);
    const next: Record<string, string | undefined> = { limit: String(limit), after };
    if (!after) next.since = new Date(since).toISOString();
    links.push(`<${selfUrl(ctx, next)}>; rel="next"`);
  }
  return { status: 200, body: structuredClone(slice).map(strip), headers: { link: links.join(', ') } };
};

/** The stored `id` mirrors `uuid` for the collection; Okta's LogEvent has no `id` field. */
function strip(e: LogEvent): Omit<LogEvent, 'id'> {
  const { id: _id, ...rest } = e;
  return rest;
}

export const logHandlers = { getLogs } satisfies Handlers;
