// Project components and versions through jira.js: CRUD with Jira's messages, the issue fields that use them, their JQL clauses, and deletes that move issues.
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

const priya = () => site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
const keys = async (jql: string) =>
  ((await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['key'] })).issues ?? []).map((i) => i.key).sort();
const engId = async () => Number((await site.client.projects.getProject({ projectIdOrKey: 'ENG' })).id);
const newIssue = (fields: Record<string, unknown>) =>
  site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'x', ...fields } as any });

describe('components (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-components/)', () => {
  it('creates, reads, updates and lists components; the lead can be the default assignee', async () => {
    const c = await site.client.projectComponents.createComponent({ project: 'ENG', name: 'API', description: 'Public API', leadAccountId: priya().accountId, assigneeType: 'COMPONENT_LEAD' });
    expect(c).toMatchObject({ self: `${site.host}/rest/api/3/component/${c.id}`, name: 'API', description: 'Public API', assigneeType: 'COMPONENT_LEAD', realAssigneeType: 'COMPONENT_LEAD', isAssigneeTypeValid: true, project: 'ENG' });
    expect(c.lead?.accountId).toBe(priya().accountId);
    expect(typeof c.projectId).toBe('number');
    await site.client.projectComponents.createComponent({ project: 'ENG', name: 'CI' });
    const updated = await site.client.projectComponents.updateComponent({ id: c.id!, name: 'Public API' });
    expect(updated.name).toBe('Public API');
    expect((await site.client.projectComponents.getProjectComponents({ projectIdOrKey: 'ENG' })).map((x) => x.name)).toEqual(['CI', 'Public API']);
    const { key } = await newIssue({ components: [{ name: 'Public API' }] });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: key!, fields: ['components', 'assignee'] });
    expect(issue.fields.components).toEqual([{ self: c.self, id: c.id, name: 'Public API', description: 'Public API' }]);
    expect(issue.fields.assignee?.accountId).toBe(priya().accountId);
    const page = await site.client.projectComponents.getProjectComponentsPaginated({ projectIdOrKey: 'ENG', orderBy: '-issueCount' });
    expect(page.values?.map((x) => [x.name, x.issueCount])).toEqual([['Public API', 1], ['CI', 0]]);
    expect((await site.client.projectComponents.getComponentRelatedIssues({ id: c.id! })).issueCount).toBe(1);
  });

  it('refuses a missing name, a duplicate, an unknown project or lead, and non-administrators, in Jira’s words', async () => {
    await site.client.projectComponents.createComponent({ project: 'ENG', name: 'Sausages' });
    expect(await failure(site.client.projectComponents.createComponent({ project: 'ENG', name: 'Sausages' }))).toEqual({ status: 400, data: { errorMessages: [], errors: { name: 'A component with the name Sausages already exists in this project.' } } });
    expect((await failure(site.client.projectComponents.createComponent({ project: 'ENG', name: ' ' }))).data.errors.name).toBe('The component name specified is invalid - cannot be an empty string.');
    expect(await failure(site.client.projectComponents.createComponent({ name: 'X' }))).toEqual({ status: 400, data: { errorMessages: ['A project id must be specified for this operation.'], errors: {} } });
    expect((await failure(site.client.projectComponents.createComponent({ project: 'BAD', name: 'X' }))).data.errorMessages).toEqual(["No project could be found with key 'BAD'."]);
    expect((await failure(site.client.projectComponents.createComponent({ project: 'ENG', name: 'X', leadAccountId: 'nobody' }))).data.errors).toEqual({ leadAccountId: 'The user nobody does not exist.', componentLead: 'The user nobody does not exist.' });
    expect(await failure(site.as('Priya Shah').projectComponents.createComponent({ project: 'ENG', name: 'Mine' }))).toEqual({ status: 403, data: { errorMessages: ['You cannot edit the configuration of this project.'], errors: {} } });
    expect(await failure(site.client.projectComponents.getComponent({ id: '123' }))).toEqual({ status: 404, data: { errorMessages: ['The component with id 123 does not exist.'], errors: {} } });
  });

  it('issue fields validate components; JQL finds issues by component; deleting moves issues to a replacement', async () => {
    const api = await site.client.projectComponents.createComponent({ project: 'ENG', name: 'API' });
    const ui = await site.client.projectComponents.createComponent({ project: 'ENG', name: 'UI' });
    await site.client.projectComponents.createComponent({ project: 'MOB', name: 'Shell' });
    expect((await failure(newIssue({ components: [{ name: 'Shell' }] }))).data.errors).toEqual({ components: "Component name 'Shell' is not valid" });
    expect((await failure(newIssue({ components: [{ id: '99999' }] }))).data.errors).toEqual({ components: "Component id '99999' is not valid" });
    expect((await failure(newIssue({ components: { name: 'API' } }))).data.errors).toEqual({ components: 'data was not an array' });
    const a = await newIssue({ components: [{ id: api.id }] });
    const b = await newIssue({});
    await site.client.issues.editIssue({ issueIdOrKey: b.key!, update: { components: [{ add: { name: 'UI' } }] } });
    expect(await keys('project = ENG AND component = API')).toEqual([a.key]);
    expect(await keys('project = ENG AND component in (API, UI)')).toEqual([a.key, b.key].sort());
    expect((await keys('project = ENG AND component is EMPTY')).includes(a.key!)).toBe(false);
    expect((await failure(site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'component = Nope' }))).data.errorMessages).toEqual(["The value 'Nope' does not exist for the field 'component'."]);
    await site.client.projectComponents.deleteComponent({ id: api.id!, moveIssuesTo: ui.id });
    expect(await keys('project = ENG AND component = UI')).toEqual([a.key, b.key].sort());
    const changes = await site.client.issues.getChangeLogs({ issueIdOrKey: a.key! });
    expect(changes.values!.flatMap((g) => g.items ?? []).filter((i) => i.field === 'Component').map((i) => [i.fromString, i.toString])).toEqual([['API', null], [null, 'UI']]);
  });
});

