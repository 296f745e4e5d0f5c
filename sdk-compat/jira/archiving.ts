// jira.js compat: an admin archives issues (by list and by JQL), sees them leave search and refuse edits, restores them, and archives a project.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-archive-put
import { Version2Client, Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'archiving: archive and restore issues, archive by JQL, archive a project' },
  async (jira, ctx, t, api) => {
    const { email, apiToken } = ctx.credentials;
    const search = (jql: string) => jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql, fields: ['summary'] }).then((r) => (r.issues ?? []).map((i) => i.key));

    const parent = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'To archive' } });
    const sub = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Subtask' }, summary: 'Archived with its parent', parent: { key: parent.key } } });
    const archived = await jira.issues.archiveIssues({ issueIdsOrKeys: [parent.key!, sub.key!] });
    t.check(archived.numberOfIssuesUpdated === 1 && archived.errors?.issueIsSubtask?.issueIdsOrKeys?.join() === sub.key, 'a subtask is refused alone (issueIsSubtask) and the parent is archived', archived);

    const hidden = await search(`key in (${parent.key}, ${sub.key})`);
    t.checkEffect(hidden.length === 0, 'archived issues and their subtasks are left out of JQL results', hidden);
    await t.expectError(() => jira.issues.editIssue({ issueIdOrKey: parent.key!, fields: { summary: 'Edited' } }), (e) => e.status === 400, 'an archived issue is read-only', { effect: true });

    // The export's CSV is left on its finished task (Jira mails a link to the file instead).
    const exported = await jira.issues.exportArchivedIssues({ projects: ['ENG'] });
    const csv = String((await jira.tasks.getTask({ taskId: String(exported.taskId) })).result);
    t.checkEffect(csv.includes(`${parent.key},`) && csv.includes(`${sub.key},`), 'exportArchivedIssues lists the archived issue and its subtask', csv);

    const restored = await jira.issues.unarchiveIssues({ issueIdsOrKeys: [parent.key!] });
    t.check(restored.numberOfIssuesUpdated === 1, 'unarchiveIssues restores the issue', restored);
    const back = await search(`key in (${parent.key}, ${sub.key})`);
    t.checkEffect(back.length === 2, 'restored issues and their subtasks come back to search', back);

    const other = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Archived by query' } });
    const url = await jira.issues.archiveIssuesAsync({ jql: `key = ${other.key}` });
    const gone = await search(`key = ${other.key}`);
    t.checkEffect(gone.length === 0, 'issues matched by the query are archived', gone);
    const task = await jira.tasks.getTask({ taskId: String(url).split('/').pop()! });
    t.check(task.status === 'COMPLETE' && /\/task\/\d+$/.test(String(url)), 'archiveIssuesAsync answers the URL of its finished task', { url, task });

    // jira.js posts archiveProject without a body (form-encoded to Jira's XSRF check), so opt out as Atlassian documents.
    const config = { host: ctx.baseUrl, noCheckAtlassianToken: true, authentication: { basic: { email, apiToken } } };
    const noCheck = api === 3 ? t.track(new Version3Client(config), '') : (t.track(new Version2Client(config), 'v2') as unknown as Version3Client);
    const me = await jira.myself.getCurrentUser();
    await jira.projects.createProject({ key: 'ARCH', name: 'Archive me', projectTypeKey: 'business', leadAccountId: me.accountId! });
    const inside = await jira.issues.createIssue({ fields: { project: { key: 'ARCH' }, issuetype: { name: 'Task' }, summary: 'In an archived project' } });
    await noCheck.projects.archiveProject({ projectIdOrKey: 'ARCH' });
    const live = await jira.projects.searchProjects({ keys: ['ARCH'] });
    const issuesLeft = await search(`key = ${inside.key}`);
    t.checkEffect(live.values.length === 0 && issuesLeft.length === 0, 'an archived project leaves project search and its issues leave JQL results', { live, issuesLeft });
  },
);
