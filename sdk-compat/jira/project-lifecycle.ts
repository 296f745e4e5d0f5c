// jira.js compat: an admin creates a project, reads and searches it, renames its key, trashes and restores it, then deletes it for good.
import { Version2Client, Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'project lifecycle: create, read, search, update key, trash, restore, delete' },
  async (jira, ctx, t, api) => {
    const { email, apiToken } = ctx.credentials;

    const me = await jira.myself.getCurrentUser();
    t.check(me.accountId === ctx.credentials.accountId, 'myself is the owner of the API token');

    const free = await jira.projectKeyAndNameValidation.validateProjectKey({ key: 'OPSX' });
    t.check(Object.keys(free.errors ?? {}).length === 0, 'an unused key validates cleanly', free);

    const created = await jira.projects.createProject({ key: 'OPSX', name: 'Ops Experiments', projectTypeKey: 'software', leadAccountId: me.accountId!, description: 'Scratch space' });
    t.check(created.key === 'OPSX' && typeof created.id === 'number', 'createProject answers ProjectIdentifiers', created);

    const taken = await jira.projectKeyAndNameValidation.validateProjectKey({ key: 'OPSX' });
    t.check(/uses this project key/.test((taken.errors as Record<string, string> | undefined)?.projectKey ?? ''), 'the key is now taken', taken);

    const byKey = await jira.projects.getProject({ projectIdOrKey: 'OPSX' });
    t.check(byKey.description === 'Scratch space' && byKey.lead?.accountId === me.accountId && byKey.self?.includes(`/rest/api/${api}/project/`), 'read back by key', byKey);
    const byId = await jira.projects.getProject({ projectIdOrKey: String(created.id) });
    t.check(byKey.id === byId.id && byId.key === 'OPSX', 'read back by id', byId);

    const found = await jira.projects.searchProjects({ query: 'experiments' });
    t.check(found.values.map((p) => p.key).join() === 'OPSX' && found.total === 1, 'project/search finds it by name', found);

    const statuses = await jira.projects.getAllStatuses({ projectIdOrKey: 'OPSX' });
    t.check(statuses.length === 5 && statuses.every((it) => it.statuses?.length === 3), 'every issue type has the workflow statuses', statuses);

    const issue = await jira.issues.createIssue({ fields: { project: { key: 'OPSX' }, issuetype: { name: 'Task' }, summary: 'Survives a key change' } });
    t.check(issue.key === 'OPSX-1', 'the first issue of a project is number 1', issue);
    const renamed = await jira.projects.updateProject({ projectIdOrKey: 'OPSX', key: 'OPSY', name: 'Ops Experiments Y', leadAccountId: me.accountId! });
    t.check(renamed.key === 'OPSY' && renamed.name === 'Ops Experiments Y', 'updateProject changes key and name', renamed);
    const moved = await jira.issues.getIssue({ issueIdOrKey: issue.key! });
    t.check(moved.key === 'OPSY-1', 'the old issue key resolves to the renamed issue', moved.key);

    await jira.projects.deleteProject({ projectIdOrKey: 'OPSY' });
    await t.expectError(() => jira.projects.getProject({ projectIdOrKey: 'OPSY' }), (e) => e.status === 404 && /No project could be found/.test(e.response?.data?.errorMessages?.[0] ?? ''), 'a trashed project is not found', { effect: true });
    const trash = await jira.projects.searchProjects({ status: ['deleted'] });
    t.check(trash.values.some((p) => p.key === 'OPSY'), 'it is listed among deleted projects', trash);

    // jira.js posts restore without a body, so axios labels it form-encoded, which Jira's XSRF check refuses…
    await t.expectError(() => jira.projects.restore({ projectIdOrKey: 'OPSY' }), (e) => e.status === 403 && /^XSRF check failed/.test(String(e.response?.data)), 'restore without X-Atlassian-Token is refused');
    // …unless the client opts out of the check, as Atlassian documents for non-browser callers.
    const config = { host: ctx.baseUrl, noCheckAtlassianToken: true, authentication: { basic: { email, apiToken } } };
    const noCheck = api === 3 ? t.track(new Version3Client(config), '') : (t.track(new Version2Client(config), 'v2') as unknown as Version3Client);
    const restored = await noCheck.projects.restore({ projectIdOrKey: 'OPSY' });
    t.check(restored.key === 'OPSY', 'restore brings it back', restored);
    const again = await jira.issues.getIssue({ issueIdOrKey: 'OPSY-1' });
    t.check(again.fields.summary === 'Survives a key change', 'its issues come back too', again.fields);

    await jira.projects.deleteProject({ projectIdOrKey: 'OPSY', enableUndo: false });
    const recreated = await jira.projects.createProject({ key: 'OPSY', name: 'Reborn', projectTypeKey: 'business', leadAccountId: me.accountId! });
    t.checkEffect(recreated.key === 'OPSY', 'a permanently deleted key can be used again', recreated);
  },
);
