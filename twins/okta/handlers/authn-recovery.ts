// Authentication API self-service recovery: forgot password and unlock account by email token or SMS/voice code, the recovery question, and the new password.
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError, oktaErrorWith, validationError } from '../errors.js';
import { advance, clearFailures, finish, openTransaction, type AuthnTxDoc } from '../model/authn.js';
import { emit } from '../model/events.js';
import { codeMatches, factors, newCode, secrets } from '../model/factors.js';
import { KEYS, opaqueToken, userActor, users, verifyRecoveryAnswer, type UserDoc } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { afterPassword, embeddedUser, link, live } from './authn.js';
import { bodyObject, nowIso } from './common.js';
import { setNewPassword } from './user-credentials.js';

type RecoveryType = 'PASSWORD' | 'UNLOCK';

/** Users a recovery can start for (Okta: forgot password needs a recoverable status, unlock a locked one). */
const CAN_RECOVER: Record<RecoveryType, string[]> = { PASSWORD: ['ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY', 'LOCKED_OUT'], UNLOCK: ['LOCKED_OUT'] };

/** A recovery transaction as Okta answers it: the next step's link, and the recovery question once it is asked. */
function recoveryState(ctx: OpContext, tx: AuthnTxDoc, user: UserDoc, extra: Record<string, unknown> = {}) {
  const links: Record<string, unknown> = { cancel: link(`${ctx.baseUrl}/api/v1/authn/cancel`) };
  const embeddedUserView: Record<string, unknown> = embeddedUser(user);
  if (tx.status === 'RECOVERY_CHALLENGE') {
    const f = tx.factorId ? factors(ctx.tenant, user.id).get(tx.factorId) : undefined;
    const type = f?.factorType === 'call' ? 'CALL' : 'SMS';
    links.next = link(`${ctx.baseUrl}/api/v1/authn/recovery/factors/${type}/verify`, 'verify');
    extra = { factorType: type, ...extra };
  }
  if (tx.status === 'RECOVERY') {
    links.next = link(`${ctx.baseUrl}/api/v1/authn/recovery/answer`, 'answer');
    embeddedUserView.recovery_question = { question: user.credentials.recovery_question?.question };
  }
  if (tx.status === 'PASSWORD_RESET') links.next = link(`${ctx.baseUrl}/api/v1/authn/credentials/reset_password`, 'resetPassword');
  return { status: 200, body: { stateToken: tx.id, expiresAt: new Date(tx.expiresAt).toISOString(), status: tx.status, recoveryType: tx.recoveryType, ...extra, _embedded: { user: embeddedUserView }, _links: links } };
}

/** After the person proved who they are: the recovery question if they have one, else straight on. */
function proven(ctx: OpContext, tx: AuthnTxDoc, user: UserDoc) {
  if (user.credentials.recovery_question) return recoveryState(ctx, advance(ctx.tenant, tx, { status: 'RECOVERY', factorId: undefined }), user);
  return answered(ctx, tx, user);
}

/** The question answered: a password recovery asks for the new password; an unlock is done. */
function answered(ctx: OpContext, tx: AuthnTxDoc, user: UserDoc) {
  if (tx.recoveryType === 'PASSWORD') return recoveryState(ctx, advance(ctx.tenant, tx, { status: 'PASSWORD_RESET' }), user);
  finish(ctx.tenant, tx);
  const now = nowIso(ctx);
  users(ctx.tenant).patch(user.id, { status: 'ACTIVE', statusChanged: now, lastUpdated: now });
  clearFailures(ctx.tenant, user);
  emit(ctx, { eventType: 'user.account.unlock', displayMessage: 'Unlock user account', target: [userActor(user)] });
  return { status: 200, body: { status: 'SUCCESS', recoveryType: 'UNLOCK', _links: {} } };
}

/**
 * Starts a recovery. By EMAIL a recovery token goes out by mail and no stateToken is answered;
 * by SMS or CALL a code goes to the user's active phone factor and the transaction waits for it.
 * An unknown user gets the same EMAIL answer, so the endpoint does not reveal who exists.
 */
