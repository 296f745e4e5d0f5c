// Admin role assignments for users and groups, with Okta's role labels, duplicate refusal and group targets.
import type { HandlerMap, OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaError, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { presentGroup } from '../present/groups.js';
import { groupTarget, groups, oktaId, userActor } from '../store.js';
import { bodyObject, noContent, nowIso, requireGroup, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Standard admin roles and their labels (Administrator roles reference). */
const LABELS: Record<string, string> = {
  SUPER_ADMIN: 'Super Organization Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read Only Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ADMIN: 'API Administrator',
  ACCESS_CERTIFICATIONS_ADMIN: 'Access Certifications Administrator',
  ACCESS_REQUESTS_ADMIN: 'Access Requests Administrator',
};

/** Roles that can be scoped to groups. */
const GROUP_TARGETABLE = ['USER_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'HELP_DESK_ADMIN'];

interface RoleDoc extends Doc {
  label: string;
  type: string;
  status: 'ACTIVE';
  created: string;
  lastUpdated: string;
  assignmentType: 'USER' | 'GROUP';
}

type Owner = { kind: 'users' | 'groups'; id: string };

const roles = (ctx: OpContext, o: Owner) => ctx.tenant.collection<RoleDoc>(`/api/v1/${o.kind}/${o.id}/roles`);
const targets = (ctx: OpContext, o: Owner, roleId: string) => ctx.tenant.collection(`/api/v1/${o.kind}/${o.id}/roles/${roleId}/targets/groups`);

function owner(ctx: OpContext<Record<string, string>>, kind: Owner['kind']): Owner {
  return kind === 'users' ? { kind, id: requireUser(ctx, ctx.params.userId).id } : { kind, id: requireGroup(ctx, ctx.params.groupId).id };
}

function present(ctx: OpContext, o: Owner, r: RoleDoc) {
  const base = `${ctx.baseUrl}/api/v1/${o.kind}/${o.id}/roles/${r.id}`;
  return { ...structuredClone(r), _links: { assignee: { href: `${ctx.baseUrl}/api/v1/${o.kind}/${o.id}` }, ...(GROUP_TARGETABLE.includes(r.type) ? { 'targets-groups': { href: `${base}/targets/groups` } } : {}) } };
}

function requireRole(ctx: OpContext<Record<string, string>>, o: Owner): RoleDoc {
  const r = roles(ctx, o).get(ctx.params.roleId);
  if (!r) throw notFound(ctx.params.roleId, 'RoleAssignment');
  return r;
}

function handlersFor(kind: Owner['kind'], ids: { list: string; assign: string; get: string; remove: string; listTargets: string; addTarget: string; removeTarget: string }): HandlerMap {
  const targetParam = kind === 'users' ? 'groupId' : 'targetGroupId';
  return {
    [ids.list]: (ctx) => {
      const o = owner(ctx, kind);
      return { status: 200, body: roles(ctx, o).values().map((r) => present(ctx, o, r)) };
    },
    [ids.assign]: (ctx) => {
      const o = owner(ctx, kind);
      const body = bodyObject(ctx);
      if (typeof body.type !== 'string' || !LABELS[body.type]) throw validationError('type', 'Does not match required pattern');
      if (roles(ctx, o).find((r) => r.type === body.type)) throw oktaError('E0000090');
      const now = nowIso(ctx);
      const r = roles(ctx, o).put({ id: oktaId(ctx.tenant, 'ra1'), label: LABELS[body.type], type: body.type, status: 'ACTIVE', created: now, lastUpdated: now, assignmentType: kind === 'users' ? 'USER' : 'GROUP' });
      if (kind === 'users') emit(ctx, { eventType: 'user.account.privilege.grant', displayMessage: 'Grant user privilege', target: [userActor(requireUser(ctx, o.id))] });
      else emit(ctx, { eventType: 'group.privilege.grant', displayMessage: 'Grant group privilege', target: [groupTarget(requireGroup(ctx, o.id))] });
      return { status: kind === 'users' ? 201 : 200, body: present(ctx, o, r) };
    },
    [ids.get]: (ctx) => {
      const o = owner(ctx, kind);
      return { status: 200, body: present(ctx, o, requireRole(ctx, o)) };
    },
    [ids.remove]: (ctx) => {
      const o = owner(ctx, kind);
      const r = requireRole(ctx, o);
      roles(ctx, o).delete(r.id);
      targets(ctx, o, r.id).clear();
      if (kind === 'users') emit(ctx, { eventType: 'user.account.privilege.revoke', displayMessage: 'Revoke user privilege', target: [userActor(requireUser(ctx, o.id))] });
      return noContent();
    },
    [ids.listTargets]: (ctx) => {
      const o = owner(ctx, kind);
      const r = requireRole(ctx, o);
      const list = targets(ctx, o, r.id).values().map((t) => groups(ctx.tenant).get(t.id)).filter((g) => !!g);
      return { status: 200, body: list.map((g) => presentGroup(ctx, g)) };
    },
    [ids.addTarget]: (ctx) => {
      const o = owner(ctx, kind);
      const r = requireRole(ctx, o);
      if (!GROUP_TARGETABLE.includes(r.type)) throw oktaError('E0000091');
      const g = requireGroup(ctx, ctx.params[targetParam]);
      targets(ctx, o, r.id).put({ id: g.id });
      return noContent();
    },
    [ids.removeTarget]: (ctx) => {
      const o = owner(ctx, kind);
      const r = requireRole(ctx, o);
      const g = requireGroup(ctx, ctx.params[targetParam]);
      if (!targets(ctx, o, r.id).delete(g.id)) throw notFound(g.id, 'RoleTarget');
      return noContent();
    },
  };
}

export const roleHandlers = {
  ...handlersFor('users', {
    list: 'listAssignedRolesForUser', assign: 'assignRoleToUser', get: 'getUserRole', remove: 'removeRoleFromUser',
    listTargets: 'listGroupTargetsForRole', addTarget: 'addGroupTargetToRole', removeTarget: 'removeGroupTargetFromRole',
  }),
  ...handlersFor('groups', {
    list: 'listGroupAssignedRoles', assign: 'assignRoleToGroup', get: 'getRole', remove: 'removeRoleFromGroup',
    listTargets: 'listGroupTargetsForGroupRole', addTarget: 'addGroupTargetToGroupAdministratorRoleForGroup', removeTarget: 'removeGroupTargetFromGroupAdministratorRoleGivenToGroup',
  }),
} satisfies Handlers;
