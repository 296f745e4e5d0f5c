// Term indexes against full scans: after any sequence of writes, an indexed query answers what a scan answers, in the same order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { both, containing, either, FirstK, matching, orderIndex, select, source, termIndex, walk, words } from '../../src/core/lookup.js';
import { Tenant, type Doc } from '../../src/core/tenant.js';
import { Clock } from '../../src/core/clock.js';

interface Item extends Doc {
  words: string[];
  tag: string;
}

// `a\u0001b` holds the character an index joins a document's terms with (such a term is kept apart, in an array).
const word = fc.constantFrom('a', 'ab', 'abc', 'b', 'ba', 'bab', 'c', 'Ç', 'z', 'a\u0001b');
const id = fc.constantFrom('i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8');
type Op =
  | { op: 'put'; id: string; words: string[]; tag: string }
  | { op: 'patch'; id: string; tag: string }
  | { op: 'delete'; id: string }
  | { op: 'inPlace'; id: string; tag: string } // edited in place, announced with markDirty()
  | { op: 'query'; term: string; prefix: string; tag: string }
  | { op: 'clear' };
const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('put' as const), id, words: fc.array(word, { maxLength: 4 }), tag: word }),
    fc.record({ op: fc.constant('patch' as const), id, tag: word }),
    fc.record({ op: fc.constant('delete' as const), id }),
    fc.record({ op: fc.constant('inPlace' as const), id, tag: word }),
    fc.record({ op: fc.constant('query' as const), term: word, prefix: fc.constantFrom('', 'a', 'ab', 'b', 'z', 'q'), tag: word }),
    fc.constant({ op: 'clear' as const }),
  ),
  { maxLength: 60 },
);

