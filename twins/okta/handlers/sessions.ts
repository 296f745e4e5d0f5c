// Sessions API: create a session from a session token, read, refresh and end it, by id or by the `sid` cookie.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaError } from '../errors.js';
import { emit } from '../model/events.js';
import { endSession, liveSession, redeemSessionToken, refreshSession } from '../model/sessions.js';
import { presentSession } from '../present/sessions.js';
import { userActor } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, noContent } from './common.js';
import { orgId } from '../model/org.js';

/** The session id a `Cookie: sid=…` header names. */
function cookieSid(ctx: OpContext): string | undefined {
  const raw = ctx.headers.get('cookie') ?? String((ctx.params as Record<string, unknown>).Cookie ?? '');
  for (const part of raw.split(';')) {
    const [k, ...v] = part.split('=');
    if (k.trim() === 'sid') return v.join('=').trim();
  }
  return undefined;
}

function byId(ctx: OpContext, id: string) {
  const live = liveSession(ctx.tenant, id);
  if (!live) throw notFound(id, 'AppSession');
  return live;
}

/** `/sessions/me` without a live `sid` cookie: Okta answers 404 (Sessions API, "Get current session"). */
function current(ctx: OpContext) {
  const sid = cookieSid(ctx);
  const live = liveSession(ctx.tenant, sid);
  if (!live) throw notFound(sid ?? 'me', 'AppSession');
  return live;
}

const view = (ctx: OpContext, live: ReturnType<typeof byId>) => ({ status: 200, body: presentSession(ctx, live.session, live.user, orgId(ctx.tenant)) });

export const sessionHandlers = {
  createSession: (ctx) => {
    const body = bodyObject(ctx);
    if (typeof body.sessionToken !== 'string' || !body.sessionToken) throw oktaError('E0000004');
    const s = redeemSessionToken(ctx.tenant, body.sessionToken);
    if (!s) throw oktaError('E0000004');
    return view(ctx, byId(ctx, s.id));
  },
  getSession: (ctx) => view(ctx, byId(ctx, ctx.params.sessionId)),
  refreshSession: (ctx) => {
    const live = byId(ctx, ctx.params.sessionId);
    return view(ctx, { ...live, session: refreshSession(ctx.tenant, live.session) });
  },
  endSession: (ctx) => {
    const live = byId(ctx, ctx.params.sessionId);
    endSession(ctx.tenant, live.session.id);
    emit(ctx, { eventType: 'user.session.end', displayMessage: 'User logout from Okta', target: [userActor(live.user)] });
    return noContent();
  },
  getCurrentSession: (ctx) => view(ctx, current(ctx)),
  refreshCurrentSession: (ctx) => {
    const live = current(ctx);
    return view(ctx, { ...live, session: refreshSession(ctx.tenant, live.session) });
  },
  closeCurrentSession: (ctx) => {
    const live = current(ctx);
    endSession(ctx.tenant, live.session.id);
    return noContent();
  },
} satisfies Handlers;
