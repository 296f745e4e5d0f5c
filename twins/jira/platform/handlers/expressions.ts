// Jira expressions: evaluate (legacy and enhanced-search variants) over user, issue, issues (by JQL), project and sprint context; analyse for syntax and complexity.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findIssue, findProject, issueTypes, priorities, projects, resolutions, sprints, statuses, users, type IssueDoc, type UserDoc } from '../../store.js';
import { adfText } from '../model/adf.js';
import { evaluateExpression, ExpressionError, lazy, parseExpression } from '../model/expression.js';
import { JqlError } from '../model/jql/lexer.js';
import { queryIssues } from '../model/jql/search.js';
import { intParam, me, objectBody, type Ctx } from './common.js';
import { makeToken, readToken } from './search.js';

const userValue = (u: UserDoc | undefined) => (u ? { accountId: u.accountId, displayName: u.displayName, active: u.active, timeZone: u.timeZone, locale: u.locale, accountType: u.accountType } : null);

function issueValue(ctx: Ctx, i: IssueDoc): Record<string, unknown> {
  const t = ctx.tenant;
  const p = projects(t).get(i.projectId);
  const st = statuses(t).get(i.statusId);
  return {
    id: Number(i.id),
    key: i.key,
    summary: i.summary,
    description: i.description ? { plainText: adfText(i.description) } : null,
    labels: i.labels,
    status: st ? { id: Number(st.id), name: st.name, category: { key: st.category } } : null,
    priority: i.priorityId ? { id: Number(i.priorityId), name: priorities(t).get(i.priorityId)?.name ?? null } : null,
    issueType: { id: Number(i.issueTypeId), name: issueTypes(t).get(i.issueTypeId)?.name ?? null },
    resolution: i.resolutionId ? { id: Number(i.resolutionId), name: resolutions(t).get(i.resolutionId)?.name ?? null } : null,
    assignee: lazy(() => userValue(i.assigneeId ? users(t).get(i.assigneeId) : undefined)),
    reporter: lazy(() => userValue(i.reporterId ? users(t).get(i.reporterId) : undefined)),
    project: p ? { id: Number(p.id), key: p.key, name: p.name, projectTypeKey: p.projectTypeKey } : null,
    parent: lazy(() => (i.parentId ? issueValue(ctx, findIssue(t, i.parentId)!) : null)),
    created: Date.parse(i.created),
    updated: Date.parse(i.updated),
    dueDate: i.dueDate,
  };
}

interface Evaluated {
  value: unknown;
  steps: number;
  /** Offset paging (`/expression/eval`), or the enhanced search's next page token, absent on the last page (`/expression/evaluate`). */
  jql?: { startAt: number; maxResults: number; count: number; totalCount: number } | { nextPageToken: string };
}

/** Builds the context (each named entity must exist) and evaluates; failures are Jira's 400. */
function evaluate(ctx: Ctx, paging: 'offset' | 'token' = 'offset'): Evaluated {
  const b = objectBody(ctx);
  if (typeof b.expression !== 'string' || !b.expression.trim()) throw jiraError(400, ['The expression must not be empty.']);
  const given = (b.context ?? {}) as Record<string, any>;
  const scope: Record<string, unknown> = { user: userValue(me(ctx)) };
  let jql: Evaluated['jql'];
  if (given.issue) {
    const i = findIssue(ctx.tenant, given.issue.key ?? given.issue.id);
    if (!i) throw jiraError(400, [`Issue ${String(given.issue.key ?? given.issue.id)} does not exist or you do not have permission to see it.`]);
    scope.issue = issueValue(ctx, i);
  }
  if (given.project) {
    const p = findProject(ctx.tenant, String(given.project.key ?? given.project.id ?? ''));
    if (!p) throw jiraError(400, [`Project ${String(given.project.key ?? given.project.id)} does not exist or you do not have permission to see it.`]);
    scope.project = { id: Number(p.id), key: p.key, name: p.name, projectTypeKey: p.projectTypeKey };
  }
  if (given.sprint !== undefined) {
    const s = sprints(ctx.tenant).get(String(given.sprint));
    if (!s) throw jiraError(400, [`Sprint ${String(given.sprint)} does not exist.`]);
    scope.sprint = { id: Number(s.id), name: s.name, state: s.state, goal: s.goal };
  }
  if (given.issues?.jql) {
    const q = given.issues.jql as { query?: string; startAt?: number; maxResults?: number; nextPageToken?: string };
    try {
      const query = String(q.query ?? '');
      const all = queryIssues(ctx.tenant, me(ctx).accountId, ctx.now(), query);
      const startAt = paging === 'token' ? readToken(query, q.nextPageToken) : intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
      const maxResults = intParam(q.maxResults, 1000, 1, 1000);
      const page = all.slice(startAt, startAt + maxResults);
      scope.issues = page.map((i) => issueValue(ctx, i));
      if (paging === 'offset') jql = { startAt, maxResults, count: page.length, totalCount: all.length };
      else if (startAt + page.length < all.length) jql = { nextPageToken: makeToken(query, startAt + page.length) };
    } catch (e) {
      if (e instanceof JqlError) throw jiraError(400, e.messages);
      throw e;
    }
  }
  try {
    const r = evaluateExpression(parseExpression(b.expression), scope);
    return { value: r.value, steps: r.steps, jql };
  } catch (e) {
    if (e instanceof ExpressionError) throw jiraError(400, [e.kind === 'syntax' ? `Jira expression is invalid: ${e.message}` : e.message]);
    throw e;
  }
}

/** Functions are not values Jira can return; everything else is returned as JSON. */
const plain = (v: unknown): unknown => (typeof v === 'function' ? null : v === undefined ? null : v);

function answer(r: Evaluated, expand: unknown) {
  const meta: Record<string, unknown> = {};
  if (String(expand ?? '').includes('meta.complexity')) {
    meta.complexity = { steps: { value: r.steps, limit: 10000 }, expensiveOperations: { value: r.jql ? 1 : 0, limit: 10 }, beans: { value: 0, limit: 1000 }, primitiveValues: { value: 0, limit: 10000 } };
  }
  if (r.jql) meta.issues = { jql: r.jql };
  return { value: JSON.parse(JSON.stringify(plain(r.value)) ?? 'null'), ...(Object.keys(meta).length ? { meta } : {}) };
}

export const expressionHandlers = {
  evaluateJiraExpression: (ctx) => ({ body: answer(evaluate(ctx), ctx.query.expand) }),
  /** The enhanced search variant: issues in context page by `nextPageToken`, as `/search/jql` does. */
  evaluateJSISJiraExpression: (ctx) => ({ body: answer(evaluate(ctx, 'token'), ctx.query.expand) }),
  analyseExpression: (ctx) => {
    const b = objectBody(ctx);
    const list = Array.isArray(b.expressions) ? b.expressions.map(String) : [];
    if (!list.length) throw jiraError(400, ['At least one expression is required.']);
    const check = String(ctx.query.check ?? 'syntax');
    const results = list.map((expression) => {
      try {
        parseExpression(expression);
        return { expression, valid: true, ...(check === 'complexity' ? { complexity: { expensiveOperations: /\bissues\b/.test(expression) ? 'N' : '1' } } : {}) };
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        return { expression, valid: false, errors: [{ line: 1, column: e.column, message: e.message, type: 'syntax' }] };
      }
    });
    return { body: { results } };
  },
} satisfies Handlers;
