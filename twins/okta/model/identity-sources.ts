// Custom identity sources: the sources an admin set up, their import sessions (a lifecycle on the twin clock) and the external ids they own.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaId } from '../store.js';

export interface IdentitySourceDoc extends Doc { name: string; created: string }

export type SessionStatus = 'CREATED' | 'TRIGGERED' | 'IN_PROGRESS' | 'COMPLETED' | 'CLOSED' | 'EXPIRED' | 'ERROR';

/** What a session carries until its import runs: users and groups to upsert or delete, memberships to add or remove. */
export interface SessionData {
  upsertUsers: Array<{ externalId: string; profile: Record<string, unknown> }>;
  deleteUsers: string[];
  upsertGroups: Array<{ externalId: string; profile: Record<string, unknown> }>;
  deleteGroups: string[];
  addMemberships: Array<{ groupExternalId: string; memberExternalIds: string[] }>;
  removeMemberships: Array<{ groupExternalId: string; memberExternalIds: string[] }>;
}

export interface SessionDoc extends Doc {
  identitySourceId: string;
  status: SessionStatus;
  importType: 'INCREMENTAL';
  created: string;
  lastUpdated: string;
  triggeredAt?: string;
  data: SessionData;
}

/** An external id the source owns, and the Okta user or group it became. */
export interface EntityDoc extends Doc { sourceId: string; kind: 'user' | 'group'; externalId: string; oktaId: string; profile: Record<string, unknown>; created: string; lastUpdated: string }

export const sources = (t: Tenant) => t.collection<IdentitySourceDoc>('okta:identitySources');
export const sessions = (t: Tenant) => t.collection<SessionDoc>('okta:identitySourceSessions');
export const entities = (t: Tenant) => t.collection<EntityDoc>('okta:identitySourceEntities');

export const entityKey = (sourceId: string, kind: EntityDoc['kind'], externalId: string) => `${sourceId}:${kind}:${externalId}`;

/** What an admin does in the Admin Console (Identity Sources → Add custom identity source): the API cannot create one. */
export function createSource(t: Tenant, name: string): IdentitySourceDoc {
  return sources(t).put({ id: oktaId(t, '0oa'), name, created: t.now().toISOString() });
}

/** When a triggered import starts processing and when it is done (seconds after the trigger, on the twin clock). */
export const IN_PROGRESS_AFTER_MS = 1_000;
export const COMPLETED_AFTER_MS = 5_000;
/** A session that never starts its import expires (Identity Sources API: sessions are open for 24 hours). */
export const SESSION_TTL_MS = 24 * 3600_000;

export const emptyData = (): SessionData => ({ upsertUsers: [], deleteUsers: [], upsertGroups: [], deleteGroups: [], addMemberships: [], removeMemberships: [] });

/** Sessions open for new data: CREATED, or started and not yet finished. */
export const isOpen = (s: SessionDoc) => s.status === 'CREATED' || s.status === 'TRIGGERED' || s.status === 'IN_PROGRESS';

/**
 * Moves a session along the clock: an unstarted one expires after its time to live, a triggered one is
 * IN_PROGRESS after a second and COMPLETED after five, when `apply` runs its data (once). Returns the session as it now is.
 */
export function advance(t: Tenant, s: SessionDoc, apply: (s: SessionDoc) => void): SessionDoc {
  const now = t.now().getTime();
  if (s.status === 'CREATED' && now - Date.parse(s.created) >= SESSION_TTL_MS) {
    return sessions(t).put({ ...s, status: 'EXPIRED', lastUpdated: new Date(Date.parse(s.created) + SESSION_TTL_MS).toISOString() });
  }
  if (!s.triggeredAt || (s.status !== 'TRIGGERED' && s.status !== 'IN_PROGRESS')) return s;
  const started = Date.parse(s.triggeredAt);
  if (now - started >= COMPLETED_AFTER_MS) {
    apply(s);
    return sessions(t).put({ ...s, status: 'COMPLETED', data: emptyData(), lastUpdated: new Date(started + COMPLETED_AFTER_MS).toISOString() });
  }
  if (now - started >= IN_PROGRESS_AFTER_MS && s.status === 'TRIGGERED') {
    return sessions(t).put({ ...s, status: 'IN_PROGRESS', lastUpdated: new Date(started + IN_PROGRESS_AFTER_MS).toISOString() });
  }
  return s;
}
