// Project roles: the site catalogue (create, rename, delete with swap, default actors) and who holds each role in a project.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { isSiteAdmin, roles, users, type ProjectDoc, type RoleActor, type RoleDoc } from '../../store.js';
import { findGroup } from '../model/groups.js';
import { actorsOf, addActors, addDefaultActors, ADMIN_ROLE, deleteRole, removeDefaultActors, findRoleByName, holdsRole, removeActor, setActors } from '../model/roles.js';
import { projectRoleJson, projectRoleLinks, roleDetailsJson, roleActorJson, siteRoleJson } from '../present/roles.js';
import { viewOf } from '../present/site.js';
import { listParam, me, objectBody, projectOr404, type Ctx } from './common.js';

const ADMIN_ONLY = 'You are not authorized to perform this action. Administrator privileges are required.';

function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, [ADMIN_ONLY]);
}

/** Changing who holds a project's roles takes Administer Projects there: a site admin or a holder of Administrators. */
export function requireProjectAdministration(ctx: Ctx, p: ProjectDoc): void {
  const u = me(ctx);
  if (!isSiteAdmin(u) && !holdsRole(ctx.tenant, p, ADMIN_ROLE, u)) throw jiraError(403, ['You cannot edit the configuration of this project.']);
}

function roleOr404(ctx: Ctx, id: unknown): RoleDoc {
  const r = roles(ctx.tenant).get(String(id));
  if (!r) throw jiraError(404, [`Can not retrieve a role actor for a null project role.`]);
  return r;
}

function projectRoleOr404(ctx: Ctx, key: string, id: unknown): { p: ProjectDoc; r: RoleDoc } {
  const p = projectOr404(ctx, key);
  const r = roles(ctx.tenant).get(String(id));
  if (!r) throw jiraError(404, [`No project role with id '${id}' could be found.`]);
  return { p, r };
}

/** Body or query lists of users, group names and group ids, each checked against the site. */
function actorsFrom(ctx: Ctx, src: { user?: unknown; group?: unknown; groupId?: unknown }): RoleActor[] {
  const out: RoleActor[] = [];
  for (const id of listParam(src.user)) {
    const u = users(ctx.tenant).get(id);
    if (!u) throw jiraError(400, [`We couldn't find the user with account ID '${id}'.`]);
    out.push({ type: 'user', accountId: u.accountId });
  }
  for (const name of listParam(src.group)) {
    const g = findGroup(ctx.tenant, { groupname: name });
    if (!g) throw jiraError(400, [`We couldn't find the group with name '${name}'.`]);
    out.push({ type: 'group', groupId: g.id });
  }
  for (const id of listParam(src.groupId)) {
    const g = findGroup(ctx.tenant, { groupId: id });
    if (!g) throw jiraError(400, [`We couldn't find the group with ID '${id}'.`]);
    out.push({ type: 'group', groupId: g.id });
  }
  return out;
}

function roleName(ctx: Ctx, name: unknown, except?: RoleDoc): string {
  if (typeof name !== 'string' || !name.trim()) throw fieldErrors({ name: 'The project role name must be specified.' });
  const clash = findRoleByName(ctx.tenant, name.trim());
  if (clash && clash !== except) throw jiraError(409, [`A project role with name '${name.trim()}' already exists.`]);
  return name.trim();
}

