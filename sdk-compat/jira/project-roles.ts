// jira.js compat: project roles — the role map, role actors by user and group, project role details, and the site role catalogue.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'project roles: role map, actors by user and group, site catalogue' },
  async (jira, _ctx, t) => {
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
    t.checkEffect(empty.actors?.length === 0, 'deleteActor removes the user', empty);

    // The site catalogue — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/
    const role = await jira.projectRoles.createProjectRole({ name: 'Auditors', description: 'Read the audit trail' });
    t.check(role.name === 'Auditors' && role.description === 'Read the audit trail' && typeof role.id === 'number', 'createProjectRole answers the new role', role);
    await t.expectError(() => jira.projectRoles.createProjectRole({ name: 'auditors' }), (e) => e.status === 409, 'role names are unique, case-insensitively');
    const full = await jira.projectRoles.fullyUpdateProjectRole({ id: role.id!, name: 'Auditors', description: 'Audit' });
    t.check(full.description === 'Audit', 'fullyUpdateProjectRole answers the updated role', full);
    await t.expectError(() => jira.projectRoles.fullyUpdateProjectRole({ id: role.id!, name: 'Auditors' }), (e) => e.status === 400, 'a full update needs the description too');
    const partial = await jira.projectRoles.partialUpdateProjectRole({ id: role.id!, description: 'Audit it all' });
    t.check(partial.name === 'Auditors' && partial.description === 'Audit it all', 'partialUpdateProjectRole keeps the name', partial);
    const byId = await jira.projectRoles.getProjectRoleById({ id: role.id! });
    t.check(byId.description === 'Audit it all', 'role updates persist', byId);
    const withDefault = await jira.projectRoleActors.addProjectRoleActorsToRole({ id: role.id!, group: ['jira-admins'] });
    t.check(withDefault.actors?.[0]?.actorGroup?.name === 'jira-admins', 'addProjectRoleActorsToRole answers the role with its default actors', withDefault);
    const defaults = await jira.projectRoleActors.getProjectRoleActorsForRole({ id: role.id! });
    t.check(defaults.actors?.[0]?.actorGroup?.name === 'jira-admins', 'default actors are kept on the role', defaults);
    const withoutDefault = await jira.projectRoleActors.deleteProjectRoleActorsFromRole({ id: role.id!, group: 'jira-admins' });
    t.check(withoutDefault.actors?.length === 0, 'deleteProjectRoleActorsFromRole answers the role without them', withoutDefault);
    const none = await jira.projectRoleActors.getProjectRoleActorsForRole({ id: role.id! });
    t.check(none.actors?.length === 0, 'default actors are removed', none);
    const all = await jira.projectRoles.getAllProjectRoles();
    t.check(all.some((r) => r.name === 'Auditors') && all.every((r) => r.scope === undefined), 'getAllProjectRoles lists the new role (site roles carry no scope)', all);
    await jira.projectRoles.deleteProjectRole({ id: role.id!, swap: memberId });
    await t.expectError(() => jira.projectRoles.getProjectRoleById({ id: role.id! }), (e) => e.status === 404, 'a deleted role is gone', { effect: true });
  },
);
