// The Subscriptions API: admin notification subscriptions per role and per admin (only the token's own admin reads theirs).
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError } from '../errors.js';
import { NOTIFICATION_TYPES, requireRoleKey, requireType, roleStatus, setRoleStatus, setUserStatus, userRoleKeys, userStatus, type SubStatus } from '../model/subscriptions.js';
import { requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** A subscription links the switch that changes it, then itself (okta-sdk-python cassettes test_subscription_it). */
const present = (href: string, type: string, status: SubStatus) => {
  const flip = status === 'subscribed' ? 'unsubscribe' : 'subscribe';
  return { notificationType: type, channels: ['email'], status, _links: { [flip]: { href: `${href}/${flip}`, hints: { allow: ['POST'] } }, self: { href } } };
};

/**
 * A user's subscriptions are readable and changeable only by that user: Okta answers 403 for
 * anyone else (Subscriptions API, "List all subscriptions for a user").
 */
function self(ctx: OpContext<{ userId: string }>) {
  const u = requireUser(ctx, ctx.params.userId);
  const me = ctx.principal.userId ?? ctx.principal.subject;
  if (u.id !== me) throw oktaError('E0000006');
  return u;
}

const roleHref = (ctx: OpContext, role: string, type: string) => `${ctx.baseUrl}/api/v1/roles/${role}/subscriptions/${type}`;
const userHref = (ctx: OpContext, id: string, type: string) => `${ctx.baseUrl}/api/v1/users/${id}/subscriptions/${type}`;

export const subscriptionHandlers = {
  listRoleSubscriptions: (ctx) => {
    const role = requireRoleKey(ctx.tenant, ctx.params.roleTypeOrRoleId);
    return { status: 200, body: NOTIFICATION_TYPES.map((t) => present(roleHref(ctx, role, t), t, roleStatus(ctx.tenant, role, t))) };
  },
  getRoleSubscriptionByNotificationType: (ctx) => {
    const role = requireRoleKey(ctx.tenant, ctx.params.roleTypeOrRoleId);
    const t = requireType(ctx.params.notificationType);
    return { status: 200, body: present(roleHref(ctx, role, t), t, roleStatus(ctx.tenant, role, t)) };
  },
  subscribeRoleSubscriptionByNotificationType: (ctx) => {
    setRoleStatus(ctx.tenant, requireRoleKey(ctx.tenant, ctx.params.roleTypeOrRoleId), requireType(ctx.params.notificationType), 'subscribed');
    return { status: 200 };
  },
  unsubscribeRoleSubscriptionByNotificationType: (ctx) => {
    setRoleStatus(ctx.tenant, requireRoleKey(ctx.tenant, ctx.params.roleTypeOrRoleId), requireType(ctx.params.notificationType), 'unsubscribed');
    return { status: 200 };
  },
  listUserSubscriptions: (ctx) => {
    const u = self(ctx);
    const types = userRoleKeys(ctx.tenant, u.id).length ? NOTIFICATION_TYPES : [];
    return { status: 200, body: types.map((t) => present(userHref(ctx, u.id, t), t, userStatus(ctx.tenant, u.id, t))) };
  },
  getUserSubscriptionByNotificationType: (ctx) => {
    const u = self(ctx);
    const t = requireType(ctx.params.notificationType);
    return { status: 200, body: present(userHref(ctx, u.id, t), t, userStatus(ctx.tenant, u.id, t)) };
  },
  subscribeUserSubscriptionByNotificationType: (ctx) => {
    const u = self(ctx);
    setUserStatus(ctx.tenant, u.id, requireType(ctx.params.notificationType), 'subscribed');
    return { status: 200 };
  },
  unsubscribeUserSubscriptionByNotificationType: (ctx) => {
    const u = self(ctx);
    setUserStatus(ctx.tenant, u.id, requireType(ctx.params.notificationType), 'unsubscribed');
    return { status: 200 };
  },
} satisfies Handlers;
