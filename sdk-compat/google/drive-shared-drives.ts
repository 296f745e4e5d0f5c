// googleapis compat: a team's shared drive — creation, membership, items that need supportsAllDrives, search by corpus, roles, hiding, deletion.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, userToken } from './common.js';

const FOLDER = 'application/vnd.google-apps.folder';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Drive: shared drives — members, supportsAllDrives, corpora, roles, hide, delete; teamdrives',
  async run(ctx, t) {
    const alice = t.track(apis(ctx, userToken(ctx, 'alice')).drive, 'drive');
    const bob = t.track(apis(ctx, userToken(ctx, 'bob')).drive, 'drive');
    const carol = t.track(apis(ctx, userToken(ctx, 'carol')).drive, 'drive');
    const all = { supportsAllDrives: true };

    // drives.create is idempotent per requestId: a repeat is a 409, not a second drive (drives.create reference).
    const made = await alice.drives.create({ requestId: 'team-ops-1', requestBody: { name: 'Ops' } });
    t.check(made.data.kind === 'drive#drive' && /^0A/.test(made.data.id ?? '') && made.data.capabilities?.canManageMembers === true, 'the creator is an organizer of the new drive', made.data);
    const driveId = made.data.id!;
    await t.expectError(() => alice.drives.create({ requestId: 'team-ops-1', requestBody: { name: 'Ops again' } }), classic(409, 'duplicate'), 'a repeated requestId is refused');
    await t.expectError(() => carol.drives.get({ driveId }), classic(404, 'notFound', `Shared drive not found: ${driveId}`), 'a non-member cannot see the drive');

    const renamed = await alice.drives.update({ driveId, requestBody: { name: 'Operations', restrictions: { domainUsersOnly: true } } });
    t.check(renamed.data.name === 'Operations' && renamed.data.restrictions?.domainUsersOnly === true, 'organizer renames and restricts the drive', renamed.data);
    const got = await alice.drives.get({ driveId, fields: 'name,restrictions(domainUsersOnly),hidden' });
    t.check(got.data.name === 'Operations' && got.data.hidden === false, 'drives.get reads the stored drive', got.data);

    // Members are permissions on the drive id, which needs supportsAllDrives like any shared drive item.
    await t.expectError(() => alice.permissions.create({ fileId: driveId, requestBody: { type: 'user', role: 'writer', emailAddress: email(ctx, 'bob') } }), classic(404, 'notFound'), 'without supportsAllDrives the drive is not found');
    const member = await alice.permissions.create({ ...all, fileId: driveId, requestBody: { type: 'user', role: 'writer', emailAddress: email(ctx, 'bob') }, fields: 'id,role' });
    const bobView = await bob.drives.get({ driveId, fields: 'capabilities(canAddChildren,canManageMembers,canTrashChildren)' });
    t.checkEffect(member.data.role === 'writer' && bobView.data.capabilities?.canAddChildren === true && bobView.data.capabilities.canManageMembers === false, 'Bob joined as a contributor', bobView.data);

    const folder = await bob.files.create({ ...all, requestBody: { name: 'Runbooks', mimeType: FOLDER, parents: [driveId] }, fields: 'id,driveId,owners' });
    t.check(folder.data.driveId === driveId && !folder.data.owners, 'a folder in the drive names the drive and has no owner', folder.data);
    const doc = await bob.files.create({ ...all, requestBody: { name: 'oncall.txt', parents: [folder.data.id!] }, media: { mimeType: 'text/plain', body: 'page the ops lead' }, fields: 'id,driveId,capabilities(canTrash,canDelete)' }, { rootUrl: ctx.credentials.rootUrl as string });
    t.check(doc.data.driveId === driveId && doc.data.capabilities?.canTrash === false, 'items below inherit the drive; a contributor cannot trash', doc.data);
    await t.expectError(() => bob.files.get({ fileId: doc.data.id! }), classic(404, 'notFound'), 'shared drive items need supportsAllDrives');
    await t.expectError(() => bob.files.update({ ...all, fileId: doc.data.id!, requestBody: { trashed: true } }), classic(403, 'insufficientFilePermissions'), 'a contributor cannot trash');

    const inDrive = await alice.files.list({ ...all, corpora: 'drive', driveId, includeItemsFromAllDrives: true, q: "name = 'oncall.txt'", fields: 'files(id,driveId)' });
    t.check(inDrive.data.files?.length === 1 && inDrive.data.files[0].id === doc.data.id, 'corpora=drive finds the item', inDrive.data);
    const mine = await alice.files.list({ q: "name = 'oncall.txt'", fields: 'files(id)' });
    t.check(mine.data.files?.length === 0, 'the default corpus (My Drive and shared with me) leaves shared drive items out', mine.data);
    const everywhere = await bob.files.list({ ...all, corpora: 'allDrives', includeItemsFromAllDrives: true, q: "'" + folder.data.id + "' in parents", fields: 'files(id)' });
    t.check(everywhere.data.files?.length === 1, 'corpora=allDrives reaches members too', everywhere.data);
    await t.expectError(() => alice.files.list({ corpora: 'drive', driveId }), classic(403, 'invalid', 'The includeItemsFromAllDrives parameter must be set to true when driveId is specified or corpora contains drive or allDrives.'), 'a drive search must include all-drive items');
    await t.expectError(() => alice.files.list({ corpora: 'drive', includeItemsFromAllDrives: true, supportsAllDrives: true }), classic(403, 'teamDriveIdRequiresTeamDriveCorpora'), 'corpora=drive needs a driveId');
    await t.expectError(() => carol.files.get({ ...all, fileId: doc.data.id! }), classic(404, 'notFound'), 'non-members cannot open items');

    // Hiding is per member: Bob hides it for himself, Alice still sees it in her default view.
    const hidden = await bob.drives.hide({ driveId });
    const aliceSees = await alice.drives.list({ q: 'hidden = false', fields: 'drives(id)' });
    t.checkEffect(hidden.data.hidden === true && aliceSees.data.drives?.some((d) => d.id === driveId), 'Bob hid the drive for himself only', { hidden: hidden.data, aliceSees: aliceSees.data });
    const bobHidden = await bob.drives.list({ q: "hidden = true and name contains 'oper'", fields: 'drives(id,name)' });
    t.check(bobHidden.data.drives?.length === 1 && bobHidden.data.drives[0].id === driveId, 'drives.list q finds Bob’s hidden drive by name', bobHidden.data);
    const shown = await bob.drives.unhide({ driveId });
    t.check(shown.data.hidden === false, 'unhide', shown.data);

    // Deleting needs an organizer and an empty drive (drives.delete: no untrashed items).
    await t.expectError(() => bob.drives.delete({ driveId }), classic(403, 'insufficientFilePermissions'), 'a contributor cannot delete the drive');
    await t.expectError(() => alice.drives.delete({ driveId }), classic(403, 'cannotDeleteResourceWithChildren'), 'a drive with items cannot be deleted');
    await alice.files.delete({ ...all, fileId: folder.data.id! });
    await alice.drives.delete({ driveId });
    await t.expectError(() => alice.drives.get({ driveId }), classic(404, 'notFound'), 'the organizer emptied and deleted the drive', { effect: true });

    // The older teamdrives resource reaches the same drives in its own shape.
    const team = await alice.teamdrives.create({ requestId: 'team-legacy-1', requestBody: { name: 'Legacy' } });
    t.check(team.data.kind === 'drive#teamDrive' && team.data.capabilities?.canRenameTeamDrive === true, 'teamdrives.create answers a TeamDrive', team.data);
    const asDrive = await alice.drives.get({ driveId: team.data.id!, fields: 'kind,name' });
    t.check(asDrive.data.kind === 'drive#drive' && asDrive.data.name === 'Legacy', 'the team drive is a shared drive', asDrive.data);
    const teamRenamed = await alice.teamdrives.update({ teamDriveId: team.data.id!, requestBody: { name: 'Legacy (old)' } });
    const teamGot = await alice.teamdrives.get({ teamDriveId: team.data.id! });
    t.checkEffect(teamRenamed.data.name === 'Legacy (old)' && teamGot.data.name === 'Legacy (old)', 'teamdrives.update renames', teamGot.data);
    const teams = await alice.teamdrives.list({});
    t.check(teams.data.kind === 'drive#teamDriveList' && teams.data.teamDrives?.map((d) => d.id).includes(team.data.id!), 'teamdrives.list', teams.data);
    await alice.teamdrives.delete({ teamDriveId: team.data.id! });
    await t.expectError(() => alice.teamdrives.get({ teamDriveId: team.data.id! }), classic(404, 'notFound'), 'teamdrives.delete removed it', { effect: true });
  },
};

export default scenario;
