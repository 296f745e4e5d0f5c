// Places in collection order: after any sequence of arrivals and departures, ids sort in the order they (last) arrived, and the places held stay proportional to the ids kept.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Arrivals } from '../../src/core/lookup.js';

const id = fc.integer({ min: 0, max: 40 }).map((n) => `id${n}`);
const step = fc.oneof(fc.record({ see: id }), fc.record({ forget: id }));

describe('Arrivals', () => {
  it('orders ids as they arrived, renumbering without changing the order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), fc.integer({ min: 0, max: 8 }), (steps, minHoles) => {
        const a = new Arrivals(minHoles);
        const order: string[] = []; // the reference: ids kept, in the order they arrived
        for (const s of steps) {
          if ('see' in s) {
            a.see(s.see);
            if (!order.includes(s.see)) order.push(s.see);
          } else {
            a.forget(s.forget);
            const i = order.indexOf(s.forget);
            if (i >= 0) order.splice(i, 1);
          }
          // Holes beyond the bound are renumbered away as they appear.
          expect(a.slots).toBeLessThanOrEqual(Math.max(minHoles, order.length) + order.length);
        }
        const shuffled = [...order].reverse();
        expect(a.sort(new Set(shuffled), shuffled.length)).toEqual(order);
        for (let i = 1; i < order.length; i++) expect(a.of(order[i - 1])).toBeLessThan(a.of(order[i]));
      }),
    );
  });

  it('read lazily (a page stops early), gives the ids in the order a full sort gives, ids it does not hold left out', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 400 }), fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 300 }), fc.nat(400), (arrived, asked, stop) => {
        const a = new Arrivals(4);
        for (const n of arrived) a.see(`id${n}`);
        for (const n of arrived.slice(0, arrived.length / 3)) a.forget(`id${n}`);
        const ids = new Set(asked.map((n) => `id${n}`));
        const taken: string[] = [];
        for (const id of a.lazily(ids, ids.size)) {
          if (taken.length === stop) break;
          taken.push(id);
        }
        expect(taken).toEqual(a.sort(ids, ids.size).slice(0, stop));
      }),
    );
  });

  it('holds places for the ids it has, not for every id it saw', () => {
    const a = new Arrivals();
    a.see('kept');
    for (let i = 0; i < 100_000; i++) {
      a.see(`r${i}`);
      a.forget(`r${i}`);
    }
    expect(a.slots).toBeLessThanOrEqual(1026);
    expect(a.sort(new Set(['kept']), 1)).toEqual(['kept']);
  });
});
