// Small helpers shared by the Okta handlers: lookups that answer Okta's 404s, query flags, body access.
import type { OpContext, Reply } from '../../../src/core/handler.js';
import { mediaTypeOf } from '../../../src/core/body.js';
import { notFound, oktaError } from '../errors.js';
import { apps, groups, resolveUser, users, type AppDoc, type GroupDoc, type UserDoc } from '../store.js';

/** A user by id, login or shortname; `me` is the caller (the SSWS token's admin or the token's subject). */
export function requireUser(ctx: OpContext, idOrLogin: string): UserDoc {
  if (idOrLogin === 'me') {
    const id = typeof ctx.principal.userId === 'string' ? ctx.principal.userId : ctx.principal.subject;
    const me = id ? users(ctx.tenant).get(id) : undefined;
    if (!me) throw notFound('me', 'User');
    return me;
  }
  const u = resolveUser(ctx.tenant, idOrLogin);
  if (!u) throw notFound(idOrLogin, 'User');
  return u;
}

export function requireGroup(ctx: OpContext, id: string): GroupDoc {
  const g = groups(ctx.tenant).get(id);
  if (!g) throw notFound(id, 'UserGroup');
  return g;
}

export function requireApp(ctx: OpContext, id: string): AppDoc {
  const a = apps(ctx.tenant).get(id);
  if (!a) throw notFound(id, 'AppInstance');
  return a;
}

/** A boolean query flag; the validator has coerced declared ones, undeclared ones arrive as strings. */
export function flag(q: Record<string, unknown>, name: string, dflt: boolean): boolean {
  const v = q[name];
  if (v === undefined || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  return String(v).toLowerCase() === 'true';
}

/** The JSON body as an object; anything else is Okta's "not well-formed" 400. */
export function bodyObject(ctx: OpContext, required = true): Record<string, any> {
  const b = ctx.body;
  if (b === undefined || b === null) {
    if (required) throw oktaError('E0000003');
    return {};
  }
  // A body sent as anything but JSON is refused as Okta refuses an unsupported Content-Type.
  const media = mediaTypeOf(ctx.headers.get('content-type') ?? '');
  if (b instanceof Uint8Array || (media && media !== 'application/json' && !media.endsWith('+json'))) throw oktaError('E0000021');
  if (typeof b !== 'object' || Array.isArray(b)) throw oktaError('E0000003');
  return b as Record<string, any>;
}

/** The twin clock's time as ISO text (the tenant's clock is the one `ctx.now` reads), formatted once per millisecond. */
export const nowIso = (ctx: Pick<OpContext, 'tenant'>) => ctx.tenant.clock.iso();

/** 200 with an empty JSON object: what Okta's lifecycle operations answer. */
export const emptyObject = () => ({ status: 200, body: {} });

export const noContent = () => ({ status: 204 });

/** The object a handler's reply answers, for the twin's own callers of a handler: a reply written as text is read back. */
export const replyBody = (reply: Reply): any => (reply.body === undefined && reply.bodyText !== undefined ? JSON.parse(reply.bodyText) : reply.body);
