// Permission schemes enforced: browse decides whether an issue exists for a caller (404), the other project permissions refuse the operation (403), search hides what cannot be browsed.
import { describe, expect, it } from 'vitest';
import { adf, failure, useSite } from './helpers.js';

const env = useSite();

/** A scheme granting each listed permission to the given holders, assigned to a project; returns its id. */
async function restrict(projectKey: string, grants: Record<string, Array<{ type: string; parameter?: string }>>): Promise<number> {
  const permissions = Object.entries(grants).flatMap(([permission, holders]) => holders.map((holder) => ({ permission, holder })));
  const scheme = await env.site.client.permissionSchemes.createPermissionScheme({ name: `Restricted ${projectKey}`, permissions });
  await env.site.client.projectPermissionSchemes.assignPermissionScheme({ projectKeyOrId: projectKey, id: scheme.id! });
  return scheme.id!;
}

const adminsRole = { type: 'projectRole', parameter: '10002' };
const everyone = { type: 'applicationRole' };

describe('permission enforcement', () => {
  it('hides issues and projects a user cannot browse: 404 as if they did not exist, and absent from search', async () => {
    const issue = await env.site.client.issues.createIssue({ fields: { project: { key: 'MKT' }, summary: 'Secret plan', issuetype: { name: 'Task' } } });
    const priya = env.site.as('Priya Shah');
    expect((await priya.issues.getIssue({ issueIdOrKey: issue.key })).key).toBe(issue.key);
    // Only MKT's Administrators (its lead, Sam) may browse from now on.
    await restrict('MKT', { BROWSE_PROJECTS: [adminsRole], CREATE_ISSUES: [adminsRole] });
    const hidden = await failure(priya.issues.getIssue({ issueIdOrKey: issue.key }));
    expect(hidden.status).toBe(404);
    expect(hidden.data.errorMessages).toEqual(['Issue does not exist or you do not have permission to see it.']);
    expect((await failure(priya.issueComments.getComments({ issueIdOrKey: issue.key }))).status).toBe(404);
    expect((await failure(priya.projects.getProject({ projectIdOrKey: 'MKT' }))).status).toBe(404);
    const found = await priya.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'summary ~ "Secret plan"', fields: ['summary'] });
    expect(found.issues ?? []).toHaveLength(0);
    // Creating in a project one cannot browse is refused as an unknown project.
    const create = await failure(priya.issues.createIssue({ fields: { project: { key: 'MKT' }, summary: 'x', issuetype: { name: 'Task' } } }));
    expect([create.status, Object.keys(create.data.errors)]).toEqual([400, ['project']]);
    // The lead still sees it all.
    const sam = env.site.as('Sam Rivera');
    expect((await sam.issues.getIssue({ issueIdOrKey: issue.key })).key).toBe(issue.key);
    expect((await sam.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'summary ~ "Secret plan"', fields: ['summary'] })).issues).toHaveLength(1);
  });

  it('refuses edit, comment, assign, delete and create with 403 to a user who can browse but lacks the permission', async () => {
    const issue = await env.site.client.issues.createIssue({ fields: { project: { key: 'MKT' }, summary: 'Read only for most', issuetype: { name: 'Task' } } });
    await restrict('MKT', { BROWSE_PROJECTS: [everyone], EDIT_ISSUES: [adminsRole], ADD_COMMENTS: [adminsRole], ASSIGN_ISSUES: [adminsRole], DELETE_ISSUES: [adminsRole], CREATE_ISSUES: [adminsRole], TRANSITION_ISSUES: [adminsRole] });
    const priya = env.site.as('Priya Shah');
    const cases: Array<[string, Promise<unknown>, string]> = [
      ['edit', priya.issues.editIssue({ issueIdOrKey: issue.key, fields: { summary: 'changed' } }), 'You do not have permission to edit issues in this project.'],
      ['comment', priya.issueComments.addComment({ issueIdOrKey: issue.key, comment: adf('hi') }), 'You do not have the permission to comment on this issue.'],
      ['assign', priya.issues.assignIssue({ issueIdOrKey: issue.key, accountId: null as unknown as string }), 'You do not have permission to assign issues in this project.'],
      ['delete', priya.issues.deleteIssue({ issueIdOrKey: issue.key }), 'You do not have permission to delete issues in this project.'],
      ['create', priya.issues.createIssue({ fields: { project: { key: 'MKT' }, summary: 'x', issuetype: { name: 'Task' } } }), 'You do not have permission to create issues in this project.'],
    ];
    for (const [name, call, message] of cases) {
      const f = await failure(call);
      expect([name, f.status, f.data.errorMessages]).toEqual([name, 403, [message]]);
    }
    // Without Transition Issues no transition is offered, and performing one is refused as unavailable.
    expect((await priya.issues.getTransitions({ issueIdOrKey: issue.key })).transitions).toEqual([]);
    const own = await env.site.as('Sam Rivera').issues.getTransitions({ issueIdOrKey: issue.key });
    expect(own.transitions!.length).toBeGreaterThan(0);
    expect((await failure(priya.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: own.transitions![0].id! } }))).status).toBe(400);
    const after = await env.site.client.issues.getIssue({ issueIdOrKey: issue.key, fields: ['summary'] });
    expect(after.fields.summary).toBe('Read only for most');
  });

  it('computes mypermissions and permissions/check from the same grants that are enforced', async () => {
    await restrict('MKT', { BROWSE_PROJECTS: [everyone], ADD_COMMENTS: [{ type: 'group', parameter: 'marketing' }] });
    const held = async (name: string) => {
      const r = await env.site.as(name).permissions.getMyPermissions({ projectKey: 'MKT', permissions: 'ADD_COMMENTS,BROWSE_PROJECTS' });
      const map = r.permissions as Record<string, { havePermission: boolean }>;
      return [map.BROWSE_PROJECTS.havePermission, map.ADD_COMMENTS.havePermission];
    };
    expect(await held('Priya Shah')).toEqual([true, false]);
    expect(await held('Sam Rivera')).toEqual([true, true]);
    const priya = env.site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    const check = await env.site.client.permissions.getBulkPermissions({ accountId: priya.accountId, projectPermissions: [{ permissions: ['ADD_COMMENTS'], projects: [Number((await env.site.client.projects.getProject({ projectIdOrKey: 'MKT' })).id)] }] });
    expect(check.projectPermissions).toEqual([{ permission: 'ADD_COMMENTS', projects: [], issues: [] }]);
  });

  it('issue security levels: only a level’s members see an issue set to it', async () => {
    const jira = env.site.client;
    expect((await failure(jira.projectPermissionSchemes.getProjectIssueSecurityScheme({ projectKeyOrId: 'MOB' }))).status).toBe(404);
    expect((await jira.projectPermissionSchemes.getSecurityLevelsForProject({ projectKeyOrId: 'MOB' })).levels).toEqual([]);
    const { id } = await jira.issueSecuritySchemes.createIssueSecurityScheme({ name: 'Mobile secrets', levels: [{ name: 'Staff', description: 'Engineering and the reporter', members: [{ type: 'group', parameter: 'engineering' }, { type: 'reporter' }] }] });
    const mob = await jira.projects.getProject({ projectIdOrKey: 'MOB' });
    await env.site.raw('PUT', '/rest/api/3/issuesecurityschemes/project', { body: JSON.stringify({ projectId: mob.id, schemeId: String(id) }), headers: { 'content-type': 'application/json' } });
    const scheme = await jira.projectPermissionSchemes.getProjectIssueSecurityScheme({ projectKeyOrId: 'MOB' });
    const staff = scheme.levels!.find((l) => l.name === 'Staff')!;
    expect((await jira.issueSecurityLevel.getIssueSecurityLevel({ id: staff.id! })).name).toBe('Staff');
    expect((await failure(jira.issueSecurityLevel.getIssueSecurityLevel({ id: '99999999' }))).status).toBe(404);
    // Priya leads MOB (an Administrator there, so she holds Set Issue Security) and is in engineering.
    const priya = env.site.as('Priya Shah');
    expect((await priya.projectPermissionSchemes.getSecurityLevelsForProject({ projectKeyOrId: 'MOB' })).levels?.map((l) => l.name)).toEqual(['Staff']);
    const secret = await priya.issues.createIssue({ fields: { project: { key: 'MOB' }, summary: 'Embargoed fix', issuetype: { name: 'Task' }, security: { id: staff.id } } });
    expect((await env.site.as('Jordan Lee').issues.getIssue({ issueIdOrKey: secret.key, fields: ['security'] })).fields.security?.name).toBe('Staff');
    const sam = env.site.as('Sam Rivera');
    expect((await sam.projectPermissionSchemes.getSecurityLevelsForProject({ projectKeyOrId: 'MOB' })).levels).toEqual([]);
    expect((await failure(sam.issues.getIssue({ issueIdOrKey: secret.key }))).status).toBe(404);
    expect((await sam.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = MOB AND summary ~ "Embargoed"', fields: ['summary'] })).issues ?? []).toHaveLength(0);
    // Jordan may see it but not set levels (Set Issue Security is the Administrators' in the default scheme).
    const set = await failure(env.site.as('Jordan Lee').issues.editIssue({ issueIdOrKey: secret.key, fields: { security: null } as never }));
    expect([set.status, Object.keys(set.data.errors)]).toEqual([400, ['security']]);
    await priya.issues.editIssue({ issueIdOrKey: secret.key, fields: { security: null } as never });
    expect((await sam.issues.getIssue({ issueIdOrKey: secret.key })).key).toBe(secret.key);
  });
});
