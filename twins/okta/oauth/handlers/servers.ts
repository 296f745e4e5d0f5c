// Authorization Servers API: servers (CRUD, lifecycle), signing keys and rotation, associated servers, clients and refresh tokens.
import type { OpContext } from '../../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../../errors.js';
import { page } from '../../present/paging.js';
import { apps, findOAuthClient, type AppDoc } from '../../store.js';
import { dropKeys, ensureKeys, rotateKeys } from '../model/keys.js';
import { K, createServer, deleteServerState, pathId, serverOr404, servers, type ServerDoc } from '../model/servers.js';
import { presentClient, presentKey, presentRefreshToken, presentServer } from '../present/servers.js';
import type { RefreshDoc } from '../model/tokens.js';
import { record } from '../../model/events.js';
import type { Handlers } from '../../generated/operations.js';

type Body = Record<string, any>;
const body = (ctx: OpContext): Body => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Body) : {});
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
/** `credentials.signing.rotationMode` of a replace body; a create ignores it (Okta starts every server AUTO). */
const rotationMode = (b: Body): ServerDoc['rotationMode'] => {
  const mode = (b.credentials as { signing?: { rotationMode?: unknown } } | undefined)?.signing?.rotationMode;
  return mode === 'AUTO' || mode === 'MANUAL' ? mode : undefined;
};

/** Name and audiences are required and a name is unique in the org (Okta's E0000001 causes). */
function checkServerInput(ctx: OpContext, b: Body, self?: ServerDoc): { name: string; audiences: string[] } {
  const name = str(b.name);
  if (!name) throw validationError('name', 'The field cannot be left blank');
  const audiences = Array.isArray(b.audiences) ? b.audiences.filter((a: unknown): a is string => typeof a === 'string' && a !== '') : [];
  if (!audiences.length) throw validationError('audiences', 'The field cannot be left blank');
  if (servers(ctx.tenant).find((s) => s.id !== self?.id && s.name.toLowerCase() === name.toLowerCase())) {
    throw validationError('name', 'An object with this field already exists in the current organization');
  }
  return { name, audiences };
}

const present = (ctx: OpContext) => (s: ServerDoc) => presentServer(ctx.tenant, ctx.baseUrl, s);

function setStatus(ctx: OpContext, status: 'ACTIVE' | 'INACTIVE') {
  const s = serverOr404(ctx.tenant, ctx.params.authServerId);
  if (s.status !== status) servers(ctx.tenant).patch(s.id, { status, lastUpdated: ctx.now().toISOString() });
  return { status: 204 };
}

function associated(ctx: OpContext, s: ServerDoc) {
  return ctx.tenant.collection(K.associated(s.id));
}

/** Associated servers appear as full servers with `_links: null` (cassette test_associated_server_lifecycle). */
const presentAssociated = (ctx: OpContext) => (s: ServerDoc) => ({ ...presentServer(ctx.tenant, ctx.baseUrl, s), _links: null });

function clientApp(ctx: OpContext): AppDoc {
  const id = ctx.params.clientId;
  const app = findOAuthClient(ctx.tenant, id) ?? apps(ctx.tenant).find((a) => a.id === id && a.signOnMode === 'OPENID_CONNECT');
  // Okta names the type of an unknown client this way (cassette test_auth_server_clients_lifecycle).
  if (!app) throw notFound(id, 'PublicClientApp');
  return app;
}

const refreshColl = (ctx: OpContext, s: ServerDoc, clientId: string) => ctx.tenant.collection<RefreshDoc>(K.refreshTokens(s.id, clientId));

function presentRefresh(ctx: OpContext, s: ServerDoc, app: AppDoc, d: RefreshDoc, expand: boolean): Record<string, unknown> {
  const base = `${ctx.baseUrl}/api/v1/authorizationServers/${pathId(s)}`;
  return presentRefreshToken(ctx, app, d, `${base}/clients/${d.clientId}/tokens/${d.id}`, expand, {
    issuer: `${ctx.baseUrl}/oauth2/${pathId(s)}`,
    links: { authorizationServer: { href: base, title: s.name } },
  });
}

function revoke(ctx: OpContext, s: ServerDoc, docs: RefreshDoc[]): void {
  const now = ctx.now().toISOString();
  for (const d of docs) if (d.status === 'ACTIVE') refreshColl(ctx, s, d.clientId).put({ ...d, status: 'REVOKED', lastUpdated: now });
}

