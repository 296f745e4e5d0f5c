/** Drive's Drive (shared drive) and legacy TeamDrive resources as one member sees them. */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { SharedDrive } from '../../store.js';
import { atLeast, type Access } from '../model/acl.js';
import { DRIVE_THEMES, themeLink } from '../model/drives.js';

/** Capabilities follow the member's role: organizer, fileOrganizer (content manager), writer, commenter, reader. */
function capabilities(acc: Access | undefined): Record<string, boolean> {
  const organizer = atLeast(acc, 'organizer');
  const manager = atLeast(acc, 'fileOrganizer');
  const writer = atLeast(acc, 'writer');
  return {
    canAddChildren: writer,
    canChangeCopyRequiresWriterPermissionRestriction: organizer,
    canChangeDomainUsersOnlyRestriction: organizer,
    canChangeDriveBackground: organizer,
    canChangeDriveMembersOnlyRestriction: organizer,
    canChangeSharingFoldersRequiresOrganizerPermissionRestriction: organizer,
    canComment: atLeast(acc, 'commenter'),
    canCopy: true,
    canDeleteChildren: organizer,
    canDeleteDrive: organizer,
    canDownload: true,
    canEdit: writer,
    canListChildren: true,
    canManageMembers: organizer,
    canReadRevisions: writer,
    canRename: writer,
    canRenameDrive: organizer,
    canResetDriveRestrictions: organizer,
    canShare: writer,
    canTrashChildren: manager,
  };
}

export function presentSharedDrive(_t: Tenant, d: SharedDrive, acc: Access | undefined, viewer: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    kind: 'drive#drive',
    id: d.id,
    name: d.name,
    colorRgb: d.colorRgb,
    backgroundImageLink: themeLink(d.themeId ?? DRIVE_THEMES[0].id),
    capabilities: capabilities(acc),
    createdTime: d.createdTime,
    hidden: !!viewer && d.hiddenBy.includes(viewer.toLowerCase()),
    restrictions: { ...d.restrictions },
  };
  if (d.themeId) out.themeId = d.themeId;
  return out;
}

/** The v2-era TeamDrive shape: same drive, older capability names, no `hidden`. */
export function presentTeamDrive(t: Tenant, d: SharedDrive, acc: Access | undefined): Record<string, unknown> {
  const { hidden: _hidden, ...drive } = presentSharedDrive(t, d, acc, undefined);
  const caps = { ...(drive.capabilities as Record<string, boolean>) };
  const rename = (from: string, to: string) => {
    caps[to] = caps[from];
    delete caps[from];
  };
  rename('canChangeDriveBackground', 'canChangeTeamDriveBackground');
  rename('canChangeDriveMembersOnlyRestriction', 'canChangeTeamMembersOnlyRestriction');
  rename('canDeleteDrive', 'canDeleteTeamDrive');
  rename('canRenameDrive', 'canRenameTeamDrive');
  rename('canResetDriveRestrictions', 'canResetTeamDriveRestrictions');
  caps.canRemoveChildren = caps.canDeleteChildren;
  const { driveMembersOnly, ...restrictions } = drive.restrictions as Record<string, boolean>;
  return { ...drive, kind: 'drive#teamDrive', capabilities: caps, restrictions: { ...restrictions, teamMembersOnly: driveMembersOnly } };
}
