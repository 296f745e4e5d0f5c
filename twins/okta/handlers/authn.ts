// Classic Authentication API: primary authentication, MFA verification, expired-password change and cancel, ending in a session token.
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError, oktaErrorWith } from '../errors.js';
import { advance, clearFailures, finish, noteFailure, openTransaction, transaction, type AuthnTxDoc } from '../model/authn.js';
import { emit } from '../model/events.js';
import { codeMatches, factors, newCode, secrets, type FactorDoc } from '../model/factors.js';
import { checkPassword, issueSessionToken, noteSignIn } from '../model/sessions.js';
import { userActor, users, verifyPassword, type UserDoc } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject } from './common.js';
import { setNewPassword } from './user-credentials.js';

const SENT_CODE = ['sms', 'call', 'email'];

/** The user as a transaction embeds it (Authentication API, "User object"). */
export function embeddedUser(u: UserDoc): Record<string, unknown> {
  const p = u.profile as Record<string, unknown>;
  return {
    id: u.id,
    passwordChanged: u.passwordChanged ?? null,
    profile: { login: u.profile.login, firstName: p.firstName ?? null, lastName: p.lastName ?? null, locale: p.locale ?? 'en', timeZone: p.timezone ?? 'America/Los_Angeles' },
  };
}

export const link = (href: string, name?: string) => ({ ...(name ? { name } : {}), href, hints: { allow: ['POST'] } });

function factorView(ctx: OpContext, f: FactorDoc): Record<string, unknown> {
  return { id: f.id, factorType: f.factorType, provider: f.provider, vendorName: f.vendorName, profile: structuredClone(f.profile), _links: { verify: link(`${ctx.baseUrl}/api/v1/authn/factors/${f.id}/verify`) } };
}

export function pending(ctx: OpContext, tx: AuthnTxDoc, user: UserDoc, extra: Record<string, unknown> = {}): { status: number; body: unknown } {
  const cancel = link(`${ctx.baseUrl}/api/v1/authn/cancel`);
  const embedded: Record<string, unknown> = { user: embeddedUser(user) };
  const links: Record<string, unknown> = { cancel };
  if (tx.status === 'PASSWORD_EXPIRED') links.next = link(`${ctx.baseUrl}/api/v1/authn/credentials/change_password`, 'changePassword');
  if (tx.status === 'MFA_REQUIRED') embedded.factors = activeFactors(ctx, user).map((f) => factorView(ctx, f));
  if (tx.status === 'MFA_CHALLENGE' && tx.factorId) {
    const f = factors(ctx.tenant, user.id).get(tx.factorId);
    if (f) embedded.factor = factorView(ctx, f);
    links.next = link(`${ctx.baseUrl}/api/v1/authn/factors/${tx.factorId}/verify`, 'verify');
  }
  return { status: 200, body: { stateToken: tx.id, expiresAt: new Date(tx.expiresAt).toISOString(), status: tx.status, ...extra, _embedded: embedded, _links: links } };
}

const activeFactors = (ctx: OpContext, user: UserDoc) => factors(ctx.tenant, user.id).filter((f) => f.status === 'ACTIVE' && f.factorType !== 'push');

export function success(ctx: OpContext, user: UserDoc, amr: string[], factorAt: string | null = null) {
  const sessionToken = issueSessionToken(ctx.tenant, user, amr, factorAt);
  noteSignIn(ctx.tenant, users(ctx.tenant).get(user.id)!);
  return { status: 200, body: { expiresAt: new Date(ctx.now().getTime() + 5 * 60_000).toISOString(), status: 'SUCCESS', sessionToken, _embedded: { user: embeddedUser(users(ctx.tenant).get(user.id)!) } } };
}

export function live(ctx: OpContext, stateToken: unknown) {
  const found = transaction(ctx.tenant, stateToken);
  if (!found) throw oktaError('E0000011');
  return found;
}

/** After the password: an expired password first, then any active factor, else done. */
export function afterPassword(ctx: OpContext, user: UserDoc) {
  if (user.status === 'PASSWORD_EXPIRED') return pending(ctx, openTransaction(ctx.tenant, user, 'PASSWORD_EXPIRED'), user);
  if (activeFactors(ctx, user).length) return pending(ctx, openTransaction(ctx.tenant, user, 'MFA_REQUIRED'), user);
  return success(ctx, user, ['pwd']);
}

