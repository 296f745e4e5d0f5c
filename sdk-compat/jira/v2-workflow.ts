// jira.js Version2Client compat: REST API v2 over the same site — wiki-markup descriptions, comments and work logs, edits, transitions, search, attachments, components and versions.
import type { Scenario } from '../types.js';
import { teammate, v2Client, v3Client } from './clients.js';

const DESCRIPTION = 'h2. Checkout\n\n* card *and* wallet\n* see [spec|https://example.com/spec]\n\n{code:ts}\npay();\n{code}';

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'REST API v2: wiki markup in, wiki markup out, one site state shared with v3',
  async run(ctx, t) {
    const v2 = v2Client(ctx, t);
    const v3 = v3Client(ctx, t);
    const mate = teammate(ctx);

    const me = await v2.myself.getCurrentUser();
    t.check(me.accountId === ctx.credentials.accountId && me.self?.includes('/rest/api/2/user'), 'v2 myself links to v2', me);
    const project = await v2.projects.createProject({ key: 'WIKI', name: 'Wiki Markup', projectTypeKey: 'software', leadAccountId: me.accountId! });
    const proj = await v2.projects.getProject({ projectIdOrKey: 'WIKI' });
    t.check(proj.key === 'WIKI' && proj.self === `${ctx.baseUrl}/rest/api/2/project/${project.id}`, 'the project reads back through v2', proj);

    const component = await v2.projectComponents.createComponent({ project: 'WIKI', name: 'Payments' });
    const version = await v2.projectVersions.createVersion({ projectId: Number(project.id), name: '1.0' });
    const created = await v2.issues.createIssue({
      fields: { project: { key: 'WIKI' }, issuetype: { name: 'Story' }, summary: 'Pay with a wallet', description: DESCRIPTION, components: [{ id: component.id }], fixVersions: [{ id: version.id }] },
    });
    const read = await v2.issues.getIssue({ issueIdOrKey: created.key!, fields: ['description', 'components', 'fixVersions'] });
    t.check(read.fields.description === DESCRIPTION, 'the description reads back as the same wiki markup', read.fields.description);
    t.check(read.fields.components?.[0]?.name === 'Payments' && read.fields.fixVersions?.[0]?.name === '1.0', 'components and versions are set', read.fields);
    const asV3 = await v3.issues.getIssue({ issueIdOrKey: created.key!, fields: ['description'] });
    const doc = asV3.fields.description as { type?: string; content?: Array<{ type: string }> };
    t.check(doc?.type === 'doc' && doc.content?.map((n) => n.type).join() === 'heading,bulletList,codeBlock', 'v3 sees the same description as ADF', doc);

    await v2.issues.editIssue({ issueIdOrKey: created.key!, update: { labels: [{ add: 'wallet' }], description: [{ set: 'Now _shorter_' }] } });
    await v2.issues.assignIssue({ issueIdOrKey: created.key!, accountId: mate.accountId });
    const edited = await v2.issues.getIssue({ issueIdOrKey: created.key!, fields: ['description', 'labels', 'assignee'], expand: 'renderedFields' });
    t.checkEffect(edited.fields.description === 'Now _shorter_' && (edited.renderedFields as any)?.description === '<p>Now <em>shorter</em></p>' && edited.fields.assignee?.accountId === mate.accountId, 'edits and the assignment apply; renderedFields are HTML', edited);
    t.check(edited.fields.assignee?.accountId === mate.accountId, 'assigned to the teammate', edited.fields.assignee);

    const comment = (await v2.issueComments.addComment({ issueIdOrKey: created.key!, comment: 'Ping [~accountid:' + mate.accountId + ']' })) as { id?: string; body?: unknown };
    t.check(comment.body === `Ping [~accountid:${mate.accountId}]`, 'the comment body is the wiki string', comment);
    await v2.issueComments.updateComment({ issueIdOrKey: created.key!, id: comment.id!, comment: 'Ping *again*' });
    const one = (await v2.issueComments.getComment({ issueIdOrKey: created.key!, id: comment.id! })) as { body?: unknown };
    t.checkEffect(one.body === 'Ping *again*', 'the comment was edited', one);
    const listed = await v2.issueComments.getComments({ issueIdOrKey: created.key! });
    t.check(listed.total === 1, 'one comment', listed);
    const log = await v2.issueWorklogs.addWorklog({ issueIdOrKey: created.key!, timeSpent: '45m', comment: 'Spike on *wallets*' });
    const logs = await v2.issueWorklogs.getIssueWorklog({ issueIdOrKey: created.key! });
    t.check(log.comment === 'Spike on *wallets*' && logs.worklogs?.[0]?.timeSpentSeconds === 2700, 'the work log comment is a string', logs);

    const [att] = await v2.issueAttachments.addAttachment({ issueIdOrKey: created.key!, attachment: { filename: 'receipt.txt', file: Buffer.from('paid 12.00') } });
    t.check(att?.content === `${ctx.baseUrl}/rest/api/2/attachment/content/${att?.id}`, 'v2 attachments link to v2 content', att);
    const bytes = await v2.issueAttachments.getAttachmentContent({ id: att.id! });
    t.check(Buffer.from(bytes as unknown as ArrayBuffer).toString() === 'paid 12.00', 'the v2 download follows the redirect to the bytes', bytes);

    const { transitions } = await v2.issues.getTransitions({ issueIdOrKey: created.key! });
    t.check(transitions?.some((x) => x.to?.name === 'Done'), 'Done is reachable', transitions);
    await v2.issues.doTransition({ issueIdOrKey: created.key!, transition: { id: transitions!.find((x) => x.to?.name === 'Done')!.id! }, update: { comment: [{ add: { body: 'Shipped in {{1.0}}' } }] } });
    const found = await v2.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = WIKI AND fixVersion = "1.0" AND statusCategory = Done', fields: ['summary', 'comment'] });
    const comments = (found.issues?.[0]?.fields as any)?.comment?.comments?.map((c: { body: string }) => c.body);
    t.checkEffect(found.issues?.length === 1 && comments?.join('|') === 'Ping *again*|Shipped in {{1.0}}', 'v2 search returns wiki comment bodies', found);
    const legacy = await v2.issueSearch.searchForIssuesUsingJqlPost({ jql: 'project = WIKI AND component = Payments', fields: ['summary'] });
    t.check(legacy.total === 1 && legacy.issues?.[0]?.self?.includes('/rest/api/2/issue/'), 'legacy v2 search, same envelope', legacy);

    await t.expectError(
      () => v2.issues.createIssue({ fields: { project: { key: 'WIKI' }, issuetype: { name: 'Task' }, summary: 'ADF in v2', description: { type: 'doc', version: 1, content: [] } as any } }),
      (e) => e.status === 400 && e.response?.data?.errors?.description === 'Operation value must be a string',
      'v2 refuses ADF where it expects a string',
    );
    await v2.issues.deleteIssue({ issueIdOrKey: created.key! });
    await t.expectError(() => v2.issues.getIssue({ issueIdOrKey: created.key! }), (e) => e.status === 404, 'the deleted issue is gone');
  },
};

export const scenarios: Scenario[] = [scenario];
