// Who is calling: SSWS API tokens, OAuth 2.0 access tokens (via the OAuth half), and Okta's scope rules.
import { createHash } from 'node:crypto';
import { EngineError } from '../../src/core/errors.js';
import { select, termIndex } from '../../src/core/lookup.js';
import type { Principal } from '../../src/core/handler.js';
import type { OperationDigest } from '../../src/core/digest.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { AuthRequest } from '../../src/core/twin.js';
import type { Doc } from '../../src/core/tenant.js';
import { oktaErrorWith } from './errors.js';
import { verifyApiAccessToken } from './oauth/index.js';
import { KEYS, oktaId, opaqueToken, users } from './store.js';

/** An SSWS API token as the org keeps it: the value only as a hash, like Okta's own store. */
export interface ApiTokenDoc extends Doc {
  name: string;
  userId: string;
  hash: string;
  created: string;
  lastUpdated: string;
  expiresAt: string;
  tokenWindow: string;
  network: { connection: string };
  clientName: string;
}

const DAY_MS = 86400_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Presented tokens are few and repeat on every call: hash each once (bounded, so junk tokens cannot grow it). */
const hashes = new Map<string, string>();
function tokenHash(token: string): string {
  let h = hashes.get(token);
  if (h === undefined) {
    if (hashes.size >= 1000) hashes.clear();
    h = sha256(token);
    hashes.set(token, h);
  }
  return h;
}

/**
 * Mints an API token for a user. Okta tokens are 42 characters starting `00`;
 * the twin draws them from the tenant's random source so a seed replays them.
 */
export function mintApiToken(tenant: Tenant, userId: string, name: string): { token: string; doc: ApiTokenDoc } {
  const token = `00${opaqueToken(tenant, 40)}`;
  const now = tenant.now();
  const doc: ApiTokenDoc = {
    id: oktaId(tenant, '00T'),
    name,
    userId,
    hash: sha256(token),
    created: now.toISOString(),
    lastUpdated: now.toISOString(),
    expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
    tokenWindow: 'P30D',
    network: { connection: 'ANYWHERE' },
    clientName: 'Okta API',
  };
  tenant.collection<ApiTokenDoc>(KEYS.apiTokens).put(doc);
  return { token, doc };
}

/** The token's record, from an index by hash: every SSWS call asks, however many tokens the org has minted. */
export function findApiToken(tenant: Tenant, token: string): ApiTokenDoc | undefined {
  const h = tokenHash(token);
  const col = tenant.collection<ApiTokenDoc>(KEYS.apiTokens);
  const byHash = termIndex(col, 'hash', (d) => [d.hash]);
  return select(col, byHash, byHash.ids(h), (d) => d.hash === h)[0];
}

/** The last expiry text parsed and its time: every SSWS call reads its token's, which changes at most once a day. */
let lastExpiry = { text: '', ms: NaN };
function expiryMs(text: string): number {
  if (text !== lastExpiry.text) lastExpiry = { text, ms: Date.parse(text) };
  return lastExpiry.ms;
}

/** The credential a request carries (used to find its tenant when the path has no `/t/<name>` prefix). */
export function credentialOf(req: Request): string | undefined {
  const m = /^\s*(SSWS|Bearer|DPoP)\s+(\S+)\s*$/i.exec(req.headers.get('authorization') ?? '');
  return m?.[2];
}

const unauthenticated = (reason: 'missing' | 'malformed' | 'invalid') => new EngineError({ kind: 'unauthenticated', reason });

/**
 * SSWS answers synchronously (the engine then skips a trip through the microtask queue on every call);
 * only an access token, whose verification may fetch keys, answers a promise.
 */
export function authenticate(a: AuthRequest): Principal | Promise<Principal> {
  // Operations the vendor serves without credentials (`security: []`): the Authentication API.
  if (Array.isArray(a.op.security) && a.op.security.length === 0) return { kind: 'anonymous' };
  const header = a.req.headers.get('authorization')?.trim();
  if (!header) throw unauthenticated('missing');
  const m = /^(\S+)\s+(\S+)$/.exec(header);
  if (!m) throw unauthenticated('malformed');
  const scheme = m[1].toLowerCase();
  const value = m[2];

  if (scheme === 'ssws') {
    const doc = findApiToken(a.tenant, value);
    const owner = doc && users(a.tenant).get(doc.userId);
    // A token dies with its owner's access: Okta revokes tokens of deactivated admins.
    if (!doc || !owner || owner.status === 'DEPROVISIONED' || owner.status === 'SUSPENDED') throw unauthenticated('invalid');
    // Okta API tokens expire after 30 days without use; every use slides the window.
    const now = a.tenant.clock.ms();
    const expires = expiryMs(doc.expiresAt);
    if (expires < now) throw unauthenticated('invalid');
    if (expires - now < 29 * DAY_MS) a.tenant.collection<ApiTokenDoc>(KEYS.apiTokens).patch(doc.id, { expiresAt: new Date(now + 30 * DAY_MS).toISOString() });
    return { kind: 'SSWS', subject: owner.id, token: value, tokenId: doc.id, userId: owner.id };
  }

  if (scheme === 'bearer' || scheme === 'dpop') return bearer(a);
  throw unauthenticated('invalid');
}

