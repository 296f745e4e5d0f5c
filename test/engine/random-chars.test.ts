// Random.chars writes codes into one reused buffer; it must give the text and draws the array-of-codes form gave, for every seed and alphabet.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from '../../src/core/random.js';

/** The earlier form: one code per draw in an array, made into a string in one piece. */
function reference(r: Random, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(alphabet.charCodeAt(Math.floor(r.next() * alphabet.length)));
  return s;
}

// Latin-1 alphabets (every id alphabet), and ones past it (a draw past Latin-1 anywhere in the string).
const alphabet = fc.oneof(
  fc.constantFrom('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789abcdef', '0123456789', 'abcdefghijklmnopqrstuvwxyz0123456789-_'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }),
);

describe('Random.chars', () => {
  it('draws the same sequence and text as the array-of-codes form, interleaved with other draws', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 80 }), alphabet), { maxLength: 20 }), (seed, steps) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (const [kind, n, abc] of steps) {
          if (kind === 0) expect(a.chars(n, abc)).toBe(reference(b, n, abc));
          else if (kind === 1) expect(a.uuid()).toBe(b.uuid());
          else expect(a.next()).toBe(b.next());
        }
        expect(a.state).toEqual(b.state);
      }),
    );
  });

  it('keeps a string longer than its buffer whole', () => {
    const a = new Random('long');
    const b = new Random('long');
    expect(a.chars(10_000, 'ab')).toBe(reference(b, 10_000, 'ab'));
  });

  it('answers a flat string, not one that shares the buffer', () => {
    const r = new Random('flat');
    const first = r.chars(16);
    const copy = `${first}`;
    r.chars(16);
    expect(first).toBe(copy);
  });
});
