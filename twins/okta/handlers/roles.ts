// Admin role assignments for users, groups and OAuth clients, with group and app targets, standard and custom roles.
import type { HandlerMap, OpContext } from '../../../src/core/handler.js';
import { notFound, oktaError } from '../errors.js';
import { emit } from '../model/events.js';
import {
  addAppTarget, APP_TARGETABLE, appTargets, assign, catalogEntry, GROUP_TARGETABLE, groupTargets, ownerHref, removeAppTarget, requireAssignment,
  requireOwner, roles, targetOrn, unassign, usersWithRoles, type Owner, type OwnerKind, type RoleDoc,
} from '../model/roles.js';
import { presentGroup } from '../present/groups.js';
import { apps, groups, groupTarget, userActor } from '../store.js';
import { bodyObject, nowIso, requireGroup, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Ctx = OpContext<Record<string, string>>;

/** The documented success status of the operation (Okta answers 200, 201 or 204 per endpoint). */
const done = (ctx: OpContext) => ({ status: Number(Object.keys(ctx.op.responses).find((s) => s.startsWith('2')) ?? 204) });

function owner(ctx: Ctx, kind: OwnerKind): Owner {
  const id = kind === 'users' ? ctx.params.userId : kind === 'groups' ? ctx.params.groupId : ctx.params.clientId;
  return requireOwner(ctx.tenant, kind, id, (x) => requireUser(ctx, x));
}

/** A standard role assignment links its assignee only, targeted or not (terraform and okta-sdk-python cassettes); a custom one its binding too. */
function present(ctx: OpContext, o: Owner, r: RoleDoc) {
  const links: Record<string, { href: string }> = { assignee: { href: ownerHref(ctx.baseUrl, o) } };
  if (r.type === 'CUSTOM') {
    links['resource-set'] = { href: `${ctx.baseUrl}/api/v1/iam/resource-sets/${r.resourceSet}` };
    links.role = { href: `${ctx.baseUrl}/api/v1/iam/roles/${r.role}` };
    links.member = { href: `${ctx.baseUrl}/api/v1/iam/resource-sets/${r.resourceSet}/bindings/${r.role}/members/${r.id}` };
    links.permissions = { href: `${ctx.baseUrl}/api/v1/iam/roles/${r.role}/permissions` };
  }
  const { resourceSet, role, ...rest } = structuredClone(r);
  return { ...rest, ...(r.type === 'CUSTOM' ? { role, 'resource-set': resourceSet } : {}), _links: links };
}

/**
 * An app target as the role target listings show it: an app instance by its label, status and link; a whole
 * catalog app by its catalog entry, features only where the entry has some (terraform cassettes of
 * GET …/roles/{roleId}/targets/catalog/apps).
 */
function presentCatalogTarget(ctx: OpContext, name: string, appId?: string) {
  const inst = appId ? apps(ctx.tenant).get(appId) : undefined;
  if (inst) return { name: inst.label, status: inst.status, id: inst.id, _links: { self: { href: `${ctx.baseUrl}/api/v1/apps/${inst.id}` } } };
  const e = catalogEntry(ctx.tenant, name);
  const logo = { name: 'medium', href: `${ctx.baseUrl}/assets/img/logos/${e.template ? 'default' : name}.png`, ...(e.template ? { type: 'image/png' } : {}) };
  return {
    name: e.name, displayName: e.displayName, description: e.displayName, status: 'ACTIVE', lastUpdated: ctx.tenant.now().toISOString(), category: e.category,
    verificationStatus: 'OKTA_VERIFIED', website: '', signOnModes: e.signOnModes, ...(e.features ? { features: e.features } : {}),
    _links: { logo: [logo], self: { href: `${ctx.baseUrl}/api/v1/catalog/apps/${name}` } },
  };
}

function logGrant(ctx: OpContext, o: Owner, revoke: boolean) {
  if (o.kind === 'users') emit(ctx, { eventType: `user.account.privilege.${revoke ? 'revoke' : 'grant'}`, displayMessage: `${revoke ? 'Revoke' : 'Grant'} user privilege`, target: [userActor(requireUser(ctx, o.id))] });
  else if (o.kind === 'groups') emit(ctx, { eventType: `group.privilege.${revoke ? 'revoke' : 'grant'}`, displayMessage: `${revoke ? 'Revoke' : 'Grant'} group privilege`, target: [groupTarget(requireGroup(ctx, o.id))] });
}

interface Ids { list: string; assign: string; get: string; remove: string; listTargets: string; addTarget: string; removeTarget: string; listApps?: string; addApp?: string; removeApp?: string; addInstance?: string; removeInstance?: string }

function handlersFor(kind: OwnerKind, ids: Ids, param: { role: string; group: string; appId: string }): HandlerMap {
  const find = (ctx: Ctx) => {
    const o = owner(ctx, kind);
    return { o, r: requireAssignment(ctx.tenant, o, ctx.params[param.role]) };
  };
  const map: HandlerMap = {
    [ids.list]: (ctx) => {
      const o = owner(ctx, kind);
      return { status: 200, body: roles(ctx.tenant, o).values().map((r) => present(ctx, o, r)) };
    },
    [ids.assign]: (ctx) => {
      const o = owner(ctx, kind);
      const r = assign(ctx.tenant, o, bodyObject(ctx), ctx.baseUrl, nowIso(ctx));
      logGrant(ctx, o, false);
      // Users and groups: 201 Created (terraform and okta-sdk-python cassettes); OAuth clients: 200 as documented.
      return { status: kind === 'clients' ? 200 : 201, body: present(ctx, o, r) };
    },
    [ids.get]: (ctx) => {
      const { o, r } = find(ctx);
      return { status: 200, body: present(ctx, o, r) };
    },
    [ids.remove]: (ctx) => {
      const { o, r } = find(ctx);
      unassign(ctx.tenant, o, r);
      logGrant(ctx, o, true);
      return { status: 204 };
    },
    [ids.listTargets]: (ctx) => {
      const { o, r } = find(ctx);
      const list = groupTargets(ctx.tenant, o, r.id).values().map((t) => groups(ctx.tenant).get(t.id)).filter((g) => !!g);
      return { status: 200, body: list.map((g) => presentGroup(ctx, g)) };
    },
    [ids.addTarget]: (ctx) => {
      const { o, r } = find(ctx);
      if (!GROUP_TARGETABLE.includes(r.type)) throw oktaError('E0000091');
      const g = requireGroup(ctx, ctx.params[param.group]);
      groupTargets(ctx.tenant, o, r.id).put({ id: g.id });
      return done(ctx);
    },
    [ids.removeTarget]: (ctx) => {
      const { o, r } = find(ctx);
      const g = requireGroup(ctx, ctx.params[param.group]);
      if (!groupTargets(ctx.tenant, o, r.id).delete(g.id)) throw notFound(g.id, 'RoleTarget');
      return done(ctx);
    },
  };
  if (ids.listApps) {
    map[ids.listApps] = (ctx) => {
      const { o, r } = find(ctx);
      return { status: 200, body: appTargets(ctx.tenant, o, r.id).values().map((t) => presentCatalogTarget(ctx, t.name, t.appId)) };
    };
  }
  const addApp = (withInstance: boolean) => (ctx: Ctx) => {
    const { o, r } = find(ctx);
    addAppTarget(ctx.tenant, o, r, ctx.params.appName, withInstance ? ctx.params[param.appId] : undefined);
    return done(ctx);
  };
  const removeApp = (withInstance: boolean) => (ctx: Ctx) => {
    const { o, r } = find(ctx);
    removeAppTarget(ctx.tenant, o, r, ctx.params.appName, withInstance ? ctx.params[param.appId] : undefined);
    return done(ctx);
  };
  if (ids.addApp) map[ids.addApp] = addApp(false);
  if (ids.removeApp) map[ids.removeApp] = removeApp(false);
  if (ids.addInstance) map[ids.addInstance] = addApp(true);
  if (ids.removeInstance) map[ids.removeInstance] = removeApp(true);
  return map;
}

export const roleHandlers = {
  ...handlersFor('users', {
    list: 'listAssignedRolesForUser', assign: 'assignRoleToUser', get: 'getUserRole', remove: 'removeRoleFromUser',
    listTargets: 'listGroupTargetsForRole', addTarget: 'addGroupTargetToRole', removeTarget: 'removeGroupTargetFromRole',
    listApps: 'listApplicationTargetsForApplicationAdministratorRoleForUser', addApp: 'addApplicationTargetToAdminRoleForUser',
    removeApp: 'removeApplicationTargetFromApplicationAdministratorRoleForUser', addInstance: 'addApplicationTargetToAppAdminRoleForUser',
    removeInstance: 'removeApplicationTargetFromAdministratorRoleForUser',
  }, { role: 'roleId', group: 'groupId', appId: 'applicationId' }),
  ...handlersFor('groups', {
    list: 'listGroupAssignedRoles', assign: 'assignRoleToGroup', get: 'getRole', remove: 'removeRoleFromGroup',
    listTargets: 'listGroupTargetsForGroupRole', addTarget: 'addGroupTargetToGroupAdministratorRoleForGroup', removeTarget: 'removeGroupTargetFromGroupAdministratorRoleGivenToGroup',
    listApps: 'listApplicationTargetsForApplicationAdministratorRoleForGroup', addApp: 'addApplicationTargetToAdminRoleGivenToGroup',
    removeApp: 'removeApplicationTargetFromApplicationAdministratorRoleGivenToGroup', addInstance: 'addApplicationInstanceTargetToAppAdminRoleGivenToGroup',
    removeInstance: 'removeApplicationTargetFromAdministratorRoleGivenToGroup',
  }, { role: 'roleId', group: 'targetGroupId', appId: 'applicationId' }),
  ...handlersFor('clients', {
    list: 'listRolesForClient', assign: 'assignRoleToClient', get: 'retrieveClientRole', remove: 'deleteRoleFromClient',
    listTargets: 'listGroupTargetRoleForClient', addTarget: 'assignGroupTargetRoleForClient', removeTarget: 'removeGroupTargetRoleFromClient',
    listApps: 'listAppTargetRoleToClient', addApp: 'assignAppTargetRoleToClient', removeApp: 'removeAppTargetRoleFromClient',
    addInstance: 'assignAppTargetInstanceRoleForClient', removeInstance: 'removeAppTargetInstanceRoleForClient',
  }, { role: 'roleAssignmentId', group: 'groupId', appId: 'appId' }),
  /** Scopes a user's APP_ADMIN assignment back to every app: its app targets are dropped. */
  addAllAppsAsTargetToRole: (ctx) => {
    const o = requireOwner(ctx.tenant, 'users', ctx.params.userId, (x) => requireUser(ctx, x));
    const r = requireAssignment(ctx.tenant, o, ctx.params.roleId);
    if (!APP_TARGETABLE.includes(r.type)) throw oktaError('E0000091');
    appTargets(ctx.tenant, o, r.id).clear();
    return done(ctx);
  },
  /** Every target of a user's role assignment, as ORNs (groups and apps alike). */
  getRoleTargetsByUserIdAndRoleId: (ctx) => {
    const o = requireOwner(ctx.tenant, 'users', ctx.params.userId, (x) => requireUser(ctx, x));
    const r = requireAssignment(ctx.tenant, o, ctx.params.roleIdOrEncodedRoleId);
    const list = [
      ...groupTargets(ctx.tenant, o, r.id).values().map((g) => ({ orn: targetOrn(ctx.tenant, { groupId: g.id }), href: `${ctx.baseUrl}/api/v1/groups/${g.id}` })),
      ...appTargets(ctx.tenant, o, r.id).values().map((a) => ({ orn: targetOrn(ctx.tenant, a), href: a.appId ? `${ctx.baseUrl}/api/v1/apps/${a.appId}` : `${ctx.baseUrl}/api/v1/catalog/apps/${a.name}` })),
    ];
    return { status: 200, body: list.map((x) => ({ orn: x.orn, assignmentType: r.assignmentType, _links: { self: { href: x.href } } })) };
  },
  /** One page of role holders: `value` only, no listing links (terraform cassettes of GET /iam/assignees/users). */
  listUsersWithRoleAssignments: (ctx) => ({
    status: 200,
    body: {
      value: usersWithRoles(ctx.tenant).map((id) => ({
        id, orn: targetOrn(ctx.tenant, { userId: id }),
        _links: { self: { href: `${ctx.baseUrl}/api/v1/users/${id}` }, roles: { href: `${ctx.baseUrl}/api/v1/users/${id}/roles` } },
      })),
    },
  }),
} satisfies Handlers;
