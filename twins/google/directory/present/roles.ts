/** Directory's Role, RoleAssignment and Privilege resources as callers see them. */
import type { Privilege, RoleAssignmentRec, RoleRec } from '../model/roles.js';
import { withEtag } from './common.js';

export function presentRole(r: RoleRec): Record<string, unknown> {
  return withEtag({
    kind: 'admin#directory#role',
    roleId: r.id,
    roleName: r.roleName,
    ...(r.roleDescription ? { roleDescription: r.roleDescription } : {}),
    rolePrivileges: r.rolePrivileges,
    ...(r.isSystemRole ? { isSystemRole: true } : {}),
    ...(r.isSuperAdminRole ? { isSuperAdminRole: true } : {}),
  });
}

export function presentRoleAssignment(a: RoleAssignmentRec): Record<string, unknown> {
  return withEtag({
    kind: 'admin#directory#roleAssignment',
    roleAssignmentId: a.id,
    roleId: a.roleId,
    assignedTo: a.assignedTo,
    assigneeType: a.assigneeType,
    scopeType: a.scopeType,
    ...(a.orgUnitId ? { orgUnitId: a.orgUnitId } : {}),
  });
}

export function presentPrivilege(x: Privilege): Record<string, unknown> {
  return withEtag({
    kind: 'admin#directory#privilege',
    serviceId: x.serviceId,
    serviceName: x.serviceName,
    privilegeName: x.privilegeName,
    isOuScopable: x.isOuScopable,
    ...(x.children?.length ? { childPrivileges: x.children.map(presentPrivilege) } : {}),
  });
}
