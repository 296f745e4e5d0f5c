// Issue attachments: multipart upload (field `file`), metadata, content download (redirect, ranges), thumbnails, delete, and the site's attachment settings.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { attachmentJson, viewOf } from '../present/site.js';
import { attachments, findIssue, isSiteAdmin, issues, nextId, type AttachmentDoc } from '../../store.js';
import { issueOr404, me, nowIso, recordChange, type Ctx } from './common.js';

/** The engine's request size limit is also the site's upload limit: nothing larger can arrive. */
const UPLOAD_LIMIT = 10 * 1024 * 1024;

const notFound = (id: string) => jiraError(404, [`The attachment with id '${id}' does not exist.`]);

function attachmentOr404(ctx: Ctx, id: string): AttachmentDoc {
  const a = attachments(ctx.tenant).get(id);
  // Attachments of issues in trashed projects are as invisible as the issues.
  if (!a || !findIssue(ctx.tenant, a.issueId)) throw notFound(id);
  return a;
}

/**
 * Every `file` part of the form. The engine's parsed body keeps one value per
 * field name, and uploads may repeat `file`, so the raw body is read again.
 */
async function fileParts(ctx: Ctx): Promise<File[]> {
  const type = ctx.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) return [];
  try {
    const form = await new Response(ctx.rawBody as unknown as BodyInit, { headers: { 'content-type': type } }).formData();
    return form.getAll('file').filter((f): f is File => typeof f !== 'string');
  } catch {
    throw jiraError(400, ['The multipart request could not be read.']);
  }
}

/** `Range: bytes=a-b`, `bytes=a-`, `bytes=-n` against a length; undefined when absent, null when unsatisfiable. */
function byteRange(header: string | null, size: number): [number, number] | undefined | null {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  let end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[1] === '' && Number(m[2]) === 0) return null;
  if (start > end || start >= size) return null;
  start = Math.max(0, start);
  end = Math.max(start, end);
  return [start, end];
}

/** The bytes of an attachment, whole or by range; the redirect (default) points at the same resource without it. */
function download(ctx: Ctx, a: AttachmentDoc, path: string): Response {
  if (ctx.query.redirect !== false) {
    return new Response(null, { status: 303, headers: { location: `${ctx.baseUrl}/rest/api/3/attachment/${path}/${a.id}?redirect=false` } });
  }
  const bytes = Buffer.from(a.data, 'base64');
  const headers: Record<string, string> = { 'content-type': a.mimeType, 'accept-ranges': 'bytes', 'content-disposition': `attachment; filename="${encodeURIComponent(a.filename)}"` };
  const range = byteRange(ctx.headers.get('range'), bytes.byteLength);
  if (range === null) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${bytes.byteLength}` } });
  if (range) {
    const part = bytes.subarray(range[0], range[1] + 1);
    return new Response(new Uint8Array(part), { status: 206, headers: { ...headers, 'content-range': `bytes ${range[0]}-${range[1]}/${bytes.byteLength}` } });
  }
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}

export const attachmentHandlers = {
  /**
   * Multipart with the files in `file` parts; the XSRF gate (auth.ts) has
   * already refused requests without `X-Atlassian-Token: no-check`.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-attachments/#api-rest-api-3-issue-issueidorkey-attachments-post
   */
  addAttachment: async (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const files = await fileParts(ctx);
    if (!files.length) throw jiraError(400, ["The request must contain files in the multipart field 'file'."]);
    const now = nowIso(ctx);
    const author = me(ctx).accountId;
    const docs: AttachmentDoc[] = [];
    for (const f of files) {
      const data = new Uint8Array(await f.arrayBuffer());
      docs.push(attachments(ctx.tenant).put({
        id: nextId(ctx.tenant, 'attachment'),
        issueId: issue.id,
        filename: f.name || 'file',
        mimeType: (f.type || 'application/octet-stream').split(';')[0].trim(),
        size: data.byteLength,
        authorId: author,
        created: now,
        data: Buffer.from(data).toString('base64'),
      }));
    }
    recordChange(ctx, issue, docs.map((d) => ({ field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: null, fromString: null, to: d.id, toString: d.filename })));
    const v = viewOf(ctx);
    return { body: docs.map((d) => attachmentJson(v, d)) };
  },

  getAttachment: (ctx) => ({ body: attachmentJson(viewOf(ctx), attachmentOr404(ctx, ctx.params.id), true) }),

  /** The uploader and administrators may delete an attachment. */
  removeAttachment: (ctx) => {
    const a = attachmentOr404(ctx, ctx.params.id);
    const user = me(ctx);
    if (a.authorId !== user.accountId && !isSiteAdmin(user)) throw jiraError(403, [`You do not have permission to delete attachment with id '${a.id}'.`]);
    attachments(ctx.tenant).delete(a.id);
    const issue = issues(ctx.tenant).get(a.issueId);
    if (issue) recordChange(ctx, issue, [{ field: 'Attachment', fieldtype: 'jira', fieldId: 'attachment', from: a.id, fromString: a.filename, to: null, toString: null }]);
    return { status: 204 };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-attachments/#api-rest-api-3-attachment-content-id-get */
  getAttachmentContent: (ctx) => download(ctx, attachmentOr404(ctx, ctx.params.id), 'content'),

  /** Images only; the twin keeps no scaled copies, so a thumbnail is the image itself. */
  getAttachmentThumbnail: (ctx) => {
    const a = attachmentOr404(ctx, ctx.params.id);
    if (!a.mimeType.startsWith('image/')) throw jiraError(404, [`The attachment with id '${a.id}' has no thumbnail.`]);
    return download(ctx, a, 'thumbnail');
  },

  getAttachmentMeta: () => ({ body: { enabled: true, uploadLimit: UPLOAD_LIMIT } }),
} satisfies Handlers;
