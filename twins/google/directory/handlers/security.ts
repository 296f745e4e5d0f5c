/** Admin Directory v1 user security: tokens (apps a user authorized), ASPs, backup verification codes, 2SV turnOff and signOut. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import type { DirUser } from '../../store.js';
import { requireAdmin, userByKey } from '../model/directory.js';
import { asps, generateCodes, grantsOf, invalidateCodes, revokeGrant, turnOff2Sv, verificationCodes } from '../model/security.js';
import { listBody } from '../present/common.js';
import { presentAsp, presentToken, presentVerificationCode } from '../present/security.js';

function owner(ctx: OpContext): DirUser {
  requireAdmin(ctx);
  const u = userByKey(ctx.tenant, ctx.params.userKey);
  if (!u) throw E.resourceNotFound('userKey');
  return u;
}

function asp(ctx: OpContext) {
  const u = owner(ctx);
  const a = asps(ctx.tenant).find((x) => x.userId === u.id && String(x.codeId) === ctx.params.codeId);
  if (!a) throw E.resourceNotFound('codeId');
  return a;
}

export const adminSecurityHandlers = {
  'directory.tokens.list': (ctx) => {
    const u = owner(ctx);
    return { body: listBody('admin#directory#tokenList', 'items', grantsOf(ctx.tenant, u).map((g) => presentToken(u, g))) };
  },
  'directory.tokens.get': (ctx) => {
    const u = owner(ctx);
    const g = grantsOf(ctx.tenant, u).find((x) => x.clientId === ctx.params.clientId);
    if (!g) throw E.resourceNotFound('clientId');
    return { body: presentToken(u, g) };
  },
  'directory.tokens.delete': (ctx) => {
    const u = owner(ctx);
    if (!revokeGrant(ctx.tenant, u, ctx.params.clientId)) throw E.resourceNotFound('clientId');
    return { status: 204 };
  },
  'directory.asps.list': (ctx) => {
    const u = owner(ctx);
    return { body: listBody('admin#directory#aspList', 'items', asps(ctx.tenant).filter((a) => a.userId === u.id).map(presentAsp)) };
  },
  'directory.asps.get': (ctx) => ({ body: presentAsp(asp(ctx)) }),
  'directory.asps.delete': (ctx) => {
    asps(ctx.tenant).delete(asp(ctx).id);
    return { status: 204 };
  },
  'directory.verificationCodes.list': (ctx) => {
    const u = owner(ctx);
    return { body: listBody('admin#directory#verificationCodesList', 'items', verificationCodes(ctx.tenant).filter((c) => c.userId === u.id).map(presentVerificationCode)) };
  },
  'directory.verificationCodes.generate': (ctx) => {
    generateCodes(ctx.tenant, owner(ctx));
    return { status: 204 };
  },
  'directory.verificationCodes.invalidate': (ctx) => {
    invalidateCodes(ctx.tenant, owner(ctx));
    return { status: 204 };
  },
  'directory.twoStepVerification.turnOff': (ctx) => {
    turnOff2Sv(ctx.tenant, owner(ctx));
    return { status: 204 };
  },
  /** Ends the user's web and device sessions; the twin keeps no browser sessions, and OAuth grants survive sign-out as they do at Google. */
  'directory.users.signOut': (ctx) => {
    owner(ctx);
    return { status: 204 };
  },
} satisfies Handlers;

