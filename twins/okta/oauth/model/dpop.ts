// DPoP (RFC 9449) as Okta applies it: proof verification, server nonces, and the key thumbprint that binds a token.
import { createHash } from 'node:crypto';
import { jwtVerify, EmbeddedJWK, calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import type { Tenant } from '../../../../src/core/tenant.js';

export interface Proof {
  jkt: string;
  nonce?: string;
  jti: string;
}

export class ProofError extends Error {}

/** How far a proof's `iat` may sit from the twin clock (Okta refuses stale or future-dated proofs). */
const IAT_WINDOW_SEC = 300;
/** A server nonce is good this long; the newest two are honoured across a rotation. */
const NONCE_TTL_MS = 10 * 60_000;

/** `ath`: base64url SHA-256 of the access token (RFC 9449 §4.2). */
export const accessTokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Checks a proof: `typ` dpop+jwt, an asymmetric `alg`, a public `jwk` in the header
 * that verifies the signature, `htm`/`htu` naming this request, a fresh `iat`, a
 * `jti`, and `ath` when it accompanies an access token.
 */
export async function verifyProof(
  proof: string,
  opts: { htm: string; htu: string[]; now: Date; accessToken?: string },
): Promise<Proof> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new ProofError('the proof is not a JWT');
  }
  if (header.typ !== 'dpop+jwt') throw new ProofError("the 'typ' header must be 'dpop+jwt'");
  const jwk = header.jwk as JWK | undefined;
  if (!jwk || typeof jwk !== 'object') throw new ProofError("the 'jwk' header is missing");
  if ('d' in jwk) throw new ProofError("the 'jwk' header must not contain a private key");
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'ES512'],
      currentDate: opts.now,
    }));
  } catch {
    throw new ProofError('the signature is invalid');
  }
  if (payload.htm !== opts.htm) throw new ProofError("the 'htm' claim does not match the request method");
  if (typeof payload.htu !== 'string' || !opts.htu.includes(payload.htu.split('?')[0].split('#')[0])) {
    throw new ProofError("the 'htu' claim does not match the request URL");
  }
  const iat = payload.iat;
  const nowSec = Math.floor(opts.now.getTime() / 1000);
  if (typeof iat !== 'number' || Math.abs(nowSec - iat) > IAT_WINDOW_SEC) throw new ProofError("the 'iat' claim is too old or in the future");
  if (typeof payload.jti !== 'string' || !payload.jti) throw new ProofError("the 'jti' claim is missing");
  if (opts.accessToken !== undefined && payload.ath !== accessTokenHash(opts.accessToken)) {
    throw new ProofError("the 'ath' claim does not match the access token");
  }
  return { jkt: await calculateJwkThumbprint(jwk, 'sha256'), nonce: typeof payload.nonce === 'string' ? payload.nonce : undefined, jti: payload.jti };
}

interface NonceRec {
  value: string;
  expires: number;
}

function nonces(t: Tenant): NonceRec[] {
  return t.meta<NonceRec[]>('okta:oauth:dpopNonces', () => []);
}

/** The nonce the server currently hands out (drawn from the tenant's random source, rotated by the twin clock). */
export function currentNonce(t: Tenant): string {
  const list = nonces(t);
  const now = t.now().getTime();
  const latest = list[list.length - 1];
  if (latest && latest.expires > now) return latest.value;
  const rec = { value: t.random.chars(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), expires: now + NONCE_TTL_MS };
  list.push(rec);
  while (list.length > 2) list.shift();
  t.metaChanged();
  return rec.value;
}

export function nonceValid(t: Tenant, nonce: string | undefined): boolean {
  if (!nonce) return false;
  const now = t.now().getTime();
  return nonces(t).some((n) => n.value === nonce && n.expires > now);
}