export const serverHandlers = {
  listAuthorizationServers(ctx) {
    const q = str((ctx.query as Body).q)?.toLowerCase();
    const list = servers(ctx.tenant).filter((s) => !q || s.name.toLowerCase().startsWith(q) || s.audiences.some((a) => a.toLowerCase().startsWith(q)));
    return page(ctx, list, { defaultLimit: 200, maxLimit: 200, present: present(ctx) });
  },
  createAuthorizationServer(ctx) {
    const b = body(ctx);
    const { name, audiences } = checkServerInput(ctx, b);
    const s = createServer(ctx.tenant, { name, audiences, description: str(b.description), issuerMode: str(b.issuerMode) });
    ensureKeys(ctx.tenant, s.id);
    record(ctx.tenant, { eventType: 'oauth2.as.created', displayMessage: 'Create authorization server', target: [{ id: s.id, type: 'AuthorizationServer', alternateId: s.name, displayName: s.name }] });
    return { status: 201, body: presentServer(ctx.tenant, ctx.baseUrl, s) };
  },
  getAuthorizationServer(ctx) {
    return { body: presentServer(ctx.tenant, ctx.baseUrl, serverOr404(ctx.tenant, ctx.params.authServerId)) };
  },
  updateAuthorizationServer(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const b = body(ctx);
    const { name, audiences } = checkServerInput(ctx, b, s);
    const next = servers(ctx.tenant).patch(s.id, {
      name,
      audiences,
      description: typeof b.description === 'string' ? b.description : s.description,
      issuerMode: str(b.issuerMode) ?? s.issuerMode,
      rotationMode: rotationMode(b) ?? s.rotationMode,
      lastUpdated: ctx.now().toISOString(),
    })!;
    return { body: presentServer(ctx.tenant, ctx.baseUrl, next) };
  },
  deleteAuthorizationServer(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    deleteServerState(ctx.tenant, s.id);
    dropKeys(ctx.tenant, s.id);
    for (const other of servers(ctx.tenant).values()) associated(ctx, other).delete(s.id);
    return { status: 204 };
  },
  activateAuthorizationServer: (ctx) => setStatus(ctx, 'ACTIVE'),
  deactivateAuthorizationServer: (ctx) => setStatus(ctx, 'INACTIVE'),

  listAuthorizationServerKeys(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    return { body: ensureKeys(ctx.tenant, s.id).map((k) => presentKey(ctx.baseUrl, pathId(s), k)) };
  },
  getAuthorizationServerKey(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const k = ensureKeys(ctx.tenant, s.id).find((x) => x.kid === ctx.params.keyId);
    if (!k) throw notFound(ctx.params.keyId, 'JsonWebKey');
    return { body: presentKey(ctx.baseUrl, pathId(s), k) };
  },
  rotateAuthorizationServerKeys(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const use = body(ctx).use;
    if (use !== undefined && use !== 'sig') throw validationError('use', 'Does not match required pattern');
    const keys = rotateKeys(ctx.tenant, s.id);
    servers(ctx.tenant).patch(s.id, { lastRotated: ctx.now().toISOString() });
    return { body: keys.map((k) => presentKey(ctx.baseUrl, pathId(s), k)) };
  },

  createAssociatedServers(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const ids = body(ctx).trusted;
    if (!Array.isArray(ids) || !ids.length) throw validationError('trusted', 'The field cannot be left blank');
    const targets = ids.map((id: unknown) => {
      const t = typeof id === 'string' ? servers(ctx.tenant).get(id) ?? (id === 'default' ? servers(ctx.tenant).find((x) => !!x.default) : undefined) : undefined;
      if (!t) throw notFound(String(id), 'AuthorizationServer');
      if (t.id === s.id) throw oktaErrorWith('E0000001', ['trusted'], { causes: ['trusted: An authorization server cannot trust itself.'] });
      return t;
    });
    for (const t of targets) associated(ctx, s).put({ id: t.id, trusted: true });
    return { body: targets.map(presentAssociated(ctx)) };
  },
  listAssociatedServersByTrustedType(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const q = ctx.query as Body;
    const trusted = String(q.trusted ?? 'true') !== 'false';
    const linked = associated(ctx, s);
    const search = str(q.q)?.toLowerCase();
    const list = servers(ctx.tenant).filter((x) => x.id !== s.id && linked.has(x.id) === trusted && (!search || x.name.toLowerCase().startsWith(search)));
    return page(ctx, list, { defaultLimit: 200, maxLimit: 200, present: presentAssociated(ctx) });
  },
  deleteAssociatedServer(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    if (!associated(ctx, s).delete(ctx.params.associatedServerId)) throw notFound(ctx.params.associatedServerId, 'AuthorizationServer');
    return { status: 204 };
  },

  /** Clients that hold tokens from this server (Okta lists clients with active grants). */
  listOAuth2ClientsForAuthorizationServer(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const prefix = `${K.servers}/${s.id}/clients/`;
    const ids = ctx.tenant.collectionKeys(prefix).filter((k) => k.endsWith('/tokens')).map((k) => k.slice(prefix.length, -'/tokens'.length));
    const out = [];
    for (const clientId of ids) {
      if (!refreshColl(ctx, s, clientId).find((d) => d.status === 'ACTIVE')) continue;
      const app = findOAuthClient(ctx.tenant, clientId);
      if (!app) continue;
      out.push(
        presentClient(app, clientId, {
          self: { href: `${ctx.baseUrl}/oauth2/v1/clients/${clientId}` },
          tokens: { href: `${ctx.baseUrl}/api/v1/authorizationServers/${pathId(s)}/clients/${clientId}/tokens` },
        }),
      );
    }
    return { body: out };
  },
  listRefreshTokensForAuthorizationServerAndClient(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const app = clientApp(ctx);
    const expand = (ctx.query as Body).expand === 'scope';
    const list = refreshColl(ctx, s, ctx.params.clientId).filter((d) => d.status === 'ACTIVE');
    return page(ctx, list, { defaultLimit: 200, maxLimit: 200, present: (d: RefreshDoc) => presentRefresh(ctx, s, app, d, expand) });
  },
  getRefreshTokenForAuthorizationServerAndClient(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    const app = clientApp(ctx);
    const d = refreshColl(ctx, s, ctx.params.clientId).get(ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    return { body: presentRefresh(ctx, s, app, d, (ctx.query as Body).expand === 'scope') };
  },
  revokeRefreshTokenForAuthorizationServerAndClient(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    clientApp(ctx);
    const d = refreshColl(ctx, s, ctx.params.clientId).get(ctx.params.tokenId);
    if (!d) throw notFound(ctx.params.tokenId, 'OAuth2RefreshToken');
    revoke(ctx, s, [d]);
    return { status: 204 };
  },
  revokeRefreshTokensForAuthorizationServerAndClient(ctx) {
    const s = serverOr404(ctx.tenant, ctx.params.authServerId);
    clientApp(ctx);
    revoke(ctx, s, refreshColl(ctx, s, ctx.params.clientId).values());
    return { status: 204 };
  },
} satisfies Handlers;
