/** Drive v3 comments and replies: commenters and up may comment, authors edit their own, a resolving reply closes a thread. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, pick, str } from '../../request.js';
import { loadFile } from './files.js';
import { driveCaller } from './caller.js';
import { presentComment, presentReply } from '../present/comments.js';
import { type CommentRec, type ReplyRec, comments, newId, replies } from '../model/comments.js';

/** Comment and reply methods have no default field set: Drive insists on `fields`. */
function requireFields(ctx: OpContext): void {
  if (!str(ctx.query.fields)) throw E.required('drive', 'fields', "The 'fields' parameter is required for this method.");
}

function context(ctx: OpContext, need: 'reader' | 'commenter') {
  requireFields(ctx);
  const dc = driveCaller(ctx);
  if (need === 'commenter' && !dc.email) throw E.loginRequired('drive');
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId, need);
  return { t: ctx.tenant, file, me: dc.who.email, email: dc.email };
}

function loadComment(ctx: OpContext, t: Tenant, fileId: string): CommentRec {
  const c = comments(t, fileId).get(ctx.params.commentId);
  if (!c) throw googleError('drive', { code: 404, message: `Comment not found: ${ctx.params.commentId}.`, reason: 'notFound', location: 'commentId', locationType: 'parameter' });
  return c;
}

function own(author: string, email: string): void {
  if (author.toLowerCase() !== email.toLowerCase()) throw E.insufficientFilePermissions();
}

function contentOf(body: Record<string, unknown>): string {
  const content = str(body.content);
  if (!content) throw E.required('drive', 'content', 'A comment or reply must have content.');
  return content;
}

function createComment(ctx: OpContext): Reply {
  const { t, file, me, email } = context(ctx, 'commenter');
  const body = jsonObject(ctx, 'drive');
  const now = ctx.now().toISOString();
  const quoted = body.quotedFileContent as { mimeType?: string; value?: string } | undefined;
  const c: CommentRec = { id: newId(t), author: email, content: contentOf(body), createdTime: now, modifiedTime: now, deleted: false, resolved: false };
  if (typeof body.anchor === 'string') c.anchor = body.anchor;
  if (quoted?.value) c.quotedFileContent = { mimeType: quoted.mimeType ?? 'text/html', value: quoted.value };
  comments(t, file.id).put(c);
  return { body: pick(ctx, 'drive', presentComment(t, file.id, c, me, false), '*', 'drive.Comment') };
}

function listComments(ctx: OpContext): Reply {
  const { t, file, me } = context(ctx, 'reader');
  const includeDeleted = ctx.query.includeDeleted === true || ctx.query.includeDeleted === 'true';
  const since = str(ctx.query.startModifiedTime);
  const all = comments(t, file.id).values().filter((c) => (includeDeleted || !c.deleted) && (!since || c.modifiedTime >= since));
  const size = intParam(ctx, 'drive', 'pageSize', 20, 1, 100);
  const key = [file.id, includeDeleted, since];
  const offset = decodePageToken(ctx.query.pageToken, key, 'drive');
  const body: Record<string, unknown> = { kind: 'drive#commentList', comments: all.slice(offset, offset + size).map((c) => presentComment(t, file.id, c, me, includeDeleted)) };
  if (offset + size < all.length) body.nextPageToken = encodePageToken(offset + size, key);
  return { body: pick(ctx, 'drive', body, '*', 'drive.CommentList') };
}

function getComment(ctx: OpContext): Reply {
  const { t, file, me } = context(ctx, 'reader');
  const c = loadComment(ctx, t, file.id);
  if (c.deleted && ctx.query.includeDeleted !== true && ctx.query.includeDeleted !== 'true') throw googleError('drive', { code: 404, message: `Comment not found: ${c.id}.`, reason: 'notFound', location: 'commentId', locationType: 'parameter' });
  return { body: pick(ctx, 'drive', presentComment(t, file.id, c, me, false), '*', 'drive.Comment') };
}

function updateComment(ctx: OpContext): Reply {
  const { t, file, me, email } = context(ctx, 'commenter');
  const c = loadComment(ctx, t, file.id);
  own(c.author, email);
  c.content = contentOf(jsonObject(ctx, 'drive'));
  c.modifiedTime = ctx.now().toISOString();
  comments(t, file.id).put(c);
  return { body: pick(ctx, 'drive', presentComment(t, file.id, c, me, false), '*', 'drive.Comment') };
}

