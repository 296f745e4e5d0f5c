// Permissions through jira.js: the catalogue, the caller's permissions computed from the project's scheme and roles, bulk checks, permitted projects, schemes and grants.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();

/** jira.js types the permission map as `{}`; Jira answers key → {havePermission, …}. */
const held = (r: { permissions?: unknown }, key: string) => (r.permissions as Record<string, { havePermission?: boolean }>)[key]?.havePermission;

describe('permissions', () => {
  it('are computed from the project’s scheme: Administrators administer, everyone with access browses', async () => {
    const all = await env.site.client.permissions.getAllPermissions();
    expect(Object.keys(all.permissions!)).toEqual(expect.arrayContaining(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'DELETE_ISSUES', 'ADMINISTER']));
    const priya = env.site.as('Priya Shah');
    const inMob = await priya.permissions.getMyPermissions({ projectKey: 'MOB', permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS' });
    expect(held(inMob, 'ADMINISTER_PROJECTS')).toBe(true); // she leads MOB, so holds Administrators
    const inEng = await priya.permissions.getMyPermissions({ projectKey: 'ENG', permissions: 'ADMINISTER_PROJECTS,BROWSE_PROJECTS' });
    expect([held(inEng, 'ADMINISTER_PROJECTS'), held(inEng, 'BROWSE_PROJECTS')]).toEqual([false, true]);
    expect(held(await priya.permissions.getMyPermissions({ permissions: 'ADMINISTER' }), 'ADMINISTER')).toBe(false);
    expect((await failure(priya.permissions.getMyPermissions({ permissions: 'NOT_A_PERMISSION' }))).status).toBe(400);
    const permitted = await priya.permissions.getPermittedProjects({ permissions: ['ADMINISTER_PROJECTS'] });
    expect(permitted.projects!.map((p) => p.key)).toEqual(['MOB']);
    const bulk = await env.site.client.permissions.getBulkPermissions({ accountId: env.site.creds.users.find((u) => u.displayName === 'Priya Shah')!.accountId, globalPermissions: ['ADMINISTER', 'USER_PICKER'], projectPermissions: [{ permissions: ['ADMINISTER_PROJECTS'], projects: [Number((await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' })).id)] }] });
    expect(bulk.globalPermissions).toEqual(['USER_PICKER']);
    expect(bulk.projectPermissions![0]!.projects).toEqual([]);
  });

  it('a grant added to a new scheme assigned to a project changes what users hold there', async () => {
    const scheme = await env.site.client.permissionSchemes.createPermissionScheme({ name: 'Strict', permissions: [{ permission: 'BROWSE_PROJECTS', holder: { type: 'projectRole', parameter: '10002' } }] });
    await env.site.client.projectPermissionSchemes.assignPermissionScheme({ projectKeyOrId: 'ENG', id: scheme.id! });
    expect((await env.site.client.projectPermissionSchemes.getAssignedPermissionScheme({ projectKeyOrId: 'ENG' })).name).toBe('Strict');
    const jordan = env.site.as('Jordan Lee');
    // A project the caller cannot browse is not found (mypermissions: "404 … or the user does not have permission to view the project").
    expect((await failure(jordan.permissions.getMyPermissions({ projectKey: 'ENG', permissions: 'BROWSE_PROJECTS' }))).status).toBe(404);
    await env.site.client.permissionSchemes.createPermissionGrant({ schemeId: scheme.id!, permission: 'BROWSE_PROJECTS', holder: { type: 'group', parameter: 'engineering' } });
    const after = await jordan.permissions.getMyPermissions({ projectKey: 'ENG', permissions: 'BROWSE_PROJECTS' });
    expect(held(after, 'BROWSE_PROJECTS')).toBe(true);
    const grants = await env.site.client.permissionSchemes.getPermissionSchemeGrants({ schemeId: scheme.id! });
    expect(grants.permissions!.map((g) => g.holder?.type)).toEqual(['projectRole', 'group']);
    expect((await failure(env.site.as('Jordan Lee').permissionSchemes.createPermissionScheme({ name: 'Mine' }))).status).toBe(403);
  });
});
