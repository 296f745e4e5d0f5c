// The rank a new issue gets (after the site's largest) stays what the rank order index answered before it was followed, whatever writes came between: creates, re-ranks, deletes, edits in place, the fixture's way of ranking.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { orderIndex, type OrderIndex } from '../../src/core/lookup.js';
import { Tenant } from '../../src/core/tenant.js';
import { issues, type IssueDoc } from '../../twins/jira/store.js';
import { issueRank, rankIssues, rankLast } from '../../twins/jira/platform/model/rank.js';

/**
 * What `rankLast` answered when it read an order index of ranked issues, made on its first call and brought up
 * to date on each (a separate index here, under another name): one step after the largest key in it. It is
 * also the largest rank held, but for ranks given in place after a write that no later write announced.
 */
function previous(t: Tenant, ref: { index?: OrderIndex<IssueDoc> }): string {
  ref.index ??= orderIndex(issues(t), 'rank-reference', (i) => (i.rank ? issueRank(i) : null));
  const n = ref.index.ascending().length;
  const max = n === 0 ? 0 : Math.max(0, Number(ref.index.keyAtPlace(n - 1)));
  return `0|${String(max + 1_000_000).padStart(12, '0')}:`;
}

/** The largest rank held, read from every issue. */
function held(t: Tenant): string {
  const values = issues(t).values().filter((i) => i.rank).map(issueRank).filter((v) => !Number.isNaN(v));
  const max = values.length ? Math.max(0, ...values) : 0;
  return `0|${String(max + 1_000_000).padStart(12, '0')}:`;
}

const issue = (id: string, rank?: string) => ({ id, key: `T-${id}`, rank }) as unknown as IssueDoc;

type Op =
  | { kind: 'create' }
  | { kind: 'delete' | 'unrank' | 'top'; at: number }
  | { kind: 'setRank'; at: number; value: number | 'bad' }
  | { kind: 'move'; at: number; anchor: number; where: 'before' | 'after' }
  | { kind: 'inPlace'; at: number; value: number }
  | { kind: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'create' as const }) },
  fc.record({ kind: fc.constantFrom('delete' as const, 'unrank' as const, 'top' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('setRank' as const), at: fc.nat(), value: fc.oneof(fc.integer({ min: 0, max: 9_000_000 }), fc.integer({ min: 999_990_000_000, max: 1_000_010_000_000 }), fc.constant('bad' as const)) }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), anchor: fc.nat(), where: fc.constantFrom('before' as const, 'after' as const) }),
  fc.record({ kind: fc.constant('inPlace' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 9_000_000 }) }),
  fc.constant({ kind: 'clear' as const }),
);

const rankText = (n: number) => `0|${String(n).padStart(12, '0')}:`;
const seedRank = fc.option(fc.oneof(fc.integer({ min: 0, max: 9_000_000 }), fc.integer({ min: 999_990_000_000, max: 1_000_010_000_000 }), fc.constant('bad' as const)), { nil: undefined });

describe('rankLast follows the largest rank between creates', () => {
  it('answers what the largest rank held gives, across random writes (also cross-checked with the order index under DTU_CHECK_INDEXES=1)', () => {
    fc.assert(
      fc.property(fc.array(seedRank, { maxLength: 8 }), fc.nat({ max: 6 }), fc.array(op, { maxLength: 60 }), (stored, fixture, ops) => {
        const t = new Tenant('jira', 'default', new Clock(() => 0), 'seed');
        const ref: { index?: OrderIndex<IssueDoc> } = {};
        let next = 1;
        // Issues the site already has (a data dir): the first create finds the largest among them.
        for (const r of stored) issues(t).put(issue(String(next++), r === undefined ? undefined : r === 'bad' ? '0|zz:' : rankText(r)));
        // Then the fixture's way (seed.ts): each issue written first, then given its rank in place.
        for (let k = 0; k < fixture; k++) {
          const doc = issue(String(next++));
          issues(t).put(doc);
          const want = previous(t, ref);
          doc.rank = rankLast(t);
          expect(doc.rank).toBe(want);
        }
        let announced = fixture === 0;
        for (const o of ops) {
          const all = issues(t).values();
          const pick = (n: number) => all[n % all.length];
          switch (o.kind) {
            case 'create': {
              const want = previous(t, ref);
              const rank = rankLast(t);
              expect(rank).toBe(want);
              // Once every rank was announced (no fixture, or an unattributed change made everything be read again), it is the largest held.
              if (announced) expect(rank).toBe(held(t));
              issues(t).put(issue(String(next++), rank));
              break;
            }
            case 'delete':
              if (all.length) issues(t).delete(pick(o.at).id);
              break;
            case 'unrank':
              if (all.length) issues(t).patch(pick(o.at).id, { rank: undefined });
              break;
            case 'top':
              if (all.length) issues(t).patch(pick(o.at).id, { rank: rankText(1) });
              break;
            case 'setRank':
              if (all.length) issues(t).patch(pick(o.at).id, { rank: o.value === 'bad' ? '0|zz:' : rankText(o.value) });
              break;
            case 'move':
              if (all.length > 1 && pick(o.at) !== pick(o.anchor)) rankIssues(t, [pick(o.at)], pick(o.anchor), o.where);
              break;
            case 'inPlace':
              // Edited without a write, then announced as an unattributed change.
              if (all.length) {
                pick(o.at).rank = rankText(o.value);
                t.markDirty();
                announced = true;
              }
              break;
            case 'clear':
              issues(t).clear();
              announced = true;
              break;
          }
        }
        const want = previous(t, ref);
        expect(rankLast(t)).toBe(want);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
