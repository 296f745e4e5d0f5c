// Users: the caller (`myself`), lookups by account id, searches, listings, and admin create/remove.
import { groupIdOf } from '../model/groups.js';
import type { Handlers } from '../../generated/operations.js';
import { jiraError, MSG } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { userDetails, userFull, viewOf } from '../present/site.js';
import { addUser } from '../../seed.js';
import { credentials, findIssue, findProject, isSiteAdmin, users, type UserDoc } from '../../store.js';
import { intParam, listParam, me, pageBean, type Ctx } from './common.js';

/** Jira's user search matches the start of any word of the display name or the email address. */
export function matchesQuery(u: UserDoc, q: string): boolean {
  const s = q.trim().toLowerCase();
  if (!s) return true;
  if (u.emailAddress.toLowerCase().startsWith(s) || u.accountId === q.trim()) return true;
  const name = u.displayName.toLowerCase();
  return name.startsWith(s) || name.split(/\s+/).some((w) => w.startsWith(s));
}

export function userOr404(ctx: Ctx, accountId: unknown): UserDoc {
  if (typeof accountId !== 'string' || !accountId) throw jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
  const u = users(ctx.tenant).get(accountId);
  if (!u) throw jiraError(404, [MSG.userNotFound]);
  return u;
}

const page = (ctx: Ctx, list: UserDoc[]) => {
  const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
  const maxResults = intParam(ctx.query.maxResults, 50, 1, 1000);
  const v = viewOf(ctx);
  return list.slice(startAt, startAt + maxResults).map((u) => userDetails(v, u));
};

export const userHandlers = {
  getCurrentUser: (ctx) => ({ body: userFull(viewOf(ctx), me(ctx), expandSet(ctx.query.expand)) }),

  getUser: (ctx) => ({ body: userFull(viewOf(ctx), userOr404(ctx, ctx.query.accountId), expandSet(ctx.query.expand)) }),

  findUsers: (ctx) => {
    const q = ctx.query.query;
    const accountId = ctx.query.accountId;
    if (q === undefined && accountId === undefined && ctx.query.property === undefined) {
      throw jiraError(400, ["One of 'query' or 'accountId' parameters must be provided."]);
    }
    const list = users(ctx.tenant).filter((u) => (accountId === undefined || u.accountId === accountId) && (q === undefined || matchesQuery(u, String(q))));
    return { body: page(ctx, list) };
  },

  findUsersByQuery: (ctx) => {
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 100, 1, 1000);
    // Structured user queries (`is assignee of PROJ`) are not modelled; plain text matches names and emails.
    const list = users(ctx.tenant).filter((u) => matchesQuery(u, String(ctx.query.query ?? '')));
    return { body: pageBean(ctx, list.map((u) => userDetails(viewOf(ctx), u)), startAt, maxResults) };
  },

  findAssignableUsers: (ctx) => {
    const { project, issueKey } = ctx.query as { project?: string; issueKey?: string };
    if (!project && !issueKey) throw jiraError(400, ['A project key or issue key must be specified.']);
    if (project && !findProject(ctx.tenant, project)) throw jiraError(404, [MSG.projectNotFoundKey(project)]);
    if (issueKey && !findIssue(ctx.tenant, issueKey)) throw jiraError(404, [MSG.issueNotFound]);
    // App accounts hold no product licence, so they are never assignable.
    const list = users(ctx.tenant).filter((u) => u.active && u.accountType === 'atlassian' && matchesQuery(u, String(ctx.query.query ?? ctx.query.accountId ?? '')));
    return { body: page(ctx, list) };
  },

  bulkGetUsers: (ctx) => {
    const ids = listParam(ctx.query.accountId);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 10, 1, 200);
    const v = viewOf(ctx);
    const list = ids.map((id) => users(ctx.tenant).get(id)).filter((u): u is UserDoc => !!u).map((u) => userDetails(v, u));
    return { body: pageBean(ctx, list, startAt, maxResults) };
  },

  getAllUsers: (ctx) => ({ body: page(ctx, users(ctx.tenant).values()) }),
  getAllUsersDefault: (ctx) => ({ body: page(ctx, users(ctx.tenant).values()) }),

  getUserGroups: (ctx) => {
    const u = userOr404(ctx, ctx.query.accountId);
    return { body: u.groups.map((name) => ({ name, groupId: groupIdOf(name), self: `${ctx.baseUrl}/rest/api/3/group?groupId=${groupIdOf(name)}` })) };
  },

  /** Site admins invite users by email; the account starts active with product access to Jira. */
  createUser: (ctx) => {
    if (!isSiteAdmin(me(ctx))) throw jiraError(403, ['You do not have permission to create users.']);
    const b = (ctx.body ?? {}) as { emailAddress?: unknown; displayName?: unknown };
    const email = typeof b.emailAddress === 'string' ? b.emailAddress.trim() : '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw jiraError(400, [], { emailAddress: 'You must specify a valid email address.' });
    if (users(ctx.tenant).find((u) => u.emailAddress.toLowerCase() === email.toLowerCase())) {
      throw jiraError(400, [], { emailAddress: 'A user with that email address already exists.' });
    }
    const displayName = typeof b.displayName === 'string' && b.displayName.trim() ? b.displayName.trim() : email.split('@')[0];
    const u = addUser(ctx.tenant, { displayName, email });
    return { status: 201, body: userFull(viewOf(ctx), u, new Set()) };
  },

  /** Removing a user deletes the account from the site; their API tokens stop working. */
  removeUser: (ctx) => {
    if (!isSiteAdmin(me(ctx))) throw jiraError(403, ['You do not have permission to delete users.']);
    const u = userOr404(ctx, ctx.query.accountId);
    if (u.accountId === me(ctx).accountId) throw jiraError(400, ['You cannot delete yourself.']);
    users(ctx.tenant).delete(u.accountId);
    for (const c of credentials(ctx.tenant).filter((c) => c.accountId === u.accountId)) credentials(ctx.tenant).delete(c.id);
    return { status: 204 };
  },
} satisfies Handlers;
