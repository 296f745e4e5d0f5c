// Project roles through jira.js: the role map of a project, actors by user and group, who may change them, and the site role catalogue.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
});

const user = (name: string) => site.creds.users.find((u) => u.displayName === name)!;
const roleId = (url: string) => Number(/\/role\/(\d+)$/.exec(url)![1]);

describe('project roles', () => {
  it('a project lists its roles as name → URL, and its lead holds Administrators', async () => {
    const roles = await site.client.projectRoles.getProjectRoles({ projectIdOrKey: 'MOB' });
    expect(Object.keys(roles)).toEqual(expect.arrayContaining(['Administrators', 'Member', 'Viewer']));
    const admins = await site.client.projectRoles.getProjectRole({ projectIdOrKey: 'MOB', id: roleId(roles.Administrators!) });
    expect(admins.name).toBe('Administrators');
    expect(admins.actors?.map((a) => a.actorUser?.accountId)).toEqual([user('Priya Shah').accountId]);
    const mine = await site.as('Priya Shah').projectRoles.getProjectRoleDetails({ projectIdOrKey: 'MOB', currentMember: true });
    expect(mine.map((r) => r.name)).toEqual(['Administrators']);
  });

  it('actors are added by account id and group, removed again, and only project administrators may change them', async () => {
    const id = 10004;
    const jordan = user('Jordan Lee').accountId;
    const denied = await failure(site.as('Jordan Lee').projectRoleActors.addActorUsers({ projectIdOrKey: 'MOB', id, user: [jordan] }));
    expect(denied.status).toBe(403);
    const added = await site.as('Priya Shah').projectRoleActors.addActorUsers({ projectIdOrKey: 'MOB', id, user: [jordan], group: ['engineering'] });
    expect(added.actors?.map((a) => a.type).sort()).toEqual(['atlassian-group-role-actor', 'atlassian-user-role-actor']);
    expect(added.actors?.find((a) => a.actorGroup)?.actorGroup?.name).toBe('engineering');
    const forJordan = await site.as('Jordan Lee').projectRoles.getProjectRoleDetails({ projectIdOrKey: 'MOB', currentMember: true });
    expect(forJordan.map((r) => r.name)).toEqual(['Member']);
    await site.client.projectRoleActors.deleteActor({ projectIdOrKey: 'MOB', id, user: jordan });
    const after = await site.client.projectRoles.getProjectRole({ projectIdOrKey: 'MOB', id });
    expect(after.actors?.map((a) => a.displayName)).toEqual(['engineering']);
    const bad = await failure(site.client.projectRoleActors.addActorUsers({ projectIdOrKey: 'MOB', id, user: ['nobody'] }));
    expect(bad.status).toBe(400);
  });

  it('the site catalogue: create, rename, default actors, delete; admins only', async () => {
    expect((await failure(site.as('Priya Shah').projectRoles.getAllProjectRoles())).status).toBe(403);
    const made = await site.client.projectRoles.createProjectRole({ name: 'Reviewers', description: 'Review code' });
    expect((await failure(site.client.projectRoles.createProjectRole({ name: 'reviewers' }))).status).toBe(409);
    await site.client.projectRoles.partialUpdateProjectRole({ id: made.id!, name: 'Code reviewers' });
    expect((await site.client.projectRoles.getProjectRoleById({ id: made.id! })).name).toBe('Code reviewers');
    await site.client.projectRoleActors.addProjectRoleActorsToRole({ id: made.id!, group: ['engineering'] });
    const defaults = await site.client.projectRoleActors.getProjectRoleActorsForRole({ id: made.id! });
    expect(defaults.actors?.map((a) => a.displayName)).toEqual(['engineering']);
    // A project made afterwards starts with the role's default actors.
    await site.client.projects.createProject({ key: 'REV', name: 'Review', projectTypeKey: 'software', leadAccountId: site.creds.accountId });
    const inNew = await site.client.projectRoles.getProjectRole({ projectIdOrKey: 'REV', id: made.id! });
    expect(inNew.actors?.map((a) => a.displayName)).toEqual(['engineering']);
    await site.client.projectRoles.deleteProjectRole({ id: made.id! });
    expect(Object.keys(await site.client.projectRoles.getProjectRoles({ projectIdOrKey: 'REV' }))).not.toContain('Code reviewers');
    expect((await failure(site.client.projectRoles.getProjectRole({ projectIdOrKey: 'REV', id: made.id! }))).status).toBe(404);
  });
});
