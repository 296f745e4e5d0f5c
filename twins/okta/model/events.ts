// The org's event interface: every System Log event is recorded here and announced to subscribers (hook delivery).
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { SYSTEM_ACTOR, appendLog, sharedUserActor, users, type LogActor, type LogEvent, type LogInput } from '../store.js';

/** Called after an event is stored; listeners run synchronously, so they must only schedule work. */
export type OrgEventListener = (tenant: Tenant, event: LogEvent) => void;

const listeners = new Set<OrgEventListener>();

/** Subscribes to every tenant's events (a listener filters to the tenants it serves); returns the unsubscribe. */
export function onOrgEvent(listener: OrgEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Stores one System Log event and announces it. */
export function record(tenant: Tenant, input: LogInput): LogEvent {
  const event = appendLog(tenant, input);
  for (const l of listeners) l(tenant, event);
  return event;
}

/** The System Log actor for the caller: the admin behind an SSWS token, the user or client behind an access token. */
export function actorOf(ctx: Pick<OpContext, 'principal' | 'tenant'>): LogActor {
  const p = ctx.principal;
  if (p.subject === 'system') return SYSTEM_ACTOR;
  const userId = typeof p.userId === 'string' ? p.userId : p.subject;
  const u = userId ? users(ctx.tenant).get(userId) : undefined;
  if (u) return sharedUserActor(u);
  if (p.subject) return { id: p.subject, type: 'PublicClientApp', alternateId: p.subject, displayName: String(p.clientName ?? p.subject), detailEntry: null };
  return SYSTEM_ACTOR;
}

/**
 * Records one event whose actor is the caller. The input is written field by field in one shape (a spread
 * after which a field is added copies through V8's slow path, and every user write emits one or two).
 */
export function emit(ctx: Pick<OpContext, 'principal' | 'tenant'>, event: Omit<LogInput, 'actor'>): LogEvent {
  return record(ctx.tenant, {
    eventType: event.eventType,
    displayMessage: event.displayMessage,
    actor: actorOf(ctx),
    target: event.target,
    outcome: event.outcome,
    severity: event.severity,
    debugData: event.debugData,
    legacyEventType: event.legacyEventType,
  });
}
