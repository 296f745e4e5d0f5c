// Issue behaviour through jira.js: edits with fields/update, history, sub-tasks, assignment, workflows, watchers, votes, work logs, links, bulk create.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adf, failure, startJira, type Site } from './helpers.js';

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
const task = async (summary: string, extra: Record<string, unknown> = {}) =>
  site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary, ...extra } as any });

describe('editing issues', () => {
  it('PUT with fields and update operations (labels add/remove, summary set) changes only what was asked and records history', async () => {
    const { key } = await task('Original', { labels: ['a', 'b'] });
    await site.client.issues.editIssue({
      issueIdOrKey: key!,
      fields: { priority: { name: 'Low' } },
      update: { labels: [{ add: 'c' }, { remove: 'a' }], summary: [{ set: 'Renamed' }] },
    });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: key! });
    expect(issue.fields.summary).toBe('Renamed');
    expect(issue.fields.labels).toEqual(['b', 'c']);
    expect(issue.fields.priority?.name).toBe('Low');
    const log = await site.client.issues.getChangeLogs({ issueIdOrKey: key! });
    const items = log.values!.flatMap((g) => g.items!.map((i) => [i.field, i.fromString, i.toString]));
    expect(items).toEqual(expect.arrayContaining([['summary', 'Original', 'Renamed'], ['labels', 'a b', 'b c'], ['priority', 'Medium', 'Low']]));
  });

  it('each accepted edit adds one change group to the history; a refused edit leaves the history and the fields as they were', async () => {
    const { key } = await task('v0');
    for (let i = 1; i <= 5; i++) await site.client.issues.editIssue({ issueIdOrKey: key!, fields: { summary: `v${i}` } });
    const before = await site.client.issues.getChangeLogs({ issueIdOrKey: key! });
    expect(before.values!.map((g) => g.items![0].toString)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
    await failure(site.client.issues.editIssue({ issueIdOrKey: key!, fields: { summary: 'v6', priority: { name: 'No such priority' } } }));
    const after = await site.client.issues.getChangeLogs({ issueIdOrKey: key! });
    expect(after.values).toEqual(before.values);
    expect((await site.client.issues.getIssue({ issueIdOrKey: key! })).fields.summary).toBe('v5');
  });

  it('update.comment add creates a comment; unknown fields are rejected without changing anything', async () => {
    const { key } = await task('With comment');
    await site.client.issues.editIssue({ issueIdOrKey: key!, update: { comment: [{ add: { body: adf('via update') } }] } as any });
    expect((await site.client.issueComments.getComments({ issueIdOrKey: key! })).total).toBe(1);
    const e = await failure(site.client.issues.editIssue({ issueIdOrKey: key!, fields: { summary: 'changed', customfield_99999: 'x' } as any }));
    expect(e.status).toBe(400);
    expect(e.data.errors).toEqual({ customfield_99999: "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown." });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key! })).fields.summary).toBe('With comment');
  });

  it('labels with spaces and over-long summaries are refused per field', async () => {
    const e = await failure(task('x'.repeat(256), { labels: ['has space'] }));
    expect(e.data.errors).toEqual({ summary: 'Summary must be less than 255 characters.', labels: "The label 'has space' contains spaces which is invalid." });
  });

  it('assigns, unassigns and refuses inactive users', async () => {
    const { key } = await task('Assign me');
    await site.client.issues.assignIssue({ issueIdOrKey: key!, accountId: user('Priya Shah').accountId });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key! })).fields.assignee?.displayName).toBe('Priya Shah');
    expect(await site.client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key = ${key} AND assignee = "${user('Priya Shah').accountId}"`, fields: ['key'] }).then((r) => r.issues!.length)).toBe(1);
    await site.client.issues.assignIssue({ issueIdOrKey: key!, accountId: null as any });
    expect((await site.client.issues.getIssue({ issueIdOrKey: key! })).fields.assignee).toBeNull();
    const e = await failure(site.client.issues.assignIssue({ issueIdOrKey: key!, accountId: user('Casey Former').accountId }));
    expect(e.data.errors).toEqual({ assignee: 'Specify a valid value for assignee' });
  });

  it('sub-tasks need a parent, and deleting a parent needs deleteSubtasks=true', async () => {
    const parent = await task('Parent');
    const orphan = await failure(site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Subtask' }, summary: 'Orphan' } }));
    expect(orphan.data.errors.parent).toBeDefined();
    const sub = await site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Subtask' }, summary: 'Child', parent: { key: parent.key } } });
    expect((await site.client.issues.getIssue({ issueIdOrKey: parent.key! })).fields.subtasks?.map((s) => s.key)).toEqual([sub.key]);
    const e = await failure(site.client.issues.deleteIssue({ issueIdOrKey: parent.key! }));
    expect(e.status).toBe(400);
    expect(e.data.errorMessages).toEqual([`The issue '${parent.key}' has subtasks.  You must specify the 'deleteSubtasks' parameter to delete this issue and all its subtasks.`]);
    await site.client.issues.deleteIssue({ issueIdOrKey: parent.key!, deleteSubtasks: true });
    expect((await failure(site.client.issues.getIssue({ issueIdOrKey: sub.key! }))).status).toBe(404);
    const next = await task('After delete');
    expect(Number(next.key!.split('-')[1])).toBeGreaterThan(Number(sub.key!.split('-')[1]));
  });

  it('business workflows only offer transitions from the current status', async () => {
    const issue = await site.client.issues.createIssue({ fields: { project: { key: 'MKT' }, issuetype: { name: 'Task' }, summary: 'Campaign' } });
    const names = async () => (await site.client.issues.getTransitions({ issueIdOrKey: issue.key! })).transitions!.map((t) => t.name);
    expect(await names()).toEqual(['Start progress']);
    await site.client.issues.doTransition({ issueIdOrKey: issue.key!, transition: { id: '11' } });
    expect(await names()).toEqual(['Done', 'Stop progress']);
    await site.client.issues.doTransition({
      issueIdOrKey: issue.key!,
      transition: { id: '21' },
      fields: { resolution: { name: "Won't Do" } },
      update: { comment: [{ add: { body: adf('Dropped') } }] },
    } as any);
    const done = await site.client.issues.getIssue({ issueIdOrKey: issue.key!, fields: ['status', 'resolution', 'comment'] });
    expect(done.fields.status?.name).toBe('Done');
    expect(done.fields.resolution?.name).toBe("Won't Do");
    expect(done.fields.comment?.total).toBe(1);
    expect(await names()).toEqual(['Reopen']);
  });
});

describe('people and relations on issues', () => {
  it('watchers: the creator watches; add and remove by account id', async () => {
    const { key } = await task('Watch');
    const priya = user('Priya Shah').accountId;
    await site.client.issueWatchers.addWatcher({ issueIdOrKey: key!, accountId: priya });
    const w = await site.client.issueWatchers.getIssueWatchers({ issueIdOrKey: key! });
    expect(w.watchers?.map((u) => u.accountId).sort()).toEqual([site.creds.accountId, priya].sort());
    expect(w.isWatching).toBe(true);
    await site.client.issueWatchers.removeWatcher({ issueIdOrKey: key!, accountId: priya });
    expect((await site.client.issueWatchers.getIssueWatchers({ issueIdOrKey: key! })).watchCount).toBe(1);
  });

  // On Cloud the reporter may vote too (jira.js live suite, issueVotes.test.ts); votes are idempotent per user.
  it('votes: anyone may vote once, reporters included, and withdrawing twice is fine', async () => {
    const { key } = await task('Vote');
    await site.client.issueVotes.addVote({ issueIdOrKey: key! });
    await site.client.issueVotes.addVote({ issueIdOrKey: key! });
    await site.as('Priya Shah').issueVotes.addVote({ issueIdOrKey: key! });
    expect((await site.client.issueVotes.getVotes({ issueIdOrKey: key! })).votes).toBe(2);
    await site.client.issueVotes.removeVote({ issueIdOrKey: key! });
    await site.client.issueVotes.removeVote({ issueIdOrKey: key! });
    const after = await site.client.issueVotes.getVotes({ issueIdOrKey: key! });
    expect(after.votes).toBe(1);
    expect(after.hasVoted).toBe(false);
  });

  it('work logs: durations, totals in timetracking, and only authors or admins may change them', async () => {
    const { key } = await task('Log time');
    const w = await site.as('Jordan Lee').issueWorklogs.addWorklog({ issueIdOrKey: key!, timeSpent: '1h 30m', started: '2024-03-01T09:00:00.000+0000' });
    expect(w.timeSpentSeconds).toBe(5400);
    expect(w.started).toBe('2024-03-01T09:00:00.000+0000');
    await site.client.issueWorklogs.addWorklog({ issueIdOrKey: key!, timeSpentSeconds: 1800 });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: key!, fields: ['timetracking', 'worklog'] });
    expect(issue.fields.timetracking).toEqual({ timeSpent: '2h', timeSpentSeconds: 7200 });
    expect(issue.fields.worklog?.total).toBe(2);
    const e = await failure(site.as('Priya Shah').issueWorklogs.deleteWorklog({ issueIdOrKey: key!, id: w.id! }));
    expect(e.status).toBe(403);
    const bad = await failure(site.client.issueWorklogs.addWorklog({ issueIdOrKey: key!, timeSpent: 'soon' }));
    expect(bad.data.errors).toEqual({ timeLogged: 'Invalid time duration entered.' });
  });

  it('comments by others cannot be edited by non-admins', async () => {
    const { key } = await task('Comment rights');
    const c = await site.client.issueComments.addComment({ issueIdOrKey: key!, comment: adf('admin says') as any });
    const e = await failure(site.as('Priya Shah').issueComments.updateComment({ issueIdOrKey: key!, id: c.id!, body: adf('hijack') as any }));
    expect(e.status).toBe(403);
  });

  it('issue links appear on both issues with the right direction', async () => {
    const a = await task('Blocker');
    const b = await task('Blocked');
    await site.client.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: b.key }, outwardIssue: { key: a.key } });
    const ia = await site.client.issues.getIssue({ issueIdOrKey: a.key!, fields: ['issuelinks'] });
    const ib = await site.client.issues.getIssue({ issueIdOrKey: b.key!, fields: ['issuelinks'] });
    expect(ia.fields.issuelinks?.[0].inwardIssue?.key).toBe(b.key);
    expect(ib.fields.issuelinks?.[0].outwardIssue?.key).toBe(a.key);
    const link = await site.client.issueLinks.getIssueLink({ linkId: ia.fields.issuelinks![0].id! });
    expect(link.type?.outward).toBe('blocks');
    await site.client.issueLinks.deleteIssueLink({ linkId: link.id! });
    expect((await site.client.issues.getIssue({ issueIdOrKey: a.key!, fields: ['issuelinks'] })).fields.issuelinks).toEqual([]);
    const e = await failure(site.client.issueLinks.linkIssues({ type: { name: 'Nope' }, inwardIssue: { key: a.key }, outwardIssue: { key: b.key } }));
    expect(e.data.errorMessages).toEqual(["No issue link type with name 'Nope' found."]);
  });

  it('bulk create reports failures by position and creates the rest', async () => {
    const res = await site.client.issues.createIssues({
      issueUpdates: [
        { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Bulk one' } },
        { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' } } },
      ],
    });
    expect(res.issues?.length).toBe(1);
    expect(res.errors?.[0].failedElementNumber).toBe(1);
    expect(res.errors?.[0].elementErrors?.errors).toEqual({ summary: 'You must specify a summary of the issue.' });
  });
});
