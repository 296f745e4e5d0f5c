// The authorization-server state model: document shapes, collection keys and Okta's system defaults.
import type { Doc, Tenant, Collection } from '../../../../src/core/tenant.js';
import { notFound } from '../../errors.js';
import { oktaId } from '../../store.js';
import { ensureKeys } from './keys.js';

export type Status = 'ACTIVE' | 'INACTIVE';

/** A document type's declared fields, without the index signature `Doc` brings (so `Omit` keeps them). */
export type Known<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };

export interface ServerDoc extends Doc {
  name: string;
  description?: string;
  audiences: string[];
  issuerMode: string;
  status: Status;
  created: string;
  lastUpdated: string;
  lastRotated: string;
  /** Signing key rotation: Okta creates every server AUTO; a replace may switch it to MANUAL. */
  rotationMode?: 'AUTO' | 'MANUAL';
  default?: boolean;
}

export interface ScopeDoc extends Doc {
  name: string;
  displayName?: string;
  description: string | null;
  system: boolean;
  metadataPublish: 'ALL_CLIENTS' | 'NO_CLIENTS';
  default: boolean;
  consent?: string;
  optional?: boolean;
}

export interface ClaimDoc extends Doc {
  name: string;
  status: Status;
  claimType: 'IDENTITY' | 'RESOURCE';
  valueType: 'EXPRESSION' | 'GROUPS' | 'SYSTEM';
  value?: string;
  conditions: { scopes: string[] };
  system: boolean;
  alwaysIncludeInToken: boolean;
  group_filter_type?: string;
}

export interface PolicyDoc extends Doc {
  type: 'OAUTH_AUTHORIZATION_POLICY';
  status: Status;
  name: string;
  description: string;
  priority: number;
  system: boolean;
  conditions: { clients: { include: string[] } };
  created: string;
  lastUpdated: string;
}

export interface RuleDoc extends Doc {
  type: 'RESOURCE_ACCESS';
  status: Status;
  name: string;
  priority: number;
  system: boolean;
  conditions: {
    people: { users?: { include?: string[]; exclude: string[] }; groups?: { include?: string[]; exclude?: string[] } };
    grantTypes: { include: string[] };
    scopes: { include: string[] };
  };
  actions: { token: { accessTokenLifetimeMinutes: number; refreshTokenLifetimeMinutes: number; refreshTokenWindowMinutes: number; inlineHook?: unknown } };
  created: string;
  lastUpdated: string;
}

/** Collection keys: the API's own paths, so inferred operations and these handlers share state. */
export const K = {
  servers: '/api/v1/authorizationServers',
  scopes: (as: string) => `/api/v1/authorizationServers/${as}/scopes`,
  claims: (as: string) => `/api/v1/authorizationServers/${as}/claims`,
  policies: (as: string) => `/api/v1/authorizationServers/${as}/policies`,
  rules: (as: string, policy: string) => `/api/v1/authorizationServers/${as}/policies/${policy}/rules`,
  associated: (as: string) => `/api/v1/authorizationServers/${as}/associatedServers`,
  /** Refresh tokens by server and client; the org server's live outside the API's paths. */
  refreshTokens: (as: string, clientId: string) =>
    as === 'org' ? `okta:oauth:org/clients/${clientId}/tokens` : `/api/v1/authorizationServers/${as}/clients/${clientId}/tokens`,
  codes: 'okta:oauth:codes',
  revoked: 'okta:oauth:revokedTokens',
} as const;

export const servers = (t: Tenant): Collection<ServerDoc> => t.collection<ServerDoc>(K.servers);
export const scopes = (t: Tenant, as: string): Collection<ScopeDoc> => t.collection<ScopeDoc>(K.scopes(as));
export const claims = (t: Tenant, as: string): Collection<ClaimDoc> => t.collection<ClaimDoc>(K.claims(as));
export const policies = (t: Tenant, as: string): Collection<PolicyDoc> => t.collection<PolicyDoc>(K.policies(as));
export const rules = (t: Tenant, as: string, p: string): Collection<RuleDoc> => t.collection<RuleDoc>(K.rules(as, p));

/** By id, or by `default`, the alias Okta gives the org's default custom server in API paths and issuers. */
export function findServer(t: Tenant, idOrAlias: string): ServerDoc | undefined {
  return servers(t).get(idOrAlias) ?? (idOrAlias === 'default' ? servers(t).find((s) => !!s.default) : undefined);
}

