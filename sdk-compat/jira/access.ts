// jira.js compat: who may do what — groups and their members, permission schemes and grants assigned to projects, bulk permission checks, issue security per project.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'access: groups and members, permission schemes and grants, bulk permission checks, project security levels' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);

    // Groups — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/
    const group = await jira.groups.createGroup({ name: 'release-managers' });
    t.check(group.name === 'release-managers' && typeof group.groupId === 'string' && group.users?.size === 0, 'createGroup answers the new, empty group', group);
    await t.expectError(() => jira.groups.createGroup({ name: 'release-managers' }), (e) => e.status === 400, 'a group name is taken once');
    const bulk = await jira.groups.bulkGetGroups({ groupName: ['release-managers', 'jira-software-users'] });
    t.check(bulk.values?.map((g) => g.name).join() === 'jira-software-users,release-managers' && bulk.total === 2, 'bulkGetGroups finds groups by name, sorted', bulk);
    const joined = await jira.groups.addUserToGroup({ groupId: group.groupId!, accountId: mate.accountId });
    t.check(joined.name === 'release-managers' && joined.users?.size === 1, 'addUserToGroup answers the group with its new size', joined);
    await t.expectError(() => jira.groups.addUserToGroup({ groupId: group.groupId!, accountId: mate.accountId }), (e) => e.status === 400, 'a member cannot be added twice');
    const members = await jira.groups.getUsersFromGroup({ groupId: group.groupId! });
    t.check(members.total === 1 && members.values?.[0]?.accountId === mate.accountId, 'getUsersFromGroup pages the members', members);
    const picked = await jira.groups.findGroups({ query: 'release', accountId: mate.accountId } as never);
    t.check(picked.groups?.length === 1 && picked.groups[0]?.html === '<b>release</b>-managers' && picked.total === 1, 'findGroups highlights the match among the user’s groups', picked);
    await jira.groups.removeUserFromGroup({ groupId: group.groupId!, accountId: mate.accountId });
    const left = await jira.groups.getUsersFromGroup({ groupId: group.groupId! });
    t.checkEffect(left.total === 0, 'removeUserFromGroup drops the member', left);

    // Permission schemes — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permission-schemes/
    const all = await jira.permissionSchemes.getAllPermissionSchemes();
    const defaultScheme = all.permissionSchemes?.[0];
    t.check(defaultScheme?.name === 'Default Permission Scheme' && defaultScheme.permissions === undefined, 'getAllPermissionSchemes lists schemes without grants unless expanded', all);
    const scheme = await jira.permissionSchemes.createPermissionScheme({
      name: 'Release scheme',
      description: 'Release managers browse',
      permissions: [{ permission: 'ADMINISTER_PROJECTS', holder: { type: 'projectLead' } }],
    });
    const schemeId = scheme.id!;
    t.check(scheme.name === 'Release scheme' && scheme.permissions?.length === 1 && scheme.permissions[0]?.permission === 'ADMINISTER_PROJECTS', 'createPermissionScheme stores the scheme and its grants', scheme);
    await t.expectError(
      () => jira.permissionSchemes.createPermissionScheme({ name: 'Broken', permissions: [{ permission: 'FLY', holder: { type: 'anyone' } }] }),
      (e) => e.status === 400,
      'an unknown permission key is refused',
    );
    const grant = await jira.permissionSchemes.createPermissionGrant({ schemeId, permission: 'BROWSE_PROJECTS', holder: { type: 'group', parameter: 'release-managers' } });
    t.check(grant.permission === 'BROWSE_PROJECTS' && grant.holder?.type === 'group' && grant.holder.parameter === 'release-managers', 'createPermissionGrant answers the grant', grant);
    const oneGrant = await jira.permissionSchemes.getPermissionSchemeGrant({ schemeId, permissionId: grant.id! });
    t.check(oneGrant.id === grant.id && oneGrant.permission === 'BROWSE_PROJECTS', 'getPermissionSchemeGrant reads the grant back', oneGrant);
    const grants = await jira.permissionSchemes.getPermissionSchemeGrants({ schemeId });
    t.check(grants.permissions?.length === 2, 'getPermissionSchemeGrants lists both grants', grants);
    const renamed = await jira.permissionSchemes.updatePermissionScheme({ schemeId, name: 'Release permissions', description: 'Who ships' });
    t.check(renamed.name === 'Release permissions' && renamed.description === 'Who ships', 'updatePermissionScheme renames', renamed);
    const read = await jira.permissionSchemes.getPermissionScheme({ schemeId });
    t.check(read.name === 'Release permissions' && read.permissions?.length === 2, 'getPermissionScheme carries its grants', read);

    // The scheme drives what people may do in the project it is assigned to.
    const project = await jira.projects.createProject({ key: 'REL', name: 'Releases', projectTypeKey: 'business', leadAccountId: ctx.credentials.accountId as string });
    const assigned = await jira.projectPermissionSchemes.assignPermissionScheme({ projectKeyOrId: 'REL', id: schemeId });
    t.check(assigned.id === schemeId, 'assignPermissionScheme answers the assigned scheme', assigned);
    const used = await jira.projectPermissionSchemes.getAssignedPermissionScheme({ projectKeyOrId: String(project.id) });
    t.check(used.id === schemeId && used.name === 'Release permissions', 'getAssignedPermissionScheme reads the assignment', used);
    const before = await jira.permissions.getBulkPermissions({ accountId: mate.accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [Number(project.id)] }] });
    t.check(before.projectPermissions?.[0]?.projects?.length === 0, 'getBulkPermissions: a non-member cannot browse REL', before);
    await jira.groups.addUserToGroup({ groupId: group.groupId!, accountId: mate.accountId });
    const after = await jira.permissions.getBulkPermissions({
      accountId: mate.accountId,
      globalPermissions: ['ADMINISTER', 'USER_PICKER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [Number(project.id)] }, { permissions: ['ADMINISTER_PROJECTS'], projects: [Number(project.id)] }],
    });
    t.checkEffect(
      after.projectPermissions?.[0]?.projects?.[0] === Number(project.id) && after.projectPermissions?.[1]?.projects?.length === 0 && after.globalPermissions?.join() === 'USER_PICKER',
      'getBulkPermissions: the group grant lets the member browse, not administer; no global admin',
      after,
    );
    await jira.permissionSchemes.deletePermissionSchemeEntity({ schemeId, permissionId: grant.id! });
    await t.expectError(() => jira.permissionSchemes.getPermissionSchemeGrant({ schemeId, permissionId: grant.id! }), (e) => e.status === 404, 'a deleted grant is gone', { effect: true });
    await t.expectError(() => jira.permissionSchemes.deletePermissionScheme({ schemeId: defaultScheme!.id! }), (e) => e.status === 400, 'the default scheme stays');

    // Issue security for the project — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-permission-schemes/
    await t.expectError(() => jira.projectPermissionSchemes.getProjectIssueSecurityScheme({ projectKeyOrId: 'REL' }), (e) => e.status === 404, 'no issue security scheme yet');
    const none = await jira.projectPermissionSchemes.getSecurityLevelsForProject({ projectKeyOrId: 'REL' });
    t.check(none.levels?.length === 0, 'getSecurityLevelsForProject: no scheme, no levels', none);
    const sec = await jira.issueSecuritySchemes.createIssueSecurityScheme({
      name: 'Embargo',
      levels: [
        { name: 'Release team', members: [{ type: 'group', parameter: 'release-managers' }] },
        { name: 'Lead only', members: [{ type: 'projectLead' }] },
      ],
    });
    await jira.issueSecuritySchemes.associateSchemesToProjects({ projectId: String(project.id), schemeId: String(sec.id) });
    const secScheme = await jira.projectPermissionSchemes.getProjectIssueSecurityScheme({ projectKeyOrId: 'REL' });
    t.checkEffect(String(secScheme.id) === String(sec.id) && secScheme.name === 'Embargo', 'getProjectIssueSecurityScheme reads the associated scheme', secScheme);
    const levels = await jira.projectPermissionSchemes.getSecurityLevelsForProject({ projectKeyOrId: 'REL' });
    // Only the levels the caller belongs to: the lead is not in release-managers.
    t.check(levels.levels?.map((l) => l.name).join() === 'Lead only', 'getSecurityLevelsForProject lists the levels the caller may set', levels);

    await jira.projectPermissionSchemes.assignPermissionScheme({ projectKeyOrId: 'REL', id: defaultScheme!.id! });
    await jira.permissionSchemes.deletePermissionScheme({ schemeId });
    const remaining = await jira.permissionSchemes.getAllPermissionSchemes();
    t.checkEffect(!remaining.permissionSchemes?.some((s) => s.id === schemeId), 'deletePermissionScheme removes it', remaining);

    await jira.groups.removeGroup({ groupId: group.groupId! });
    await t.expectError(() => jira.groups.getUsersFromGroup({ groupId: group.groupId! }), (e) => e.status === 404, 'a removed group is gone', { effect: true });
  },
);
