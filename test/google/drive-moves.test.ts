// Drive moves between My Drive and shared drives through googleapis: who may move what, what items become on the other side, and files.generateCseToken.
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const twin = useTwin();
const FOLDER = 'application/vnd.google-apps.folder';
const all = { supportsAllDrives: true };

/** A tenant whose shared drive "Finance" has Alice as manager, Bob as content manager and Carol as contributor. */
async function team() {
  const { creds } = await freshTenant(twin);
  const at = (w: string) => `${w}@${creds.domain}`;
  const drive = (w: string) => clients(twin, creds.userTokens[at(w)]).drive;
  const [alice, bob, carol] = [drive('alice'), drive('bob'), drive('carol')];
  const driveId = (await alice.drives.create({ requestId: 'finance', requestBody: { name: 'Finance' } })).data.id!;
  await alice.permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'fileOrganizer', emailAddress: at('bob') } });
  await alice.permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'writer', emailAddress: at('carol') } });
  return { at, alice, bob, carol, driveId };
}

describe('Drive moves across drives', () => {
  it('into a shared drive: the owner with content-manager role moves files; folders need a manager and bring their contents; the drive owns them after', async () => {
    const { alice, bob, carol, driveId } = await team();
    const carolFile = (await carol.files.create({ requestBody: { name: 'c.txt' }, fields: 'id' })).data;
    expect((await failure(carol.files.update({ ...all, fileId: carolFile.id!, addParents: driveId, removeParents: 'root' }))).body.error.errors[0].reason).toBe('insufficientFilePermissions');
    // Alice's own file shared with Bob as editor: Bob is not its owner, so he cannot move it in.
    const aliceFile = (await alice.files.create({ requestBody: { name: 'a.txt' }, fields: 'id' })).data;
    await alice.permissions.create({ fileId: aliceFile.id!, requestBody: { type: 'user', role: 'writer', emailAddress: (await bob.about.get({ fields: 'user' })).data.user!.emailAddress! } });
    expect((await failure(bob.files.update({ ...all, fileId: aliceFile.id!, addParents: driveId }))).status).toBe(403);

    const caps = 'capabilities(canMoveItemOutOfDrive,canMoveItemWithinDrive,canAddFolderFromAnotherDrive,canMoveChildrenOutOfDrive)';
    expect((await alice.files.get({ ...all, fileId: driveId, fields: caps })).data.capabilities).toEqual({ canMoveItemOutOfDrive: true, canMoveItemWithinDrive: true, canAddFolderFromAnotherDrive: true, canMoveChildrenOutOfDrive: true });
    expect((await bob.files.get({ ...all, fileId: driveId, fields: caps })).data.capabilities).toEqual({ canMoveItemOutOfDrive: false, canMoveItemWithinDrive: true, canAddFolderFromAnotherDrive: false, canMoveChildrenOutOfDrive: false });
    expect((await bob.files.get({ fileId: aliceFile.id!, fields: caps })).data.capabilities).toEqual({ canMoveItemOutOfDrive: false });
    expect((await alice.files.get({ fileId: aliceFile.id!, fields: caps })).data.capabilities).toEqual({ canMoveItemOutOfDrive: true });
    const bobFolder = (await bob.files.create({ requestBody: { name: 'Receipts', mimeType: FOLDER }, fields: 'id' })).data;
    const refused = await failure(bob.files.update({ ...all, fileId: bobFolder.id!, addParents: driveId, removeParents: 'root' }));
    expect(refused.body.error).toMatchObject({ code: 403, message: 'Moving folders into shared drives is not supported.', errors: [{ reason: 'teamDrivesFolderMoveInNotSupported' }] });
    expect((await bob.files.get({ fileId: bobFolder.id!, fields: 'parents,driveId' })).data.driveId).toBeUndefined();

    const folder = (await alice.files.create({ requestBody: { name: 'Budgets', mimeType: FOLDER }, fields: 'id' })).data;
    const inside = (await alice.files.create({ requestBody: { name: 'b.txt', parents: [folder.id!] }, fields: 'id' })).data;
    const res = await alice.files.update({ ...all, fileId: folder.id!, addParents: driveId, removeParents: 'root', fields: 'driveId,parents,owners' });
    expect(res.data).toEqual({ driveId, parents: [driveId] });
    const child = await alice.files.get({ ...all, fileId: inside.id!, fields: 'driveId,owners,permissions(role)' });
    expect(child.data.driveId).toBe(driveId);
    expect(child.data.owners).toBeUndefined();
    expect(child.data.permissions?.some((p) => p.role === 'owner')).toBe(false);
    // Members of the drive reach what came in.
    expect((await carol.files.get({ ...all, fileId: inside.id!, fields: 'id' })).data.id).toBe(inside.id);
  });

  it('out of a shared drive: managers only, the mover becomes the owner, and a refused move changes nothing', async () => {
    const { at, alice, bob, driveId } = await team();
    const file = (await bob.files.create({ ...all, requestBody: { name: 'plan.txt', parents: [driveId] }, fields: 'id' })).data;
    const refused = await failure(bob.files.update({ ...all, fileId: file.id!, addParents: 'root', removeParents: driveId, requestBody: { name: 'renamed.txt' } }));
    expect(refused.status).toBe(403);
    expect((await bob.files.get({ ...all, fileId: file.id!, fields: 'name,parents,driveId' })).data).toEqual({ name: 'plan.txt', parents: [driveId], driveId });
    expect((await failure(alice.files.update({ ...all, fileId: file.id!, addParents: 'root' }))).body.error.errors[0].reason).toBe('cannotAddParent');
    const out = await alice.files.update({ ...all, fileId: file.id!, addParents: 'root', removeParents: driveId, fields: 'driveId,owners(emailAddress),permissions(role,emailAddress)' });
    expect(out.data.driveId).toBeUndefined();
    expect(out.data.owners).toEqual([{ emailAddress: at('alice') }]);
    expect((await failure(bob.files.get({ fileId: file.id!, fields: 'id' }))).status).toBe(404);
  });

  it('between two shared drives: a manager of the source and content manager of the destination', async () => {
    const { alice, bob, driveId } = await team();
    const other = (await bob.drives.create({ requestId: 'ops', requestBody: { name: 'Ops' } })).data.id!;
    const file = (await alice.files.create({ ...all, requestBody: { name: 'x.txt', parents: [driveId] }, fields: 'id' })).data;
    expect((await failure(alice.files.update({ ...all, fileId: file.id!, addParents: other, removeParents: driveId }))).status).toBe(404);
    await bob.permissions.create({ ...all, fileId: other, requestBody: { type: 'user', role: 'fileOrganizer', emailAddress: (await alice.about.get({ fields: 'user' })).data.user!.emailAddress! } });
    const moved = await alice.files.update({ ...all, fileId: file.id!, addParents: other, removeParents: driveId, fields: 'driveId' });
    expect(moved.data.driveId).toBe(other);
  });
});

