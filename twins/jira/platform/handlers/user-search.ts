// User searches that answer a narrower question than "who exists": the picker, who holds permissions, who can browse an issue or project, who is assignable in several projects, and matching account ids.
import type { Handlers } from '../../generated/operations.js';
import { jiraError, MSG } from '../../errors.js';
import { findIssue, findProject, users, type ProjectDoc, type UserDoc } from '../../store.js';
import { canSeeIssue, hasPermission, PERMISSION_BY_KEY } from '../model/permissions.js';
import { userDetails, viewOf } from '../present/site.js';
import { intParam, listParam, pageBean, type Ctx } from './common.js';
import { matchesQuery } from './users.js';

/** A page of users the way the list searches answer: a bare array, `startAt`/`maxResults` applied. */
function usersPage(ctx: Ctx, list: UserDoc[], dflt = 50) {
  const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
  const maxResults = intParam(ctx.query.maxResults, dflt, 1, 1000);
  const v = viewOf(ctx);
  return { body: list.slice(startAt, startAt + maxResults).map((u) => userDetails(v, u)) };
}

/** `query` or `accountId` narrows the list; some searches need one of them (Jira's 400 otherwise). */
function narrowed(ctx: Ctx, list: UserDoc[], required: boolean): UserDoc[] {
  const q = ctx.query.query;
  const accountId = ctx.query.accountId;
  if (required && (q === undefined || q === '') && !accountId) throw jiraError(400, ["One of 'query' or 'accountId' parameters must be provided."]);
  return list.filter((u) => (!accountId || u.accountId === accountId) && (q === undefined || matchesQuery(u, String(q))));
}

/** The project named by `projectKey`, or the issue by `issueKey` (404 in Jira's words when unknown). */
function scope(ctx: Ctx): { project?: ProjectDoc; issue?: ReturnType<typeof findIssue> } {
  if (ctx.query.issueKey !== undefined) {
    const issue = findIssue(ctx.tenant, String(ctx.query.issueKey));
    if (!issue) throw jiraError(404, [MSG.issueNotFound]);
    return { issue, project: findProject(ctx.tenant, issue.projectId) };
  }
  if (ctx.query.projectKey !== undefined) {
    const project = findProject(ctx.tenant, String(ctx.query.projectKey));
    if (!project) throw jiraError(404, [MSG.projectNotFoundKey(String(ctx.query.projectKey))]);
    return { project };
  }
  return {};
}

/** Bolds the first match of `q` (case-insensitively), as the picker's `html` does. */
function highlight(text: string, q: string): string {
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  return at < 0 ? text : `${text.slice(0, at)}<strong>${text.slice(at, at + q.length)}</strong>${text.slice(at + q.length)}`;
}

const active = (ctx: Ctx) => users(ctx.tenant).filter((u) => u.active);

export const userSearchHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-picker-get */
  findUsersForPicker: (ctx) => {
    const q = String(ctx.query.query ?? '');
    const excluded = new Set([...listParam(ctx.query.exclude), ...listParam(ctx.query.excludeAccountIds)]);
    const skipApps = String(ctx.query.excludeConnectUsers) === 'true';
    const all = active(ctx).filter((u) => matchesQuery(u, q) && !excluded.has(u.accountId) && !(skipApps && u.accountType === 'app'));
    const maxResults = intParam(ctx.query.maxResults, 50, 0, 1000);
    const v = viewOf(ctx);
    const shown = all.slice(0, maxResults).map((u) => ({
      accountId: u.accountId,
      html: highlight(u.displayName, q.trim()),
      displayName: u.displayName,
      ...(String(ctx.query.showAvatar) === 'true' ? { avatarUrl: userDetails(v, u).avatarUrls['24x24' as keyof ReturnType<typeof userDetails>['avatarUrls']] } : {}),
    }));
    return { body: { users: shown, total: all.length, header: `Showing ${shown.length} of ${all.length} matching users` } };
  },

  /** Users holding every named permission, in the project or issue given (globally otherwise). */
  findUsersWithAllPermissions: (ctx) => {
    const keys = listParam(ctx.query.permissions);
    if (!keys.length) throw jiraError(400, ['The permissions query parameter is required.']);
    const unknown = keys.find((k) => !PERMISSION_BY_KEY.has(k));
    if (unknown) throw jiraError(400, [`The permission key '${unknown}' is not valid.`]);
    const { project, issue } = scope(ctx);
    const list = narrowed(ctx, active(ctx), false).filter((u) => keys.every((k) => hasPermission(ctx.tenant, u, k, project)) && (!issue || canSeeIssue(ctx.tenant, u, issue)));
    return usersPage(ctx, list);
  },

  /** Users who can see the issue (or browse the project); a query or account id is required. */
  findUsersWithBrowsePermission: (ctx) => {
    const { project, issue } = scope(ctx);
    const list = narrowed(ctx, active(ctx), true).filter((u) => (issue ? canSeeIssue(ctx.tenant, u, issue) : hasPermission(ctx.tenant, u, 'BROWSE_PROJECTS', project)));
    return usersPage(ctx, list);
  },

  /** Users assignable in every one of `projectKeys`. */
  findBulkAssignableUsers: (ctx) => {
    const keys = listParam(ctx.query.projectKeys);
    if (!keys.length) throw jiraError(400, ['The projectKeys query parameter is required.']);
    const list = keys.map((k) => findProject(ctx.tenant, k) ?? (() => { throw jiraError(404, [MSG.projectNotFoundKey(k)]); })());
    const found = narrowed(ctx, active(ctx), false).filter((u) => list.every((p) => hasPermission(ctx.tenant, u, 'ASSIGNABLE_USER', p)));
    return usersPage(ctx, found);
  },

  /** Account ids of the users a query matches, as a page. */
  findUserKeysByQuery: (ctx) => {
    const q = ctx.query.query;
    if (q === undefined || q === '') throw jiraError(400, ['The query parameter is required.']);
    const list = users(ctx.tenant).filter((u) => matchesQuery(u, String(q))).map((u) => ({ accountId: u.accountId }));
    return { body: pageBean(ctx, list, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 100, 1, 1000)) };
  },
} satisfies Handlers;
