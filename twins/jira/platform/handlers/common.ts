// Helpers the resource handlers share: lookups that fail in Jira's words, paging envelopes, admin checks and issue history.
import type { OpContext } from '../../../../src/core/handler.js';
import { fieldErrors, jiraError, MSG, notFoundIssue } from '../../errors.js';
import { announce, heard, type SiteEvent } from '../model/events.js';
import { canSeeIssue, hasPermission } from '../model/permissions.js';
import { findIssue, findProject, isSiteAdmin, issues, recordHistory, nextId, projects, tasks, users, type ChangeItem, type IssueDoc, type ProjectDoc, type UserDoc } from '../../store.js';

export type Ctx = OpContext<any, any, any>;

export const me = (ctx: Ctx): UserDoc => users(ctx.tenant).get(String(ctx.principal.subject))!;
/** The twin clock as ISO text, formatted once per millisecond shown (a create reads it for several fields). */
let isoMs = NaN;
let isoText = '';
export function nowIso(ctx: Ctx): string {
  const ms = ctx.now().getTime();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

/** An issue the caller may see; one they may not is answered exactly like one that does not exist (Jira's 404). */
export function issueOr404(ctx: Ctx, idOrKey: unknown): IssueDoc {
  const issue = findIssue(ctx.tenant, idOrKey);
  if (!issue || !canSeeIssue(ctx.tenant, me(ctx), issue)) throw notFoundIssue();
  return issue;
}

/** A project the caller may browse (or administer); others are not found. */
export function projectOr404(ctx: Ctx, idOrKey: string): ProjectDoc {
  const p = findProject(ctx.tenant, idOrKey);
  const u = me(ctx);
  // Project keys in REST paths are case sensitive ("projectIdOrKey: The project ID or project key (case sensitive)").
  const keyMatches = !p || /^\d+$/.test(idOrKey) || p.key === idOrKey || (p.previousKeys ?? []).includes(idOrKey);
  if (p && keyMatches && (isSiteAdmin(u) || hasPermission(ctx.tenant, u, 'BROWSE_PROJECTS', p))) return p;
  throw jiraError(404, [/^\d+$/.test(idOrKey) ? MSG.projectNotFoundId(idOrKey) : MSG.projectNotFoundKey(idOrKey)]);
}

/**
 * A project permission the caller must hold for an operation on an issue they can see: 403 with Jira's
 * sentence when they lack it (they could see the issue, so it is not hidden behind a 404).
 */
export function requirePermission(ctx: Ctx, key: string, projectId: string, message: string): void {
  const p = projects(ctx.tenant).get(projectId);
  if (!p || !hasPermission(ctx.tenant, me(ctx), key, p)) throw jiraError(403, [message]);
}

/** Site administration (Administer Jira): 403 with the operation's own sentence otherwise. */
export function requireSiteAdmin(ctx: Ctx, message: string): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, [message]);
}

export function requireProjectAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, [MSG.notAdminProjects]);
}

/** A non-negative integer query parameter, clamped the way Jira clamps page sizes. */
/**
 * A JSON string reply. Where the reference declares `application/json` with a string schema (preferences,
 * project key and name suggestions) Jira sends `"value"` as JSON, which clients parse; a bare string would go
 * out as text/plain.
 */
export const jsonString = (value: string) => ({ body: JSON.stringify(value) as never, headers: { 'content-type': 'application/json;charset=UTF-8' } });

export function intParam(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : dflt;
}

/** Query values that may arrive repeated or comma-joined (`id=1&id=2`, `id=1,2`). */
export function listParam(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v];
  return list.flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Jira's PageBean: `self`, `nextPage` while more remain, and the offsets.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#pagination
 */
export function pageBean<T>(ctx: Ctx, all: T[], startAt: number, maxResults: number, opts: { nextPage?: boolean } = {}) {
  const values = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= all.length;
  const url = new URL(ctx.req.url);
  const self = `${ctx.baseUrl}${url.pathname}${url.search}`;
  const out: Record<string, unknown> = { self };
  if (!isLast && opts.nextPage !== false) {
    const next = new URLSearchParams(url.search);
    next.set('startAt', String(startAt + maxResults));
    next.set('maxResults', String(maxResults));
    out.nextPage = `${ctx.baseUrl}${url.pathname}?${next}`;
  }
  Object.assign(out, { maxResults, startAt, total: all.length, isLast, values });
  return out;
}

