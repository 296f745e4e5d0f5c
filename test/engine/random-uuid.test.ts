// Random.uuid is made from character codes; it must give the ids the earlier slice-and-join form gave for every seed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from '../../src/core/random.js';

/** The earlier form: 32 hex digits, the version and variant set, joined with dashes (RFC 4122 §4.4). */
function reference(r: Random): string {
  const h = r.hex(32).split('');
  h[12] = '4';
  h[16] = '89ab'[Math.floor(r.next() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

describe('Random.uuid', () => {
  it('draws the same sequence and text as the slice-and-join form, interleaved with other draws', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 20 }), (seed, steps) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (const s of steps) {
          if (s === 0) expect(a.uuid()).toBe(reference(b));
          else if (s === 1) expect(a.chars(7)).toBe(b.chars(7));
          else expect(a.next()).toBe(b.next());
        }
        expect(a.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(a.state).toEqual((reference(b), b.state));
      }),
    );
  });
});
