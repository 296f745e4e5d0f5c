// Signing keys of the org and custom authorization servers: generation, rotation, JWKS publication, signing and verification.
import { createHash, type JsonWebKey as NodeJwk } from 'node:crypto';
import { SignJWT, importJWK, jwtVerify, decodeProtectedHeader, errors as joseErrors, type JWTPayload, type CryptoKey } from 'jose';
import type { Tenant } from '../../../../src/core/tenant.js';
import { pooledRsaKey, type RsaPrivateJwk } from '../../../../src/core/keypool.js';

/** The key set of one authorization server: `org` for the org server, else the custom server's id. */
export type KeySetId = string;
export const ORG = 'org';

export type KeyStatus = 'ACTIVE' | 'NEXT' | 'EXPIRED';

export interface PublicJwk {
  kty: 'RSA';
  alg: 'RS256';
  kid: string;
  use: 'sig';
  e: string;
  n: string;
}

export interface KeyRecord {
  kid: string;
  status: KeyStatus;
  created: string;
  public: PublicJwk;
  /** Kept in tenant state (so snapshots and restarts keep verifying old tokens), never served. */
  private: NodeJwk;
}

const META = 'okta:oauth:keys';

function sets(tenant: Tenant): Record<KeySetId, KeyRecord[]> {
  return tenant.meta<Record<KeySetId, KeyRecord[]>>(META, () => ({}));
}

/** RFC 7638 thumbprint: the same 43-character form Okta uses for its `kid`s. */
export function thumbprint(jwk: { e?: string; n?: string }): string {
  return createHash('sha256').update(JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n })).digest('base64url');
}

type KeyPair = { public: PublicJwk; private: NodeJwk };

function toPair(priv: RsaPrivateJwk): KeyPair {
  const kid = thumbprint(priv);
  return { public: { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e: priv.e, n: priv.n }, private: { ...priv, kid, alg: 'RS256' } as NodeJwk };
}

/**
 * An RSA-2048 pair from the committed key pool (src/core/keypool.ts): no key is generated at run time,
 * so tenants and rotations cost a lookup. The label comes from the tenant's random source, so a seed
 * replays the same keys; `avoid` lists kids the new key must not repeat (a rotation never re-issues the
 * key it replaces).
 */
export function generateRsaJwk(tenant: Tenant, avoid: string[] = []): KeyPair {
  let pair = toPair(pooledRsaKey(`okta-oauth:${tenant.name}:${tenant.random.chars(16)}`));
  for (let i = 0; i < 8 && avoid.includes(pair.public.kid); i++) pair = toPair(pooledRsaKey(`okta-oauth:${tenant.name}:${tenant.random.chars(16)}`));
  return pair;
}

/** The server's keys, made on first use (most tenants never touch OAuth). */
export function ensureKeys(tenant: Tenant, set: KeySetId): KeyRecord[] {
  const all = sets(tenant);
  if (!all[set]?.length) {
    const k = generateRsaJwk(tenant);
    all[set] = [{ kid: k.public.kid, status: 'ACTIVE', created: tenant.now().toISOString(), public: k.public, private: k.private }];
    tenant.markDirty();
  }
  return all[set];
}

export function activeKey(tenant: Tenant, set: KeySetId): KeyRecord {
  const keys = ensureKeys(tenant, set);
  return keys.find((k) => k.status === 'ACTIVE') ?? keys[0];
}

/**
 * Rotation as Okta does it: a new ACTIVE key, the previous one kept as EXPIRED
 * (still published so tokens it signed keep verifying), anything older dropped
 * (okta-sdk-python cassette test_rotate_auth_server_keys: ACTIVE + EXPIRED).
 */
export function rotateKeys(tenant: Tenant, set: KeySetId): KeyRecord[] {
  const keys = ensureKeys(tenant, set);
  const k = generateRsaJwk(tenant, keys.map((x) => x.kid));
  const previous = keys.find((x) => x.status === 'ACTIVE');
  const next: KeyRecord[] = [{ kid: k.public.kid, status: 'ACTIVE', created: tenant.now().toISOString(), public: k.public, private: k.private }];
  if (previous) next.push({ ...previous, status: 'EXPIRED' });
  sets(tenant)[set] = next;
  tenant.markDirty();
  return next;
}

export function dropKeys(tenant: Tenant, set: KeySetId): void {
  const all = sets(tenant);
  if (all[set]) {
    delete all[set];
    tenant.markDirty();
  }
}

/** The JWKS document: every key still held, public parts only (docs: "two or three keys listed"). */
export function publishedJwks(tenant: Tenant, set: KeySetId): { keys: PublicJwk[] } {
  return { keys: ensureKeys(tenant, set).map((k) => ({ ...k.public })) };
}

const imported = new Map<string, CryptoKey>();

async function privateKeyOf(rec: KeyRecord): Promise<CryptoKey> {
  let key = imported.get(`priv:${rec.kid}`);
  if (!key) {
    key = (await importJWK(rec.private as Parameters<typeof importJWK>[0], 'RS256')) as CryptoKey;
    imported.set(`priv:${rec.kid}`, key);
  }
  return key;
}

async function publicKeyOf(jwk: PublicJwk): Promise<CryptoKey> {
  let key = imported.get(`pub:${jwk.kid}:${jwk.n.slice(0, 16)}`);
  if (!key) {
    key = (await importJWK(jwk, 'RS256')) as CryptoKey;
    imported.set(`pub:${jwk.kid}:${jwk.n.slice(0, 16)}`, key);
  }
  return key;
}

/** Signs claims with the server's ACTIVE key (`kid` in the header, as Okta's tokens carry it). */
export async function signJwt(tenant: Tenant, set: KeySetId, payload: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const rec = activeKey(tenant, set);
  return new SignJWT(payload).setProtectedHeader({ kid: rec.kid, ...header, alg: 'RS256' }).sign(await privateKeyOf(rec));
}

export type VerifyResult = { ok: true; claims: JWTPayload; kid: string } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

/** Verifies a token this server issued, against its published keys and the twin clock. */
export async function verifyOwnJwt(tenant: Tenant, set: KeySetId, token: string): Promise<VerifyResult> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const rec = ensureKeys(tenant, set).find((k) => k.kid === kid);
  if (!rec) return { ok: false, reason: 'signature' };
  try {
    const { payload } = await jwtVerify(token, await publicKeyOf(rec.public), { algorithms: ['RS256'], currentDate: tenant.now(), clockTolerance: 0 });
    return { ok: true, claims: payload, kid: rec.kid };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
}

/** Verifies a JWT against a client's registered public keys (private_key_jwt). */
export async function verifyWithJwk(token: string, jwk: Record<string, unknown>, now: Date): Promise<VerifyResult> {
  try {
    const alg = typeof jwk.alg === 'string' ? jwk.alg : jwk.kty === 'EC' ? 'ES256' : 'RS256';
    const key = await importJWK(jwk as Parameters<typeof importJWK>[0], alg);
    const { payload } = await jwtVerify(token, key, { currentDate: now, algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] });
    return { ok: true, claims: payload, kid: String(jwk.kid ?? '') };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
    return { ok: false, reason: 'malformed' };
  }
}
