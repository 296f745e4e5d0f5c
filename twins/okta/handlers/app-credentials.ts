// App OAuth credentials: scope consent grants (what a service app may request) and client secret rotation.
import { createHash } from 'node:crypto';
import type { OpContext } from '../../../src/core/handler.js';
import type { Collection, Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { KEYS, apps, appTarget, oktaId, opaqueToken, type AppDoc } from '../store.js';
import { bodyObject, noContent, nowIso, requireApp } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface GrantDoc extends Doc {
  status: 'ACTIVE' | 'REVOKED';
  created: string;
  lastUpdated: string;
  createdBy: { id: string; type: string };
  issuer: string;
  clientId: string;
  scopeId: string;
  source: 'ADMIN';
}

/** Where an app's granted Okta API scopes live (the OAuth half reads them when minting org tokens). */
export const grantsKey = (appId: string) => `${KEYS.apps}/${appId}/grants`;

/**
 * A grant as Okta answers it: the app and the OAuth client linked with the app's label as title. The scope is
 * embedded in the answer to a grant and, on reads, only when asked with `expand=scope` (Application Grants API,
 * listScopeConsentGrants/getScopeConsentGrant `expand`; okta-sdk-python cassettes: test_revoke_consent_grant answers
 * the grant with `_embedded.scope`, then lists and gets it without).
 */
const grantView = (ctx: OpContext, appId: string, g: GrantDoc, embedScope: boolean) => {
  const title = ctx.tenant.collection<AppDoc>(KEYS.apps).get(appId)?.label;
  return {
    ...structuredClone(g),
    ...(embedScope ? { _embedded: { scope: { id: g.scopeId } } } : {}),
    _links: {
      app: { href: `${ctx.baseUrl}/api/v1/apps/${appId}`, ...(title ? { title } : {}) },
      self: { href: `${ctx.baseUrl}/api/v1/apps/${appId}/grants/${g.id}`, hints: { allow: ['GET', 'DELETE'] } },
      client: { href: `${ctx.baseUrl}/oauth2/v1/clients/${g.clientId}`, ...(title ? { title } : {}) },
    },
  };
};

const grantConsentToScope = (ctx: OpContext<{ appId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const body = bodyObject(ctx);
  if (typeof body.issuer !== 'string' || !body.issuer) throw validationError('issuer', 'The field cannot be left blank');
  if (typeof body.scopeId !== 'string' || !body.scopeId) throw validationError('scopeId', 'The field cannot be left blank');
  // Only Okta's own API scopes can be granted to an app.
  if (!/^okta\.[A-Za-z]+\.(read|manage)(\.self)?$/.test(body.scopeId)) throw validationError('scopeId', `Invalid scope: ${body.scopeId}`);
  const coll = ctx.tenant.collection<GrantDoc>(grantsKey(app.id));
  const existing = coll.find((g) => g.scopeId === body.scopeId && g.status === 'ACTIVE');
  if (existing) return { status: 201, body: grantView(ctx, app.id, existing, true) };
  const now = nowIso(ctx);
  const grant = coll.put({
    id: oktaId(ctx.tenant, 'oag'),
    status: 'ACTIVE',
    created: now,
    lastUpdated: now,
    createdBy: { id: String(ctx.principal.userId ?? ctx.principal.subject ?? 'system'), type: 'User' },
    issuer: body.issuer,
    clientId: String(app.credentials?.oauthClient?.client_id ?? app.id),
    scopeId: body.scopeId,
    source: 'ADMIN',
  });
  emit(ctx, { eventType: 'app.oauth2.as.consent.grant', displayMessage: 'Grant consent to scope', target: [appTarget(app), { id: grant.scopeId, type: 'Scope', alternateId: grant.scopeId, displayName: grant.scopeId }] });
  return { status: 201, body: grantView(ctx, app.id, grant, true) };
};

/** `expand=scope` (comma-joined values accepted, as SDKs send arrays). */
const expandsScope = (ctx: OpContext) => String((ctx.query as Record<string, unknown>).expand ?? '').split(',').map((v) => v.trim()).includes('scope');

function requireGrant(ctx: OpContext<{ appId: string; grantId: string }>) {
  const app = requireApp(ctx, ctx.params.appId);
  const g = ctx.tenant.collection<GrantDoc>(grantsKey(app.id)).get(ctx.params.grantId);
  if (!g) throw notFound(ctx.params.grantId, 'OAuth2ScopeConsentGrant');
  return { app, g };
}

// Client secrets: the newest ACTIVE one is mirrored at credentials.oauthClient.client_secret.
export interface SecretDoc extends Doc {
  status: 'ACTIVE' | 'INACTIVE';
  client_secret: string;
  secret_hash: string;
  created: string;
  lastUpdated: string;
}

const secrets = (ctx: OpContext, app: AppDoc) => {
  const coll = ctx.tenant.collection<SecretDoc>(`${KEYS.apps}/${app.id}/credentials/secrets`);
  const current = app.credentials?.oauthClient?.client_secret;
  // The secret made with the app is the first entry of its secret list.
  if (!coll.size && typeof current === 'string') {
    coll.put({ id: oktaId(ctx.tenant, 'ocs'), status: 'ACTIVE', client_secret: current, secret_hash: hash(current), created: app.created, lastUpdated: app.created });
  }
  return coll;
};

export const secretHash = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);
const hash = secretHash;

function mirror(ctx: OpContext, app: AppDoc): void {
  const active = secrets(ctx, app).filter((s) => s.status === 'ACTIVE');
  const newest = active[active.length - 1];
  const oauthClient = { ...app.credentials?.oauthClient };
  if (newest) oauthClient.client_secret = newest.client_secret;
  else delete oauthClient.client_secret;
  apps(ctx.tenant).patch(app.id, { credentials: { ...app.credentials, oauthClient } });
}

/**
 * A client secret links only what can be done to it next, no `self` (terraform and okta-sdk-python cassettes, every
 * secret answer): an ACTIVE one its deactivation; an INACTIVE one its activation and its deletion, since only an
 * inactive secret can be deleted (okta-sdk-python cassette test_sso_public_keys_lifecycle, deactivateClientSecretForApplication).
 */
const secretView = (ctx: OpContext, appId: string, s: SecretDoc) => presentSecret(`${ctx.baseUrl}/api/v1/apps/${appId}/credentials/secrets/${s.id}`, s);

/** A client secret at its own URL (apps' and API service integrations' secrets are the same object). */
export const presentSecret = (self: string, s: SecretDoc) => {
  return {
    ...structuredClone(s),
    _links: s.status === 'ACTIVE'
      ? { deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
      : { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } }, delete: { href: self, hints: { allow: ['DELETE'] } } },
  };
};

