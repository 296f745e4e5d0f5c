// Refresh tokens seen from apps and users: /api/v1/apps/{appId}/tokens and /api/v1/users/{userId}/clients/**.
import type { OpContext } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { notFound } from '../../errors.js';
import { page } from '../../present/paging.js';
import { apps, findOAuthClient, resolveUser, type AppDoc } from '../../store.js';
import { activeGrants } from '../../model/user-grants.js';
import { ORG } from '../model/keys.js';
import { K, servers } from '../model/servers.js';
import type { RefreshDoc } from '../model/tokens.js';
import { presentClient, presentRefreshToken } from '../present/servers.js';
import type { Handlers } from '../../generated/operations.js';

/** Every refresh-token collection of a client: the org server's and each custom server's. */
function tokenCollections(t: Tenant, clientId: string) {
  return [ORG, ...servers(t).values().map((s) => s.id)].map((as) => t.collection<RefreshDoc>(K.refreshTokens(as, clientId)));
}

const clientIdOf = (app: AppDoc) => String(app.credentials?.oauthClient?.client_id ?? app.id);

function tokensOf(t: Tenant, clientId: string, userId?: string): RefreshDoc[] {
  return tokenCollections(t, clientId)
    .flatMap((c) => c.values())
    .filter((d) => d.status === 'ACTIVE' && (!userId || d.userId === userId))
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
}

function revoke(t: Tenant, docs: RefreshDoc[]): void {
  const now = t.now().toISOString();
  for (const d of docs) {
    for (const c of tokenCollections(t, d.clientId)) if (c.has(d.id)) c.put({ ...d, status: 'REVOKED', lastUpdated: now });
  }
}

function appOr404(ctx: OpContext): AppDoc {
  const app = apps(ctx.tenant).get(ctx.params.appId);
  if (!app) throw notFound(ctx.params.appId, 'AppInstance');
  return app;
}

function userOr404(ctx: OpContext): string {
  const u = resolveUser(ctx.tenant, ctx.params.userId);
  if (!u) throw notFound(ctx.params.userId, 'User');
  return u.id;
}

function clientOr404(ctx: OpContext): AppDoc {
  const app = findOAuthClient(ctx.tenant, ctx.params.clientId);
  if (!app) throw notFound(ctx.params.clientId, 'PublicClientApp');
  return app;
}

const expandScope = (ctx: OpContext) => (ctx.query as Record<string, unknown>).expand === 'scope';
const PAGE = { defaultLimit: 20, maxLimit: 200 };

export const tokenAdminHandlers = {
  listOAuth2TokensForApplication(ctx) {
    const app = appOr404(ctx);
    const base = `${ctx.baseUrl}/api/v1/apps/${app.id}/tokens`;
    return page(ctx, tokensOf(ctx.tenant, clientIdOf(app)), { ...PAGE, present: (d: RefreshDoc) => presentRefreshToken(ctx, app, d, `${base}/${d.id}`, expandScope(ctx)) });
  },
  getOAuth2TokenForApplication(ctx) {
    const app = appOr404(ctx);
    const d = tokensOf(ctx.tenant, clientIdOf(app)).find((x) => x.id === ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    return { body: presentRefreshToken(ctx, app, d, `${ctx.baseUrl}/api/v1/apps/${app.id}/tokens/${d.id}`, expandScope(ctx)) };
  },
  revokeOAuth2TokenForApplication(ctx) {
    const app = appOr404(ctx);
    const d = tokensOf(ctx.tenant, clientIdOf(app)).find((x) => x.id === ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    revoke(ctx.tenant, [d]);
    return { status: 204 };
  },
  revokeOAuth2TokensForApplication(ctx) {
    const app = appOr404(ctx);
    revoke(ctx.tenant, tokensOf(ctx.tenant, clientIdOf(app)));
    return { status: 204 };
  },

  /** The clients a user holds refresh tokens or consent grants for (Okta API reference, User OAuth 2.0 clients: "grants or tokens"). */
  listUserClients(ctx) {
    const userId = userOr404(ctx);
    const out: Record<string, unknown>[] = [];
    for (const app of apps(ctx.tenant).filter((a) => a.signOnMode === 'OPENID_CONNECT')) {
      const clientId = clientIdOf(app);
      if (!tokensOf(ctx.tenant, clientId, userId).length && !activeGrants(ctx.tenant, userId, { clientId }).length) continue;
      out.push(
        presentClient(app, clientId, {
          grants: { href: `${ctx.baseUrl}/api/v1/users/${userId}/clients/${clientId}/grants` },
          tokens: { href: `${ctx.baseUrl}/api/v1/users/${userId}/clients/${clientId}/tokens` },
        }),
      );
    }
    return { body: out };
  },
  listRefreshTokensForUserAndClient(ctx) {
    const userId = userOr404(ctx);
    const app = clientOr404(ctx);
    const base = `${ctx.baseUrl}/api/v1/users/${userId}/clients/${ctx.params.clientId}/tokens`;
    return page(ctx, tokensOf(ctx.tenant, ctx.params.clientId, userId), { ...PAGE, present: (d: RefreshDoc) => presentRefreshToken(ctx, app, d, `${base}/${d.id}`, expandScope(ctx)) });
  },
  getRefreshTokenForUserAndClient(ctx) {
    const userId = userOr404(ctx);
    const app = clientOr404(ctx);
    const d = tokensOf(ctx.tenant, ctx.params.clientId, userId).find((x) => x.id === ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    return { body: presentRefreshToken(ctx, app, d, `${ctx.baseUrl}/api/v1/users/${userId}/clients/${ctx.params.clientId}/tokens/${d.id}`, expandScope(ctx)) };
  },
  revokeTokenForUserAndClient(ctx) {
    const userId = userOr404(ctx);
    clientOr404(ctx);
    const d = tokensOf(ctx.tenant, ctx.params.clientId, userId).find((x) => x.id === ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    revoke(ctx.tenant, [d]);
    return { status: 204 };
  },
  revokeTokensForUserAndClient(ctx) {
    const userId = userOr404(ctx);
    clientOr404(ctx);
    revoke(ctx.tenant, tokensOf(ctx.tenant, ctx.params.clientId, userId));
    return { status: 204 };
  },
} satisfies Handlers;
