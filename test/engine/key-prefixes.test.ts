// Collection names under a prefix, from the sorted names (src/core/key-prefixes.ts) against filtering every name in the order they were made.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeysByPrefix } from '../../src/core/key-prefixes.js';
import { Tenant } from '../../src/core/tenant.js';
import { Clock } from '../../src/core/clock.js';

const segment = fc.constantFrom('a', 'ab', 'b', 'files', 'f1', 'f10', 'perm', '');
const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const prefix = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')).chain((p) => fc.constantFrom(p, `${p}/`, p.slice(0, -1)));

describe('collection names by prefix', () => {
  it('answer what filtering the names in the order they were made answers, across merges', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 3000 }), fc.array(prefix, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3000 }), (names, prefixes, split) => {
        const unique = [...new Set(names)];
        const keys = new KeysByPrefix(unique.slice(0, split));
        for (const n of unique.slice(split)) keys.add(n);
        for (const p of prefixes) expect(keys.under(p)).toEqual(unique.filter((n) => n.startsWith(p)));
      }),
      { numRuns: 60 },
    );
  });

  it('list a name forgotten and made again where it was made last, as a map keeps it', () => {
    // Few names, many steps: names come and go and come back, and forgetting passes the point of starting over.
    const few = fc.constantFrom('a', 'a/b', 'ab', 'b', 'files/f1/perm', 'files/f10/perm', 'files/f1/rev');
    const many = fc.array(fc.tuple(fc.boolean(), few), { minLength: 20, maxLength: 3000, size: 'max' });
    fc.assert(
      fc.property(many, fc.array(prefix, { minLength: 1, maxLength: 8 }), (steps, prefixes) => {
        const held = new Map<string, true>();
        let keys = new KeysByPrefix([]);
        for (const [make, n] of steps) {
          if (make && !held.has(n)) {
            held.set(n, true);
            keys.add(n);
          } else if (!make && held.delete(n) && keys.forget()) keys = new KeysByPrefix(held.keys());
        }
        for (const p of prefixes) expect(keys.under(p).filter((n) => held.has(n))).toEqual([...held.keys()].filter((n) => n.startsWith(p)));
      }),
      { numRuns: 60 },
    );
  });

  it('a tenant lists the non-empty collections under a prefix as filtering them does, across new collections, emptied ones, loads and clears', () => {
    type Op = { op: 'put' | 'empty'; key: string } | { op: 'query'; prefix: string } | { op: 'load' } | { op: 'clear' } | { op: 'many' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constantFrom('put' as const, 'empty' as const), key: name }),
      fc.record({ op: fc.constant('query' as const), prefix }),
      fc.constantFrom({ op: 'load' as const }, { op: 'clear' as const }, { op: 'many' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new Tenant('test', 'default', new Clock(() => 0), 'seed');
        // What the tenant holds, in the order each collection was first made (`collectionKeys('')` is the plain filter).
        for (const o of [...ops, { op: 'query' as const, prefix: 'f' }]) {
          if (o.op === 'put') t.collection(o.key).put({ id: 'x' });
          else if (o.op === 'empty') t.collection(o.key).delete('x');
          else if (o.op === 'load') t.load(t.toJSON());
          else if (o.op === 'clear') t.clear();
          else if (o.op === 'many') for (let i = 0; i < 300; i++) t.collection(`files/m${i}/perm`); // empty views: a sweep forgets them
          else if (o.op === 'query') expect(t.collectionKeys(o.prefix)).toEqual(t.collectionKeys('').filter((k) => k.startsWith(o.prefix)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
