// Minting and reading tokens: JWT access and ID tokens with Okta's claims, opaque refresh tokens, revocation state.
import { createHash } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { findOAuthClient, groups as groupColl, oktaId, opaqueToken, userGroupIds, users, type UserDoc } from '../../store.js';
import { K, claims as claimColl, type ClaimDoc, type Known } from './servers.js';
import { signJwt, verifyOwnJwt, type VerifyResult } from './keys.js';
import type { AsContext } from './context.js';

export interface RefreshDoc extends Doc {
  value: string;
  status: 'ACTIVE' | 'REVOKED';
  clientId: string;
  userId: string;
  scopes: string[];
  issuer: string;
  created: string;
  lastUpdated: string;
  expiresAt: string | null;
  /** The grant that created it, which later refreshes are judged by. */
  grantType: string;
  authTime: number;
  lifetimeMin: number;
  windowMin: number;
  jkt?: string;
}

export interface RevokedDoc extends Doc {
  exp: number;
}

const b64 = (buf: Buffer) => buf.toString('base64url');

/** Okta token ids: `AT.`/`ID.` plus 43 URL-safe characters, drawn from the tenant's seeded source. */
const tokenId = (t: Tenant, prefix: 'AT' | 'ID') => `${prefix}.${opaqueToken(t, 43)}`;

/** OIDC `at_hash`: left half of SHA-256 of the access token, base64url (OIDC Core 3.1.3.6). */
export const atHash = (accessToken: string) => b64(createHash('sha256').update(accessToken).digest().subarray(0, 16));

/** The org's identity-provider id, the `idp` claim of ID tokens (stable per tenant). */
export function orgIdpId(t: Tenant): string {
  return t.meta('okta:oauth:idp', () => oktaId(t, '00o'));
}

export interface AccessInput {
  clientId: string;
  user?: UserDoc;
  scopes: string[];
  ttlSec: number;
  authTime?: number;
  jkt?: string;
}

/**
 * An access token as Okta mints it (docs "Access Token Payload"; cassette
 * test_dpop_it for the org server's header `typ` and its `aud` = org URL).
 */
export async function mintAccessToken(ctx: AsContext, input: AccessInput): Promise<{ token: string; claims: JWTPayload }> {
  const t = ctx.tenant;
  const iat = Math.floor(t.now().getTime() / 1000);
  const claims: JWTPayload = {
    ver: 1,
    jti: tokenId(t, 'AT'),
    iss: ctx.issuer,
    aud: ctx.audience,
    iat,
    exp: iat + input.ttlSec,
    cid: input.clientId,
    ...(input.user ? { uid: input.user.id } : {}),
    scp: input.scopes,
    ...(input.user && input.authTime ? { auth_time: input.authTime } : {}),
    sub: input.user ? input.user.profile.login : input.clientId,
    ...(input.jkt ? { cnf: { jkt: input.jkt } } : {}),
  };
  if (ctx.kind === 'custom') Object.assign(claims, customClaims(ctx, 'RESOURCE', input.scopes, input.user, input.clientId));
  const header = ctx.kind === 'org' ? { typ: 'application/okta-internal-at+jwt' } : {};
  return { token: await signJwt(t, ctx.id, claims, header), claims };
}

export interface IdInput {
  clientId: string;
  user: UserDoc;
  scopes: string[];
  authTime: number;
  nonce?: string;
  accessToken?: string;
}

