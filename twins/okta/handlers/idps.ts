// Identity providers: create/replace/list by type, lifecycle (must be INACTIVE to delete), and linked users.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { page } from '../present/paging.js';
import { quickMatch } from '../model/query.js';
import { KEYS, oktaId, userActor } from '../store.js';
import { bodyObject, noContent, nowIso, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { idpPolicy, idpProtocol } from '../model/idp-shapes.js';
import { newSigningKey, signingKeys } from '../model/signing-keys.js';
import { orgMeta } from '../model/org.js';
import { idpSamlMetadataXml } from '../present/idp-saml-metadata.js';

export interface IdpDoc extends Doc {
  type: string;
  issuerMode?: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
  protocol: Record<string, unknown>;
  policy: Record<string, unknown>;
}

interface IdpUserDoc extends Doc {
  externalId: string;
  created: string;
  lastUpdated: string;
  profile: Record<string, unknown>;
}

/** IdP types Okta supports and the protocol each one speaks. */
const PROTOCOL: Record<string, string[]> = {
  SAML2: ['SAML2'], OIDC: ['OIDC'], OKTA: ['OIDC'], GOOGLE: ['OAUTH2', 'OIDC'], FACEBOOK: ['OAUTH2'], MICROSOFT: ['OIDC'], LINKEDIN: ['OAUTH2'],
  APPLE: ['OIDC'], AMAZON: ['OAUTH2'], DISCORD: ['OAUTH2'], GITHUB: ['OAUTH2'], GITLAB: ['OAUTH2'], PAYPAL: ['OIDC'], SALESFORCE: ['OAUTH2'], SPOTIFY: ['OIDC'], XERO: ['OIDC'], YAHOO: ['OIDC'], X509: ['MTLS'], AgentlessDSSO: [], IWA: [],
};

const idps = (t: Tenant) => t.collection<IdpDoc>(KEYS.idps);
const idpUsers = (t: Tenant, idpId: string) => t.collection<IdpUserDoc>(`${KEYS.idps}/${idpId}/users`);

export function requireIdp(ctx: OpContext, id: string): IdpDoc {
  const i = idps(ctx.tenant).get(id);
  if (!i) throw notFound(id, 'IdpTrust');
  return i;
}

/**
 * Okta's IdP links (terraform cassettes): a SAML IdP links its metadata, ACS, users and lifecycle; an OIDC or social
 * one its authorize URL and the client redirect URI only.
 */
function present(ctx: OpContext, i: IdpDoc) {
  const base = `${ctx.baseUrl}/api/v1/idps/${i.id}`;
  const lifecycle = i.status === 'ACTIVE' ? 'deactivate' : 'activate';
  const _links =
    i.type === 'SAML2'
      ? {
          metadata: { href: `${base}/metadata.xml`, type: 'application/xml', hints: { allow: ['GET'] } },
          acs: { href: `${ctx.baseUrl}/sso/saml2/${i.id}`, type: 'application/xml', hints: { allow: ['POST'] } },
          users: { href: `${base}/users`, hints: { allow: ['GET'] } },
          [lifecycle]: { href: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
        }
      : {
          authorize: { href: `${ctx.baseUrl}/oauth2/v1/authorize?idp=${i.id}&client_id={clientId}&response_type={responseType}&response_mode={responseMode}&scope={scopes}&redirect_uri={redirectUri}&state={state}&nonce={nonce}`, templated: true, hints: { allow: ['GET'] } },
          clientRedirectUri: { href: `${ctx.baseUrl}/oauth2/v1/authorize/callback`, hints: { allow: ['POST'] } },
        };
  return { ...structuredClone(i), _links };
}

/** A SAML IdP answers no issuer mode; the others the one given, ORG_URL by default (terraform cassettes). */
const issuerMode = (type: string, given: unknown, previous?: string) => (type === 'SAML2' ? {} : { issuerMode: typeof given === 'string' ? given : (previous ?? 'ORG_URL') });


function check(body: Record<string, any>): void {
  if (typeof body.type !== 'string' || !(body.type in PROTOCOL)) throw validationError('type', 'Does not match required pattern');
  if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
  const allowed = PROTOCOL[body.type];
  const proto = body.protocol?.type;
  if (allowed.length && (typeof proto !== 'string' || !allowed.includes(proto))) {
    throw oktaErrorWith('E0000001', ['protocol'], { causes: [`protocol.type: The ${body.type} identity provider requires one of: ${allowed.join(', ')}`] });
  }
}

const createIdentityProvider = (ctx: OpContext) => {
  const body = bodyObject(ctx);
  check(body);
  const now = nowIso(ctx);
  const id = oktaId(ctx.tenant, '0oa');
  const i: IdpDoc = {
    id,
    type: body.type,
    ...issuerMode(body.type, body.issuerMode),
    name: body.name,
    status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
    created: now,
    lastUpdated: now,
    protocol: idpProtocol(ctx.tenant, body.type, body.protocol, () => newSigningKey(ctx.tenant, `${KEYS.idps}/${id}`).kid),
    policy: idpPolicy(body.type, body.policy),
  };
  idps(ctx.tenant).put(i);
  emit(ctx, { eventType: 'system.idp.lifecycle.create', displayMessage: 'Create an Identity Provider', target: [{ id: i.id, type: 'IdentityProvider', alternateId: i.name, displayName: i.name }] });
  return { status: 200, body: present(ctx, i) };
};

const updateIdentityProvider = (ctx: OpContext<{ idpId: string }>) => {
  const i = requireIdp(ctx, ctx.params.idpId);
  const body = bodyObject(ctx);
  check({ ...body, type: body.type ?? i.type });
  if (body.type && body.type !== i.type) throw validationError('type', 'The type of an identity provider cannot be changed');
  // A replaced SAML protocol keeps the audience and signing key Okta gave the IdP unless new ones are given.
  const kept = (i.protocol as Record<string, any>).credentials ?? {};
  const keep = (p: Record<string, any>) => ({
    ...p,
    credentials: { ...p.credentials, trust: { ...(kept.trust?.audience ? { audience: kept.trust.audience } : {}), ...p.credentials?.trust }, signing: { ...kept.signing, ...p.credentials?.signing } },
  });
  const protocol = body.protocol ? idpProtocol(ctx.tenant, i.type, i.type === 'SAML2' ? keep(body.protocol) : body.protocol, () => newSigningKey(ctx.tenant, `${KEYS.idps}/${i.id}`).kid) : i.protocol;
  const next = idps(ctx.tenant).put({ ...i, name: body.name, ...issuerMode(i.type, body.issuerMode, i.issuerMode), protocol, policy: idpPolicy(i.type, body.policy ?? i.policy), lastUpdated: nowIso(ctx) });
  emit(ctx, { eventType: 'system.idp.lifecycle.update', displayMessage: 'Update an Identity Provider', target: [{ id: i.id, type: 'IdentityProvider', alternateId: i.name, displayName: i.name }] });
  return { status: 200, body: present(ctx, next) };
};

function setStatus(ctx: OpContext<{ idpId: string }>, status: IdpDoc['status']) {
  const i = requireIdp(ctx, ctx.params.idpId);
  const next = idps(ctx.tenant).patch(i.id, { status, lastUpdated: nowIso(ctx) })!;
  emit(ctx, { eventType: status === 'ACTIVE' ? 'system.idp.lifecycle.activate' : 'system.idp.lifecycle.deactivate', displayMessage: `${status === 'ACTIVE' ? 'Activate' : 'Deactivate'} an Identity Provider`, target: [{ id: i.id, type: 'IdentityProvider', alternateId: i.name, displayName: i.name }] });
  return { status: 200, body: present(ctx, next) };
}

const deleteIdentityProvider = (ctx: OpContext<{ idpId: string }>) => {
  const i = requireIdp(ctx, ctx.params.idpId);
  idps(ctx.tenant).delete(i.id);
  idpUsers(ctx.tenant, i.id).clear();
  emit(ctx, { eventType: 'system.idp.lifecycle.delete', displayMessage: 'Delete an Identity Provider', target: [{ id: i.id, type: 'IdentityProvider', alternateId: i.name, displayName: i.name }] });
  return noContent();
};

function userView(ctx: OpContext, idpId: string, d: IdpUserDoc) {
  return {
    ...structuredClone(d),
    _links: {
      self: { href: `${ctx.baseUrl}/api/v1/idps/${idpId}/users/${d.id}` },
      idp: { href: `${ctx.baseUrl}/api/v1/idps/${idpId}` },
      user: { href: `${ctx.baseUrl}/api/v1/users/${d.id}` },
    },
  };
}

const linkUserToIdentityProvider = (ctx: OpContext<{ idpId: string; userId: string }>) => {
  const i = requireIdp(ctx, ctx.params.idpId);
  const u = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  if (typeof body.externalId !== 'string' || !body.externalId) throw validationError('externalId', 'The field cannot be left blank');
  // One external identity maps to one Okta user per IdP.
  if (idpUsers(ctx.tenant, i.id).find((d) => d.externalId === body.externalId && d.id !== u.id)) {
    throw validationError('externalId', 'An object with this field already exists in the current organization');
  }
  const now = nowIso(ctx);
  const prev = idpUsers(ctx.tenant, i.id).get(u.id);
  const doc = idpUsers(ctx.tenant, i.id).put({ id: u.id, externalId: body.externalId, created: prev?.created ?? now, lastUpdated: now, profile: prev?.profile ?? {} });
  emit(ctx, { eventType: 'user.identity_provider.link', displayMessage: 'Link a user to an Identity Provider', target: [userActor(u)] });
  return { status: 200, body: userView(ctx, i.id, doc) };
};

function requireLink(ctx: OpContext<{ idpId: string; userId: string }>) {
  const i = requireIdp(ctx, ctx.params.idpId);
  const u = requireUser(ctx, ctx.params.userId);
  const d = idpUsers(ctx.tenant, i.id).get(u.id);
  if (!d) throw notFound(u.id, 'IdpUser');
  return { i, u, d };
}

/**
 * The words of an IdP name (split on anything not a letter or digit): Okta's `q` matches the start of the name or of
 * any word in it (recorded: `q=google` finds "testAcc_google_1436211027").
 */
const nameWords = (name: unknown): string[] => (typeof name === 'string' ? name.split(/[^A-Za-z0-9]+/).filter(Boolean) : []);

export const idpHandlers = {
  createIdentityProvider,
  listIdentityProviders: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    let list = idps(ctx.tenant).values();
    if (typeof q.type === 'string' && q.type) list = list.filter((i) => i.type === q.type);
    if (typeof q.q === 'string' && q.q) {
      const needle = q.q;
      list = list.filter((i) => quickMatch(needle, i.name, ...nameWords(i.name)));
    }
    return page(ctx, list, { defaultLimit: 20, maxLimit: 200, present: (i: IdpDoc) => present(ctx, i) });
  },
  getIdentityProvider: (ctx) => ({ status: 200, body: present(ctx, requireIdp(ctx, ctx.params.idpId)) }),
  /**
   * A SAML IdP's service-provider metadata, signed with the key the IdP signs requests with, served as a download
   * (recorded: `application/octet-stream`, `Content-Disposition: attachment; filename=metadata.xml`). Only SAML IdPs
   * have one; for any other the twin answers 404 as for an unknown path.
   */
  getIdentityProviderSamlMetadata: (ctx) => {
    const i = requireIdp(ctx, ctx.params.idpId);
    const creds = (i.protocol as { credentials?: { trust?: { audience?: string }; signing?: { kid?: string } } }).credentials;
    const key = creds?.signing?.kid ? signingKeys(ctx.tenant, `${KEYS.idps}/${i.id}`).get(creds.signing.kid) : undefined;
    if (i.type !== 'SAML2' || !key || !creds?.trust?.audience) throw oktaError('E0000008');
    const meta = orgMeta(ctx.tenant);
    const xml = idpSamlMetadataXml(ctx, { idpId: i.id, idpName: i.name, audience: creds.trust.audience, key, org: { name: meta?.subdomain ?? ctx.tenant.name, displayName: meta?.companyName ?? ctx.tenant.name } });
    return new Response(xml, { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename=metadata.xml' } });
  },
  updateIdentityProvider,
  activateIdentityProvider: (ctx) => setStatus(ctx, 'ACTIVE'),
  deactivateIdentityProvider: (ctx) => setStatus(ctx, 'INACTIVE'),
  deleteIdentityProvider,
  linkUserToIdentityProvider,
  getIdentityProviderApplicationUser: (ctx) => {
    const { i, d } = requireLink(ctx);
    return { status: 200, body: userView(ctx, i.id, d) };
  },
  unlinkUserFromIdentityProvider: (ctx) => {
    const { i, u } = requireLink(ctx);
    idpUsers(ctx.tenant, i.id).delete(u.id);
    return noContent();
  },
  listIdentityProviderApplicationUsers: (ctx) => {
    const i = requireIdp(ctx, ctx.params.idpId);
    return { status: 200, body: idpUsers(ctx.tenant, i.id).values().map((d) => userView(ctx, i.id, d)) };
  },
  listUserIdentityProviders: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    return { status: 200, body: idps(ctx.tenant).filter((i) => idpUsers(ctx.tenant, i.id).has(u.id)).map((i) => present(ctx, i)) };
  },
  listSocialAuthTokens: (ctx) => {
    requireLink(ctx);
    return { status: 200, body: [] };
  },
} satisfies Handlers;