export function serverOr404(t: Tenant, id: string): ServerDoc {
  return findServer(t, id) ?? (() => { throw notFound(id, 'AuthorizationServer'); })();
}

/** The name a server goes by in URLs: `default` for the default server (cassette test_list_auth_servers), else its id. */
export const pathId = (s: ServerDoc): string => (s.default ? 'default' : s.id);
export function policyOr404(t: Tenant, as: string, id: string): PolicyDoc {
  return policies(t, as).get(id) ?? (() => { throw notFound(id, 'Policy'); })();
}
export function ruleOr404(t: Tenant, as: string, p: string, id: string): RuleDoc {
  return rules(t, as, p).get(id) ?? (() => { throw notFound(id, 'PolicyRule'); })();
}

/** Okta's reserved OIDC scopes, worded as a new server lists them (cassette test_list_oauth2_scopes). */
export const SYSTEM_SCOPES: Array<[string, string]> = [
  ['openid', 'Signals that a request is an OpenID request.'],
  ['profile', 'The exact data varies based on what profile information you have provided, such as: name, time zone, picture, or birthday.'],
  ['email', 'This allows the app to view your email address.'],
  ['address', 'This allows the app to view your address, such as: street address, city, state, and zip code.'],
  ['phone', 'This allows the app to view your phone number.'],
  ['offline_access', 'This keeps you signed in to the app, even when you are not using it.'],
];

/** The system claims a new server carries (cassette test_list_oauth2_claims), as [name, scope, alwaysIncludeInToken]. */
const IDENTITY_CLAIMS: Array<[string, string, boolean]> = [
  ['address', 'address', false], ['birthdate', 'profile', false], ['email', 'email', true], ['email_verified', 'email', false],
  ['family_name', 'profile', false], ['gender', 'profile', false], ['given_name', 'profile', false], ['locale', 'profile', false],
  ['middle_name', 'profile', false], ['name', 'profile', true], ['nickname', 'profile', false], ['phone_number', 'phone', false],
  ['picture', 'profile', false], ['preferred_username', 'profile', true], ['profile', 'profile', false], ['updated_at', 'profile', false],
  ['website', 'profile', false], ['zoneinfo', 'profile', false],
];

/** Creates a custom server with Okta's system scopes, claims and signing key; no access policy (as Okta creates it). */
export function createServer(t: Tenant, input: { isDefault?: boolean; name: string; description?: string; audiences: string[]; issuerMode?: string; status?: Status }): ServerDoc {
  const now = t.now().toISOString();
  const doc: ServerDoc = {
    id: oktaId(t, 'aus'),
    name: input.name,
    description: input.description,
    audiences: input.audiences,
    issuerMode: input.issuerMode ?? 'DYNAMIC',
    status: input.status ?? 'ACTIVE',
    created: now,
    lastUpdated: now,
    lastRotated: now,
    default: !!input.isDefault,
  };
  servers(t).put(doc);
  for (const [name, description] of SYSTEM_SCOPES) {
    scopes(t, doc.id).put({ id: oktaId(t, 'scp'), name, displayName: name, description, system: true, metadataPublish: 'ALL_CLIENTS', default: false, consent: 'IMPLICIT', optional: false });
  }
  claims(t, doc.id).put({
    id: oktaId(t, 'ocl'), name: 'sub', status: 'ACTIVE', claimType: 'RESOURCE', valueType: 'EXPRESSION',
    value: '(appuser != null) ? appuser.userName : app.clientId', conditions: { scopes: [] }, system: true, alwaysIncludeInToken: true,
  });
  for (const [name, scope, always] of IDENTITY_CLAIMS) {
    claims(t, doc.id).put({ id: oktaId(t, 'ocl'), name, status: 'ACTIVE', claimType: 'IDENTITY', valueType: 'SYSTEM', conditions: { scopes: [scope] }, system: true, alwaysIncludeInToken: always });
  }
  return doc;
}

/** Removes a server and everything under it (scopes, claims, policies, rules, tokens). */
export function deleteServerState(t: Tenant, id: string): void {
  servers(t).delete(id);
  for (const key of t.collectionKeys(`${K.servers}/${id}/`)) t.collection(key).clear();
}
