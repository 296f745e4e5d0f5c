/** Drive v3 files behavior through googleapis: uploads, search, paging, moves, copies, trash, fields, changes, revisions. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function admin() {
  const { creds, base } = await freshTenant(l);
  return { creds, base, ...clients(l, creds.accessToken) };
}

describe('uploads', () => {
  it('multipart upload keeps metadata and bytes; update with media adds a revision', async () => {
    const { drive, rootUrl } = await admin();
    const made = await drive.files.create({ requestBody: { name: 'data.bin', properties: { team: 'core' } }, media: { mimeType: 'application/octet-stream', body: Readable.from([Buffer.from([1, 2, 3])]) }, fields: 'id,size,properties,headRevisionId' }, { rootUrl });
    expect(made.data).toMatchObject({ size: '3', properties: { team: 'core' } });
    await drive.files.update({ fileId: made.data.id!, media: { mimeType: 'application/octet-stream', body: Readable.from([Buffer.from([9, 9])]) } }, { rootUrl });
    const revs = await drive.revisions.list({ fileId: made.data.id!, fields: 'revisions(id,size)' });
    expect(revs.data.revisions!.map((r) => r.size)).toEqual(['3', '2']);
    const first = await drive.revisions.get({ fileId: made.data.id!, revisionId: revs.data.revisions![0].id!, alt: 'media' }, { responseType: 'arraybuffer' });
    expect([...new Uint8Array(first.data as ArrayBuffer)]).toEqual([1, 2, 3]);
  });

  it('resumable upload: session URI in Location, chunks answered 308 with Range, last chunk creates the file', async () => {
    const { creds, base } = await admin();
    const h = { authorization: `Bearer ${creds.accessToken}` };
    const start = await fetch(`${base}/upload/drive/v3/files?uploadType=resumable&fields=id,name,size`, {
      method: 'POST',
      headers: { ...h, 'content-type': 'application/json; charset=UTF-8', 'x-upload-content-type': 'text/plain', 'x-upload-content-length': '10' },
      body: JSON.stringify({ name: 'big.txt' }),
    });
    expect(start.status).toBe(200);
    const session = start.headers.get('location')!;
    expect(session).toContain('upload_id=');
    const part = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes 0-3/10' }, body: 'abcd' });
    expect(part.status).toBe(308);
    expect(part.headers.get('range')).toBe('bytes=0-3');
    const done = await fetch(session, { method: 'PUT', headers: { 'content-range': 'bytes 4-9/10' }, body: 'efghij' });
    expect(done.status).toBe(200);
    const file = (await done.json()) as { id: string; name: string; size: string };
    expect(file).toMatchObject({ name: 'big.txt', size: '10' });
    const bytes = await fetch(`${base}/drive/v3/files/${file.id}?alt=media`, { headers: h });
    expect(await bytes.text()).toBe('abcdefghij');
    // The session is spent: the same URI, or a made-up one, is not found.
    expect((await fetch(session, { method: 'PUT', body: 'x' })).status).toBe(404);
    expect((await fetch(session.replace(/upload_id=[^&]+/, 'upload_id=made-up'), { method: 'PUT', body: 'x' })).status).toBe(404);
  });

  it('refuses a Docs Editors file download with fileNotDownloadable and exports it instead', async () => {
    const { drive, docs } = await admin();
    const doc = await docs.documents.create({ requestBody: { title: 'Exported' } });
    await docs.documents.batchUpdate({ documentId: doc.data.documentId!, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'Plain words' } }] } });
    const err = await failure(drive.files.get({ fileId: doc.data.documentId!, alt: 'media' }));
    expect(err.status).toBe(403);
    expect(err.body.error.errors[0]).toMatchObject({ reason: 'fileNotDownloadable', location: 'alt' });
    const text = await drive.files.export({ fileId: doc.data.documentId!, mimeType: 'text/plain' }, { responseType: 'text' });
    expect(text.data).toBe('Plain words\n');
  });
});

describe('search and paging', () => {
  it('pages with pageSize/nextPageToken in orderBy order and rejects a token from another query', async () => {
    const { drive } = await admin();
    const folder = await drive.files.create({ requestBody: { name: 'Pages', mimeType: 'application/vnd.google-apps.folder' } });
    for (const n of ['e', 'a', 'd', 'b', 'c']) await drive.files.create({ requestBody: { name: n, parents: [folder.data.id!] } });
    const q = `'${folder.data.id}' in parents`;
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await drive.files.list({ q, orderBy: 'name desc', pageSize: 2, pageToken, fields: 'nextPageToken,files(name)' });
      seen.push(...page.data.files!.map((f) => f.name!));
      pageToken = page.data.nextPageToken ?? undefined;
      if (pageToken) {
        const wrong = await failure(drive.files.list({ q: 'starred = true', pageToken }));
        expect(wrong.body.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'pageToken' });
      }
    } while (pageToken);
    expect(seen).toEqual(['e', 'd', 'c', 'b', 'a']);
  });

  it('supports properties has, starred, modifiedTime and fullText terms', async () => {
    const { drive, rootUrl } = await admin();
    await drive.files.create({ requestBody: { name: 'tagged', properties: { env: 'prod' }, starred: true } });
    await drive.files.create({ requestBody: { name: 'note.txt' }, media: { mimeType: 'text/plain', body: 'the quick brown fox' } }, { rootUrl });
    const tagged = await drive.files.list({ q: "properties has { key='env' and value='prod' } and starred = true", fields: 'files(name)' });
    expect(tagged.data.files!.map((f) => f.name)).toEqual(['tagged']);
    const text = await drive.files.list({ q: "fullText contains 'brown fox'", fields: 'files(name)' });
    expect(text.data.files!.map((f) => f.name)).toEqual(['note.txt']);
    const future = await drive.files.list({ q: "modifiedTime > '2999-01-01T00:00:00'", fields: 'files(name)' });
    expect(future.data.files).toEqual([]);
  });

  it('answers a malformed q or unknown orderBy key with 400 on that parameter', async () => {
    const { drive } = await admin();
    const q = await failure(drive.files.list({ q: "name = 'x' and" }));
    expect(q.body.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'q', locationType: 'parameter' });
    const o = await failure(drive.files.list({ orderBy: 'size' }));
    expect(o.body.error.errors[0]).toMatchObject({ location: 'orderBy' });
  });
});

describe('moving, copying, trash', () => {
  it('moves between folders with addParents/removeParents and refuses parents in the body', async () => {
    const { drive } = await admin();
    const a = await drive.files.create({ requestBody: { name: 'A', mimeType: 'application/vnd.google-apps.folder' } });
    const b = await drive.files.create({ requestBody: { name: 'B', mimeType: 'application/vnd.google-apps.folder' } });
    const f = await drive.files.create({ requestBody: { name: 'f', parents: [a.data.id!] } });
    const moved = await drive.files.update({ fileId: f.data.id!, addParents: b.data.id!, removeParents: a.data.id!, fields: 'parents' });
    expect(moved.data.parents).toEqual([b.data.id]);
    const err = await failure(drive.files.update({ fileId: f.data.id!, requestBody: { parents: [a.data.id!] } }));
    expect(err.status).toBe(403);
    expect(err.body.error.errors[0].reason).toBe('fieldNotWritable');
  });

  it('copies a file ("Copy of …") with its content', async () => {
    const { drive, rootUrl } = await admin();
    const src = await drive.files.create({ requestBody: { name: 'orig.txt' }, media: { mimeType: 'text/plain', body: 'same bytes' } }, { rootUrl });
    const copy = await drive.files.copy({ fileId: src.data.id!, fields: 'id,name,md5Checksum' });
    expect(copy.data.name).toBe('Copy of orig.txt');
    const body = await drive.files.get({ fileId: copy.data.id!, alt: 'media' }, { responseType: 'text' });
    expect(body.data).toBe('same bytes');
  });

  it('trashes a folder with its contents, lists them as trashed, and emptyTrash deletes them', async () => {
    const { drive } = await admin();
    const folder = await drive.files.create({ requestBody: { name: 'Old', mimeType: 'application/vnd.google-apps.folder' } });
    const inner = await drive.files.create({ requestBody: { name: 'inside', parents: [folder.data.id!] } });
    await drive.files.update({ fileId: folder.data.id!, requestBody: { trashed: true } });
    const child = await drive.files.get({ fileId: inner.data.id!, fields: 'trashed,explicitlyTrashed' });
    expect(child.data).toEqual({ trashed: true, explicitlyTrashed: false });
    const notTrashed = await drive.files.list({ q: `'${folder.data.id}' in parents and trashed = false` });
    expect(notTrashed.data.files).toEqual([]);
    await drive.files.emptyTrash({});
    const gone = await failure(drive.files.get({ fileId: inner.data.id! }));
    expect(gone.status).toBe(404);
  });
});

describe('fields, about, changes', () => {
  it('returns only the default fields without `fields`, and 400 for an unknown field', async () => {
    const { drive } = await admin();
    const f = await drive.files.create({ requestBody: { name: 'x', description: 'hidden by default' } });
    expect(Object.keys(f.data).sort()).toEqual(['id', 'kind', 'mimeType', 'name']);
    const err = await failure(drive.files.get({ fileId: f.data.id!, fields: 'id,bogusField' }));
    expect(err.body.error.errors[0]).toMatchObject({ reason: 'invalidParameter', location: 'fields', message: 'Invalid field selection bogusField' });
  });

  it('about.get requires fields and reports the caller and quota usage', async () => {
    const { drive, creds } = await admin();
    const err = await failure(drive.about.get({}));
    expect(err.body.error.errors[0]).toMatchObject({ reason: 'required', location: 'fields' });
    const about = await drive.about.get({ fields: 'user(emailAddress,me),storageQuota(usage)' });
    expect(about.data.user).toEqual({ emailAddress: creds.adminEmail, me: true });
  });

  it('lists changes since a start page token, including removals', async () => {
    const { drive } = await admin();
    const start = await drive.changes.getStartPageToken({});
    const kept = await drive.files.create({ requestBody: { name: 'kept' } });
    const dropped = await drive.files.create({ requestBody: { name: 'dropped' } });
    await drive.files.delete({ fileId: dropped.data.id! });
    const list = await drive.changes.list({ pageToken: start.data.startPageToken!, fields: 'newStartPageToken,changes(fileId,removed,file(name))' });
    expect(list.data.changes).toEqual([
      { fileId: kept.data.id, removed: false, file: { name: 'kept' } },
      { fileId: dropped.data.id, removed: true },
    ]);
    const again = await drive.changes.list({ pageToken: list.data.newStartPageToken! });
    expect(again.data.changes).toEqual([]);
  });
});

describe('comments', () => {
  it('require `fields`, need commenter access, and a resolving reply closes the thread', async () => {
    const { drive, creds } = await admin();
    const f = await drive.files.create({ requestBody: { name: 'review me' } });
    const bob = clients(l, creds.userTokens[`bob@${creds.domain}`]).drive;
    await drive.permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: `bob@${creds.domain}` } });
    const noFields = await failure(drive.comments.list({ fileId: f.data.id! }));
    expect(noFields.body.error.errors[0]).toMatchObject({ reason: 'required', location: 'fields' });
    expect((await failure(bob.comments.create({ fileId: f.data.id!, fields: 'id', requestBody: { content: 'hi' } }))).status).toBe(403);
    const c = await drive.comments.create({ fileId: f.data.id!, fields: 'id,content,author(me)', requestBody: { content: 'Needs a title' } });
    expect(c.data).toEqual({ id: c.data.id, content: 'Needs a title', author: { me: true } });
    await drive.replies.create({ fileId: f.data.id!, commentId: c.data.id!, fields: 'id', requestBody: { action: 'resolve' } });
    const seen = await bob.comments.list({ fileId: f.data.id!, fields: 'comments(resolved,replies(action))' });
    expect(seen.data.comments).toEqual([{ resolved: true, replies: [{ action: 'resolve' }] }]);
  });
});
