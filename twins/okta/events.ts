// Recording mutations in the System Log with the caller as actor (what event hooks then deliver).
import type { OpContext } from '../../src/core/handler.js';
import { SYSTEM_ACTOR, appendLog, users, userActor, type LogActor, type LogEvent, type LogInput } from './store.js';

/** The System Log actor for the caller: the admin behind an SSWS token, the user or client behind an access token. */
export function actorOf(ctx: Pick<OpContext, 'principal' | 'tenant'>): LogActor {
  const p = ctx.principal;
  if (p.subject === 'system') return SYSTEM_ACTOR;
  const userId = typeof p.userId === 'string' ? p.userId : p.subject;
  const u = userId ? users(ctx.tenant).get(userId) : undefined;
  if (u) return userActor(u);
  if (p.subject) return { id: p.subject, type: 'PublicClientApp', alternateId: p.subject, displayName: String(p.clientName ?? p.subject), detailEntry: null };
  return SYSTEM_ACTOR;
}

/** Appends one event whose actor is the caller. */
export function emit(ctx: Pick<OpContext, 'principal' | 'tenant'>, event: Omit<LogInput, 'actor'>): LogEvent {
  return appendLog(ctx.tenant, { ...event, actor: actorOf(ctx) });
}
