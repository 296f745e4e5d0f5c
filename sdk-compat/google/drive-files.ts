// googleapis compat: a Drive filing workflow — folders, uploads, search, moves, copies, revisions, trash, and the change feed.
import { Readable } from 'node:stream';
import type { Scenario } from '../types.js';
import { SDK, apis, classic, sink } from './common.js';

const FOLDER = 'application/vnd.google-apps.folder';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Drive: folders, uploads, search, move, copy, revisions, trash, changes',
  async run(ctx, t) {
    const drive = t.track(apis(ctx).drive, 'drive');
    const rootUrl = ctx.credentials.rootUrl as string;

    const about = await drive.about.get({ fields: 'user(emailAddress),storageQuota(usage)' });
    t.check(about.data.user?.emailAddress === ctx.credentials.adminEmail, 'about.get names the caller', about.data);
    const start = await drive.changes.getStartPageToken({});
    t.check(/^\d+$/.test(start.data.startPageToken ?? ''), 'a start page token', start.data);

    const inbox = await drive.files.create({ requestBody: { name: 'Inbox', mimeType: FOLDER }, fields: 'id,mimeType' });
    const archive = await drive.files.create({ requestBody: { name: 'Archive', mimeType: FOLDER }, fields: 'id' });
    t.check(inbox.data.mimeType === FOLDER, 'folder created', inbox.data);

    const report = await drive.files.create(
      { requestBody: { name: 'report.csv', parents: [inbox.data.id!], properties: { quarter: 'Q3' } }, media: { mimeType: 'text/csv', body: 'region,total\nnorth,10\n' }, fields: 'id,size,md5Checksum,parents' },
      { rootUrl },
    );
    t.check(report.data.size === '22' && report.data.parents?.[0] === inbox.data.id, 'multipart upload stored bytes in the folder', report.data);
    const raw = await drive.files.create({ media: { mimeType: 'application/octet-stream', body: Readable.from([Buffer.from([0, 1, 2, 250])]) }, fields: 'id,name,size' }, { rootUrl });
    t.check(raw.data.name === 'Untitled' && raw.data.size === '4', 'media-only upload is "Untitled"', raw.data);

    const found = await drive.files.list({ q: `'${inbox.data.id}' in parents and mimeType = 'text/csv' and properties has { key='quarter' and value='Q3' }`, fields: 'files(id,name)' });
    t.check(found.data.files?.length === 1 && found.data.files[0].id === report.data.id, 'q finds the upload by parent, type and property', found.data);
    const bytes = await drive.files.get({ fileId: report.data.id!, alt: 'media' }, { responseType: 'text' });
    t.check(String(bytes.data) === 'region,total\nnorth,10\n', 'alt=media returns the bytes', bytes.data);

    await drive.files.update({ fileId: report.data.id!, media: { mimeType: 'text/csv', body: 'region,total\nnorth,12\n' } }, { rootUrl });
    const revs = await drive.revisions.list({ fileId: report.data.id!, fields: 'revisions(id,size)' });
    t.check(revs.data.revisions?.length === 2, 'new content made a second revision', revs.data);
    const oldRev = await drive.revisions.get({ fileId: report.data.id!, revisionId: revs.data.revisions![0].id!, alt: 'media' }, { responseType: 'text' });
    t.check(String(oldRev.data) === 'region,total\nnorth,10\n', 'the first revision keeps the old bytes', oldRev.data);

    await drive.revisions.update({ fileId: report.data.id!, revisionId: revs.data.revisions![1].id!, requestBody: { keepForever: true } });
    await drive.revisions.delete({ fileId: report.data.id!, revisionId: revs.data.revisions![0].id! });
    const kept = await drive.revisions.list({ fileId: report.data.id!, fields: 'revisions(keepForever)' });
    t.checkEffect(kept.data.revisions?.length === 1 && kept.data.revisions[0].keepForever === true, 'old revision deleted, head kept forever', kept.data);
    await t.expectError(() => drive.revisions.delete({ fileId: report.data.id!, revisionId: revs.data.revisions![1].id! }), classic(400, 'cannotDeleteHeadRevision'), 'the head revision cannot be deleted');

    const sheetFile = await drive.files.create({ requestBody: { name: 'imported', mimeType: 'application/vnd.google-apps.spreadsheet' }, media: { mimeType: 'text/csv', body: 'a,b\n1,2\n' }, fields: 'id,mimeType' }, { rootUrl });
    const csv = await drive.files.export({ fileId: sheetFile.data.id!, mimeType: 'text/csv' }, { responseType: 'text' });
    t.checkEffect(String(csv.data) === 'a,b\n1,2', 'a CSV upload converts to a spreadsheet and exports back', csv.data);

    const moved = await drive.files.update({ fileId: report.data.id!, addParents: archive.data.id!, removeParents: inbox.data.id!, requestBody: { name: 'report-q3.csv' }, fields: 'name,parents' });
    t.check(moved.data.name === 'report-q3.csv' && moved.data.parents?.[0] === archive.data.id, 'renamed and moved to Archive', moved.data);
    const copy = await drive.files.copy({ fileId: report.data.id!, requestBody: { name: 'report-copy.csv' }, fields: 'id,name,parents' });
    t.check(copy.data.parents?.[0] === archive.data.id, 'the copy lands next to the original', copy.data);

    const ids = await drive.files.generateIds({ count: 2 });
    const pre = await drive.files.create({ requestBody: { id: ids.data.ids![0], name: 'preassigned' }, fields: 'id' });
    t.checkEffect(ids.data.ids?.length === 2 && pre.data.id === ids.data.ids![0], 'two ids generated; the first is used for the new file', pre.data);

    await drive.files.update({ fileId: inbox.data.id!, requestBody: { trashed: true } });
    const trashed = await drive.files.list({ q: 'trashed = true', fields: 'files(name)' });
    t.check(trashed.data.files?.some((f) => f.name === 'Inbox'), 'Inbox is in the trash', trashed.data);
    await drive.files.emptyTrash({});
    await t.expectError(() => drive.files.get({ fileId: inbox.data.id! }), classic(404, 'notFound', `File not found: ${inbox.data.id}.`), 'emptied trash is gone (404)', { effect: true });
    await drive.files.delete({ fileId: copy.data.id! });

    const changes = await drive.changes.list({ pageToken: start.data.startPageToken!, fields: 'newStartPageToken,changes(fileId,removed)' });
    const removed = new Set(changes.data.changes?.filter((c) => c.removed).map((c) => c.fileId));
    t.checkEffect(removed.has(copy.data.id!) && removed.has(inbox.data.id!), 'changes report the deletions', changes.data);

    // Push: a changes channel hears of the next change; a file channel of that file; both stop.
    const ch = await drive.changes.watch({ pageToken: changes.data.newStartPageToken!, requestBody: { id: 'changes-1', type: 'web_hook', address: sink(ctx) } });
    t.check(ch.data.kind === 'api#channel' && !!ch.data.resourceId && ch.data.id === 'changes-1', 'changes channel opened', ch.data);
    const watched = await drive.files.create({ requestBody: { name: 'watched.txt' }, fields: 'id' });
    const fch = await drive.files.watch({ fileId: watched.data.id!, requestBody: { id: 'file-1', type: 'web_hook', address: sink(ctx) } });
    t.check(fch.data.resourceUri?.includes(watched.data.id!), 'file channel opened on that file', fch.data);
    await drive.files.update({ fileId: watched.data.id!, requestBody: { name: 'watched-2.txt' } });
    await drive.channels.stop({ requestBody: { id: 'changes-1', resourceId: ch.data.resourceId! } });
    await drive.channels.stop({ requestBody: { id: 'file-1', resourceId: fch.data.resourceId! } });
    const sent = ((await ctx.control('GET', 'google/push/deliveries')).deliveries as Array<{ channelId: string; state: string }>);
    t.checkEffect(sent.filter((d) => d.channelId === 'file-1').map((d) => d.state).join() === 'sync,update' && sent.filter((d) => d.channelId === 'changes-1').length >= 2, 'both channels were notified before they stopped', sent);
    await t.expectError(() => drive.channels.stop({ requestBody: { id: 'file-1', resourceId: fch.data.resourceId! } }), classic(404, 'notFound'), 'a stopped channel is gone', { effect: true });

    await t.expectError(() => drive.files.list({ q: "name = 'unterminated" }), classic(400, 'invalid'), 'malformed q → 400 invalid');
    await t.expectError(() => drive.files.get({ fileId: report.data.id!, fields: 'nope' }), classic(400, 'invalidParameter', 'Invalid field selection nope'), 'unknown field → 400');
  },
};

export default scenario;
