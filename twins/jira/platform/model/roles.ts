// Project roles: the site's role catalogue, who holds each role in a project (users and groups), and membership checks.
import type { Tenant } from '../../../../src/core/tenant.js';
import { groups, nextId, projects, roles, users, type ProjectDoc, type RoleActor, type RoleDoc, type UserDoc } from '../../store.js';
import { ensureGroup, isMember } from './groups.js';

/** The roles every Jira Cloud site has, at the ids Cloud gives them. */
export const SITE_ROLES: Array<[string, string, string]> = [
  ['10002', 'Administrators', 'A project role that represents administrators in a project'],
  ['10003', 'atlassian-addons-project-access', 'A project role that represents Connect add-ons declaring a scope that requires more than read issue permissions'],
  ['10004', 'Member', 'A project role that represents members in a project'],
  ['10005', 'Viewer', 'A project role that represents viewers in a project'],
];
export const ADMIN_ROLE = '10002';

export function seedRoles(t: Tenant): void {
  for (const [id, name, description] of SITE_ROLES) {
    const defaultActors: RoleActor[] = [];
    if (name === 'atlassian-addons-project-access') defaultActors.push(withId(t, { type: 'group', groupId: ensureGroup(t, 'atlassian-addons-admin').id }));
    roles(t).put({ id, name, description, defaultActors });
  }
}

/** A new project's roles: each role's default actors, plus the lead as an administrator (as Cloud's templates do). */
export function initProjectRoles(t: Tenant, p: ProjectDoc): void {
  const out: Record<string, RoleActor[]> = {};
  for (const r of roles(t).values()) out[r.id] = r.defaultActors.map((a) => withId(t, a));
  const admins = (out[ADMIN_ROLE] ??= []);
  if (!admins.some((a) => a.type === 'user' && a.accountId === p.leadAccountId)) admins.push(withId(t, { type: 'user', accountId: p.leadAccountId }));
  p.roleActors = out;
}

export function actorsOf(t: Tenant, p: ProjectDoc, roleId: string): RoleActor[] {
  if (!p.roleActors) initProjectRoles(t, p);
  return (p.roleActors![roleId] ??= []);
}

const withId = (t: Tenant, a: RoleActor): RoleActor => ({ ...a, id: nextId(t, 'roleactor', 10100) });

const sameActor = (a: RoleActor, b: RoleActor) =>
  a.type === b.type && (a.type === 'user' ? a.accountId === (b as typeof a).accountId : a.groupId === (b as typeof a).groupId);

export function addActors(t: Tenant, p: ProjectDoc, roleId: string, add: RoleActor[]): void {
  const list = actorsOf(t, p, roleId);
  for (const a of add) if (!list.some((x) => sameActor(x, a))) list.push(withId(t, a));
  projects(t).put(p);
}

/** Removes one actor; answers whether it held the role. */
export function removeActor(t: Tenant, p: ProjectDoc, roleId: string, actor: RoleActor): boolean {
  const list = actorsOf(t, p, roleId);
  const keep = list.filter((x) => !sameActor(x, actor));
  p.roleActors![roleId] = keep;
  projects(t).put(p);
  return keep.length !== list.length;
}

export function setActors(t: Tenant, p: ProjectDoc, roleId: string, actors: RoleActor[]): void {
  const before = actorsOf(t, p, roleId);
  p.roleActors![roleId] = actors.map((a) => before.find((x) => sameActor(x, a)) ?? withId(t, a));
  projects(t).put(p);
}

export function addDefaultActors(t: Tenant, r: RoleDoc, add: RoleActor[]): void {
  const list = [...r.defaultActors];
  for (const a of add) if (!list.some((x) => sameActor(x, a))) list.push(withId(t, a));
  roles(t).patch(r.id, { defaultActors: list });
}

export function removeDefaultActors(t: Tenant, r: RoleDoc, drop: RoleActor[]): void {
  roles(t).patch(r.id, { defaultActors: r.defaultActors.filter((a) => !drop.some((d) => sameActor(a, d))) });
}

/** Does the user hold the role in the project, directly or through a group? */
export function holdsRole(t: Tenant, p: ProjectDoc, roleId: string, u: UserDoc): boolean {
  return actorsOf(t, p, roleId).some((a) => {
    if (a.type === 'user') return a.accountId === u.accountId;
    const g = groups(t).get(a.groupId);
    return !!g && isMember(u, g);
  });
}

/** The roles the user holds in the project. */
export const rolesOfUser = (t: Tenant, p: ProjectDoc, u: UserDoc): RoleDoc[] => roles(t).filter((r) => holdsRole(t, p, r.id, u));

/** Deleting a role drops it from every project (or hands its actors to `swapTo`). */
export function deleteRole(t: Tenant, r: RoleDoc, swapTo?: RoleDoc): void {
  for (const p of projects(t).values()) {
    const held = p.roleActors?.[r.id];
    if (!held) continue;
    if (swapTo) addActors(t, p, swapTo.id, held);
    delete p.roleActors![r.id];
    projects(t).put(p);
  }
  roles(t).delete(r.id);
}

export function findRoleByName(t: Tenant, name: string): RoleDoc | undefined {
  return roles(t).find((r) => r.name.toLowerCase() === name.toLowerCase());
}

export const activeUser = (t: Tenant, accountId: string) => {
  const u = users(t).get(accountId);
  return u?.active ? u : undefined;
};
