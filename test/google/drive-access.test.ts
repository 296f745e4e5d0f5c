/** Drive access (model/acl.ts `accessTo`) kept as it is found answers what combining every permission and inherited folder access answers, on folder graphs with several parents, cycles, expiring permissions and drive.file callers. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tenant } from '../../src/core/tenant.js';
import { Clock } from '../../src/core/clock.js';
import { accessTo, matches, type Access, type Who } from '../../twins/google/drive/model/acl.js';
import { ROLE_RANK, files, permissions, type DriveFile, type Permission, type Role } from '../../twins/google/store.js';

/** The combining form: each match and each parent's inherited access folded in with `better`, one set of walked files per walk. */
function reference(t: Tenant, file: DriveFile, who: Who, seen = new Set<string>()): Access | undefined {
  const better = (a: Access | undefined, b: Access | undefined): Access | undefined => {
    if (!a) return b;
    if (!b) return a;
    return { role: ROLE_RANK[a.role] >= ROLE_RANK[b.role] ? a.role : b.role, discoverable: a.discoverable || b.discoverable };
  };
  if (seen.has(file.id)) return undefined;
  seen.add(file.id);
  let best: Access | undefined;
  for (const p of permissions(t, file.id).values()) {
    if (p.expirationTime && Date.parse(p.expirationTime) <= t.clock.ms()) continue;
    if (!matches(p, who)) continue;
    best = better(best, { role: p.role, discoverable: p.type === 'user' || p.type === 'group' || p.allowFileDiscovery === true });
  }
  for (const parentId of file.parents) {
    const parent = files(t).get(parentId);
    if (!parent) continue;
    const inherited = reference(t, parent, who, seen);
    if (inherited) best = better(best, { role: inherited.role === 'owner' ? 'writer' : inherited.role, discoverable: inherited.discoverable });
  }
  if (best && who.appFilesOnly && !(who.clientId && file.createdByClient === who.clientId)) return undefined;
  return best;
}

const ROLES: Role[] = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];
const NOW = Date.UTC(2026, 0, 1);
const perm = fc.record({
  type: fc.constantFrom('user', 'group', 'domain', 'anyone') as fc.Arbitrary<Permission['type']>,
  role: fc.constantFrom(...ROLES),
  who: fc.constantFrom('a@x.com', 'b@x.com', 'g@x.com'),
  discovery: fc.option(fc.boolean(), { nil: undefined }),
  expires: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
});
const node = fc.record({ parents: fc.array(fc.nat(7), { maxLength: 3 }), perms: fc.array(perm, { maxLength: 3 }), byClient: fc.boolean() });
const who = fc.record({ email: fc.constantFrom('a@x.com', 'b@x.com', undefined), group: fc.boolean(), domain: fc.boolean(), anonymous: fc.boolean(), appFilesOnly: fc.boolean() });

describe('Drive accessTo', () => {
  it('answers what folding in every permission and parent answers (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 8 }), who, (nodes, w) => {
        const t = new Tenant('google', 'acl', new Clock(() => NOW), 'seed');
        nodes.forEach((n, i) => {
          const f = { id: `f${i}`, parents: n.parents.map((p) => `f${p}`), createdByClient: n.byClient ? 'client' : undefined } as unknown as DriveFile;
          files(t).put(f);
          n.perms.forEach((p, j) =>
            permissions(t, f.id).put({
              id: `p${j}`,
              type: p.type,
              role: p.role,
              ...(p.type === 'domain' ? { domain: 'x.com' } : p.type === 'anyone' ? {} : { emailAddress: p.who }),
              ...(p.discovery === undefined ? {} : { allowFileDiscovery: p.discovery }),
              ...(p.expires === undefined ? {} : { expirationTime: new Date(NOW + p.expires * 1000).toISOString() }),
            } as Permission),
          );
        });
        const caller: Who = { email: w.email, domain: w.domain ? 'x.com' : undefined, groups: new Set(w.group ? ['g@x.com'] : []), anonymous: w.anonymous, clientId: 'client', appFilesOnly: w.appFilesOnly };
        for (const f of files(t).values()) expect(accessTo(t, f, caller)).toEqual(reference(t, f, caller));
      }),
      { numRuns: 500 },
    );
  });
});