export const authnHandlers = {
  authnPrimary: (ctx) => {
    const body = bodyObject(ctx);
    if (body.stateToken !== undefined && body.username === undefined) {
      const { tx, user } = live(ctx, body.stateToken);
      return pending(ctx, tx, user);
    }
    if (typeof body.username !== 'string' || typeof body.password !== 'string') throw oktaErrorWith('E0000001', ['username'], { causes: ['username: The field cannot be left blank'] });
    const user = checkPassword(ctx.tenant, body.username, body.password);
    if (!user) {
      const known = users(ctx.tenant).find((u) => u.profile.login.toLowerCase() === String(body.username).toLowerCase());
      if (known?.status === 'LOCKED_OUT') return { status: 200, body: { status: 'LOCKED_OUT', _links: { next: link(`${ctx.baseUrl}/api/v1/authn/recovery/unlock`, 'unlock') } } };
      if (known && noteFailure(ctx.tenant, known)) return { status: 200, body: { status: 'LOCKED_OUT', _links: { next: link(`${ctx.baseUrl}/api/v1/authn/recovery/unlock`, 'unlock') } } };
      throw oktaError('E0000004');
    }
    if (user.status === 'LOCKED_OUT') return { status: 200, body: { status: 'LOCKED_OUT', _links: { next: link(`${ctx.baseUrl}/api/v1/authn/recovery/unlock`, 'unlock') } } };
    if (user.status !== 'ACTIVE' && user.status !== 'PASSWORD_EXPIRED') throw oktaError('E0000004');
    clearFailures(ctx.tenant, user);
    return afterPassword(ctx, user);
  },
  authnVerifyFactor: (ctx) => {
    const body = bodyObject(ctx);
    const { tx, user } = live(ctx, body.stateToken);
    if (tx.status !== 'MFA_REQUIRED' && tx.status !== 'MFA_CHALLENGE') throw oktaError('E0000011');
    const f = factors(ctx.tenant, user.id).get(ctx.params.factorId);
    if (!f || f.status !== 'ACTIVE') throw oktaError('E0000007', `Resource not found: ${ctx.params.factorId} (UserFactor)`);
    // A code-sending factor without a passcode sends one and waits (MFA_CHALLENGE).
    if (SENT_CODE.includes(f.factorType) && body.passCode === undefined) {
      secrets(ctx.tenant).patch(f.id, { code: newCode(ctx.tenant) });
      return pending(ctx, advance(ctx.tenant, tx, { status: 'MFA_CHALLENGE', factorId: f.id }), user, { factorResult: 'CHALLENGE' });
    }
    if (!codeMatches(ctx.tenant, f, user.id, body)) {
      emit(ctx, { eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA', target: [userActor(user)], outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } });
      throw oktaErrorWith('E0000068', [], { causes: ["Your passcode doesn't match our records. Please try again."] });
    }
    finish(ctx.tenant, tx);
    return success(ctx, user, ['pwd', f.factorType === 'question' ? 'kba' : f.factorType === 'email' ? 'email' : f.factorType === 'token:software:totp' ? 'otp' : 'sms', 'mfa'], ctx.now().toISOString());
  },
  authnChangePassword: (ctx) => {
    const body = bodyObject(ctx);
    const { tx, user } = live(ctx, body.stateToken);
    if (tx.status !== 'PASSWORD_EXPIRED') throw oktaError('E0000011');
    if (typeof body.oldPassword !== 'string' || !verifyPassword(ctx.tenant, user.id, body.oldPassword)) {
      throw oktaErrorWith('E0000014', [], { causes: ['oldPassword: Old Password is not correct'] });
    }
    setNewPassword(ctx, user, body.newPassword, 'newPassword');
    finish(ctx.tenant, tx);
    return afterPassword(ctx, users(ctx.tenant).get(user.id)!);
  },
  authnCancel: (ctx) => {
    const body = bodyObject(ctx);
    const { tx } = live(ctx, body.stateToken);
    finish(ctx.tenant, tx);
    return { status: 200, body: { status: 'UNAUTHENTICATED', _links: {} } };
  },
} satisfies Handlers;
