/** Drive's change log appended with its kept order and per-file entries answers what reading the whole log would, across appends, foreign writes and unannounced changes. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tenant } from '../../src/core/tenant.js';
import { Clock } from '../../src/core/clock.js';
import { appendChange, changeLog, type LoggedChange } from '../../twins/google/drive/model/change-log.js';

type Op =
  | { kind: 'append'; file: number; bound: number }
  | { kind: 'foreignPut'; file: number; reuse: boolean; pick: number }
  | { kind: 'foreignDelete'; pick: number }
  | { kind: 'clear' }
  | { kind: 'markDirty' }
  | { kind: 'reload' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('append' as const), file: fc.nat(4), bound: fc.integer({ min: 1, max: 12 }) }) },
  // Foreign puts often, so a file often holds several entries when the kept state is read again.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('foreignPut' as const), file: fc.nat(4), reuse: fc.boolean(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('foreignDelete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'markDirty' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

const entry = (id: number, file: number): LoggedChange => ({ id: String(id), fileId: `f${file}`, time: '', removed: false, audience: [] });

describe('kept change log', () => {
  it('appends, supersedes and trims exactly as a walk of the whole log would', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const t = new Tenant('google', 'default', new Clock(() => 0), 'seed');
        // The model: the log's entries in order, as the rules say (one entry per file after an append, oldest out first).
        let model: LoggedChange[] = [];
        let next = 1;
        for (const o of ops) {
          const log = changeLog(t);
          if (o.kind === 'append') {
            const c = entry(next++, o.file);
            model = model.filter((m) => m.fileId !== c.fileId);
            model.push(c);
            const over = Math.max(0, model.length - o.bound);
            const gone = model.slice(0, over);
            model = model.slice(over);
            const floor = gone.length ? Math.max(...gone.map((g) => Number(g.id) + 1)) : undefined;
            expect(appendChange(log, c, o.bound)).toBe(floor);
          } else if (o.kind === 'foreignPut') {
            // A write not made by appendChange: a new entry, or one rewritten in place (several per file allowed).
            const at = model.length && o.reuse ? o.pick % model.length : -1;
            const c = at >= 0 ? { ...model[at], fileId: `f${o.file}` } : entry(next++, o.file);
            if (at >= 0) model[at] = c;
            else model.push(c);
            log.put(c);
          } else if (o.kind === 'foreignDelete') {
            if (!model.length) continue;
            const [c] = model.splice(o.pick % model.length, 1);
            log.delete(c.id);
          } else if (o.kind === 'clear') {
            model = [];
            log.clear();
          } else if (o.kind === 'markDirty') t.markDirty();
          else {
            // A load replaces the tenant's collections: a new collection object with the same entries.
            t.load(t.toJSON());
          }
          expect([...changeLog(t).iterate()].map((c) => `${c.id}:${c.fileId}`)).toEqual(model.map((c) => `${c.id}:${c.fileId}`));
        }
      }),
      { numRuns: 500 },
    );
  });
});
