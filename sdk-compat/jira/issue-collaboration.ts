// jira.js compat: a team works issues together — bulk create, votes, watchers, links, work logs, entity properties on issues, comments and issue types, changelogs by id, users and the picker.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

/** Rich text in the client's own format: ADF for v3, wiki markup for v2. */
const text = (api: 2 | 3, s: string): any => (api === 3 ? { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: s }] }] } : s);

export const scenarios: Scenario[] = overBothClients(
  { name: 'issue collaboration: bulk create, votes, watchers, links, work logs, entity properties, changelogs, users' },
  async (jira, ctx, t, api) => {
    const mate = teammate(ctx);
    const me = ctx.credentials.accountId as string;
    const project = await jira.projects.createProject({ key: 'COL', name: 'Collaboration', projectTypeKey: 'software', leadAccountId: me });
    t.check(project.key === 'COL', 'a project to collaborate in', project);

    // Bulk create: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-bulk-post
    const bulk = await jira.issues.createIssues({
      issueUpdates: [
        { fields: { project: { key: 'COL' }, issuetype: { name: 'Task' }, summary: 'Write the plan' } },
        { fields: { project: { key: 'COL' }, issuetype: { name: 'Bug' }, summary: 'Plan has a typo' } },
        { fields: { project: { key: 'COL' }, issuetype: { name: 'Task' } } },
      ],
    });
    t.check(bulk.issues?.map((i) => i.key).join() === 'COL-1,COL-2' && bulk.errors?.[0]?.failedElementNumber === 2 && !!(bulk.errors[0].elementErrors?.errors as Record<string, string> | undefined)?.summary, 'bulk create makes the valid issues and reports the broken one by position', bulk);
    const [plan, typo] = bulk.issues!.map((i) => i.key!);

    const votes0 = await jira.issueVotes.getVotes({ issueIdOrKey: typo });
    t.check(votes0.votes === 0 && votes0.hasVoted === false, 'a new issue has no votes', votes0);
    await jira.issueVotes.addVote({ issueIdOrKey: typo });
    const votes1 = await jira.issueVotes.getVotes({ issueIdOrKey: typo });
    t.checkEffect(votes1.votes === 1 && votes1.hasVoted === true && votes1.voters?.[0]?.accountId === me, 'addVote counts the caller once', votes1);
    await jira.issueVotes.removeVote({ issueIdOrKey: typo });
    const votes2 = await jira.issueVotes.getVotes({ issueIdOrKey: typo });
    t.checkEffect(votes2.votes === 0 && votes2.hasVoted === false, 'removeVote withdraws it', votes2);

    await jira.issueWatchers.addWatcher({ issueIdOrKey: typo, accountId: mate.accountId });
    const watching = await jira.issueWatchers.getIssueWatchers({ issueIdOrKey: typo });
    t.checkEffect(watching.watchers?.some((w) => w.accountId === mate.accountId) && watching.watchCount === 2, 'the teammate watches', watching);
    await jira.issueWatchers.removeWatcher({ issueIdOrKey: typo, accountId: mate.accountId });
    const unwatched = await jira.issueWatchers.getIssueWatchers({ issueIdOrKey: typo });
    t.checkEffect(unwatched.watchCount === 1 && !unwatched.watchers?.some((w) => w.accountId === mate.accountId), 'removeWatcher takes the teammate off', unwatched);

    await jira.issueLinks.linkIssues({ type: { name: 'Relates' }, inwardIssue: { key: plan }, outwardIssue: { key: typo } });
    const withLink = await jira.issues.getIssue({ issueIdOrKey: plan, fields: ['issuelinks'] });
    t.checkEffect(withLink.fields.issuelinks?.length === 1 && withLink.fields.issuelinks[0].outwardIssue?.key === typo, 'the link shows on the inward issue', withLink.fields.issuelinks);
    const linkId = withLink.fields.issuelinks![0].id!;
    const link = await jira.issueLinks.getIssueLink({ linkId });
    t.check(link.type?.name === 'Relates' && link.inwardIssue?.key === plan && link.outwardIssue?.key === typo, 'getIssueLink reads both ends', link);
    await jira.issueLinks.deleteIssueLink({ linkId });
    await t.expectError(() => jira.issueLinks.getIssueLink({ linkId }), (e) => e.status === 404, 'a deleted link is gone', { effect: true });

    const log = await jira.issueWorklogs.addWorklog({ issueIdOrKey: plan, timeSpent: '1h', comment: text(api, 'Drafting') });
    t.check(log.timeSpentSeconds === 3600 && log.author?.accountId === me, 'a work log of an hour', log);
    const changedLog = await jira.issueWorklogs.updateWorklog({ issueIdOrKey: plan, id: log.id!, timeSpent: '90m' });
    t.check(changedLog.timeSpentSeconds === 5400, 'updateWorklog answers the new duration', changedLog);
    const logKeys = await jira.issueWorklogProperties.getWorklogPropertyKeys({ issueIdOrKey: plan, worklogId: log.id! });
    t.check(logKeys.keys?.length === 0, 'a new work log has no properties', logKeys);
    // jira.js 5.4.0 sends work log property writes without the value, which Jira refuses.
    await t.expectError(() => jira.issueWorklogProperties.setWorklogProperty({ issueIdOrKey: plan, worklogId: log.id!, propertyKey: 'source', propertyValue: 'x' } as any), (e) => e.status === 400 || e.status === 415, 'a property write without a value is refused');
    await t.expectError(() => jira.issueWorklogProperties.getWorklogProperty({ issueIdOrKey: plan, worklogId: log.id!, propertyKey: 'source' }), (e) => e.status === 404, 'so nothing was stored');
    await t.expectError(() => jira.issueWorklogProperties.deleteWorklogProperty({ issueIdOrKey: plan, worklogId: log.id!, propertyKey: 'source' }), (e) => e.status === 404, 'and nothing can be deleted');
    await jira.issueWorklogs.deleteWorklog({ issueIdOrKey: plan, id: log.id! });
    const noLogs = await jira.issueWorklogs.getIssueWorklog({ issueIdOrKey: plan });
    t.checkEffect(noLogs.total === 0, 'a deleted work log is gone', noLogs);

    const comment = await jira.issueComments.addComment({ issueIdOrKey: plan, comment: text(api, 'Looks good') });
    t.check(comment.author?.accountId === me, 'a comment to annotate', comment);
    await jira.issueCommentProperties.setCommentProperty({ commentId: comment.id!, propertyKey: 'review', property: { state: 'approved' } });
    const cprop = await jira.issueCommentProperties.getCommentProperty({ commentId: comment.id!, propertyKey: 'review' });
    t.checkEffect((cprop.value as { state?: string }).state === 'approved' && cprop.key === 'review', 'comment properties round-trip', cprop);
    const ckeys = await jira.issueCommentProperties.getCommentPropertyKeys({ commentId: comment.id! });
    t.check(ckeys.keys?.map((k) => k.key).join() === 'review', 'comment property keys list it', ckeys);
    await jira.issueCommentProperties.deleteCommentProperty({ commentId: comment.id!, propertyKey: 'review' });
    await t.expectError(() => jira.issueCommentProperties.getCommentProperty({ commentId: comment.id!, propertyKey: 'review' }), (e) => e.status === 404, 'a deleted comment property is gone', { effect: true });

    const task = (await jira.issueTypes.getIssueAllTypes()).find((x) => x.name === 'Task')!;
    t.check(!!task?.id, 'the Task issue type', task);
    const itKeys = await jira.issueTypeProperties.getIssueTypePropertyKeys({ issueTypeId: task.id! });
    t.check(Array.isArray(itKeys.keys), 'issue type property keys are listed', itKeys);
    await t.expectError(() => jira.issueTypeProperties.setIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour', propertyValue: 'x' } as any), (e) => e.status === 400 || e.status === 415, 'an issue type property write without a value is refused');
    await t.expectError(() => jira.issueTypeProperties.getIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour' }), (e) => e.status === 404, 'so nothing was stored on the type');
    await t.expectError(() => jira.issueTypeProperties.deleteIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour' }), (e) => e.status === 404, 'and nothing can be deleted from it');

    // Bulk entity properties: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/
    const ids = await Promise.all([plan, typo].map((k) => jira.issues.getIssue({ issueIdOrKey: k, fields: ['summary'] })));
    t.check(ids.every((i) => Number(i.id) > 0), 'issue ids for the bulk calls', ids.map((i) => i.id));
    await jira.issueProperties.bulkSetIssuesProperties({ entitiesIds: ids.map((i) => Number(i.id)), properties: { team: { name: 'core' } } });
    const teamOnTypo = await jira.issueProperties.getIssueProperty({ issueIdOrKey: typo, propertyKey: 'team' });
    t.checkEffect((teamOnTypo.value as { name?: string }).name === 'core', 'bulkSetIssuesProperties sets the property on every listed issue', teamOnTypo);
    await jira.issueProperties.bulkSetIssuePropertiesByIssue({ issues: [{ issueID: Number(ids[0].id), properties: { stage: 'draft' } }] });
    const stage = await jira.issueProperties.getIssueProperty({ issueIdOrKey: plan, propertyKey: 'stage' });
    t.checkEffect(stage.value === 'draft', 'bulkSetIssuePropertiesByIssue sets per-issue properties', stage);
    await jira.issueProperties.bulkSetIssueProperty({ propertyKey: 'stage', value: 'final', filter: { entityIds: ids.map((i) => Number(i.id)) } });
    const finalOnTypo = await jira.issueProperties.getIssueProperty({ issueIdOrKey: typo, propertyKey: 'stage' });
    t.checkEffect(finalOnTypo.value === 'final', 'bulkSetIssueProperty sets one property across the filtered issues', finalOnTypo);
    await jira.issueProperties.bulkDeleteIssueProperty({ propertyKey: 'stage', entityIds: ids.map((i) => Number(i.id)) });
    await t.expectError(() => jira.issueProperties.getIssueProperty({ issueIdOrKey: plan, propertyKey: 'stage' }), (e) => e.status === 404, 'bulkDeleteIssueProperty removes it everywhere', { effect: true });

    await jira.issues.editIssue({ issueIdOrKey: typo, fields: { summary: 'Plan has two typos' } });
    const history = await jira.issues.getChangeLogs({ issueIdOrKey: typo });
    const group = history.values?.find((g) => g.items?.some((i) => i.field === 'summary'));
    t.checkEffect(group?.items?.find((i) => i.field === 'summary')?.toString === 'Plan has two typos', 'the edit is in the changelog', history);
    const byIds = await jira.issues.getChangeLogsByIds({ issueIdOrKey: typo, changelogIds: [Number(group!.id)] });
    t.check(byIds.histories?.length === 1 && byIds.histories[0].id === group!.id, 'getChangeLogsByIds answers just that group', byIds);

    const picked = await jira.groupAndUserPicker.findUsersAndGroups({ query: mate.displayName.split(' ')[0] });
    t.check(picked.users?.users?.some((u) => u.accountId === mate.accountId), 'the picker finds the teammate', picked.users);
    const everyone = await jira.users.getAllUsersDefault({});
    t.check(everyone.some((u) => u.accountId === me), 'GET /users lists the site users', everyone.length);
    const invited = await jira.users.createUser({ emailAddress: `new.hire.v${api}@example.com`, products: ['jira-software'] });
    t.check(!!invited.accountId && invited.emailAddress === `new.hire.v${api}@example.com` && invited.active === true, 'createUser invites an active account', invited);
    await jira.users.removeUser({ accountId: invited.accountId! });
    await t.expectError(() => jira.users.getUser({ accountId: invited.accountId! }), (e) => e.status === 404, 'a removed user is gone', { effect: true });

    const settings = await jira.jiraSettings.getConfiguration();
    t.check(settings.votingEnabled === true && settings.timeTrackingConfiguration?.workingHoursPerDay === 8, 'global settings', settings);
    const done = await jira.issues.deleteIssue({ issueIdOrKey: plan });
    t.check(done === undefined || done === '' || done === null, 'deleteIssue answers no content', done);
    await t.expectError(() => jira.issues.getIssue({ issueIdOrKey: plan }), (e) => e.status === 404, 'a deleted issue is gone', { effect: true });
  },
);
