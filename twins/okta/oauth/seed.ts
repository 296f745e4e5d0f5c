// Seeds OAuth state (the `default` custom server, fixture servers, the SDK service app) and hands out its credentials.
import { createPrivateKey, type JsonWebKey as NodeJwk } from 'node:crypto';
import type { Tenant } from '../../../src/core/tenant.js';
import { newSigningKey } from '../model/signing-keys.js';
import { apps, KEYS, oktaId, type AppDoc } from '../store.js';
import { generateRsaJwk } from './model/keys.js';
import { createServer, findServer, pathId, policies, rules, scopes, servers, type ServerDoc } from './model/servers.js';

/** Fixture shape: `authorizationServers: [{ name, audiences, description?, scopes?: [{name, description?, default?}], policies?: [...] }]`. */
export interface ServerFixture {
  name: string;
  audiences: string[];
  description?: string;
  scopes?: Array<{ name: string; description?: string; default?: boolean; metadataPublish?: 'ALL_CLIENTS' | 'NO_CLIENTS' }>;
  /** Rules default to "allow every client, grant and scope"; give policies to restrict. */
  policies?: Array<{ name: string; clients?: string[]; rules: Array<{ name: string; grantTypes: string[]; scopes: string[]; groups?: string[]; accessTokenLifetimeMinutes?: number }> }>;
}

/** Okta management scopes the seeded service app is granted, so the SDK's PrivateKey mode works out of the box. */
export const SERVICE_APP_SCOPES = [
  'okta.users.read', 'okta.users.manage', 'okta.groups.read', 'okta.groups.manage', 'okta.apps.read', 'okta.apps.manage',
  'okta.logs.read', 'okta.authorizationServers.read', 'okta.authorizationServers.manage', 'okta.policies.read', 'okta.policies.manage',
  'okta.eventHooks.read', 'okta.eventHooks.manage', 'okta.userTypes.read', 'okta.userTypes.manage', 'okta.schemas.read', 'okta.schemas.manage',
  'okta.trustedOrigins.read', 'okta.trustedOrigins.manage', 'okta.roles.read', 'okta.roles.manage',
];

interface ServiceAppMeta {
  appId: string;
  clientId: string;
  kid: string;
  privateJwk: NodeJwk;
}

const SERVICE_META = 'okta:oauth:serviceApp';
const ALL_GRANTS = ['client_credentials', 'authorization_code', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:token-exchange', 'password', 'implicit'];

function addAccessPolicy(t: Tenant, s: ServerDoc, name: string, clients: string[], ruleList: NonNullable<ServerFixture['policies']>[number]['rules']): void {
  const now = t.now().toISOString();
  const p = policies(t, s.id).put({
    id: oktaId(t, '00p'), type: 'OAUTH_AUTHORIZATION_POLICY', status: 'ACTIVE', name, description: `${name} description`,
    priority: policies(t, s.id).size + 1, system: false, conditions: { clients: { include: clients } }, created: now, lastUpdated: now,
  });
  ruleList.forEach((r, i) => {
    rules(t, s.id, p.id).put({
      id: oktaId(t, '0pr'), type: 'RESOURCE_ACCESS', status: 'ACTIVE', name: r.name, priority: i + 1, system: false,
      conditions: { people: { users: { exclude: [] }, groups: { include: r.groups ?? ['EVERYONE'] } }, grantTypes: { include: r.grantTypes }, scopes: { include: r.scopes } },
      actions: { token: { accessTokenLifetimeMinutes: r.accessTokenLifetimeMinutes ?? 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 } },
      created: now, lastUpdated: now,
    });
  });
}

function seedServer(t: Tenant, f: ServerFixture, isDefault: boolean): ServerDoc {
  const s = createServer(t, { name: f.name, audiences: f.audiences, description: f.description, isDefault });
  for (const sc of f.scopes ?? []) {
    scopes(t, s.id).put({
      id: oktaId(t, 'scp'), name: sc.name, description: sc.description ?? null, system: false,
      metadataPublish: sc.metadataPublish ?? 'NO_CLIENTS', default: sc.default ?? false, consent: 'IMPLICIT', optional: false,
    });
  }
  if (f.policies?.length) for (const p of f.policies) addAccessPolicy(t, s, p.name, p.clients ?? ['ALL_CLIENTS'], p.rules);
  else addAccessPolicy(t, s, 'Default Policy', ['ALL_CLIENTS'], [{ name: 'Default Policy Rule', grantTypes: ALL_GRANTS, scopes: ['*'] }]);
  return s;
}

/**
 * The `default` server as a new Okta developer org has it (audience `api://default`,
 * the OIDC scopes, a default policy and rule for all clients), fixture servers, and
 * the service app the SDK's PrivateKey mode authenticates as. Keys are made lazily.
 */
export function populateOAuth(tenant: Tenant, fixture: unknown): void {
  const f = (fixture && typeof fixture === 'object' ? fixture : {}) as { authorizationServers?: ServerFixture[] };
  if (!findServer(tenant, 'default')) {
    seedServer(tenant, {
      name: 'default',
      description: 'Default Authorization Server for your Applications',
      audiences: ['api://default'],
      scopes: [{ name: 'api.read', description: 'Read access to the protected API', metadataPublish: 'ALL_CLIENTS' }],
    }, true);
  }
  for (const s of f.authorizationServers ?? []) {
    if (!servers(tenant).find((x) => x.name === s.name)) seedServer(tenant, s, false);
  }
  seedServiceApp(tenant);
}

function seedServiceApp(t: Tenant): void {
  if (t.meta<ServiceAppMeta | undefined>(SERVICE_META, () => undefined)) return;
  const now = t.now().toISOString();
  const id = oktaId(t, '0oa');
  const app: AppDoc = {
    id, name: 'oidc_client', label: 'Okta SDK Service App', status: 'ACTIVE', signOnMode: 'OPENID_CONNECT', created: now, lastUpdated: now,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { autoSubmitToolbar: false, hide: { iOS: true, web: true }, appLinks: { oidc_client_link: false } },
    features: [],
    credentials: {
      userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
      // An OpenID Connect app has a signing key of its own from creation; Okta never answers `kid: null` (terraform and
      // okta-sdk-python cassettes: every recorded app's `credentials.signing` is `{}` or carries a kid).
      signing: { kid: newSigningKey(t, `${KEYS.apps}/${id}`).kid },
      oauthClient: { autoKeyRotation: true, client_id: id, token_endpoint_auth_method: 'private_key_jwt', pkce_required: false },
    },
    settings: {
      app: {}, notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } }, manualProvisioning: false, implicitAssignment: false,
      notes: { admin: null, enduser: null },
      oauthClient: {
        client_uri: null, logo_uri: null, redirect_uris: [], response_types: ['token'], grant_types: ['client_credentials'], application_type: 'service',
        consent_method: 'REQUIRED', issuer_mode: 'DYNAMIC', dpop_bound_access_tokens: true, jwks: { keys: [] },
      },
    },
  };
  apps(t).put(app);
  // The grant's `issuer` is the org URL, which depends on how callers address the twin; seeding has no caller.
  for (const scopeId of SERVICE_APP_SCOPES) {
    t.collection(`/api/v1/apps/${id}/grants`).put({
      id: oktaId(t, 'oag'), status: 'ACTIVE', created: now, lastUpdated: now, issuer: '', clientId: id, scopeId, source: 'ADMIN',
      createdBy: { id: 'system', type: 'SystemPrincipal' },
    });
  }
  t.setMeta(SERVICE_META, { appId: id, clientId: id, kid: '', privateJwk: {} } satisfies ServiceAppMeta);
}