/** A client keeps one working secret: its last ACTIVE one cannot be turned off (apps' and API service integrations' alike). */
export function refuseLastActive(all: Collection<SecretDoc>, s: SecretDoc, status: SecretDoc['status']): void {
  if (status === 'INACTIVE' && s.status === 'ACTIVE' && all.filter((x) => x.status === 'ACTIVE').length < 2) {
    throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You cannot deactivate the only active client secret.'] });
  }
}

function oidcApp(ctx: OpContext<{ appId: string }>): AppDoc {
  const app = requireApp(ctx, ctx.params.appId);
  if (app.signOnMode !== 'OPENID_CONNECT') throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: Client secrets are only supported for OAuth 2.0 client applications.'] });
  return app;
}

function requireSecret(ctx: OpContext<{ appId: string; secretId: string }>) {
  const app = oidcApp(ctx);
  const s = secrets(ctx, app).get(ctx.params.secretId);
  if (!s) throw notFound(ctx.params.secretId, 'ClientSecret');
  return { app, s };
}

function setSecretStatus(ctx: OpContext<{ appId: string; secretId: string }>, status: SecretDoc['status']) {
  const { app, s } = requireSecret(ctx);
  refuseLastActive(secrets(ctx, app), s, status);
  const next = secrets(ctx, app).patch(s.id, { status, lastUpdated: nowIso(ctx) })!;
  mirror(ctx, app);
  return { status: 200, body: secretView(ctx, app.id, next) };
}

export const appCredentialHandlers = {
  grantConsentToScope,
  listScopeConsentGrants: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const list = ctx.tenant.collection<GrantDoc>(grantsKey(app.id)).filter((g) => g.status === 'ACTIVE');
    return { status: 200, body: list.map((g) => grantView(ctx, app.id, g, expandsScope(ctx))) };
  },
  getScopeConsentGrant: (ctx) => {
    const { app, g } = requireGrant(ctx);
    return { status: 200, body: grantView(ctx, app.id, g, expandsScope(ctx)) };
  },
  revokeScopeConsentGrant: (ctx) => {
    const { app, g } = requireGrant(ctx);
    ctx.tenant.collection<GrantDoc>(grantsKey(app.id)).delete(g.id);
    return noContent();
  },
  listClientSecretsForApplication: (ctx) => {
    const app = oidcApp(ctx);
    return { status: 200, body: secrets(ctx, app).values().map((s) => secretView(ctx, app.id, s)) };
  },
  createNewClientSecretForApplication: (ctx) => {
    const app = oidcApp(ctx);
    const coll = secrets(ctx, app);
    // Okta keeps at most two secrets per client, so rotation is add-then-retire.
    if (coll.size >= 2) throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You can only have two client secrets at a time.'] });
    const body = bodyObject(ctx, false);
    const value = typeof body.client_secret === 'string' ? body.client_secret : opaqueToken(ctx.tenant, 64);
    const now = nowIso(ctx);
    const s = coll.put({ id: oktaId(ctx.tenant, 'ocs'), status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', client_secret: value, secret_hash: hash(value), created: now, lastUpdated: now });
    mirror(ctx, app);
    return { status: 201, body: secretView(ctx, app.id, s) };
  },
  getClientSecretForApplication: (ctx) => {
    const { app, s } = requireSecret(ctx);
    return { status: 200, body: secretView(ctx, app.id, s) };
  },
  activateClientSecretForApplication: (ctx) => setSecretStatus(ctx, 'ACTIVE'),
  deactivateClientSecretForApplication: (ctx) => setSecretStatus(ctx, 'INACTIVE'),
  deleteClientSecretForApplication: (ctx) => {
    const { app, s } = requireSecret(ctx);
    if (s.status === 'ACTIVE') throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You must deactivate the client secret before deleting it.'] });
    secrets(ctx, app).delete(s.id);
    return noContent();
  },
} satisfies Handlers;
