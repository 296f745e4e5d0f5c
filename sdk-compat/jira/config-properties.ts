// jira.js compat: entity properties on issue types and work logs read back and deleted through jira.js, and JQL autocompletion (POST) and value suggestions.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

/**
 * jira.js 5.4.0's setIssueTypeProperty and setWorklogProperty send no body (their request configs have no `data`), which
 * Jira refuses, so the values are stored with a plain PUT here and only the reads and deletes go through jira.js.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-type-properties/
 */
export const scenarios: Scenario[] = overBothClients(
  { name: 'config properties: issue type and work log properties read and deleted, JQL autocompletion and suggestions' },
  async (jira, ctx, t, api) => {
    const put = (path: string, value: unknown) => fetch(`${ctx.baseUrl}/rest/api/${api}${path}`, {
      method: 'PUT',
      headers: { authorization: `Basic ${Buffer.from(`${ctx.credentials.email}:${ctx.credentials.apiToken}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    const types = await jira.issueTypes.getIssueAllTypes();
    const task = types.find((x) => x.name === 'Task')!;
    t.check(!!task?.id, 'the site has a Task type', types);
    const stored = await put(`/issuetype/${task.id}/properties/colour`, { hex: '#36B37E', label: 'green' });
    t.check(stored.status === 201, 'a new issue type property is created (201)', stored.status);
    const colour = await jira.issueTypeProperties.getIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour' });
    t.check(colour.key === 'colour' && (colour.value as { hex?: string })?.hex === '#36B37E', 'getIssueTypeProperty answers the stored value', colour);
    await jira.issueTypeProperties.deleteIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour' });
    await t.expectError(() => jira.issueTypeProperties.getIssueTypeProperty({ issueTypeId: task.id!, propertyKey: 'colour' }), (e) => e.status === 404, 'deleteIssueTypeProperty removes it', { effect: true });
    const noKeys = await jira.issueTypeProperties.getIssueTypePropertyKeys({ issueTypeId: task.id! });
    t.check(noKeys.keys?.length === 0, 'no property keys remain on the type', noKeys);

    const issue = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { id: task.id! }, summary: 'Timed work' } });
    const log = await jira.issueWorklogs.addWorklog({ issueIdOrKey: issue.key, timeSpentSeconds: 3600 });
    t.check(Number(log.id) > 0 && log.timeSpentSeconds === 3600, 'a work log to annotate', log);
    const logged = await put(`/issue/${issue.key}/worklog/${log.id}/properties/source`, { tool: 'timer', billable: true });
    t.check(logged.status === 201, 'a new work log property is created (201)', logged.status);
    const source = await jira.issueWorklogProperties.getWorklogProperty({ issueIdOrKey: issue.key, worklogId: log.id!, propertyKey: 'source' });
    t.check(source.key === 'source' && (source.value as { billable?: boolean })?.billable === true, 'getWorklogProperty answers the stored value', source);
    await jira.issueWorklogProperties.deleteWorklogProperty({ issueIdOrKey: issue.key, worklogId: log.id!, propertyKey: 'source' });
    await t.expectError(() => jira.issueWorklogProperties.getWorklogProperty({ issueIdOrKey: issue.key, worklogId: log.id!, propertyKey: 'source' }), (e) => e.status === 404, 'deleteWorklogProperty removes it', { effect: true });

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-expressions/#api-rest-api-3-expression-evaluate-post
    const jql = `project = ENG ORDER BY key ASC`;
    const first = (await jira.jiraExpressions.evaluateJiraExpressionUsingEnhancedSearch({ expression: 'issues.map(i => i.key)', context: { issues: { jql: { query: jql, maxResults: 2 } } } } as never)) as { value?: string[]; meta?: { issues?: { jql?: { nextPageToken?: string } } } };
    const token = first.meta?.issues?.jql?.nextPageToken;
    t.check(first.value?.length === 2 && typeof token === 'string', 'evaluateJiraExpressionUsingEnhancedSearch evaluates over a page of the issues the JQL finds, with a token for the next', first);
    const second = (await jira.jiraExpressions.evaluateJiraExpressionUsingEnhancedSearch({ expression: 'issues.map(i => i.key)', context: { issues: { jql: { query: jql, maxResults: 2, nextPageToken: token } } } } as never)) as { value?: string[] };
    t.check(second.value?.length === 2 && !second.value.some((k) => first.value!.includes(k)), 'the token continues with the next issues', { first: first.value, second: second.value });

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-autocompletedata-post
    const auto = await jira.jql.getAutoCompletePost({ includeCollapsedFields: true });
    t.check(auto.visibleFieldNames?.some((f) => f.value === 'assignee') && auto.visibleFunctionNames?.some((f) => f.value === 'currentUser()') && auto.jqlReservedWords?.includes('order'), 'getAutoCompletePost lists fields, functions and reserved words', auto.visibleFunctionNames?.length);
    const suggested = await jira.jql.getFieldAutoCompleteForQueryString({ fieldName: 'project', fieldValue: 'mob' });
    t.check(suggested.results?.map((r) => r.value).join() === 'MOB' && /<b>Mob<\/b>/i.test(suggested.results?.[0]?.displayName ?? ''), 'getFieldAutoCompleteForQueryString suggests the matching project, the typed part in bold', suggested);
  },
);
