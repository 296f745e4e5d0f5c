// jira.js Version2Client compat: an older integration reads the site's configuration and works issues through v2 — metadata, users, links, watchers, work log edits, attachments and fields.
import type { Scenario } from '../types.js';
import { teammate, v2Client } from './clients.js';

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'REST API v2: site metadata, users, links, watchers, work logs, attachments and fields',
  async run(ctx, t) {
    const v2 = v2Client(ctx, t);
    const mate = teammate(ctx);

    const info = await v2.serverInfo.getServerInfo();
    t.check(info.deploymentType === 'Cloud' && info.baseUrl === ctx.baseUrl, 'server info through v2', info);
    const types = await v2.issueTypes.getIssueAllTypes();
    const priorities = await v2.issuePriorities.getPriorities();
    const statuses = await v2.status.search({});
    t.check(types.some((x) => x.name === 'Bug') && priorities.length === 5 && (statuses.values?.length ?? 0) >= 3, 'issue types, priorities and strict statuses', { types, priorities, statuses });
    const user = await v2.users.getUser({ accountId: mate.accountId });
    const found = await v2.userSearch.findUsers({ query: mate.displayName.split(' ')[0] });
    t.check(user.displayName === mate.displayName && found.some((u) => u.accountId === mate.accountId), 'users by id and by search', { user, found });
    const projects = await v2.projects.searchProjects({ keys: ['ENG', 'MOB'] });
    t.check(projects.total === 2 && projects.values?.every((p) => p.self?.includes('/rest/api/2/project/')), 'project search links to v2', projects);

    const bug = await v2.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Bug' }, summary: 'Crash on resume', environment: 'iOS 18, *iPhone 15*' } });
    const task = await v2.issues.createIssue({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Task' }, summary: 'Add crash reporting' } });
    await v2.issueLinks.linkIssues({ type: { name: 'Blocks' }, inwardIssue: { key: task.key }, outwardIssue: { key: bug.key }, comment: { body: 'Needs *reporting* first' } as any });
    const linked = await v2.issues.getIssue({ issueIdOrKey: task.key!, fields: ['issuelinks', 'comment', 'environment'] });
    const link = linked.fields.issuelinks?.[0];
    t.check(link?.outwardIssue?.key === bug.key && (linked.fields.comment?.comments?.[0] as { body?: unknown } | undefined)?.body === 'Needs *reporting* first', 'the link and its wiki comment', linked.fields);
    const gotLink = await v2.issueLinks.getIssueLink({ linkId: link!.id! });
    t.check(gotLink.inwardIssue?.key === task.key, 'the link reads back', gotLink);
    const env = await v2.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['environment'] });
    // jira.js types v2 rich text as ADF; on the wire v2 sends strings.
    t.check((env.fields.environment as unknown) === 'iOS 18, *iPhone 15*', 'the environment is wiki markup', env.fields);

    await v2.issueWatchers.addWatcher({ issueIdOrKey: bug.key!, accountId: mate.accountId });
    const watchers = await v2.issueWatchers.getIssueWatchers({ issueIdOrKey: bug.key! });
    t.check(watchers.watchCount === 2, 'reporter and teammate watch', watchers);
    await v2.issueWatchers.removeWatcher({ issueIdOrKey: bug.key!, accountId: mate.accountId });

    const log = await v2.issueWorklogs.addWorklog({ issueIdOrKey: bug.key!, timeSpent: '1h', comment: 'Repro' });
    await v2.issueWorklogs.updateWorklog({ issueIdOrKey: bug.key!, id: log.id!, timeSpent: '2h', comment: 'Repro and _fix_' });
    const one = await v2.issueWorklogs.getWorklog({ issueIdOrKey: bug.key!, id: log.id! });
    t.check(one.timeSpentSeconds === 7200 && one.comment === 'Repro and _fix_', 'the work log edit applies', one);
    await v2.issueWorklogs.deleteWorklog({ issueIdOrKey: bug.key!, id: log.id! });
    const comment = (await v2.issueComments.addComment({ issueIdOrKey: bug.key!, comment: 'temporary' })) as { id?: string };
    await v2.issueComments.deleteComment({ issueIdOrKey: bug.key!, id: comment.id! });

    const [file] = await v2.issueAttachments.addAttachment({ issueIdOrKey: bug.key!, attachment: { filename: 'trace.txt', file: Buffer.from('at resume()') } });
    const meta = await v2.issueAttachments.getAttachment({ id: file.id! });
    t.check(meta.filename === 'trace.txt' && meta.self === `${ctx.baseUrl}/rest/api/2/attachment/${file.id}`, 'attachment metadata through v2', meta);
    await v2.issueAttachments.removeAttachment({ id: file.id! });

    const fields = await v2.issueFields.getFields();
    t.check(fields.some((f) => f.id === 'description' && f.schema?.type === 'string'), 'the field list through v2', fields.length);
    const versions = await v2.projectVersions.getProjectVersions({ projectIdOrKey: 'MOB' });
    const components = await v2.projectComponents.getProjectComponents({ projectIdOrKey: 'MOB' });
    t.check(Array.isArray(versions) && Array.isArray(components), 'version and component lists', { versions, components });
    const search = await v2.issueSearch.searchForIssuesUsingJql({ jql: `key = ${bug.key}`, fields: ['environment'] });
    t.check((search.issues?.[0]?.fields?.environment as unknown) === 'iOS 18, *iPhone 15*', 'GET search returns wiki fields', search);
    await t.expectError(() => v2.issueWorklogs.getWorklog({ issueIdOrKey: bug.key!, id: log.id! }), (e) => e.status === 404, 'the deleted work log is gone');
  },
};

export const scenarios: Scenario[] = [scenario];
