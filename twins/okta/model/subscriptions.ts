// Admin email notification subscriptions: per admin role (or custom role), with each admin's own overrides.
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound } from '../errors.js';
import { customRoles } from './iam.js';
import { LABELS, roles } from './roles.js';

/** Okta's notification types (the Subscriptions API's NotificationType enum). */
export const NOTIFICATION_TYPES = [
  'CONNECTOR_AGENT', 'USER_LOCKED_OUT', 'APP_IMPORT', 'LDAP_AGENT', 'AD_AGENT', 'OKTA_ANNOUNCEMENT', 'OKTA_ISSUE', 'OKTA_UPDATE', 'IWA_AGENT',
  'USER_DEPROVISION', 'REPORT_SUSPICIOUS_ACTIVITY', 'RATELIMIT_NOTIFICATION',
] as const;

export type SubStatus = 'subscribed' | 'unsubscribed';
type State = { roles: Record<string, Record<string, SubStatus>>; users: Record<string, Record<string, SubStatus>> };

const state = (t: Tenant) => t.meta<State>('okta:subscriptions', () => ({ roles: {}, users: {} }));

/** A standard role type or a custom role's id: every admin role starts subscribed to every notification. */
export function requireRoleKey(t: Tenant, roleTypeOrRoleId: string): string {
  if (LABELS[roleTypeOrRoleId] || customRoles(t).has(roleTypeOrRoleId)) return roleTypeOrRoleId;
  throw notFound(roleTypeOrRoleId, 'Role');
}

export function requireType(type: string): string {
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) throw notFound(type, 'Subscription');
  return type;
}

export function roleStatus(t: Tenant, role: string, type: string): SubStatus {
  return state(t).roles[role]?.[type] ?? 'subscribed';
}

export function setRoleStatus(t: Tenant, role: string, type: string, status: SubStatus): void {
  const s = state(t);
  (s.roles[role] ??= {})[type] = status;
  t.setMeta('okta:subscriptions', s);
}

/** The role keys a user holds directly (standard types and custom role ids). */
export function userRoleKeys(t: Tenant, userId: string): string[] {
  return roles(t, { kind: 'users', id: userId }).values().map((r) => (r.type === 'CUSTOM' ? String(r.role) : r.type));
}

/** A user's status: their own choice, else subscribed when any of their roles is. */
export function userStatus(t: Tenant, userId: string, type: string): SubStatus {
  const own = state(t).users[userId]?.[type];
  if (own) return own;
  return userRoleKeys(t, userId).some((r) => roleStatus(t, r, type) === 'subscribed') ? 'subscribed' : 'unsubscribed';
}

export function setUserStatus(t: Tenant, userId: string, type: string, status: SubStatus): void {
  const s = state(t);
  (s.users[userId] ??= {})[type] = status;
  t.setMeta('okta:subscriptions', s);
}
