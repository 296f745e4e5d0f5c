// A user's OAuth 2.0 scope consent grants: given at /authorize for scopes that require consent, read and revoked under /api/v1/users/{id}/grants.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaId } from '../store.js';

export interface UserGrantDoc extends Doc {
  status: 'ACTIVE' | 'REVOKED';
  created: string;
  lastUpdated: string;
  issuer: string;
  clientId: string;
  userId: string;
  scopeId: string;
  /** The authorization server the scope belongs to (links the scope). */
  asId: string;
  source: 'END_USER';
  createdBy: { id: string; type: 'User' };
}

export const userGrantsKey = (userId: string) => `/api/v1/users/${userId}/grants`;

/**
 * Records the user's consent to each scope (one grant per client and scope, kept while ACTIVE). Okta asks for consent
 * only when the app's `consent_method` is REQUIRED and the scope's `consent` is REQUIRED (Okta API reference:
 * OpenIdConnectApplicationSettingsClient.consent_method, OAuth2Scope.consent), and keeps the answer as a grant.
 */
export function recordConsent(t: Tenant, at: { userId: string; clientId: string; issuer: string; asId: string; scopeIds: string[] }): void {
  const coll = t.collection<UserGrantDoc>(userGrantsKey(at.userId));
  const now = t.now().toISOString();
  for (const scopeId of at.scopeIds) {
    if (coll.find((g) => g.status === 'ACTIVE' && g.clientId === at.clientId && g.scopeId === scopeId && g.issuer === at.issuer)) continue;
    coll.put({
      id: oktaId(t, 'oag'), status: 'ACTIVE', created: now, lastUpdated: now, issuer: at.issuer, clientId: at.clientId, userId: at.userId,
      scopeId, asId: at.asId, source: 'END_USER', createdBy: { id: at.userId, type: 'User' },
    });
  }
}

/** The user's ACTIVE grants, oldest first, optionally for one client or one scope. */
export function activeGrants(t: Tenant, userId: string, where: { clientId?: string; scopeId?: string } = {}): UserGrantDoc[] {
  return t
    .collection<UserGrantDoc>(userGrantsKey(userId))
    .filter((g) => g.status === 'ACTIVE' && (!where.clientId || g.clientId === where.clientId) && (!where.scopeId || g.scopeId === where.scopeId));
}

/** Revoked grants are gone for good: Okta lists and reads only ACTIVE ones. */
export function revokeGrants(t: Tenant, userId: string, grants: UserGrantDoc[]): void {
  const coll = t.collection<UserGrantDoc>(userGrantsKey(userId));
  for (const g of grants) coll.delete(g.id);
}