async function bearer(a: AuthRequest): Promise<Principal> {
  const principal = await verifyApiAccessToken(a.twin, a.tenant, a.req);
  if (!principal) throw unauthenticated('invalid');
  enforceScopes(a.op, principal, a.req);
  return principal;
}

/** Okta's OAuth scope families, by the first segment after `/api/v1/` (developer.okta.com "OAuth 2.0 Scopes"). */
const FAMILY: Record<string, string> = {
  users: 'users',
  groups: 'groups',
  apps: 'apps',
  logs: 'logs',
  eventHooks: 'eventHooks',
  inlineHooks: 'inlineHooks',
  policies: 'policies',
  idps: 'idps',
  authorizationServers: 'authorizationServers',
  trustedOrigins: 'trustedOrigins',
  zones: 'networkZones',
  authenticators: 'authenticators',
  org: 'orgs',
  sessions: 'sessions',
  templates: 'templates',
  brands: 'brands',
  domains: 'domains',
  threats: 'threatInsights',
  mappings: 'profileMappings',
  features: 'features',
  'api-tokens': 'apiTokens',
  behaviors: 'behaviors',
  captchas: 'captchas',
  devices: 'devices',
  roles: 'roles',
  iam: 'roles',
  'device-assurances': 'deviceAssurance',
  'push-providers': 'pushProviders',
  'principal-rate-limits': 'principalRateLimits',
  'rate-limit-settings': 'rateLimitSettings',
  realms: 'realms',
  'email-domains': 'emailDomains',
  agentPools: 'agentPools',
  logStreams: 'logStreams',
  // Scope names from the OAuth 2.0 scopes reference (developer.okta.com/docs/api/oauth2) and each operation's
  // "OAuth 2.0 scope:" line in the API reference.
  orgs: 'orgs',
  'email-servers': 'emailServers',
  'realm-assignments': 'realmAssignments',
  'identity-sources': 'identitySources',
  'security-events-providers': 'securityEventsProviders',
  // Hook keys sign inline hook requests; the Hook Keys API asks for the inline hook scopes.
  'hook-keys': 'inlineHooks',
};

/** The scopes any one of which grants the operation (`.manage` always implies `.read`). */
export function requiredScopes(op: OperationDigest): string[] {
  const segs = op.path.split('/').filter(Boolean);
  if (segs[0] !== 'api' || segs[1] !== 'v1') return [];
  let family = FAMILY[segs[2]];
  if (segs[2] === 'meta') family = segs[3] === 'types' ? 'userTypes' : segs[3] === 'schemas' ? 'schemas' : segs[3] === 'uischemas' ? 'uischemas' : 'schemas';
  // Role assignments under users/groups are their own family.
  if ((segs[2] === 'users' || segs[2] === 'groups') && segs[4] === 'roles') family = 'roles';
  if (segs[2] === 'groups' && segs[3] === 'rules') family = 'groups';
  // Risk providers are administered under okta.riskProviders.*; publishing risk events takes okta.riskEvents.manage.
  if (segs[2] === 'risk') family = segs[3] === 'events' ? 'riskEvents' : 'riskProviders';
  if (!family) return [];
  const manage = `okta.${family}.manage`;
  if (op.method !== 'get') return [manage];
  return [`okta.${family}.read`, manage];
}

/**
 * An access token short of the operation's scope gets 403 E0000006 plus the
 * `www-authenticate` challenge Okta sends (Okta support article "insufficient_scope
 * Error when Making a Request to an OAuth or Management Endpoint").
 */
export function enforceScopes(op: OperationDigest, principal: Principal, req: Request): void {
  const url = new URL(req.url);
  const needed = requiredScopes(op);
  if (!needed.length) return;
  // The caller's own record (`/api/v1/users/me…`) is also open to the `.self` scopes.
  if (/^\/api\/v1\/users\/me(\/|$)/.test(url.pathname)) needed.push(op.method === 'get' ? 'okta.users.read.self' : 'okta.users.manage.self', 'okta.users.manage.self');
  const granted = new Set(principal.scopes ?? []);
  if (needed.some((s) => granted.has(s))) return;
  const org = url.origin;
  const challenge =
    `Bearer authorization_uri="${org}/oauth2/v1/authorize", realm="${org}", scope="${needed[0]}", ` +
    `error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${url.pathname}"`;
  throw oktaErrorWith('E0000006', [], { headers: { 'www-authenticate': challenge } });
}
