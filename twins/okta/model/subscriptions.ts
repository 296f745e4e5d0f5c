// Admin email notification subscriptions: per admin role (or custom role), with each admin's own overrides.
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound } from '../errors.js';
import { customRoles } from './iam.js';
import { LABELS, roles } from './roles.js';

/** Okta's notification types (the Subscriptions API's NotificationType enum), in the order Okta lists them (okta-sdk-python cassettes test_list_role_subsription). */
export const NOTIFICATION_TYPES = [
  'IWA_AGENT', 'CONNECTOR_AGENT', 'USER_LOCKED_OUT', 'APP_IMPORT', 'AD_AGENT', 'LDAP_AGENT', 'RATELIMIT_NOTIFICATION', 'OKTA_ANNOUNCEMENT', 'OKTA_UPDATE',
  'OKTA_ISSUE', 'USER_DEPROVISION', 'REPORT_SUSPICIOUS_ACTIVITY',
] as const;

/**
 * What a super admin is not subscribed to until someone subscribes them: app import, lockout and deprovisioning
 * mails (terraform cassettes TestAccResourceOktaRoleSubscription_crud in two orgs and the okta-sdk-python org all read
 * APP_IMPORT unsubscribed; the python org lists the other two unsubscribed too). Other roles start subscribed to all.
 */
const OFF_BY_DEFAULT: Record<string, readonly string[]> = { SUPER_ADMIN: ['APP_IMPORT', 'USER_LOCKED_OUT', 'USER_DEPROVISION'] };

export type SubStatus = 'subscribed' | 'unsubscribed';
type State = { roles: Record<string, Record<string, SubStatus>>; users: Record<string, Record<string, SubStatus>> };

const state = (t: Tenant) => t.meta<State>('okta:subscriptions', () => ({ roles: {}, users: {} }));

/** A standard role type or a custom role's id. */
export function requireRoleKey(t: Tenant, roleTypeOrRoleId: string): string {
  if (LABELS[roleTypeOrRoleId] || customRoles(t).has(roleTypeOrRoleId)) return roleTypeOrRoleId;
  throw notFound(roleTypeOrRoleId, 'Role');
}

export function requireType(type: string): string {
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) throw notFound(type, 'Subscription');
  return type;
}

export function roleStatus(t: Tenant, role: string, type: string): SubStatus {
  return state(t).roles[role]?.[type] ?? (OFF_BY_DEFAULT[role]?.includes(type) ? 'unsubscribed' : 'subscribed');
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
