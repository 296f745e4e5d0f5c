// Groups through jira.js: create, picker (query, case, exclusions), members by id and name (inactive on request), membership changes, removal with a swap group, and admin-only changes.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();

describe('groups', () => {
  it('are found through the picker by part of their name, case-insensitively when asked, minus exclusions', async () => {
    const made = await env.site.client.groups.createGroup({ name: 'Release Managers' });
    expect(made.groupId).toMatch(/^[0-9a-f-]{36}$/);
    const byPart = await env.site.client.groups.findGroups({ query: 'Release' });
    expect(byPart.groups?.map((g) => [g.name, g.html])).toEqual([['Release Managers', '<b>Release</b> Managers']]);
    expect((await env.site.client.groups.findGroups({ query: 'release' })).groups).toEqual([]);
    expect((await env.site.client.groups.findGroups({ query: 'RELEASE', caseInsensitive: true })).groups?.map((g) => g.groupId)).toEqual([made.groupId]);
    expect((await env.site.client.groups.findGroups({ query: 'Release', excludeId: [made.groupId!] })).total).toBe(0);
    const dup = await failure(env.site.client.groups.createGroup({ name: 'Release Managers' }));
    expect(dup.status).toBe(400);
  });

  it('list members by id and by name, inactive ones only when asked, and change membership', async () => {
    const eng = await env.site.client.groups.findGroups({ query: 'engineering' });
    const groupId = eng.groups![0].groupId!;
    const byId = await env.site.client.groups.getUsersFromGroup({ groupId });
    const byName = await env.site.client.groups.getUsersFromGroup({ groupname: 'engineering' });
    expect(byId.values?.map((u) => u.displayName)).toEqual(['Jordan Lee', 'Priya Shah']);
    expect(byName.total).toBe(byId.total);
    const all = await env.site.client.groups.getUsersFromGroup({ groupname: 'jira-software-users', includeInactiveUsers: true });
    const active = await env.site.client.groups.getUsersFromGroup({ groupname: 'jira-software-users' });
    expect(all.total! - active.total!).toBe(1); // Casey Former is inactive
    const sam = env.site.creds.users.find((u) => u.displayName === 'Sam Rivera')!;
    await env.site.client.groups.addUserToGroup({ groupId, accountId: sam.accountId });
    expect((await env.site.client.groups.getUsersFromGroup({ groupId })).total).toBe(3);
    expect((await env.site.client.users.getUserGroups({ accountId: sam.accountId })).map((g) => g.groupId)).toContain(groupId);
    await env.site.client.groups.removeUserFromGroup({ groupId, accountId: sam.accountId });
    expect((await env.site.client.groups.getUsersFromGroup({ groupId })).total).toBe(2);
    expect((await failure(env.site.client.groups.getUsersFromGroup({ groupname: 'no-such-group' }))).status).toBe(404);
  });

  it('are changed by administrators only, and removal hands role actorships to the swap group', async () => {
    expect((await failure(env.site.as('Priya Shah').groups.createGroup({ name: 'Mine' }))).status).toBe(403);
    const old = await env.site.client.groups.createGroup({ name: 'Old Team' });
    const next = await env.site.client.groups.createGroup({ name: 'New Team' });
    const roles = await env.site.client.projectRoles.getProjectRoles({ projectIdOrKey: 'ENG' });
    const memberRole = Number(String(roles.Member).split('/').pop());
    await env.site.client.projectRoleActors.addActorUsers({ projectIdOrKey: 'ENG', id: memberRole, groupId: [old.groupId!] });
    await env.site.client.groups.removeGroup({ groupId: old.groupId!, swapGroupId: next.groupId! });
    const role = await env.site.client.projectRoles.getProjectRole({ projectIdOrKey: 'ENG', id: memberRole });
    const names = role.actors?.map((a) => a.displayName);
    expect(names).toContain('New Team');
    expect(names).not.toContain('Old Team');
    expect((await env.site.raw('GET', `/rest/api/3/group?groupId=${old.groupId}`)).status).toBe(404);
  });
});