describe('Drive files.generateCseToken', () => {
  it('a writer token naming the file, from the Drive CSE issuer; a new file\'s id is reserved; readers and missing arguments are refused', async () => {
    const { at, alice, carol, driveId } = await team();
    const file = (await alice.files.create({ requestBody: { name: 'secret.bin' }, fields: 'id' })).data;
    const tok = (await alice.files.generateCseToken({ fileId: file.id! })).data;
    expect(tok).toMatchObject({ kind: 'drive#generateCseTokenResponse', fileId: file.id, currentKaclsName: expect.any(String), currentKaclsId: expect.any(String) });
    const claims = decodeJwt(tok.jwt!);
    expect(claims).toMatchObject({ iss: 'gsuitecse-tokenissuer-drive@system.gserviceaccount.com', aud: 'cse-authorization', email: at('alice'), role: 'writer', resource_name: `//googleapis.com/drive/files/${file.id}` });
    expect(claims.exp! - claims.iat!).toBe(3600);
    await alice.permissions.create({ fileId: file.id!, requestBody: { type: 'user', role: 'reader', emailAddress: at('carol') } });
    expect((await failure(carol.files.generateCseToken({ fileId: file.id! }))).body.error.errors[0].reason).toBe('insufficientFilePermissions');
    expect((await failure(alice.files.generateCseToken({}))).status).toBe(400);
    expect((await failure(alice.files.generateCseToken({ parent: file.id! }))).status).toBe(400);
    const fresh = (await carol.files.generateCseToken({ parent: driveId })).data;
    expect(fresh.fileId).not.toBe(file.id);
    const made = await carol.files.create({ ...all, requestBody: { id: fresh.fileId!, name: 'new.bin', parents: [driveId] }, fields: 'id' });
    expect(made.data.id).toBe(fresh.fileId);
    const jwks = (await (await fetch(`${twin.url}/service_accounts/v1/jwk/gsuitecse-tokenissuer-drive@system.gserviceaccount.com`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0].d).toBeUndefined();
  });
});
