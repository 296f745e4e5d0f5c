// jira.js compat: project roles — the role map, role actors by user and group, project role details, and the site role catalogue.
import { Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'project roles: role map, actors by user and group, site catalogue',
  async run(ctx, t) {
    const { email, apiToken } = ctx.credentials;
    const jira = t.track(new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email, apiToken } } }), '');
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'ROLE', name: 'Role play', projectTypeKey: 'software', leadAccountId: me.accountId! });

    const map = await jira.projectRoles.getProjectRoles({ projectIdOrKey: 'ROLE' });
    const adminId = Number(/\/role\/(\d+)$/.exec(map.Administrators ?? '')?.[1]);
    t.check(Number.isFinite(adminId) && 'Member' in map, 'getProjectRoles maps names to role URLs', map);
    const admins = await jira.projectRoles.getProjectRole({ projectIdOrKey: 'ROLE', id: adminId });
    t.check(admins.actors?.some((a) => a.actorUser?.accountId === me.accountId) === true, 'the lead holds Administrators', admins);

    const memberId = Number(/\/role\/(\d+)$/.exec(map.Member ?? '')?.[1]);
    const added = await jira.projectRoleActors.addActorUsers({ projectIdOrKey: String(project.id), id: memberId, group: ['jira-software-users'] });
    t.check(added.actors?.some((a) => a.actorGroup?.name === 'jira-software-users') === true, 'addActorUsers adds a group actor', added);
    const mine = await jira.projectRoles.getProjectRoleDetails({ projectIdOrKey: 'ROLE', currentMember: true });
    t.check(mine.map((r) => r.name).sort().join() === 'Administrators,Member', 'currentMember lists the roles held directly or through a group', mine);
    const replaced = await jira.projectRoleActors.setActors({ projectIdOrKey: 'ROLE', id: memberId, categorisedActors: { 'atlassian-user-role-actor': [me.accountId!] } });
    t.check(replaced.actors?.length === 1 && replaced.actors[0]?.actorUser?.accountId === me.accountId, 'setActors replaces the actors', replaced);
    await jira.projectRoleActors.deleteActor({ projectIdOrKey: 'ROLE', id: memberId, user: me.accountId! });
    const empty = await jira.projectRoles.getProjectRole({ projectIdOrKey: 'ROLE', id: memberId });
    t.check(empty.actors?.length === 0, 'deleteActor removes the user', empty);

    const role = await jira.projectRoles.createProjectRole({ name: 'Auditors', description: 'Read the audit trail' });
    await t.expectError(() => jira.projectRoles.createProjectRole({ name: 'auditors' }), (e) => e.status === 409, 'role names are unique, case-insensitively');
    await jira.projectRoles.fullyUpdateProjectRole({ id: role.id!, name: 'Auditors', description: 'Audit' });
    await jira.projectRoles.partialUpdateProjectRole({ id: role.id!, description: 'Audit it all' });
    const byId = await jira.projectRoles.getProjectRoleById({ id: role.id! });
    t.check(byId.description === 'Audit it all', 'role updates persist', byId);
    await jira.projectRoleActors.addProjectRoleActorsToRole({ id: role.id!, group: ['jira-admins'] });
    const defaults = await jira.projectRoleActors.getProjectRoleActorsForRole({ id: role.id! });
    t.check(defaults.actors?.[0]?.actorGroup?.name === 'jira-admins', 'default actors are kept on the role', defaults);
    await jira.projectRoleActors.deleteProjectRoleActorsFromRole({ id: role.id!, group: 'jira-admins' });
    const none = await jira.projectRoleActors.getProjectRoleActorsForRole({ id: role.id! });
    t.check(none.actors?.length === 0, 'default actors are removed', none);
    const all = await jira.projectRoles.getAllProjectRoles();
    t.check(all.some((r) => r.name === 'Auditors'), 'getAllProjectRoles lists the new role', all);
    await jira.projectRoles.deleteProjectRole({ id: role.id! });
    await t.expectError(() => jira.projectRoles.getProjectRoleById({ id: role.id! }), (e) => e.status === 404, 'a deleted role is gone');
  },
};

export const scenarios: Scenario[] = [scenario];
