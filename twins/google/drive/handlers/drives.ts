/** Drive v3 shared drives: drives.* and the older teamdrives.* over the same model. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { permissions, sharedDrives, type SharedDrive } from '../../store.js';
import { atLeast, type Access } from '../model/acl.js';
import { DRIVE_THEMES, DriveRuleError, createSharedDrive, deleteSharedDrive, membership, renameSharedDrive, setHidden } from '../model/drives.js';
import { bool, decodePageToken, encodePageToken, intParam, jsonObject, pick, str } from '../../request.js';
import { presentSharedDrive, presentTeamDrive } from '../present/drives.js';
import { type DriveCaller, driveCaller } from './caller.js';

type Flavor = 'drive' | 'teamDrive';
const DRIVE_DEFAULT = 'kind,id,name,colorRgb,backgroundImageLink,capabilities,createdTime,hidden,restrictions,themeId';
const TEAMDRIVE_DEFAULT = 'kind,id,name,colorRgb,backgroundImageLink,capabilities,createdTime,restrictions,themeId';

const driveNotFound = (id: string, location: string) =>
  googleError('drive', { code: 404, message: `Shared drive not found: ${id}`, reason: 'notFound', location, locationType: 'parameter' });

const isAdmin = (dc: DriveCaller) => !!dc.caller.user?.isAdmin;

/** A domain administrator acting with useDomainAdminAccess sees every drive as an organizer would manage it. */
function adminAccess(ctx: OpContext, dc: DriveCaller): boolean {
  if (!bool(ctx.query.useDomainAdminAccess)) return false;
  if (!isAdmin(dc)) throw googleError('drive', { code: 403, message: 'The user does not have sufficient permissions for this file.', reason: 'insufficientFilePermissions' });
  return true;
}

function load(ctx: OpContext, dc: DriveCaller, id: string, location: string, need?: 'organizer'): { drive: SharedDrive; access: Access | undefined } {
  const t = ctx.tenant;
  const drive = sharedDrives(t).get(id);
  const admin = adminAccess(ctx, dc);
  const access = drive ? membership(t, drive, dc.who) : undefined;
  // A non-member learns nothing: the drive is "not found" to them.
  if (!drive || (!access && !admin)) throw driveNotFound(id, location);
  if (need && !admin && !atLeast(access, need)) throw E.insufficientFilePermissions();
  return { drive, access: access ?? (admin ? { role: 'organizer', discoverable: true } : undefined) };
}

/** A themeId must name one of about.driveThemes. */
function themeOf(v: unknown) {
  if (v === undefined) return undefined;
  const theme = DRIVE_THEMES.find((x) => x.id === v);
  if (!theme) throw E.invalidValue('drive', 'themeId', `Invalid value for themeId: ${String(v)}`);
  return theme;
}

function present(t: Tenant, flavor: Flavor, d: SharedDrive, acc: Access | undefined, dc: DriveCaller): Record<string, unknown> {
  return flavor === 'drive' ? presentSharedDrive(t, d, acc, dc.email) : presentTeamDrive(t, d, acc);
}

function reply(ctx: OpContext, flavor: Flavor, body: Record<string, unknown>): Reply {
  return { body: pick(ctx, 'drive', body, flavor === 'drive' ? DRIVE_DEFAULT : TEAMDRIVE_DEFAULT, flavor === 'drive' ? 'drive.Drive' : 'drive.TeamDrive') };
}

function create(flavor: Flavor) {
  return (ctx: OpContext): Reply => {
    const t = ctx.tenant;
    const dc = driveCaller(ctx);
    if (!dc.email) throw E.loginRequired('drive');
    const requestId = str(ctx.query.requestId);
    if (!requestId) throw E.required('drive', 'requestId');
    const body = jsonObject(ctx, 'drive');
    const name = str(body.name);
    if (!name) throw E.required('drive', 'name', 'A shared drive name is required.');
    try {
      const theme = themeOf(body.themeId);
      const drive = createSharedDrive(t, dc.email, requestId, name, str(body.colorRgb) ?? theme?.colorRgb);
      if (theme) {
        drive.themeId = theme.id;
        sharedDrives(t).put(drive);
      }
      return reply(ctx, flavor, present(t, flavor, drive, { role: 'organizer', discoverable: true }, dc));
    } catch (e) {
      if (e instanceof DriveRuleError && e.kind === 'duplicate') {
        throw googleError('drive', { code: 409, message: 'A shared drive with this request ID already exists.', reason: 'duplicate', location: 'requestId', locationType: 'parameter' });
      }
      throw e;
    }
  };
}

