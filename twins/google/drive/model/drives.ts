/** Shared drives: creation (idempotent per request id), membership through the root folder's permissions, hiding, deletion. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { FOLDER, files, ids, permissions, sharedDrives, type DriveFile, type SharedDrive } from '../../store.js';
import { accessTo, type Access, type Who } from './acl.js';
import { createFile, deleteTree, displayNameOf, logChange, permissionIdFor } from './files.js';
import { childrenOf } from './indexes.js';

export class DriveRuleError extends Error {
  constructor(readonly kind: 'notFound' | 'duplicate' | 'notEmpty' | 'forbidden') {
    super(kind);
  }
}

/** The shared drive themes about.get lists (driveThemes); a drive's themeId must be one of them. */
export const DRIVE_THEMES: Array<{ id: string; colorRgb: string }> = [
  { id: 'abacus', colorRgb: '#4285f4' },
  { id: 'blueprints', colorRgb: '#1a73e8' },
  { id: 'bookshelf', colorRgb: '#a0522d' },
  { id: 'clouds', colorRgb: '#5f9ea0' },
  { id: 'desk', colorRgb: '#795548' },
  { id: 'leaves', colorRgb: '#0f9d58' },
];
export const themeLink = (id: string) => `https://ssl.gstatic.com/team_drive_themes/${id}_background.jpg`;

/** The default theme colour of a new shared drive. */
const DEFAULT_COLOR = DRIVE_THEMES[0].colorRgb;

export function createSharedDrive(t: Tenant, creator: string, requestId: string, name: string, colorRgb?: string): SharedDrive {
  const requestKey = `${creator.toLowerCase()} ${requestId}`;
  // A repeated request id from the same user is refused rather than creating a second drive (drives.create: "409").
  if (sharedDrives(t).find((d) => d.requestKey === requestKey)) throw new DriveRuleError('duplicate');
  const id = ids.sharedDrive(t);
  const drive: SharedDrive = {
    id,
    name,
    createdTime: t.now().toISOString(),
    colorRgb: colorRgb ?? DEFAULT_COLOR,
    requestKey,
    hiddenBy: [],
    restrictions: { adminManagedRestrictions: false, copyRequiresWriterPermission: false, domainUsersOnly: false, driveMembersOnly: false, sharingFoldersRequiresOrganizerPermission: false },
  };
  sharedDrives(t).put(drive);
  createFile(t, { id, name, mimeType: FOLDER, parents: [], owner: creator, driveId: id }, { root: true, log: false });
  permissions(t, id).put({ id: permissionIdFor(t, creator), type: 'user', role: 'organizer', emailAddress: creator, displayName: displayNameOf(t, creator) });
  return drive;
}

export const driveRoot = (t: Tenant, id: string): DriveFile | undefined => {
  const f = files(t).get(id);
  return f?.driveId === id ? f : undefined;
};

/** The caller's membership role, or undefined for a non-member (who must not learn the drive exists). */
export function membership(t: Tenant, drive: SharedDrive, who: Who): Access | undefined {
  const root = driveRoot(t, drive.id);
  return root ? accessTo(t, root, who) : undefined;
}

export function renameSharedDrive(t: Tenant, drive: SharedDrive, by: string): void {
  const root = driveRoot(t, drive.id);
  if (root && root.name !== drive.name) {
    root.name = drive.name;
    root.lastModifyingUser = by;
    files(t).put(root);
  }
  sharedDrives(t).put(drive);
}

export function setHidden(t: Tenant, drive: SharedDrive, email: string, hidden: boolean): void {
  const key = email.toLowerCase();
  drive.hiddenBy = drive.hiddenBy.filter((e) => e !== key);
  if (hidden) drive.hiddenBy.push(key);
  sharedDrives(t).put(drive);
}

/** Items in the drive that are not in the trash: a drive holding any cannot be deleted without allowItemDeletion. */
export const liveItems = (t: Tenant, driveId: string) => files(t).filter((f) => f.driveId === driveId && f.id !== driveId && !f.trashed);

export function deleteSharedDrive(t: Tenant, drive: SharedDrive, by: string, withItems: boolean): void {
  if (liveItems(t, drive.id).length && !withItems) throw new DriveRuleError('notEmpty');
  for (const f of childrenOf(t, drive.id).filter((x) => x.driveId === drive.id && x.id !== drive.id)) deleteTree(t, f, by);
  for (const f of files(t).filter((x) => x.driveId === drive.id && x.id !== drive.id)) deleteTree(t, f, by);
  const root = driveRoot(t, drive.id);
  if (root) deleteTree(t, root, by);
  else logChange(t, drive.id, true);
  sharedDrives(t).delete(drive.id);
}