export const roleHandlers = {
  getProjectRoles: (ctx) => ({ body: projectRoleLinks(viewOf(ctx), projectOr404(ctx, ctx.params.projectIdOrKey)) }),
  getProjectRole: (ctx) => {
    const { p, r } = projectRoleOr404(ctx, ctx.params.projectIdOrKey, ctx.params.id);
    let actors = actorsOf(ctx.tenant, p, r.id);
    if (String(ctx.query.excludeInactiveUsers) === 'true') actors = actors.filter((a) => a.type !== 'user' || users(ctx.tenant).get(a.accountId)?.active);
    return { body: projectRoleJson(viewOf(ctx), p, r, actors) };
  },
  getProjectRoleDetails: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const u = me(ctx);
    let list = roles(ctx.tenant).values();
    if (String(ctx.query.currentMember) === 'true') list = list.filter((r) => holdsRole(ctx.tenant, p, r.id, u));
    if (String(ctx.query.excludeConnectAddons) === 'true') list = list.filter((r) => r.name !== 'atlassian-addons-project-access');
    return { body: list.map((r) => roleDetailsJson(viewOf(ctx), p, r)) };
  },
  addActorUsers: (ctx) => {
    const { p, r } = projectRoleOr404(ctx, ctx.params.projectIdOrKey, ctx.params.id);
    requireProjectAdministration(ctx, p);
    const add = actorsFrom(ctx, objectBody(ctx));
    if (!add.length) throw jiraError(400, ['You must specify at least one user or group to add to the role.']);
    addActors(ctx.tenant, p, r.id, add);
    return { body: projectRoleJson(viewOf(ctx), p, r, actorsOf(ctx.tenant, p, r.id)) };
  },
  setActors: (ctx) => {
    const { p, r } = projectRoleOr404(ctx, ctx.params.projectIdOrKey, ctx.params.id);
    requireProjectAdministration(ctx, p);
    const cat = (objectBody(ctx).categorisedActors ?? {}) as Record<string, unknown>;
    const next = [
      ...actorsFrom(ctx, { user: cat['atlassian-user-role-actor'] }),
      ...actorsFrom(ctx, { group: cat['atlassian-group-role-actor'], groupId: cat['atlassian-group-role-actor-id'] }),
    ];
    setActors(ctx.tenant, p, r.id, next);
    return { body: projectRoleJson(viewOf(ctx), p, r, actorsOf(ctx.tenant, p, r.id)) };
  },
  deleteActor: (ctx) => {
    const { p, r } = projectRoleOr404(ctx, ctx.params.projectIdOrKey, ctx.params.id);
    requireProjectAdministration(ctx, p);
    // Removing someone who does not hold the role (or does not exist) succeeds silently, as Jira's does.
    const which: RoleActor[] = [
      ...listParam(ctx.query.user).map((accountId) => ({ type: 'user' as const, accountId })),
      ...listParam(ctx.query.groupId).map((groupId) => ({ type: 'group' as const, groupId })),
      ...listParam(ctx.query.group).flatMap((name) => {
        const g = findGroup(ctx.tenant, { groupname: name });
        return g ? [{ type: 'group' as const, groupId: g.id }] : [];
      }),
    ];
    if (!listParam(ctx.query.user).length && !listParam(ctx.query.group).length && !listParam(ctx.query.groupId).length) {
      throw jiraError(400, ['You must specify a user or a group to remove from the role.']);
    }
    for (const a of which) removeActor(ctx.tenant, p, r.id, a);
    return { status: 204 };
  },

  getAllProjectRoles: (ctx) => {
    requireAdmin(ctx);
    return { body: roles(ctx.tenant).values().map((r) => siteRoleJson(viewOf(ctx), r)) };
  },
  getProjectRoleById: (ctx) => {
    requireAdmin(ctx);
    return { body: siteRoleJson(viewOf(ctx), roleOr404(ctx, ctx.params.id)) };
  },
  createProjectRole: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = roleName(ctx, b.name);
    const id = String(Math.max(10002, ...roles(ctx.tenant).values().map((r) => Number(r.id))) + 1);
    const r = roles(ctx.tenant).put({ id, name, description: typeof b.description === 'string' ? b.description : '', defaultActors: [] });
    return { body: siteRoleJson(viewOf(ctx), r) };
  },
  fullyUpdateProjectRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    const b = objectBody(ctx);
    if (typeof b.description !== 'string') throw fieldErrors({ description: 'The project role description must be specified.' });
    roles(ctx.tenant).patch(r.id, { name: roleName(ctx, b.name, r), description: b.description });
    return { body: siteRoleJson(viewOf(ctx), r) };
  },
  partialUpdateProjectRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    const b = objectBody(ctx);
    if (b.name === undefined && b.description === undefined) throw jiraError(400, ['Either name or description must be specified.']);
    roles(ctx.tenant).patch(r.id, {
      ...(b.name !== undefined ? { name: roleName(ctx, b.name, r) } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
    });
    return { body: siteRoleJson(viewOf(ctx), r) };
  },
  deleteProjectRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    const swap = ctx.query.swap !== undefined ? roles(ctx.tenant).get(String(ctx.query.swap)) : undefined;
    if (ctx.query.swap !== undefined && (!swap || swap === r)) throw jiraError(400, [`The project role to swap with does not exist.`]);
    deleteRole(ctx.tenant, r, swap);
    return { status: 204 };
  },
  getProjectRoleActorsForRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    return { body: { actors: r.defaultActors.map((a) => roleActorJson(viewOf(ctx), a)) } };
  },
  addProjectRoleActorsToRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    addDefaultActors(ctx.tenant, r, actorsFrom(ctx, objectBody(ctx)));
    return { body: siteRoleJson(viewOf(ctx), r) };
  },
  deleteProjectRoleActorsFromRole: (ctx) => {
    requireAdmin(ctx);
    const r = roleOr404(ctx, ctx.params.id);
    removeDefaultActors(ctx.tenant, r, actorsFrom(ctx, ctx.query));
    return { body: siteRoleJson(viewOf(ctx), r) };
  },
} satisfies Handlers;

