// A session as the Sessions API returns it: status, lifetimes, how the user signed in, and links on the caller's origin.
import type { OpContext } from '../../../src/core/handler.js';
import type { SessionDoc } from '../model/sessions.js';
import type { UserDoc } from '../store.js';

export function presentSession(ctx: Pick<OpContext, 'baseUrl'>, s: SessionDoc, u: UserDoc, orgId: string): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/sessions/${s.id}`;
  const p = u.profile as Record<string, unknown>;
  return {
    id: s.id,
    userId: s.userId,
    login: u.profile.login,
    createdAt: s.created,
    expiresAt: new Date(s.expiresAt).toISOString(),
    status: s.status,
    lastPasswordVerification: s.lastPasswordVerification,
    lastFactorVerification: s.lastFactorVerification,
    amr: [...s.amr],
    idp: { id: orgId, type: 'OKTA' },
    mfaActive: s.amr.some((m) => m !== 'pwd'),
    _links: {
      self: { href: self, hints: { allow: ['GET', 'DELETE'] } },
      refresh: { href: `${self}/lifecycle/refresh`, hints: { allow: ['POST'] } },
      user: { name: [p.firstName, p.lastName].filter(Boolean).join(' '), href: `${ctx.baseUrl}/api/v1/users/${u.id}`, hints: { allow: ['GET'] } },
    },
  };
}