/** An ID token (docs "ID Token Payload"): base claims plus the scope claims Okta includes in the token. */
export async function mintIdToken(ctx: AsContext, input: IdInput): Promise<string> {
  const t = ctx.tenant;
  const iat = Math.floor(t.now().getTime() / 1000);
  const claims: JWTPayload = {
    sub: input.user.id,
    ...profileClaims(t, input.user, input.scopes, true),
    ver: 1,
    iss: ctx.issuer,
    aud: input.clientId,
    iat,
    exp: iat + 3600,
    jti: tokenId(t, 'ID'),
    amr: ['pwd'],
    idp: orgIdpId(t),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    auth_time: input.authTime,
    ...(input.accessToken ? { at_hash: atHash(input.accessToken) } : {}),
  };
  if (ctx.kind === 'custom') Object.assign(claims, customClaims(ctx, 'IDENTITY', input.scopes, input.user, input.clientId));
  return signJwt(t, ctx.id, claims);
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * OIDC claims from the user's profile, by granted scope. In ID tokens only the
 * claims Okta marks `alwaysIncludeInToken` appear (name, email, preferred_username);
 * /userinfo returns them all (docs "Scope-dependent claims").
 */
export function profileClaims(t: Tenant, u: UserDoc, scopes: string[], idTokenOnly: boolean): Record<string, unknown> {
  const p = u.profile as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const has = (s: string) => scopes.includes(s);
  if (has('profile')) {
    const name = [str(p.firstName), str(p.lastName)].filter(Boolean).join(' ') || u.profile.login;
    out.name = name;
    out.preferred_username = u.profile.login;
    if (!idTokenOnly) {
      Object.assign(out, {
        nickname: p.nickName ?? null, given_name: p.firstName ?? null, middle_name: p.middleName ?? null, family_name: p.lastName ?? null,
        profile: p.profileUrl ?? null, zoneinfo: p.timezone ?? 'America/Los_Angeles', locale: p.locale ?? 'en_US',
        updated_at: Math.floor(Date.parse(String(u.lastUpdated)) / 1000) || null,
      });
    }
  }
  if (has('email')) {
    out.email = str(p.email) ?? u.profile.login;
    if (!idTokenOnly) out.email_verified = u.status === 'ACTIVE';
  }
  if (!idTokenOnly && has('phone')) out.phone_number = p.mobilePhone ?? p.primaryPhone ?? null;
  if (!idTokenOnly && has('address')) {
    out.address = { street_address: p.streetAddress ?? null, locality: p.city ?? null, region: p.state ?? null, postal_code: p.zipCode ?? null, country: p.countryCode ?? null };
  }
  if (has('groups')) out.groups = userGroupIds(t, u.id).map((g) => groupColl(t).get(g)?.profile.name).filter(Boolean);
  return out;
}

/**
 * Custom claims of a custom server (Authorization Servers API "Claim object").
 * Expressions are Okta Expression Language; the twin evaluates string literals,
 * `user.<attr>` / `appuser.<attr>` and `app.clientId`, and skips what it cannot
 * evaluate rather than inventing a value. GROUPS claims filter the user's groups.
 */
function customClaims(ctx: AsContext, type: ClaimDoc['claimType'], scopes: string[], user: UserDoc | undefined, clientId: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of claimColl(ctx.tenant, ctx.id).values()) {
    if (c.system || c.status !== 'ACTIVE' || c.claimType !== type) continue;
    const condScopes = c.conditions?.scopes ?? [];
    if (condScopes.length && !condScopes.some((s) => scopes.includes(s))) continue;
    const value = claimValue(ctx.tenant, c, user, clientId);
    if (value !== undefined) out[c.name] = value;
  }
  return out;
}

function claimValue(t: Tenant, c: ClaimDoc, user: UserDoc | undefined, clientId: string): unknown {
  const expr = (c.value ?? '').trim();
  if (c.valueType === 'GROUPS') {
    if (!user) return undefined;
    const names = userGroupIds(t, user.id).map((g) => groupColl(t).get(g)?.profile.name).filter((n): n is string => typeof n === 'string');
    const f = c.group_filter_type ?? 'STARTS_WITH';
    const hit = (n: string) => (f === 'EQUALS' ? n === expr : f === 'CONTAINS' ? n.includes(expr) : f === 'REGEX' ? safeRegex(expr)?.test(n) ?? false : n.startsWith(expr));
    return names.filter(hit);
  }
  const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(expr);
  if (literal) return literal[1].replace(/\\(.)/g, '$1');
  const attr = /^(user|appuser)\.([A-Za-z0-9_]+)$/.exec(expr);
  if (attr) return user ? ((users(t).get(user.id)?.profile as Record<string, unknown> | undefined)?.[attr[2]] ?? undefined) : undefined;
  if (expr === 'app.clientId') return clientId;
  return undefined;
}

