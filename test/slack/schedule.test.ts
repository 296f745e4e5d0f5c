// The delivery schedule gives what a scan of every delivery in arrival order would: each due item once, in arrival order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Schedule } from '../../twins/slack/realtime/schedule.js';

describe('delivery schedule', () => {
  it('takes exactly the items with an entry due, once each, in the order they first arrived', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.record({ add: fc.nat(20), at: fc.nat(100) }), fc.record({ take: fc.nat(100) })), { maxLength: 80 }), (ops) => {
        const s = new Schedule<{ n: number }>();
        const items = Array.from({ length: 21 }, (_, n) => ({ n }));
        // The model: every entry kept in a list; arrival = first time an item was added.
        let entries: Array<{ at: number; item: { n: number } }> = [];
        const arrival = new Map<{ n: number }, number>();
        for (const op of ops) {
          if ('add' in op) {
            const item = items[op.add];
            if (!arrival.has(item)) arrival.set(item, arrival.size);
            s.add(op.at, item);
            entries.push({ at: op.at, item });
          } else {
            const due = [...new Set(entries.filter((e) => e.at <= op.take).map((e) => e.item))].sort((a, b) => arrival.get(a)! - arrival.get(b)!);
            entries = entries.filter((e) => e.at > op.take);
            expect(s.takeDue(op.take)).toEqual(due);
          }
          expect(s.size).toBe(entries.length);
          expect(s.next()).toBe(entries.length ? Math.min(...entries.map((e) => e.at)) : undefined);
        }
      }),
    );
  });
});
