// Projects and users through jira.js: admin rights, key rules, search paging, trash on delete, key changes; user lookups and searches.
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

const create = (key: string, name = `Project ${key}`) =>
  site.client.projects.createProject({ key, name, projectTypeKey: 'business', leadAccountId: site.creds.accountId });

describe('projects', () => {
  it('only administrators create projects ("You must have global administrator rights…")', async () => {
    const e = await failure(site.as('Priya Shah').projects.createProject({ key: 'PRI', name: 'Priya', projectTypeKey: 'software', leadAccountId: site.creds.accountId }));
    expect(e.status).toBe(403);
    expect(e.data.errorMessages).toEqual(['You must have global administrator rights in order to modify projects.']);
  });

  it('project keys follow Jira’s rules, and name and lead are checked too', async () => {
    const lower = await failure(create('ab'));
    expect(lower.data.errors.projectKey).toBe('Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.');
    const long = await failure(create('ABCDEFGHIJK'));
    expect(long.data.errors.projectKey).toBe('The project key must not exceed 10 characters in length.');
    const dupName = await failure(create('NEWKEY', 'Engineering Platform'));
    expect(dupName.data.errors).toEqual({ projectName: 'A project with that name already exists.' });
    const noLead = await failure(site.client.projects.createProject({ key: 'NOLEAD', name: 'No lead', projectTypeKey: 'software' } as any));
    expect(noLead.data.errors).toEqual({ projectLead: 'You must specify a valid project lead.' });
    const v = await site.client.projectKeyAndNameValidation.validateProjectKey({ key: 'ENG' });
    expect(v).toEqual({ errorMessages: [], errors: { projectKey: "Project 'Engineering Platform' uses this project key." } });
  });

  it('project/search pages with startAt/maxResults/total/isLast and filters by query and type', async () => {
    const first = await site.client.projects.searchProjects({ maxResults: 2 });
    expect(first.total).toBe(3);
    expect(first.isLast).toBe(false);
    expect(first.values.map((p) => p.key)).toEqual(['ENG', 'MKT']);
    expect((first as any).nextPage).toContain('startAt=2');
    const second = await site.client.projects.searchProjects({ startAt: 2, maxResults: 2 });
    expect(second.values.map((p) => p.key)).toEqual(['MOB']);
    expect(second.isLast).toBe(true);
    expect((await site.client.projects.searchProjects({ query: 'mobile' })).values.map((p) => p.key)).toEqual(['MOB']);
    expect((await site.client.projects.searchProjects({ typeKey: 'business' })).values.map((p) => p.key)).toEqual(['MKT']);
    expect((await site.client.projects.searchProjects({ orderBy: '-name' })).values.map((p) => p.name)).toEqual(['Mobile App', 'Marketing Operations', 'Engineering Platform']);
  });

  it('deleting moves a project to the trash: gone from reads and search, key still reserved', async () => {
    await create('TRASH');
    await site.client.issues.createIssue({ fields: { project: { key: 'TRASH' }, issuetype: { name: 'Task' }, summary: 'doomed' } });
    await site.client.projects.deleteProject({ projectIdOrKey: 'TRASH' });
    const e = await failure(site.client.projects.getProject({ projectIdOrKey: 'TRASH' }));
    expect(e.status).toBe(404);
    expect(e.data.errorMessages).toEqual(["No project could be found with key 'TRASH'."]);
    expect((await failure(site.client.issues.getIssue({ issueIdOrKey: 'TRASH-1' }))).status).toBe(404);
    const deleted = await site.client.projects.searchProjects({ status: ['deleted'] });
    expect(deleted.values.map((p) => p.key)).toEqual(['TRASH']);
    expect((await failure(create('TRASH', 'Another'))).data.errors.projectKey).toBe("Project 'Project TRASH' uses this project key.");
  });

  it('deleting with enableUndo=false frees the key at once', async () => {
    await create('GONE');
    await site.client.projects.deleteProject({ projectIdOrKey: 'GONE', enableUndo: false });
    expect((await create('GONE', 'Gone again')).key).toBe('GONE');
  });

  it('changing a project key renames its issues; old issue keys keep resolving', async () => {
    await site.client.projects.updateProject({ projectIdOrKey: 'MOB', key: 'APP', name: 'Apps', leadAccountId: site.creds.accountId });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: 'MOB-1' });
    expect(issue.key).toBe('APP-1');
    expect(issue.fields.project?.name).toBe('Apps');
    const found = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = APP ORDER BY key', fields: ['key'] });
    expect(found.issues!.map((i) => i.key)).toEqual(['APP-1', 'APP-2']);
    const next = await site.client.issues.createIssue({ fields: { project: { key: 'APP' }, issuetype: { name: 'Task' }, summary: 'numbering continues' } });
    expect(next.key).toBe('APP-3');
  });

  it('lists the statuses each issue type of a project can have', async () => {
    const types = await site.client.projects.getAllStatuses({ projectIdOrKey: 'MKT' });
    expect(types.map((t) => t.name)).toEqual(['Task', 'Subtask']);
    expect(types[0].statuses?.map((s) => s.name)).toEqual(['To Do', 'In Progress', 'Done']);
  });
});

describe('users', () => {
  it('finds users by name or email prefix and reads one by account id', async () => {
    const found = await site.client.userSearch.findUsers({ query: 'pri' });
    expect(found.map((u) => u.displayName)).toEqual(['Priya Shah']);
    const byEmail = await site.client.userSearch.findUsers({ query: 'jordan.lee@' });
    expect(byEmail.map((u) => u.displayName)).toEqual(['Jordan Lee']);
    const u = await site.client.users.getUser({ accountId: found[0].accountId!, expand: 'groups' });
    expect(u.groups?.items?.map((g) => g.name)).toContain('engineering');
    const e = await failure(site.client.users.getUser({ accountId: 'no-such-account' }));
    expect(e.status).toBe(404);
  });

  it('assignable-user search excludes inactive accounts', async () => {
    const all = await site.client.users.getAllUsers({});
    expect(all.map((u) => u.displayName)).toContain('Casey Former');
    const assignable = await site.client.userSearch.findAssignableUsers({ project: 'ENG' });
    expect(assignable.map((u) => u.displayName)).not.toContain('Casey Former');
    expect(assignable.length).toBe(4);
  });
});