function safeRegex(src: string): RegExp | undefined {
  try {
    return new RegExp(`^${src}$`);
  } catch {
    return undefined;
  }
}

const refreshColl = (ctx: AsContext, clientId: string) => ctx.tenant.collection<RefreshDoc>(K.refreshTokens(ctx.id, clientId));

export function mintRefreshToken(ctx: AsContext, input: Omit<Known<RefreshDoc>, 'id' | 'value' | 'status' | 'created' | 'lastUpdated' | 'expiresAt' | 'issuer'>): RefreshDoc {
  const t = ctx.tenant;
  const now = t.now();
  const doc: RefreshDoc = {
    id: oktaId(t, 'oar'),
    value: opaqueToken(t, 43),
    status: 'ACTIVE',
    issuer: ctx.issuer,
    created: now.toISOString(),
    lastUpdated: now.toISOString(),
    expiresAt: refreshExpiry(now, now, input.lifetimeMin, input.windowMin),
    ...input,
  };
  return refreshColl(ctx, input.clientId).put(doc);
}

/** Expiry from the rule's lifetime (0 = unlimited) and idle window, counted from creation and last use. */
export function refreshExpiry(created: Date, lastUsed: Date, lifetimeMin: number, windowMin: number): string | null {
  const limits: number[] = [];
  if (lifetimeMin > 0) limits.push(created.getTime() + lifetimeMin * 60_000);
  if (windowMin > 0) limits.push(lastUsed.getTime() + windowMin * 60_000);
  return limits.length ? new Date(Math.min(...limits)).toISOString() : null;
}

export function findRefresh(ctx: AsContext, clientId: string, value: string): RefreshDoc | undefined {
  return refreshColl(ctx, clientId).find((d) => d.value === value);
}

/** Any refresh token of this server with that value, whichever client holds it. */
export function findRefreshAnyClient(ctx: AsContext, value: string): RefreshDoc | undefined {
  const prefix = K.refreshTokens(ctx.id, '\u0000').split('\u0000')[0];
  for (const key of ctx.tenant.collectionKeys(prefix).filter((k) => k.endsWith('/tokens'))) {
    const hit = ctx.tenant.collection<RefreshDoc>(key).find((d) => d.value === value);
    if (hit) return hit;
  }
  return undefined;
}

export function refreshActive(ctx: AsContext, d: RefreshDoc): boolean {
  return d.status === 'ACTIVE' && (d.expiresAt === null || Date.parse(d.expiresAt) > ctx.tenant.now().getTime());
}

export function saveRefresh(ctx: AsContext, d: RefreshDoc): void {
  refreshColl(ctx, d.clientId).put(d);
}

const revoked = (t: Tenant) => t.collection<RevokedDoc>(K.revoked);

export function revokeJti(t: Tenant, jti: string, exp: number): void {
  revoked(t).put({ id: jti, exp });
}

export function isRevoked(t: Tenant, jti: unknown): boolean {
  return typeof jti === 'string' && revoked(t).has(jti);
}

/**
 * Tokens die with their client: "If the client that issued the token is deactivated,
 * the token is immediately and permanently invalidated" (docs "Access Token").
 */
export function clientLive(t: Tenant, clientId: unknown): boolean {
  const app = typeof clientId === 'string' ? findOAuthClient(t, clientId) : undefined;
  return !!app && app.status === 'ACTIVE';
}

/** A JWT this server issued, checked for signature, expiry, revocation and a live client. */
export async function readOwnJwt(ctx: AsContext, token: string): Promise<VerifyResult> {
  const r = await verifyOwnJwt(ctx.tenant, ctx.id, token);
  if (!r.ok) return r;
  const client = r.claims.cid ?? r.claims.aud;
  if (isRevoked(ctx.tenant, r.claims.jti) || r.claims.iss !== ctx.issuer || !clientLive(ctx.tenant, client)) return { ok: false, reason: 'signature' };
  return r;
}
