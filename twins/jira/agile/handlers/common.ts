// Lookups and envelopes the Agile handlers share: boards, sprints and issues that fail in Jira Software's words, and its two page shapes.
import { jiraError } from '../../errors.js';
import { boards, findIssue, sprints, type BoardDoc, type IssueDoc, type SprintDoc } from '../../store.js';
import { intParam, type Ctx } from '../../platform/handlers/common.js';
import { viewOf } from '../../platform/present/site.js';
import { agileIssueJson } from '../present/agile.js';

export function boardOr404(ctx: Ctx, id: unknown): BoardDoc {
  const b = boards(ctx.tenant).get(String(id));
  if (!b) throw jiraError(404, ['The requested board cannot be viewed because it either does not exist or you do not have permission to view it.']);
  return b;
}

export function sprintOr404(ctx: Ctx, id: unknown): SprintDoc {
  const s = sprints(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, ['Sprint does not exist or you do not have permission to view it.']);
  return s;
}

/** Issues named by key or id in an Agile body (`issues: [...]`); an unknown one fails the whole call. */
export function issuesNamed(ctx: Ctx, list: unknown): IssueDoc[] {
  if (!Array.isArray(list) || !list.length) throw jiraError(400, ['issues: The list of issues must not be empty.']);
  if (list.length > 50) throw jiraError(400, ['issues: At most 50 issues can be moved in one request.']);
  return list.map((k) => findIssue(ctx.tenant, k) ?? (() => { throw jiraError(404, [`Issue does not exist or you do not have permission to see it: ${String(k)}`]); })());
}

/** Agile's page of values: startAt/maxResults/total/isLast (default page size 50). */
export function valuesPage<T>(ctx: Ctx, all: T[], dflt = 50) {
  const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
  const maxResults = intParam(ctx.query.maxResults, dflt, 1, dflt);
  const values = all.slice(startAt, startAt + maxResults);
  return { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values };
}

/** Agile's page of issues (the search envelope), each issue with its sprint and epic fields. */
export function issuesPage(ctx: Ctx, all: IssueDoc[]) {
  const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
  const maxResults = intParam(ctx.query.maxResults, 50, 0, 100);
  const v = viewOf(ctx);
  const page = all.slice(startAt, startAt + maxResults);
  return { expand: 'schema,names', startAt, maxResults, total: all.length, issues: page.map((i) => agileIssueJson(v, i, ctx.query.fields)) };
}
