// User lifecycle operations with Okta's allowed-transition rules and exact refusals.
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { temporaryPassword } from '../model/passwords.js';
import { presentUser } from '../present/users.js';
import { applyRulesToUser } from '../model/group-rules.js';
import { KEYS, hasPassword, opaqueToken, setPassword, userActor, users, type UserDoc, type UserStatus } from '../store.js';
import { emptyObject, flag, noContent, nowIso, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { endUserSessions as endAllSessions } from '../model/sessions.js';

type Ctx = OpContext<{ userId: string }>;

/** Moves a user to a status, stamping statusChanged/lastUpdated (and activated when it becomes ACTIVE). */
function transition(ctx: OpContext, user: UserDoc, status: UserStatus, extra: Partial<UserDoc> = {}): UserDoc {
  const now = nowIso(ctx);
  const fields: Partial<UserDoc> = { status, statusChanged: now, lastUpdated: now, ...extra };
  if (status === 'ACTIVE' && !user.activated) fields.activated = now;
  delete (user as Partial<UserDoc>).transitioningToStatus;
  return users(ctx.tenant).patch(user.id, fields)!;
}

/** A one-time token kept per user (activation, recovery), answered as Okta's URL when email is off. */
function issueToken(ctx: OpContext, user: UserDoc, kind: 'activation' | 'recovery'): string {
  const token = opaqueToken(ctx.tenant, 20);
  ctx.tenant.collection(KEYS.userTokens).put({ id: `${kind}:${user.id}`, token, issued: nowIso(ctx) });
  return token;
}

const log = (ctx: OpContext, user: UserDoc, eventType: string, displayMessage: string) =>
  emit(ctx, { eventType, displayMessage, target: [userActor(user)] });

const activateUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  // Okta activates only STAGED or DEPROVISIONED users.
  if (user.status !== 'STAGED' && user.status !== 'DEPROVISIONED') throw oktaError('E0000016');
  const sendEmail = flag(ctx.query, 'sendEmail', true);
  const next = transition(ctx, user, hasPassword(ctx.tenant, user.id) ? 'ACTIVE' : 'PROVISIONED');
  log(ctx, next, 'user.lifecycle.activate', 'Activate Okta user');
  applyRulesToUser(ctx.tenant, next);
  const token = issueToken(ctx, next, 'activation');
  return { status: 200, body: sendEmail ? {} : { activationUrl: `${ctx.baseUrl}/welcome/${token}`, activationToken: token } };
};

const reactivateUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  // Only a PROVISIONED user (activation never completed) can be reactivated.
  if (user.status !== 'PROVISIONED') throw oktaError('E0000038');
  const sendEmail = flag(ctx.query, 'sendEmail', false);
  users(ctx.tenant).patch(user.id, { lastUpdated: nowIso(ctx) });
  log(ctx, user, 'user.lifecycle.reactivate', 'Reactivate Okta user');
  const token = issueToken(ctx, user, 'activation');
  return { status: 200, body: sendEmail ? {} : { activationUrl: `${ctx.baseUrl}/welcome/${token}`, activationToken: token } };
};

const deactivateUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  if (user.status === 'DEPROVISIONED') throw oktaError('E0000038');
  const next = transition(ctx, user, 'DEPROVISIONED');
  ctx.tenant.collection(KEYS.userTokens).delete(`activation:${user.id}`);
  log(ctx, next, 'user.lifecycle.deactivate', 'Deactivate Okta user');
  applyRulesToUser(ctx.tenant, next);
  return emptyObject();
};

const suspendUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  // Okta offers `suspend` on ACTIVE users and those mid password change (cassette _links of PASSWORD_EXPIRED users).
  if (!['ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY'].includes(user.status)) throw oktaError('E0000001', 'Cannot suspend a user that is not active');
  log(ctx, transition(ctx, user, 'SUSPENDED'), 'user.lifecycle.suspend', 'Suspend Okta user');
  return emptyObject();
};

const unsuspendUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  if (user.status !== 'SUSPENDED') throw oktaError('E0000001', 'Cannot unsuspend a user that is not suspended');
  log(ctx, transition(ctx, user, 'ACTIVE'), 'user.lifecycle.unsuspend', 'Unsuspend Okta user');
  return emptyObject();
};

const unlockUser = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  // Cassette test_users_it unlock: 403 E0000032 with this cause for a user who is not locked out.
  if (user.status !== 'LOCKED_OUT') throw oktaErrorWith('E0000032', [], { causes: ['The user is not locked out.'] });
  log(ctx, transition(ctx, user, 'ACTIVE'), 'user.account.unlock_by_admin', 'Unlock user account by admin');
  return emptyObject();
};

const RECOVERABLE: UserStatus[] = ['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY'];

const resetPassword = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  if (!RECOVERABLE.includes(user.status)) throw oktaError('E0000017');
  const sendEmail = flag(ctx.query, 'sendEmail', true);
  const next = transition(ctx, user, 'RECOVERY');
  const token = issueToken(ctx, next, 'recovery');
  log(ctx, next, 'user.account.reset_password', 'Fires when an Okta user resets their password');
  return { status: 200, body: sendEmail ? {} : { resetPasswordUrl: `${ctx.baseUrl}/reset_password/${token}` } };
};

const expirePassword = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  if (!RECOVERABLE.includes(user.status) || !hasPassword(ctx.tenant, user.id)) throw oktaError('E0000038');
  const next = transition(ctx, user, 'PASSWORD_EXPIRED');
  log(ctx, next, 'user.account.expire_password', 'Expire user password');
  // The 2.15.0 spec's expire_password?tempPassword=true variant folds into this path.
  if (flag(ctx.query, 'tempPassword', false)) return withTempPassword(ctx, next);
  return { status: 200, body: presentUser(ctx, next) };
};

function withTempPassword(ctx: OpContext, user: UserDoc) {
  const temp = temporaryPassword(ctx.tenant);
  setPassword(ctx.tenant, user.id, temp);
  users(ctx.tenant).patch(user.id, { passwordChanged: nowIso(ctx) });
  return { status: 200, body: { tempPassword: temp } };
}

const expirePasswordAndGetTemporaryPassword = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  if (!RECOVERABLE.includes(user.status)) throw oktaError('E0000038');
  const next = transition(ctx, user, 'PASSWORD_EXPIRED');
  log(ctx, next, 'user.account.expire_password', 'Expire user password');
  return withTempPassword(ctx, next);
};

const resetFactors = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  ctx.tenant.collection(`${KEYS.users}/${user.id}/factors`).clear();
  log(ctx, user, 'user.mfa.factor.reset_all', 'Reset all factors for user');
  return emptyObject();
};

const clearUserSessions = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  endAllSessions(ctx.tenant, user.id);
  log(ctx, user, 'user.session.clear', 'Clear user session');
  return noContent();
};

const endUserSessions = (ctx: OpContext) => {
  const user = requireUser(ctx, 'me');
  endAllSessions(ctx.tenant, user.id);
  log(ctx, user, 'user.session.clear', 'Clear user session');
  return emptyObject();
};

export const userLifecycleHandlers = {
  activateUser,
  reactivateUser,
  deactivateUser,
  suspendUser,
  unsuspendUser,
  unlockUser,
  resetPassword,
  expirePassword,
  expirePasswordAndGetTemporaryPassword,
  resetFactors,
  clearUserSessions,
  endUserSessions,
} satisfies Handlers;
