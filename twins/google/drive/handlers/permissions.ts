/** Drive v3 permissions: sharing a file with users, groups, a domain or anyone — and ownership transfer. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { ROLE_RANK, customer, findGroupByEmail, files, permissions, type DriveFile, type Permission, type Role } from '../../store.js';
import { atLeast, type Access } from '../model/acl.js';
import { displayNameOf, logChange, permissionIdFor, touch } from '../model/files.js';
import { bool, jsonObject, pick, str } from '../../request.js';
import { loadFile } from './files.js';
import { presentPermission } from '../present/files.js';
import { type DriveCaller, driveCaller } from './caller.js';

const PERMISSION_DEFAULT = 'kind,id,type,role,allowFileDiscovery';
const TYPES = ['user', 'group', 'domain', 'anyone'];
const ROLES: Role[] = ['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'];

const notApplicable = () =>
  googleError('drive', { code: 400, message: 'The specified emailAddress is invalid or not applicable for the given permission type.', reason: 'invalid', location: 'permission.emailAddress', locationType: 'other' });
const cannotRemoveOwner = () => googleError('drive', { code: 403, message: 'The owner of a file cannot be removed.', reason: 'cannotRemoveOwner' });
const needsTransfer = () =>
  googleError('drive', { code: 403, message: "The transferOwnership parameter must be enabled when the permission role is 'owner'.", reason: 'forbidden', location: 'transferOwnership', locationType: 'parameter' });

/** Sharing needs owner, or writer on a file whose writers may share. */
function canShare(file: DriveFile, access: Access): boolean {
  return atLeast(access, 'owner') || (atLeast(access, 'writer') && file.writersCanShare);
}

function shareable(t: Tenant, dc: DriveCaller, fileId: string): { file: DriveFile; access: Access } {
  if (!dc.email) throw E.loginRequired('drive');
  const loaded = loadFile(t, dc, fileId);
  if (!canShare(loaded.file, loaded.access)) throw E.insufficientFilePermissions();
  // A shared drive's members are managed by its organizers.
  if (loaded.file.driveId === loaded.file.id && !atLeast(loaded.access, 'organizer')) throw E.insufficientFilePermissions();
  return loaded;
}

/** Moves ownership: the new owner gets the owner permission, the old one stays on as a writer. */
function transferOwnership(t: Tenant, file: DriveFile, to: string, by: string): Permission {
  const coll = permissions(t, file.id);
  const old = coll.find((p) => p.role === 'owner');
  if (old) coll.put({ ...old, role: 'writer' });
  const id = permissionIdFor(t, to);
  const perm: Permission = { id, type: 'user', role: 'owner', emailAddress: to, displayName: displayNameOf(t, to) };
  coll.put(perm);
  file.owner = to;
  touch(t, file, by, { changed: ['permissions'] });
  return perm;
}

function create(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file, access } = shareable(t, dc, ctx.params.fileId);
  const body = jsonObject(ctx, 'drive');
  const type = str(body.type);
  const role = str(body.role) as Role | undefined;
  if (!type) throw E.required('drive', 'permission.type', 'The permission type field is required.');
  if (!role) throw E.required('drive', 'permission.role', 'The permission role field is required.');
  if (!TYPES.includes(type)) throw E.invalidValue('drive', 'permission.type', `Invalid permission type: ${type}`);
  // organizer and fileOrganizer exist only in shared drives.
  if (!ROLES.includes(role) || ((role === 'organizer' || role === 'fileOrganizer') && !file.driveId)) throw E.invalidValue('drive', 'permission.role', `Invalid permission role: ${role}`);
  const email = str(body.emailAddress);
  const domain = str(body.domain);
  if ((type === 'user' || type === 'group') !== !!email) throw notApplicable();
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw notApplicable();
  if (type === 'domain' && !domain) throw E.required('drive', 'permission.domain', 'The permission domain field is required.');
  if (type === 'group' && email && customer(t)?.domains.includes(email.split('@')[1].toLowerCase()) && !findGroupByEmail(t, email)) {
    throw googleError('drive', { code: 400, message: `Invalid sharing request: ${email} is not a group.`, reason: 'invalidSharingRequest' });
  }
  const expirationTime = str(body.expirationTime);
  if (expirationTime !== undefined && (Number.isNaN(Date.parse(expirationTime)) || Date.parse(expirationTime) <= t.clock.ms())) {
    throw E.badRequest('drive', 'The expiration time must be in the future.');
  }

  if (role === 'owner') {
    if (!bool(ctx.query.transferOwnership)) throw needsTransfer();
    if (!atLeast(access, 'owner') || type !== 'user' || !email) throw E.insufficientFilePermissions();
    const perm = transferOwnership(t, file, email, dc.email);
    return { body: pick(ctx, 'drive', presentPermission(perm), PERMISSION_DEFAULT, 'drive.Permission') };
  }

  const coll = permissions(t, file.id);
  const id = type === 'anyone' ? (body.allowFileDiscovery === true ? 'anyone' : 'anyoneWithLink') : type === 'domain' ? `${permissionIdFor(t, `domain:${domain}`)}k` : permissionIdFor(t, email!);
  const existing = coll.get(id) ?? (type === 'anyone' ? coll.find((p) => p.type === 'anyone') : undefined);
  if (existing?.role === 'owner') throw cannotRemoveOwner();
  if (existing && existing.id !== id) coll.delete(existing.id);
  const perm: Permission = { id, type: type as Permission['type'], role };
  if (email) {
    perm.emailAddress = email;
    perm.displayName = type === 'group' ? (findGroupByEmail(t, email)?.name ?? email) : displayNameOf(t, email);
  }
  if (domain) perm.domain = domain.toLowerCase();
  if (type === 'domain' || type === 'anyone') perm.allowFileDiscovery = body.allowFileDiscovery === true;
  if (expirationTime) perm.expirationTime = new Date(expirationTime).toISOString();
  coll.put(perm);
  touch(t, file, dc.email, { changed: ['permissions'] });
  return { body: pick(ctx, 'drive', presentPermission(perm), PERMISSION_DEFAULT, 'drive.Permission') };
}

