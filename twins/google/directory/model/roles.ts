/** Admin roles: the privilege catalog, system and custom roles, role assignments, and what a delegated admin may call. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { K, groupsOf, users, type DirUser } from '../../store.js';
import { orgUnits } from './orgunits.js';

export interface Privilege {
  serviceId: string;
  serviceName: string;
  privilegeName: string;
  isOuScopable: boolean;
  children?: Privilege[];
}

export interface RoleRec extends Doc {
  roleName: string;
  roleDescription: string;
  rolePrivileges: Array<{ serviceId: string; privilegeName: string }>;
  isSystemRole: boolean;
  isSuperAdminRole: boolean;
}

export interface RoleAssignmentRec extends Doc {
  roleId: string;
  assignedTo: string;
  assigneeType: 'user' | 'group';
  scopeType: 'CUSTOMER' | 'ORG_UNIT';
  orgUnitId?: string;
}

export const roles = (t: Tenant) => t.collection<RoleRec>(K.roles);
export const roleAssignments = (t: Tenant) => t.collection<RoleAssignmentRec>(K.roleAssignments);

/**
 * The Admin console service's obfuscated id, as privileges carry it
 * (`{"privilegeName":"USERS_UPDATE","serviceId":"00haapch16h1ysv"}` in the
 * Directory API's role examples).
 */
export const ADMIN_SERVICE = '00haapch16h1ysv';
const p = (privilegeName: string, isOuScopable: boolean, children?: Privilege[]): Privilege => ({ serviceId: ADMIN_SERVICE, serviceName: 'Admin Console', privilegeName, isOuScopable, children });

/** The directory privileges this twin enforces (a subset of the real catalog, same names and nesting). */
export const PRIVILEGES: Privilege[] = [
  p('USERS_ALL', true, [p('USERS_RETRIEVE', true), p('USERS_CREATE', true), p('USERS_UPDATE', true, [p('USERS_ALIAS', true)]), p('USERS_DELETE', true)]),
  p('GROUPS_ALL', false, [p('GROUPS_RETRIEVE', false), p('GROUPS_CREATE', false), p('GROUPS_UPDATE', false), p('GROUPS_DELETE', false)]),
  p('ORGANIZATION_UNITS_ALL', true, [p('ORGANIZATION_UNITS_RETRIEVE', true)]),
  p('DOMAIN_MANAGEMENT', false),
  p('SCHEMA_MANAGEMENT', false),
  p('CALENDAR_RESOURCE', false),
  p('MANAGE_DEVICES', true),
  p('ROLE_MANAGEMENT', false),
];

function flatten(list: Privilege[], parent?: string, out = new Map<string, string | undefined>()): Map<string, string | undefined> {
  for (const x of list) {
    out.set(x.privilegeName, parent);
    if (x.children) flatten(x.children, x.privilegeName, out);
  }
  return out;
}
const PARENT = flatten(PRIVILEGES);
export const knownPrivilege = (name: string) => PARENT.has(name);

/** A role holding `name` or any ancestor of it grants it (USERS_ALL grants USERS_ALIAS). */
function grants(held: Set<string>, name: string): boolean {
  for (let n: string | undefined = name; n; n = PARENT.get(n)) if (held.has(n)) return true;
  return false;
}

/** Pre-built roles every customer has; `_SEED_ADMIN_ROLE` is Super Admin. */
const SYSTEM: Array<[string, string, string[], boolean?]> = [
  ['_SEED_ADMIN_ROLE', 'Google Workspace Administrator Seed Role', PRIVILEGES.map((x) => x.privilegeName), true],
  ['_GROUPS_ADMIN_ROLE', 'Groups Administrator', ['GROUPS_ALL', 'USERS_RETRIEVE', 'ORGANIZATION_UNITS_RETRIEVE']],
  ['_USER_MANAGEMENT_ADMIN_ROLE', 'User Management Administrator', ['USERS_ALL', 'ORGANIZATION_UNITS_RETRIEVE']],
  ['_HELP_DESK_ADMIN_ROLE', 'Help Desk Administrator', ['USERS_RETRIEVE', 'ORGANIZATION_UNITS_RETRIEVE']],
  ['_SERVICE_ADMIN_ROLE', 'Services Administrator', ['CALENDAR_RESOURCE', 'MANAGE_DEVICES', 'ORGANIZATION_UNITS_RETRIEVE']],
];

export const newRoleId = (t: Tenant) => `${t.random.int(1, 9)}${t.random.digits(16)}`;

/** Creates the pre-built roles and the Super Admin assignment of every admin (seeding). */
export function seedRoles(t: Tenant): void {
  for (const [name, description, privileges, superAdmin] of SYSTEM) {
    roles(t).put({ id: newRoleId(t), roleName: name, roleDescription: description, rolePrivileges: privileges.map((privilegeName) => ({ serviceId: ADMIN_SERVICE, privilegeName })), isSystemRole: true, isSuperAdminRole: !!superAdmin });
  }
  for (const u of users(t).values()) if (u.isAdmin) setSuperAdmin(t, u, true);
}

export const superAdminRole = (t: Tenant) => roles(t).find((r) => r.isSuperAdminRole);

/** makeAdmin and the Super Admin role are one fact: either side changes both. */
export function setSuperAdmin(t: Tenant, u: DirUser, on: boolean): void {
  const role = superAdminRole(t);
  users(t).put({ ...u, isAdmin: on });
  if (!role) return;
  const existing = roleAssignments(t).filter((a) => a.roleId === role.id && a.assignedTo === u.id);
  if (on && !existing.length) roleAssignments(t).put({ id: newRoleId(t), roleId: role.id, assignedTo: u.id, assigneeType: 'user', scopeType: 'CUSTOMER' });
  if (!on) for (const a of existing) roleAssignments(t).delete(a.id);
}