/** The service app's key pair, made on first need and registered on the app's JWKS. */
export function ensureServiceAppKey(t: Tenant): ServiceAppMeta | undefined {
  const meta = t.meta<ServiceAppMeta | undefined>(SERVICE_META, () => undefined);
  if (!meta) return undefined;
  const app = apps(t).get(meta.appId);
  if (!app) return undefined;
  if (!meta.kid) {
    const k = generateRsaJwk(t);
    meta.kid = k.public.kid;
    meta.privateJwk = k.private;
    const jwk = { ...k.public, id: oktaId(t, 'pks'), status: 'ACTIVE', created: t.now().toISOString(), lastUpdated: t.now().toISOString() };
    const oc = { ...app.settings!.oauthClient, jwks: { keys: [...(app.settings!.oauthClient?.jwks?.keys ?? []), jwk] } };
    apps(t).patch(app.id, { settings: { ...app.settings, oauthClient: oc } });
    t.markDirty();
  }
  return meta;
}

/**
 * `/_dtu/credentials` additions: issuers, and the service app in the form
 * `new okta.Client({ orgUrl, authorizationMode: 'PrivateKey', clientId, scopes, privateKey, keyId })` takes.
 */
export function oauthCredentials(tenant: Tenant, baseUrl: string): Record<string, unknown> {
  const svc = ensureServiceAppKey(tenant);
  const authorizationServers: Record<string, unknown> = {};
  for (const s of servers(tenant).values()) {
    const issuer = `${baseUrl}/oauth2/${pathId(s)}`;
    authorizationServers[pathId(s)] = { id: s.id, name: s.name, issuer, audiences: s.audiences, status: s.status, jwksUri: `${issuer}/v1/keys`, tokenEndpoint: `${issuer}/v1/token` };
  }
  const pem = svc?.kid ? createPrivateKey({ key: svc.privateJwk, format: 'jwk' }).export({ type: 'pkcs1', format: 'pem' }).toString() : undefined;
  return {
    issuer: `${baseUrl}/oauth2/default`,
    orgIssuer: baseUrl,
    authorizationServers,
    ...(svc && pem
      ? { serviceApp: { clientId: svc.clientId, appId: svc.appId, keyId: svc.kid, privateKey: pem, privateJwk: svc.privateJwk, scopes: SERVICE_APP_SCOPES, tokenEndpoint: `${baseUrl}/oauth2/v1/token`, dpop: true } }
      : {}),
  };
}
