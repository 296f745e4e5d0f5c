/** Admin Directory v1 roles, privileges and role assignments: custom roles over the privilege catalog, assignments to users and groups. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { findGroupByEmail, groups, groupsOf, users } from '../../store.js';
import { checkCustomer, groupByKey, requireAdmin, userByKey } from '../model/directory.js';
import { byKey as orgUnitByKey } from '../model/orgunits.js';
import { PRIVILEGES, checkPrivileges, newRoleId, roleAssignments, roles, setSuperAdmin, type RoleAssignmentRec, type RoleRec } from '../model/roles.js';
import { jsonObject, str } from '../../request.js';
import { listBody } from '../present/common.js';
import { presentPrivilege, presentRole, presentRoleAssignment } from '../present/roles.js';
import { paginate } from './common.js';

function guard(ctx: OpContext): void {
  requireAdmin(ctx);
  checkCustomer(ctx.tenant, ctx.params.customer);
}

function loadRole(ctx: OpContext, id = ctx.params.roleId): RoleRec {
  const r = roles(ctx.tenant).get(id);
  if (!r) throw E.resourceNotFound('roleId');
  return r;
}

const listRoles = (ctx: OpContext): Reply => {
  guard(ctx);
  const { items, next } = paginate(ctx, roles(ctx.tenant).values(), { dflt: 100, max: 100, key: ['roles'] });
  return { body: listBody('admin#directory#roles', 'items', items.map(presentRole), next) };
};

function nameTaken(ctx: OpContext, name: string, except?: string): boolean {
  return !!roles(ctx.tenant).find((r) => r.id !== except && r.roleName.toLowerCase() === name.toLowerCase());
}

const insertRole = (ctx: OpContext): Reply => {
  guard(ctx);
  const body = jsonObject(ctx, 'admin');
  const name = str(body.roleName)?.trim();
  if (!name) throw E.required('admin', 'roleName', 'Required field must not be blank: roleName');
  if (nameTaken(ctx, name)) throw E.entityExists();
  const r = roles(ctx.tenant).put({ id: newRoleId(ctx.tenant), roleName: name, roleDescription: str(body.roleDescription) ?? '', rolePrivileges: checkPrivileges(body.rolePrivileges), isSystemRole: false, isSuperAdminRole: false });
  return { body: presentRole(r) };
};

/** update replaces, patch merges; system roles are read-only. */
function changeRole(ctx: OpContext, replace: boolean): Reply {
  guard(ctx);
  const r = { ...loadRole(ctx) };
  if (r.isSystemRole) throw googleError('admin', { code: 400, message: 'Cannot modify a system role.', reason: 'invalid' });
  const body = jsonObject(ctx, 'admin');
  const name = str(body.roleName)?.trim();
  if (name !== undefined || replace) {
    if (!name) throw E.required('admin', 'roleName', 'Required field must not be blank: roleName');
    if (nameTaken(ctx, name, r.id)) throw E.entityExists();
    r.roleName = name;
  }
  if (body.roleDescription !== undefined || replace) r.roleDescription = str(body.roleDescription) ?? '';
  if (body.rolePrivileges !== undefined || replace) r.rolePrivileges = checkPrivileges(body.rolePrivileges);
  roles(ctx.tenant).put(r);
  return { body: presentRole(r) };
}

const deleteRole = (ctx: OpContext): Reply => {
  guard(ctx);
  const r = loadRole(ctx);
  if (r.isSystemRole) throw googleError('admin', { code: 400, message: 'Cannot delete a system role.', reason: 'invalid' });
  if (roleAssignments(ctx.tenant).find((a) => a.roleId === r.id)) throw googleError('admin', { code: 400, message: 'Cannot delete a role that is assigned.', reason: 'invalid' });
  roles(ctx.tenant).delete(r.id);
  return { status: 204 };
};

const listPrivileges = (ctx: OpContext): Reply => {
  guard(ctx);
  return { body: listBody('admin#directory#privileges', 'items', PRIVILEGES.map(presentPrivilege)) };
};

function loadAssignment(ctx: OpContext): RoleAssignmentRec {
  const a = roleAssignments(ctx.tenant).get(ctx.params.roleAssignmentId);
  if (!a) throw E.resourceNotFound('roleAssignmentId');
  return a;
}