function start(ctx: OpContext, type: RecoveryType) {
  const b = bodyObject(ctx);
  if (typeof b.username !== 'string' || !b.username) throw validationError('username', 'The field cannot be left blank');
  const factorType = String(b.factorType ?? 'EMAIL').toUpperCase();
  if (!['EMAIL', 'SMS', 'CALL'].includes(factorType)) throw validationError('factorType', 'Does not match required pattern');
  const user = users(ctx.tenant).find((u) => u.profile.login.toLowerCase() === b.username.toLowerCase());
  if (user && !CAN_RECOVER[type].includes(user.status)) throw oktaError(type === 'UNLOCK' ? 'E0000032' : 'E0000034');
  if (factorType === 'EMAIL' || !user) {
    if (user) ctx.tenant.collection(KEYS.userTokens).put({ id: `recovery:${user.id}`, token: opaqueToken(ctx.tenant, 20), issued: nowIso(ctx), recoveryType: type });
    return { status: 200, body: { status: 'RECOVERY_CHALLENGE', factorResult: 'WAITING', factorType: 'EMAIL', recoveryType: type, _links: {} } };
  }
  const f = factors(ctx.tenant, user.id).find((x) => x.status === 'ACTIVE' && x.factorType === factorType.toLowerCase());
  if (!f) throw oktaErrorWith('E0000001', ['factorType'], { causes: [`factorType: The user has no active ${factorType} factor.`] });
  secrets(ctx.tenant).patch(f.id, { code: newCode(ctx.tenant) });
  return recoveryState(ctx, openTransaction(ctx.tenant, user, 'RECOVERY_CHALLENGE', { recoveryType: type, factorId: f.id }), user, { factorResult: 'WAITING' });
}

export const authnRecoveryHandlers = {
  authnForgotPassword: (ctx) => start(ctx, 'PASSWORD'),
  authnUnlockAccount: (ctx) => start(ctx, 'UNLOCK'),
  authnVerifyRecoveryFactor: (ctx) => {
    const b = bodyObject(ctx);
    const { tx, user } = live(ctx, b.stateToken);
    const f = tx.factorId ? factors(ctx.tenant, user.id).get(tx.factorId) : undefined;
    if (tx.status !== 'RECOVERY_CHALLENGE' || !f || f.factorType !== ctx.params.factorType.toLowerCase()) throw oktaError('E0000011');
    if (!codeMatches(ctx.tenant, f, user.id, b)) throw oktaErrorWith('E0000068', [], { causes: ["Your passcode doesn't match our records. Please try again."] });
    return proven(ctx, tx, user);
  },
  /** The token from the recovery email (or an admin's reset_password link). */
  authnVerifyRecoveryToken: (ctx) => {
    const b = bodyObject(ctx);
    const doc = typeof b.recoveryToken === 'string' && b.recoveryToken ? ctx.tenant.collection<{ id: string; token: string; recoveryType?: RecoveryType }>(KEYS.userTokens).find((d) => d.id.startsWith('recovery:') && d.token === b.recoveryToken) : undefined;
    const user = doc ? users(ctx.tenant).get(doc.id.slice('recovery:'.length)) : undefined;
    if (!doc || !user) throw oktaError('E0000105');
    ctx.tenant.collection(KEYS.userTokens).delete(doc.id);
    return proven(ctx, openTransaction(ctx.tenant, user, 'RECOVERY', { recoveryType: doc.recoveryType ?? 'PASSWORD' }), user);
  },
  authnAnswerRecoveryQuestion: (ctx) => {
    const b = bodyObject(ctx);
    const { tx, user } = live(ctx, b.stateToken);
    if (tx.status !== 'RECOVERY') throw oktaError('E0000011');
    if (typeof b.answer !== 'string' || !verifyRecoveryAnswer(ctx.tenant, user.id, b.answer)) throw oktaError('E0000087');
    return answered(ctx, tx, user);
  },
  authnResetPassword: (ctx) => {
    const b = bodyObject(ctx);
    const { tx, user } = live(ctx, b.stateToken);
    if (tx.status !== 'PASSWORD_RESET') throw oktaError('E0000011');
    setNewPassword(ctx, user, b.newPassword, 'newPassword');
    finish(ctx.tenant, tx);
    const now = nowIso(ctx);
    const next = users(ctx.tenant).patch(user.id, { status: 'ACTIVE', statusChanged: user.status === 'ACTIVE' ? user.statusChanged : now, lastUpdated: now })!;
    clearFailures(ctx.tenant, next);
    return afterPassword(ctx, next);
  },
} satisfies Handlers;
