// JQL tooling and Jira expressions through jira.js: parse into structure (strict/none), autocomplete, match, evaluate over context, analyse.
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useSite, type Site } from './helpers.js';

const env = useSite();
let site: Site;
beforeEach(() => {
  site = env.site;
});

describe('JQL tooling', () => {
  it('parses into Jira’s structure; strict validation reports unknown fields, none does not', async () => {
    const parsed = await site.client.jql.parseJqlQueries({ validation: 'strict', queries: ['project = ENG AND labels in (api, ci) ORDER BY created DESC', 'project = "oops'] });
    const [ok, bad] = parsed.queries!;
    expect(ok!.structure).toEqual({
      where: { operator: 'and', clauses: [
        { field: { name: 'project', encodedName: 'project' }, operator: '=', operand: { value: 'ENG', encodedValue: 'ENG' } },
        { field: { name: 'labels', encodedName: 'labels' }, operator: 'in', operand: { values: [{ value: 'api', encodedValue: 'api' }, { value: 'ci', encodedValue: 'ci' }], encodedOperand: '(api, ci)' } },
      ] },
      orderBy: { fields: [{ field: { name: 'created', encodedName: 'created' }, direction: 'desc' }] },
    });
    expect(bad!.errors!.length).toBeGreaterThan(0);
    expect(bad!.structure).toBeUndefined();
    const strict = await site.client.jql.parseJqlQueries({ validation: 'strict', queries: ['nosuchfield = 1'] });
    expect(strict.queries![0]!.errors).toEqual(["Field 'nosuchfield' does not exist or you do not have permission to view it."]);
    const none = await site.client.jql.parseJqlQueries({ validation: 'none', queries: ['nosuchfield = 1'] });
    expect(none.queries![0]!.errors).toBeUndefined();
  });

  it('autocomplete lists fields and functions, suggests values, and match tests issues without a search', async () => {
    const data = await site.client.jql.getAutoComplete();
    expect(data.visibleFieldNames!.map((f) => f.value)).toEqual(expect.arrayContaining(['project', 'summary', 'status', 'created', 'sprint']));
    expect(data.visibleFunctionNames!.map((f) => f.value)).toContain('openSprints()');
    const s = await site.client.jql.getFieldAutoCompleteForQueryString({ fieldName: 'project', fieldValue: 'mo' });
    expect(s.results!.map((r) => r.value)).toEqual(['MOB']);
    const ids = await Promise.all(['ENG-4', 'MOB-1'].map(async (k) => Number((await site.client.issues.getIssue({ issueIdOrKey: k, fields: ['summary'] })).id)));
    const m = await site.client.issueSearch.matchIssues({ issueIds: ids, jqls: ['project = ENG', 'nosuch = 1', 'project = NOSUCHPROJECT'] });
    expect(m.matches![0]!.matchedIssues).toEqual([ids[0]]);
    expect(m.matches![1]!.errors!.length).toBe(1);
    // An unknown field is an error; a value naming nothing just matches nothing (as Jira Cloud answers it).
    expect(m.matches![2]).toEqual({ matchedIssues: [], errors: [] });
  });
});

describe('Jira expressions', () => {
  it('evaluates over the user, an issue, and issues found by JQL', async () => {
    const c = site.client.jiraExpressions;
    expect((await c.evaluateJiraExpression({ expression: '1 + 1' })).value).toBe(2);
    expect((await c.evaluateJiraExpression({ expression: 'user.accountId' })).value).toBe(site.creds.accountId);
    const issue = await c.evaluateJiraExpression({ expression: '[issue.key, issue.status.name, issue.parent.key, issue.labels.includes("api")]', context: { issue: { key: 'ENG-2' } } });
    expect(issue.value).toEqual(['ENG-2', 'In Progress', 'ENG-1', true]);
    const many = await c.evaluateJiraExpression({ expression: 'issues.filter(i => i.status.category.key == "done").map(i => i.key)', context: { issues: { jql: { query: 'project = ENG ORDER BY key' } } } });
    expect(many.value).toEqual(['ENG-3', 'ENG-5']);
    expect(many.meta?.issues?.jql?.totalCount).toBe(6);
    const missing = await failure(c.evaluateJiraExpression({ expression: 'issue.key' }));
    expect(missing.status).toBe(400);
    const syntax = await failure(c.evaluateJiraExpression({ expression: '1 +' }));
    expect(syntax.status).toBe(400);
  });

  it('analyse tells valid from malformed expressions', async () => {
    const r = await site.client.jiraExpressions.analyseExpression({ check: 'syntax', expressions: ['issue.key', '1 +'] });
    expect(r.results!.map((x) => x.valid)).toEqual([true, false]);
    expect(r.results![1]!.errors!.length).toBe(1);
  });
});
