/** Who is calling: OAuth access tokens, self-signed service-account JWTs, API keys, and per-API scope checks. */
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import type { AuthRequest } from '../../src/core/twin.js';
import type { OpContext, Principal } from '../../src/core/handler.js';
import type { OperationDigest } from '../../src/core/digest.js';
import type { Tenant } from '../../src/core/tenant.js';
import { E, apiOf, type Api } from './errors.js';
import { K, customer, findUserByEmail, serviceAccounts, tokens, type DirUser, type ServiceAccount } from './store.js';

/** Google accepts some slack between its clock and the client's when it checks `iat`/`exp`. */
export const CLOCK_SKEW_SEC = 300;

/** Hosts an audience-style self-signed JWT may name, per API (JWTAccess signs `https://<service>/`). */
const AUDIENCE_HOSTS: Record<Api, string[]> = {
  drive: ['www.googleapis.com', 'drive.googleapis.com'],
  sheets: ['sheets.googleapis.com'],
  docs: ['docs.googleapis.com'],
  admin: ['admin.googleapis.com', 'www.googleapis.com'],
  gmail: ['gmail.googleapis.com', 'www.googleapis.com'],
  calendar: ['www.googleapis.com', 'calendar-json.googleapis.com'],
};

export interface GooglePrincipal extends Principal {
  kind: 'Bearer' | 'JWT' | 'ApiKey';
  /** Email the call acts as; absent for API-key calls. */
  subject?: string;
  scopes: string[];
  clientId?: string;
  /** A JWT audience grant covers every scope of the API it names. */
  audienceGrant?: boolean;
}

type Credential = { kind: 'bearer' | 'key'; value: string } | { kind: 'malformed' } | undefined;

/**
 * Found once per request: the engine asks which tenant the credential names, then authentication reads it
 * again straight after. The last request's answer is kept (one entry, so nothing accumulates).
 */
let lastRequest: Request | undefined;
let lastCredential: Credential;

/** The credential a request carries, in the places Google reads it from. */
export function credentialIn(req: Request): Credential {
  if (req !== lastRequest) {
    lastCredential = readCredential(req);
    lastRequest = req;
  }
  return lastCredential;
}

function readCredential(req: Request): Credential {
  const h = req.headers.get('authorization');
  if (h !== null) {
    const m = /^bearer\s+(\S+)\s*$/i.exec(h.trim());
    return m ? { kind: 'bearer', value: m[1] } : { kind: 'malformed' };
  }
  const url = new URL(req.url);
  const q = url.searchParams.get('access_token') ?? url.searchParams.get('oauth_token');
  if (q) return { kind: 'bearer', value: q };
  const key = req.headers.get('x-goog-api-key') ?? url.searchParams.get('key');
  if (key) return { kind: 'key', value: key };
  return undefined;
}