function list(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file } = shareable(t, dc, ctx.params.fileId);
  const body = { kind: 'drive#permissionList', permissions: permissions(t, file.id).values().sort((a, b) => ROLE_RANK[b.role] - ROLE_RANK[a.role]).map(presentPermission) };
  return { body: pick(ctx, 'drive', body, `kind,nextPageToken,permissions(${PERMISSION_DEFAULT})`, 'drive.PermissionList') };
}

function load(ctx: OpContext): { t: Tenant; dc: DriveCaller; file: DriveFile; access: Access; perm: Permission } {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  const { file, access } = shareable(t, dc, ctx.params.fileId);
  const perm = permissions(t, file.id).get(ctx.params.permissionId);
  if (!perm) throw E.permissionNotFound(ctx.params.permissionId);
  return { t, dc, file, access, perm };
}

function get(ctx: OpContext): Reply {
  const { perm } = load(ctx);
  return { body: pick(ctx, 'drive', presentPermission(perm), PERMISSION_DEFAULT, 'drive.Permission') };
}

function update(ctx: OpContext): Reply {
  const { t, dc, file, access, perm } = load(ctx);
  const body = jsonObject(ctx, 'drive');
  const role = str(body.role) as Role | undefined;
  if (role !== undefined && !ROLES.includes(role)) throw E.invalidValue('drive', 'permission.role', `Invalid permission role: ${role}`);
  if (body.type !== undefined && body.type !== perm.type) throw googleError('drive', { code: 403, message: 'The resource body includes fields which are not directly writable.', reason: 'fieldNotWritable' });
  if (role === 'owner' && perm.role !== 'owner') {
    if (!bool(ctx.query.transferOwnership)) throw needsTransfer();
    if (!atLeast(access, 'owner') || perm.type !== 'user' || !perm.emailAddress) throw E.insufficientFilePermissions();
    return { body: pick(ctx, 'drive', presentPermission(transferOwnership(t, file, perm.emailAddress, dc.email)), PERMISSION_DEFAULT, 'drive.Permission') };
  }
  if (perm.role === 'owner' && role !== undefined && role !== 'owner') throw cannotRemoveOwner();
  if (role) perm.role = role;
  if (typeof body.expirationTime === 'string') perm.expirationTime = new Date(body.expirationTime).toISOString();
  if (body.removeExpiration === true || ctx.query.removeExpiration === true) delete perm.expirationTime;
  permissions(t, file.id).put(perm);
  touch(t, file, dc.email, { changed: ['permissions'] });
  return { body: pick(ctx, 'drive', presentPermission(perm), PERMISSION_DEFAULT, 'drive.Permission') };
}

function remove(ctx: OpContext): Reply {
  const { t, file, perm } = load(ctx);
  if (perm.role === 'owner') throw cannotRemoveOwner();
  // Removing someone is also a change they should hear about, before they lose sight of the file.
  logChange(t, file.id, false, { changed: ['permissions'] });
  permissions(t, file.id).delete(perm.id);
  file.version += 1;
  file.modifiedTime = t.now().toISOString();
  files(t).put(file);
  return { status: 204 };
}

export const drivePermissionHandlers = {
  'drive.permissions.create': create,
  'drive.permissions.list': list,
  'drive.permissions.get': get,
  'drive.permissions.update': update,
  'drive.permissions.delete': remove,
} satisfies Handlers;
