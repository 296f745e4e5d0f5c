/** Drive's Comment and Reply resources as callers see them. */
import { type CommentRec, type ReplyRec, replies } from '../model/comments.js';
import { type Tenant } from '../../../../src/core/tenant.js';
import { driveUser } from './files.js';

/** Drive renders plain comment text as HTML in `htmlContent`. */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>');

export function presentReply(t: Tenant, r: ReplyRec, me: string | undefined): Record<string, unknown> {
  return {
    kind: 'drive#reply',
    id: r.id,
    createdTime: r.createdTime,
    modifiedTime: r.modifiedTime,
    author: driveUser(t, r.author, r.author.toLowerCase() === me),
    deleted: r.deleted,
    ...(r.deleted ? {} : { content: r.content, htmlContent: escapeHtml(r.content) }),
    ...(r.action ? { action: r.action } : {}),
  };
}

export function presentComment(t: Tenant, fileId: string, c: CommentRec, me: string | undefined, withDeletedReplies: boolean): Record<string, unknown> {
  return {
    kind: 'drive#comment',
    id: c.id,
    createdTime: c.createdTime,
    modifiedTime: c.modifiedTime,
    author: driveUser(t, c.author, c.author.toLowerCase() === me),
    deleted: c.deleted,
    resolved: c.resolved,
    ...(c.deleted ? {} : { content: c.content, htmlContent: escapeHtml(c.content) }),
    ...(c.anchor ? { anchor: c.anchor } : {}),
    ...(c.quotedFileContent ? { quotedFileContent: c.quotedFileContent } : {}),
    replies: replies(t, fileId, c.id).values().filter((r) => withDeletedReplies || !r.deleted).map((r) => presentReply(t, r, me)),
  };
}
