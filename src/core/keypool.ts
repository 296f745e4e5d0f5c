/**
 * RSA-2048 signing keys without generating any at run time: a pool of pairs made
 * once by `npm run keys:pool` and committed under fixtures/keys/. A label (seed,
 * tenant, purpose) picks where a key sequence starts, so the same seed gives the
 * same keys in every run, and taking one costs a JSON parse instead of the
 * hundreds of milliseconds a fresh pair takes on one core. Twin keys only: these
 * private keys are public by construction and must never sign anything real.
 */
import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.js';

/** An RSA private key as a JWK (n, e, d, p, q, dp, dq, qi). */
export type RsaPrivateJwk = JsonWebKey & { kty: 'RSA'; n: string; e: string; d: string };

export const KEY_POOL_FILE = join('fixtures', 'keys', 'rsa-2048.json');

let pool: RsaPrivateJwk[] | undefined;

function keys(): RsaPrivateJwk[] {
  return (pool ??= (JSON.parse(readFileSync(join(projectRoot(), KEY_POOL_FILE), 'utf8')) as { keys: RsaPrivateJwk[] }).keys);
}

/**
 * The `n`-th key of the sequence `label` picks. Distinct `n` under one label give
 * distinct keys while the pool lasts (rotations need that); past its end, fresh
 * pairs are generated (and differ between runs).
 */
export function pooledRsaKey(label: string, n = 0): RsaPrivateJwk {
  const all = keys();
  if (n >= all.length) return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as RsaPrivateJwk;
  const start = createHash('sha256').update(label).digest().readUInt32BE(0) % all.length;
  return { ...all[(start + n) % all.length] };
}

/** Makes a new pool (the committed file's source). */
export function generatePool(size: number): { keys: RsaPrivateJwk[] } {
  return { keys: Array.from({ length: size }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as RsaPrivateJwk) };
}
