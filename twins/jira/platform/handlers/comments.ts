// Issue comments: list (paged, ordered), add with ADF bodies, read, edit and delete (authors and admins only), and fetch by ids.
import type { Handlers } from '../../generated/operations.js';
import { isAdfDoc } from '../model/adf.js';
import { fieldErrors, jiraError, MSG } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { commentJson, viewOf } from '../present/site.js';
import { comments, isSiteAdmin, issues, nextId, type CommentDoc, type IssueDoc } from '../../store.js';
import { emit, intParam, issueOr404, me, nowIso, recordChange, requirePermission, type Ctx, refuseArchived } from './common.js';

type Visibility = CommentDoc['visibility'];

/** Checks a comment body and visibility the way Jira's comment service does. */
function commentInput(body: unknown): { adf: unknown; visibility: Visibility } {
  const b = (body && typeof body === 'object' ? body : {}) as { body?: unknown; visibility?: unknown };
  if (b.body === undefined || b.body === null || b.body === '') throw fieldErrors({ comment: 'Comment body can not be empty!' });
  if (!isAdfDoc(b.body)) throw fieldErrors({ comment: MSG.adfRequired });
  let visibility: Visibility;
  if (b.visibility !== undefined && b.visibility !== null) {
    const v = b.visibility as { type?: unknown; value?: unknown; identifier?: unknown };
    if (v.type !== 'group' && v.type !== 'role') throw fieldErrors({ commentLevel: 'Visibility type must be either group or role.' });
    visibility = { type: v.type, ...(typeof v.value === 'string' ? { value: v.value } : {}), ...(typeof v.identifier === 'string' ? { identifier: v.identifier } : {}) };
  }
  return { adf: b.body, visibility };
}

/** Adds comments (from the comments endpoint or an `update.comment` operation); bumps the issue's `updated`. */
export function addComments(ctx: Ctx, issue: IssueDoc, inputs: Array<Record<string, unknown>>): CommentDoc[] {
  if (inputs.length) requirePermission(ctx, 'ADD_COMMENTS', issue.projectId, MSG.noCommentPermission);
  const now = nowIso(ctx);
  const author = me(ctx).accountId;
  const out = inputs.map((raw) => {
    const { adf, visibility } = commentInput(raw);
    const doc: CommentDoc = { id: nextId(ctx.tenant, 'comment'), issueId: issue.id, authorId: author, updateAuthorId: author, body: adf, created: now, updated: now };
    if (visibility) doc.visibility = visibility;
    return comments(ctx.tenant, issue.id).put(doc);
  });
  if (out.length) {
    issue.updated = now;
    issues(ctx.tenant).put(issue);
  }
  // Jira sends comment_created, and jira:issue_updated with the comment (event type issue_commented).
  for (const c of out) {
    emit(ctx, { kind: 'comment', action: 'created', issue, comment: c });
    emit(ctx, { kind: 'issue', action: 'updated', issue, comment: c, typeName: 'issue_commented' });
  }
  return out;
}

function commentOr404(ctx: Ctx, issue: IssueDoc, id: string): CommentDoc {
  const c = comments(ctx.tenant, issue.id).get(id);
  if (!c) throw jiraError(404, [MSG.commentNotFound(id)]);
  return c;
}

/** Jira lets authors edit and delete their own comments, and administrators anyone's. */
function requireOwnerOrAdmin(ctx: Ctx, c: CommentDoc, verb: 'edit' | 'delete'): void {
  const user = me(ctx);
  if (c.authorId !== user.accountId && !isSiteAdmin(user)) throw jiraError(403, [`You do not have the permission to ${verb} this comment.`]);
}

const ordered = (list: CommentDoc[], orderBy: unknown) => {
  const sorted = [...list].sort((a, b) => a.created.localeCompare(b.created) || Number(a.id) - Number(b.id));
  return orderBy === '-created' ? sorted.reverse() : sorted;
};

export const commentHandlers = {
  getComments: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 5000, 1, 5000);
    const all = ordered(comments(ctx.tenant, issue.id).values(), ctx.query.orderBy);
    const v = viewOf(ctx);
    const ex = expandSet(ctx.query.expand);
    return { body: { startAt, maxResults, total: all.length, comments: all.slice(startAt, startAt + maxResults).map((c) => commentJson(v, c, ex)) } };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post */
  addComment: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    refuseArchived(ctx, issue);
    const [c] = addComments(ctx, issue, [ctx.body as Record<string, unknown>]);
    return { status: 201, body: commentJson(viewOf(ctx), c, expandSet(ctx.query.expand)) };
  },

  getComment: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    return { body: commentJson(viewOf(ctx), commentOr404(ctx, issue, ctx.params.id), expandSet(ctx.query.expand)) };
  },

  updateComment: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const c = commentOr404(ctx, issue, ctx.params.id);
    refuseArchived(ctx, issue);
    requireOwnerOrAdmin(ctx, c, 'edit');
    const { adf, visibility } = commentInput(ctx.body);
    c.body = adf;
    if (visibility) c.visibility = visibility;
    c.updated = nowIso(ctx);
    c.updateAuthorId = me(ctx).accountId;
    comments(ctx.tenant, issue.id).put(c);
    recordChange(ctx, issue, []);
    emit(ctx, { kind: 'comment', action: 'updated', issue, comment: c });
    return { body: commentJson(viewOf(ctx), c, expandSet(ctx.query.expand)) };
  },

  deleteComment: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const c = commentOr404(ctx, issue, ctx.params.id);
    requireOwnerOrAdmin(ctx, c, 'delete');
    comments(ctx.tenant, issue.id).delete(c.id);
    recordChange(ctx, issue, []);
    emit(ctx, { kind: 'comment', action: 'deleted', issue, comment: c });
    return { status: 204 };
  },

  /** `POST /comment/list`: comments by id across issues, as a PageBean. */
  getCommentsByIds: (ctx) => {
    const ids = ((ctx.body as { ids?: unknown[] })?.ids ?? []).map(String);
    if (ids.length > 1000) throw jiraError(400, ['The number of comment IDs must not exceed 1000.']);
    const v = viewOf(ctx);
    const ex = expandSet(ctx.query.expand);
    const found: CommentDoc[] = [];
    for (const issue of issues(ctx.tenant).values()) for (const c of comments(ctx.tenant, issue.id).values()) if (ids.includes(c.id)) found.push(c);
    return { body: { maxResults: 1000, startAt: 0, total: found.length, isLast: true, values: found.map((c) => commentJson(v, c, ex)) } };
  },
} satisfies Handlers;