function get(flavor: Flavor, param: string) {
  return (ctx: OpContext): Reply => {
    const dc = driveCaller(ctx);
    const { drive, access } = load(ctx, dc, ctx.params[param], param);
    return reply(ctx, flavor, present(ctx.tenant, flavor, drive, access, dc));
  };
}

const RESTRICTION_KEYS = ['adminManagedRestrictions', 'copyRequiresWriterPermission', 'domainUsersOnly', 'driveMembersOnly', 'sharingFoldersRequiresOrganizerPermission'] as const;

function update(flavor: Flavor, param: string) {
  return (ctx: OpContext): Reply => {
    const t = ctx.tenant;
    const dc = driveCaller(ctx);
    const { drive, access } = load(ctx, dc, ctx.params[param], param, 'organizer');
    const body = jsonObject(ctx, 'drive');
    if (typeof body.name === 'string') {
      if (!body.name.trim()) throw E.invalidValue('drive', 'name', 'A shared drive name is required.');
      drive.name = body.name;
    }
    if (typeof body.colorRgb === 'string') drive.colorRgb = body.colorRgb;
    const theme = themeOf(body.themeId);
    if (theme) {
      drive.themeId = theme.id;
      if (typeof body.colorRgb !== 'string') drive.colorRgb = theme.colorRgb;
    }
    const r = body.restrictions;
    if (r && typeof r === 'object' && !Array.isArray(r)) {
      const given = r as Record<string, unknown>;
      if (flavor === 'teamDrive' && typeof given.teamMembersOnly === 'boolean') given.driveMembersOnly = given.teamMembersOnly;
      for (const k of RESTRICTION_KEYS) if (typeof given[k] === 'boolean') drive.restrictions[k] = given[k] as boolean;
    }
    renameSharedDrive(t, drive, dc.email);
    return reply(ctx, flavor, present(t, flavor, drive, access, dc));
  };
}

function remove(param: string) {
  return (ctx: OpContext): Reply => {
    const t = ctx.tenant;
    const dc = driveCaller(ctx);
    const { drive } = load(ctx, dc, ctx.params[param], param, 'organizer');
    const withItems = bool(ctx.query.allowItemDeletion);
    if (withItems && !bool(ctx.query.useDomainAdminAccess)) {
      throw E.badRequest('drive', 'The allowItemDeletion parameter is only supported with useDomainAdminAccess.', 'allowItemDeletion');
    }
    try {
      deleteSharedDrive(t, drive, dc.email, withItems);
    } catch (e) {
      // drives.delete reference: "The shared drive cannot contain any untrashed items."
      if (e instanceof DriveRuleError && e.kind === 'notEmpty') {
        throw googleError('drive', { code: 403, message: 'The shared drive cannot be deleted because it contains one or more items.', reason: 'cannotDeleteResourceWithChildren' });
      }
      throw e;
    }
    return { status: 204 };
  };
}

function hide(hidden: boolean) {
  return (ctx: OpContext): Reply => {
    const dc = driveCaller(ctx);
    if (!dc.email) throw E.loginRequired('drive');
    const { drive, access } = load(ctx, dc, ctx.params.driveId, 'driveId');
    setHidden(ctx.tenant, drive, dc.email, hidden);
    return reply(ctx, 'drive', presentSharedDrive(ctx.tenant, drive, access, dc.email));
  };
}

