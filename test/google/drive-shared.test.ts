/** Shared drives: membership roles reach the items, supportsAllDrives gates them, admins reach every drive, changes and deletion. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

const all = { supportsAllDrives: true };

async function team() {
  const { creds } = await freshTenant(l);
  const as = (who: string) => clients(l, creds.userTokens[`${who}@${creds.domain}`]).drive;
  const email = (who: string) => `${who}@${creds.domain}`;
  const made = await as('alice').drives.create({ requestId: 'r1', requestBody: { name: 'Finance' } });
  const driveId = made.data.id!;
  const join = (who: string, role: string) => as('alice').permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role, emailAddress: email(who) } });
  return { as, email, driveId, join };
}

describe('membership roles', () => {
  it('a content manager (fileOrganizer) trashes items but only an organizer deletes them', async () => {
    const { as, driveId, join } = await team();
    await join('bob', 'fileOrganizer');
    const f = await as('alice').files.create({ ...all, requestBody: { name: 'ledger.txt', parents: [driveId] } });
    const del = await failure(as('bob').files.delete({ ...all, fileId: f.data.id! }));
    expect([del.status, del.body.error.errors[0].reason]).toEqual([403, 'insufficientFilePermissions']);
    const trashed = await as('bob').files.update({ ...all, fileId: f.data.id!, requestBody: { trashed: true }, fields: 'trashed' });
    expect(trashed.data.trashed).toBe(true);
    await as('alice').files.delete({ ...all, fileId: f.data.id! });
    expect((await failure(as('alice').files.get({ ...all, fileId: f.data.id! }))).status).toBe(404);
  });

  it('removing a member removes their access to every item', async () => {
    const { as, driveId, join } = await team();
    const perm = await join('carol', 'reader');
    const f = await as('alice').files.create({ ...all, requestBody: { name: 'budget.txt', parents: [driveId] } });
    const seen = await as('carol').files.get({ ...all, fileId: f.data.id!, fields: 'capabilities(canEdit)' });
    expect(seen.data.capabilities?.canEdit).toBe(false);
    await as('alice').permissions.delete({ ...all, fileId: driveId, permissionId: perm.data.id! });
    expect((await failure(as('carol').files.get({ ...all, fileId: f.data.id! }))).status).toBe(404);
    expect((await failure(as('carol').drives.get({ driveId }))).status).toBe(404);
  });

  it('organizer and fileOrganizer roles are refused on My Drive files', async () => {
    const { as, email } = await team();
    const f = await as('alice').files.create({ requestBody: { name: 'mine.txt' } });
    const err = await failure(as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'organizer', emailAddress: email('bob') } }));
    expect(err.status).toBe(400);
  });

  it('only organizers manage members', async () => {
    const { as, email, driveId, join } = await team();
    await join('bob', 'writer');
    const err = await failure(as('bob').permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'reader', emailAddress: email('dave') } }));
    expect(err.status).toBe(403);
  });
});

describe('admin access and deletion', () => {
  it('a domain admin reaches a drive with useDomainAdminAccess; a non-admin is refused', async () => {
    const { as, driveId } = await team();
    expect((await failure(as('ada').drives.get({ driveId }))).status).toBe(404);
    const got = await as('ada').drives.get({ driveId, useDomainAdminAccess: true, fields: 'id,name' });
    expect(got.data).toEqual({ id: driveId, name: 'Finance' });
    const listed = await as('ada').drives.list({ useDomainAdminAccess: true, fields: 'drives(id)' });
    expect(listed.data.drives?.map((d) => d.id)).toContain(driveId);
    expect((await failure(as('bob').drives.list({ useDomainAdminAccess: true }))).status).toBe(403);
  });

  it('allowItemDeletion needs useDomainAdminAccess, and then deletes the items with the drive', async () => {
    const { as, driveId } = await team();
    const f = await as('alice').files.create({ ...all, requestBody: { name: 'keep.txt', parents: [driveId] } });
    expect((await failure(as('alice').drives.delete({ driveId, allowItemDeletion: true }))).status).toBe(400);
    await as('ada').drives.delete({ driveId, allowItemDeletion: true, useDomainAdminAccess: true });
    expect((await failure(as('alice').files.get({ ...all, fileId: f.data.id! }))).status).toBe(404);
  });

  it('trashed items do not block deletion of the drive', async () => {
    const { as, driveId } = await team();
    const f = await as('alice').files.create({ ...all, requestBody: { name: 'old.txt', parents: [driveId] } });
    await as('alice').files.update({ ...all, fileId: f.data.id!, requestBody: { trashed: true } });
    await as('alice').drives.delete({ driveId });
    expect((await failure(as('alice').drives.get({ driveId }))).status).toBe(404);
  });
});

describe('changes and listing', () => {
  it('changes.list reports shared drive items only with includeItemsFromAllDrives', async () => {
    const { as, driveId } = await team();
    const start = await as('alice').changes.getStartPageToken({});
    const f = await as('alice').files.create({ ...all, requestBody: { name: 'minutes.txt', parents: [driveId] } });
    const plain = await as('alice').changes.list({ pageToken: start.data.startPageToken!, fields: 'changes(fileId)' });
    expect(plain.data.changes?.map((c) => c.fileId)).not.toContain(f.data.id);
    const withDrives = await as('alice').changes.list({ ...all, includeItemsFromAllDrives: true, pageToken: start.data.startPageToken!, fields: 'changes(fileId)' });
    expect(withDrives.data.changes?.map((c) => c.fileId)).toContain(f.data.id);
    const oneDrive = await as('alice').changes.list({ ...all, includeItemsFromAllDrives: true, driveId, pageToken: start.data.startPageToken!, fields: 'changes(fileId)' });
    expect(oneDrive.data.changes?.map((c) => c.fileId)).toEqual([f.data.id]);
  });

  it('drives.list pages and rejects an unknown query term', async () => {
    const { as } = await team();
    // Erin belongs to no seeded drive, so her list is exactly what she creates.
    for (const [i, name] of ['Finance', 'Sales', 'Legal'].entries()) await as('erin').drives.create({ requestId: `e${i}`, requestBody: { name } });
    const p1 = await as('erin').drives.list({ pageSize: 2, fields: 'nextPageToken,drives(name)' });
    expect(p1.data.drives?.map((d) => d.name)).toEqual(['Finance', 'Sales']);
    const p2 = await as('erin').drives.list({ pageSize: 2, pageToken: p1.data.nextPageToken!, fields: 'nextPageToken,drives(name)' });
    expect(p2.data).toEqual({ drives: [{ name: 'Legal' }] });
    const err = await failure(as('erin').drives.list({ q: "colour = 'red'" }));
    expect([err.status, err.body.error.errors[0].reason]).toEqual([400, 'invalid']);
  });

  it('the fixture seeds a shared drive with members and files', async () => {
    const { as } = await team();
    const drives = await as('dave').drives.list({ q: "name = 'Engineering Shared'", fields: 'drives(id,capabilities(canEdit))' });
    expect(drives.data.drives).toHaveLength(1);
    expect(drives.data.drives![0].capabilities?.canEdit).toBe(false);
    const items = await as('dave').files.list({ corpora: 'drive', driveId: drives.data.drives![0].id!, includeItemsFromAllDrives: true, supportsAllDrives: true, orderBy: 'name', fields: 'files(name)' });
    expect(items.data.files?.map((f) => f.name)).toEqual(['Architecture.md', 'On-call rotation.txt']);
  });

  it('files.get on the drive id answers its root folder', async () => {
    const { as, driveId } = await team();
    const root = await as('alice').files.get({ ...all, fileId: driveId, fields: 'id,name,mimeType,driveId' });
    expect(root.data).toEqual({ id: driveId, name: 'Finance', mimeType: 'application/vnd.google-apps.folder', driveId });
  });

  it('a theme from about.driveThemes sets the drive colour and background; an unknown theme is refused', async () => {
    const { as } = await team();
    const about = await as('erin').about.get({ fields: 'driveThemes' });
    const theme = about.data.driveThemes![2];
    const d = await as('erin').drives.create({ requestId: 'themed', requestBody: { name: 'Themed', themeId: theme.id! }, fields: 'themeId,colorRgb,backgroundImageLink' });
    expect(d.data).toEqual({ themeId: theme.id, colorRgb: theme.colorRgb, backgroundImageLink: theme.backgroundImageLink });
    const err = await failure(as('erin').drives.create({ requestId: 'bad-theme', requestBody: { name: 'X', themeId: 'nope' } }));
    expect([err.status, err.body.error.errors[0].reason]).toEqual([400, 'invalid']);
  });
});
