/** The committed key pool: keys handed out in a process never coincide, the same labels give the same keys, and every key signs. */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { SignJWT, jwtVerify } from 'jose';

type Pool = typeof import('../../src/core/keypool.js');
/** A fresh copy of the module: a process that has handed out no key yet. */
async function freshPool(): Promise<Pool> {
  vi.resetModules();
  return import('../../src/core/keypool.js');
}

const big = (b64u: string) => BigInt(`0x${Buffer.from(b64u, 'base64url').toString('hex')}`);

describe('key pool', () => {
  it('never hands the same key to two labels, across tenants and purposes (1,000 labels of 8,128 keys)', async () => {
    const { pooledRsaKey, poolSize } = await freshPool();
    expect(poolSize()).toBe(8128);
    const labels = Array.from({ length: 250 }, (_, i) => [`okta:tenant-${i}:abc`, `google:service-account:t${i}`, `okta-oauth:t${i}:x`, `t${i}:hook-key`]).flat();
    const moduli = new Set(labels.map((l) => pooledRsaKey(l).n));
    expect(moduli.size).toBe(labels.length);
    // Asking again gives the key the label already holds (CSRs are checked against their key later).
    expect(pooledRsaKey(labels[7]).n).toBe(pooledRsaKey(labels[7]).n);
    // A label's successive keys (rotations) are distinct from each other and from every other label's.
    const rotations = Array.from({ length: 50 }, (_, n) => pooledRsaKey('t0:hook-key', n).n);
    expect(new Set([...moduli, ...rotations]).size).toBe(labels.length + 49);
    expect(rotations[0]).toBe(pooledRsaKey('t0:hook-key').n);
  });

  it('any set of labels gets pairwise distinct keys, whatever the order they are asked in (fast-check)', async () => {
    const { pooledRsaKey } = await freshPool();
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 2, maxLength: 40 }), (labels) => {
        const held = new Map<string, string>();
        for (const l of labels) held.set(l, pooledRsaKey(l).n);
        expect(new Set(held.values()).size).toBe(labels.length);
        for (const [l, n] of held) expect(pooledRsaKey(l).n).toBe(n);
      }),
      { numRuns: 25 },
    );
  });

  it('is deterministic: the same labels asked in the same order give the same keys in a new process', async () => {
    const labels = Array.from({ length: 300 }, (_, i) => `seed-42:tenant-${i % 7}:${i}`);
    const first = await freshPool();
    const a = labels.map((l) => first.pooledRsaKey(l).d);
    const second = await freshPool();
    const b = labels.map((l) => second.pooledRsaKey(l).d);
    expect(b).toEqual(a);
  });

  it('every key is a consistent RSA-2048 private key: n = p·q of 2048 bits, d inverts e, and it signs a JWT that jose verifies', async () => {
    const { pooledRsaKey } = await freshPool();
    for (let i = 0; i < 12; i++) {
      const jwk = pooledRsaKey(`sign-${i}`);
      const [n, e, d, p, q] = [jwk.n, jwk.e, jwk.d, jwk.p!, jwk.q!].map(big);
      expect(p * q).toBe(n);
      expect(n.toString(2)).toHaveLength(2048);
      expect((d * e) % (p - 1n)).toBe(1n);
      expect((d * e) % (q - 1n)).toBe(1n);
      // Signing uses the CRT values (dp, dq, qi); verifying uses only n and e, so a pass checks all of them.
      const key = createPrivateKey({ key: jwk, format: 'jwk' });
      const jwt = await new SignJWT({ sub: `s${i}` }).setProtectedHeader({ alg: 'RS256' }).sign(key);
      const { payload } = await jwtVerify(jwt, createPublicKey(key));
      expect(payload.sub).toBe(`s${i}`);
      // A key verifies only its own signatures.
      await expect(jwtVerify(jwt, createPublicKey(createPrivateKey({ key: pooledRsaKey(`other-${i}`), format: 'jwk' })))).rejects.toThrow();
    }
  });
});
