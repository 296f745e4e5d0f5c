// Archiving: archived issues are read-only and leave JQL results until restored; subtasks follow their parent; archived projects leave project search.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();
const client = () => env.site.client;
const task = (summary: string, project = 'ENG') => client().issues.createIssue({ fields: { project: { key: project }, issuetype: { name: 'Task' }, summary } });
const found = (key: string) => client().issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key = ${key}`, fields: ['key'] }).then((r) => r.issues!.map((i) => i.key));

describe('issue archiving (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-archive-put)', () => {
  it('archives issues with their subtasks, reports subtasks and unknown issues by kind, and restores them', async () => {
    const parent = await task('Parent');
    const sub = await client().issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Subtask' }, summary: 'Child', parent: { key: parent.key } } });
    const r = await client().issues.archiveIssues({ issueIdsOrKeys: [parent.key!, sub.key!, 'ENG-99999'] });
    expect(r).toEqual({
      numberOfIssuesUpdated: 1,
      errors: {
        issueIsSubtask: { count: 1, issueIdsOrKeys: [sub.key], message: 'Issue is subtask.' },
        issuesNotFound: { count: 1, issueIdsOrKeys: ['ENG-99999'], message: 'Issue not found.' },
      },
    });
    expect(await found(parent.key!)).toEqual([]);
    expect(await found(sub.key!)).toEqual([]);
    const edit = await failure(client().issues.editIssue({ issueIdOrKey: parent.key!, fields: { summary: 'Changed' } }));
    expect(edit.status).toBe(400);
    expect((await client().issues.getIssue({ issueIdOrKey: parent.key! })).fields.summary).toBe('Parent');
    // Read-only through every write path, not only edit.
    const transitions = await client().issues.getTransitions({ issueIdOrKey: parent.key! });
    expect((await failure(client().issues.doTransition({ issueIdOrKey: parent.key!, transition: { id: transitions.transitions![0].id } }))).status).toBe(400);
    expect((await failure(client().issueComments.addComment({ issueIdOrKey: parent.key!, comment: 'late' } as never))).status).toBe(400);
    expect((await failure(client().issueWorklogs.addWorklog({ issueIdOrKey: parent.key!, timeSpentSeconds: 60 }))).status).toBe(400);
    expect((await failure(client().issues.assignIssue({ issueIdOrKey: parent.key!, accountId: null as never }))).status).toBe(400);
    expect((await client().issues.getIssue({ issueIdOrKey: parent.key! })).fields.status.name).toBe('To Do');
    expect((await client().issueComments.getComments({ issueIdOrKey: parent.key! })).total).toBe(0);
    // Archiving again changes nothing.
    expect((await client().issues.archiveIssues({ issueIdsOrKeys: [parent.key!] })).numberOfIssuesUpdated).toBe(0);
    expect(await client().issues.unarchiveIssues({ issueIdsOrKeys: [parent.key!] })).toEqual({ numberOfIssuesUpdated: 1, errors: {} });
    expect(await found(parent.key!)).toEqual([parent.key]);
    expect(await found(sub.key!)).toEqual([sub.key]);
    await client().issues.editIssue({ issueIdOrKey: parent.key!, fields: { summary: 'Changed' } });
    expect((await client().issues.getIssue({ issueIdOrKey: parent.key! })).fields.summary).toBe('Changed');
  });

  it('only administrators archive; the sync body must list issues', async () => {
    const t = await task('Guarded');
    const e = await failure(env.site.as('Priya Shah').issues.archiveIssues({ issueIdsOrKeys: [t.key!] }));
    expect(e.status).toBe(403);
    expect(await found(t.key!)).toEqual([t.key]);
    const bad = await env.site.raw('PUT', '/rest/api/3/issue/archive', { body: JSON.stringify({ issueIdsOrKeys: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
  });

  it('archives by JQL asynchronously and answers the URL of a finished task', async () => {
    const a = await task('Async archive one');
    const b = await task('Async archive two');
    const url = await client().issues.archiveIssuesAsync({ jql: `key in (${a.key}, ${b.key})` });
    expect(url).toMatch(/\/rest\/api\/3\/task\/\d+$/);
    const id = String(url).split('/').pop()!;
    const t = await client().tasks.getTask({ taskId: id });
    expect(t.status).toBe('COMPLETE');
    expect(JSON.parse(String(t.result)).numberOfIssuesUpdated).toBe(2);
    expect(await found(a.key!)).toEqual([]);
    expect(await found(b.key!)).toEqual([]);
  });
});

describe('project archiving (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-archive-post)', () => {
  it('hides the project from search and its issues from JQL; its issues are read-only and cannot be restored alone', async () => {
    await client().projects.createProject({ key: 'ARC', name: 'To archive', projectTypeKey: 'business', leadAccountId: env.site.creds.accountId });
    const t = await task('In archived project', 'ARC');
    expect(await found(t.key!)).toEqual([t.key]);
    const denied = await failure(env.site.as('Priya Shah').projects.archiveProject({ projectIdOrKey: 'ARC' }));
    expect(denied.status).toBe(403);
    const done = await env.site.raw('POST', '/rest/api/3/project/ARC/archive');
    expect(done.status, await done.clone().text()).toBe(204);
    expect((await client().projects.searchProjects({ keys: ['ARC'] })).values.map((p) => p.key)).toEqual([]);
    expect((await client().projects.searchProjects({ keys: ['ARC'], status: ['archived'] } as never)).values.map((p) => p.key)).toEqual(['ARC']);
    expect(await found(t.key!)).toEqual([]);
    expect((await failure(client().issues.editIssue({ issueIdOrKey: t.key!, fields: { summary: 'x' } }))).status).toBe(400);
    const r = await client().issues.unarchiveIssues({ issueIdsOrKeys: [t.key!] });
    expect(r.errors?.issuesInArchivedProjects?.issueIdsOrKeys).toEqual([t.key]);
    expect(r.numberOfIssuesUpdated).toBe(0);
  });
});

describe('archived issue export (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issues-archive-export-put)', () => {
  it('selects archived issues by the filters and leaves the CSV on the finished task', async () => {
    const a = await task('Exported, archived');
    const b = await task('Live, not exported');
    await client().issues.archiveIssues({ issueIdsOrKeys: [a.key!] });
    const r = await client().issues.exportArchivedIssues({ projects: ['ENG'], archivedBy: [env.site.creds.accountId] });
    expect(r.status).toBe('COMPLETE');
    const csv = String((await client().tasks.getTask({ taskId: r.taskId! })).result);
    expect(csv.split('\n')[0]).toBe('Issue key,Summary,Project key,Archived by,Archived date');
    expect(csv).toContain(`${a.key},"Exported, archived",ENG,${env.site.creds.accountId},`);
    expect(csv).not.toContain(b.key!);
    const none = await client().issues.exportArchivedIssues({ projects: ['NOPE'] });
    expect(String((await client().tasks.getTask({ taskId: none.taskId! })).result).split('\n')).toHaveLength(1);
    expect((await failure(env.site.as('Priya Shah').issues.exportArchivedIssues({}))).status).toBe(403);
  });
});