function deleteComment(ctx: OpContext): Reply {
  const dc = driveCaller(ctx);
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId, 'commenter');
  const c = loadComment(ctx, ctx.tenant, file.id);
  own(c.author, dc.email);
  comments(ctx.tenant, file.id).put({ ...c, deleted: true, modifiedTime: ctx.now().toISOString() });
  return { status: 204 };
}

function createReply(ctx: OpContext): Reply {
  const { t, file, me, email } = context(ctx, 'commenter');
  const c = loadComment(ctx, t, file.id);
  const body = jsonObject(ctx, 'drive');
  const action = str(body.action) as ReplyRec['action'];
  if (action !== undefined && action !== 'resolve' && action !== 'reopen') throw E.invalidValue('drive', 'reply.action');
  const now = ctx.now().toISOString();
  // A reply may be only an action (resolve/reopen) with no text.
  const content = action ? (str(body.content) ?? '') : contentOf(body);
  const r: ReplyRec = { id: newId(t), author: email, content, createdTime: now, modifiedTime: now, deleted: false, ...(action ? { action } : {}) };
  replies(t, file.id, c.id).put(r);
  comments(t, file.id).put({ ...c, resolved: action === 'resolve' ? true : action === 'reopen' ? false : c.resolved, modifiedTime: now });
  return { body: pick(ctx, 'drive', presentReply(t, r, me), '*', 'drive.Reply') };
}

function loadReply(ctx: OpContext, t: Tenant, fileId: string, commentId: string): ReplyRec {
  const r = replies(t, fileId, commentId).get(ctx.params.replyId);
  if (!r) throw googleError('drive', { code: 404, message: `Reply not found: ${ctx.params.replyId}.`, reason: 'notFound', location: 'replyId', locationType: 'parameter' });
  return r;
}

function listReplies(ctx: OpContext): Reply {
  const { t, file, me } = context(ctx, 'reader');
  const c = loadComment(ctx, t, file.id);
  const includeDeleted = ctx.query.includeDeleted === true || ctx.query.includeDeleted === 'true';
  const all = replies(t, file.id, c.id).values().filter((r) => includeDeleted || !r.deleted);
  const size = intParam(ctx, 'drive', 'pageSize', 20, 1, 100);
  const key = [file.id, c.id, includeDeleted];
  const offset = decodePageToken(ctx.query.pageToken, key, 'drive');
  const body: Record<string, unknown> = { kind: 'drive#replyList', replies: all.slice(offset, offset + size).map((r) => presentReply(t, r, me)) };
  if (offset + size < all.length) body.nextPageToken = encodePageToken(offset + size, key);
  return { body: pick(ctx, 'drive', body, '*', 'drive.ReplyList') };
}

function getReply(ctx: OpContext): Reply {
  const { t, file, me } = context(ctx, 'reader');
  const c = loadComment(ctx, t, file.id);
  return { body: pick(ctx, 'drive', presentReply(t, loadReply(ctx, t, file.id, c.id), me), '*', 'drive.Reply') };
}

function updateReply(ctx: OpContext): Reply {
  const { t, file, me, email } = context(ctx, 'commenter');
  const c = loadComment(ctx, t, file.id);
  const r = loadReply(ctx, t, file.id, c.id);
  own(r.author, email);
  r.content = contentOf(jsonObject(ctx, 'drive'));
  r.modifiedTime = ctx.now().toISOString();
  replies(t, file.id, c.id).put(r);
  return { body: pick(ctx, 'drive', presentReply(t, r, me), '*', 'drive.Reply') };
}

function deleteReply(ctx: OpContext): Reply {
  const dc = driveCaller(ctx);
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId, 'commenter');
  const c = loadComment(ctx, ctx.tenant, file.id);
  const r = loadReply(ctx, ctx.tenant, file.id, c.id);
  own(r.author, dc.email);
  replies(ctx.tenant, file.id, c.id).put({ ...r, deleted: true, modifiedTime: ctx.now().toISOString() });
  return { status: 204 };
}

export const driveCommentHandlers = {
  'drive.comments.create': createComment,
  'drive.comments.list': listComments,
  'drive.comments.get': getComment,
  'drive.comments.update': updateComment,
  'drive.comments.delete': deleteComment,
  'drive.replies.create': createReply,
  'drive.replies.list': listReplies,
  'drive.replies.get': getReply,
  'drive.replies.update': updateReply,
  'drive.replies.delete': deleteReply,
} satisfies Handlers;
