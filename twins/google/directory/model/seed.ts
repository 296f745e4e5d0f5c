/** Seeds the Directory beyond people and groups: admin roles, custom schemas, rooms and buildings, devices, app grants, ASPs, 2SV. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { K, findUserByEmail, ids, users, type OAuthClient, type RefreshToken } from '../../store.js';
import { seedRoles, roles, roleAssignments, newRoleId } from './roles.js';
import { buildSchema, mergeCustomSchemas, userSchemas } from './schemas.js';
import { buildBuilding, buildCalendarResource, buildings, calendarResources, features } from './resources.js';
import { chromeDevices, mobileDevices } from './devices.js';
import { asps } from './security.js';
import { newPrinter, printers } from './printers.js';
import { ensureOrgUnit } from './orgunits.js';

export interface DirectoryFixture {
  /** Custom roles (pre-built roles are always there), each assigned to the listed users. */
  roles?: Array<{ name: string; description?: string; privileges: string[]; assignedTo?: string[] }>;
  schemas?: Array<{ schemaName: string; displayName?: string; fields: Array<Record<string, unknown>> }>;
  /** Custom schema values per user. */
  customSchemas?: Record<string, Record<string, Record<string, unknown>>>;
  buildings?: Array<Record<string, unknown>>;
  features?: string[];
  calendars?: Array<Record<string, unknown>>;
  mobileDevices?: Array<{ user: string; model: string; os: string; type: 'ANDROID' | 'IOS_SYNC' | 'GOOGLE_SYNC'; status?: string }>;
  chromeDevices?: Array<{ model: string; serialNumber: string; orgUnitPath?: string; user?: string; location?: string; assetId?: string; status?: string }>;
  /** Third-party apps users authorized (what the tokens resource lists). */
  apps?: Array<{ name: string; users: string[]; scopes: string[] }>;
  asps?: Array<{ user: string; name: string }>;
  /** Chrome printers, placed in org units by path. */
  printers?: Array<{ displayName: string; uri: string; makeAndModel?: string; orgUnitPath?: string; description?: string }>;
  /** Users enrolled in 2-Step Verification. */
  twoStepUsers?: string[];
}

const hex = (t: Tenant, n: number) => t.random.hex(n);

export function seedDirectory(t: Tenant, f: DirectoryFixture, addr: (e: string) => string, stamp: () => string): void {
  seedRoles(t);
  const ADMIN_SERVICE = roles(t).values()[0].rolePrivileges[0].serviceId;
  const userId = (e: string) => findUserByEmail(t, addr(e))?.id;
  for (const r of f.roles ?? []) {
    const role = roles(t).put({ id: newRoleId(t), roleName: r.name, roleDescription: r.description ?? '', rolePrivileges: r.privileges.map((privilegeName) => ({ serviceId: ADMIN_SERVICE, privilegeName })), isSystemRole: false, isSuperAdminRole: false });
    for (const who of r.assignedTo ?? []) {
      const id = userId(who);
      if (id) roleAssignments(t).put({ id: newRoleId(t), roleId: role.id, assignedTo: id, assigneeType: 'user', scopeType: 'CUSTOMER' });
    }
  }
  for (const s of f.schemas ?? []) userSchemas(t).put(buildSchema(t, s));
  for (const [who, values] of Object.entries(f.customSchemas ?? {})) {
    const u = findUserByEmail(t, addr(who));
    if (u) users(t).put({ ...u, customSchemas: mergeCustomSchemas(t, u.customSchemas, values) });
  }
  for (const name of f.features ?? []) features(t).put({ id: name });
  for (const b of f.buildings ?? []) buildings(t).put(buildBuilding(b));
  for (const c of f.calendars ?? []) calendarResources(t).put(buildCalendarResource(t, c));

  for (const d of f.mobileDevices ?? []) {
    const u = findUserByEmail(t, addr(d.user));
    const when = stamp();
    mobileDevices(t).put({
      id: `AFiQxQ${t.random.chars(60, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`,
      deviceId: hex(t, 16),
      email: [addr(d.user)],
      name: [u ? `${u.name.givenName} ${u.name.familyName}` : addr(d.user)],
      model: d.model,
      os: d.os,
      type: d.type,
      status: d.status ?? 'APPROVED',
      serialNumber: t.random.chars(12, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'),
      ...(d.type === 'ANDROID' ? { imei: t.random.digits(15) } : {}),
      firstSync: when,
      lastSync: stamp(),
      userAgent: d.type === 'ANDROID' ? 'Google Apps Device Policy' : 'iOS Account Sync',
      applications: d.type === 'ANDROID' ? [{ packageName: 'com.google.android.gm', displayName: 'Gmail', versionName: '2024.01', versionCode: 63000, permission: ['android.permission.INTERNET'] }] : [],
    });
  }
  for (const d of f.chromeDevices ?? []) {
    const ou = ensureOrgUnit(t, d.orgUnitPath ?? '/');
    const when = stamp();
    chromeDevices(t).put({
      id: `${hex(t, 8)}-${hex(t, 4)}-${hex(t, 4)}-${hex(t, 4)}-${hex(t, 12)}`,
      serialNumber: d.serialNumber,
      status: d.status ?? 'ACTIVE',
      model: d.model,
      osVersion: '126.0.6478.132',
      platformVersion: '15886.44.0 (Official Build) stable-channel',
      firmwareVersion: 'Google_Board.15117.112.0',
      macAddress: hex(t, 12),
      orgUnitPath: ou.orgUnitPath,
      lastSync: stamp(),
      lastEnrollmentTime: when,
      ...(d.user ? { annotatedUser: addr(d.user) } : {}),
      ...(d.location ? { annotatedLocation: d.location } : {}),
      ...(d.assetId ? { annotatedAssetId: d.assetId } : {}),
      recentUsers: d.user ? [{ type: 'USER_TYPE_MANAGED', email: addr(d.user) }] : [],
    });
  }
  for (const app of f.apps ?? []) {
    const client = t.collection<OAuthClient>(K.clients).put({ id: ids.clientId(t), secret: ids.clientSecret(t), name: app.name });
    for (const who of app.users) t.collection<RefreshToken>(K.refreshTokens).put({ id: ids.refreshToken(t), subject: addr(who), scopes: app.scopes, clientId: client.id });
  }
  let codeId = 0;
  for (const a of f.asps ?? []) {
    const id = userId(a.user);
    if (id) asps(t).put({ id: `${id}:${++codeId}`, userId: id, codeId, name: a.name, creationTime: stamp(), lastTimeUsed: stamp() });
  }
  for (const p of f.printers ?? []) {
    const ou = ensureOrgUnit(t, p.orgUnitPath ?? '/');
    printers(t).put(newPrinter(t, 'printers', { ...p, orgUnitId: ou.id }, stamp()));
  }
  for (const who of f.twoStepUsers ?? []) {
    const u = findUserByEmail(t, addr(who));
    if (u) users(t).put({ ...u, enrolledIn2Sv: true });
  }
}
