// A user's scope consent grants: list (all, or for one client), read, revoke one, revoke all or a client's.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound } from '../errors.js';
import { page } from '../present/paging.js';
import { findOAuthClient, type UserDoc } from '../store.js';
import { activeGrants, revokeGrants, userGrantsKey, type UserGrantDoc } from '../model/user-grants.js';
import { scopes, servers } from '../oauth/model/servers.js';
import { requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';


/** A grant as Okta answers it (Okta API reference, User Grants: OAuth2ScopeConsentGrant), its scope embedded on `expand=scope`. */
function presentGrant(ctx: OpContext, user: UserDoc, g: UserGrantDoc) {
  const app = findOAuthClient(ctx.tenant, g.clientId);
  const scope = scopes(ctx.tenant, g.asId).get(g.scopeId);
  const server = servers(ctx.tenant).get(g.asId);
  const base = ctx.baseUrl;
  const { asId: _as, ...fields } = g;
  const title = (t: string | undefined) => (t ? { title: t } : {});
  return {
    ...structuredClone(fields),
    ...(String((ctx.query as Record<string, unknown>).expand ?? '') === 'scope' && scope ? { _embedded: { scope: { id: scope.id, name: scope.name, displayName: scope.displayName ?? scope.name, description: scope.description } } } : {}),
    _links: {
      app: { href: `${base}/api/v1/apps/${app?.id ?? g.clientId}`, ...title(app?.label) },
      scope: { href: `${base}/api/v1/authorizationServers/${g.asId}/scopes/${g.scopeId}`, ...title(scope?.name) },
      client: { href: `${base}/oauth2/v1/clients/${g.clientId}`, ...title(app?.label) },
      self: { href: `${base}/api/v1/users/${user.id}/grants/${g.id}`, hints: { allow: ['GET', 'DELETE'] } },
      user: { href: `${base}/api/v1/users/${user.id}`, title: [user.profile.firstName, user.profile.lastName].filter(Boolean).join(' ') },
      authorizationServer: { href: `${base}/api/v1/authorizationServers/${g.asId}`, ...title(server?.name) },
    },
  };
}

function requireGrant(ctx: OpContext<{ userId: string; grantId: string }>): { user: UserDoc; grant: UserGrantDoc } {
  const user = requireUser(ctx, ctx.params.userId);
  const grant = ctx.tenant.collection<UserGrantDoc>(userGrantsKey(user.id)).get(ctx.params.grantId);
  if (!grant || grant.status !== 'ACTIVE') throw notFound(ctx.params.grantId, 'OAuth2ScopeConsentGrant');
  return { user, grant };
}

const PAGE = { defaultLimit: 20, maxLimit: 200 };

export const userGrantHandlers = {
  listUserGrants(ctx) {
    const user = requireUser(ctx, ctx.params.userId);
    const scopeId = (ctx.query as Record<string, unknown>).scopeId;
    const list = activeGrants(ctx.tenant, user.id, { scopeId: typeof scopeId === 'string' && scopeId ? scopeId : undefined });
    return page(ctx, list, { ...PAGE, present: (g: UserGrantDoc) => presentGrant(ctx, user, g) });
  },
  getUserGrant(ctx) {
    const { user, grant } = requireGrant(ctx);
    return { status: 200, body: presentGrant(ctx, user, grant) };
  },
  revokeUserGrant(ctx) {
    const { user, grant } = requireGrant(ctx);
    revokeGrants(ctx.tenant, user.id, [grant]);
    return { status: 204 };
  },
  revokeUserGrants(ctx) {
    const user = requireUser(ctx, ctx.params.userId);
    revokeGrants(ctx.tenant, user.id, activeGrants(ctx.tenant, user.id));
    return { status: 204 };
  },
  listGrantsForUserAndClient(ctx) {
    const user = requireUser(ctx, ctx.params.userId);
    if (!findOAuthClient(ctx.tenant, ctx.params.clientId)) throw notFound(ctx.params.clientId, 'PublicClientApp');
    return page(ctx, activeGrants(ctx.tenant, user.id, { clientId: ctx.params.clientId }), { ...PAGE, present: (g: UserGrantDoc) => presentGrant(ctx, user, g) });
  },
  revokeGrantsForUserAndClient(ctx) {
    const user = requireUser(ctx, ctx.params.userId);
    if (!findOAuthClient(ctx.tenant, ctx.params.clientId)) throw notFound(ctx.params.clientId, 'PublicClientApp');
    revokeGrants(ctx.tenant, user.id, activeGrants(ctx.tenant, user.id, { clientId: ctx.params.clientId }));
    return { status: 204 };
  },
} satisfies Handlers;
