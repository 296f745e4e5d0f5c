/** Drive client-side encryption: the authorization tokens Google issues for a key service (KACLS), signed by the twin's Drive token issuer. */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { pooledRsaKey } from '../../../../src/core/keypool.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { customer } from '../../store.js';

/** Issuer and audience of Drive's CSE authorization tokens (Workspace CSE guide, "Configure your service"). */
export const CSE_ISSUER = 'gsuitecse-tokenissuer-drive@system.gserviceaccount.com';
export const CSE_AUDIENCE = 'cse-authorization';
/** Where Google publishes the issuer's keys; the twin serves the same path. */
export const CSE_JWKS_PATH = `/service_accounts/v1/jwk/${CSE_ISSUER}`;

let issuerKey: { key: KeyObject; kid: string; publicJwk: Record<string, unknown> } | undefined;

/** One key for the twin (from the committed pool, never generated), so its JWKS needs no tenant. */
export function cseIssuerKey() {
  if (!issuerKey) {
    const jwk = pooledRsaKey('google:drive-cse-token-issuer');
    const key = createPrivateKey({ key: jwk, format: 'jwk' });
    const kid = jwk.n.slice(0, 16);
    issuerKey = { key, kid, publicJwk: { ...createPublicKey(key).export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
  }
  return issuerKey;
}

/**
 * The organization's key service. The twin has no Admin console CSE page, so every customer has one, named after
 * its domain; the id is stable per tenant.
 */
export function kaclsOf(t: Tenant): { id: string; name: string; url: string } {
  const domain = customer(t)?.customerDomain ?? 'example.com';
  return { id: Buffer.from(`kacls:${domain}`).toString('hex').slice(0, 20), name: `${domain} key service`, url: `https://kacls.${domain}/v1` };
}

/** An authorization token for `email` to write `fileId` (Workspace CSE reference, "Authorization tokens"); valid for an hour. */
export async function cseToken(t: Tenant, email: string, fileId: string): Promise<string> {
  const { key, kid } = cseIssuerKey();
  const now = Math.floor(t.now().getTime() / 1000);
  return new SignJWT({ email, email_type: 'google', role: 'writer', resource_name: `//googleapis.com/drive/files/${fileId}`, kacls_url: kaclsOf(t).url, perimeter_id: '' })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(CSE_ISSUER)
    .setAudience(CSE_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}
