// Work logs on issues: list, add (durations like `3h 20m`), read, edit and delete, with Jira's time-tracking rules.
import type { Handlers } from '../../generated/operations.js';
import { isAdfDoc } from '../model/adf.js';
import { fieldErrors, jiraError, MSG } from '../../errors.js';
import { parseDuration, worklogJson, viewOf } from '../present/site.js';
import { isSiteAdmin, issues, nextId, worklogs, type IssueDoc, type WorklogDoc } from '../../store.js';
import { canSeeIssue } from '../model/permissions.js';
import { emit, intParam, issueOr404, me, nowIso, recordChange, requirePermission, type Ctx, refuseArchived } from './common.js';

/** Jira's worklog `started` format: `2021-01-17T12:34:00.000+0000`. */
function parseStarted(v: unknown): string | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(v)) return undefined;
  const iso = `${v.slice(0, 23)}${v.slice(23, 26)}:${v.slice(26)}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function worklogInput(ctx: Ctx, body: unknown, existing?: WorklogDoc): Pick<WorklogDoc, 'timeSpentSeconds' | 'started' | 'comment'> {
  const b = (body && typeof body === 'object' ? body : {}) as { timeSpent?: unknown; timeSpentSeconds?: unknown; started?: unknown; comment?: unknown };
  const errors: Record<string, string> = {};
  let seconds = existing?.timeSpentSeconds;
  if (typeof b.timeSpentSeconds === 'number') seconds = b.timeSpentSeconds;
  else if (typeof b.timeSpent === 'string') seconds = parseDuration(b.timeSpent);
  if (b.timeSpent !== undefined && typeof b.timeSpent === 'string' && parseDuration(b.timeSpent) === undefined) errors.timeLogged = 'Invalid time duration entered.';
  else if (seconds === undefined) errors.timeLogged = 'You must indicate the time spent working.';
  else if (!(seconds > 0)) errors.timeLogged = 'Time Spent must be greater than zero.';
  let started = existing?.started ?? nowIso(ctx);
  if (b.started !== undefined) {
    const s = parseStarted(b.started);
    if (!s) errors.started = 'Invalid date format. Please enter the date in the format "yyyy-MM-dd\'T\'HH:mm:ss.SSSZ".';
    else started = s;
  }
  if (b.comment !== undefined && b.comment !== null && !isAdfDoc(b.comment)) errors.comment = MSG.adfRequired;
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return { timeSpentSeconds: seconds!, started, comment: b.comment === undefined ? existing?.comment : b.comment };
}

function worklogOr404(ctx: Ctx, issue: IssueDoc, id: string): WorklogDoc {
  const w = worklogs(ctx.tenant, issue.id).get(id);
  if (!w) throw jiraError(404, [MSG.worklogNotFound(id)]);
  return w;
}

function requireOwnerOrAdmin(ctx: Ctx, w: WorklogDoc): void {
  const user = me(ctx);
  if (w.authorId !== user.accountId && !isSiteAdmin(user)) throw jiraError(403, ['You do not have the permission to edit or delete this worklog.']);
}

/** Every worklog on issues the caller can see, across the site. */
function visibleWorklogs(ctx: Ctx): WorklogDoc[] {
  const u = me(ctx);
  return issues(ctx.tenant).filter((i) => canSeeIssue(ctx.tenant, u, i)).flatMap((i) => worklogs(ctx.tenant, i.id).values());
}

export const worklogHandlers = {
  /** `POST /worklog/list`: worklogs by id (at most 1000), skipping ids that do not exist or cannot be seen. */
  getWorklogsForIds: (ctx) => {
    const ids = new Set(((ctx.body as { ids?: unknown[] } | undefined)?.ids ?? []).map(String));
    if (ids.size > 1000) throw jiraError(400, ['The number of worklog IDs must not exceed 1000.']);
    const v = viewOf(ctx);
    return { body: visibleWorklogs(ctx).filter((w) => ids.has(w.id)).map((w) => worklogJson(v, w)) };
  },

  /**
   * `GET /worklog/updated`: ids of worklogs changed at or after `since` (epoch ms), oldest first, 1000 a page.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-worklog-updated-get
   */
  getIdsOfWorklogsModifiedSince: (ctx) => {
    const since = intParam(ctx.query.since, 0, 0, Number.MAX_SAFE_INTEGER);
    const changed = visibleWorklogs(ctx)
      .map((w) => ({ worklogId: Number(w.id), updatedTime: Date.parse(w.updated), properties: [] as unknown[] }))
      .filter((x) => x.updatedTime >= since)
      .sort((a, b) => a.updatedTime - b.updatedTime || a.worklogId - b.worklogId);
    const page = changed.slice(0, 1000);
    const lastPage = page.length === changed.length;
    const until = page.length ? page[page.length - 1].updatedTime : ctx.now().getTime();
    const self = `${ctx.baseUrl}/rest/api/3/worklog/updated?since=${since}`;
    return { body: { values: page, since, until, self, lastPage, ...(lastPage ? {} : { nextPage: `${ctx.baseUrl}/rest/api/3/worklog/updated?since=${until}` }) } };
  },

  getIssueWorklog: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const after = Number(ctx.query.startedAfter ?? NaN);
    const before = Number(ctx.query.startedBefore ?? NaN);
    const all = worklogs(ctx.tenant, issue.id).values()
      .filter((w) => (Number.isNaN(after) || Date.parse(w.started) >= after) && (Number.isNaN(before) || Date.parse(w.started) <= before))
      .sort((a, b) => a.started.localeCompare(b.started));
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 5000, 1, 5000);
    const v = viewOf(ctx);
    return { body: { startAt, maxResults, total: all.length, worklogs: all.slice(startAt, startAt + maxResults).map((w) => worklogJson(v, w)) } };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-worklogs/#api-rest-api-3-issue-issueidorkey-worklog-post */
  addWorklog: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    requirePermission(ctx, 'WORK_ON_ISSUES', issue.projectId, MSG.noWorklogPermission);
    refuseArchived(ctx, issue);
    const input = worklogInput(ctx, ctx.body);
    const now = nowIso(ctx);
    const author = me(ctx).accountId;
    const w = worklogs(ctx.tenant, issue.id).put({ id: nextId(ctx.tenant, 'worklog'), issueId: issue.id, authorId: author, updateAuthorId: author, created: now, updated: now, ...input });
    recordChange(ctx, issue, []);
    emit(ctx, { kind: 'worklog', action: 'created', issue, worklog: w });
    return { status: 201, body: worklogJson(viewOf(ctx), w) };
  },

  getWorklog: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    return { body: worklogJson(viewOf(ctx), worklogOr404(ctx, issue, ctx.params.id)) };
  },

  updateWorklog: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const w = worklogOr404(ctx, issue, ctx.params.id);
    requireOwnerOrAdmin(ctx, w);
    Object.assign(w, worklogInput(ctx, ctx.body, w), { updated: nowIso(ctx), updateAuthorId: me(ctx).accountId });
    worklogs(ctx.tenant, issue.id).put(w);
    recordChange(ctx, issue, []);
    emit(ctx, { kind: 'worklog', action: 'updated', issue, worklog: w });
    return { body: worklogJson(viewOf(ctx), w) };
  },

  deleteWorklog: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const w = worklogOr404(ctx, issue, ctx.params.id);
    requireOwnerOrAdmin(ctx, w);
    worklogs(ctx.tenant, issue.id).delete(w.id);
    recordChange(ctx, issue, []);
    emit(ctx, { kind: 'worklog', action: 'deleted', issue, worklog: w });
    return { status: 204 };
  },
} satisfies Handlers;
