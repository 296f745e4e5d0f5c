// Epics and Agile issues: an epic and its issues (the `parent` link), issues without an epic, epic edits, rank, and an issue with its sprint, epic and estimation.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { findIssue, issues, type IssueDoc } from '../../store.js';
import { expandSet } from '../../platform/model/fields.js';
import { issueOr404, me, objectBody, recordChange, type Ctx } from '../../platform/handlers/common.js';
import { viewOf } from '../../platform/present/site.js';
import { queryIssues } from '../../platform/model/jql/search.js';
import { canHaveEpic, epicIssues, epicOf, isEpic } from '../model/agile.js';
import { rankIssues } from '../../platform/model/rank.js';
import { agileIssueJson, epicJson } from '../present/agile.js';
import { issuesNamed, issuesPage } from './common.js';

function epicOr404(ctx: Ctx, idOrKey: unknown): IssueDoc {
  const e = findIssue(ctx.tenant, idOrKey);
  if (!e || !isEpic(ctx.tenant, e)) throw jiraError(404, [`The epic '${String(idOrKey)}' does not exist or you do not have permission to see it.`]);
  return e;
}

/** Narrows a list by the caller's `jql` (Agile's epic and sprint issue lists accept one). */
function withJql(ctx: Ctx, list: IssueDoc[]): IssueDoc[] {
  const jql = typeof ctx.query.jql === 'string' && ctx.query.jql.trim() ? ctx.query.jql : undefined;
  if (!jql) return list;
  try {
    const hits = new Set(queryIssues(ctx.tenant, me(ctx).accountId, ctx.now(), jql).map((i) => i.id));
    return list.filter((i) => hits.has(i.id));
  } catch (e) {
    const messages = (e as { messages?: string[] }).messages;
    if (messages) throw jiraError(400, messages);
    throw e;
  }
}

/** Sets or clears an issue's epic (its parent), recording the change as Jira's history does. */
function setEpic(ctx: Ctx, i: IssueDoc, epic: IssueDoc | undefined): void {
  const before = i.parentId ? issues(ctx.tenant).get(i.parentId) : undefined;
  if (before?.id === epic?.id) return;
  i.parentId = epic?.id ?? null;
  recordChange(ctx, i, [{ field: 'IssueParentAssociation', fieldtype: 'jira', fieldId: 'parent', from: before?.id ?? null, fromString: before?.key ?? null, to: epic?.id ?? null, toString: epic?.key ?? null }]);
}

const ranked = (list: IssueDoc[]) => [...list].sort((a, b) => (a.rank ?? '').localeCompare(b.rank ?? '') || Number(a.id) - Number(b.id));

export const epicHandlers = {
  getEpic: (ctx) => ({ body: epicJson(viewOf(ctx), epicOr404(ctx, ctx.params.epicIdOrKey)) }),
  partiallyUpdateEpic: (ctx) => {
    const e = epicOr404(ctx, ctx.params.epicIdOrKey);
    const b = objectBody(ctx);
    const name = b.name ?? b.summary;
    if (name !== undefined) {
      if (typeof name !== 'string' || !name.trim()) throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
      recordChange(ctx, e, [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary', from: null, fromString: e.summary, to: null, toString: name }]);
      e.summary = name;
      issues(ctx.tenant).put(e);
    }
    return { body: epicJson(viewOf(ctx), e) };
  },
  getIssuesForEpic: (ctx) => ({ body: issuesPage(ctx, ranked(withJql(ctx, epicIssues(ctx.tenant, epicOr404(ctx, ctx.params.epicIdOrKey))))) }),
  moveIssuesToEpic: (ctx) => {
    const e = epicOr404(ctx, ctx.params.epicIdOrKey);
    const list = issuesNamed(ctx, objectBody(ctx).issues);
    const bad = list.find((i) => !canHaveEpic(ctx.tenant, i));
    if (bad) throw jiraError(400, [`Issue ${bad.key} cannot be added to an epic: epics and sub-tasks cannot belong to an epic.`]);
    for (const i of list) setEpic(ctx, i, e);
    return { status: 204 };
  },
  getIssuesWithoutEpic: (ctx) => {
    const list = issues(ctx.tenant).filter((i) => canHaveEpic(ctx.tenant, i) && !epicOf(ctx.tenant, i));
    return { body: issuesPage(ctx, ranked(withJql(ctx, list))) };
  },
  removeIssuesFromEpic: (ctx) => {
    for (const i of issuesNamed(ctx, objectBody(ctx).issues)) if (epicOf(ctx.tenant, i)) setEpic(ctx, i, undefined);
    return { status: 204 };
  },
  rankEpics: (ctx) => {
    const e = epicOr404(ctx, ctx.params.epicIdOrKey);
    const b = objectBody(ctx);
    const anchor = b.rankBeforeEpic ?? b.rankAfterEpic;
    if (anchor === undefined) throw jiraError(400, ['rankBeforeEpic or rankAfterEpic must be given.']);
    rankIssues(ctx.tenant, [e], epicOr404(ctx, anchor), b.rankBeforeEpic !== undefined ? 'before' : 'after');
    return { status: 204 };
  },
  rankIssues: (ctx) => {
    const b = objectBody(ctx);
    const list = issuesNamed(ctx, b.issues);
    const anchorRef = b.rankBeforeIssue ?? b.rankAfterIssue;
    if (anchorRef === undefined) throw jiraError(400, ['rankBeforeIssue or rankAfterIssue must be given.']);
    const anchor = findIssue(ctx.tenant, anchorRef);
    if (!anchor) throw jiraError(400, [`Issue ${String(anchorRef)} does not exist.`]);
    // Ranking an issue relative to itself is accepted and changes nothing.
    if (list.some((i) => i.id === anchor.id)) return { status: 204 };
    rankIssues(ctx.tenant, list, anchor, b.rankBeforeIssue !== undefined ? 'before' : 'after');
    return { status: 204 };
  },
  getAgileIssue: (ctx) => ({ body: agileIssueJson(viewOf(ctx), issueOr404(ctx, ctx.params.issueIdOrKey), ctx.query.fields, expandSet(ctx.query.expand)) }),
  getIssueEstimationForBoard: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    const v = i.extra?.customfield_10016;
    return { body: { fieldId: 'customfield_10016', value: typeof v === 'number' ? v : null } };
  },
  estimateIssueForBoard: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    const raw = objectBody(ctx).value;
    const value = raw === null || raw === undefined || raw === '' ? null : Number(raw);
    if (value !== null && !Number.isFinite(value)) throw fieldErrors({ value: 'The estimate must be a number.' });
    i.extra = { ...(i.extra ?? {}), customfield_10016: value };
    issues(ctx.tenant).put(i);
    return { body: { fieldId: 'customfield_10016', value } };
  },
} satisfies Handlers;
