// Site groups: stable ids, lookups by name or id, membership (held on the users), create and remove.
import type { Tenant } from '../../../../src/core/tenant.js';
import { groups, users, type GroupDoc, type UserDoc } from '../../store.js';

/** Group ids are UUIDs in Cloud; derived from the name so a group keeps one id for life. */
export function groupIdOf(name: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export function ensureGroup(t: Tenant, name: string): GroupDoc {
  const id = groupIdOf(name);
  return groups(t).get(id) ?? groups(t).put({ id, name });
}

/** A group by `groupId` or `groupname` (names match case-insensitively, as Jira's do). */
export function findGroup(t: Tenant, by: { groupId?: unknown; groupname?: unknown }): GroupDoc | undefined {
  if (typeof by.groupId === 'string' && by.groupId) return groups(t).get(by.groupId);
  if (typeof by.groupname === 'string' && by.groupname) {
    const n = by.groupname.toLowerCase();
    return groups(t).find((g) => g.name.toLowerCase() === n);
  }
  return undefined;
}

export const membersOf = (t: Tenant, g: GroupDoc): UserDoc[] =>
  users(t).filter((u) => u.groups.includes(g.name)).sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));

export function addMember(t: Tenant, g: GroupDoc, u: UserDoc): void {
  if (!u.groups.includes(g.name)) users(t).patch(u.id, { groups: [...u.groups, g.name] });
}

export function removeMember(t: Tenant, g: GroupDoc, u: UserDoc): void {
  users(t).patch(u.id, { groups: u.groups.filter((n) => n !== g.name) });
}

/** Removes the group and every membership in it; `swap` takes over its role actorships. */
export function deleteGroup(t: Tenant, g: GroupDoc): void {
  for (const u of membersOf(t, g)) removeMember(t, g, u);
  groups(t).delete(g.id);
}

export const isMember = (u: UserDoc, g: GroupDoc) => u.groups.includes(g.name);
