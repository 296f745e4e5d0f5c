// Watchers and votes on issues, and issue links with their link types.
import type { Handlers } from '../../generated/operations.js';
import { isAdfDoc } from '../model/adf.js';
import { fieldErrors, jiraError, MSG } from '../../errors.js';
import { issueRefJson } from '../present/issue.js';
import { userDetails, viewOf } from '../present/site.js';
import { findIssue, isSiteAdmin, issueLinks, issueLinkTypes, issues, nextId, users, type IssueLinkTypeDoc } from '../../store.js';
import { addComments } from './comments.js';
import { emit, intParam, issueOr404, me, pageBean, type Ctx } from './common.js';
import { canSeeIssue } from '../model/permissions.js';

const linkTypeJson = (ctx: Ctx, t: IssueLinkTypeDoc) => ({ id: t.id, name: t.name, inward: t.inward, outward: t.outward, self: `${ctx.baseUrl}/rest/api/3/issueLinkType/${t.id}` });

function linkTypeOr404(ctx: Ctx, id: string): IssueLinkTypeDoc {
  const t = issueLinkTypes(ctx.tenant).get(id);
  if (!t) throw jiraError(404, [`No issue link type with id '${id}' found.`]);
  return t;
}

function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, ['You do not have permission to administer issue link types.']);
}

/** The watcher to add: the JSON string body, or the caller when the body is empty. */
function watcherId(ctx: Ctx): string {
  const b = ctx.body;
  if (b === undefined || b === null || b === '') return me(ctx).accountId;
  if (typeof b !== 'string') throw jiraError(400, ['The request body must be a JSON string holding an account id.']);
  return b;
}

