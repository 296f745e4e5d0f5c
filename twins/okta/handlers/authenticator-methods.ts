// Authenticator methods: list, read, replace settings, activate and deactivate the methods of an authenticator.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound } from '../errors.js';
import { methodOf, methodsOf, replaceMethod, setMethodStatus } from '../model/authenticators.js';
import { presentMethod } from '../present/authenticator-methods.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject } from './common.js';

function authenticator(ctx: OpContext): Doc {
  const id = (ctx.params as Record<string, string>).authenticatorId;
  const a = ctx.tenant.collection('/api/v1/authenticators').get(id);
  if (!a) throw notFound(id, 'Authenticator');
  return a;
}

const method = (ctx: OpContext) => methodOf(ctx.tenant, authenticator(ctx), String((ctx.params as Record<string, string>).methodType));

export const authenticatorMethodHandlers = {
  listAuthenticatorMethods: (ctx) => ({ status: 200, body: methodsOf(ctx.tenant, authenticator(ctx)).map((m) => presentMethod(ctx, m)) }),
  getAuthenticatorMethod: (ctx) => ({ status: 200, body: presentMethod(ctx, method(ctx)) }),
  replaceAuthenticatorMethod: (ctx) => {
    const m = method(ctx);
    const body = bodyObject(ctx);
    return { status: 200, body: presentMethod(ctx, replaceMethod(ctx.tenant, m, body.settings && typeof body.settings === 'object' ? body.settings : undefined)) };
  },
  activateAuthenticatorMethod: (ctx) => ({ status: 200, body: presentMethod(ctx, setMethodStatus(ctx.tenant, method(ctx), 'ACTIVE')) }),
  deactivateAuthenticatorMethod: (ctx) => ({ status: 200, body: presentMethod(ctx, setMethodStatus(ctx.tenant, method(ctx), 'INACTIVE')) }),
} satisfies Handlers;
