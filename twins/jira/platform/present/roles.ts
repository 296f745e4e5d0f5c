// Project roles and their actors as Jira shows them (ProjectRole, RoleActor, the name → URL map of a project's roles).
import { groups, roles, users, type ProjectDoc, type RoleActor, type RoleDoc } from '../../store.js';
import type { View } from './site.js';

const api = (v: View, path: string) => `${v.base}/rest/api/3${path}`;

export function roleActorJson(v: View, a: RoleActor) {
  if (a.type === 'user') {
    const u = users(v.t).get(a.accountId);
    return { id: Number(a.id), displayName: u?.displayName ?? a.accountId, type: 'atlassian-user-role-actor', actorUser: { accountId: a.accountId } };
  }
  const g = groups(v.t).get(a.groupId);
  const name = g?.name ?? a.groupId;
  return { id: Number(a.id), displayName: name, type: 'atlassian-group-role-actor', name, actorGroup: { name, displayName: name, groupId: a.groupId } };
}

/** A role in a project (`/project/{key}/role/{id}`): the role plus who holds it there. */
export function projectRoleJson(v: View, p: ProjectDoc, r: RoleDoc, actors: RoleActor[]) {
  return {
    self: api(v, `/project/${p.id}/role/${r.id}`),
    name: r.name,
    id: Number(r.id),
    description: r.description,
    actors: actors.map((a) => roleActorJson(v, a)),
    scope: { type: 'PROJECT', project: { id: p.id, key: p.key, name: p.name } },
  };
}

/** A role of the site catalogue (`/role/{id}`), with the actors new projects get. */
export function siteRoleJson(v: View, r: RoleDoc) {
  return {
    self: api(v, `/role/${r.id}`),
    name: r.name,
    id: Number(r.id),
    description: r.description,
    actors: r.defaultActors.map((a) => roleActorJson(v, a)),
    // Site roles carry no `scope`: Jira sets it only on team-managed project roles (Scope.type is PROJECT or TEMPLATE).
  };
}

/** `GET /project/{key}/role`: role name → the role's URL in this project. */
export function projectRoleLinks(v: View, p: ProjectDoc): Record<string, string> {
  return Object.fromEntries(roles(v.t).values().map((r) => [r.name, api(v, `/project/${p.id}/role/${r.id}`)]));
}

/** An entry of `GET /project/{key}/roledetails`. */
export function roleDetailsJson(v: View, p: ProjectDoc, r: RoleDoc) {
  return {
    self: api(v, `/project/${p.id}/role/${r.id}`),
    name: r.name,
    id: Number(r.id),
    description: r.description,
    admin: r.name === 'Administrators',
    default: r.name === 'Member',
    roleConfigurable: true,
    translatedName: r.name,
    scope: { type: 'PROJECT', project: { id: p.id, key: p.key, name: p.name } },
  };
}
