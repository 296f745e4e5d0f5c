/** Groups and group rules through the official SDK: CRUD, read-only group types, membership, rules that really assign. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { all, newUser, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

describe('groups', () => {
  it('creates, reads, renames, lists and deletes an OKTA_GROUP', async () => {
    const { client } = await org(server, 'group-crud');
    const g = await client.groupApi.createGroup({ group: { profile: { name: 'Platform', description: 'Platform team' } } });
    expect(g.type).toBe('OKTA_GROUP');
    expect(g.objectClass).toEqual(['okta:user_group']);
    expect(g.id).toMatch(/^00g/);
    const renamed = await client.groupApi.replaceGroup({ groupId: g.id!, group: { profile: { name: 'Platform Eng', description: 'renamed' } } });
    expect(renamed.profile?.name).toBe('Platform Eng');
    const names = (await all(client.groupApi.listGroups({}))).map((x) => x.profile?.name);
    expect(names).toEqual(['Everyone', 'Platform Eng']);
    expect((await all(client.groupApi.listGroups({ q: 'Plat' }))).map((x) => x.id)).toEqual([g.id]);
    expect((await all(client.groupApi.listGroups({ filter: 'type eq "BUILT_IN"' }))).map((x) => x.profile?.name)).toEqual(['Everyone']);
    await client.groupApi.deleteGroup({ groupId: g.id! });
    await expect(client.groupApi.getGroup({ groupId: g.id! })).rejects.toSatisfy((e: any) => e.status === 404 && e.errorSummary === `Not found: Resource not found: ${g.id} (UserGroup)`);
  });

  it('refuses duplicate names and changes to the built-in Everyone group', async () => {
    const { client } = await org(server, 'group-rules-of-the-road');
    await client.groupApi.createGroup({ group: { profile: { name: 'Ops' } } });
    await expect(client.groupApi.createGroup({ group: { profile: { name: 'ops' } } })).rejects.toSatisfy(
      (e: any) => e.errorCode === 'E0000001' && e.errorCauses[0].errorSummary === 'name: An object with this field already exists in the current organization',
    );
    const everyone = (await all(client.groupApi.listGroups({ q: 'Everyone' })))[0];
    await expect(client.groupApi.replaceGroup({ groupId: everyone.id!, group: { profile: { name: 'All' } } })).rejects.toSatisfy((e: any) => e.status === 403 && e.errorCode === 'E0000006');
    await expect(client.groupApi.deleteGroup({ groupId: everyone.id! })).rejects.toSatisfy((e: any) => e.errorCode === 'E0000006');
  });

  it('adds and removes members, visible from both sides, with stats', async () => {
    const { client } = await org(server, 'membership');
    const g = await client.groupApi.createGroup({ group: { profile: { name: 'Readers' } } });
    const u = await client.userApi.createUser({ body: newUser('reader@example.com') });
    await client.groupApi.assignUserToGroup({ groupId: g.id!, userId: u.id! });
    await client.groupApi.assignUserToGroup({ groupId: g.id!, userId: u.id! });
    expect((await all(client.groupApi.listGroupUsers({ groupId: g.id! }))).map((x) => x.id)).toEqual([u.id]);
    expect((await all(client.userApi.listUserGroups({ userId: u.id! }))).map((x) => x.profile?.name)).toEqual(['Everyone', 'Readers']);
    const withStats = await client.groupApi.getGroup({ groupId: g.id! });
    expect(withStats.lastMembershipUpdated!.getTime()).toBeGreaterThanOrEqual(g.lastMembershipUpdated!.getTime());
    await client.groupApi.unassignUserFromGroup({ groupId: g.id!, userId: u.id! });
    expect(await all(client.groupApi.listGroupUsers({ groupId: g.id! }))).toEqual([]);
    await expect(client.groupApi.assignUserToGroup({ groupId: g.id!, userId: '00unope' })).rejects.toSatisfy((e: any) => e.errorSummary === 'Not found: Resource not found: 00unope (User)');
  });
});

describe('group rules', () => {
  it('are created INACTIVE, assign matching users on activation, and keep assigning on create and update', async () => {
    const { client } = await org(server, 'rules');
    const eng = await client.groupApi.createGroup({ group: { profile: { name: 'Engineering' } } });
    const early = await client.userApi.createUser({ body: newUser('early@example.com', { department: 'Engineering' }) });
    await client.userApi.createUser({ body: newUser('sales@example.com', { department: 'Sales' }) });
    const rule = await client.groupApi.createGroupRule({
      groupRule: {
        type: 'group_rule',
        name: 'Engineering department',
        conditions: { expression: { value: 'user.department=="Engineering"', type: 'urn:okta:expression:1.0' } },
        actions: { assignUserToGroups: { groupIds: [eng.id!] } },
      },
    });
    expect(rule.status).toBe('INACTIVE');
    expect(await all(client.groupApi.listGroupUsers({ groupId: eng.id! }))).toEqual([]);

    await client.groupApi.activateGroupRule({ ruleId: rule.id! });
    expect((await client.groupApi.getGroupRule({ ruleId: rule.id! })).status).toBe('ACTIVE');
    const members = async () => (await all(client.groupApi.listGroupUsers({ groupId: eng.id! }))).map((x) => x.profile?.login).sort();
    expect(await members()).toEqual(['early@example.com']);

    await client.userApi.createUser({ body: newUser('late@example.com', { department: 'Engineering' }) });
    expect(await members()).toEqual(['early@example.com', 'late@example.com']);

    // Moving departments takes the rule-made membership away again.
    await client.userApi.updateUser({ userId: early.id!, user: { profile: { department: 'Sales' } } as any });
    expect(await members()).toEqual(['late@example.com']);

    await expect(
      client.groupApi.replaceGroupRule({ ruleId: rule.id!, groupRule: { ...rule, name: 'renamed' } }),
    ).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
  });

  it('support String.stringContains and isMemberOfAnyGroup, and reject invalid expressions', async () => {
    const { client } = await org(server, 'rule-functions');
    const managers = await client.groupApi.createGroup({ group: { profile: { name: 'Managers' } } });
    const leads = await client.groupApi.createGroup({ group: { profile: { name: 'Leads' } } });
    const mk = (name: string, value: string, groupId: string) =>
      client.groupApi.createGroupRule({ groupRule: { type: 'group_rule', name, conditions: { expression: { value, type: 'urn:okta:expression:1.0' } }, actions: { assignUserToGroups: { groupIds: [groupId] } } } });
    const r1 = await mk('Managers by title', 'String.stringContains(user.title, "Manager")', managers.id!);
    const r2 = await mk('Managers lead', `isMemberOfAnyGroup("${managers.id}")`, leads.id!);
    for (const r of [r1, r2]) await client.groupApi.activateGroupRule({ ruleId: r.id! });
    await client.userApi.createUser({ body: newUser('boss@example.com', { title: 'Engineering Manager' }) });
    expect((await all(client.groupApi.listGroupUsers({ groupId: leads.id! }))).map((x) => x.profile?.login)).toEqual(['boss@example.com']);

    await expect(mk('Broken', 'user.department ==', managers.id!)).rejects.toSatisfy((e: any) => e.status === 400 && e.errorCode === 'E0000001');
    await expect(mk('Bad function', 'Nope.call(user.title)', managers.id!)).rejects.toSatisfy((e: any) => e.errorCode === 'E0000001');
  });

  it('deleting a rule with removeUsers=true takes back its assignments', async () => {
    const { client } = await org(server, 'rule-delete');
    const g = await client.groupApi.createGroup({ group: { profile: { name: 'Sales' } } });
    await client.userApi.createUser({ body: newUser('seller@example.com', { department: 'Sales' }) });
    const r = await client.groupApi.createGroupRule({ groupRule: { type: 'group_rule', name: 'Sales', conditions: { expression: { value: 'user.department=="Sales"', type: 'urn:okta:expression:1.0' } }, actions: { assignUserToGroups: { groupIds: [g.id!] } } } });
    await client.groupApi.activateGroupRule({ ruleId: r.id! });
    expect(await all(client.groupApi.listGroupUsers({ groupId: g.id! }))).toHaveLength(1);
    await client.groupApi.deactivateGroupRule({ ruleId: r.id! });
    await client.groupApi.deleteGroupRule({ ruleId: r.id!, removeUsers: true });
    expect(await all(client.groupApi.listGroupUsers({ groupId: g.id! }))).toEqual([]);
    expect(await all(client.groupApi.listGroupRules({}))).toEqual([]);
  });
});
