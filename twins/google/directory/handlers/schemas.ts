/** Admin Directory v1 custom user schemas: define, change and remove the fields users' `customSchemas` may hold. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { checkCustomer, requireAdmin } from '../model/directory.js';
import { buildSchema, moveSchemaData, schemaByKey, userSchemas, type UserSchema } from '../model/schemas.js';
import { jsonObject } from '../../request.js';
import { listBody } from '../present/common.js';
import { presentSchema } from '../present/schema.js';

function load(ctx: OpContext): UserSchema {
  requireAdmin(ctx);
  checkCustomer(ctx.tenant, ctx.params.customerId);
  const s = schemaByKey(ctx.tenant, ctx.params.schemaKey);
  if (!s) throw E.resourceNotFound('schemaKey');
  return s;
}

/** update replaces the field list, patch keeps what was not sent; values of fields that went away are dropped from users. */
function change(ctx: OpContext, replace: boolean): Reply {
  const t = ctx.tenant;
  const prev = load(ctx);
  const body = jsonObject(ctx, 'admin');
  const next = buildSchema(t, replace ? { schemaName: prev.schemaName, ...body } : body, prev);
  userSchemas(t).put(next);
  moveSchemaData(t, prev.schemaName, next.schemaName, (f) => next.fields.some((x) => x.fieldName === f));
  return { body: presentSchema(next) };
}

export const adminSchemaHandlers = {
  'directory.schemas.list': (ctx) => {
    requireAdmin(ctx);
    checkCustomer(ctx.tenant, ctx.params.customerId);
    return { body: listBody('admin#directory#schemas', 'schemas', userSchemas(ctx.tenant).values().map(presentSchema)) };
  },
  'directory.schemas.get': (ctx) => ({ body: presentSchema(load(ctx)) }),
  'directory.schemas.insert': (ctx) => {
    requireAdmin(ctx);
    checkCustomer(ctx.tenant, ctx.params.customerId);
    const s = buildSchema(ctx.tenant, jsonObject(ctx, 'admin'));
    userSchemas(ctx.tenant).put(s);
    return { body: presentSchema(s) };
  },
  'directory.schemas.update': (ctx) => change(ctx, true),
  'directory.schemas.patch': (ctx) => change(ctx, false),
  'directory.schemas.delete': (ctx) => {
    const s = load(ctx);
    userSchemas(ctx.tenant).delete(s.id);
    moveSchemaData(ctx.tenant, s.schemaName, undefined);
    return { status: 204 };
  },
} satisfies Handlers;
