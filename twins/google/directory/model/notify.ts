/** Directory change notifications: what users.watch and users.aliases.watch channels hear, by event, with the body Google sends. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { announce } from '../../resource-events.js';
import { etag, type DirUser } from '../../store.js';

export type UserEvent = 'add' | 'delete' | 'makeAdmin' | 'undelete' | 'update';
export type AliasEvent = 'add' | 'delete';

/** Channel keys: every event of a collection, or one event (the `event` argument of watch). */
export const usersKey = (event?: string) => (event ? `directory:users:${event}` : 'directory:users');
export const aliasesKey = (userId: string, event?: string) => (event ? `directory:aliases:${userId}:${event}` : `directory:aliases:${userId}`);

/**
 * A user notification names the event in X-Goog-Resource-State and carries
 * the user's kind, id, etag and primaryEmail (Admin SDK push notifications guide).
 */
export function userChanged(t: Tenant, u: DirUser, event: UserEvent): void {
  const ref = { kind: 'admin#directory#user', id: u.id, primaryEmail: u.primaryEmail };
  const change = { state: event, body: { ...ref, etag: etag(ref) } };
  announce(t, usersKey(), undefined, change);
  announce(t, usersKey(event), undefined, change);
}

export function aliasChanged(t: Tenant, u: DirUser, alias: string, event: AliasEvent): void {
  const ref = { kind: 'admin#directory#alias', id: u.id, primaryEmail: u.primaryEmail, alias };
  const change = { state: event, body: { ...ref, etag: etag(ref) } };
  announce(t, aliasesKey(u.id), undefined, change);
  announce(t, aliasesKey(u.id, event), undefined, change);
}
