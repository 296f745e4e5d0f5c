// Public keys of OAuth clients (settings.oauthClient.jwks) and the org's SSWS API tokens.
import { createPublicKey } from 'node:crypto';
import type { OpContext } from '../../../src/core/handler.js';
import type { ApiTokenDoc } from '../auth.js';
import { notFound, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { KEYS, apps, oktaId, type AppDoc } from '../store.js';
import { bodyObject, noContent, nowIso, requireApp } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Jwk = Record<string, unknown> & { id: string; kid?: string; status: 'ACTIVE' | 'INACTIVE' };

const keysOf = (app: AppDoc): Jwk[] => (app.settings?.oauthClient?.jwks?.keys ?? []) as Jwk[];

function saveKeys(ctx: OpContext, app: AppDoc, keys: Jwk[]): void {
  const oauthClient = { ...app.settings?.oauthClient, jwks: { keys } };
  apps(ctx.tenant).patch(app.id, { settings: { ...app.settings, oauthClient }, lastUpdated: nowIso(ctx) });
}

const view = (ctx: OpContext, app: AppDoc, k: Jwk) => ({
  ...structuredClone(k),
  _links: {
    self: { href: `${ctx.baseUrl}/api/v1/apps/${app.id}/credentials/jwks/${k.id}`, hints: { allow: ['GET', 'DELETE'] } },
    [k.status === 'ACTIVE' ? 'deactivate' : 'activate']: { href: `${ctx.baseUrl}/api/v1/apps/${app.id}/credentials/jwks/${k.id}/lifecycle/${k.status === 'ACTIVE' ? 'deactivate' : 'activate'}`, hints: { allow: ['POST'] } },
  },
});

const invalid = (cause: string) => oktaErrorWith('E0000001', ['JsonWebKey'], { causes: [cause] });

function oidcApp(ctx: OpContext<{ appId: string }>): AppDoc {
  const app = requireApp(ctx, ctx.params.appId);
  if (app.signOnMode !== 'OPENID_CONNECT') throw invalid('Public keys are only supported for OAuth 2.0 client applications.');
  return app;
}

function requireKey(ctx: OpContext<{ appId: string; keyId: string }>) {
  const app = oidcApp(ctx);
  const key = keysOf(app).find((k) => k.id === ctx.params.keyId || k.kid === ctx.params.keyId);
  if (!key) throw notFound(ctx.params.keyId, 'OAuth2ClientJsonWebKey');
  return { app, key };
}

/** RSA keys must be real and at least 2048 bits (cassette test_application_sso_public_keys_it). */
function checkKey(body: Record<string, any>): void {
  if (body.kty !== 'RSA' && body.kty !== 'EC') throw invalid("The 'kty' of the key must be RSA or EC.");
  let bits = 0;
  try {
    const key = createPublicKey({ key: { kty: body.kty, n: body.n, e: body.e, crv: body.crv, x: body.x, y: body.y } as never, format: 'jwk' });
    bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  } catch {
    throw invalid('The JSON Web Key is not valid.');
  }
  if (body.kty === 'RSA' && bits < 2048) throw invalid("RSA key length in the 'jwks' is less than '2,048' bits for the given key.");
}

function setKeyStatus(ctx: OpContext<{ appId: string; keyId: string }>, status: Jwk['status']) {
  const { app, key } = requireKey(ctx);
  const keys = keysOf(app);
  // A private_key_jwt client needs one active key to authenticate at all.
  if (status === 'INACTIVE' && app.credentials?.oauthClient?.token_endpoint_auth_method === 'private_key_jwt' && keys.filter((k) => k.status === 'ACTIVE' && k.id !== key.id).length === 0) {
    throw invalid('You cannot deactivate the only active JSON Web Key of a private_key_jwt client.');
  }
  const next = keys.map((k) => (k.id === key.id ? { ...k, status, lastUpdated: nowIso(ctx) } : k));
  saveKeys(ctx, app, next);
  return { status: 200, body: view(ctx, apps(ctx.tenant).get(app.id)!, next.find((k) => k.id === key.id)!) };
}

/** An SSWS token as the API lists it: never its value. */
const tokenView = (ctx: OpContext, t: ApiTokenDoc) => {
  const { hash: _hash, ...rest } = t;
  return { ...structuredClone(rest), _links: { self: { href: `${ctx.baseUrl}/api/v1/api-tokens/${t.id}`, hints: { allow: ['GET', 'DELETE'] } }, user: { href: `${ctx.baseUrl}/api/v1/users/${t.userId}`, hints: { allow: ['GET'] } } } };
};

const tokens = (ctx: OpContext) => ctx.tenant.collection<ApiTokenDoc>(KEYS.apiTokens);

function requireToken(ctx: OpContext<{ apiTokenId: string }>): ApiTokenDoc {
  const t = tokens(ctx).get(ctx.params.apiTokenId);
  if (!t) throw notFound(ctx.params.apiTokenId, 'Token');
  return t;
}

function revoke(ctx: OpContext, t: ApiTokenDoc) {
  tokens(ctx).delete(t.id);
  emit(ctx, { eventType: 'system.api_token.revoke', displayMessage: 'Revoke API token', target: [{ id: t.id, type: 'Token', alternateId: 'unknown', displayName: t.name }] });
  return noContent();
}

export const credentialKeyHandlers = {
  // The list comes wrapped as `{keys: [...]}` (the SDK's ListJwk200Response and the digest agree).
  listJwk: (ctx) => {
    const app = oidcApp(ctx);
    return { status: 200, body: { keys: keysOf(app).map((k) => view(ctx, app, k)) } };
  },
  addJwk: (ctx) => {
    const app = oidcApp(ctx);
    const body = bodyObject(ctx);
    checkKey(body);
    const keys = keysOf(app);
    if (body.kid && keys.some((k) => k.kid === body.kid)) throw invalid(`A key with kid ${String(body.kid)} already exists.`);
    const now = nowIso(ctx);
    const key: Jwk = { ...structuredClone(body), id: oktaId(ctx.tenant, 'pks'), status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', created: now, lastUpdated: now };
    delete key._links;
    saveKeys(ctx, app, [...keys, key]);
    return { status: 201, body: view(ctx, app, key) };
  },
  getJwk: (ctx) => {
    const { app, key } = requireKey(ctx);
    return { status: 200, body: view(ctx, app, key) };
  },
  activateOAuth2ClientJsonWebKey: (ctx) => setKeyStatus(ctx, 'ACTIVE'),
  deactivateOAuth2ClientJsonWebKey: (ctx) => setKeyStatus(ctx, 'INACTIVE'),
  deletejwk: (ctx) => {
    const { app, key } = requireKey(ctx);
    if (key.status === 'ACTIVE') throw invalid('You must deactivate the JSON Web Key before deleting it.');
    saveKeys(ctx, app, keysOf(app).filter((k) => k.id !== key.id));
    return noContent();
  },
  listApiTokens: (ctx) => ({ status: 200, body: tokens(ctx).values().map((t) => tokenView(ctx, t)) }),
  getApiToken: (ctx) => ({ status: 200, body: tokenView(ctx, requireToken(ctx)) }),
  revokeApiToken: (ctx) => revoke(ctx, requireToken(ctx)),
  // The token this very request authenticated with.
  revokeCurrentApiToken: (ctx) => {
    const t = typeof ctx.principal.tokenId === 'string' ? tokens(ctx).get(ctx.principal.tokenId) : undefined;
    if (!t) throw notFound('current', 'Token');
    return revoke(ctx, t);
  },
} satisfies Handlers;