const looksLikeJwt = (s: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(s);

/** Picks the tenant: an opaque token or key maps directly; a JWT maps through its issuer (the service account). */
export function credentialOf(req: Request): string | undefined {
  const c = credentialIn(req);
  if (!c || c.kind === 'malformed') return undefined;
  if (c.kind === 'bearer' && looksLikeJwt(c.value)) {
    try {
      const iss = decodeJwt(c.value).iss;
      return typeof iss === 'string' ? iss : undefined;
    } catch {
      return undefined;
    }
  }
  return c.value;
}

export function credentialValues(t: Tenant): string[] {
  return [
    ...tokens(t).values().map((x) => x.id),
    ...t.collection(K.refreshTokens).values().map((x) => x.id),
    ...serviceAccounts(t).values().map((x) => x.id),
    ...t.collection(K.apiKeys).values().map((x) => x.id),
  ];
}

/** Scopes any one of which lets a caller use the operation (from the discovery document's security list), worked out once per operation. */
const scopesByOp = new WeakMap<OperationDigest, string[]>();

export function acceptedScopes(op: OperationDigest): string[] {
  let scopes = scopesByOp.get(op);
  if (!scopes) {
    const out = new Set<string>();
    for (const alt of op.security ?? []) for (const list of Object.values(alt)) for (const s of list) out.add(s);
    scopesByOp.set(op, (scopes = [...out]));
  }
  return scopes;
}

/** Synchronous for tokens and keys (the engine awaits only a promise); a self-signed JWT is verified asynchronously. */
export function authenticate(a: AuthRequest): GooglePrincipal | Promise<GooglePrincipal> {
  const { req, op, tenant } = a;
  const api = apiOf(op, req);
  const cred = credentialIn(req);
  if (!cred) throw api === 'sheets' ? E.missingApiKey(api) : E.loginRequired(api);
  if (cred.kind === 'malformed') throw E.invalidCredentials(api);

  if (cred.kind === 'key') {
    if (!tenant.collection(K.apiKeys).has(cred.value)) throw E.apiKeyInvalid(api);
    // An API key names a project, not a person: it reads public data only.
    if (op.method !== 'get') throw E.loginRequired(api);
    return { kind: 'ApiKey', scopes: [], token: cred.value, anonymous: true };
  }
  if (looksLikeJwt(cred.value)) return selfSignedJwt(tenant, cred.value, api, now(a)).then((p) => admitted(a, api, p));
  const tok = tokens(tenant).get(cred.value);
  if (!tok || (tok.expiresAt !== undefined && tok.expiresAt <= now(a).getTime())) throw E.invalidCredentials(api);
  return admitted(a, api, { kind: 'Bearer', subject: tok.subject, scopes: tok.scopes, clientId: tok.clientId, token: tok.id });
}

/** A token's or JWT's principal, if its account still works and it holds a scope the operation accepts. */
function admitted(a: AuthRequest, api: Api, principal: GooglePrincipal): GooglePrincipal {
  const { op, tenant } = a;
  const user = principal.subject ? findUserByEmail(tenant, principal.subject) : undefined;
  if (user && (user.suspended || user.archived)) throw E.invalidCredentials(api);
  // A token of an account that has since been deleted stops working.
  const domain = principal.subject?.split('@')[1]?.toLowerCase();
  if (!user && domain && customer(tenant)?.domains.includes(domain)) throw E.invalidCredentials(api);

  const accepted = acceptedScopes(op);
  if (accepted.length && !principal.audienceGrant && !principal.scopes.some((s) => accepted.includes(s))) {
    throw E.insufficientScopes(api, accepted);
  }
  return principal;
}

const now = (a: AuthRequest) => a.twin.clock.now();

/** A service account's self-signed JWT (`useJWTAccessWithScope`, or the audience form JWTAccess uses). */
async function selfSignedJwt(t: Tenant, jwt: string, api: Api, at: Date): Promise<GooglePrincipal> {
  let claims: ReturnType<typeof decodeJwt>;
  let kid: string | undefined;
  try {
    claims = decodeJwt(jwt);
    kid = decodeProtectedHeader(jwt).kid;
  } catch {
    throw E.invalidCredentials(api);
  }
  const sa = typeof claims.iss === 'string' ? serviceAccounts(t).get(claims.iss) : undefined;
  if (!sa || (kid && kid !== sa.keyId)) throw E.invalidCredentials(api);
  if (!(await verifySignature(sa, jwt))) throw E.invalidCredentials(api);
  const nowSec = Math.floor(at.getTime() / 1000);
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw E.invalidCredentials(api);
  if (claims.exp + CLOCK_SKEW_SEC < nowSec || claims.iat - CLOCK_SKEW_SEC > nowSec || claims.exp - claims.iat > 3600) throw E.invalidCredentials(api);

  const scopes = typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [];
  let audienceGrant = false;
  if (!scopes.length) {
    const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
    let host = '';
    try {
      host = new URL(String(aud)).host;
    } catch {
      throw E.invalidCredentials(api);
    }
    if (!AUDIENCE_HOSTS[api].includes(host)) throw E.invalidCredentials(api);
    audienceGrant = true;
  }
  const subject = resolveSubject(t, sa, typeof claims.sub === 'string' ? claims.sub : undefined, scopes);
  if (!subject) throw E.invalidCredentials(api);
  return { kind: 'JWT', subject, scopes, clientId: sa.clientId, audienceGrant, token: jwt };
}

export async function verifySignature(sa: ServiceAccount, jwt: string): Promise<boolean> {
  try {
    const key = await importJWK(sa.publicJwk, 'RS256');
    const { protectedHeader } = await compactVerify(jwt, key);
    return protectedHeader.alg === 'RS256';
  } catch {
    return false;
  }
}

/**
 * Domain-wide delegation: a service account may act as a user of the domain
 * when the admin granted its client id every scope it asks for. Otherwise it
 * acts as itself. Returns undefined when delegation is not allowed.
 */
export function resolveSubject(t: Tenant, sa: ServiceAccount, sub: string | undefined, scopes: string[]): string | undefined {
  if (!sub || sub.toLowerCase() === sa.id.toLowerCase()) return sa.id;
  const user = findUserByEmail(t, sub);
  if (!user || user.suspended) return undefined;
  if (!scopes.length || !scopes.every((s) => sa.delegatedScopes.includes(s))) return undefined;
  return user.primaryEmail;
}

/** The caller as handlers need it. */
export interface Caller {
  email?: string;
  user?: DirUser;
  anonymous: boolean;
  clientId?: string;
  scopes: string[];
  /** A JWT audience grant or a token with a full scope for the API. */
  fullScope: (scope: string) => boolean;
}

export function callerOf(ctx: OpContext): Caller {
  const p = ctx.principal as GooglePrincipal;
  const user = p.subject ? findUserByEmail(ctx.tenant, p.subject) : undefined;
  return {
    email: p.subject,
    user,
    anonymous: p.kind === 'ApiKey',
    clientId: p.clientId,
    scopes: p.scopes ?? [],
    fullScope: (scope) => !!p.audienceGrant || (p.scopes ?? []).includes(scope),
  };
}