type WithoutOrigin<T> = T extends unknown ? Omit<T, 'actorId' | 'baseUrl'> : never;

/** Announces a change made by the caller (webhooks subscribe to these); a site nobody listens to is not told. */
export function emit(ctx: Ctx, event: WithoutOrigin<SiteEvent>): void {
  if (!heard(ctx.tenant)) return;
  announce(ctx.tenant, { ...event, actorId: String(ctx.principal.subject ?? ''), baseUrl: ctx.baseUrl } as SiteEvent);
}

/**
 * Records a change group on the issue's history and bumps `updated`; a change with items is announced as
 * `jira:issue_updated` with its changelog (unless `quiet`, for changes that are part of a creation).
 */
export function recordChange(ctx: Ctx, issue: IssueDoc, items: ChangeItem[], opts: { quiet?: boolean } = {}): void {
  const at = nowIso(ctx);
  const group = items.length ? { id: nextId(ctx.tenant, 'changegroup'), authorId: me(ctx).accountId, created: at, items } : undefined;
  if (group) recordHistory(ctx.tenant, issue.id, group);
  issue.updated = at;
  issues(ctx.tenant).put(issue);
  if (group && !opts.quiet) emit(ctx, { kind: 'issue', action: 'updated', issue, changelog: group });
}

/** A body field that must be an object, else Jira's request-level 400. */
export function objectBody(ctx: Ctx): Record<string, unknown> {
  const b = ctx.body;
  if (!b || typeof b !== 'object' || Array.isArray(b) || b instanceof Uint8Array) throw jiraError(400, ['A request body is required.']);
  return b as Record<string, unknown>;
}

/** A finished long-running task (TaskProgressBean): the twin does the work before answering. */
export function recordTask(ctx: Ctx, description: string, result: unknown = null) {
  const id = nextId(ctx.tenant, 'task');
  const at = ctx.now().getTime();
  const self = `${ctx.baseUrl}/rest/api/3/task/${id}`;
  return tasks(ctx.tenant).put({ id, self, description, status: 'COMPLETE', result, submittedBy: 0, progress: 100, elapsedRuntime: 0, submitted: at, started: at, finished: at, lastUpdate: at });
}

/** Jira's asynchronous operations answer 303 to a task; here the work is already done, so the task is COMPLETE. */
export function completedTask(ctx: Ctx, description: string, result: unknown = null) {
  const task = recordTask(ctx, description, result);
  return { status: 303, headers: { location: String(task.self) }, body: task };
}

/** Archived issues (and issues of archived projects) are read-only until restored. */
export function refuseArchived(ctx: Ctx, issue: IssueDoc): void {
  if (issue.archivedAt || projects(ctx.tenant).get(issue.projectId)?.archivedAt) throw jiraError(400, [`The issue ${issue.key} is archived and can't be edited.`]);
}

/** The next number of a site-wide id sequence, as a string id. */
export const nextIdOf = (ctx: Ctx, kind: string) => nextId(ctx.tenant, kind);

/**
 * The usage pages of the workflow, workflow scheme and status APIs: `{values: [{id}], nextPageToken}`, paged by an
 * opaque token (here the next offset). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-statusid-projectusages-get
 */
export function usagePage(ctx: Ctx, ids: string[]) {
  const start = intParam(ctx.query.nextPageToken, 0, 0, Number.MAX_SAFE_INTEGER);
  const max = intParam(ctx.query.maxResults, 50, 1, 200);
  const values = ids.slice(start, start + max).map((id) => ({ id }));
  return start + max < ids.length ? { nextPageToken: String(start + max), values } : { values };
}

/**
 * A scheme's or configuration's name as Jira's admin APIs check it: trimmed, not empty, at most `max` characters,
 * and unique (case-insensitively) among `others` apart from the one being renamed (`except`).
 */
export function uniqueName(raw: unknown, what: string, others: Array<{ id: string; name: string }>, except?: string, max = 255): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (!name) throw fieldErrors({ name: `The ${what} name must not be empty.` });
  if (name.length > max) throw fieldErrors({ name: `The ${what} name must not be longer than ${max} characters.` });
  const article = /^[aeiou]/i.test(what) ? 'An' : 'A';
  if (others.some((x) => x.id !== except && x.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: `${article} ${what} with this name already exists.` });
  return name;
}
