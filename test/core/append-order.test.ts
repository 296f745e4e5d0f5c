/** The kept append order (src/core/append-order.ts): after any mix of owned appends, owned removals and foreign writes, its ids past the head are the log's, holes allowed only where the kind has them. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { Tenant } from '../../src/core/tenant.js';
import { TwinBug } from '../../src/core/errors.js';
import { appendOrders } from '../../src/core/append-order.js';

type Entry = { id: string; n: number };
type Op =
  | { kind: 'append'; reuse: boolean; pick: number }
  | { kind: 'ownRemove'; pick: number }
  | { kind: 'dropOldest' }
  | { kind: 'foreignPut' }
  | { kind: 'foreignDelete'; pick: number }
  | { kind: 'markDirty' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), reuse: fc.boolean(), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('ownRemove' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'dropOldest' as const }) },
  fc.constant({ kind: 'foreignPut' as const }),
  fc.record({ kind: fc.constant('foreignDelete' as const), pick: fc.nat() }),
  fc.constant({ kind: 'markDirty' as const }),
);

const tenant = () => new Tenant('test', 'append-order', new Clock(() => 0), 'seed');

describe('kept append order', () => {
  it('answers the log order and its oldest entry across owned and foreign writes (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const t = tenant();
        const log = t.collection<Entry>('log');
        const orderOf = appendOrders<Entry, undefined>({ what: 'order', holes: true, extra: () => undefined });
        let next = 0;
        for (const o of ops) {
          const order = orderOf(log);
          const ids = [...log.iterate()].map((e) => e.id);
          if (o.kind === 'append') {
            const id = o.reuse && ids.length ? ids[o.pick % ids.length] : String(next++);
            order.append({ id, n: next });
          } else if (o.kind === 'ownRemove' && ids.length) order.own(() => log.delete(ids[o.pick % ids.length]));
          else if (o.kind === 'dropOldest' && order.oldest()) order.dropOldest();
          else if (o.kind === 'foreignPut') log.put({ id: String(next++), n: -1 });
          else if (o.kind === 'foreignDelete' && ids.length) log.delete(ids[o.pick % ids.length]);
          else if (o.kind === 'markDirty') t.markDirty();
          order.compact();
          const live = [...log.iterate()].map((e) => e.id);
          const kept = orderOf(log);
          expect(kept.ids.slice(kept.head).filter((id) => log.has(id))).toEqual(live);
          expect(kept.oldest()?.id).toBe(live[0]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('treats a hole as a defect where the kind has none, and passes it where the kind has them', () => {
    for (const holes of [false, true]) {
      const log = tenant().collection<Entry>('log');
      const order = appendOrders<Entry, undefined>({ what: 'order', holes, extra: () => undefined })(log);
      order.append({ id: 'a', n: 0 });
      order.append({ id: 'b', n: 1 });
      order.own(() => log.delete('a'));
      if (holes) expect(order.oldest()?.id).toBe('b');
      else expect(() => order.oldest()).toThrow(TwinBug);
    }
  });
});
