// Issue attachments through jira.js: multipart upload behind the XSRF gate, metadata, download (redirect, bytes, ranges), the issue's attachment field, delete.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failure, startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
});
afterAll(async () => {
  await jira.server.close();
});
beforeEach(async () => {
  site = await jira.site();
});

const upload = (files: Array<{ filename: string; file: Buffer; mimeType?: string }>, issueIdOrKey = 'ENG-1') =>
  site.client.issueAttachments.addAttachment({ issueIdOrKey, attachment: files });

describe('attachments (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-attachments/)', () => {
  it('addAttachment uploads several files in `file` parts; they list on the issue in upload order', async () => {
    const added = await upload([{ filename: 'log.txt', file: Buffer.from('boom at line 3') }, { filename: 'shot.png', file: Buffer.from([137, 80, 78, 71]) }]);
    expect(added.map((a) => [a.filename, a.size, a.mimeType])).toEqual([['log.txt', 14, 'text/plain'], ['shot.png', 4, 'image/png']]);
    expect(added[0].content).toBe(`${site.host}/rest/api/3/attachment/content/${added[0].id}`);
    expect(added[0].thumbnail).toBeUndefined();
    expect(added[1].thumbnail).toBe(`${site.host}/rest/api/3/attachment/thumbnail/${added[1].id}`);
    expect(added[0].author?.accountId).toBe(site.creds.accountId);
    const issue = await site.client.issues.getIssue({ issueIdOrKey: 'ENG-1', fields: ['attachment'] });
    expect(issue.fields.attachment?.map((a) => a.filename)).toEqual(['log.txt', 'shot.png']);
    const history = await site.client.issues.getChangeLogs({ issueIdOrKey: 'ENG-1' });
    const items = history.values!.flatMap((g) => g.items ?? []).filter((i) => i.field === 'Attachment');
    expect(items.map((i) => i.toString)).toEqual(['log.txt', 'shot.png']);
  });

  it('without X-Atlassian-Token: no-check the upload is refused with 403 "XSRF check failed"', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x']), 'x.txt');
    const res = await site.raw('POST', '/rest/api/3/issue/ENG-1/attachments', { body: form });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/^XSRF check failed/);
    const issue = await site.client.issues.getIssue({ issueIdOrKey: 'ENG-1', fields: ['attachment'] });
    expect(issue.fields.attachment).toEqual([]);
  });

  it('a form without `file` parts and a missing issue are refused', async () => {
    const form = new FormData();
    form.append('upload', new Blob(['x']), 'x.txt');
    const res = await site.raw('POST', '/rest/api/3/issue/ENG-1/attachments', { body: form, headers: { 'x-atlassian-token': 'no-check' } });
    expect(res.status).toBe(400);
    expect((await res.json()).errorMessages).toHaveLength(1);
    const missing = await failure(upload([{ filename: 'a.txt', file: Buffer.from('a') }], 'ENG-999'));
    expect(missing).toEqual({ status: 404, data: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
  });

  it('content downloads follow the 303 redirect by default, or come directly with redirect=false, and honour Range', async () => {
    const [a] = await upload([{ filename: 'data.bin', file: Buffer.from('0123456789'), mimeType: 'application/octet-stream' }]);
    const followed = await site.client.issueAttachments.getAttachmentContent({ id: a.id! });
    expect(Buffer.from(followed as unknown as ArrayBuffer).toString()).toBe('0123456789');
    const redirect = await site.raw('GET', `/rest/api/3/attachment/content/${a.id}`, { headers: {} });
    expect(redirect.status).toBe(200); // fetch follows the 303 itself
    expect(redirect.redirected).toBe(true);
    const direct = await site.client.issueAttachments.getAttachmentContent({ id: a.id!, redirect: false });
    expect(Buffer.from(direct as unknown as ArrayBuffer).toString()).toBe('0123456789');
    const part = await site.raw('GET', `/rest/api/3/attachment/content/${a.id}?redirect=false`, { headers: { range: 'bytes=2-4' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-4/10');
    expect(await part.text()).toBe('234');
    const bad = await site.raw('GET', `/rest/api/3/attachment/content/${a.id}?redirect=false`, { headers: { range: 'bytes=50-60' } });
    expect(bad.status).toBe(416);
  });

  it('getAttachment returns the metadata bean (numeric id, properties), attachment/meta the settings', async () => {
    const [a] = await upload([{ filename: 'notes.md', file: Buffer.from('# hi'), mimeType: 'text/markdown' }]);
    const meta = await site.client.issueAttachments.getAttachment({ id: a.id! });
    expect(meta.id).toBe(Number(a.id));
    expect(meta.filename).toBe('notes.md');
    expect(meta.mimeType).toBe('text/markdown');
    expect(meta.properties).toEqual({});
    expect(await site.client.issueAttachments.getAttachmentMeta()).toEqual({ enabled: true, uploadLimit: 10 * 1024 * 1024 });
  });

  it('the uploader or an admin deletes; others get 403; deleted attachments are 404', async () => {
    const [mine] = await site.as('Priya Shah').issueAttachments.addAttachment({ issueIdOrKey: 'ENG-1', attachment: { filename: 'p.txt', file: Buffer.from('p') } });
    const [admins] = await upload([{ filename: 'a.txt', file: Buffer.from('a') }]);
    expect((await failure(site.as('Priya Shah').issueAttachments.removeAttachment({ id: admins.id! }))).status).toBe(403);
    await site.as('Priya Shah').issueAttachments.removeAttachment({ id: mine.id! });
    await site.client.issueAttachments.removeAttachment({ id: admins.id! });
    const gone = await failure(site.client.issueAttachments.getAttachment({ id: admins.id! }));
    expect(gone).toEqual({ status: 404, data: { errorMessages: [`The attachment with id '${admins.id}' does not exist.`], errors: {} } });
    const issue = await site.client.issues.getIssue({ issueIdOrKey: 'ENG-1', fields: ['attachment'] });
    expect(issue.fields.attachment).toEqual([]);
  });
});
