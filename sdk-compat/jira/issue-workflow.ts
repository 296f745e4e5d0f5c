// jira.js compat: a team works an issue end to end — create, edit, assign, transition, comment, log work, watch, link, search, delete.
// Run on both jira.js clients: rich text is ADF on REST v3 and wiki-markup strings on REST v2; the rest is the same.
import type { Scenario } from '../types.js';
import { overBothClients, teammate as teammateOf, type PlatformApi } from './clients.js';

const richText = (api: PlatformApi, text: string) =>
  (api === 3 ? { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } : text) as any;

export const scenarios: Scenario[] = overBothClients(
  { name: 'issue workflow: create → edit → transition → comment → work log → search → delete' },
  async (jira, ctx, t, api) => {
    const accountId = ctx.credentials.accountId as string;
    const teammate = teammateOf(ctx);
    const doc = (text: string) => richText(api, text);

    await jira.projects.createProject({ key: 'WRK', name: 'Workflow Demo', projectTypeKey: 'software', leadAccountId: accountId });
    const meta = await jira.issues.getCreateIssueMeta({ projectKeys: ['WRK'], expand: 'projects.issuetypes.fields' });
    t.check(meta.projects?.[0]?.issuetypes?.some((it) => it.name === 'Bug'), 'create metadata lists the project issue types', meta);

    const story = await jira.issues.createIssue({ fields: { project: { key: 'WRK' }, issuetype: { name: 'Story' }, summary: 'Checkout flow', description: doc('As a buyer I can pay.'), labels: ['checkout'] } });
    const bug = await jira.issues.createIssue({ fields: { project: { key: 'WRK' }, issuetype: { name: 'Bug' }, summary: 'Pay button does nothing', priority: { name: 'Highest' } } });
    const sub = await jira.issues.createIssue({ fields: { project: { key: 'WRK' }, issuetype: { name: 'Subtask' }, summary: 'Wire the button', parent: { key: story.key } } });
    t.check(story.key === 'WRK-1' && bug.key === 'WRK-2' && sub.key === 'WRK-3', 'issue keys count up per project', [story, bug, sub]);

    await jira.issues.editIssue({ issueIdOrKey: bug.key!, fields: { description: doc('Nothing happens on click.') }, update: { labels: [{ add: 'payments' }] } });
    await jira.issues.assignIssue({ issueIdOrKey: bug.key!, accountId: teammate.accountId });
    const edited = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['labels', 'assignee', 'description'] });
    t.checkEffect(edited.fields.labels?.join() === 'payments' && edited.fields.assignee?.accountId === teammate.accountId, 'edit and assign took effect', edited.fields);
    const editmeta = await jira.issues.getEditIssueMeta({ issueIdOrKey: bug.key! });
    t.check(!!(editmeta.fields as Record<string, unknown> | undefined)?.summary, 'edit metadata offers summary', editmeta);

    const { transitions } = await jira.issues.getTransitions({ issueIdOrKey: bug.key! });
    const start = transitions?.find((x) => x.to?.name === 'In Progress');
    t.check(!!start, 'In Progress is reachable from To Do', transitions);
    await jira.issues.doTransition({ issueIdOrKey: bug.key!, transition: { id: start!.id! } });
    const moving = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['status'] });
    t.checkEffect(moving.fields.status?.name === 'In Progress', 'the transition moved the bug', moving.fields.status);

    const comment = await jira.issueComments.addComment({ issueIdOrKey: bug.key!, comment: doc('Found it: the handler was never bound.') });
    // jira.js names the new text `body` on Version3Client and `comment` on Version2Client.
    const edit = doc('Found it: the click handler was never bound.');
    await jira.issueComments.updateComment({ issueIdOrKey: bug.key!, id: comment.id!, ...(api === 3 ? { body: edit } : ({ comment: edit } as any)) });
    const one = await jira.issueComments.getComment({ issueIdOrKey: bug.key!, id: comment.id! });
    t.checkEffect(JSON.stringify(one.body).includes('click handler'), 'the comment was edited', one.body);
    const extra = await jira.issueComments.addComment({ issueIdOrKey: bug.key!, comment: doc('Temporary note') });
    await jira.issueComments.deleteComment({ issueIdOrKey: bug.key!, id: extra.id! });
    const listed = await jira.issueComments.getComments({ issueIdOrKey: bug.key! });
    t.checkEffect(listed.total === 1, 'one comment remains', listed);
    const byIds = await jira.issueComments.getCommentsByIds({ ids: [Number(comment.id)] });
    t.check(byIds.values?.length === 1, 'comments can be fetched by id', byIds);

    const log = await jira.issueWorklogs.addWorklog({ issueIdOrKey: bug.key!, timeSpent: '2h', comment: doc('Debugging') });
    await jira.issueWorklogs.updateWorklog({ issueIdOrKey: bug.key!, id: log.id!, timeSpent: '2h 30m' });
    const logs = await jira.issueWorklogs.getIssueWorklog({ issueIdOrKey: bug.key! });
    t.checkEffect(logs.worklogs?.[0]?.timeSpentSeconds === 9000, 'work log updated to 2h 30m', logs);
    const single = await jira.issueWorklogs.getWorklog({ issueIdOrKey: bug.key!, id: log.id! });
    t.check(single.timeSpent === '2h 30m', 'work log reads back', single);

    await jira.issueWatchers.addWatcher({ issueIdOrKey: bug.key!, accountId: teammate.accountId });
    const watchers = await jira.issueWatchers.getIssueWatchers({ issueIdOrKey: bug.key! });
    t.checkEffect(watchers.watchCount === 2, 'creator and teammate watch the bug', watchers);

    await jira.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: story.key }, outwardIssue: { key: bug.key } });
    const linked = await jira.issues.getIssue({ issueIdOrKey: story.key!, fields: ['issuelinks', 'subtasks'] });
    t.checkEffect(linked.fields.issuelinks?.[0]?.outwardIssue?.key === bug.key && linked.fields.subtasks?.[0]?.key === sub.key, 'link and sub-task show on the story', linked.fields);

    await jira.issues.doTransition({ issueIdOrKey: bug.key!, transition: { id: transitions!.find((x) => x.to?.name === 'Done')!.id! } });
    const changes = await jira.issues.getChangeLogs({ issueIdOrKey: bug.key! });
    const statusMoves = changes.values?.flatMap((g) => g.items ?? []).filter((i) => i.field === 'status').map((i) => i.toString);
    t.check(statusMoves?.join() === 'In Progress,Done', 'changelog records both moves', changes);

    const open = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = WRK AND statusCategory != Done ORDER BY key', fields: ['summary', 'status'] });
    t.check(open.issues?.map((i) => i.key).join() === 'WRK-1,WRK-3', 'JQL finds the open issues', open);
    const mine = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: `project = WRK AND assignee = "${teammate.accountId}" AND resolution = Done`, fields: ['summary'] });
    t.check(mine.issues?.map((i) => i.key).join() === 'WRK-2', 'JQL finds the resolved bug by assignee', mine);
    const count = await jira.issueSearch.countIssues({ jql: 'project = WRK AND text ~ "button"' });
    t.check(count.count === 2, 'text search matches summaries', count);
    const legacy = await jira.issueSearch.searchForIssuesUsingJqlPost({ jql: 'project = WRK ORDER BY key DESC', maxResults: 1, fields: ['summary'] });
    t.check(legacy.total === 3 && legacy.issues?.[0]?.key === 'WRK-3', 'legacy search pages by offset', legacy);

    await t.expectError(() => jira.issues.deleteIssue({ issueIdOrKey: story.key! }), (e) => e.status === 400 && /has subtasks/.test(e.response?.data?.errorMessages?.[0] ?? ''), 'a story with sub-tasks needs deleteSubtasks');
    await jira.issues.deleteIssue({ issueIdOrKey: story.key!, deleteSubtasks: true });
    const left = await jira.issueSearch.searchForIssuesIds({ jql: 'project = WRK' });
    t.checkEffect(left.issueIds?.length === 1, 'only the bug is left', left);
  },
);