export function checkPrivileges(list: unknown): Array<{ serviceId: string; privilegeName: string }> {
  if (!Array.isArray(list) || !list.length) throw E.invalidInput('rolePrivileges');
  return list.map((x) => {
    const r = (x ?? {}) as Record<string, unknown>;
    if (typeof r.privilegeName !== 'string' || !knownPrivilege(r.privilegeName) || r.serviceId !== ADMIN_SERVICE) {
      throw googleError('admin', { code: 400, message: `Invalid Role privileges: ${String(r.privilegeName)}`, reason: 'invalid' });
    }
    return { serviceId: r.serviceId, privilegeName: r.privilegeName };
  });
}

/** Assignments that reach a user: made to them, or to a group they belong to (directly or nested). */
export function assignmentsOf(t: Tenant, u: DirUser): RoleAssignmentRec[] {
  const inGroups = groupsOf(t, u.primaryEmail);
  return roleAssignments(t).filter((a) => (a.assigneeType === 'user' ? a.assignedTo === u.id : [...inGroups].some((g) => groupIdIs(t, g, a.assignedTo))));
}

function groupIdIs(t: Tenant, email: string, id: string): boolean {
  return t.collection(K.groups).get(id)?.email === email;
}

/** A delegated admin holds some role other than Super Admin. */
export function isDelegatedAdmin(t: Tenant, u: DirUser): boolean {
  return !u.isAdmin && assignmentsOf(t, u).some((a) => !roles(t).get(a.roleId)?.isSuperAdminRole);
}

/**
 * The privilege an operation needs when a delegated admin calls it; absent
 * means Super Admin only. (Mapping after "Administrator privilege definitions"
 * in the Admin Help Center: retrieve for reads, create/update/delete for writes.)
 */
export function privilegeFor(opId: string, method: string): string | undefined {
  const read = method === 'get';
  const m = /^directory\.([a-zA-Z]+)\./.exec(opId)?.[1];
  switch (m) {
    case 'users':
      if (/aliases/.test(opId)) return read ? 'USERS_RETRIEVE' : 'USERS_ALIAS';
      if (/makeAdmin/.test(opId)) return undefined;
      return read ? 'USERS_RETRIEVE' : /insert|undelete/.test(opId) ? 'USERS_CREATE' : /delete/.test(opId) ? 'USERS_DELETE' : 'USERS_UPDATE';
    case 'groups':
    case 'members':
      return read ? 'GROUPS_RETRIEVE' : /\.insert$/.test(opId) && m === 'groups' ? 'GROUPS_CREATE' : /\.delete$/.test(opId) && m === 'groups' ? 'GROUPS_DELETE' : 'GROUPS_UPDATE';
    case 'orgunits':
      return read ? 'ORGANIZATION_UNITS_RETRIEVE' : 'ORGANIZATION_UNITS_ALL';
    case 'domains':
    case 'domainAliases':
      return 'DOMAIN_MANAGEMENT';
    case 'schemas':
      return 'SCHEMA_MANAGEMENT';
    case 'resources':
      return 'CALENDAR_RESOURCE';
    case 'mobiledevices':
    case 'chromeosdevices':
      return 'MANAGE_DEVICES';
    case 'roles':
    case 'roleAssignments':
    case 'privileges':
      return 'ROLE_MANAGEMENT';
    default:
      return undefined;
  }
}

/**
 * How far a caller's admin roles reach for an operation: everywhere
 * (a super admin, or a customer-wide grant), the org units of
 * org-unit-scoped grants (only for privileges Google marks OU-scopable),
 * or nowhere (undefined).
 */
export function adminReach(t: Tenant, u: DirUser, opId: string, method: string): 'all' | string[] | undefined {
  if (u.isAdmin) return 'all';
  const need = privilegeFor(opId, method);
  if (!need) return undefined;
  const units: string[] = [];
  for (const a of assignmentsOf(t, u)) {
    const held = new Set((roles(t).get(a.roleId)?.rolePrivileges ?? []).map((x) => x.privilegeName));
    if (!grants(held, need)) continue;
    if (a.scopeType === 'CUSTOMER') return 'all';
    const ou = a.orgUnitId ? orgUnits(t).get(`id:${a.orgUnitId}`) : undefined;
    if (ou && OU_SCOPABLE.has(need)) units.push(ou.orgUnitPath);
  }
  return units.length ? units : undefined;
}

const OU_SCOPABLE = new Set([...PARENT.keys()].filter((n) => findPrivilege(PRIVILEGES, n)?.isOuScopable));

function findPrivilege(list: Privilege[], name: string): Privilege | undefined {
  for (const x of list) {
    if (x.privilegeName === name) return x;
    const sub = x.children && findPrivilege(x.children, name);
    if (sub) return sub;
  }
  return undefined;
}

/** Whether a user's roles let them call an operation at all (somewhere). */
export function rolesAllow(t: Tenant, u: DirUser, opId: string, method: string): boolean {
  return adminReach(t, u, opId, method) !== undefined;
}

/** Whether an account at `path` lies within a reach. */
export const withinReach = (reach: 'all' | string[], path: string) => reach === 'all' || reach.some((r) => r === '/' || path === r || path.startsWith(`${r}/`));
