// jira.js compat: the failures an integration must handle — Jira's statuses and ErrorCollection bodies for bad keys, bad input, bad JQL, rights and credentials.
import { Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';

const messages = (e: any): string[] => e?.response?.data?.errorMessages ?? [];
const fieldErrors = (e: any): Record<string, string> => e?.response?.data?.errors ?? {};

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'errors: 404s, field errors, JQL errors, permissions, credentials',
  async run(ctx, t) {
    const { email, apiToken, accountId } = ctx.credentials;
    const jira = t.track(new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email, apiToken } } }), '');
    const member = (ctx.credentials.users as Array<{ email: string; apiToken: string; admin: boolean; active: boolean }>).find((u) => !u.admin && u.active)!;
    const asMember = t.track(new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email: member.email, apiToken: member.apiToken } } }), 'member');
    const stranger = t.track(new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email, apiToken: 'not-a-token' } } }), 'stranger');

    await t.expectError(() => jira.issues.getIssue({ issueIdOrKey: 'ENG-9999' }), (e) => e.status === 404 && messages(e)[0] === 'Issue does not exist or you do not have permission to see it.', 'unknown issue → 404');
    await t.expectError(() => jira.projects.getProject({ projectIdOrKey: 'NOPE' }), (e) => e.status === 404 && messages(e)[0] === "No project could be found with key 'NOPE'.", 'unknown project → 404');
    await t.expectError(() => jira.users.getUser({ accountId: 'ffffffffffffffffffffffff' }), (e) => e.status === 404, 'unknown user → 404');
    await t.expectError(() => jira.issueComments.getComment({ issueIdOrKey: 'ENG-1', id: '1' }), (e) => e.status === 404, 'unknown comment → 404');

    await t.expectError(
      () => jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Nope' }, summary: '' } }),
      (e) => e.status === 400 && fieldErrors(e).summary === 'You must specify a summary of the issue.' && fieldErrors(e).issuetype === 'Specify a valid issue type',
      'create with an empty summary and an unknown type → field errors',
    );
    await t.expectError(
      () => jira.issues.createIssue({ fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } }),
      (e) => e.status === 400 && fieldErrors(e).project === 'Specify a valid project ID or key',
      'create in an unknown project → errors.project',
    );
    await t.expectError(
      () => jira.issues.editIssue({ issueIdOrKey: 'ENG-1', fields: { priority: { name: 'Urgent' } } }),
      (e) => e.status === 400 && 'priority' in fieldErrors(e),
      'edit with an unknown priority → errors.priority',
    );
    await t.expectError(() => jira.issues.doTransition({ issueIdOrKey: 'ENG-1', transition: { id: '999' } }), (e) => e.status === 400 && messages(e)[0] === "Transition id '999' is not valid for this issue.", 'unknown transition → 400');
    await t.expectError(
      () => jira.projects.createProject({ key: 'ENG', name: 'Clash', projectTypeKey: 'software', leadAccountId: accountId }),
      (e) => e.status === 400 && fieldErrors(e).projectKey === "Project 'Engineering Platform' uses this project key.",
      'duplicate project key → errors.projectKey',
    );

    await t.expectError(
      () => jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = ENG AND status = "Nope"' }),
      (e) => e.status === 400 && messages(e)[0] === "The value 'Nope' does not exist for the field 'status'.",
      'JQL with an unknown value → 400',
    );
    await t.expectError(
      () => jira.issueSearch.searchForIssuesUsingJql({ jql: 'project = ENG AND (status = Done' }),
      (e) => e.status === 400 && messages(e)[0] === "Error in the JQL Query: Expecting ')' before the end of the query.",
      'JQL syntax error → 400 (legacy search too)',
    );
    await t.expectError(
      () => jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'ORDER BY created' }),
      (e) => e.status === 400 && /Unbounded JQL queries are not allowed/.test(messages(e)[0] ?? ''),
      'unbounded JQL on /search/jql → 400',
    );

    await t.expectError(
      () => asMember.projects.deleteProject({ projectIdOrKey: 'ENG' }),
      (e) => e.status === 403 && messages(e)[0] === 'You must have global administrator rights in order to modify projects.',
      'members cannot delete projects',
    );
    const comment = await jira.issueComments.addComment({ issueIdOrKey: 'ENG-1', comment: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'admin note' }] }] } as any });
    await t.expectError(() => asMember.issueComments.deleteComment({ issueIdOrKey: 'ENG-1', id: comment.id! }), (e) => e.status === 403, "members cannot delete others' comments");
    await t.expectError(() => stranger.myself.getCurrentUser(), (e) => e.status === 401 && e.response?.data === 'Client must be authenticated to access this resource.', 'a wrong token → 401');

    const still = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    t.check(still.key === 'ENG', 'nothing above changed the project', still.key);
  },
};

export const scenarios: Scenario[] = [scenario];
