// Authorization servers and what hangs off them as Okta returns them: servers, scopes, claims, policies, rules, keys, clients, refresh tokens.
import type { OpContext } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import type { AppDoc } from '../../store.js';
import { ensureKeys, type KeyRecord } from '../model/keys.js';
import { pathId, type ClaimDoc, type PolicyDoc, type RuleDoc, type ScopeDoc, type ServerDoc } from '../model/servers.js';
import type { RefreshDoc } from '../model/tokens.js';

const hints = (href: string, allow: string[]) => ({ href, hints: { allow } });

/** An authorization server as Okta returns it (cassette test_create_auth_server), issuer on the caller's origin. */
export function presentServer(t: Tenant, baseUrl: string, s: ServerDoc): Record<string, unknown> {
  const key = ensureKeys(t, s.id).find((k) => k.status === 'ACTIVE');
  const self = `${baseUrl}/api/v1/authorizationServers/${pathId(s)}`;
  const issuer = `${baseUrl}/oauth2/${pathId(s)}`;
  // AUTO rotation announces its next date (90 days on); a MANUAL server has none (recorded Okta answers, TestAccResourceOktaAuthServer_gh299).
  const mode = s.rotationMode ?? 'AUTO';
  const next = mode === 'AUTO' ? { nextRotation: new Date(Date.parse(s.lastRotated) + 90 * 86400_000).toISOString() } : {};
  return {
    id: s.id,
    name: s.name,
    description: s.description ?? null,
    audiences: s.audiences,
    issuer,
    issuerMode: s.issuerMode,
    status: s.status,
    created: s.created,
    lastUpdated: s.lastUpdated,
    credentials: { signing: { kid: key?.kid, rotationMode: mode, lastRotated: s.lastRotated, ...next } },
    default: !!s.default,
    _links: {
      rotateKey: hints(`${self}/credentials/lifecycle/keyRotate`, ['POST']),
      metadata: [
        { name: 'oauth-authorization-server', href: `${issuer}/.well-known/oauth-authorization-server`, hints: { allow: ['GET'] } },
        { name: 'openid-configuration', href: `${issuer}/.well-known/openid-configuration`, hints: { allow: ['GET'] } },
      ],
      keys: hints(`${self}/credentials/keys`, ['GET']),
      claims: hints(`${self}/claims`, ['GET', 'POST']),
      policies: hints(`${self}/policies`, ['GET', 'POST']),
      self: hints(self, ['GET', 'DELETE', 'PUT']),
      scopes: hints(`${self}/scopes`, ['GET', 'POST']),
      ...(s.status === 'ACTIVE' ? { deactivate: hints(`${self}/lifecycle/deactivate`, ['POST']) } : { activate: hints(`${self}/lifecycle/activate`, ['POST']) }),
    },
  };
}

/** Scopes and claims name the API resource they belong to, `null` for the server's own (recorded Okta answers, 2025). */
const apiResource = (d: ScopeDoc | ClaimDoc) => ({ apiResourceId: typeof d.apiResourceId === 'string' ? d.apiResourceId : null });

export function presentScope(baseUrl: string, as: string, s: ScopeDoc): Record<string, unknown> {
  return { ...structuredClone(s), ...apiResource(s), _links: { self: hints(`${baseUrl}/api/v1/authorizationServers/${as}/scopes/${s.id}`, ['GET', 'PUT', 'DELETE']) } };
}

export function presentClaim(baseUrl: string, as: string, c: ClaimDoc): Record<string, unknown> {
  return { ...structuredClone(c), ...apiResource(c), _links: { self: hints(`${baseUrl}/api/v1/authorizationServers/${as}/claims/${c.id}`, ['GET', 'PUT', 'DELETE']) } };
}

export function presentPolicy(baseUrl: string, as: string, p: PolicyDoc): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/authorizationServers/${as}/policies/${p.id}`;
  const life = p.status === 'ACTIVE' ? { deactivate: hints(`${self}/lifecycle/deactivate`, ['POST']) } : { activate: hints(`${self}/lifecycle/activate`, ['POST']) };
  return { ...structuredClone(p), _links: { self: hints(self, ['GET', 'PUT', 'DELETE']), rules: hints(`${self}/rules`, ['GET']), ...life } };
}

export function presentRule(baseUrl: string, as: string, policyId: string, r: RuleDoc): Record<string, unknown> {
  const self = `${baseUrl}/api/v1/authorizationServers/${as}/policies/${policyId}/rules/${r.id}`;
  const life = r.status === 'ACTIVE' ? { deactivate: hints(`${self}/lifecycle/deactivate`, ['POST']) } : { activate: hints(`${self}/lifecycle/activate`, ['POST']) };
  return { ...structuredClone(r), _links: { self: hints(self, ['GET', 'PUT', 'DELETE']), ...life } };
}

/** A signing key as the keys API lists it (cassette test_list_auth_server_keys). */
export function presentKey(baseUrl: string, as: string, k: KeyRecord): Record<string, unknown> {
  return {
    kty: k.public.kty,
    status: k.status,
    alg: k.public.alg,
    kid: k.kid,
    use: k.public.use,
    _links: { self: hints(`${baseUrl}/api/v1/authorizationServers/${as}/credentials/keys/${k.kid}`, ['GET']) },
    e: k.public.e,
    n: k.public.n,
  };
}

/** OAuth2Client, a client that holds refresh tokens, as the Users and Authorization Servers APIs list it. */
export function presentClient(app: AppDoc, clientId: string, links: Record<string, unknown>): Record<string, unknown> {
  const oc = app.settings?.oauthClient ?? {};
  return {
    client_id: clientId,
    client_name: app.label,
    ...(typeof oc.client_uri === 'string' ? { client_uri: oc.client_uri } : {}),
    ...(typeof oc.logo_uri === 'string' ? { logo_uri: oc.logo_uri } : {}),
    _links: links,
  };
}

/**
 * OAuth2RefreshToken as the Apps, Users and Authorization Servers APIs present it
 * (Okta "User Grants" / "Application Tokens" references). The server view names its
 * issuer by path and adds an `authorizationServer` link.
 */
export function presentRefreshToken(
  ctx: OpContext,
  app: AppDoc,
  d: RefreshDoc,
  self: string,
  expand: boolean,
  server?: { issuer: string; links: Record<string, unknown> },
): Record<string, unknown> {
  return {
    id: d.id,
    status: d.status,
    created: d.created,
    lastUpdated: d.lastUpdated,
    expiresAt: d.expiresAt,
    issuer: server?.issuer ?? d.issuer,
    clientId: d.clientId,
    userId: d.userId,
    scopes: d.scopes,
    ...(expand ? { _embedded: { scopes: d.scopes.map((name) => ({ id: name, name, displayName: name })) } } : {}),
    _links: {
      app: { href: `${ctx.baseUrl}/api/v1/apps/${app.id}`, title: app.label },
      self: { href: self },
      revoke: { href: self, hints: { allow: ['DELETE'] } },
      client: { href: `${ctx.baseUrl}/oauth2/v1/clients/${d.clientId}`, title: app.label },
      user: { href: `${ctx.baseUrl}/api/v1/users/${d.userId}` },
      ...server?.links,
    },
  };
}