describe('versions (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/)', () => {
  it('creates, releases, orders and lists versions; the project bean includes them', async () => {
    const p = await site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const v1 = await site.client.projectVersions.createVersion({ projectId: Number(p.id), name: '1.0', releaseDate: '2020-01-15', description: 'First' });
    expect(v1).toMatchObject({ self: `${site.host}/rest/api/3/version/${v1.id}`, name: '1.0', description: 'First', archived: false, released: false, releaseDate: '2020-01-15', userReleaseDate: '15/Jan/2020', overdue: true, projectId: Number(p.id) });
    const v2 = await site.client.projectVersions.createVersion({ projectId: await engId(), name: '2.0' });
    const released = await site.client.projectVersions.updateVersion({ id: v1.id!, released: true });
    expect([released.released, released.overdue]).toEqual([true, false]);
    await site.client.projectVersions.moveVersion({ id: v2.id!, position: 'First' });
    expect((await site.client.projectVersions.getProjectVersions({ projectIdOrKey: 'ENG' })).map((x) => x.name)).toEqual(['2.0', '1.0']);
    expect((await site.client.projects.getProject({ projectIdOrKey: 'ENG' })).versions?.map((x) => x.name)).toEqual(['2.0', '1.0']);
    const page = await site.client.projectVersions.getProjectVersionsPaginated({ projectIdOrKey: 'ENG', status: 'released' });
    expect(page.values?.map((x) => x.name)).toEqual(['1.0']);
  });

  it('refuses duplicates and unknown projects, and answers missing versions in Jira’s words', async () => {
    await site.client.projectVersions.createVersion({ projectId: await engId(), name: '1.0' });
    expect(await failure(site.client.projectVersions.createVersion({ projectId: await engId(), name: '1.0' }))).toEqual({ status: 400, data: { errorMessages: [], errors: { name: 'A version with this name already exists in this project.' } } });
    expect((await failure(site.client.projectVersions.createVersion({ projectId: 99999, name: '1.0' }))).data.errorMessages).toEqual(["Project with id '99999' either does not exist or you do not have permission to create versions in it."]);
    expect(await failure(site.client.projectVersions.getVersion({ id: '4242' }))).toEqual({ status: 404, data: { errorMessages: ["Could not find version for id '4242'"], errors: {} } });
    expect((await failure(site.as('Priya Shah').projectVersions.createVersion({ projectId: await engId(), name: '9' }))).status).toBe(403);
  });

  it('fixVersions/versions on issues, JQL with version functions, and delete-and-replace moving issues', async () => {
    const old = await site.client.projectVersions.createVersion({ projectId: await engId(), name: '1.0', released: true });
    const next = await site.client.projectVersions.createVersion({ projectId: await engId(), name: '1.1' });
    const archived = await site.client.projectVersions.createVersion({ projectId: await engId(), name: '0.9', archived: true });
    expect((await failure(newIssue({ fixVersions: [{ name: '0.9' }] }))).data.errors).toEqual({ fixVersions: "Version name '0.9' is not valid" });
    const a = await newIssue({ fixVersions: [{ name: '1.0' }], versions: [{ id: old.id }] });
    const b = await newIssue({ fixVersions: [{ id: next.id }] });
    const got = await site.client.issues.getIssue({ issueIdOrKey: a.key!, fields: ['fixVersions', 'versions'] });
    expect(got.fields.fixVersions?.map((x) => x.name)).toEqual(['1.0']);
    expect(got.fields.versions?.[0]).toEqual({ self: old.self, id: old.id, name: '1.0', archived: false, released: true });
    expect(await keys('fixVersion = "1.1"')).toEqual([b.key]);
    const ordered = await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = ENG AND fixVersion is not EMPTY ORDER BY fixVersion DESC', fields: ['key'] });
    expect(ordered.issues?.map((i) => i.key)).toEqual([b.key, a.key]); // 1.1 comes after 1.0 in the release order
    expect(await keys('fixVersion in releasedVersions(ENG)')).toEqual([a.key]);
    expect(await keys('fixVersion in unreleasedVersions()')).toEqual([b.key]);
    expect(await keys('affectedVersion = latestReleasedVersion(ENG)')).toEqual([a.key]);
    const counts = await site.client.projectVersions.getVersionRelatedIssues({ id: old.id! });
    expect([counts.issuesFixedCount, counts.issuesAffectedCount]).toEqual([1, 1]);
    expect((await failure(site.client.projectVersions.deleteAndReplaceVersion({ id: old.id!, moveFixIssuesTo: Number(old.id) }))).data.errorMessages).toEqual(['You cannot move the issues to the version being deleted.']);
    await site.client.projectVersions.deleteAndReplaceVersion({ id: old.id!, moveFixIssuesTo: Number(next.id) });
    expect(await keys('fixVersion = "1.1"')).toEqual([a.key, b.key].sort());
    const after = await site.client.issues.getIssue({ issueIdOrKey: a.key!, fields: ['versions'] });
    expect(after.fields.versions).toEqual([]);
    expect(archived.archived).toBe(true);
  });
});
