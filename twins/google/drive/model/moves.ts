/** Moving items between My Drive and shared drives: who may (Drive's shared drive roles), and what an item becomes on the other side. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { FOLDER, files, permissions, type DriveFile } from '../../store.js';
import { atLeast, type Access } from './acl.js';
import { logChange, ownerPermission } from './files.js';
import { childrenOf } from './indexes.js';

/**
 * Why a move across drives is refused: the item is not the caller's to move (My Drive items move only with their
 * owner; shared drive items leave only with an organizer, "canMoveItemOutOfDrive"), the caller may not add to the
 * destination drive (content managers and managers may, `fileOrganizer`/`organizer`), or a folder would enter a
 * shared drive by someone who is not its organizer ("canAddFolderFromAnotherDrive").
 */
export type MoveRefusal = 'source' | 'destination' | 'folder';

/** The item and everything under it: a folder moves with its contents. */
export function subtree(t: Tenant, root: DriveFile): DriveFile[] {
  const out = [root];
  for (let i = 0; i < out.length; i++) if (out[i].mimeType === FOLDER) out.push(...childrenOf(t, out[i].id).filter((f) => !out.includes(f)));
  return out;
}

export function crossDriveRefusal(t: Tenant, file: DriveFile, access: Access, dest: DriveFile, destAccess: Access, email: string): MoveRefusal | undefined {
  const items = subtree(t, file);
  if (file.driveId) {
    if (!atLeast(access, 'organizer')) return 'source';
  } else if (items.some((f) => f.owner.toLowerCase() !== email.toLowerCase())) {
    return 'source';
  }
  if (dest.driveId) {
    if (file.mimeType === FOLDER && !atLeast(destAccess, 'organizer')) return 'folder';
    if (!atLeast(destAccess, 'fileOrganizer')) return 'destination';
  } else if (!atLeast(destAccess, 'writer')) {
    return 'destination';
  }
  return undefined;
}

/**
 * Re-homes the item and its contents. Into a shared drive, the drive owns them (owner permissions go; other
 * direct permissions stay). Into My Drive, the person who moved them becomes their owner.
 */
export function moveAcrossDrives(t: Tenant, file: DriveFile, dest: DriveFile, email: string): void {
  for (const item of subtree(t, file)) {
    const perms = permissions(t, item.id);
    if (dest.driveId) {
      item.driveId = dest.driveId;
      for (const p of perms.values()) if (p.role === 'owner') perms.delete(p.id);
    } else {
      delete item.driveId;
      item.owner = email.toLowerCase();
      perms.put(ownerPermission(t, item.owner));
    }
    files(t).put(item);
    if (item.id !== file.id) logChange(t, item.id, false);
  }
}
