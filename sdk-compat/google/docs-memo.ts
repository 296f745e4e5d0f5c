// googleapis compat: drafting a memo with the Docs API — structure and indexes, edits, mail-merge style replacement, and sharing via Drive.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, onePlatform, userToken } from './common.js';

const text = (content: Array<{ paragraph?: { elements?: Array<{ textRun?: { content?: string | null } }> } }> = []) =>
  content.map((c) => (c.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('')).join('');

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Docs: memo — insert, delete, replaceAllText, headings, revision control, sharing, review comments',
  async run(ctx, t) {
    const { docs: rawDocs, drive: rawDrive } = apis(ctx);
    const docs = t.track(rawDocs, 'docs');
    const drive = t.track(rawDrive, 'drive');

    const created = await docs.documents.create({ requestBody: { title: 'Memo {{quarter}}' } });
    const id = created.data.documentId!;
    t.check(created.data.body?.content?.at(-1)?.endIndex === 2, 'an empty document ends at index 2', created.data.body);

    const edit = await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [
      { insertText: { location: { index: 1 }, text: 'Results for {{quarter}}\nRevenue grew in {{quarter}}.\nDraft - do not share\n' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
    ], writeControl: { requiredRevisionId: created.data.revisionId! } } });
    t.check(edit.data.replies?.length === 2 && !!edit.data.writeControl?.requiredRevisionId, 'two replies and a new revision id', edit.data);

    const merged = await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ replaceAllText: { containsText: { text: '{{quarter}}', matchCase: true }, replaceText: 'Q3' } }] } });
    t.check(merged.data.replies?.[0]?.replaceAllText?.occurrencesChanged === 2, 'two placeholders replaced', merged.data);

    const before = await docs.documents.get({ documentId: id });
    const body = text(before.data.body?.content as never);
    const draftAt = body.indexOf('Draft');
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ deleteContentRange: { range: { startIndex: draftAt + 1, endIndex: draftAt + 1 + 'Draft - do not share\n'.length } } }] } });
    const after = await docs.documents.get({ documentId: id });
    t.check(text(after.data.body?.content as never) === 'Results for Q3\nRevenue grew in Q3.\n\n', 'draft line removed', after.data.body);
    t.check(after.data.body?.content?.[1]?.paragraph?.paragraphStyle?.namedStyleType === 'HEADING_1', 'first paragraph is a heading', after.data.body?.content?.[1]);

    await t.expectError(
      () => docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 999 }, text: 'x' } }] } }),
      onePlatform(400, 'INVALID_ARGUMENT', /^Invalid requests\[0\]\.insertText: Index 999 must be less than the end index of the referenced segment/),
      'insert past the end → 400',
    );
    await t.expectError(
      () => docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'stale' } }], writeControl: { requiredRevisionId: created.data.revisionId! } } }),
      onePlatform(400, 'INVALID_ARGUMENT'),
      'a stale requiredRevisionId is refused',
    );

    const reader = t.track(apis(ctx, userToken(ctx, 'heidi')).docs, 'docs');
    await t.expectError(() => reader.documents.get({ documentId: id }), onePlatform(403, 'PERMISSION_DENIED'), 'unshared memo → 403');
    await drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: email(ctx, 'heidi') } });
    const shared = await reader.documents.get({ documentId: id });
    t.check(shared.data.title === 'Memo {{quarter}}', 'shared memo reads', shared.data.title);

    // Review through Drive comments: a reader may not comment; a commenter may, and the author resolves.
    const heidiDrive = t.track(apis(ctx, userToken(ctx, 'heidi')).drive, 'drive');
    await t.expectError(() => heidiDrive.comments.create({ fileId: id, fields: 'id', requestBody: { content: 'Nice' } }), classic(403, 'insufficientFilePermissions'), 'a reader cannot comment');
    await t.expectError(() => drive.comments.list({ fileId: id }), classic(400, 'required'), 'comments need `fields`');
    const perms = await drive.permissions.list({ fileId: id, fields: 'permissions(id,emailAddress)' });
    await drive.permissions.update({ fileId: id, permissionId: perms.data.permissions!.find((p) => p.emailAddress === email(ctx, 'heidi'))!.id!, requestBody: { role: 'commenter' } });
    const comment = await heidiDrive.comments.create({ fileId: id, fields: 'id,author(emailAddress),resolved', requestBody: { content: 'Add the Q3 numbers?', quotedFileContent: { mimeType: 'text/plain', value: 'Revenue grew' } } });
    t.checkEffect(comment.data.author?.emailAddress === email(ctx, 'heidi') && comment.data.resolved === false, 'once made a commenter, Heidi comments', comment.data);
    await heidiDrive.comments.update({ fileId: id, commentId: comment.data.id!, fields: 'content', requestBody: { content: 'Add the Q3 numbers, please?' } });
    const reply = await drive.replies.create({ fileId: id, commentId: comment.data.id!, fields: 'id,action', requestBody: { content: 'Done.', action: 'resolve' } });
    const thread = await drive.comments.get({ fileId: id, commentId: comment.data.id!, fields: 'resolved,content,replies(content,action)' });
    t.checkEffect(thread.data.resolved === true && thread.data.content === 'Add the Q3 numbers, please?' && thread.data.replies?.[0]?.action === 'resolve', 'a resolving reply closes the thread', thread.data);
    await drive.replies.update({ fileId: id, commentId: comment.data.id!, replyId: reply.data.id!, fields: 'content', requestBody: { content: 'Done, see paragraph 2.' } });
    const oneReply = await drive.replies.get({ fileId: id, commentId: comment.data.id!, replyId: reply.data.id!, fields: 'content' });
    const allReplies = await drive.replies.list({ fileId: id, commentId: comment.data.id!, fields: 'replies(id)' });
    t.checkEffect(oneReply.data.content === 'Done, see paragraph 2.' && allReplies.data.replies?.length === 1, 'reply edited and listed', oneReply.data);
    await t.expectError(() => heidiDrive.replies.delete({ fileId: id, commentId: comment.data.id!, replyId: reply.data.id! }), classic(403, 'insufficientFilePermissions'), 'only the author deletes a reply');
    await drive.replies.delete({ fileId: id, commentId: comment.data.id!, replyId: reply.data.id! });
    // replies.list leaves deleted replies out unless includeDeleted (Drive v3 replies.list reference).
    const leftReplies = await drive.replies.list({ fileId: id, commentId: comment.data.id!, fields: 'replies(id)' });
    t.checkEffect(leftReplies.data.replies?.length === 0, 'the author deleted the reply', leftReplies.data);
    await heidiDrive.comments.delete({ fileId: id, commentId: comment.data.id! });
    const open = await drive.comments.list({ fileId: id, fields: 'comments(id)' });
    t.checkEffect(open.data.comments?.length === 0, 'deleted comments are not listed', open.data);
    await t.expectError(
      () => reader.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] } }),
      onePlatform(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
      'a reader cannot edit',
    );
  },
};

export default scenario;
