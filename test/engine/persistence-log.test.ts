/** Persisted tenants as a whole file plus a log of changes: what a restart reads is what the tenant held. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantRegistry, readPersistedTenant } from '../../src/core/registry.js';
import { Clock } from '../../src/core/clock.js';
import type { Tenant } from '../../src/core/tenant.js';

function registry(dataDir: string): TenantRegistry {
  const r = new TenantRegistry({ twin: 'x', clock: new Clock(), seed: 's', dataDir, populate: (t) => t.collection('users').put({ id: 'seed', n: 0 }) });
  r.loadPersisted();
  return r;
}

type Op =
  | { kind: 'put'; key: string; id: string; n: number }
  | { kind: 'patch'; key: string; id: string; n: number }
  | { kind: 'delete'; key: string; id: string }
  | { kind: 'inPlace'; key: string; id: string; n: number }
  | { kind: 'meta'; n: number }
  | { kind: 'clear'; key: string }
  | { kind: 'reorder'; key: string; by: number[] }
  | { kind: 'random' }
  | { kind: 'flush' };

const key = fc.constantFrom('users', 'groups', 'issues/1/comments');
const id = fc.constantFrom('a', 'b', 'c', 'd', 'seed');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('put' as const), key, id, n: fc.nat(99) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('patch' as const), key, id, n: fc.nat(99) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), key, id }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('inPlace' as const), key, id, n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('meta' as const), n: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const), key }) },
  // Put back in another order after a clear, as Jira's priority and resolution moves do.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reorder' as const), key, by: fc.array(fc.nat(99), { minLength: 5, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'random' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'flush' as const }) },
);

function apply(t: Tenant, o: Op): void {
  switch (o.kind) {
    case 'put': return void t.collection(o.key).put({ id: o.id, n: o.n });
    case 'patch': return void t.collection(o.key).patch(o.id, { n: o.n });
    case 'delete': return void t.collection(o.key).delete(o.id);
    case 'inPlace': {
      const doc = t.collection(o.key).get(o.id);
      if (doc) {
        doc.n = o.n;
        t.markDirty();
      }
      return;
    }
    case 'meta': return void (t.meta('counter', () => ({ n: 0 })).n = o.n, t.metaChanged());
    case 'clear': return void t.collection(o.key).clear();
    case 'reorder': {
      const col = t.collection(o.key);
      const docs = col.values().map((d, i) => [o.by[i % 5] * 10 + i, d] as const).sort(([a], [b]) => a - b);
      col.clear();
      for (const [, d] of docs) col.put(d);
      return;
    }
    // Ids are drawn for a write, which persists the random state with it.
    case 'random': return void t.collection('users').put({ id: 'drawn', n: t.random.next() });
    case 'flush': return;
  }
}

/** The state with its collections listed by name, each collection's documents in their own order, as text. */
function inOrder(text: string): string {
  const data = JSON.parse(text);
  data.collections = Object.fromEntries(Object.entries(data.collections).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(data);
}

describe('tenant files: whole file and change log', () => {
  it('a restart reads exactly the state written (documents, their order, meta and the random state), across random writes and flushes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'dtu-log-'));
        try {
          const r = registry(dir);
          const t = r.get('default');
          for (const o of ops) {
            apply(t, o);
            if (o.kind === 'flush') await r.flush();
          }
          await r.close();
          // Documents compare in order (a replay must put a recreated document last, as the live tenant did); the
          // collections themselves need not: live, a collection sits where it was first read or where it was
          // made again after an empty one was let go, neither of which a write records.
          const again = registry(dir).get('default');
          expect(inOrder(again.serialize())).toEqual(inOrder(t.serialize()));
          expect(inOrder(JSON.stringify(readPersistedTenant(join(dir, 'x', 'default.json'))))).toEqual(inOrder(t.serialize()));
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('appends a write that changed documents instead of writing the whole file, and writes it whole again after an unattributed change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-log-'));
    const r = registry(dir);
    const t = r.get('default');
    const file = join(dir, 'x', 'default.json');
    await r.flush();
    const whole = readFileSync(file, 'utf8');
    t.collection('users').put({ id: 'new', n: 1 });
    await r.flush();
    expect(readFileSync(file, 'utf8')).toBe(whole);
    const line = JSON.parse(readFileSync(file.replace(/json$/, 'log'), 'utf8'));
    expect(line.docs).toEqual([['users', 'new', { id: 'new', n: 1 }]]);
    expect(line.generation).toBe(JSON.parse(whole).generation);
    t.collection('users').get('new')!.n = 2;
    t.markDirty();
    await r.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBe(JSON.parse(whole).generation + 1);
    expect(existsSync(file.replace(/json$/, 'log'))).toBe(false);
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a small collection cleared appends its deletions; only a large one makes the next write whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-log-'));
    const r = registry(dir);
    const t = r.get('default');
    const file = join(dir, 'x', 'default.json');
    const small = t.collection('issues/1/comments');
    for (const n of [1, 2, 3]) small.put({ id: `c${n}`, n });
    await r.flush();
    const generation = JSON.parse(readFileSync(file, 'utf8')).generation;
    small.clear();
    await r.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBe(generation);
    const lines = readFileSync(file.replace(/json$/, 'log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1).docs).toEqual([['issues/1/comments', 'c1', null], ['issues/1/comments', 'c2', null], ['issues/1/comments', 'c3', null]]);
    const large = t.collection('groups');
    for (let n = 0; n < 100; n++) large.put({ id: `g${n}`, n });
    await r.flush();
    large.clear();
    await r.flush();
    expect(JSON.parse(readFileSync(file, 'utf8')).generation).toBe(generation + 1);
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a line a kill cut short is ignored, never appended to, and the next write is whole; damage before the last line stops the twin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dtu-log-'));
    const file = join(dir, 'x', 'default.json');
    const r = registry(dir);
    r.get('default').collection('users').put({ id: 'kept', n: 1 });
    await r.flush();
    r.get('default').collection('users').put({ id: 'acknowledged', n: 2 });
    await r.flush();
    await r.close();
    appendFileSync(file.replace(/json$/, 'log'), '{"generation":1,"docs":[["users","torn",{"id":"to');
    const r2 = registry(dir);
    const t = r2.get('default');
    expect(t.collection('users').values().map((d) => d.id)).toEqual(['seed', 'kept', 'acknowledged']);
    t.collection('users').put({ id: 'after', n: 3 });
    await r2.close();
    expect(existsSync(file.replace(/json$/, 'log'))).toBe(false);
    expect(registry(dir).get('default').collection('users').values().map((d) => d.id)).toEqual(['seed', 'kept', 'acknowledged', 'after']);

    const r3 = registry(dir);
    r3.get('default').collection('users').put({ id: 'one', n: 4 });
    await r3.close();
    const log = file.replace(/json$/, 'log');
    appendFileSync(log, 'not json\n');
    appendFileSync(log, readFileSync(log, 'utf8').split('\n')[0] + '\n');
    expect(() => registry(dir).get('default')).toThrow(/default\.log line 2 cannot be read/);
    rmSync(dir, { recursive: true, force: true });
  });
});
