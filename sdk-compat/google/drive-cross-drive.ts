// googleapis compat: a team moves work between My Drive and its shared drive (who may move what, and who owns it after), and asks for client-side encryption tokens.
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, userToken } from './common.js';

const FOLDER = 'application/vnd.google-apps.folder';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Drive: moves between My Drive and a shared drive by role, ownership after the move; CSE authorization tokens',
  async run(ctx, t) {
    const alice = t.track(apis(ctx, userToken(ctx, 'alice')).drive, 'drive');
    const bob = t.track(apis(ctx, userToken(ctx, 'bob')).drive, 'drive');
    const carol = t.track(apis(ctx, userToken(ctx, 'carol')).drive, 'drive');
    const all = { supportsAllDrives: true };

    const drive = await alice.drives.create({ requestId: 'moves-1', requestBody: { name: 'Finance' } });
    const driveId = drive.data.id!;
    await alice.permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'fileOrganizer', emailAddress: email(ctx, 'bob') } });
    await alice.permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'writer', emailAddress: email(ctx, 'carol') } });
    const bobView = await bob.drives.get({ driveId, fields: 'capabilities(canAddChildren,canManageMembers)' });
    t.checkEffect(bobView.data.capabilities?.canAddChildren === true && bobView.data.capabilities.canManageMembers === false, 'Bob is a content manager, Carol a contributor', bobView.data);

    // Into the shared drive: a content manager moves a file he owns; a contributor may not; a folder needs a manager.
    const carolFile = await carol.files.create({ requestBody: { name: 'carol-notes.txt' }, fields: 'id' });
    await t.expectError(() => carol.files.update({ ...all, fileId: carolFile.data.id!, addParents: driveId, removeParents: 'root' }), classic(403, 'insufficientFilePermissions'), 'a contributor cannot move items into the drive');
    const bobFile = await bob.files.create({ requestBody: { name: 'q3-forecast.csv' }, fields: 'id,owners' });
    const moved = await bob.files.update({ ...all, fileId: bobFile.data.id!, addParents: driveId, removeParents: 'root', fields: 'id,driveId,parents,owners' });
    t.check(moved.data.driveId === driveId && moved.data.parents?.join() === driveId && !moved.data.owners, 'the file now belongs to the drive: no owner, the drive as parent', moved.data);
    const bobFolder = await bob.files.create({ requestBody: { name: 'Receipts', mimeType: FOLDER }, fields: 'id' });
    await t.expectError(() => bob.files.update({ ...all, fileId: bobFolder.data.id!, addParents: driveId, removeParents: 'root' }), classic(403, 'teamDrivesFolderMoveInNotSupported'), 'only a manager moves folders into a shared drive');
    const aliceFolder = await alice.files.create({ requestBody: { name: 'Budgets', mimeType: FOLDER }, fields: 'id' });
    const inside = await alice.files.create({ requestBody: { name: 'budget-2031.txt', parents: [aliceFolder.data.id!] }, fields: 'id' });
    await alice.files.update({ ...all, fileId: aliceFolder.data.id!, addParents: driveId, removeParents: 'root' });
    const child = await alice.files.get({ ...all, fileId: inside.data.id!, fields: 'driveId,owners' });
    t.checkEffect(child.data.driveId === driveId && !child.data.owners, 'a manager moves a folder in, its contents with it', child.data);
    const listed = await carol.files.list({ ...all, corpora: 'drive', driveId, includeItemsFromAllDrives: true, q: "name = 'budget-2031.txt'", fields: 'files(id)' });
    t.check(listed.data.files?.map((f) => f.id).join() === inside.data.id, 'drive members now find it in the drive', listed.data);

    // Out of the shared drive: only a manager; the item becomes the mover's.
    await t.expectError(() => bob.files.update({ ...all, fileId: bobFile.data.id!, addParents: 'root', removeParents: driveId }), classic(403, 'insufficientFilePermissions'), 'a content manager cannot move items out of the drive');
    const out = await alice.files.update({ ...all, fileId: bobFile.data.id!, addParents: 'root', removeParents: driveId, fields: 'driveId,owners(emailAddress)' });
    t.check(!out.data.driveId && out.data.owners?.map((o) => o.emailAddress).join() === email(ctx, 'alice'), 'moved to My Drive, owned by the manager who moved it', out.data);

    // files.generateCseToken: a Drive CSE authorization token for the key service (Workspace CSE reference, "Authorization tokens").
    const jwks = await (await fetch(`${ctx.origin}/service_accounts/v1/jwk/gsuitecse-tokenissuer-drive@system.gserviceaccount.com`)).json();
    const forFile = await alice.files.generateCseToken({ fileId: bobFile.data.id! });
    const { payload } = await jwtVerify(forFile.data.jwt!, createLocalJWKSet(jwks), { issuer: 'gsuitecse-tokenissuer-drive@system.gserviceaccount.com', audience: 'cse-authorization' });
    t.check(forFile.data.fileId === bobFile.data.id && payload.email === email(ctx, 'alice') && payload.resource_name === `//googleapis.com/drive/files/${bobFile.data.id}` && payload.role === 'writer' && !!forFile.data.currentKaclsId, 'a writer token for the file, signed by the published issuer key', payload);
    await t.expectError(() => carol.files.generateCseToken({ fileId: bobFile.data.id! }), classic(404, 'notFound'), 'no token for a file the caller cannot see');
    const forNew = await bob.files.generateCseToken({ parent: driveId });
    const created = await bob.files.create({ ...all, requestBody: { id: forNew.data.fileId!, name: 'encrypted.bin', parents: [driveId] }, fields: 'id,driveId' });
    t.checkEffect(created.data.id === forNew.data.fileId && created.data.driveId === driveId, 'a token for a new file reserves its id for files.create', created.data);
  },
};

export default scenario;
