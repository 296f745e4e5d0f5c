/** Shared handler plumbing: the Slack handler signature, the conversation a call names, cursor and page pagination. */
import type { Handler, HandlerReturn, OpContext } from '../../../src/core/handler.js';
import { VendorError } from '../../../src/core/errors.js';
import { SlackError, invalidArguments, missingScope } from '../errors.js';
import { readArgs, str, int, type Args } from './args.js';
import { callerOf, type SlackPrincipal } from '../auth.js';
import { scopeForConversation } from '../model/scopes.js';
import { getConversation, conversations, getUser, type Conversation } from '../store.js';
import { canSee } from '../model/conversations.js';

/** A Slack method: returns the success body's fields (without `ok`), or throws SlackError. */
export type SlackMethod = (ctx: OpContext, a: Args, who: SlackPrincipal) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Warnings Slack attaches to well-formed but imperfect requests (https://medium.com/slack-developer-blog/well-wishes-and-warnings-in-the-web-api-489456837220). */
const NO_WARNINGS: readonly string[] = Object.freeze([]);

function requestWarnings(req: Request): readonly string[] {
  if (req.method !== 'POST') return NO_WARNINGS;
  const ct = (req.headers.get('content-type') ?? '').toLowerCase();
  const media = ct.split(';')[0].trim();
  const hasCharset = /;\s*charset=/.test(ct);
  if (media === 'application/json' && !hasCharset) return ['missing_charset'];
  if (media === 'application/x-www-form-urlencoded' && hasCharset) return ['superfluous_charset'];
  return NO_WARNINGS;
}

function scopeHeaders(who: SlackPrincipal): Record<string, string> {
  if (who.kind === 'none') return {};
  return { 'x-oauth-scopes': joined(who.scopes), 'x-accepted-oauth-scopes': who.accepted ? joined(who.accepted) : '' };
}

/**
 * A scope list as its header text, joined once per list: a token's scopes and a method's accepted
 * scopes are the same arrays call after call (stores replace a token's list, never edit it in place).
 */
const joinedLists = new WeakMap<string[], { length: number; text: string }>();
function joined(list: string[]): string {
  const hit = joinedLists.get(list);
  if (hit && hit.length === list.length) return hit.text;
  const text = list.join(',');
  joinedLists.set(list, { length: list.length, text });
  return text;
}

/** A Slack method as an engine handler: `ok:true`, warnings, and the scope headers on every answer. */
export function method(method: SlackMethod): Handler {
  // Synchronous methods answer synchronously: the engine awaits only promises.
  return (ctx) => {
    const who = callerOf(ctx.principal);
    const headers = scopeHeaders(who);
    const failed = (e: unknown): never => {
      if (e instanceof VendorError) throw new VendorError(e.status, e.body, { ...headers, ...e.headers });
      throw e;
    };
    const answer = (fields: Record<string, unknown>): HandlerReturn => {
      // Methods that answer with a file (admin.analytics.getFile) hand back a Response as __raw.
      if (fields.__raw instanceof Response) {
        for (const [k, v] of Object.entries(headers)) fields.__raw.headers.set(k, v);
        return fields.__raw;
      }
      // Copied field by field: a literal with a spread after `ok` takes a slow runtime copy, and a method's
      // `__warnings` never becomes a field (deleting one would leave the body a slow dictionary).
      const body: Record<string, unknown> = { ok: true };
      for (const k in fields) {
        if (k === '__warnings') continue;
        if (k === '__proto__') Object.defineProperty(body, k, { value: fields[k], enumerable: true, writable: true, configurable: true });
        else body[k] = fields[k];
      }
      const sent = requestWarnings(ctx.req);
      const own = fields.__warnings as string[] | undefined;
      const warnings = own?.length ? [...sent, ...own] : sent;
      if (warnings.length) {
        body.warning = warnings.join(',');
        const rm = (body.response_metadata as Record<string, unknown> | undefined) ?? {};
        body.response_metadata = { ...rm, warnings };
      }
      return { status: 200, body, headers };
    };
    let fields: ReturnType<SlackMethod>;
    try {
      fields = method(ctx, readArgs(ctx), who);
    } catch (e) {
      return failed(e);
    }
    return fields instanceof Promise ? fields.then(answer, failed) : answer(fields);
  };
}

export interface ConvOptions {
  /** Require membership (bots must be in a channel to read or post). */
  member?: boolean;
  /** Refuse archived conversations with `is_archived`. */
  notArchived?: boolean;
  /** Which per-type scope the method needs on top of its any-of set. */
  scope?: 'read' | 'history' | 'write';
  /** Error code for a missing argument (default channel_not_found, as most conversation methods answer). */
  missing?: string;
  arg?: string;
}

/** Resolves the `channel` argument to a conversation the caller may act on, with Slack's error codes. */
export function conversationArg(ctx: OpContext, a: Args, who: SlackPrincipal, o: ConvOptions = {}): Conversation {
  const id = str(a, o.arg ?? 'channel');
  if (!id) throw o.missing === 'invalid_arguments' ? invalidArguments(`missing required field: ${o.arg ?? 'channel'}`) : new SlackError(o.missing ?? 'channel_not_found');
  const c = resolveConversation(ctx, id);
  if (!c || !canSee(c, who)) throw new SlackError('channel_not_found');
  if (o.scope && who.kind !== 'none') {
    const needed = scopeForConversation(o.scope, c, who.kind === 'app' ? 'bot' : who.kind);
    if (!who.scopes.includes(needed)) throw missingScope([needed], who.scopes);
  }
  if (o.member && who.user_id && !c.members.includes(who.user_id)) throw new SlackError('not_in_channel');
  if (o.notArchived && c.is_archived) throw new SlackError('is_archived');
  return c;
}

/** A channel id, or a `#name` / bare name (chat.postMessage accepts names), or a user id (DM with that user). */
export function resolveConversation(ctx: OpContext, id: string): Conversation | undefined {
  const byId = getConversation(ctx.tenant, id);
  if (byId) return byId;
  const name = id.replace(/^#/, '');
  return conversations(ctx.tenant).find((c) => !c.is_im && !c.is_mpim && c.name === name);
}

/** Slack user ids look like U…/W…/B…; anything else cannot be a user. */
export function userArg(ctx: OpContext, a: Args, key = 'user', code = 'user_not_found') {
  const id = str(a, key);
  if (!id) throw new SlackError(code === 'user_not_found' ? 'user_not_found' : code);
  const u = getUser(ctx.tenant, id);
  if (!u) throw new SlackError(code);
  return u;
}

/**
 * Cursor pagination (https://docs.slack.dev/apis/web-api/pagination): an
 * opaque base64 cursor naming the next item; `next_cursor` is '' on the last page;
 * a cursor that does not decode to a known position is `invalid_cursor`.
 */
export function paginate<T extends { id: string }>(items: T[], a: Args, o: { kind: string; defaultLimit?: number; maxLimit?: number } ): { page: T[]; next: string } {
  const limit = pageLimit(a, o);
  let start = 0;
  const cursor = str(a, 'cursor');
  if (cursor) {
    const decoded = decodeCursor(cursor, o.kind);
    if (decoded === undefined) throw new SlackError('invalid_cursor');
    start = items.findIndex((i) => i.id === decoded);
    if (start < 0) throw new SlackError('invalid_cursor');
  }
  const page = items.slice(start, start + limit);
  const nextItem = items[start + limit];
  return { page, next: nextItem ? encodeCursor(o.kind, nextItem.id) : '' };
}

/** The `limit` argument as cursor pagination reads it: the default when absent or not positive, capped at the maximum. */
export function pageLimit(a: Args, o: { defaultLimit?: number; maxLimit?: number }): number {
  const limitArg = int(a, 'limit');
  const limit = limitArg === undefined || limitArg <= 0 ? (o.defaultLimit ?? 100) : limitArg;
  return Math.min(limit, o.maxLimit ?? 1000);
}

export const encodeCursor = (kind: string, id: string) => Buffer.from(`${kind}:${id}`).toString('base64');

export function decodeCursor(cursor: string, kind: string): string | undefined {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const prefix = `${kind}:`;
  return text.startsWith(prefix) && text.length > prefix.length ? text.slice(prefix.length) : undefined;
}

/** Page-style pagination (search.*, files.list): `page`, `count`, and Slack's paging block. */
export function pageNumbers<T>(items: T[], a: Args, dflt = 20): { page: T[]; paging: Record<string, number> } {
  const { start, end, paging } = pageWindow(items.length, a, dflt);
  return { page: items.slice(start, end), paging };
}

/** Where the asked page lies among `total` ordered items (`start`..`end`), and Slack's paging block for it. */
export function pageWindow(total: number, a: Args, dflt = 20): { start: number; end: number; paging: Record<string, number> } {
  const count = Math.min(Math.max(int(a, 'count', dflt) ?? dflt, 1), 1000);
  const pageNo = Math.max(int(a, 'page', 1) ?? 1, 1);
  const pages = Math.max(1, Math.ceil(total / count));
  return { start: (pageNo - 1) * count, end: pageNo * count, paging: { count, total, page: pageNo, pages } };
}

/** The acting user for user-scoped methods; bots act as their bot user. */
export function actor(who: SlackPrincipal): string {
  if (!who.user_id) throw new SlackError('not_authed');
  return who.user_id;
}
