/** Drive's File, Permission and User resources as callers see them. */
import { type Access, type Who, accessTo, atLeast, deleteRole, trashRole } from '../model/acl.js';
import { type Tenant } from '../../../../src/core/tenant.js';
import { EXPORTS, displayNameOf, permissionIdFor } from '../model/files.js';
import { DOCUMENT, type DriveFile, FOLDER, type Permission, SPREADSHEET, files, isGoogleApps, permissions } from '../../store.js';

export function driveUser(t: Tenant, email: string, me: boolean): Record<string, unknown> {
  return { kind: 'drive#user', displayName: displayNameOf(t, email), me, permissionId: permissionIdFor(t, email), emailAddress: email };
}

export function presentPermission(p: Permission): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'drive#permission', id: p.id, type: p.type, role: p.role };
  if (p.emailAddress) out.emailAddress = p.emailAddress;
  if (p.domain) out.domain = p.domain;
  if (p.displayName) out.displayName = p.displayName;
  if (p.allowFileDiscovery !== undefined) out.allowFileDiscovery = p.allowFileDiscovery;
  if (p.expirationTime) out.expirationTime = p.expirationTime;
  out.deleted = false;
  out.pendingOwner = false;
  return out;
}

/** The full File resource for one caller; `fields` then picks from it. */
export function presentFile(t: Tenant, file: DriveFile, who: Who, access?: Access): Record<string, unknown> {
  const acc = access ?? accessTo(t, file, who);
  const me = (email: string) => !!who.email && email.toLowerCase() === who.email;
  const canEdit = atLeast(acc, 'writer');
  const isOwner = atLeast(acc, 'owner');
  const perms = permissions(t, file.id).values();
  const folder = file.mimeType === FOLDER;
  const blob = !isGoogleApps(file.mimeType);
  const ext = blob && /\.([A-Za-z0-9]+)$/.exec(file.originalFilename ?? file.name)?.[1];
  const out: Record<string, unknown> = {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    starred: file.starred,
    trashed: file.trashed,
    explicitlyTrashed: file.explicitlyTrashed,
    parents: file.parents.filter((p) => !!files(t).get(p) && !!accessTo(t, files(t).get(p)!, who)),
    spaces: ['drive'],
    version: String(file.version),
    webViewLink: (LINKS[file.mimeType] ?? ((id: string) => `https://drive.google.com/file/d/${id}/view?usp=drivesdk`))(file.id),
    iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`,
    hasThumbnail: false,
    thumbnailVersion: '0',
    viewedByMe: isOwner,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    modifiedByMe: me(file.lastModifyingUser),
    owners: [driveUser(t, file.owner, me(file.owner))],
    lastModifyingUser: driveUser(t, file.lastModifyingUser, me(file.lastModifyingUser)),
    shared: perms.some((p) => p.role !== 'owner'),
    ownedByMe: !file.driveId && me(file.owner),
    viewersCanCopyContent: file.viewersCanCopyContent,
    copyRequiresWriterPermission: file.copyRequiresWriterPermission,
    writersCanShare: file.writersCanShare,
    capabilities: {
      canAddChildren: folder && canEdit,
      canComment: atLeast(acc, 'commenter'),
      canCopy: !folder && (canEdit || !file.copyRequiresWriterPermission),
      canDelete: atLeast(acc, deleteRole(file)),
      canDownload: true,
      canEdit,
      canListChildren: folder,
      canModifyContent: canEdit,
      canReadRevisions: canEdit,
      canRemoveChildren: folder && canEdit,
      canRename: canEdit,
      canShare: isOwner || (canEdit && file.writersCanShare),
      canTrash: atLeast(acc, trashRole(file)),
      canUntrash: atLeast(acc, trashRole(file)),
    },
    isAppAuthorized: !!who.clientId && file.createdByClient === who.clientId,
    quotaBytesUsed: String(blob ? file.size ?? 0 : 0),
  };
  // Moves (model/moves.ts): a My Drive item leaves with its owner; a shared drive item leaves with an organizer and moves inside with a content manager.
  const caps = out.capabilities as Record<string, boolean>;
  caps.canMoveItemOutOfDrive = file.driveId ? atLeast(acc, 'organizer') : isOwner;
  caps.canMoveItemIntoTeamDrive = caps.canMoveItemOutOfDrive;
  if (file.driveId) {
    // Shared drive items have no owners; they name their drive instead (File resource: driveId, teamDriveId).
    delete out.owners;
    Object.assign(out, { driveId: file.driveId, teamDriveId: file.driveId });
    // Populated only for shared drive items (shared drives vs My Drive API differences).
    caps.canMoveItemWithinDrive = atLeast(acc, 'fileOrganizer');
    if (folder) {
      caps.canAddFolderFromAnotherDrive = atLeast(acc, 'organizer');
      caps.canMoveChildrenOutOfDrive = atLeast(acc, 'organizer');
      caps.canMoveChildrenWithinDrive = atLeast(acc, 'fileOrganizer');
    }
  }
  if (file.description !== undefined) out.description = file.description;
  if (file.properties) out.properties = file.properties;
  if (file.appProperties && who.clientId && file.createdByClient === who.clientId) out.appProperties = file.appProperties;
  if (file.folderColorRgb) out.folderColorRgb = file.folderColorRgb;
  if (isOwner || (canEdit && file.writersCanShare)) {
    out.permissions = perms.map(presentPermission);
    out.permissionIds = perms.map((p) => p.id);
  }
  if (blob) {
    Object.assign(out, {
      originalFilename: file.originalFilename,
      size: String(file.size ?? 0),
      md5Checksum: file.md5Checksum,
      headRevisionId: file.headRevisionId,
      webContentLink: `https://drive.google.com/uc?id=${file.id}&export=download`,
    });
    if (ext) Object.assign(out, { fullFileExtension: ext, fileExtension: ext });
  }
  const exports = EXPORTS[file.mimeType];
  if (exports) {
    out.exportLinks = Object.fromEntries(Object.entries(exports).map(([m, e]) => [m, `https://docs.google.com/feeds/download/export?id=${file.id}&exportFormat=${e}`]));
  }
  return out;
}

export const LINKS: Record<string, (id: string) => string> = {
  [FOLDER]: (id) => `https://drive.google.com/drive/folders/${id}`,
  [SPREADSHEET]: (id) => `https://docs.google.com/spreadsheets/d/${id}/edit?usp=drivesdk`,
  [DOCUMENT]: (id) => `https://docs.google.com/document/d/${id}/edit?usp=drivesdk`,
};