export const socialHandlers = {
  /** `POST /issue/watching`: whether the caller watches each issue named (issues they cannot see are left out). */
  getIsWatchingIssueBulk: (ctx) => {
    const ids = ((ctx.body as { issueIds?: unknown[] } | undefined)?.issueIds ?? []).map(String);
    const u = me(ctx);
    const out: Record<string, boolean> = {};
    for (const id of ids) {
      const i = findIssue(ctx.tenant, id);
      if (i && canSeeIssue(ctx.tenant, u, i)) out[i.id] = i.watchers.includes(u.accountId);
    }
    return { body: { issuesIsWatching: out } };
  },

  /** `GET /label`: every label used on the site, sorted, as a PageBean of strings. */
  getAllLabels: (ctx) => {
    const all = [...new Set(issues(ctx.tenant).values().flatMap((i) => i.labels))].sort();
    return { body: pageBean(ctx, all, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 1000, 1, 1000), { nextPage: false }) };
  },

  getIssueWatchers: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const v = viewOf(ctx);
    const watchers = issue.watchers.map((id) => users(ctx.tenant).get(id)).filter((u) => !!u).map((u) => userDetails(v, u!));
    return { body: { self: `${ctx.baseUrl}/rest/api/3/issue/${issue.key}/watchers`, isWatching: issue.watchers.includes(v.me), watchCount: watchers.length, watchers } };
  },

  addWatcher: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const id = watcherId(ctx);
    const u = users(ctx.tenant).get(id);
    if (!u) throw jiraError(404, [MSG.userNotFound]);
    if (!u.active) throw jiraError(400, [`The user "${u.displayName}" is inactive and cannot watch issues.`]);
    if (!issue.watchers.includes(id)) issues(ctx.tenant).patch(issue.id, { watchers: [...issue.watchers, id] });
    return { status: 204 };
  },

  removeWatcher: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const id = typeof ctx.query.accountId === 'string' ? ctx.query.accountId : undefined;
    if (!id) throw jiraError(400, ["The 'accountId' query parameter needs to be provided."]);
    if (!users(ctx.tenant).get(id)) throw jiraError(404, [MSG.userNotFound]);
    issues(ctx.tenant).patch(issue.id, { watchers: issue.watchers.filter((w) => w !== id) });
    return { status: 204 };
  },

  getVotes: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const v = viewOf(ctx);
    const voters = issue.voters.map((id) => users(ctx.tenant).get(id)).filter((u) => !!u).map((u) => userDetails(v, u!));
    return { body: { self: `${ctx.baseUrl}/rest/api/3/issue/${issue.key}/votes`, votes: voters.length, hasVoted: issue.voters.includes(v.me), voters } };
  },

  /** On Cloud reporters may vote for their own issues (Server refuses them); resolved issues take no votes. */
  addVote: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const id = me(ctx).accountId;
    if (issue.resolutionId) throw jiraError(404, ['You cannot vote for a resolved issue.']);
    if (!issue.voters.includes(id)) issues(ctx.tenant).patch(issue.id, { voters: [...issue.voters, id] });
    return { status: 204 };
  },

  removeVote: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const id = me(ctx).accountId;
    // Withdrawing a vote that is not there succeeds.
    issues(ctx.tenant).patch(issue.id, { voters: issue.voters.filter((x) => x !== id) });
    return { status: 204 };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post */
  linkIssues: (ctx) => {
    const b = ctx.body as { type?: { id?: string; name?: string }; inwardIssue?: { id?: string; key?: string }; outwardIssue?: { id?: string; key?: string }; comment?: Record<string, unknown> };
    const type = b.type?.id ? issueLinkTypes(ctx.tenant).get(String(b.type.id)) : issueLinkTypes(ctx.tenant).find((t) => t.name.toLowerCase() === String(b.type?.name ?? '').toLowerCase());
    if (!type) throw jiraError(404, [b.type?.id ? `No issue link type with id '${b.type.id}' found.` : `No issue link type with name '${b.type?.name ?? ''}' found.`]);
    const inward = findIssue(ctx.tenant, b.inwardIssue?.key ?? b.inwardIssue?.id);
    const outward = findIssue(ctx.tenant, b.outwardIssue?.key ?? b.outwardIssue?.id);
    if (!inward || !outward) throw jiraError(404, [MSG.issueNotFound]);
    if (inward.id === outward.id) throw jiraError(400, ['You cannot link an issue to itself.']);
    if (b.comment !== undefined && !isAdfDoc(b.comment.body)) throw fieldErrors({ comment: MSG.adfRequired });
    const exists = issueLinks(ctx.tenant).find((l) => l.typeId === type.id && l.inwardIssueId === inward.id && l.outwardIssueId === outward.id);
    if (!exists) emit(ctx, { kind: 'issuelink', action: 'created', link: issueLinks(ctx.tenant).put({ id: nextId(ctx.tenant, 'issuelink'), typeId: type.id, inwardIssueId: inward.id, outwardIssueId: outward.id }) });
    if (b.comment) addComments(ctx, inward, [b.comment]);
    return { status: 201 };
  },

  getIssueLink: (ctx) => {
    const l = issueLinks(ctx.tenant).get(ctx.params.linkId);
    const inward = l && issues(ctx.tenant).get(l.inwardIssueId);
    const outward = l && issues(ctx.tenant).get(l.outwardIssueId);
    if (!l || !inward || !outward) throw jiraError(404, [`No issue link with id '${ctx.params.linkId}' exists.`]);
    const v = viewOf(ctx);
    return { body: { id: l.id, self: `${ctx.baseUrl}/rest/api/3/issueLink/${l.id}`, type: linkTypeJson(ctx, linkTypeOr404(ctx, l.typeId)), inwardIssue: issueRefJson(v, inward), outwardIssue: issueRefJson(v, outward) } };
  },

  deleteIssueLink: (ctx) => {
    const link = issueLinks(ctx.tenant).get(ctx.params.linkId);
    if (!link || !issueLinks(ctx.tenant).delete(link.id)) throw jiraError(404, [`No issue link with id '${ctx.params.linkId}' exists.`]);
    emit(ctx, { kind: 'issuelink', action: 'deleted', link });
    return { status: 204 };
  },

  getIssueLinkTypes: (ctx) => ({ body: { issueLinkTypes: issueLinkTypes(ctx.tenant).values().map((t) => linkTypeJson(ctx, t)) } }),
  getIssueLinkType: (ctx) => ({ body: linkTypeJson(ctx, linkTypeOr404(ctx, ctx.params.issueLinkTypeId)) }),

  createIssueLinkType: (ctx) => {
    requireAdmin(ctx);
    const b = ctx.body as { name?: unknown; inward?: unknown; outward?: unknown };
    const errors: Record<string, string> = {};
    for (const k of ['name', 'inward', 'outward'] as const) if (typeof b[k] !== 'string' || !(b[k] as string).trim()) errors[k] = `The ${k} field is required.`;
    if (Object.keys(errors).length) throw fieldErrors(errors);
    if (issueLinkTypes(ctx.tenant).find((t) => t.name.toLowerCase() === String(b.name).toLowerCase())) throw jiraError(400, [`An issue link type with the name '${String(b.name)}' already exists.`]);
    const t = issueLinkTypes(ctx.tenant).put({ id: nextId(ctx.tenant, 'issuelinktype', 10004), name: String(b.name), inward: String(b.inward), outward: String(b.outward) });
    return { status: 201, body: linkTypeJson(ctx, t) };
  },

  updateIssueLinkType: (ctx) => {
    requireAdmin(ctx);
    const t = linkTypeOr404(ctx, ctx.params.issueLinkTypeId);
    const b = ctx.body as Record<string, unknown>;
    for (const k of ['name', 'inward', 'outward'] as const) if (typeof b[k] === 'string' && (b[k] as string).trim()) t[k] = b[k] as string;
    issueLinkTypes(ctx.tenant).put(t);
    return { body: linkTypeJson(ctx, t) };
  },

  deleteIssueLinkType: (ctx) => {
    requireAdmin(ctx);
    const t = linkTypeOr404(ctx, ctx.params.issueLinkTypeId);
    for (const l of issueLinks(ctx.tenant).filter((x) => x.typeId === t.id)) issueLinks(ctx.tenant).delete(l.id);
    issueLinkTypes(ctx.tenant).delete(t.id);
    return { status: 204 };
  },
} satisfies Handlers;
