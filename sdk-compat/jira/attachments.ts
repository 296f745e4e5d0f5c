// jira.js compat: a bug report collects files — upload several, read metadata, download (redirect and direct), thumbnails, list on the issue, delete.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'attachments: upload, metadata, download, thumbnail, delete' },
  async (jira, ctx, t) => {
    const settings = await jira.issueAttachments.getAttachmentMeta();
    t.check(settings.enabled === true && (settings.uploadLimit ?? 0) > 0, 'attachments are enabled', settings);

    const bug = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Crash on upload' } });
    t.check(/^ENG-\d+$/.test(bug.key ?? ''), 'a bug to attach to', bug);
    const added = await jira.issueAttachments.addAttachment({
      issueIdOrKey: bug.key!,
      attachment: [
        { filename: 'crash.log', file: Buffer.from('NullPointerException at Upload.java:42'), mimeType: 'text/plain' },
        { filename: 'screen.png', file: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), mimeType: 'image/png' },
      ],
    });
    t.check(added.length === 2 && added[0].filename === 'crash.log' && added[1].size === 6, 'both files were stored', added);

    const meta = await jira.issueAttachments.getAttachment({ id: added[0].id! });
    t.check(meta.id === Number(added[0].id) && meta.mimeType === 'text/plain' && meta.author?.accountId === ctx.credentials.accountId, 'metadata names type and uploader', meta);
    const text = (b: unknown) => Buffer.from(b as ArrayBuffer).toString();
    const viaRedirect = await jira.issueAttachments.getAttachmentContent({ id: added[0].id! });
    t.check(text(viaRedirect) === 'NullPointerException at Upload.java:42', 'content downloads through the redirect', text(viaRedirect));
    const direct = await jira.issueAttachments.getAttachmentContent({ id: added[0].id!, redirect: false });
    t.check(text(viaRedirect) === 'NullPointerException at Upload.java:42' && text(direct) === text(viaRedirect), 'content downloads with and without the redirect', text(direct));
    const thumb = await jira.issueAttachments.getAttachmentThumbnail({ id: added[1].id!, redirect: false });
    t.check(Buffer.from(thumb as unknown as ArrayBuffer).byteLength === 6, 'images have thumbnails', thumb);
    await t.expectError(() => jira.issueAttachments.getAttachmentThumbnail({ id: added[0].id!, redirect: false }), (e) => e.status === 404, 'text files have no thumbnail');

    const issue = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['attachment'] });
    t.check(issue.fields.attachment?.map((a) => a.filename).join() === 'crash.log,screen.png', 'the issue lists its attachments', issue.fields.attachment);
    await jira.issueAttachments.removeAttachment({ id: added[0].id! });
    await t.expectError(() => jira.issueAttachments.getAttachment({ id: added[0].id! }), (e) => e.status === 404 && /does not exist/.test(e.response?.data?.errorMessages?.[0] ?? ''), 'a removed attachment is gone', { effect: true });
    await t.expectError(
      () => jira.issueAttachments.addAttachment({ issueIdOrKey: 'ENG-9999', attachment: { filename: 'x.txt', file: Buffer.from('x') } }),
      (e) => e.status === 404,
      'uploading to a missing issue → 404',
    );
    const after = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['attachment'] });
    t.check(after.fields.attachment?.length === 1, 'one attachment is left', after.fields.attachment);
  },
);