function run(list: Op[]): void {
  const t = new Tenant('test', 'default', new Clock(() => 0), 'seed');
  const col = () => t.collection<Item>('items');
  const byWord = () => termIndex(col(), 'words', (d) => d.words);
  const byTag = () => termIndex(col(), 'tag', (d) => [d.tag]);
  for (const o of list) {
    if (o.op === 'put') col().put({ id: o.id, words: o.words, tag: o.tag });
    else if (o.op === 'patch') col().patch(o.id, { tag: o.tag });
    else if (o.op === 'delete') col().delete(o.id);
    else if (o.op === 'clear') col().clear();
    else if (o.op === 'inPlace') {
      const doc = col().get(o.id);
      if (doc) {
        doc.tag = o.tag;
        t.markDirty();
      }
    } else {
      const hasWord = (d: Item) => d.words.includes(o.term);
      const prefixed = (d: Item) => d.words.some((w) => w.startsWith(o.prefix));
      const tagged = (d: Item) => d.tag === o.tag;
      expect(select(col(), byWord(), byWord().ids(o.term), hasWord)).toEqual(col().filter(hasWord));
      expect(select(col(), byWord(), byWord().withPrefix(o.prefix), prefixed)).toEqual(col().filter(prefixed));
      expect([...source(col(), byWord(), byWord().withPrefix(o.prefix), prefixed).iterate()]).toEqual(col().filter(prefixed));
      // The kept union of a prefix's terms is exact across the writes, not just a superset.
      expect(new Set(byWord().withPrefix(o.prefix))).toEqual(new Set(col().filter(prefixed).map((d) => d.id)));
      const and = (d: Item) => hasWord(d) && tagged(d);
      expect(select(col(), byTag(), both(byWord().ids(o.term), byTag().ids(o.tag)), and)).toEqual(col().filter(and));
      const or = (d: Item) => hasWord(d) || tagged(d);
      expect(select(col(), byTag(), either(byWord().ids(o.term), byTag().ids(o.tag)), or)).toEqual(col().filter(or));
      // Ordered by tag: ascending and descending with ties in insertion order (a stable sort), and by tag then id.
      const byTagOrder = orderIndex(col(), 'tag', (d) => (d.tag === 'z' ? null : d.tag));
      const byTagThenId = orderIndex(col(), 'tag-id', (d) => d.tag, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const keyed = (d: Item) => d.tag !== 'z' && prefixed(d);
      const sortBy = (list: Item[], f: (a: Item, b: Item) => number) => [...list].sort(f);
      const asc = sortBy(col().filter(keyed), (a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
      const descStable = sortBy(col().filter(keyed), (a, b) => (a.tag < b.tag ? 1 : a.tag > b.tag ? -1 : 0));
      const tagId = (a: Item, b: Item) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : a.id < b.id ? -1 : 1);
      for (const limit of [0, 1, 3, 100]) {
        expect(walk(col(), byTagOrder, 'asc', limit, keyed, () => asc)).toEqual(asc.slice(0, limit));
        expect(walk(col(), byTagOrder, 'desc-stable', limit, keyed, () => descStable)).toEqual(descStable.slice(0, limit));
        const desc = sortBy(col().filter(prefixed), (a, b) => -tagId(a, b));
        expect(walk(col(), byTagThenId, 'desc', limit, prefixed, () => desc)).toEqual(desc.slice(0, limit));
        // From a document on (a cursor's page): the same order, starting at that document.
        for (const [dir, list] of [['asc', asc], ['desc-stable', descStable]] as const) {
          for (const [i, d] of list.entries()) expect(walk(col(), byTagOrder, dir, limit, keyed, () => list, { from: d.id })).toEqual(list.slice(i, i + limit));
        }
        for (const [i, d] of desc.entries()) expect(walk(col(), byTagThenId, 'desc', limit, prefixed, () => desc, { from: d.id, within: new Set(desc.map((x) => x.id)) })).toEqual(desc.slice(i, i + limit));
      }
      expect(byTagOrder.unkeyed).toBe(col().filter((d) => d.tag === 'z').length);
    }
  }
}

describe('term indexes (src/core/lookup.ts)', () => {
  it('answer every query as a full scan would, in collection order, across puts, patches, deletes, clears and in-place edits', () => {
    fc.assert(fc.property(ops, (list) => run([...list, { op: 'query', term: 'a', prefix: 'a', tag: 'a' }])), { numRuns: 400 });
  });

  it('places ids deleted and put back in the order of the writes, not of the ids waiting to be filed (found by the property, seed 1379603716)', () => {
    run([
      { op: 'put', id: 'i4', words: [], tag: 'a' },
      { op: 'query', term: 'a', prefix: '', tag: 'a' },
      { op: 'delete', id: 'i4' },
      { op: 'put', id: 'i1', words: [], tag: 'a' },
      { op: 'put', id: 'i4', words: [], tag: 'a' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
    ]);
  });

  it('cut a deleted id out of an order by its own place among equal keys (the places every index shares still hold it then)', () => {
    run([
      { op: 'put', id: 'i1', words: ['a'], tag: 'a' },
      { op: 'put', id: 'i2', words: ['a'], tag: 'a' },
      { op: 'put', id: 'i3', words: ['a'], tag: 'a' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
      { op: 'delete', id: 'i2' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
      { op: 'delete', id: 'i3' },
      { op: 'put', id: 'i2', words: ['a'], tag: 'a' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
    ]);
  });

  it('put a deleted id back at the end of the order, as the collection does', () => {
    run([
      { op: 'put', id: 'i1', words: ['a'], tag: 'a' },
      { op: 'put', id: 'i2', words: ['a'], tag: 'a' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
      { op: 'delete', id: 'i1' },
      { op: 'put', id: 'i1', words: ['a'], tag: 'a' },
      { op: 'query', term: 'a', prefix: 'a', tag: 'a' },
    ]);
  });

  it('narrow: `both` keeps only common ids, `either` gives up (scan) when one side is unindexed', () => {
    expect([...both(new Set(['x', 'y']), new Set(['y', 'z']))!]).toEqual(['y']);
    expect(both(undefined, new Set(['y']))).toEqual(new Set(['y']));
    expect(either(undefined, new Set(['y']))).toBeUndefined();
    expect(either(new Set(['x']), new Set(['y']))).toEqual(new Set(['x', 'y']));
  });

  it('substring search through a word index answers what scanning every text answers, across writes (Slack search.messages)', () => {
    // Letters with case and length changes (İ lower-cases to two code points), digits, punctuation and spaces.
    const text = fc.array(fc.constantFrom('a', 'B', 'g7', '7', 'İ', 'ß', 'Ç', '-', '.', ' ', '+', ':', 'x1'), { maxLength: 8 }).map((p) => p.join(''));
    const needle = fc.array(fc.constantFrom('a', 'b', 'g', '7', 'i', '\u0307', 'ß', 'ç', '-', '.', ' ', '+', 'x'), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
    type TextOp = { op: 'put'; id: string; text: string } | { op: 'delete'; id: string } | { op: 'query'; needles: string[] };
    const textOps: fc.Arbitrary<TextOp[]> = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('put' as const), id, text }),
        fc.record({ op: fc.constant('delete' as const), id }),
        fc.record({ op: fc.constant('query' as const), needles: fc.array(needle, { minLength: 1, maxLength: 2 }) }),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(textOps, (list) => {
        const t = new Tenant('test', 'default', new Clock(() => 0), 'seed');
        const col = () => t.collection<Doc & { text: string }>('texts');
        const index = () => termIndex(col(), 'words', (d) => words(d.text));
        for (const o of list) {
          if (o.op === 'put') col().put({ id: o.id, text: o.text });
          else if (o.op === 'delete') col().delete(o.id);
          else {
            const pred = (d: { text: string }) => o.needles.every((n) => d.text.toLowerCase().includes(n));
            let candidates;
            for (const n of o.needles) candidates = both(candidates, containing(index(), n));
            expect(select(col(), index(), candidates, pred)).toEqual(col().filter(pred));
            expect(new Set(matching(col(), candidates, pred))).toEqual(new Set(col().filter(pred)));
            // The kept union of a fragment's terms is exact, not just a superset, across the writes.
            for (const n of o.needles.filter((n) => /^[\p{L}\p{N}]+$/u.test(n))) {
              expect(new Set(index().withFragment(n))).toEqual(new Set(col().filter((d) => words(d.text).some((w) => w.includes(n))).map((d) => d.id)));
            }
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('FirstK keeps exactly the first k of a stream that sorting all of it gives (Slack search ranks a page this way)', () => {
    // Keys with many ties, broken by arrival as the callers break them.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 80 }), fc.integer({ min: 0, max: 90 }), fc.boolean(), (keys, k, desc) => {
        const items = keys.map((key, at) => ({ key, at }));
        const cmp = (a: { key: number; at: number }, b: { key: number; at: number }) => (desc ? b.key - a.key : a.key - b.key) || a.at - b.at;
        const top = new FirstK(k, cmp);
        for (const x of items) top.push(x);
        expect(top.sorted()).toEqual([...items].sort(cmp).slice(0, k));
      }),
      { numRuns: 500 },
    );
  });
});
