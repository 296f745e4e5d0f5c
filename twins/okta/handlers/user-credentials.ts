// User credential operations: change password, change recovery question, forgot password (with or without an answer).
import type { OpContext } from '../../../src/core/handler.js';
import { oktaError, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { passwordComplexityRejected, policyViolation } from '../model/passwords.js';
import {
  KEYS, inPasswordHistory, opaqueToken, setPassword, setRecoveryAnswer, userActor, users, verifyPassword, verifyRecoveryAnswer,
  type UserDoc, type UserStatus,
} from '../store.js';
import { bodyObject, flag, nowIso, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Ctx = OpContext<{ userId: string }>;

/** The UserCredentials object Okta answers with (the password itself never appears). */
const credentialsOf = (u: UserDoc) => structuredClone(u.credentials);

const INCORRECT = 'The credentials provided were incorrect.';

export function setNewPassword(ctx: OpContext, user: UserDoc, value: unknown, field: string): void {
  if (typeof value !== 'string') throw oktaErrorWith('E0000001', [field], { causes: [`${field}: The field cannot be left blank`] });
  if (policyViolation(value, user.profile)) throw passwordComplexityRejected();
  if (inPasswordHistory(ctx.tenant, user.id, value)) throw passwordComplexityRejected(true);
  setPassword(ctx.tenant, user.id, value);
  const now = nowIso(ctx);
  const fields: Partial<UserDoc> = { passwordChanged: now, lastUpdated: now, credentials: { ...user.credentials, password: {} } };
  // Completing a password change ends PASSWORD_EXPIRED and RECOVERY.
  if (user.status === 'PASSWORD_EXPIRED' || user.status === 'RECOVERY') Object.assign(fields, { status: 'ACTIVE', statusChanged: now });
  users(ctx.tenant).patch(user.id, fields);
  emit(ctx, { eventType: 'user.account.update_password', displayMessage: 'Update password for user', target: [userActor(user)] });
}

const CHANGEABLE: UserStatus[] = ['STAGED', 'ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY'];

const changePassword = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  if (!CHANGEABLE.includes(user.status)) throw oktaError('E0000035');
  const old = body.oldPassword?.value;
  if (typeof old !== 'string' || !verifyPassword(ctx.tenant, user.id, old)) {
    throw oktaErrorWith('E0000014', [], { causes: [`oldPassword: ${INCORRECT}`] });
  }
  setNewPassword(ctx, user, body.newPassword?.value, 'newPassword');
  return { status: 200, body: credentialsOf(users(ctx.tenant).get(user.id)!) };
};

const changeRecoveryQuestion = (ctx: Ctx) => {
  const user = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  if (!CHANGEABLE.includes(user.status)) throw oktaError('E0000036');
  const pw = body.password?.value;
  if (typeof pw !== 'string' || !verifyPassword(ctx.tenant, user.id, pw)) throw oktaErrorWith('E0000014', [], { causes: [`password: ${INCORRECT}`] });
  const rq = body.recovery_question;
  if (!rq || typeof rq.question !== 'string' || typeof rq.answer !== 'string' || rq.answer.trim().length < 4) {
    throw oktaErrorWith('E0000001', ['recovery_question'], { causes: ['recovery_question.answer: The security question answer must be at least 4 characters in length'] });
  }
  setRecoveryAnswer(ctx.tenant, user.id, rq.answer);
  users(ctx.tenant).patch(user.id, { credentials: { ...user.credentials, recovery_question: { question: rq.question } }, lastUpdated: nowIso(ctx) });
  return { status: 200, body: credentialsOf(users(ctx.tenant).get(user.id)!) };
};

const RECOVERABLE: UserStatus[] = ['ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY', 'LOCKED_OUT'];

/** Without a body: a recovery link. With `password` + `recovery_question.answer`: sets the password. */
function forgot(ctx: Ctx) {
  const user = requireUser(ctx, ctx.params.userId);
  if (!RECOVERABLE.includes(user.status)) throw oktaError('E0000034');
  const body = bodyObject(ctx, false);
  if (body.password || body.recovery_question) {
    const answer = body.recovery_question?.answer;
    if (typeof answer !== 'string' || !verifyRecoveryAnswer(ctx.tenant, user.id, answer)) throw oktaError('E0000087');
    setNewPassword(ctx, user, body.password?.value, 'password');
    return { status: 200, body: credentialsOf(users(ctx.tenant).get(user.id)!) };
  }
  const token = opaqueToken(ctx.tenant, 20);
  ctx.tenant.collection(KEYS.userTokens).put({ id: `recovery:${user.id}`, token, issued: nowIso(ctx) });
  emit(ctx, { eventType: 'user.account.reset_password', displayMessage: 'Fires when an Okta user resets their password', target: [userActor(user)] });
  const sendEmail = flag(ctx.query, 'sendEmail', true);
  return { status: 200, body: sendEmail ? {} : { resetPasswordUrl: `${ctx.baseUrl}/signin/reset-password/${token}` } };
}

export const userCredentialHandlers = {
  changePassword,
  changeRecoveryQuestion,
  forgotPassword: forgot,
  forgotPasswordSetNewPassword: forgot,
} satisfies Handlers;