/** The drives.list query language: name, hidden, createdTime, memberCount and organizerCount terms joined by `and`. */
function driveFilter(t: Tenant, q: string | undefined, viewer: string | undefined): (d: SharedDrive) => boolean {
  if (!q?.trim()) return () => true;
  const tests = q.trim().split(/\s+and\s+/i).map((term) => {
    let m = /^name\s*(=|!=|contains)\s*'((?:[^'\\]|\\.)*)'$/i.exec(term);
    if (m) {
      const [, op, raw] = m;
      const v = raw.replace(/\\(.)/g, '$1');
      return (d: SharedDrive) => (op === 'contains' ? d.name.toLowerCase().includes(v.toLowerCase()) : (d.name === v) === (op === '='));
    }
    m = /^hidden\s*(=|!=)\s*(true|false)$/i.exec(term);
    if (m) {
      const want = (m[2].toLowerCase() === 'true') === (m[1] === '=');
      return (d: SharedDrive) => (!!viewer && d.hiddenBy.includes(viewer.toLowerCase())) === want;
    }
    m = /^(createdTime|memberCount|organizerCount)\s*(<=|>=|=|!=|<|>)\s*('([^']*)'|\d+)$/i.exec(term);
    if (m) {
      const [, field, op, , quoted] = m;
      const value = (d: SharedDrive): number => {
        if (field === 'createdTime') return Date.parse(d.createdTime);
        const ps = permissions(t, d.id).values();
        return field === 'memberCount' ? ps.length : ps.filter((p) => p.role === 'organizer').length;
      };
      const want = quoted !== undefined ? Date.parse(quoted) : Number(m[3]);
      if (Number.isNaN(want)) throw E.invalidValue('drive', 'q');
      const cmp: Record<string, (a: number, b: number) => boolean> = { '<': (a, b) => a < b, '<=': (a, b) => a <= b, '>': (a, b) => a > b, '>=': (a, b) => a >= b, '=': (a, b) => a === b, '!=': (a, b) => a !== b };
      return (d: SharedDrive) => cmp[op](value(d), want);
    }
    throw E.invalidValue('drive', 'q');
  });
  return (d) => tests.every((f) => f(d));
}

function list(flavor: Flavor) {
  return (ctx: OpContext): Reply => {
    const t = ctx.tenant;
    const dc = driveCaller(ctx);
    const admin = adminAccess(ctx, dc);
    const pageSize = intParam(ctx, 'drive', 'pageSize', 10, 1, 100);
    const q = str(ctx.query.q);
    const keep = driveFilter(t, q, dc.email);
    const offset = decodePageToken(ctx.query.pageToken, [q, flavor, String(admin)], 'drive');
    const all = sharedDrives(t)
      .values()
      .map((d) => ({ d, acc: membership(t, d, dc.who) }))
      .filter(({ d, acc }) => (acc || admin) && keep(d))
      .sort((a, b) => a.d.createdTime.localeCompare(b.d.createdTime) || a.d.id.localeCompare(b.d.id));
    const page = all.slice(offset, offset + pageSize);
    const key = flavor === 'drive' ? 'drives' : 'teamDrives';
    const body: Record<string, unknown> = {
      kind: flavor === 'drive' ? 'drive#driveList' : 'drive#teamDriveList',
      [key]: page.map(({ d, acc }) => present(t, flavor, d, acc ?? (admin ? { role: 'organizer', discoverable: true } : undefined), dc)),
    };
    if (offset + pageSize < all.length) body.nextPageToken = encodePageToken(offset + pageSize, [q, flavor, String(admin)]);
    const inner = flavor === 'drive' ? DRIVE_DEFAULT : TEAMDRIVE_DEFAULT;
    return { body: pick(ctx, 'drive', body, `kind,nextPageToken,${key}(${inner})`, flavor === 'drive' ? 'drive.DriveList' : 'drive.TeamDriveList') };
  };
}

export const driveSharedDriveHandlers = {
  'drive.drives.create': create('drive'),
  'drive.drives.get': get('drive', 'driveId'),
  'drive.drives.list': list('drive'),
  'drive.drives.update': update('drive', 'driveId'),
  'drive.drives.delete': remove('driveId'),
  'drive.drives.hide': hide(true),
  'drive.drives.unhide': hide(false),
  'drive.teamdrives.create': create('teamDrive'),
  'drive.teamdrives.get': get('teamDrive', 'teamDriveId'),
  'drive.teamdrives.list': list('teamDrive'),
  'drive.teamdrives.update': update('teamDrive', 'teamDriveId'),
  'drive.teamdrives.delete': remove('teamDriveId'),
} satisfies Handlers;
