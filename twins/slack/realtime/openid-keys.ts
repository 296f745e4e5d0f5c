// The RS256 key that signs a workspace's Sign in with Slack id_tokens: made on first use, kept in tenant state, published as a JWKS.
import { createHash, generateKeyPairSync, type JsonWebKey as NodeJwk } from 'node:crypto';
import { SignJWT, importJWK, type JWTPayload } from 'jose';
import type { Tenant } from '../../../src/core/tenant.js';

export interface PublicJwk {
  kty: 'RSA';
  alg: 'RS256';
  use: 'sig';
  kid: string;
  e: string;
  n: string;
}

interface KeyRecord {
  public: PublicJwk;
  private: NodeJwk;
  created: string;
}

const META = 'slack:openid:key';

/**
 * The workspace's signing key. RSA key material is the one thing the seeded
 * random source cannot produce, so it comes from node:crypto; it lives in the
 * tenant (snapshots and restarts keep verifying old tokens), and everything
 * around it (kid, claims, timestamps) is deterministic.
 */
function signingKey(tenant: Tenant): KeyRecord {
  const existing = tenant.meta<KeyRecord | null>(META, () => null);
  if (existing) return existing;
  const priv = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  // RFC 7638 thumbprint as the kid, so the same key always has the same id.
  const kid = createHash('sha256').update(JSON.stringify({ e: priv.e, kty: 'RSA', n: priv.n })).digest('base64url');
  const rec: KeyRecord = { public: { kty: 'RSA', alg: 'RS256', use: 'sig', kid, e: priv.e!, n: priv.n! }, private: { ...priv, kid, alg: 'RS256' } as NodeJwk, created: tenant.now().toISOString() };
  tenant.setMeta(META, rec);
  return rec;
}

/** The JWKS served at /openid/connect/keys (Slack's `jwks_uri`). */
export function publishedKeys(tenant: Tenant): { keys: PublicJwk[] } {
  return { keys: [signingKey(tenant).public] };
}

/** Signs claims as a compact RS256 JWT; iat/exp come in the claims (from the twin clock), never from the wall clock. */
export async function signJwt(tenant: Tenant, claims: JWTPayload): Promise<string> {
  const key = signingKey(tenant);
  const priv = await importJWK(key.private as Parameters<typeof importJWK>[0], 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.public.kid, typ: 'JWT' }).sign(priv);
}

/** OpenID `at_hash`: the left half of the access token's SHA-256, base64url. */
export const atHash = (accessToken: string): string => createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
