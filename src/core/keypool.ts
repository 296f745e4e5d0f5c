/**
 * RSA-2048 signing keys without generating any at run time, assembled from a committed pool of 1024-bit
 * primes (`npm run keys:pool`, fixtures/keys/rsa-primes.json): every pair of distinct primes p·q is a key,
 * so 128 primes give 8,128 keys. A label (seed, tenant, purpose) picks where to look for its key, and a
 * key is handed out to one label only within a process: a label whose pick is already taken gets the next
 * free pair, so two labels never share a key (with 32 whole keys picked by hash, two tenants shared one
 * one time in 32). The same labels asked in the same order give the same keys in every run, and a key
 * costs a few modular inverses in BigInt instead of the hundreds of milliseconds a fresh pair takes on
 * one core. Twin keys only: these private keys are public by construction and must never sign anything real.
 */
import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.js';

/** An RSA private key as a JWK (n, e, d, p, q, dp, dq, qi). */
export type RsaPrivateJwk = JsonWebKey & { kty: 'RSA'; n: string; e: string; d: string };

export const KEY_POOL_FILE = join('fixtures', 'keys', 'rsa-primes.json');

const E = 65537n;

let primes: bigint[] | undefined;
function pool(): bigint[] {
  return (primes ??= (JSON.parse(readFileSync(join(projectRoot(), KEY_POOL_FILE), 'utf8')) as { primes: string[] }).primes.map((h) => BigInt(`0x${h}`)));
}

/** How many distinct keys the pool holds (pairs of distinct primes). */
export function poolSize(): number {
  const n = pool().length;
  return (n * (n - 1)) / 2;
}

/** Which pool slot each label holds, and which label holds each slot (this process only). */
const slotOfLabel = new Map<string, number>();
const taken = new Set<number>();
const built = new Map<number, RsaPrivateJwk>();
/** Keys made past the pool's end, kept so a label still gets the same key each time it asks. */
const fresh = new Map<string, RsaPrivateJwk>();

/**
 * The key for (`label`, `n`): the same pair every time it is asked in this process, and a key no other
 * (label, n) holds. `n` numbers a label's successive keys (rotations). Past the pool's 8,128 keys, fresh
 * pairs are generated (and differ between runs).
 */
export function pooledRsaKey(label: string, n = 0): RsaPrivateJwk {
  const name = n === 0 ? label : `${label}\u0000${n}`;
  let slot = slotOfLabel.get(name);
  if (slot === undefined) {
    const size = poolSize();
    if (taken.size >= size) {
      let k = fresh.get(name);
      if (!k) fresh.set(name, (k = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as RsaPrivateJwk));
      return { ...k };
    }
    slot = createHash('sha256').update(name).digest().readUInt32BE(0) % size;
    while (taken.has(slot)) slot = (slot + 1) % size;
    taken.add(slot);
    slotOfLabel.set(name, slot);
  }
  let key = built.get(slot);
  if (!key) built.set(slot, (key = keyOfSlot(slot)));
  return { ...key };
}

/** The pair of prime indexes (i < j) a slot names, in the order pairs are counted: (0,1), (0,2), …, (1,2), … */
function pairOf(slot: number, count: number): [number, number] {
  let i = 0;
  let row = count - 1;
  while (slot >= row) {
    slot -= row;
    i++;
    row--;
  }
  return [i, i + 1 + slot];
}

function keyOfSlot(slot: number): RsaPrivateJwk {
  const all = pool();
  const [i, j] = pairOf(slot, all.length);
  return rsaJwkFromPrimes(all[i], all[j]);
}

/** A private JWK from two primes: d = e⁻¹ mod lcm(p−1, q−1), as OpenSSL computes it, and the CRT values. */
export function rsaJwkFromPrimes(a: bigint, b: bigint): RsaPrivateJwk {
  const [p, q] = a > b ? [a, b] : [b, a];
  const n = p * q;
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n);
  const d = modInverse(E, lambda);
  return {
    kty: 'RSA',
    n: b64u(n),
    e: b64u(E),
    d: b64u(d),
    p: b64u(p),
    q: b64u(q),
    dp: b64u(d % (p - 1n)),
    dq: b64u(d % (q - 1n)),
    qi: b64u(modInverse(q, p)),
  };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [a % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return ((s0 % m) + m) % m;
}

/** Big-endian bytes without leading zeros, base64url (JWK's encoding of an integer). */
function b64u(x: bigint): string {
  let hex = x.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}

/**
 * Makes a new pool of primes (the committed file's source): 1024-bit primes with their top two bits set,
 * so every product has exactly 2048 bits, and p−1 prime to e, so every pair is a valid key.
 */
export function generatePool(size: number, generate: (bits: number) => bigint): { primes: string[] } {
  const out = new Set<string>();
  while (out.size < size) {
    const p = generate(1024);
    if (p >> 1022n !== 3n || (p - 1n) % E === 0n) continue;
    out.add(p.toString(16));
  }
  return { primes: [...out] };
}
