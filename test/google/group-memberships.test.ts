// Group memberships kept per tenant revision answer what a fresh walk of every group's members answers, across random writes.
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
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const t = new Tenant('google', 'default', new Clock(() => 0), 'seed');
        for (const o of ops) {
          if (o.kind === 'addGroup') groups(t).put(group(o.g));
          else if (o.kind === 'dropGroup') groups(t).delete(`G${o.g}`);
          else if (o.kind === 'join') members(t, `G${o.g}`).put(member(PEOPLE[o.who]));
          else if (o.kind === 'leave') members(t, `G${o.g}`).delete(PEOPLE[o.who].toLowerCase());
          // Asked twice: the second answer is the kept one.
          for (let i = 0; i < 2; i++) expect([...groupsOf(t, PEOPLE['who' in o ? o.who : 0])].sort()).toEqual(reference(t, PEOPLE['who' in o ? o.who : 0]));
        }
      }),
    );
  });

  it('the MD5 of no bytes is the digest of the empty input', () => {
    expect(md5(new Uint8Array())).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5(new TextEncoder().encode('a'))).toBe('0cc175b9c0f1b6a831c399e269772661');
  });
});
