// Group memberships, kept while no group or membership changes, answer what a fresh walk of every group's members answers, across random writes, in-place edits, loads and clears.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tenant } from '../../src/core/tenant.js';
import { Clock } from '../../src/core/clock.js';
import { groups, groupsOf, md5, members, type DirGroup, type DirMember } from '../../twins/google/store.js';

const GROUPS = ['g0@example.com', 'g1@example.com', 'g2@example.com', 'g3@example.com'];
const PEOPLE = ['ann@example.com', 'Bob@example.com', ...GROUPS];

/** Nested membership as Directory defines it: the groups whose members include the address, or a group that does. */
function reference(t: Tenant, email: string): string[] {
  const out = new Set<string>();
  const frontier = [email.toLowerCase()];
  while (frontier.length) {
    const who = frontier.pop()!;
    for (const g of groups(t).values()) {
      if (!out.has(g.email) && members(t, g.id).values().some((m) => m.email.toLowerCase() === who)) {
        out.add(g.email);
        frontier.push(g.email);
      }
    }
  }
  return [...out].sort();
}

const group = (i: number): DirGroup => ({ id: `G${i}`, email: GROUPS[i], name: `g${i}`, description: '', adminCreated: true, aliases: [] });
const member = (email: string): DirMember => ({ id: email.toLowerCase(), email, role: 'MEMBER', type: 'USER', status: 'ACTIVE', delivery_settings: 'ALL_MAIL' });

describe('google group memberships', () => {
  it('a kept answer is the fresh one after any sequence of group and membership writes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('addGroup' as const), g: fc.nat(3) }),
      fc.record({ kind: fc.constant('dropGroup' as const), g: fc.nat(3) }),
      fc.record({ kind: fc.constant('join' as const), g: fc.nat(3), who: fc.nat(PEOPLE.length - 1) }),
      fc.record({ kind: fc.constant('leave' as const), g: fc.nat(3), who: fc.nat(PEOPLE.length - 1) }),
      fc.record({ kind: fc.constant('ask' as const), who: fc.nat(PEOPLE.length - 1) }),
      // Writes that leave memberships alone keep the answers; the rest must not be missed.
      fc.record({ kind: fc.constant('otherWrite' as const), g: fc.nat(3) }),
      fc.record({ kind: fc.constant('renameInPlace' as const), g: fc.nat(3), who: fc.nat(PEOPLE.length - 1) }),
      fc.record({ kind: fc.constant('reload' as const) }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new Tenant('google', 'default', new Clock(() => 0), 'seed');
        for (const o of ops) {
          if (o.kind === 'addGroup') groups(t).put(group(o.g));
          else if (o.kind === 'dropGroup') groups(t).delete(`G${o.g}`);
          else if (o.kind === 'join') members(t, `G${o.g}`).put(member(PEOPLE[o.who]));
          else if (o.kind === 'leave') members(t, `G${o.g}`).delete(PEOPLE[o.who].toLowerCase());
          else if (o.kind === 'otherWrite') t.collection('/drive/v3/files').put({ id: `f${o.g}`, name: 'x' });
          else if (o.kind === 'renameInPlace') {
            // A document edited in place and announced with markDirty alone (no collection can tell which).
            const m = members(t, `G${o.g}`).values()[0];
            if (m) {
              m.email = PEOPLE[o.who];
              t.markDirty();
            }
          } else if (o.kind === 'reload') t.load(JSON.parse(t.serialize()));
          else if (o.kind === 'clear') t.clear();
          // Everyone asked twice after every step: the second answer is the kept one, and the next step's answers were kept before it.
          for (const who of PEOPLE) for (let i = 0; i < 2; i++) expect([...groupsOf(t, who)].sort()).toEqual(reference(t, who));
        }
      }),
    );
  });

  it('keeps answers across writes elsewhere, and starts over after a membership edited in place and announced with markDirty', () => {
    const t = new Tenant('google', 'default', new Clock(() => 0), 'seed');
    groups(t).put(group(0));
    members(t, 'G0').put(member('ann@example.com'));
    const before = groupsOf(t, 'bob@example.com');
    t.collection('/drive/v3/files').put({ id: 'f', name: 'x' });
    expect(groupsOf(t, 'bob@example.com')).toBe(before);
    members(t, 'G0').values()[0].email = 'bob@example.com';
    t.markDirty();
    expect([...groupsOf(t, 'bob@example.com')]).toEqual(['g0@example.com']);
    members(t, 'G0').put(member('carol@example.com'));
    expect([...groupsOf(t, 'carol@example.com')]).toEqual(['g0@example.com']);
  });

  it('the MD5 of no bytes is the digest of the empty input', () => {
    expect(md5(new Uint8Array())).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5(new TextEncoder().encode('a'))).toBe('0cc175b9c0f1b6a831c399e269772661');
  });
});