/** `userKey` (email or id) narrows to that user's assignments; with `includeIndirectRoleAssignments`, those through groups too. */
const listAssignments = (ctx: OpContext): Reply => {
  guard(ctx);
  const t = ctx.tenant;
  const q = ctx.query;
  const userKey = str(q.userKey);
  const roleId = str(q.roleId);
  if (userKey && roleId) throw E.invalidInput('userKey and roleId cannot both be set');
  let who: string[] | undefined;
  if (userKey) {
    const u = userByKey(t, userKey);
    const g = u ? undefined : groupByKey(t, userKey);
    if (!u && !g) throw E.resourceNotFound('userKey');
    who = [u?.id ?? g!.id];
    if (u && (q.includeIndirectRoleAssignments === true || q.includeIndirectRoleAssignments === 'true')) {
      for (const email of groupsOf(t, u.primaryEmail)) who.push(findGroupByEmail(t, email)!.id);
    }
  }
  const all = roleAssignments(t).filter((a) => (!who || who.includes(a.assignedTo)) && (!roleId || a.roleId === roleId));
  const { items, next } = paginate(ctx, all, { dflt: 100, max: 200, key: ['roleAssignments', userKey, roleId, q.includeIndirectRoleAssignments] });
  return { body: listBody('admin#directory#roleAssignments', 'items', items.map(presentRoleAssignment), next) };
};

const insertAssignment = (ctx: OpContext): Reply => {
  guard(ctx);
  const t = ctx.tenant;
  const body = jsonObject(ctx, 'admin');
  const role = roles(t).get(str(body.roleId) ?? '');
  if (!role) throw E.invalidInput('roleId');
  const to = str(body.assignedTo) ?? '';
  const user = users(t).get(to);
  const group = user ? undefined : groups(t).get(to);
  if (!user && !group) throw E.invalidInput('assignedTo');
  const scopeType = str(body.scopeType) ?? 'CUSTOMER';
  if (scopeType !== 'CUSTOMER' && scopeType !== 'ORG_UNIT') throw E.invalidInput('scopeType');
  let orgUnitId: string | undefined;
  if (scopeType === 'ORG_UNIT') {
    const ou = orgUnitByKey(t, `id:${String(body.orgUnitId ?? '').replace(/^id:/, '')}`);
    if (!ou) throw E.invalidInput('orgUnitId');
    orgUnitId = ou.id.replace(/^id:/, '');
  }
  if (roleAssignments(t).find((a) => a.roleId === role.id && a.assignedTo === to && a.orgUnitId === orgUnitId)) throw E.entityExists();
  if (role.isSuperAdminRole && user) {
    setSuperAdmin(t, user, true);
    return { body: presentRoleAssignment(roleAssignments(t).find((a) => a.roleId === role.id && a.assignedTo === to)!) };
  }
  const a = roleAssignments(t).put({ id: newRoleId(t), roleId: role.id, assignedTo: to, assigneeType: user ? 'user' : 'group', scopeType, ...(orgUnitId ? { orgUnitId } : {}) });
  return { body: presentRoleAssignment(a) };
};

const deleteAssignment = (ctx: OpContext): Reply => {
  guard(ctx);
  const t = ctx.tenant;
  const a = loadAssignment(ctx);
  const user = users(t).get(a.assignedTo);
  if (roles(t).get(a.roleId)?.isSuperAdminRole && user) setSuperAdmin(t, user, false);
  else roleAssignments(t).delete(a.id);
  return { status: 204 };
};

export const adminRoleHandlers = {
  'directory.roles.list': listRoles,
  'directory.roles.get': (ctx) => (guard(ctx), { body: presentRole(loadRole(ctx)) }),
  'directory.roles.insert': insertRole,
  'directory.roles.update': (ctx) => changeRole(ctx, true),
  'directory.roles.patch': (ctx) => changeRole(ctx, false),
  'directory.roles.delete': deleteRole,
  'directory.privileges.list': listPrivileges,
  'directory.roleAssignments.list': listAssignments,
  'directory.roleAssignments.get': (ctx) => (guard(ctx), { body: presentRoleAssignment(loadAssignment(ctx)) }),
  'directory.roleAssignments.insert': insertAssignment,
  'directory.roleAssignments.delete': deleteAssignment,
} satisfies Handlers;
