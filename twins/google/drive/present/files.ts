/** Drive's File, Permission and User resources as callers see them. */
import { type Access, type Who, accessTo, atLeast, deleteRole, trashRole } from '../model/acl.js';
import { type Tenant } from '../../../../src/core/tenant.js';
import { EXPORTS, displayNameOf, permissionIdFor } from '../model/files.js';
import { DOCUMENT, type DriveFile, FOLDER, type Permission, SPREADSHEET, files, isGoogleApps, permissions } from '../../store.js';
import type { FieldTree } from '../../fields.js';

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

/**
 * The File resource for one caller, as much of it as `want` selects (`fields` then picks from it; by default
 * the whole resource): a create answered with Drive's default `kind,id,name,mimeType` works out no access,
 * capabilities, people or links. Fields are written in one order whatever is selected, so the whole
 * resource reads as it always did, and a selected field has the same value either way.
 */
export function presentFile(t: Tenant, file: DriveFile, who: Who, access?: Access, want: FieldTree | true = true): Record<string, unknown> {
  const all = want === true || want.has('*');
  const wants = (name: string) => all || (want as FieldTree).has(name);
  let acc = access;
  const accessOf = () => (acc ??= accessTo(t, file, who));
  let perms: Permission[] | undefined;
  const permsOf = () => (perms ??= permissions(t, file.id).values());
  const me = (email: string) => !!who.email && email.toLowerCase() === who.email;
  const folder = file.mimeType === FOLDER;
  const blob = !isGoogleApps(file.mimeType);
  // Every field is written only when selected (a create's default mask keeps four of some thirty, and the rest
  // were strings, arrays and objects made for nothing); `fields` then orders what is kept.
  const out: Record<string, unknown> = { kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType };
  if (wants('starred')) out.starred = file.starred;
  if (wants('trashed')) out.trashed = file.trashed;
  if (wants('explicitlyTrashed')) out.explicitlyTrashed = file.explicitlyTrashed;
  if (wants('parents')) out.parents = file.parents.filter((p) => !!files(t).get(p) && !!accessTo(t, files(t).get(p)!, who));
  if (wants('spaces')) out.spaces = ['drive'];
  if (wants('version')) out.version = String(file.version);
  if (wants('webViewLink')) out.webViewLink = (LINKS[file.mimeType] ?? ((id: string) => `https://drive.google.com/file/d/${id}/view?usp=drivesdk`))(file.id);
  if (wants('iconLink')) out.iconLink = `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`;
  if (wants('hasThumbnail')) out.hasThumbnail = false;
  if (wants('thumbnailVersion')) out.thumbnailVersion = '0';
  if (wants('viewedByMe')) out.viewedByMe = atLeast(accessOf(), 'owner');
  if (wants('createdTime')) out.createdTime = file.createdTime;
  if (wants('modifiedTime')) out.modifiedTime = file.modifiedTime;
  if (wants('modifiedByMe')) out.modifiedByMe = me(file.lastModifyingUser);
  // Presenting a person gives them Drive's permission id when first seen (permissionIdFor), shown or not.
  if (wants('owners')) out.owners = [driveUser(t, file.owner, me(file.owner))];
  else permissionIdFor(t, file.owner);
  if (wants('lastModifyingUser')) out.lastModifyingUser = driveUser(t, file.lastModifyingUser, me(file.lastModifyingUser));
  // (A second ask for the same address finds what the first made.)
  else if (file.lastModifyingUser !== file.owner) permissionIdFor(t, file.lastModifyingUser);
  if (wants('shared')) out.shared = permsOf().some((p) => p.role !== 'owner');
  if (wants('ownedByMe')) out.ownedByMe = !file.driveId && me(file.owner);
  if (wants('viewersCanCopyContent')) out.viewersCanCopyContent = file.viewersCanCopyContent;
  if (wants('copyRequiresWriterPermission')) out.copyRequiresWriterPermission = file.copyRequiresWriterPermission;
  if (wants('writersCanShare')) out.writersCanShare = file.writersCanShare;
  if (wants('capabilities')) {
    const acc = accessOf();
    const canEdit = atLeast(acc, 'writer');
    const isOwner = atLeast(acc, 'owner');
    const caps: Record<string, boolean> = {
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
    };
    // Moves (model/moves.ts): a My Drive item leaves with its owner; a shared drive item leaves with an organizer and moves inside with a content manager.
    caps.canMoveItemOutOfDrive = file.driveId ? atLeast(acc, 'organizer') : isOwner;
    caps.canMoveItemIntoTeamDrive = caps.canMoveItemOutOfDrive;
    if (file.driveId) {
      // Populated only for shared drive items (shared drives vs My Drive API differences).
      caps.canMoveItemWithinDrive = atLeast(acc, 'fileOrganizer');
      if (folder) {
        caps.canAddFolderFromAnotherDrive = atLeast(acc, 'organizer');
        caps.canMoveChildrenOutOfDrive = atLeast(acc, 'organizer');
        caps.canMoveChildrenWithinDrive = atLeast(acc, 'fileOrganizer');
      }
    }
    out.capabilities = caps;
  }
  if (wants('isAppAuthorized')) out.isAppAuthorized = !!who.clientId && file.createdByClient === who.clientId;
  if (wants('quotaBytesUsed')) out.quotaBytesUsed = String(blob ? file.size ?? 0 : 0);
  if (file.driveId) {
    // Shared drive items have no owners; they name their drive instead (File resource: driveId, teamDriveId).
    delete out.owners;
    if (wants('driveId')) out.driveId = file.driveId;
    if (wants('teamDriveId')) out.teamDriveId = file.driveId;
  }
  if (file.description !== undefined && wants('description')) out.description = file.description;
  if (file.properties && wants('properties')) out.properties = file.properties;
  if (file.appProperties && who.clientId && file.createdByClient === who.clientId && wants('appProperties')) out.appProperties = file.appProperties;
  if (file.folderColorRgb && wants('folderColorRgb')) out.folderColorRgb = file.folderColorRgb;
  if (wants('permissions') || wants('permissionIds')) {
    const acc = accessOf();
    if (atLeast(acc, 'owner') || (atLeast(acc, 'writer') && file.writersCanShare)) {
      out.permissions = permsOf().map(presentPermission);
      out.permissionIds = permsOf().map((p) => p.id);
    }
  }
  if (blob) {
    if (wants('originalFilename')) out.originalFilename = file.originalFilename;
    if (wants('size')) out.size = String(file.size ?? 0);
    if (wants('md5Checksum')) out.md5Checksum = file.md5Checksum;
    if (wants('headRevisionId')) out.headRevisionId = file.headRevisionId;
    if (wants('webContentLink')) out.webContentLink = `https://drive.google.com/uc?id=${file.id}&export=download`;
    const ext = (wants('fullFileExtension') || wants('fileExtension')) && /\.([A-Za-z0-9]+)$/.exec(file.originalFilename ?? file.name)?.[1];
    if (ext) {
      out.fullFileExtension = ext;
      out.fileExtension = ext;
    }
  }
  const exports = wants('exportLinks') && EXPORTS[file.mimeType];
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
